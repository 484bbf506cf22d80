//! Feed validation: each rule of FEED.md as a case that breaks a valid feed
//! and the problem it must report, with its path.

use caidan_core::{Feed, FeedError};
use serde_json::{json, Value};

fn base() -> Value {
    serde_json::from_str(include_str!("data/worked.json")).expect("fixture is JSON")
}

/// Applies `edit` to the valid fixture and expects a problem whose
/// `path: message` line contains `expected`.
fn check(edit: impl FnOnce(&mut Value), expected: &str) {
    let mut doc = base();
    edit(&mut doc);
    let text = doc.to_string();
    match Feed::parse(&text) {
        Ok(_) => panic!("expected `{expected}`, but the feed is valid"),
        Err(e) => {
            let lines: Vec<String> = e.diagnostics().iter().map(ToString::to_string).collect();
            assert!(
                lines.iter().any(|l| l.contains(expected)),
                "expected `{expected}` among:\n{}",
                lines.join("\n")
            );
        }
    }
}

fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(key.to_string(), value);
        }
        Some(Value::Array(items)) => {
            let i: usize = key.parse().expect("index");
            items[i] = value;
        }
        _ => panic!("no {parent}"),
    }
}

fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(key);
        }
        Some(Value::Array(items)) => {
            items.remove(key.parse::<usize>().expect("index"));
        }
        _ => panic!("no {parent}"),
    }
}

#[test]
fn the_fixture_is_valid() {
    let feed = Feed::parse(include_str!("data/worked.json")).expect("valid");
    assert_eq!(feed.services().len(), 3);
    assert!(feed.warnings().is_empty(), "{:?}", feed.warnings());
}

