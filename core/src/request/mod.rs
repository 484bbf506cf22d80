//! Requests: what a resident orders, its answers and contact, and its
//! lifecycle from draft to evaluation.
//!
//! Everything here is pure: times and ids are passed in, nothing is sent
//! anywhere. The concerns live apart: [`lifecycle`] (states, events,
//! [`apply`]), [`contact`] (name and phone), [`form`] (the service's
//! attributes), [`evaluation`] (ratings) and [`suggestion`] (unmet needs).

pub mod carry;
pub mod contact;
pub mod evaluation;
pub mod form;
pub mod lifecycle;
pub mod suggestion;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use contact::{validate_phone, Contact, ContactError, PhoneError, NAME_LIMIT};
pub use evaluation::{Evaluation, EvaluationError, Satisfaction, COMMENT_LIMIT};
pub use form::{
    form_attributes, validate_attributes, AttributeAnswer, AttributeError, FormValueError,
    STRING_LIMIT, TEXT_LIMIT,
};
pub use lifecycle::{apply, Event, State, TransitionError};
pub use suggestion::{DemandSuggestion, SuggestionError, Urgency, SUGGESTION_LIMIT};

use crate::date::{Date, DateTime};
use crate::voucher::{self, Voucher, VoucherError};
use crate::wire::Period;

/// A request as the device keeps it (persisted as JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The request id, below 2^45 so that it has a voucher.
    pub id: u64,
    pub service_id: String,
    pub feed_id: String,
    pub feed_version: String,
    pub created_at: DateTime,
    /// The answers the decision used, as JSON values, except sensitive
    /// ones (FEED.md `sensitive`).
    #[serde(default)]
    pub answers_used: BTreeMap<String, serde_json::Value>,
    /// The sensitive facts the decision also used: their answers are not
    /// kept, only that they settled it.
    #[serde(default)]
    pub sensitive_facts: Vec<String>,
    /// The answers to the service's request form, by attribute code.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttributeAnswer>,
    #[serde(default)]
    pub contact: Option<Contact>,
    /// The priority level the decision gave (`urgent`, `high`), if any.
    #[serde(default)]
    pub priority: Option<String>,
    /// What the resident was told they would pay.
    #[serde(default)]
    pub cost: Option<CostSnapshot>,
    /// Whether the request was placed on a waiting list (no capacity left).
    #[serde(default)]
    pub waiting_list: bool,
    pub state: State,
    /// Every state the request has been in, oldest first, with the time it
    /// entered it; the last entry is the current state.
    #[serde(default)]
    pub history: Vec<(DateTime, State)>,
    /// The intake server's id once it has one (`service_request_id`).
    #[serde(default)]
    pub remote_id: Option<String>,
    /// Sent with the request so that a retried submission is not taken twice.
    pub idempotency_key: String,
    /// Where the request goes, decided when it was placed; retries, status
    /// and ratings go there and nowhere else. `None` for a request kept by
    /// an older version of the app.
    #[serde(default)]
    pub destination: Option<Destination>,
    /// The feed the request was placed from, as fetched.
    #[serde(default)]
    pub feed_url: Option<String>,
    /// When a send last left the device without an answer yet; recorded
    /// (and stored) before the request leaves, so a page closed mid-send
    /// knows it may have arrived.
    #[serde(default)]
    pub sent_at: Option<DateTime>,
}

/// Where a request goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Destination {
    /// A voucher intake: nothing leaves the device.
    Voucher,
    /// An Open311 intake the deployment allows.
    Open311(IntakeTarget),
    /// An Open311 intake the deployment does not allow: the request is kept
    /// on the device and never sent; `endpoint` is what the feed named.
    Refused { endpoint: String },
}

/// An Open311 intake a request may be sent to: its endpoint, resolved as
/// the browser fetches it, and what GeoReport asks to be sent along.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeTarget {
    pub endpoint: String,
    #[serde(default)]
    pub jurisdiction_id: Option<String>,
    #[serde(default)]
    pub api_key: Option<String>,
    /// The intake drops a second submission with the same idempotency key
    /// (FEED.md `deduplicates`): only then is the key sent as a header too,
    /// and a send whose answer was lost retried without asking.
    #[serde(default)]
    pub deduplicates: bool,
}

