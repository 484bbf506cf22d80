//! The worked examples of FEED.md, and more decisions, as a table.

use caidan_core::date::Date;
use caidan_core::{decide, Answers, Feed};
use serde_json::{json, Value};

fn feed() -> Feed {
    Feed::parse(include_str!("data/worked.json")).expect("the worked example is valid")
}

/// Decides `service` for `answers` on 2026-11-26 and compares the listed
/// fields of the decision JSON with `expected`.
fn check(service: &str, answers: Value, expected: Value) {
    check_on(service, answers, "2026-11-26", expected)
}

fn check_on(service: &str, answers: Value, date: &str, expected: Value) {
    let feed = feed();
    let answers = Answers::from_json(&feed, &answers).expect("valid answers");
    let today = Date::parse(date).expect("valid date");
    let index = feed.service_index(service).expect("known service");
    let got = decide(&feed, index, &answers, today)
        .expect("decision")
        .to_json(&feed, &answers);
    let Value::Object(expected) = expected else {
        panic!("expected must be an object")
    };
    for (key, want) in expected {
        let path: Vec<&str> = key.split('.').collect();
        let mut at = &got;
        for p in &path {
            at = &at[p];
        }
        assert_eq!(
            at, &want,
            "`{key}` for {service} with {answers:?}\nwhole decision: {got:#}"
        );
    }
}

#[test]
fn worked_example_rows() {
    let home = "110105001001";
    check(
        "care",
        json!({}),
        json!({
            "decision": "undetermined",
            "missing": ["residence", "age", "living_alone", "disability_grade"],
            "cost.pays": null, "cost.pays_min": 0, "cost.pays_max": 30,
            "cost.missing": ["income_status", "age"],
        }),
    );
    check(
        "care",
        json!({"residence": home, "age": 50}),
        json!({"decision": "ineligible", "missing": []}),
    );
    check(
        "care",
        json!({"residence": home, "age": 70}),
        json!({
            "decision": "undetermined",
            "missing": ["living_alone", "disability_grade"],
            "cost.pays_min": 0, "cost.pays_max": 30, "cost.missing": ["income_status"],
        }),
    );
    check(
        "care",
        json!({"residence": home, "age": 70, "living_alone": true}),
        json!({
            "decision": "eligible", "missing": [],
            "cost.pays": null, "cost.pays_min": 0, "cost.pays_max": 30,
            "cost.missing": ["income_status"],
        }),
    );
    check(
        "care",
        json!({"residence": home, "age": 85, "living_alone": true, "income_status": "none"}),
        json!({
            "decision": "eligible",
            "cost.pays": 15, "cost.pays_min": 15, "cost.pays_max": 15, "cost.subsidy": 1,
            "cost.amount": 30, "cost.currency": "CNY", "priority": "urgent",
        }),
    );
    check(
        "care",
        json!({"residence": home, "age": 70, "living_alone": null}),
        json!({
            "decision": "undetermined", "missing": ["disability_grade"],
            "cost.pays_min": 0, "cost.pays_max": 30,
        }),
    );
    check(
        "care",
        json!({"residence": home, "age": 70, "living_alone": false, "disability_grade": null}),
        json!({"decision": "undetermined", "missing": [], "cost.pays_min": 0, "cost.pays_max": 30}),
    );
    check(
        "care",
        json!({"residence": "110101001001", "age": 70}),
        json!({"decision": "unavailable", "missing": [], "unavailable": "outside_area"}),
    );
}

#[test]
fn reasons_priority_capacity_and_windows() {
    let home = "110105001001";
    check(
        "care",
        json!({"residence": home, "age": 70, "living_alone": true, "income_status": "dibao"}),
        json!({
            "reasons": [
                {"clause": "age >= 60", "value": true},
                {"clause": "(living_alone or disability_grade <= 2)", "value": true},
            ],
            "priority": "high",
            "cost.pays": 0, "cost.subsidy": 0,
            "full": true,
        }),
    );
    check(
        "care",
        json!({"residence": home, "age": 50}),
        json!({"reasons": [
            {"clause": "age >= 60", "value": false},
            {"clause": "(living_alone or disability_grade <= 2)", "value": null},
        ]}),
    );
    check_on(
        "care",
        json!({"residence": home, "age": 70, "living_alone": true}),
        "2027-01-01",
        json!({"decision": "unavailable", "unavailable": "ended 2026-12-31"}),
    );
    check_on(
        "care",
        json!({}),
        "2025-12-31",
        json!({"decision": "unavailable", "unavailable": "starts 2026-01-01"}),
    );
    // No rule, no area, no cost: everyone, anywhere, free.
    check(
        "library",
        json!({}),
        json!({"decision": "eligible", "missing": [], "reasons": [], "cost": null, "priority": null}),
    );
    check(
        "closed",
        json!({"age": 70}),
        json!({"decision": "unavailable", "unavailable": "temporarily_closed"}),
    );
}

#[test]
fn invalid_answers_name_the_fact() {
    let feed = feed();
    let cases = [
        (json!({"age": "old"}), "`age`: expected a number"),
        (json!({"age": 200}), "`age`: `200` is above the maximum 130"),
        (json!({"age": 60.5}), "`age`: expected a whole number"),
        (
            json!({"living_alone": "yes"}),
            "`living_alone`: expected true or false",
        ),
        (
            json!({"income_status": "rich"}),
            "`income_status`: `rich` is not an option",
        ),
        (
            json!({"residence": "999"}),
            "`residence`: `999` is not a region of this feed",
        ),
        (
            json!({"residence": "110105"}),
            "`residence`: `110105` is a district, expected a community",
        ),
        (
            json!({"shoe_size": 42}),
            "`shoe_size`: no such fact in this feed",
        ),
        (json!([1, 2]), "answers must be a JSON object"),
    ];
    for (answers, message) in cases {
        let errors = Answers::from_json(&feed, &answers).expect_err("invalid answers");
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            text.iter().any(|t| t.starts_with(message)),
            "{answers}: expected `{message}`, got {text:?}"
        );
    }
}

#[test]
fn the_resident_is_shown_a_cost_only_when_they_may_qualify() {
    use caidan_core::ShownCost;
    let feed = feed();
    let today = Date::parse("2026-11-26").unwrap();
    let shown = |service: &str, answers: Value| {
        let answers = Answers::from_json(&feed, &answers).unwrap();
        let d = decide(&feed, feed.service_index(service).unwrap(), &answers, today).unwrap();
        d.shown_cost().map(|c| match c {
            ShownCost::Free => "free".to_string(),
            ShownCost::Pays(c) => format!("{}-{}", c.pays_min, c.pays_max),
        })
    };
    assert_eq!(shown("care", json!({})), Some("0-3000".into()));
    assert_eq!(
        shown("care", json!({"residence": "110105001001", "age": 50})),
        None
    );
    assert_eq!(shown("library", json!({})), Some("free".into()));
    // The hotline is the service's own phone, else the intake's.
    let library = feed.service("library").unwrap();
    assert_eq!(feed.hotline(library), Some("tel:010-12345"));
}
