//! What the device keeps, and how it is read back: the browser's storage is
//! the only copy of a resident's requests and vouchers, so nothing here ever
//! loses an entry it cannot read.
//!
//! A list (requests, suggestions) is stored as one envelope,
//! `{"caidan": "<kind>", "v": VERSION, "items": [...]}`, and each item is
//! read on its own: an item this version cannot read (damaged, or written
//! by a newer version) is kept as it was, beside the readable ones, and
//! written back untouched. The first release stored a bare JSON array
//! (version 1); it is read as such. A whole value that is not a list at all
//! is [`StoreError`], and the caller must then leave it where it is.
//!
//! Two tabs share the storage: [`merge_requests`] combines what another
//! tab wrote with what this one holds, by request id, so neither loses the
//! other's requests.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::date::DateTime;
use crate::request::Request;
use crate::voucher;

/// The version of what this app writes.
pub const VERSION: u64 = 2;

/// Finished requests are kept this many days after they last changed, then
/// pruned so the storage does not fill.
pub const KEEP_FINISHED_DAYS: i64 = 400;

/// A stored list, read item by item.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept<T> {
    /// The items this version can read, in stored order.
    pub items: Vec<T>,
    /// The items it cannot, kept exactly as they were.
    pub unreadable: Vec<Unreadable>,
    /// The version the list was written with.
    pub version: u64,
}

/// An item this version cannot read.
#[derive(Clone, Debug, PartialEq)]
pub struct Unreadable {
    /// The item as stored.
    pub raw: Value,
    /// Why it could not be read.
    pub reason: String,
    /// Its voucher code, when one can be recovered (a request's `id`), so
    /// the resident can still quote it on the hotline.
    pub code: Option<String>,
}

/// Why a stored value could not be read as a list at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// Not JSON, or JSON of another shape.
    #[error("the stored {kind} are not a list this app knows: {reason}")]
    NotAList { kind: String, reason: String },
    /// Another kind of list (`caidan` names a different one).
    #[error("the stored value holds {found}, not {kind}")]
    WrongKind { kind: String, found: String },
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept {
            items: Vec::new(),
            unreadable: Vec::new(),
            version: VERSION,
        }
    }
}

/// Reads a stored list of `kind` (`requests`, `suggestions`): an envelope of
/// any version, or the bare array of version 1. Each item is read on its
/// own; `code` recovers a voucher code from an unreadable one.
pub fn read_list<T: DeserializeOwned>(
    kind: &str,
    text: &str,
    code: impl Fn(&Value) -> Option<String>,
) -> Result<Kept<T>, StoreError> {
    let not_a_list = |reason: String| StoreError::NotAList {
        kind: kind.to_string(),
        reason,
    };
    let value: Value = serde_json::from_str(text).map_err(|e| not_a_list(e.to_string()))?;
    let (version, items) = match value {
        Value::Array(items) => (1, items),
        Value::Object(mut map) => {
            match map.get("caidan").and_then(Value::as_str) {
                Some(k) if k == kind => {}
                Some(found) => {
                    return Err(StoreError::WrongKind {
                        kind: kind.to_string(),
                        found: found.to_string(),
                    })
                }
                None => return Err(not_a_list("no `caidan` kind".into())),
            }
            let version = map.get("v").and_then(Value::as_u64).unwrap_or(0);
            match map.remove("items") {
                Some(Value::Array(items)) => (version, items),
                _ => return Err(not_a_list("no `items` list".into())),
            }
        }
        other => return Err(not_a_list(format!("a {}", kind_of(&other)))),
    };
    let mut kept = Kept {
        version,
        ..Kept::default()
    };
    for raw in items {
        match serde_json::from_value::<T>(raw.clone()) {
            Ok(item) => kept.items.push(item),
            Err(e) => kept.unreadable.push(Unreadable {
                code: code(&raw),
                reason: if version > VERSION {
                    format!("written by a newer version ({version}): {e}")
                } else {
                    e.to_string()
                },
                raw,
            }),
        }
    }
    Ok(kept)
}