/// The cost shown to the resident when they placed the request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostSnapshot {
    pub currency: String,
    /// The full price per unit.
    pub amount: f64,
    /// What the resident pays, when it was settled.
    pub pays: Option<f64>,
    /// The least the resident could pay.
    pub pays_min: f64,
    /// The most the resident could pay.
    pub pays_max: f64,
}

impl Request {
    /// A new draft request, its history starting at `created_at`, its
    /// idempotency key derived from its voucher (`cd-7KQ2-M9XD-4T`).
    ///
    /// Fails when `id` is too large for a voucher.
    pub fn draft(
        id: u64,
        service_id: &str,
        feed_id: &str,
        feed_version: &str,
        created_at: DateTime,
    ) -> Result<Request, VoucherError> {
        let voucher = voucher::encode(id)?;
        Ok(Request {
            id,
            service_id: service_id.to_owned(),
            feed_id: feed_id.to_owned(),
            feed_version: feed_version.to_owned(),
            created_at,
            answers_used: BTreeMap::new(),
            sensitive_facts: Vec::new(),
            attributes: BTreeMap::new(),
            contact: None,
            priority: None,
            cost: None,
            waiting_list: false,
            state: State::Draft,
            history: vec![(created_at, State::Draft)],
            remote_id: None,
            idempotency_key: format!("cd-{voucher}"),
            destination: None,
            feed_url: None,
            sent_at: None,
        })
    }

    /// Where the request goes. A request kept by an older version that did
    /// not record it, and that the app could not match to the loaded feed,
    /// is treated as a voucher: nothing will be sent, and its code is what
    /// identifies it.
    pub fn goes_to(&self) -> &Destination {
        static VOUCHER: Destination = Destination::Voucher;
        self.destination.as_ref().unwrap_or(&VOUCHER)
    }

    /// For a cancelled request that went to an intake: whether the intake
    /// had it before it was cancelled (GeoReport has no way to withdraw a
    /// request, so the resident must then call). `None` for any other
    /// request.
    pub fn intake_had_it(&self) -> Option<bool> {
        if self.state != State::Cancelled || matches!(self.goes_to(), Destination::Voucher) {
            return None;
        }
        let before = self.history.iter().rev().nth(1).map(|(_, s)| s);
        let unsent = matches!(before, Some(State::Draft | State::Queued));
        Some(!unsent || self.remote_id.is_some())
    }

    /// The intake this request goes to, if it is an Open311 one the
    /// deployment allowed when it was placed.
    pub fn intake(&self) -> Option<&IntakeTarget> {
        match &self.destination {
            Some(Destination::Open311(target)) => Some(target),
            _ => None,
        }
    }

    /// Where to send the request now: its intake, when it is queued there.
    pub fn sendable(&self) -> Option<&IntakeTarget> {
        self.intake().filter(|_| self.state.waits_to_send())
    }

    /// Where the resident may choose to send it again although it may have
    /// arrived (it is unconfirmed).
    pub fn resendable(&self) -> Option<&IntakeTarget> {
        self.intake()
            .filter(|_| matches!(self.state, State::Unconfirmed))
    }

    /// Settles a send the page was closed in the middle of (a `sent_at`
    /// with no answer, found when the app starts): the request may have
    /// arrived, so it is unconfirmed — unless its intake drops repeats, in
    /// which case it stays queued and is simply sent again, with the same
    /// key.
    pub fn settle_interrupted_send(&mut self, at: DateTime) {
        let Some(intake) = self.intake() else {
            return;
        };
        if self.sent_at.is_some() && self.state == State::Queued && !intake.deduplicates {
            let _ = self.transition(&Event::AnswerLost, at);
        }
    }

    /// The request's voucher.
    pub fn voucher(&self) -> Result<Voucher, VoucherError> {
        voucher::encode(self.id)
    }

    /// Applies `event` at time `at`: moves to the next state and records it
    /// in the history. On error nothing changes.
    pub fn transition(&mut self, event: &Event, at: DateTime) -> Result<(), TransitionError> {
        let next = apply(&self.state, event)?;
        self.history.push((at, next.clone()));
        self.state = next;
        Ok(())
    }

