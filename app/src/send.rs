//! Sending requests, suggestions and ratings, and following a request's
//! status. A request goes only to the destination it was placed with
//! (`Request::sendable`, `Request::intake`), never to whatever feed is
//! loaded later; a suggestion goes to the loaded feed's allowed intake.
//! What is sent, and what an answer means, is core's call
//! (`open311::Submission`, `State::awaits_intake`, `RemoteState::event`).

use caidan_core::open311::{post_url, status_url, Submission};
use caidan_core::request::{
    DemandSuggestion, Destination, Evaluation, Event, IntakeTarget, Request,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{get_open311_status, post_open311, Loaded, SendError};
use crate::browser;
use crate::state::Requests;

/// Posts one submission to an intake core allowed; the key goes as a
/// header too only to an intake that deduplicates.
async fn post(intake: &IntakeTarget, submission: &Submission) -> Result<String, SendError> {
    let body = submission.encode(intake);
    let header = intake
        .deduplicates
        .then_some(submission.idempotency_key.as_str());
    post_open311(&post_url(&intake.endpoint), body, header).await
}

/// How many times a send whose answer was lost is retried without asking,
/// for an intake that drops repeats (after 2, 4, 8 and 16 seconds).
const RETRIES: u32 = 4;

/// Sends a queued request (again); on success it becomes submitted with the
/// intake's id. While the browser says it is offline, it waits in the
/// outbox instead, and goes when the network returns (`network`). Before it leaves, the time it left is kept with it in
/// storage (and that write checked), so a page closed mid-send knows it may
/// have arrived. An answer that says no leaves it queued with the reason; a
/// lost answer makes it unconfirmed, unless the intake drops repeats, when
/// it is sent again by itself with the same key.
pub fn send(requests: Requests, id: u64) {
    start(requests, id, false, 0);
}

/// Sends an unconfirmed request again: the resident's choice, after being
/// told it may make a second request.
pub fn send_again(requests: Requests, id: u64) {
    start(requests, id, true, 0);
}

fn start(requests: Requests, id: u64, again: bool, attempt: u32) {
    let Some(request) = requests
        .list
        .read_untracked()
        .iter()
        .find(|r| r.id == id)
        .cloned()
    else {
        return;
    };
    let target = if again {
        request.resendable()
    } else {
        request.sendable()
    };
    let Some(intake) = target.cloned() else {
        return;
    };
    if requests.sending.read_untracked().contains(&id) {
        return;
    }
    // Offline, a first send is not tried: it waits for the network and
    // goes when it returns (`network`). Nothing has left, so nothing may
    // have arrived.
    if !again && !crate::network::is_online() {
        crate::network::queue(id);
        return;
    }
    requests.list.update(|list| {
        if let Some(r) = list.iter_mut().find(|r| r.id == id) {
            r.sent_at = Some(browser::now());
        }
    });
    // The request, and so its idempotency key, must be kept on the device
    // before it leaves: a retry after a lost answer must send the same key.
    if !crate::state::save_requests(requests) {
        return;
    }
    requests.send_errors.update(|e| {
        e.remove(&id);
    });
    requests.sending.update(|s| {
        s.insert(id);
    });
    spawn_local(async move {
        let result = post(&intake, &Submission::request(&request)).await;
        requests.sending.update(|s| {
            s.remove(&id);
        });
        let lost = matches!(result, Err(SendError::Network(_)));
        if lost && intake.deduplicates && attempt < RETRIES {
            let delay = std::time::Duration::from_secs(2 << attempt);
            set_timeout(move || start(requests, id, again, attempt + 1), delay);
            return;
        }
        let now = browser::now();
        requests.list.update(|list| {
            let Some(r) = list.iter_mut().find(|r| r.id == id) else {
                return;
            };
            match &result {
                Ok(remote) => {
                    if r.transition(&Event::Submit, now).is_ok() {
                        r.remote_id = Some(remote.clone());
                        r.sent_at = None;
                    }
                }
                Err(_) if lost => {
                    let _ = r.transition(&Event::AnswerLost, now);
                }
                // The intake answered: it did not take the request.
                Err(_) => r.sent_at = None,
            }
        });
        if result.is_ok() {
            crate::network::sent(id);
        }
        if let Err(e) = result {
            requests.send_errors.update(|errors| {
                errors.insert(id, e.to_string());
            });
        }
    });
}

/// Sends a demand suggestion to the loaded feed's intake, if it has an
/// Open311 one the deployment allows.
pub fn send_suggestion(loaded: &'static Loaded, suggestion: DemandSuggestion) {
    let Destination::Open311(intake) = &loaded.destination else {
        return;
    };
    spawn_local(async move {
        // A suggestion is kept on the device as well; a failed send is not
        // worth troubling the resident with.
        let _ = post(intake, &Submission::suggestion(&suggestion)).await;
    });
}

/// Sends a rating to the intake the request went to, if any.
pub fn send_evaluation(request: Request, evaluation: Evaluation) {
    let Some(intake) = request.intake().cloned() else {
        return;
    };
    spawn_local(async move {
        let submission = Submission::evaluation(&request, &evaluation);
        let _ = post(&intake, &submission).await;
    });
}

/// Asks each request's own intake for the status of every request still
/// open there, and applies what core says the status means.
pub fn refresh_statuses(requests: Requests) {
    let open: Vec<(u64, String)> = requests
        .list
        .read_untracked()
        .iter()
        .filter(|r| r.state.awaits_intake())
        .filter_map(|r| {
            let intake = r.intake()?;
            let remote = r.remote_id.as_deref()?;
            let url = status_url(&intake.endpoint, remote, intake.jurisdiction_id.as_deref());
            Some((r.id, url))
        })
        .collect();
    for (id, url) in open {
        spawn_local(async move {
            let Ok(status) = get_open311_status(&url).await else {
                return;
            };
            if let Some(notes) = status.status_notes.clone() {
                requests.remote_notes.update(|n| {
                    n.insert(id, notes);
                });
            }
            if let Some(event) = status.status.event() {
                requests.list.update(|list| {
                    if let Some(r) = list.iter_mut().find(|r| r.id == id) {
                        // An illegal transition (already cancelled, say) leaves it as it is.
                        let _ = r.transition(&event, browser::now());
                    }
                });
            }
        });
    }
}
