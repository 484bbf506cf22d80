//! Where a request is in its lifecycle, and how it moves on.
//!
//! The lifecycle is the loop 群众点单 → 社区派单 → 社会组织接单 → 群众评单
//! (the resident orders, the community dispatches, the organisation accepts
//! and delivers, the resident evaluates), written as a [`State`] enum and the
//! free function [`apply`].

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::evaluation::{Evaluation, EvaluationError};

/// Where a request is in its lifecycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum State {
    /// Being filled in on the device.
    Draft,
    /// Complete, waiting for a connection to be sent.
    Queued,
    /// Sent, but the intake's answer was lost: it may or may not have
    /// arrived. Sending again is the resident's choice (it may make a
    /// second request), unless the intake drops repeats.
    Unconfirmed,
    /// Received by the intake channel.
    Submitted,
    /// The community or the provider took it on.
    Accepted,
    /// A time was agreed (`at` as the provider gave it).
    Scheduled { at: String },
    /// The resident or the provider says it was received.
    Delivered,
    /// The resident rated the service.
    Evaluated(Evaluation),
    /// Withdrawn by the resident.
    Cancelled,
    /// Turned down by the intake channel.
    Rejected { reason: String },
}

/// Something that happens to a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Submit,
    QueueOffline,
    Accept,
    Schedule {
        at: String,
    },
    Deliver,
    Evaluate(Evaluation),
    Cancel,
    Reject {
        reason: String,
    },
    /// A send left the device but no answer came back.
    AnswerLost,
}

/// Why an event cannot happen to a request.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TransitionError {
    /// The event is not allowed in the current state.
    #[error("cannot `{event}` a request that is `{state}`")]
    Illegal {
        state: &'static str,
        event: &'static str,
    },
    /// The evaluation is not valid.
    #[error(transparent)]
    Evaluation(#[from] EvaluationError),
}

/// The state a request moves to when `event` happens in `state`.
///
/// The legal moves are:
///
/// | from | events |
/// | --- | --- |
/// | draft | submit, queue_offline, cancel |
/// | queued | submit, answer_lost, cancel |
/// | unconfirmed | submit, answer_lost, cancel |
/// | submitted | accept, reject, deliver, cancel |
/// | accepted | schedule, deliver, cancel |
/// | scheduled | schedule (reschedule), deliver, cancel |
/// | delivered | evaluate |
///
/// Evaluated, cancelled and rejected are final. Anything else is
/// [`TransitionError::Illegal`]; an evaluation with too long a comment is
/// [`TransitionError::Evaluation`].
pub fn apply(state: &State, event: &Event) -> Result<State, TransitionError> {
    use State as S;
    let next = match (state, event) {
        (S::Draft | S::Queued | S::Unconfirmed, Event::Submit) => S::Submitted,
        (S::Queued | S::Unconfirmed, Event::AnswerLost) => S::Unconfirmed,
        (S::Draft, Event::QueueOffline) => S::Queued,
        (S::Submitted, Event::Accept) => S::Accepted,
        (S::Submitted, Event::Reject { reason }) => S::Rejected {
            reason: reason.clone(),
        },
        (S::Accepted | S::Scheduled { .. }, Event::Schedule { at }) => {
            S::Scheduled { at: at.clone() }
        }
        // With a voucher nobody tells the device the request was accepted:
        // the resident's word that they received the service settles it.
        (S::Submitted | S::Accepted | S::Scheduled { .. }, Event::Deliver) => S::Delivered,
        (S::Delivered, Event::Evaluate(evaluation)) => {
            evaluation.validate()?;
            S::Evaluated(evaluation.clone())
        }
        (
            S::Draft
            | S::Queued
            | S::Unconfirmed
            | S::Submitted
            | S::Accepted
            | S::Scheduled { .. },
            Event::Cancel,
        ) => S::Cancelled,
        _ => {
            return Err(TransitionError::Illegal {
                state: state.as_str(),
                event: event.as_str(),
            })
        }
    };
    Ok(next)
}

impl State {
    /// The state's name, as serialized and in messages.
    pub fn as_str(&self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Queued => "queued",
            State::Unconfirmed => "unconfirmed",
            State::Submitted => "submitted",
            State::Accepted => "accepted",
            State::Scheduled { .. } => "scheduled",
            State::Delivered => "delivered",
            State::Evaluated(_) => "evaluated",
            State::Cancelled => "cancelled",
            State::Rejected { .. } => "rejected",
        }
    }

    /// Whether no event can move the request on.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            State::Evaluated(_) | State::Cancelled | State::Rejected { .. }
        )
    }

    /// Whether the intake has the request and may still move it on (accept,
    /// schedule, deliver or reject it): submitted, accepted or scheduled. Only
    /// these are worth asking the intake about.
    pub fn awaits_intake(&self) -> bool {
        matches!(
            self,
            State::Submitted | State::Accepted | State::Scheduled { .. }
        )
    }

    /// Whether the request is kept on the device, waiting to be sent by the
    /// app without asking (an unconfirmed one waits for the resident).
    pub fn waits_to_send(&self) -> bool {
        matches!(self, State::Queued)
    }

    /// Whether a request in this state counts against a per-resident limit:
    /// every state except draft, cancelled and rejected.
    pub fn counts_toward_limit(&self) -> bool {
        !matches!(
            self,
            State::Draft | State::Cancelled | State::Rejected { .. }
        )
    }
}