    /// How many of `history` count against a `per_resident` limit of the
    /// service `service_id` for `period`, on the date `on`: those for that
    /// service, not draft, cancelled or rejected, created in the same
    /// calendar day, ISO week, month or year as `on`.
    ///
    /// The creation date is read on the calendar of the device that created
    /// the request (the date-time's own offset). Waiting-list requests count.
    pub fn count_in_period(history: &[Request], service_id: &str, period: Period, on: Date) -> u32 {
        let count = history
            .iter()
            .filter(|r| r.service_id == service_id)
            .filter(|r| r.state.counts_toward_limit())
            .filter(|r| r.created_at.local_date().same_period(on, period))
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).unwrap()
    }

    #[test]
    fn a_request_keeps_its_history_and_survives_json() {
        let mut r = Request::draft(
            123_456_789,
            "meal-assist-dc",
            "beijing-dongcheng",
            "2026.11.2",
            dt("2026-11-20T08:00:00+08:00"),
        )
        .unwrap();
        assert_eq!(r.idempotency_key, "cd-0003-NQK8-N1");
        assert_eq!(r.voucher().unwrap().as_str(), "0003-NQK8-N1");
        r.transition(&Event::QueueOffline, dt("2026-11-20T08:01:00+08:00"))
            .unwrap();
        r.transition(&Event::Submit, dt("2026-11-20T09:00:00+08:00"))
            .unwrap();
        assert_eq!(
            r.transition(
                &Event::Evaluate(Evaluation::new(Satisfaction::Satisfied, "").unwrap()),
                dt("2026-11-20T09:01:00+08:00")
            )
            .map_err(|e| e.to_string()),
            Err("cannot `evaluate` a request that is `submitted`".to_owned())
        );
        let states: Vec<&str> = r.history.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(states, ["draft", "queued", "submitted"]);
        assert_eq!(r.state, State::Submitted);

        r.attributes
            .insert("diet".into(), AttributeAnswer::One("soft".into()));
        r.attributes.insert(
            "days".into(),
            AttributeAnswer::Many(vec!["mo".into(), "fr".into()]),
        );
        r.answers_used.insert("age".into(), serde_json::json!(82));
        r.contact = Some(Contact::new("王小明", "13812345678").unwrap());
        r.cost = Some(CostSnapshot {
            currency: "CNY".into(),
            amount: 20.0,
            pays: None,
            pays_min: 0.0,
            pays_max: 20.0,
        });
        r.priority = Some("urgent".into());
        let json = serde_json::to_string(&r).unwrap();
        let back: Request = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.created_at.to_string(), "2026-11-20T08:00:00+08:00");

        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["state"], serde_json::json!({"state": "submitted"}));
        assert_eq!(
            value["attributes"]["diet"],
            serde_json::json!({"one": "soft"})
        );

        assert!(Request::draft(1 << 45, "s", "f", "v", dt("2026-11-20T08:00:00Z")).is_err());
    }

    #[test]
    fn states_serialize_with_their_data() {
        let cases = [
            (State::Draft, r#"{"state":"draft"}"#),
            (
                State::Scheduled {
                    at: "周五上午".into(),
                },
                r#"{"state":"scheduled","at":"周五上午"}"#,
            ),
            (
                State::Evaluated(Evaluation {
                    level: Satisfaction::VerySatisfied,
                    comment: "好".into(),
                }),
                r#"{"state":"evaluated","level":"very_satisfied","comment":"好"}"#,
            ),
            (
                State::Rejected {
                    reason: "满".into(),
                },
                r#"{"state":"rejected","reason":"满"}"#,
            ),
        ];
        for (state, json) in cases {
            assert_eq!(serde_json::to_string(&state).unwrap(), json);
            assert_eq!(serde_json::from_str::<State>(json).unwrap(), state);
        }
    }

    fn request_on(service: &str, created: &str, state: State) -> Request {
        let mut r = Request::draft(1, service, "feed", "1", dt(created)).unwrap();
        r.state = state;
        r
    }

    #[test]
    fn counting_in_a_period_skips_drafts_cancelled_and_rejected() {
        let history = vec![
            request_on("meals", "2026-11-20T08:00:00+08:00", State::Submitted),
            request_on("meals", "2026-11-16T00:30:00+08:00", State::Delivered),
            request_on("meals", "2026-11-15T23:30:00+08:00", State::Accepted),
            request_on("meals", "2026-11-01T10:00:00+08:00", State::Queued),
            request_on("meals", "2026-10-31T10:00:00+08:00", State::Submitted),
            request_on("meals", "2025-11-20T10:00:00+08:00", State::Submitted),
            request_on("meals", "2026-11-20T09:00:00+08:00", State::Draft),
            request_on("meals", "2026-11-20T09:00:00+08:00", State::Cancelled),
            request_on(
                "meals",
                "2026-11-20T09:00:00+08:00",
                State::Rejected { reason: "x".into() },
            ),
            request_on("bath", "2026-11-20T09:00:00+08:00", State::Submitted),
            // Created at 01:00 in Beijing, which is still 19 November in UTC:
            // the device's own calendar decides.
            request_on(
                "meals",
                "2026-11-20T01:00:00+08:00",
                State::Evaluated(Evaluation::new(Satisfaction::Satisfied, "").unwrap()),
            ),
        ];
        let on = Date::parse("2026-11-20").unwrap();
        let cases = [
            (Period::Day, 2),
            (Period::Week, 3),
            (Period::Month, 5),
            (Period::Year, 6),
        ];
        for (period, expected) in cases {
            assert_eq!(
                Request::count_in_period(&history, "meals", period, on),
                expected,
                "{period:?}"
            );
        }
        assert_eq!(Request::count_in_period(&[], "meals", Period::Day, on), 0);
    }

    #[test]
    fn a_send_interrupted_by_a_closed_page_may_have_arrived() {
        let at = dt("2026-11-20T08:00:00+08:00");
        let target = |deduplicates| IntakeTarget {
            endpoint: "https://intake.example.gov/v2".into(),
            jurisdiction_id: None,
            api_key: None,
            deduplicates,
        };
        for (deduplicates, expected) in [(false, State::Unconfirmed), (true, State::Queued)] {
            let mut r = Request::draft(1, "s", "f", "1", at).unwrap();
            r.destination = Some(Destination::Open311(target(deduplicates)));
            r.transition(&Event::QueueOffline, at).unwrap();
            r.settle_interrupted_send(at);
            assert_eq!(r.state, State::Queued, "never sent: nothing to settle");
            r.sent_at = Some(at);
            r.settle_interrupted_send(at);
            assert_eq!(r.state, expected, "deduplicates: {deduplicates}");
            assert_eq!(r.resendable().is_some(), !deduplicates);
            assert_eq!(r.sendable().is_some(), deduplicates);
        }
    }

    #[test]
    fn cancelling_says_whether_the_intake_had_the_request() {
        let at = dt("2026-11-20T08:00:00+08:00");
        let intake = Destination::Open311(IntakeTarget {
            endpoint: "https://intake.example.gov/v2".into(),
            jurisdiction_id: None,
            api_key: None,
            deduplicates: false,
        });
        let cancelled_after = |events: &[Event], destination: Option<Destination>| {
            let mut r = Request::draft(1, "s", "f", "1", at).unwrap();
            r.destination = destination;
            for e in events {
                r.transition(e, at).unwrap();
            }
            r.transition(&Event::Cancel, at).unwrap();
            r.intake_had_it()
        };
        let intake_ = Some(intake.clone());
        assert_eq!(
            cancelled_after(&[Event::QueueOffline], intake_.clone()),
            Some(false)
        );
        assert_eq!(
            cancelled_after(&[Event::QueueOffline, Event::AnswerLost], intake_.clone()),
            Some(true),
            "it may have arrived"
        );
        assert_eq!(cancelled_after(&[Event::Submit], intake_), Some(true));
        assert_eq!(cancelled_after(&[Event::Submit], None), None, "a voucher");
        let open = Request::draft(2, "s", "f", "1", at).unwrap();
        assert_eq!(open.intake_had_it(), None);
        assert_eq!(open.goes_to(), &Destination::Voucher);
    }
}