/// The envelope for a list of `kind`: the readable items, then the
/// unreadable ones exactly as they were read.
pub fn write_list<T: Serialize>(kind: &str, kept: &Kept<T>) -> String {
    let mut items: Vec<Value> = kept
        .items
        .iter()
        .filter_map(|item| serde_json::to_value(item).ok())
        .collect();
    items.extend(kept.unreadable.iter().map(|u| u.raw.clone()));
    json!({ "caidan": kind, "v": VERSION, "items": items }).to_string()
}

/// Reads a stored value of `kind` (answers, a draft): an envelope
/// `{"caidan": kind, "v": N, "data": …}`, or, as version 1 wrote it, the bare
/// value. Returns the version and the data.
pub fn read_value(kind: &str, text: &str) -> Result<(u64, Value), StoreError> {
    let value: Value = serde_json::from_str(text).map_err(|e| StoreError::NotAList {
        kind: kind.to_string(),
        reason: e.to_string(),
    })?;
    match value {
        Value::Object(mut map) if map.contains_key("caidan") => {
            match map.get("caidan").and_then(Value::as_str) {
                Some(k) if k == kind => {}
                found => {
                    return Err(StoreError::WrongKind {
                        kind: kind.to_string(),
                        found: found.unwrap_or("?").to_string(),
                    })
                }
            }
            let version = map.get("v").and_then(Value::as_u64).unwrap_or(0);
            Ok((version, map.remove("data").unwrap_or(Value::Null)))
        }
        bare => Ok((1, bare)),
    }
}

/// The envelope for a value of `kind`.
pub fn write_value(kind: &str, data: &Value) -> String {
    json!({ "caidan": kind, "v": VERSION, "data": data }).to_string()
}

/// The voucher code of a stored request that cannot be read, from its `id`.
pub fn request_code(raw: &Value) -> Option<String> {
    let id = raw.get("id")?.as_u64()?;
    voucher::encode(id).ok().map(|v| v.as_str().to_string())
}

/// Reads the stored requests (see [`read_list`]).
pub fn read_requests(text: &str) -> Result<Kept<Request>, StoreError> {
    read_list("requests", text, request_code)
}

/// Combines the requests another tab stored (`stored`) with the ones this
/// tab holds (`mine`), by id: a request in only one of them is kept; one in
/// both keeps the copy that has moved further (the longer history, then the
/// later last change), and this tab's copy when neither has (it may have
/// changed something besides the state, such as when it was sent). Oldest
/// first.
pub fn merge_requests(stored: Vec<Request>, mine: Vec<Request>) -> Vec<Request> {
    let mut merged: Vec<Request> = stored;
    for r in mine {
        match merged.iter_mut().find(|m| m.id == r.id) {
            Some(m) if !further(m, &r) => *m = r,
            Some(_) => {}
            None => merged.push(r),
        }
    }
    merged.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    merged
}

/// Whether `a` has moved further through its lifecycle than `b`.
fn further(a: &Request, b: &Request) -> bool {
    let last = |r: &Request| r.history.last().map(|(at, _)| *at);
    (a.history.len(), last(a)) > (b.history.len(), last(b))
}

/// The requests worth keeping at `now`: every unfinished one, and finished
/// ones (evaluated, cancelled, rejected) that changed within
/// [`KEEP_FINISHED_DAYS`].
pub fn prune_requests(requests: Vec<Request>, now: DateTime) -> Vec<Request> {
    let today = now.local_date();
    requests
        .into_iter()
        .filter(|r| {
            let changed = r.history.last().map_or(r.created_at, |(at, _)| *at);
            let age = today.days_since_epoch() - changed.local_date().days_since_epoch();
            !r.state.is_final() || age <= KEEP_FINISHED_DAYS
        })
        .collect()
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests;
