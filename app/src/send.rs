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

/// Posts one submission to an intake core allowed.
async fn post(intake: &IntakeTarget, submission: &Submission) -> Result<String, SendError> {
    let body = submission.encode(intake);
    post_open311(
        &post_url(&intake.endpoint),
        body,
        &submission.idempotency_key,
    )
    .await
}

/// Sends a queued request (again); on success it becomes submitted with the
/// intake's id, on failure it stays queued with the reason recorded. The
/// idempotency key is the request's own, so a retry never makes a second
/// request at the intake.
pub fn send(requests: Requests, id: u64) {
    let Some(request) = requests
        .list
        .read_untracked()
        .iter()
        .find(|r| r.id == id)
        .cloned()
    else {
        return;
    };
    let Some(intake) = request.sendable().cloned() else {
        return;
    };
    if requests.sending.read_untracked().contains(&id) {
        return;
    }
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
        match post(&intake, &Submission::request(&request)).await {
            Ok(remote) => requests.list.update(|list| {
                if let Some(r) = list.iter_mut().find(|r| r.id == id) {
                    if r.transition(&Event::Submit, browser::now()).is_ok() {
                        r.remote_id = Some(remote);
                    }
                }
            }),
            Err(e) => requests.send_errors.update(|errors| {
                errors.insert(id, e.to_string());
            }),
        }
        requests.sending.update(|s| {
            s.remove(&id);
        });
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
