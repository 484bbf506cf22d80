//! Properties of decisions that hold for every set of answers, checked on
//! the worked example and on a synthetic feed.

use caidan_core::date::Date;
use caidan_core::wire::FactType;
use caidan_core::{decide, Answers, Feed, Outcome, Slot};
use caidan_synth::{generate, SynthOptions};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn feeds() -> &'static [Feed] {
    static FEEDS: OnceLock<Vec<Feed>> = OnceLock::new();
    FEEDS.get_or_init(|| {
        let synthetic = generate(&SynthOptions {
            services: 60,
            seed: 11,
        })
        .to_string();
        vec![
            Feed::parse(include_str!("data/worked.json")).expect("worked example"),
            Feed::parse(&synthetic).expect("synthetic feed"),
        ]
    })
}

/// A valid answer for fact `index`, picked by `pick`, or "I don't know".
fn answer(feed: &Feed, index: usize, pick: u32) -> Value {
    let Some(fact) = feed.facts().get(index) else {
        return Value::Null;
    };
    if pick.is_multiple_of(7) {
        return Value::Null;
    }
    match fact.kind {
        FactType::Boolean => json!(pick.is_multiple_of(2)),
        FactType::Integer | FactType::Number => {
            let lo = fact.min.unwrap_or(0.0) as i64;
            let hi = fact.max.unwrap_or(10_000.0) as i64;
            json!(lo + i64::from(pick) % (hi - lo + 1).max(1))
        }
        FactType::Choice => {
            let o = &fact.options[pick as usize % fact.options.len()];
            json!(o.key)
        }
        FactType::Region => {
            let level = fact.level;
            let codes: Vec<&str> = feed
                .regions()
                .iter()
                .filter(|r| level.is_none_or(|l| r.level == l))
                .map(|r| r.code.as_str())
                .collect();
            json!(codes[pick as usize % codes.len()])
        }
        FactType::Date => {
            let d = Date::parse("2024-01-01")
                .unwrap()
                .add_days(i64::from(pick % 1500))
                .unwrap();
            json!(d.to_string())
        }
    }
}

fn answers_from(feed: &Feed, picks: &[(usize, u32)]) -> Answers {
    let mut answers = Answers::new(feed);
    for &(fact, pick) in picks {
        let i = fact % feed.facts().len();
        let id = feed.facts()[i].id.clone();
        answers
            .set(feed, &id, &answer(feed, i, pick))
            .expect("valid answer");
    }
    answers
}

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// (b) Answering a fact that is not in `missing` never changes an
    /// undetermined decision.
    #[test]
    fn answering_what_is_not_missing_changes_nothing(
        which in 0usize..2,
        picks in prop::collection::vec((0usize..20, 0u32..1000), 0..6),
        extra in (0usize..20, 0u32..1000),
    ) {
        let feed = &feeds()[which];
        let answers = answers_from(feed, &picks);
        for s in 0..feed.services().len() {
            let d = decide(feed, s, &answers, today()).unwrap();
            if d.outcome != Outcome::Undetermined {
                continue;
            }
            let fact = extra.0 % feed.facts().len();
            if d.missing.contains(&fact) || *answers.slot(fact) != Slot::Unanswered {
                continue;
            }
            let mut more = answers.clone();
            let id = feed.facts()[fact].id.clone();
            more.set(feed, &id, &answer(feed, fact, extra.1)).unwrap();
            let after = decide(feed, s, &more, today()).unwrap();
            prop_assert_eq!(after.outcome, Outcome::Undetermined,
                "service {} changed after answering {} which was not missing", s, id);
        }
    }

    /// (c) Answering every missing fact with any valid value settles the
    /// decision, unless an "I don't know" answer stands in the way.
    #[test]
    fn answering_everything_missing_settles(
        which in 0usize..2,
        picks in prop::collection::vec((0usize..20, 1u32..1000), 0..6),
        values in prop::collection::vec(1u32..1000, 20),
    ) {
        let feed = &feeds()[which];
        // No "I don't know" among the answers (pick % 7 == 0 means null).
        let picks: Vec<_> = picks.into_iter().map(|(f, p)| (f, if p.is_multiple_of(7) { p + 1 } else { p })).collect();
        let answers = answers_from(feed, &picks);
        for s in 0..feed.services().len() {
            let mut current = answers.clone();
            // Each round answers what is missing; rules are finite, so a few
            // rounds suffice.
            for round in 0..20 {
                let d = decide(feed, s, &current, today()).unwrap();
                if d.outcome != Outcome::Undetermined {
                    break;
                }
                prop_assert!(!d.missing.is_empty(), "service {} undetermined with nothing missing and no unknowns", s);
                prop_assert!(round < 19, "service {} never settled", s);
                for &f in &d.missing {
                    let mut v = values[f % values.len()];
                    if v.is_multiple_of(7) { v += 1; }
                    let id = feed.facts()[f].id.clone();
                    current.set(feed, &id, &answer(feed, f, v)).unwrap();
                }
            }
        }
    }

    /// (a) Nothing panics on any answers, valid or not.
    #[test]
    fn any_json_answers_never_panic(
        which in 0usize..2,
        raw in prop::collection::vec((0usize..25, prop_oneof![
            Just(Value::Null), any::<bool>().prop_map(Value::from), any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            "[a-z0-9_\\-]{0,12}".prop_map(Value::from), Just(json!([1, 2])), Just(json!({"a": 1})),
        ]), 0..10),
    ) {
        let feed = &feeds()[which];
        let mut obj = serde_json::Map::new();
        for (i, v) in raw {
            let key = feed.facts().get(i).map_or_else(|| format!("nope{i}"), |f| f.id.clone());
            obj.insert(key, v);
        }
        if let Ok(answers) = Answers::from_json(feed, &Value::Object(obj)) {
            for s in 0..feed.services().len() {
                let d = decide(feed, s, &answers, today()).unwrap();
                let _ = d.to_json(feed, &answers);
            }
        }
    }
}