#[test]
fn every_problem_is_reported_with_its_path() {
    type Edit = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|d| remove(d, "/version")), "version: missing required field"),
        (Box::new(|d| remove(d, "/intake")), "intake: missing required field"),
        (Box::new(|d| remove(d, "/services")), "services: missing required field"),
        (Box::new(|d| set(d, "/id", json!("has space"))), "id: `has space` is not a valid id"),
        (Box::new(|d| set(d, "/published_at", json!("2026-11-20"))), "published_at:"),
        (Box::new(|d| set(d, "/caidan_feed", json!("one"))), "caidan_feed: `one` is not a version"),
        (Box::new(|d| set(d, "/title", json!({"en": "Only English"}))), "title: the default locale `zh-CN` is missing"),
        (Box::new(|d| set(d, "/locales", json!(["en"]))), "locales: the default locale `zh-CN` is not among the locales"),
        (Box::new(|d| set(d, "/locales", json!((0..=16).map(|i| format!("x-{i}")).chain(["zh-CN".into()]).collect::<Vec<_>>()))), "locales: a feed may have at most 16 locales; this one lists 18"),
        (Box::new(|d| set(d, "/valid_from", json!("2026-02-30"))), "valid_from:"),
        (Box::new(|d| { set(d, "/valid_from", json!("2026-06-01")); set(d, "/valid_until", json!("2026-01-01")); }), "valid_until: the window ends (2026-01-01) before it starts (2026-06-01)"),
        (Box::new(|d| set(d, "/intake", json!({"kind": "open311"}))), "intake.endpoint: an `open311` intake needs an endpoint"),
        (Box::new(|d| set(d, "/intake/hotline", json!("javascript:alert(1)"))), "intake.hotline: `javascript:alert(1)` has scheme `javascript:`"),
        (Box::new(|d| set(d, "/intake/kind", json!("carrier-pigeon"))), if cfg!(feature = "publisher") { "intake.kind: unknown variant `carrier-pigeon`" } else { "unknown variant `carrier-pigeon`, expected `voucher` or `open311`" }),
        (Box::new(|d| set(d, "/regions/3/parent", json!("nowhere"))), "regions[3](110101001001).parent: unknown region `nowhere`"),
        (Box::new(|d| set(d, "/regions/1/code", json!("110000"))), "duplicate id `110000`"),
        (Box::new(|d| set(d, "/regions/3/level", json!("district"))), "regions[3](110101001001).level: a `district` cannot lie inside the `street`"),
        (Box::new(|d| set(d, "/regions/1/parent", json!("110101001001"))), "regions[1](110101).level"),
        (Box::new(|d| remove(d, "/facts/0")), "the `residence` fact (type `region`) is required"),
        (Box::new(|d| set(d, "/facts/0/type", json!("integer"))), "facts[0](residence).type: `residence` must be of type `region`"),
        (Box::new(|d| set(d, "/facts/1/min", json!(200))), "facts[1](age).min: min 200 is above max 130"),
        (Box::new(|d| set(d, "/facts/4/options", json!([]))), "facts[4](income_status).options: a choice needs options"),
        (Box::new(|d| set(d, "/facts/4/options/1/key", json!("dibao"))), "facts[4](income_status).options[1](dibao): duplicate id `dibao`"),
        (Box::new(|d| set(d, "/facts/2/id", json!("not"))), "cannot be written in a rule"),
        (Box::new(|d| set(d, "/organizations/0/url", json!("data:text/html,hi"))), "organizations[0](org-a).url: `data:text/html,hi` has scheme `data:`"),
        (Box::new(|d| set(d, "/organizations/0/parent_organization_id", json!("org-a"))), "organizations[0](org-a).parent_organization_id: an organization cannot be its own hub"),
        (Box::new(|d| set(d, "/organizations/0/rating", json!({"score": 7, "count": 3}))), "rating.score: `7` is outside 0 to 5"),
        (Box::new(|d| set(d, "/services/1/category", json!("cooking"))), "services[1](library).category: unknown category `cooking`"),
        (Box::new(|d| set(d, "/services/1/organization_id", json!("org-z"))), "services[1](library).organization_id: unknown organization `org-z`"),
        (Box::new(|d| set(d, "/services/1/location_ids", json!(["loc-x"]))), "services[1](library).location_ids[0]: unknown location `loc-x`"),
        (Box::new(|d| set(d, "/services/0/service_areas", json!(["999"]))), "services[0](care).service_areas[0]: unknown region `999`"),
        (Box::new(|d| set(d, "/services/0/status", json!("open"))), if cfg!(feature = "publisher") { "services[0].status: unknown variant `open`" } else { "unknown variant `open`, expected one of `active`" }),
        (Box::new(|d| set(d, "/services/0/eligibility", json!("age >= \"sixty\""))), "services[0](care).eligibility: column"),
        (Box::new(|d| set(d, "/services/0/eligibility", json!("shoe_size > 3"))), "unknown fact `shoe_size`"),
        (Box::new(|d| set(d, "/services/0/eligibility", json!("residence within \"999\""))), "services[0](care).eligibility"),
        (Box::new(|d| set(d, "/services/0/cost/subsidies/1/when", json!("income_status == \"rich\""))), "services[0](care).cost.subsidies[1].when: column"),
        (Box::new(|d| set(d, "/services/0/cost/subsidies/0/covers_percent", json!(120))), "services[0](care).cost.subsidies[0].covers_percent: `120` is outside 0 to 100"),
        (Box::new(|d| set(d, "/services/0/cost/amount", json!(-5))), "services[0](care).cost.amount: `-5` is not an amount of money"),
        (Box::new(|d| set(d, "/services/0/priority/0/when", json!("age >="))), "services[0](care).priority[0].when: column"),
        (Box::new(|d| set(d, "/services/0/capacity/available", json!(11))), "services[0](care).capacity.available: 11 places available but the maximum is 10"),
        (Box::new(|d| set(d, "/services/0/limits", json!({"per_resident": {"count": 0, "period": "month"}}))), "services[0](care).limits.per_resident.count"),
        (Box::new(|d| set(d, "/services/0/attributes", json!([{"code": "diet", "datatype": "singlevaluelist", "description": "Diet"}]))), "services[0](care).attributes[0](diet).values: a list attribute needs at least one value"),
        (Box::new(|d| set(d, "/services/0/attributes", json!([{"code": "a", "datatype": "string", "description": "A"}, {"code": "a", "datatype": "text", "description": "B"}]))), "services[0](care).attributes[1](a): duplicate id `a`"),
        (Box::new(|d| set(d, "/services/1/id", json!("care"))), "services[1](care): duplicate id `care`"),
        (Box::new(|d| set(d, "/services/0/contact_phone", json!("javascript:void(0)"))), "services[0](care).contact_phone"),
    ];
    for (edit, expected) in cases {
        check(edit, expected);
    }
}

