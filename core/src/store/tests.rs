use super::*;
use crate::request::{Event, State};

/// Two requests as the first release stored them (a bare array, no
/// destination), and a third entry damaged beyond reading.
const VERSION_1: &str = include_str!("../../tests/data/requests-v1.json");

fn at(s: &str) -> DateTime {
    DateTime::parse(s).unwrap()
}

fn request(id: u64, created: &str) -> Request {
    Request::draft(id, "meal-assist-dc", "beijing", "1", at(created)).unwrap()
}

#[test]
fn the_first_releases_list_is_read_entry_by_entry() {
    let kept = read_requests(VERSION_1).unwrap();
    assert_eq!(kept.version, 1);
    assert_eq!(
        kept.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [3, 4096]
    );
    assert_eq!(
        kept.items[0].destination, None,
        "decided when the app loads it"
    );
    assert_eq!(kept.unreadable.len(), 1);
    let damaged = &kept.unreadable[0];
    assert_eq!(damaged.code.as_deref(), Some("0000-0000-8G"));
    assert!(damaged.reason.contains("teleported"), "{}", damaged.reason);
}

#[test]
fn what_cannot_be_read_is_written_back_untouched() {
    let kept = read_requests(VERSION_1).unwrap();
    let text = write_list("requests", &kept);
    let again = read_requests(&text).unwrap();
    assert_eq!(again.version, VERSION);
    assert_eq!(again.items, kept.items);
    assert_eq!(again.unreadable, kept.unreadable);
    let original: Value = serde_json::from_str(VERSION_1).unwrap();
    let items = serde_json::from_str::<Value>(&text).unwrap()["items"].clone();
    assert!(
        items.as_array().unwrap().contains(&original[2]),
        "the damaged entry, byte for byte"
    );
}

#[test]
fn a_newer_versions_items_are_kept_not_dropped() {
    let mut newer = serde_json::to_value(request(7, "2026-11-20T09:00:00+08:00")).unwrap();
    newer["state"] = json!({"state": "teleported"});
    let text = json!({"caidan": "requests", "v": 9, "items": [newer]}).to_string();
    let kept = read_requests(&text).unwrap();
    assert!(kept.items.is_empty());
    assert!(kept.unreadable[0].reason.contains("newer version (9)"));
    assert_eq!(kept.unreadable[0].code.as_deref(), Some("0000-0000-7E"));
}

#[test]
fn what_is_not_a_list_is_an_error_not_an_empty_list() {
    for text in [
        "",
        "{",
        "42",
        r#"{"items": []}"#,
        r#"{"caidan": "requests", "v": 2}"#,
    ] {
        assert!(read_requests(text).is_err(), "{text:?}");
    }
    assert_eq!(
        read_requests(r#"{"caidan": "suggestions", "v": 2, "items": []}"#),
        Err(StoreError::WrongKind {
            kind: "requests".into(),
            found: "suggestions".into()
        })
    );
}

#[test]
fn single_values_are_enveloped_and_version_1_read_bare() {
    let answers = json!({"age": 85, "residence": "110101002002"});
    assert_eq!(
        read_value("answers", &answers.to_string()),
        Ok((1, answers.clone()))
    );
    let text = write_value("answers", &answers);
    assert_eq!(read_value("answers", &text), Ok((VERSION, answers)));
    assert!(
        read_value("draft", &text).is_err(),
        "another kind is not read as this one"
    );
    assert!(read_value("answers", "{").is_err());
}

#[test]
fn two_tabs_keep_each_others_requests() {
    let a = request(1, "2026-11-20T09:00:00+08:00");
    let b = request(2, "2026-11-21T09:00:00+08:00");
    let mut a_cancelled = a.clone();
    a_cancelled
        .transition(&Event::Cancel, at("2026-11-22T09:00:00+08:00"))
        .unwrap();
    // The other tab stored a and b; this tab holds a (cancelled since).
    let merged = merge_requests(vec![a.clone(), b.clone()], vec![a_cancelled.clone()]);
    assert_eq!(merged, vec![a_cancelled.clone(), b.clone()]);
    // The other way round: the stored copy has moved further.
    let merged = merge_requests(vec![a_cancelled.clone()], vec![b.clone(), a.clone()]);
    assert_eq!(merged, vec![a_cancelled, b]);
    // Neither has moved further: this tab's copy, with what else it changed.
    let mut answered = a.clone();
    answered.sent_at = Some(at("2026-11-20T09:05:00+08:00"));
    let merged = merge_requests(vec![answered], vec![a.clone()]);
    assert_eq!(merged, vec![a]);
}

#[test]
fn finished_requests_are_pruned_after_a_while() {
    let open = request(1, "2024-01-01T09:00:00+08:00");
    let mut old = request(2, "2024-01-01T09:00:00+08:00");
    old.transition(&Event::Cancel, at("2024-01-02T09:00:00+08:00"))
        .unwrap();
    let mut recent = request(3, "2026-11-01T09:00:00+08:00");
    recent
        .transition(&Event::Cancel, at("2026-11-02T09:00:00+08:00"))
        .unwrap();
    let kept = prune_requests(vec![open, old, recent], at("2026-11-29T09:00:00+08:00"));
    assert_eq!(kept.iter().map(|r| r.id).collect::<Vec<_>>(), [1, 3]);
    assert_eq!(kept[0].state, State::Draft);
}
