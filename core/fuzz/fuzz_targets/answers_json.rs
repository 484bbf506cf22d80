//! Answers come back from browser storage as JSON: any JSON must be read
//! into answers against the worked example feed or refused, never panic;
//! answers that are read must decide every service, and write themselves
//! back as JSON that reads the same. What a resident types for a fact
//! must be read or refused too, and what is read must be a valid answer.
#![no_main]

use std::sync::OnceLock;

use caidan_core::date::Date;
use caidan_core::{answer_from_input, decide_all, Answers, Feed};
use libfuzzer_sys::fuzz_target;

fn feed() -> Option<&'static (Feed, Date)> {
    static FIXTURE: OnceLock<Option<(Feed, Date)>> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let feed = Feed::parse(include_str!("../../tests/data/worked.json")).ok()?;
            let today = Date::parse("2026-03-15").ok()?;
            Some((feed, today))
        })
        .as_ref()
}

fuzz_target!(|text: &str| {
    let Some((feed, today)) = feed() else {
        return;
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    // What a resident might have typed: every string in the object, for
    // the fact it is filed under.
    if let Some(map) = json.as_object() {
        for (id, value) in map {
            let (Some(fact), Some(raw)) = (feed.fact(id), value.as_str()) else {
                continue;
            };
            if let Ok(Some(answer)) = answer_from_input(feed, fact, raw) {
                let mut answers = Answers::new(feed);
                let set = answers.set(feed, id, &answer);
                assert!(set.is_ok(), "`{raw}` read as {answer} for `{id}`: {set:?}");
            }
        }
    }
    let Ok(answers) = Answers::from_json(feed, &json) else {
        return;
    };
    for decision in decide_all(feed, &answers, *today) {
        let _ = decision.to_json(feed, &answers);
    }
    let written = answers.to_json(feed);
    let again = Answers::from_json(feed, &written);
    assert_eq!(again.as_ref().ok(), Some(&answers), "{written} reads back");
});
