//! HSDS 3 export and import, and the menu as an Open311 service list.
//!
//! Every exported service is checked against the official HSDS 3 compiled
//! schema (`data/hsds/`, see its README for where it comes from).
#![cfg(feature = "hsds")]

use std::path::PathBuf;
use std::sync::OnceLock;

use caidan_core::hsds::{self, ExportOptions, ImportError, ImportOptions};
use caidan_core::open311::services;
use caidan_core::Feed;
use serde_json::{json, Value};

fn read(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn sample() -> Feed {
    Feed::parse(&read("../public/feeds/sample.json")).unwrap()
}

fn worked() -> Feed {
    Feed::parse(&read("tests/data/worked.json")).unwrap()
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(&read("tests/data/hsds/schema/service.json")).unwrap();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap()
    })
}

/// Every service of an export, checked against the HSDS 3 schema.
fn assert_valid_hsds(export: &Value) {
    let contents = export["contents"].as_array().expect("a page with contents");
    assert_eq!(export["total_items"], json!(contents.len()));
    for service in contents {
        let errors: Vec<String> = validator()
            .iter_errors(service)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "service {}:\n{}",
            service["name"],
            errors.join("\n")
        );
    }
}

fn options() -> ImportOptions {
    ImportOptions {
        feed_id: "imported".into(),
        title: "Imported".into(),
        locale: "zh-CN".into(),
        published_at: "2026-11-29T08:00:00+08:00".into(),
    }
}

fn import(text: &str) -> hsds::Imported {
    hsds::import(text, &options()).unwrap()
}

/// The imported feed, checked by the real parser.
fn checked(imported: &hsds::Imported) -> Feed {
    let text = serde_json::to_string(&imported.feed).unwrap();
    Feed::parse(&text).unwrap_or_else(|e| panic!("{:#?}\n{text}", e.diagnostics()))
}

#[test]
fn every_exported_service_validates_against_the_hsds_schema() {
    for feed in [sample(), worked()] {
        let export = hsds::export(&feed, &ExportOptions::default());
        assert_eq!(
            export["contents"].as_array().unwrap().len(),
            feed.services().len()
        );
        assert_valid_hsds(&export);
    }
    let english = ExportOptions {
        locale: Some("en".into()),
        ..ExportOptions::default()
    };
    let export = hsds::export(&sample(), &english);
    assert_valid_hsds(&export);
    assert_eq!(
        export["contents"][0]["name"],
        "Senior meal assistance, Dongcheng"
    );
    assert_eq!(export["contents"][0]["alternate_name"], "东城区老年助餐");
}

/// The schema check is not vacuous: it finds what HSDS forbids.
#[test]
fn the_schema_check_catches_invalid_services() {
    let export = hsds::export(&sample(), &ExportOptions::default());
    let good = &export["contents"][0];
    let mut cases = Vec::new();
    let mut no_status = good.clone();
    no_status.as_object_mut().unwrap().remove("status");
    cases.push(no_status);
    let mut bad_id = good.clone();
    bad_id["id"] = json!("meal-assist-dc");
    cases.push(bad_id);
    let mut bad_status = good.clone();
    bad_status["status"] = json!("temporarily_closed");
    cases.push(bad_status);
    let mut no_postal_code = good.clone();
    no_postal_code["service_at_locations"][0]["location"]["addresses"][0]
        .as_object_mut()
        .unwrap()
        .remove("postal_code");
    cases.push(no_postal_code);
    for case in cases {
        assert!(!validator().is_valid(&case));
    }
    assert!(validator().is_valid(good));
}

#[test]
fn exports_are_stable_uuid_v5_ids() {
    let feed = sample();
    let a = serde_json::to_string(&hsds::export(&feed, &ExportOptions::default())).unwrap();
    let b = serde_json::to_string(&hsds::export(&feed, &ExportOptions::default())).unwrap();
    assert_eq!(a, b);
    let export: Value = serde_json::from_str(&a).unwrap();
    let first = &feed.services()[0];
    let id = export["contents"][0]["id"].as_str().unwrap();
    assert_eq!(id, hsds::object_id(&feed, "service", &first.id));
    // Version 5, RFC 4122 variant.
    assert_eq!(&id[14..15], "5");
    assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
    // The same organisation is the same object in every service.
    let org = hsds::object_id(&feed, "organization", &first.organization_id);
    assert_eq!(export["contents"][0]["organization"]["id"], org.as_str());
}

