//! Sending requests, suggestions and ratings to the feed's intake, and
//! following a request's status. Without an Open311 intake nothing leaves
//! the device. What is sent, and what an answer means, is core's call
//! (`open311::Submission`, `State::awaits_intake`, `RemoteState::event`).

use caidan_core::intake::open311_endpoint;
use caidan_core::open311::{post_url, status_url, Submission};
use caidan_core::request::{DemandSuggestion, Evaluation, Event, Request};
use caidan_core::Feed;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{get_open311_status, post_open311, Loaded, SendError};
use crate::browser;
use crate::state::Requests;

/// Posts one submission to the feed's Open311 endpoint; `Ok(None)` when the
/// feed has none (nothing leaves the device).
async fn post(feed: &Feed, submission: &Submission) -> Result<Option<String>, SendError> {
    let Some(endpoint) = open311_endpoint(feed) else {
        return Ok(None);
    };
    let body = submission.encode(feed.intake());
    post_open311(&post_url(endpoint), body, &submission.idempotency_key)
        .await
        .map(Some)
}

/// Sends a queued request (again); on success it becomes submitted with the
/// intake's id, on failure it stays queued with the reason recorded. The
/// idempotency key is the request's own, so a retry never makes a second
/// request at the intake.
pub fn send(loaded: &'static Loaded, requests: Requests, id: u64) {
    let Some(request) = requests
        .list
        .read_untracked()
        .iter()
        .find(|r| r.id == id)
        .cloned()
    else {
        return;
    };
    if requests.sending.read_untracked().contains(&id) {
        return;
    }
    requests.send_errors.update(|e| {
        e.remove(&id);
    });
    requests.sending.update(|s| {
        s.insert(id);
    });
    spawn_local(async move {
        match post(&loaded.feed, &Submission::request(&request)).await {
            Ok(remote) => requests.list.update(|list| {
                if let Some(r) = list.iter_mut().find(|r| r.id == id) {
                    if r.transition(&Event::Submit, browser::now()).is_ok() {
                        r.remote_id = remote;
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

/// Sends a demand suggestion to the intake, if it has an Open311 endpoint.
pub fn send_suggestion(loaded: &'static Loaded, suggestion: DemandSuggestion) {
    spawn_local(async move {
        // A suggestion is kept on the device as well; a failed send is not
        // worth troubling the resident with.
        let _ = post(&loaded.feed, &Submission::suggestion(&suggestion)).await;
    });
}

/// Sends a rating to the intake, if it has an Open311 endpoint.
pub fn send_evaluation(loaded: &'static Loaded, request: Request, evaluation: Evaluation) {
    spawn_local(async move {
        let submission = Submission::evaluation(&request, &evaluation);
        let _ = post(&loaded.feed, &submission).await;
    });
}

/// Asks the intake for the status of every request it has that is still
/// open on this device, and applies what core says the status means.
pub fn refresh_statuses(loaded: &'static Loaded, requests: Requests) {
    let feed = &loaded.feed;
    let Some(endpoint) = open311_endpoint(feed) else {
        return;
    };
    let open: Vec<(u64, String)> = requests
        .list
        .read_untracked()
        .iter()
        .filter(|r| r.state.awaits_intake())
        .filter_map(|r| r.remote_id.clone().map(|remote| (r.id, remote)))
        .collect();
    let jurisdiction = feed.intake().jurisdiction_id.as_deref();
    for (id, remote) in open {
        let url = status_url(endpoint, &remote, jurisdiction);
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
