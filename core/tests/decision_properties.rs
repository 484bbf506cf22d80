//! Properties of decisions that hold for every set of answers, checked on
//! the worked example and on a synthetic feed. Answers come one at a time,
//! the way the app asks for them: it asks `decision.missing[0]`, records the
//! answer and decides again.

use caidan_core::date::Date;
use caidan_core::wire::FactType;
use caidan_core::{decide, Answers, Decision, FactIndex, Feed, Outcome, ServiceIndex, Slot};
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
            districts: None,
        })
        .to_string();
        vec![
            Feed::parse(include_str!("data/worked.json")).expect("worked example"),
            Feed::parse(&synthetic).expect("synthetic feed"),
        ]
    })
}

/// A valid answer for fact `index`, picked by `pick`, or "I don't know". A
/// region is, for every other pick, one inside `areas` (when there are any),
/// so that residents often live where the service is offered.
fn answer(feed: &Feed, index: usize, pick: u32, areas: &[String]) -> Value {
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
            let tree = feed.region_tree();
            let codes = |local: bool| -> Vec<&str> {
                feed.regions()
                    .iter()
                    .filter(|r| fact.level.is_none_or(|l| r.level == l))
                    .filter(|r| !local || areas.iter().any(|a| tree.code_within(&r.code, a)))
                    .map(|r| r.code.as_str())
                    .collect()
            };
            let local = codes(pick.is_multiple_of(2));
            let codes = if local.is_empty() {
                codes(false)
            } else {
                local
            };
            json!(codes[(pick / 2) as usize % codes.len()])
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

/// The service at position `i` of the feed.
fn service_at(feed: &Feed, i: usize) -> ServiceIndex {
    feed.service_indices()
        .nth(i)
        .expect("a service of the feed")
}

/// The fact at position `i` of the feed.
fn fact_at(feed: &Feed, i: usize) -> FactIndex {
    feed.fact_index(&feed.facts()[i].id)
        .expect("a fact of the feed")
}

fn today() -> Date {
    Date::parse("2026-11-26").unwrap()
}

/// Sets fact `fact` to the answer `pick` chooses for a resident looking at
/// service `service` (see [`answer`]).
fn set(feed: &Feed, service: usize, answers: &mut Answers, fact: usize, pick: u32) {
    let id = feed.facts()[fact].id.clone();
    let areas = &feed.services()[service].service_areas;
    answers
        .set(feed, &id, &answer(feed, fact, pick, areas))
        .expect("valid answer");
}

/// One step of the walk through a service's questions: the answers so far
/// and the decision they give, still undetermined.
struct Step<'a> {
    answers: &'a Answers,
    decision: &'a Decision,
}

/// How a walk through a service's questions ended.
struct Walked {
    /// The last decision.
    decision: Decision,
    /// Whether some answer on the way was "I don't know".
    dont_know: bool,
}

/// Walks service `service` as the app does: decide with nothing answered;
/// while the decision is undetermined and a fact is missing, answer
/// `missing[0]` with the next of `picks` (round and round) and decide again.
/// Calls `check` at every undetermined step, before its answer.
///
/// Every fact asked must be unanswered, so the walk answers each fact at
/// most once and ends within as many steps as the feed has facts.
fn walk(
    feed: &Feed,
    service: usize,
    picks: &[u32],
    mut check: impl FnMut(Step<'_>) -> Result<(), TestCaseError>,
) -> Result<Walked, TestCaseError> {
    let mut answers = Answers::new(feed);
    let mut dont_know = false;
    for step in 0..=feed.facts().len() {
        let decision = decide(feed, service_at(feed, service), &answers, today()).unwrap();
        if decision.outcome != Outcome::Undetermined {
            return Ok(Walked {
                decision,
                dont_know,
            });
        }
        check(Step {
            answers: &answers,
            decision: &decision,
        })?;
        let Some(&next) = decision.missing.first() else {
            return Ok(Walked {
                decision,
                dont_know,
            });
        };
        prop_assert_eq!(
            answers.slot(next),
            &Slot::Unanswered,
            "service {} asked again for fact {:?}",
            service,
            next
        );
        let pick = picks[step % picks.len()];
        dont_know |= pick.is_multiple_of(7);
        set(feed, service, &mut answers, next.get(), pick);
    }
    Err(TestCaseError::fail(format!(
        "service {service} asked more questions than there are facts"
    )))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// (b) At every step, answering a fact that is not in `missing` never
    /// changes an undetermined decision.
    #[test]
    fn answering_what_is_not_missing_changes_nothing(
        which in 0usize..2,
        picks in prop::collection::vec(0u32..1000, 1..12),
        extra in prop::collection::vec((0usize..20, 0u32..1000), 1..12),
    ) {
        let feed = &feeds()[which];
        for s in 0..feed.services().len() {
            let mut step = 0;
            walk(feed, s, &picks, |Step { answers, decision }| {
                let (fact, pick) = extra[step % extra.len()];
                step += 1;
                let fact = fact % feed.facts().len();
                let index = fact_at(feed, fact);
                if decision.missing.contains(&index) || *answers.slot(index) != Slot::Unanswered {
                    return Ok(());
                }
                let mut more = answers.clone();
                set(feed, s, &mut more, fact, pick);
                let after = decide(feed, service_at(feed, s), &more, today()).unwrap();
                prop_assert_eq!(after.outcome, Outcome::Undetermined,
                    "service {} changed after answering {} which was not missing",
                    s, &feed.facts()[fact].id);
                Ok(())
            })?;
        }
    }

    /// (c) Answering the missing facts one at a time settles the decision,
    /// unless an "I don't know" answer stands in the way.
    #[test]
    fn answering_everything_missing_settles(
        which in 0usize..2,
        picks in prop::collection::vec(0u32..1000, 1..12),
    ) {
        let feed = &feeds()[which];
        for s in 0..feed.services().len() {
            let walked = walk(feed, s, &picks, |_| Ok(()))?;
            prop_assert!(
                walked.dont_know || walked.decision.outcome != Outcome::Undetermined,
                "service {} undetermined with nothing missing and no \"I don't know\"", s
            );
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
            for s in feed.service_indices() {
                let d = decide(feed, s, &answers, today()).unwrap();
                let _ = d.to_json(feed, &answers);
            }
        }
    }
}