#[test]
fn export_keeps_the_rule_in_words_and_its_age_range() {
    let feed = sample();
    let export = hsds::export(&feed, &ExportOptions::default());
    let meal = &export["contents"][0];
    let s = &feed.services()[0];
    assert_eq!(
        s.eligibility.as_deref(),
        Some("age >= 60 and residence within \"110101\"")
    );
    assert_eq!(
        meal["eligibility_description"],
        s.eligibility_description.get("zh-CN", "zh-CN")
    );
    assert_eq!(meal["minimum_age"], 60);
    assert!(meal.get("maximum_age").is_none());
    // Each subsidy is a cost option: its label, and what those residents pay.
    let options = meal["cost_options"].as_array().unwrap();
    assert_eq!(options.len(), 1 + s.cost.as_ref().unwrap().subsidies.len());
    assert_eq!(options[0]["amount"], 20);
    assert!(options[0].get("option").is_none());
    assert_eq!(options[2]["amount"], 10);
    assert_eq!(options[2]["option"], "80岁以上补贴一半");
    let location = &meal["service_at_locations"][0]["location"];
    assert_eq!(location["schedules"][0]["byday"], "MO,TU,WE,TH,FR,SA,SU");
    assert_eq!(location["addresses"][0]["city"], "北京市");
    assert_eq!(location["addresses"][0]["region"], "东城区");
}

/// One case per row: an eligibility rule and the age range it implies.
#[test]
fn age_ranges_implied_by_rules() {
    let cases: &[(&str, Option<f64>, Option<f64>)] = &[
        ("age >= 60", Some(60.0), None),
        ("age > 59", Some(60.0), None),
        ("60 <= age", Some(60.0), None),
        ("age < 60", None, Some(59.0)),
        ("age >= 16 and age <= 59", Some(16.0), Some(59.0)),
        (
            "age >= 60 and (living_alone or disability_grade <= 2)",
            Some(60.0),
            None,
        ),
        ("age >= 70 or disability_grade <= 2", None, None),
        ("age >= 70 or age >= 65 and living_alone", Some(65.0), None),
        (
            "(age >= 18 and age < 30) or (age >= 60 and age <= 90)",
            Some(18.0),
            Some(90.0),
        ),
        ("not (age < 60)", None, None),
        ("age == 80", Some(80.0), Some(80.0)),
        (
            "age >= 60 and age >= 65 and age <= 90 and age < 95",
            Some(65.0),
            Some(90.0),
        ),
        ("living_alone", None, None),
        ("disability_grade >= 1", None, None),
    ];
    let mut doc: Value = serde_json::from_str(&read("tests/data/worked.json")).unwrap();
    for (rule, min, max) in cases {
        doc["services"][0]["eligibility"] = json!(rule);
        let feed = Feed::parse(&doc.to_string()).unwrap();
        let index = feed.service_index("care").unwrap();
        let compiled = feed.rules(index).unwrap().eligibility.unwrap();
        let age = feed.fact_index("age").unwrap();
        let range = hsds::age_range(compiled, age.get(), true);
        assert_eq!((range.minimum, range.maximum), (*min, *max), "{rule}");
    }
}

