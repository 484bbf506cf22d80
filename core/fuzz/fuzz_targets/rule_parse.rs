//! Any rule source must parse or be refused, never panic; a rule that
//! compiles against the worked example's facts must evaluate, with no
//! answers and with some, without panicking.
#![no_main]

use std::sync::OnceLock;

use caidan_core::{Answers, Feed};
use libfuzzer_sys::fuzz_target;

/// The worked example feed with two sets of answers, parsed once.
struct Fixture {
    feed: Feed,
    none: Answers,
    some: Answers,
}

fn fixture() -> Option<&'static Fixture> {
    static FIXTURE: OnceLock<Option<Fixture>> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let feed = Feed::parse(include_str!("../../tests/data/worked.json")).ok()?;
            let none = Answers::new(&feed);
            let json = serde_json::json!({
                "residence": "110101001001",
                "age": 72,
                "living_alone": true,
                "disability_grade": null,
            });
            let some = Answers::from_json(&feed, &json).ok()?;
            Some(Fixture { feed, none, some })
        })
        .as_ref()
}

fuzz_target!(|source: &str| {
    let _ = caidan_core::rule::parse_only(source);
    let Some(f) = fixture() else {
        return;
    };
    if let Ok(rule) = f.feed.compile_rule(source) {
        for answers in [&f.none, &f.some] {
            let env = answers.env(&f.feed);
            let _ = rule.eval(&env);
            let _ = rule.clauses(&env);
        }
    }
});