#[test]
fn all_problems_are_collected_not_just_the_first() {
    let mut doc = base();
    remove(&mut doc, "/version");
    set(&mut doc, "/services/1/category", json!("cooking"));
    set(
        &mut doc,
        "/services/0/cost/subsidies/0/covers_percent",
        json!(150),
    );
    let err = Feed::parse(&doc.to_string()).expect_err("invalid");
    assert_eq!(err.diagnostics().len(), 3, "{:?}", err.diagnostics());
}

#[cfg(feature = "publisher")]
#[test]
fn unknown_fields_are_warnings() {
    let mut doc = base();
    doc["services"][1]["colour"] = json!("red");
    doc["shiny"] = json!(true);
    let feed = Feed::parse(&doc.to_string()).expect("still valid");
    let warnings: Vec<String> = feed.warnings().iter().map(ToString::to_string).collect();
    assert!(
        warnings.contains(&"services[1].colour: unknown field, ignored".to_string()),
        "{warnings:?}"
    );
    assert!(
        warnings.contains(&"shiny: unknown field, ignored".to_string()),
        "{warnings:?}"
    );
}

#[test]
fn not_a_feed_at_all() {
    let cases = [
        ("", "not JSON"),
        ("{\"caidan_feed\": \"1.0\",", "not JSON"),
        ("[1, 2, 3]", "not a feed: the document is not a JSON object"),
        ("\"hello\"", "not a feed"),
    ];
    for (text, expected) in cases {
        let err = Feed::parse(text).expect_err("not a feed");
        assert!(err.is_unreadable(), "{text}: {err}");
        assert!(err.to_string().contains(expected), "{text}: {err}");
    }
    let err = Feed::parse("{\n  \"a\": nope\n}").expect_err("syntax");
    assert!(
        matches!(err, FeedError::Syntax { line: 2, .. }),
        "syntax errors carry the line: {err:?}"
    );
}

#[test]
fn a_newer_major_version_is_refused_by_name() {
    let mut doc = base();
    set(&mut doc, "/caidan_feed", json!("2.0"));
    // Even when the rest no longer looks like version 1.
    doc["services"] = json!("moved elsewhere in 2.0");
    let err = Feed::parse(&doc.to_string()).expect_err("refused");
    assert!(
        matches!(&err, FeedError::UnsupportedVersion { found } if found == "2.0"),
        "{err:?}"
    );
    assert!(err.to_string().contains("unsupported feed version `2.0`"));
}

#[test]
fn hostile_input_is_bounded() {
    let deep = "[".repeat(100_000);
    assert!(Feed::parse(&deep).is_err());
    let deep_object = format!("{{\"title\": {}", "{\"a\":".repeat(10_000));
    assert!(Feed::parse(&deep_object).is_err());
    let mut doc = base();
    set(&mut doc, "/services/0/eligibility", json!("(".repeat(5000)));
    assert!(Feed::parse(&doc.to_string()).is_err());
    let huge = " ".repeat(caidan_core::feed::MAX_FEED_BYTES + 1);
    assert!(matches!(
        Feed::parse(&huge),
        Err(FeedError::TooLarge { .. })
    ));
}

