//! A request read back from the device's storage is hostile too (another
//! version of the app, or a hand-edited store, wrote it): it must parse or
//! be refused, and a request that parses must survive its voucher, every
//! event, its Open311 encoding and a round trip through JSON unchanged.
#![no_main]

use caidan_core::date::DateTime;
use caidan_core::open311::Submission;
use caidan_core::request::{Evaluation, Event, IntakeTarget, Request, Satisfaction};
use libfuzzer_sys::fuzz_target;

fn round_trip(request: &Request) {
    let json = serde_json::to_string(request);
    assert!(json.is_ok(), "a stored request serializes: {json:?}");
    let Ok(json) = json else {
        return;
    };
    let back = serde_json::from_str::<Request>(&json);
    assert!(back.is_ok(), "`{json}` reads back: {back:?}");
    if serde_json::to_value(request).is_ok_and(|v| floats_read_back(&v)) {
        assert_eq!(back.as_ref().ok(), Some(request), "`{json}` reads back");
    }
}

/// Whether every float in `value` reads back exactly from its own JSON.
///
/// serde_json without its `float_roundtrip` feature (which would cost the
/// app some 20 KB of wasm) may read a number that needs 16 or 17 digits, or
/// has a large exponent, one unit in the last place off. No request the app
/// stores holds one (money is rounded to the fen), so only such a request
/// is spared the exact comparison; everything else must come back as it was.
fn floats_read_back(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Number(n) => match (n.is_f64(), n.as_f64()) {
            (true, Some(x)) => serde_json::to_string(&x)
                .ok()
                .and_then(|s| serde_json::from_str::<f64>(&s).ok())
                .is_some_and(|y| y.to_bits() == x.to_bits()),
            _ => true,
        },
        Value::Array(items) => items.iter().all(floats_read_back),
        Value::Object(map) => map.values().all(floats_read_back),
        Value::Null | Value::Bool(_) | Value::String(_) => true,
    }
}

fuzz_target!(|text: &str| {
    let Ok(request) = serde_json::from_str::<Request>(text) else {
        return;
    };
    round_trip(&request);
    let _ = request.voucher();
    let intake = request.intake().cloned().unwrap_or(IntakeTarget {
        endpoint: "https://intake.example.gov/open311/v2".into(),
        jurisdiction_id: Some("dongcheng".into()),
        api_key: Some("key".into()),
        deduplicates: false,
    });
    let _ = Submission::request(&request).encode(&intake);

    let Ok(at) = DateTime::parse("2026-11-20T08:00:00+08:00") else {
        return;
    };
    let evaluation = Evaluation {
        level: Satisfaction::Satisfied,
        comment: "好".into(),
    };
    let _ = Submission::evaluation(&request, &evaluation).encode(&intake);
    let events = [
        Event::Submit,
        Event::QueueOffline,
        Event::Accept,
        Event::Schedule {
            at: "2026-11-21T09:00:00+08:00".into(),
        },
        Event::Deliver,
        Event::Evaluate(evaluation),
        Event::Cancel,
        Event::Reject {
            reason: "full".into(),
        },
        Event::AnswerLost,
    ];
    for event in &events {
        let mut moved = request.clone();
        match moved.transition(event, at) {
            Ok(()) => {
                assert_eq!(moved.history.len(), request.history.len() + 1);
                assert_eq!(moved.history.last().map(|(_, s)| s), Some(&moved.state));
                round_trip(&moved);
            }
            Err(_) => assert_eq!(moved, request, "a refused event changes nothing"),
        }
    }
});