impl Event {
    /// The event's name, as serialized and in messages.
    pub fn as_str(&self) -> &'static str {
        match self {
            Event::Submit => "submit",
            Event::QueueOffline => "queue_offline",
            Event::Accept => "accept",
            Event::Schedule { .. } => "schedule",
            Event::Deliver => "deliver",
            Event::Evaluate(_) => "evaluate",
            Event::Cancel => "cancel",
            Event::Reject { .. } => "reject",
            Event::AnswerLost => "answer_lost",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Satisfaction;

    fn evaluation() -> Evaluation {
        Evaluation::new(Satisfaction::Satisfied, "准时，热情").unwrap()
    }

    fn all_states() -> Vec<State> {
        vec![
            State::Draft,
            State::Queued,
            State::Unconfirmed,
            State::Submitted,
            State::Accepted,
            State::Scheduled {
                at: "2026-11-21T09:00:00+08:00".into(),
            },
            State::Delivered,
            State::Evaluated(evaluation()),
            State::Cancelled,
            State::Rejected {
                reason: "outside the service area".into(),
            },
        ]
    }

    fn all_events() -> Vec<Event> {
        vec![
            Event::Submit,
            Event::QueueOffline,
            Event::Accept,
            Event::Schedule {
                at: "2026-11-22T10:00:00+08:00".into(),
            },
            Event::Deliver,
            Event::Evaluate(evaluation()),
            Event::Cancel,
            Event::Reject {
                reason: "no places".into(),
            },
            Event::AnswerLost,
        ]
    }

    #[test]
    fn every_state_and_event_pair_has_the_expected_result() {
        // One row per state, one column per event in the order of
        // `all_events`: the state reached, or `-` when illegal.
        let table: [(&str, [&str; 9]); 10] = [
            (
                "draft",
                [
                    "submitted",
                    "queued",
                    "-",
                    "-",
                    "-",
                    "-",
                    "cancelled",
                    "-",
                    "-",
                ],
            ),
            (
                "queued",
                [
                    "submitted",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "cancelled",
                    "-",
                    "unconfirmed",
                ],
            ),
            (
                "unconfirmed",
                [
                    "submitted",
                    "-",
                    "-",
                    "-",
                    "-",
                    "-",
                    "cancelled",
                    "-",
                    "unconfirmed",
                ],
            ),
            (
                "submitted",
                [
                    "-",
                    "-",
                    "accepted",
                    "-",
                    "delivered",
                    "-",
                    "cancelled",
                    "rejected",
                    "-",
                ],
            ),
            (
                "accepted",
                [
                    "-",
                    "-",
                    "-",
                    "scheduled",
                    "delivered",
                    "-",
                    "cancelled",
                    "-",
                    "-",
                ],
            ),
            (
                "scheduled",
                [
                    "-",
                    "-",
                    "-",
                    "scheduled",
                    "delivered",
                    "-",
                    "cancelled",
                    "-",
                    "-",
                ],
            ),
            (
                "delivered",
                ["-", "-", "-", "-", "-", "evaluated", "-", "-", "-"],
            ),
            ("evaluated", ["-", "-", "-", "-", "-", "-", "-", "-", "-"]),
            ("cancelled", ["-", "-", "-", "-", "-", "-", "-", "-", "-"]),
            ("rejected", ["-", "-", "-", "-", "-", "-", "-", "-", "-"]),
        ];
        let event_names = [
            "submit",
            "queue_offline",
            "accept",
            "schedule",
            "deliver",
            "evaluate",
            "cancel",
            "reject",
            "answer_lost",
        ];
        let mut cases = 0;
        for (state, (state_name, row)) in all_states().iter().zip(table) {
            assert_eq!(state.as_str(), state_name);
            for ((event, event_name), expected) in all_events().iter().zip(event_names).zip(row) {
                assert_eq!(event.as_str(), event_name);
                let got = apply(state, event);
                if expected == "-" {
                    assert_eq!(
                        got.map_err(|e| e.to_string()),
                        Err(format!(
                            "cannot `{event_name}` a request that is `{state_name}`"
                        )),
                    );
                } else {
                    assert_eq!(
                        got.map(|s| s.as_str()),
                        Ok(expected),
                        "{state_name} + {event_name}"
                    );
                }
                cases += 1;
            }
        }
        assert_eq!(cases, 90);
    }

    #[test]
    fn only_requests_at_the_intake_are_worth_asking_about() {
        let names = |keep: fn(&State) -> bool| -> Vec<&'static str> {
            all_states()
                .iter()
                .filter(|s| keep(s))
                .map(State::as_str)
                .collect()
        };
        assert_eq!(
            names(State::awaits_intake),
            ["submitted", "accepted", "scheduled"]
        );
        assert_eq!(names(State::waits_to_send), ["queued"]);
    }

    #[test]
    fn transitions_carry_their_data() {
        let at = "2026-11-22T10:00:00+08:00".to_owned();
        assert_eq!(
            apply(&State::Accepted, &Event::Schedule { at: at.clone() }),
            Ok(State::Scheduled { at: at.clone() })
        );
        assert_eq!(
            apply(
                &State::Scheduled { at: "x".into() },
                &Event::Schedule { at: at.clone() }
            ),
            Ok(State::Scheduled { at })
        );
        assert_eq!(
            apply(
                &State::Submitted,
                &Event::Reject {
                    reason: "名额已满".into()
                }
            ),
            Ok(State::Rejected {
                reason: "名额已满".into()
            })
        );
        assert_eq!(
            apply(&State::Delivered, &Event::Evaluate(evaluation())),
            Ok(State::Evaluated(evaluation()))
        );
        let too_long = Evaluation {
            level: Satisfaction::Neutral,
            comment: "长".repeat(501),
        };
        assert_eq!(
            apply(&State::Delivered, &Event::Evaluate(too_long)).map_err(|e| e.to_string()),
            Err("the comment has 501 characters, the limit is 500".to_owned())
        );
    }
}