/// Every URL field refuses every dressing of a script or data URL.
#[test]
fn script_and_data_urls_are_feed_errors_in_every_url_field() {
    let fields = [
        ("/publisher/phone", "publisher.phone"),
        ("/publisher/url", "publisher.url"),
        ("/intake/hotline", "intake.hotline"),
        ("/organizations/0/phone", "organizations[0](org-a).phone"),
        ("/organizations/0/url", "organizations[0](org-a).url"),
        ("/locations/0/phone", "locations[0](loc).phone"),
    ];
    let hostile = [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "javascript://example.com/%0Aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ];
    for (pointer, path) in fields {
        for url in hostile {
            check(
                |doc| {
                    if doc.pointer("/publisher").is_none() {
                        set(doc, "/publisher", json!({"name": "P"}));
                    }
                    if doc.pointer("/locations/0").is_none() {
                        set(doc, "/locations", json!([{"id": "loc", "name": "L"}]));
                    }
                    set(doc, pointer, json!(url));
                },
                path,
            );
        }
    }
    // An Open311 endpoint, too.
    for url in hostile {
        check(
            |doc| set(doc, "/intake", json!({"kind": "open311", "endpoint": url})),
            "intake.endpoint",
        );
    }
}

#[test]
fn a_text_with_too_many_translations_is_refused_with_its_path() {
    let mut doc = base();
    let many: serde_json::Map<String, Value> = (0..=caidan_core::text::MAX_LOCALES)
        .map(|i| (format!("x-{i}"), json!("Dongcheng")))
        .chain([("zh-CN".to_string(), json!("东城"))])
        .collect();
    set(&mut doc, "/services/1/name", Value::Object(many));
    let expected = if cfg!(feature = "publisher") {
        "services[1].name: a text may have at most 16 translations"
    } else {
        "a text may have at most 16 translations"
    };
    check(|d| *d = doc, expected);
}

#[test]
fn at_most_max_diagnostics_are_listed_then_a_count_of_the_rest() {
    let mut doc = base();
    let template = doc["services"][1].clone();
    let services: Vec<Value> = (0..1000)
        .map(|i| {
            let mut s = template.clone();
            s["id"] = json!(format!("s{i}"));
            s["category"] = json!("cooking");
            s
        })
        .collect();
    doc["services"] = Value::Array(services);
    let err = Feed::parse(&doc.to_string()).expect_err("invalid");
    let diagnostics = err.diagnostics();
    assert_eq!(diagnostics.len(), caidan_core::feed::MAX_DIAGNOSTICS + 1);
    assert_eq!(
        diagnostics.last().map(ToString::to_string).as_deref(),
        Some("800 more problems not listed: a feed lists at most 200")
    );
    assert_eq!(err.to_string(), "the feed has more than 200 problems");
}

#[test]
fn a_long_region_chain_closed_into_a_cycle_is_refused() {
    // Walking every region's parents would take some 10^10 steps.
    let n = 100_000;
    let mut doc = base();
    let regions: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "code": format!("r{i}"),
                "name": "R",
                "level": "community",
                "parent": format!("r{}", if i == 0 { n - 1 } else { i - 1 }),
            })
        })
        .collect();
    if let Some(Value::Array(list)) = doc.get_mut("regions") {
        list.extend(regions);
    }
    let err = Feed::parse(&doc.to_string()).expect_err("invalid");
    assert_eq!(
        err.diagnostics().len(),
        caidan_core::feed::MAX_DIAGNOSTICS + 1
    );
}

/// The base feed with `rule` as the eligibility of its first two services.
fn same_rule_in_two_services(rule: &str) -> Value {
    let mut doc = base();
    for i in 0..2 {
        set(&mut doc, &format!("/services/{i}/eligibility"), json!(rule));
    }
    doc
}

#[test]
fn a_rule_repeated_across_services_is_checked_at_each_place() {
    // A feed compiles each distinct rule source once; every occurrence of
    // a broken one is still reported at its own path, with the same message.
    let doc = same_rule_in_two_services("age >= 60 and nosuchfact");
    let err = Feed::parse(&doc.to_string()).expect_err("the rule names an unknown fact");
    let rule_errors: Vec<(String, String)> = err
        .diagnostics()
        .into_iter()
        .filter(|d| d.path.ends_with(".eligibility"))
        .map(|d| (d.path, d.message))
        .collect();
    assert_eq!(rule_errors.len(), 2, "{rule_errors:?}");
    assert!(
        rule_errors[0].0.starts_with("services[0]("),
        "{rule_errors:?}"
    );
    assert!(
        rule_errors[1].0.starts_with("services[1]("),
        "{rule_errors:?}"
    );
    assert_eq!(rule_errors[0].1, rule_errors[1].1);
    assert!(rule_errors[0].1.contains("unknown fact `nosuchfact`"));

    // The same valid rule in two services compiles to the same rule in each.
    let doc = same_rule_in_two_services("age >= 60");
    let feed = Feed::parse(&doc.to_string()).expect("valid");
    let sources: Vec<Option<String>> = feed
        .service_indices()
        .take(2)
        .map(|s| {
            feed.rules(s)
                .and_then(|r| r.eligibility)
                .map(|r| r.source().to_owned())
        })
        .collect();
    assert_eq!(
        sources,
        [Some("age >= 60".into()), Some("age >= 60".into())]
    );
}