#[test]
fn sample_round_trips_through_hsds() {
    let feed = sample();
    let export = hsds::export(&feed, &ExportOptions::default());
    let imported = import(&export.to_string());
    let back = checked(&imported);
    let again = hsds::export(&back, &ExportOptions::default());
    assert_eq!(back.services().len(), feed.services().len());
    // Every organisation and location a service names comes back.
    let used_orgs: std::collections::BTreeSet<_> =
        feed.services().iter().map(|s| &s.organization_id).collect();
    assert_eq!(back.organizations().len(), used_orgs.len());
    let used_locations: std::collections::BTreeSet<_> = feed
        .services()
        .iter()
        .flat_map(|s| &s.location_ids)
        .collect();
    assert_eq!(back.locations().len(), used_locations.len());
    for (i, s) in feed.services().iter().enumerate() {
        let b = &back.services()[i];
        let d = feed.default_locale();
        assert_eq!(b.id, hsds::object_id(&feed, "service", &s.id));
        assert_eq!(b.name.get(d, d), s.name.get(d, d));
        assert_eq!(b.status, s.status);
        let org = back.organization(&b.organization_id).unwrap();
        let original = feed.organization(&s.organization_id).unwrap();
        assert_eq!(org.name.get(d, d), original.name.get(d, d));
        assert_eq!(b.location_ids.len(), s.location_ids.len(), "{}", s.id);
        for (l, bl) in s.location_ids.iter().zip(&b.location_ids) {
            let l = feed.location(l).unwrap();
            let bl = back.location(bl).unwrap();
            assert_eq!(bl.name.get(d, d), l.name.get(d, d));
            let hours = |x: &caidan_core::wire::Location| {
                x.schedules
                    .iter()
                    .map(|h| (h.byday.clone(), h.opens_at.clone(), h.closes_at.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(hours(bl), hours(l), "{}", l.id);
        }
        // The age bounds survive; the full price is the cost's amount.
        for key in ["minimum_age", "maximum_age"] {
            assert_eq!(
                again["contents"][i][key], export["contents"][i][key],
                "{} {key}",
                s.id
            );
        }
        assert_eq!(
            b.cost.as_ref().map(|c| c.amount),
            s.cost.as_ref().map(|c| c.amount),
            "{}",
            s.id
        );
        let category = back.category(&b.category).unwrap();
        assert_eq!(category.id, s.category);
    }
    // Rules beyond ages, subsidies and regions are left for the publisher.
    let meal = &imported.services[0];
    assert!(
        meal.todo.iter().any(|t| t.starts_with("subsidies: ")),
        "{:?}",
        meal.todo
    );
    assert!(
        meal.todo.iter().any(|t| t.starts_with("regions: ")),
        "{:?}",
        meal.todo
    );
    assert!(
        meal.todo.iter().any(|t| t.starts_with("eligibility: ")),
        "{:?}",
        meal.todo
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn the_specification_examples_import_and_check() {
    for name in ["service_full.json", "service_list.json"] {
        let text = read(&format!("tests/data/hsds/examples/{name}"));
        let imported = import(&text);
        let feed = checked(&imported);
        assert_eq!(feed.services().len(), 1, "{name}");
        let s = &feed.services()[0];
        assert_eq!(s.id, "ac148810-d857-441c-9679-408f346de14b");
        assert_eq!(s.name.get("zh-CN", "zh-CN"), "Community Counselling");
        assert_eq!(s.eligibility.as_deref(), Some("age >= 12 and age <= 100"));
        assert!(!s.eligibility_description.is_empty());
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        assert!(!imported.not_imported.is_empty());
        // And it exports again as valid HSDS.
        assert_valid_hsds(&hsds::export(&feed, &ExportOptions::default()));
    }
    let full = import(&read("tests/data/hsds/examples/service_full.json"));
    let feed = checked(&full);
    let s = &feed.services()[0];
    assert_eq!(s.cost.as_ref().map(|c| c.amount), Some(35.0));
    assert_eq!(feed.currency(), "GBP");
    assert_eq!(feed.locations().len(), 1);
    assert!(!feed.locations()[0].schedules.is_empty());
    assert_eq!(
        feed.organizations()[0].name.get("zh-CN", "zh-CN"),
        "Example Organization Inc."
    );
}

#[test]
fn bad_input_is_an_error_with_a_path() {
    let cases: &[(&str, &str)] = &[
        (
            r#"{"id": "a", "name": "b", "minimum_age": "twelve"}"#,
            "minimum_age",
        ),
        (
            r#"{"contents": [{"id": "a", "name": "b", "cost_options": [{"amount": "ten"}]}]}"#,
            "contents[0].cost_options[0].amount",
        ),
        (r#"[{"id": "a", "name": "b"}, {"id": "c"}]"#, "[1].name"),
        (r#"{"id": "a", "name": "b", "status": "open"}"#, "status"),
        (
            r#"{"id": "a", "name": "b", "maximum_age": 400}"#,
            "maximum_age",
        ),
        (r#"{"contents": 3}"#, "contents"),
        (
            r#"{"id": "a", "name": "b", "service_at_locations": [{"location": {"addresses": "here"}}]}"#,
            "service_at_locations[0].location.addresses",
        ),
    ];
    for (text, path) in cases {
        match hsds::import(text, &options()) {
            Err(ImportError::Invalid { path: p, .. }) => assert_eq!(p, *path, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
    assert!(matches!(
        hsds::import("{\"id\": ", &options()),
        Err(ImportError::Syntax { .. })
    ));
    assert!(matches!(
        hsds::import("42", &options()),
        Err(ImportError::NotServices)
    ));
}

#[test]
fn unknown_fields_are_warnings_and_known_ones_are_listed() {
    let imported = import(
        r#"{"id": "a", "name": "b", "colour": "red", "licenses": "none",
            "organization": {"id": "o", "name": "O", "mascot": "cat"}}"#,
    );
    checked(&imported);
    let paths: Vec<&str> = imported.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, ["colour", "organization.mascot"]);
    assert_eq!(imported.not_imported, ["licenses"]);
}

#[test]
fn open311_service_list_names_every_service_and_its_form() {
    let feed = sample();
    let list = services::service_list(&feed, None);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), feed.services().len() + 2);
    let first = &feed.services()[0];
    assert_eq!(list[0]["service_code"], first.id.as_str());
    assert_eq!(list[0]["service_name"], "东城区老年助餐");
    assert_eq!(list[0]["group"], "养老服务");
    assert_eq!(list[0]["keywords"], first.keywords.join(","));
    assert_eq!(list[0]["metadata"], !first.attributes.is_empty());
    assert_eq!(list[list.len() - 1]["service_code"], "caidan-demand");
    assert_eq!(list[list.len() - 2]["service_code"], "caidan-evaluation");
    let english = services::service_list(&feed, Some("en"));
    assert_eq!(
        english[0]["service_name"],
        "Senior meal assistance, Dongcheng"
    );

    let definitions = services::service_definitions(&feed, None);
    assert_eq!(definitions.len(), list.len());
    for ((code, d), entry) in definitions.iter().zip(list) {
        assert_eq!(entry["service_code"], code.as_str());
        assert_eq!(d["service_code"], code.as_str());
        let attributes = d["attributes"].as_array().unwrap();
        assert_eq!(!attributes.is_empty(), entry["metadata"] == true, "{code}");
        for (i, a) in attributes.iter().enumerate() {
            assert_eq!(a["order"], i + 1);
            assert_eq!(a["variable"], true);
            let datatype = a["datatype"].as_str().unwrap();
            assert!([
                "string",
                "number",
                "datetime",
                "text",
                "singlevaluelist",
                "multivaluelist"
            ]
            .contains(&datatype));
            assert_eq!(
                a.get("values").is_some(),
                datatype.ends_with("valuelist"),
                "{code} {}",
                a["code"]
            );
        }
    }
    let with_form = feed
        .services()
        .iter()
        .find(|s| !s.attributes.is_empty())
        .unwrap();
    let (_, d) = definitions
        .iter()
        .find(|(c, _)| *c == with_form.id)
        .unwrap();
    assert_eq!(
        d["attributes"].as_array().unwrap().len(),
        with_form.attributes.len()
    );
}

/// What an import does with the odd corners of HSDS, and what it leaves
/// the publisher to decide.
#[test]
fn import_fills_what_a_feed_needs_and_says_what_is_left() {
    let imported = import(
        r#"[
          {"id": "s1", "name": "Lunch club", "organization_id": "org-1",
           "schedules": [{"freq": "WEEKLY", "byday": "mo,we", "opens_at": "11:30:00", "closes_at": "13:00"}],
           "service_at_locations": [{"location": {"id": "hall", "addresses": [{"address_1": "1 High St", "city": "Town", "country": "GB"}]}}],
           "cost_options": [{"amount": 4, "currency": "gbp", "amount_description": "a meal"},
                            {"amount": 1, "option": "Pension credit"}]},
          {"id": "s1", "name": "Second with the same id",
           "schedules": [{"freq": "MONTHLY", "bymonthday": "1", "description": "First of the month"}]},
          {"id": "not an id!", "name": "Odd id", "phones": [{"number": "call us"}, {"number": "+44 20 7946 0000"}]}
        ]"#,
    );
    let feed = checked(&imported);
    let ids: Vec<&str> = feed.services().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["s1", "service-2", "service-3"]);
    // The organisation named only by id is there, named by its id.
    assert_eq!(
        feed.organization("org-1")
            .unwrap()
            .name
            .get("zh-CN", "zh-CN"),
        "org-1"
    );
    // The service's weekly hours went to its one place, which had none.
    let hall = feed.location("hall").unwrap();
    assert_eq!(hall.name.get("zh-CN", "zh-CN"), "1 High St, Town, GB");
    assert_eq!(hall.schedules.len(), 1);
    assert_eq!(hall.schedules[0].byday, "MO,WE");
    assert_eq!(hall.schedules[0].opens_at, "11:30");
    let lunch = &feed.services()[0];
    assert_eq!(lunch.cost.as_ref().unwrap().amount, 4.0);
    assert_eq!(feed.currency(), "GBP");
    assert_eq!(lunch.eligibility.as_deref(), Some("true"));
    assert_eq!(
        feed.services()[2].contact_phone.as_deref(),
        Some("tel:+44 20 7946 0000")
    );
    let todo = |i: usize| imported.services[i].todo.join("\n");
    assert!(
        todo(0).contains("“Pension credit” (1) is a subsidy covering 75%"),
        "{}",
        todo(0)
    );
    assert!(
        todo(0).contains("organization: HSDS gave no organization name"),
        "{}",
        todo(0)
    );
    assert!(
        todo(1).contains(
            "HSDS id `s1` belongs to an earlier service; this service became `service-2`"
        ),
        "{}",
        todo(1)
    );
    assert!(todo(1).contains("schedules: "), "{}", todo(1));
    assert!(
        todo(2).contains("`not an id!` is not a feed id; this service became `service-3`"),
        "{}",
        todo(2)
    );
}
