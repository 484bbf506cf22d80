//! Sending requests, suggestions and ratings to the feed's intake, and
//! following a request's status. Without an Open311 intake nothing leaves
//! the device.

use std::collections::BTreeMap;

use caidan_core::intake::sends_to_open311;
use caidan_core::open311::{encode_request, post_url, status_url};
use caidan_core::request::{AttributeAnswer, DemandSuggestion, Evaluation, Event, Request, State};
use caidan_core::Feed;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{get_open311_status, post_open311, SendError};
use crate::browser;
use crate::state::Requests;

/// The GeoReport service code demand suggestions are sent under.
pub const DEMAND_SERVICE_CODE: &str = "caidan-demand";
/// The GeoReport service code ratings are sent under.
pub const EVALUATION_SERVICE_CODE: &str = "caidan-evaluation";

fn endpoint(feed: &Feed) -> Option<&str> {
    sends_to_open311(feed)
        .then(|| feed.intake().endpoint.as_deref())
        .flatten()
}

async fn post(
    feed: &Feed,
    code: &str,
    attributes: &BTreeMap<String, AttributeAnswer>,
    request: Option<&Request>,
    key: &str,
) -> Result<Option<String>, SendError> {
    let Some(endpoint) = endpoint(feed) else {
        return Ok(None);
    };
    let intake = feed.intake();
    let body = encode_request(
        code,
        intake.jurisdiction_id.as_deref(),
        intake.api_key.as_deref(),
        attributes,
        request.and_then(|r| r.contact.as_ref()),
        None,
        key,
    );
    post_open311(&post_url(endpoint), body, key).await.map(Some)
}

/// Sends a queued request (again); on success it becomes submitted with the
/// intake's id, on failure it stays queued with the reason recorded. The
/// idempotency key is the request's own, so a retry never makes a second
/// request at the intake.
pub fn send(feed: std::sync::Arc<crate::api::Loaded>, requests: Requests, id: u64) {
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
        let result = post(
            &feed.feed,
            &request.service_id,
            &request.attributes,
            Some(&request),
            &request.idempotency_key,
        )
        .await;
        match result {
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
pub fn send_suggestion(feed: std::sync::Arc<crate::api::Loaded>, suggestion: DemandSuggestion) {
    spawn_local(async move {
        let mut attributes = BTreeMap::new();
        attributes.insert(
            "what".into(),
            AttributeAnswer::Text(suggestion.what.clone()),
        );
        attributes.insert(
            "urgency".into(),
            AttributeAnswer::One(suggestion.urgency.as_str().into()),
        );
        if let Some(r) = &suggestion.region {
            attributes.insert("region".into(), AttributeAnswer::Text(r.clone()));
        }
        let key = format!("cd-demand-{}", suggestion.id);
        // A suggestion is kept on the device as well; a failed send is not
        // worth troubling the resident with.
        let _ = post(&feed.feed, DEMAND_SERVICE_CODE, &attributes, None, &key).await;
    });
}

/// Sends a rating to the intake, if it has an Open311 endpoint.
pub fn send_evaluation(
    feed: std::sync::Arc<crate::api::Loaded>,
    request: Request,
    evaluation: Evaluation,
) {
    spawn_local(async move {
        let mut attributes = BTreeMap::new();
        attributes.insert(
            "request".into(),
            AttributeAnswer::Text(
                request
                    .remote_id
                    .clone()
                    .unwrap_or_else(|| request.idempotency_key.clone()),
            ),
        );
        attributes.insert(
            "level".into(),
            AttributeAnswer::One(evaluation.level.as_str().into()),
        );
        if !evaluation.comment.is_empty() {
            attributes.insert(
                "comment".into(),
                AttributeAnswer::Text(evaluation.comment.clone()),
            );
        }
        let key = format!("{}-evaluation", request.idempotency_key);
        let _ = post(
            &feed.feed,
            EVALUATION_SERVICE_CODE,
            &attributes,
            Some(&request),
            &key,
        )
        .await;
    });
}

/// Asks the intake for the status of every request it has that is still
/// open on this device; a closed request counts as delivered.
pub fn refresh_statuses(feed: std::sync::Arc<crate::api::Loaded>, requests: Requests) {
    let Some(endpoint) = endpoint(&feed.feed).map(str::to_string) else {
        return;
    };
    let open: Vec<(u64, String)> = requests
        .list
        .read_untracked()
        .iter()
        .filter(|r| {
            matches!(
                r.state,
                State::Submitted | State::Accepted | State::Scheduled { .. }
            )
        })
        .filter_map(|r| r.remote_id.clone().map(|remote| (r.id, remote)))
        .collect();
    let jurisdiction = feed.feed.intake().jurisdiction_id.clone();
    for (id, remote) in open {
        let url = status_url(&endpoint, &remote, jurisdiction.as_deref());
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
