//! The generator's promises, checked with the real feed parser: every feed
//! is valid without a warning, its sizes follow the options, its rules use
//! every construct of the rule language, and its services look like a city
//! menu.

use std::collections::{BTreeMap, BTreeSet};

use caidan_core::rule::{Operand, Part, Rule};
use caidan_core::wire::{Datatype, FactType, OrganizationKind, RegionLevel};
use caidan_core::{Feed, FeedError};
use caidan_synth::{generate, SynthOptions};
use serde_json::Value;

fn document(services: usize, seed: u64) -> Value {
    generate(&SynthOptions {
        services,
        seed,
        districts: None,
    })
}

/// A generated feed, parsed; fails the test on any error or warning.
fn parsed(services: usize, seed: u64) -> Feed {
    let text = serde_json::to_string(&document(services, seed)).expect("a feed serialises");
    let context = format!("services {services}, seed {seed}");
    let feed = match Feed::parse(&text) {
        Ok(feed) => feed,
        Err(error) => {
            let diagnostics = error.diagnostics();
            panic!(
                "{context}: {:#?}",
                &diagnostics[..diagnostics.len().min(20)]
            );
        }
    };
    assert!(
        feed.warnings().is_empty(),
        "{context}: {:#?}",
        feed.warnings()
    );
    feed
}

#[test]
fn same_seed_gives_the_same_feed() {
    for (services, seed) in [(0, 0), (10, 7), (1000, 42)] {
        let a = serde_json::to_string(&document(services, seed)).unwrap_or_default();
        let b = serde_json::to_string(&document(services, seed)).unwrap_or_default();
        assert!(!a.is_empty());
        assert_eq!(a, b, "services {services}, seed {seed}");
    }
}

#[test]
fn different_seeds_give_different_feeds() {
    let a = document(100, 1);
    let b = document(100, 2);
    assert_ne!(a["id"], b["id"]);
    assert_ne!(a["services"], b["services"]);
    assert_ne!(a["regions"], b["regions"]);
    assert_ne!(a["organizations"], b["organizations"]);
}

#[test]
fn feeds_are_valid_for_many_seeds_and_sizes() {
    for seed in [0, 1, 2, 3, u64::MAX, 0x5EED] {
        for services in [0, 1, 300] {
            parsed(services, seed);
        }
    }
}

/// Counts of services, organisations (hubs), locations and districts, in a
/// feed that parses without a problem.
fn check_counts(services: usize, expected: (usize, usize, usize, usize, usize)) {
    let feed = parsed(services, 2026);
    let hubs = feed
        .organizations()
        .iter()
        .filter(|o| o.kind == Some(OrganizationKind::Hub))
        .count();
    let districts = feed
        .regions()
        .iter()
        .filter(|r| r.level == RegionLevel::District)
        .count();
    let actual = (
        feed.services().len(),
        feed.organizations().len(),
        hubs,
        feed.locations().len(),
        districts,
    );
    assert_eq!(actual, expected, "services {services}");
    assert_eq!(feed.categories().len(), 11);
    assert_eq!(feed.facts().len(), 10);
}

#[test]
fn counts_follow_the_options() {
    check_counts(0, (0, 5, 1, 3, 3));
    check_counts(1, (1, 5, 1, 3, 3));
    check_counts(10, (10, 5, 1, 3, 3));
    check_counts(1000, (1000, 40, 4, 200, 3));
    check_counts(2100, (2100, 84, 8, 420, 3));
    check_counts(10_000, (10_000, 400, 40, 2000, 14));
}

/// Past about 15,000 services a feed is larger than a reader accepts; the
/// parser refuses it for its size alone. The district count stops at 16.
#[test]
fn twenty_thousand_services_are_more_than_a_reader_takes() {
    let doc = document(20_000, 2026);
    let count = |key: &str, what: &dyn Fn(&Value) -> bool| {
        list(&doc, key).iter().filter(|v| what(v)).count()
    };
    let actual = (
        count("services", &|_| true),
        count("organizations", &|_| true),
        count("organizations", &|o| string(o, "kind") == "hub"),
        count("locations", &|_| true),
        count("regions", &|r| string(r, "level") == "district"),
    );
    assert_eq!(actual, (20_000, 800, 80, 4000, 16));
    let text = serde_json::to_string(&doc).expect("a feed serialises");
    let result = Feed::parse(&text).map(|_| ());
    assert!(
        matches!(result, Err(FeedError::TooLarge { .. })),
        "{result:?}"
    );
}

// ---------------------------------------------------------------------------
// What the rules are made of, by a walk over the rules the parser compiled.

/// Every construct of the rule language that the generator writes. The
/// language has two more that no menu needs and the generator never
/// writes: a parenthesised condition compared as a boolean
/// (`(age >= 60) == living_alone`) and the constant `false`.
const CONSTRUCTS: &[&str] = &[
    "and",
    "or",
    "not",
    "not over and/or",
    "or inside and",
    "and inside or",
    "true as a whole condition",
    "boolean fact as a condition",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "compare boolean",
    "compare integer",
    "compare number",
    "compare choice",
    "compare region",
    "compare date",
    "literal true",
    "literal false",
    "literal number",
    "literal string",
    "literal on the left",
    "in numbers",
    "in strings",
    "within",
];

/// Adds the constructs of `rule` to `seen`.
fn constructs(feed: &Feed, rule: &Rule, seen: &mut BTreeSet<&'static str>) {
    let kind = |fact: usize| feed.facts().get(fact).map(|f| f.kind);
    // The parts on the path from the root to the current part.
    let mut path: Vec<&'static str> = Vec::new();
    rule.walk(|part, depth| {
        path.truncate(depth - 1);
        let parent = path.last().copied();
        let name = match &part {
            Part::Const(true) => "true as a whole condition",
            Part::Const(false) => "false as a whole condition",
            Part::Fact(_) => "boolean fact as a condition",
            Part::Not => "not",
            Part::And(_) => "and",
            Part::Or(_) => "or",
            Part::Compare { .. } => "compare",
            Part::In { .. } => "in",
            Part::Within { .. } => "within",
        };
        seen.insert(name);
        match (parent, name) {
            (Some("not"), "and" | "or") => seen.insert("not over and/or"),
            (Some("and"), "or") => seen.insert("or inside and"),
            (Some("or"), "and") => seen.insert("and inside or"),
            _ => false,
        };
        match part {
            Part::Compare { op, lhs, rhs } => {
                seen.insert(op);
                if !matches!(lhs, Operand::Fact(_)) && matches!(rhs, Operand::Fact(_)) {
                    seen.insert("literal on the left");
                }
                for side in [lhs, rhs] {
                    seen.insert(match side {
                        Operand::Fact(fact) => match kind(fact) {
                            Some(FactType::Boolean) => "compare boolean",
                            Some(FactType::Integer) => "compare integer",
                            Some(FactType::Number) => "compare number",
                            Some(FactType::Choice) => "compare choice",
                            Some(FactType::Region) => "compare region",
                            Some(FactType::Date) => "compare date",
                            None => "compare an unknown fact",
                        },
                        Operand::Bool(true) => "literal true",
                        Operand::Bool(false) => "literal false",
                        Operand::Number(_) => "literal number",
                        Operand::Text(_) => "literal string",
                        Operand::Condition => "condition as an operand",
                    });
                }
            }
            Part::In { mut items, .. } => {
                seen.insert(match items.next() {
                    Some(Operand::Number(_)) => "in numbers",
                    Some(Operand::Text(_)) => "in strings",
                    _ => "in something else",
                });
            }
            _ => {}
        }
        path.push(name);
    });
}

/// Every compiled rule of a feed: eligibility, subsidies, priority.
fn rules(feed: &Feed) -> impl Iterator<Item = &Rule> {
    feed.service_indices()
        .filter_map(|s| feed.rules(s))
        .flat_map(|r| {
            r.eligibility
                .into_iter()
                .chain(r.subsidies)
                .chain(r.priority)
        })
}

#[test]
fn every_construct_of_the_rule_language_appears() {
    let feed = parsed(1000, 2026);
    let mut seen = BTreeSet::new();
    for rule in rules(&feed) {
        constructs(&feed, rule, &mut seen);
    }
    let missing: Vec<&&str> = CONSTRUCTS.iter().filter(|c| !seen.contains(*c)).collect();
    assert!(missing.is_empty(), "missing constructs: {missing:?}");
}

#[test]
fn eligibility_shapes_cover_every_depth_and_size() {
    let feed = parsed(1000, 9);
    let mut depths = BTreeSet::new();
    let mut sizes = BTreeSet::new();
    for s in feed.service_indices() {
        let Some(rule) = feed.rules(s).and_then(|r| r.eligibility) else {
            continue;
        };
        let (mut depth, mut clauses) = (0, 0);
        rule.walk(|part, at| {
            depth = depth.max(at);
            if !matches!(part, Part::Not | Part::And(_) | Part::Or(_)) {
                clauses += 1;
            }
        });
        depths.insert(depth);
        sizes.insert(clauses);
    }
    assert_eq!(depths, (1..=4).collect());
    assert_eq!(sizes, (1..=6).collect());
}

// ---------------------------------------------------------------------------
// What the services look like.

fn share<T>(items: &[T], predicate: impl Fn(&T) -> bool) -> f64 {
    items.iter().filter(|s| predicate(s)).count() as f64 / items.len() as f64
}

fn in_beijing(lat: f64, lon: f64) -> bool {
    (39.4..41.1).contains(&lat) && (115.4..117.6).contains(&lon)
}

#[test]
fn services_have_the_promised_shape() {
    let feed = parsed(2000, 5);
    for service in feed.services() {
        let id = &service.id;
        let zh = service.summary.get("zh-CN", "zh-CN").chars().count();
        let en = service
            .summary
            .get("en", "zh-CN")
            .split_whitespace()
            .count();
        assert!((10..=60).contains(&zh), "{id}: summary of {zh} characters");
        assert!((5..=30).contains(&en), "{id}: summary of {en} words");
        let description = service.description.get("zh-CN", "zh-CN").chars().count();
        assert!(
            description > zh,
            "{id}: description not longer than summary"
        );
        assert!((2..=6).contains(&service.keywords.len()), "{id}: keywords");
        assert!(service.location_ids.len() <= 3, "{id}: locations");
        assert!(
            (1..=3).contains(&service.service_areas.len()),
            "{id}: areas"
        );
        if let Some(cost) = &service.cost {
            assert!((5.0..=500.0).contains(&cost.amount), "{id}: amount");
            assert!(cost.subsidies.len() <= 3, "{id}: subsidies");
            for subsidy in &cost.subsidies {
                assert!((10.0..=100.0).contains(&subsidy.covers_percent), "{id}");
            }
        }
    }
    for region in feed.regions() {
        let [lat, lon] = region.centroid.unwrap_or_default();
        assert!(in_beijing(lat, lon), "region {}", region.code);
    }
    for location in feed.locations() {
        let (lat, lon) = (location.latitude, location.longitude);
        let inside = in_beijing(lat.unwrap_or_default(), lon.unwrap_or_default());
        assert!(inside, "location {}", location.id);
    }
    let datatypes: Vec<Datatype> = feed
        .services()
        .iter()
        .flat_map(|s| &s.attributes)
        .map(|a| a.datatype)
        .collect();
    let all = [
        Datatype::String,
        Datatype::Number,
        Datatype::Datetime,
        Datatype::Text,
        Datatype::Singlevaluelist,
        Datatype::Multivaluelist,
    ];
    for datatype in all {
        assert!(datatypes.contains(&datatype), "no {datatype:?} attribute");
    }
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value[key].as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn string<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or("")
}

#[test]
fn distributions_look_like_a_city_menu() {
    let feed = document(10_000, 2026);
    let services = list(&feed, "services");
    let has = |key: &'static str| move |s: &Value| !s[key].is_null();
    let cases: Vec<(&str, f64, f64, f64)> = vec![
        (
            "eligibility",
            share(services, has("eligibility")),
            0.77,
            0.83,
        ),
        ("cost", share(services, has("cost")), 0.47, 0.53),
        ("priority", share(services, has("priority")), 0.18, 0.22),
        ("limits", share(services, has("limits")), 0.13, 0.17),
        ("capacity", share(services, has("capacity")), 0.28, 0.32),
        ("attributes", share(services, has("attributes")), 0.28, 0.32),
        (
            "not active",
            share(services, |s| string(s, "status") != "active"),
            0.04,
            0.06,
        ),
        (
            "window outside 2026",
            share(services, |s| {
                string(s, "valid_until").starts_with("2025")
                    || string(s, "valid_from").starts_with("2027")
            }),
            0.04,
            0.06,
        ),
        (
            "city-wide",
            share(services, |s| {
                list(s, "service_areas").iter().any(|a| a == "110000")
            }),
            0.08,
            0.12,
        ),
    ];
    for (name, actual, low, high) in cases {
        assert!((low..=high).contains(&actual), "{name}: {actual}");
    }
    let with_capacity: Vec<&Value> = services.iter().filter(|s| has("capacity")(s)).collect();
    let full = share(&with_capacity, |s| s["capacity"]["available"] == 0);
    assert!((0.07..=0.13).contains(&full), "full: {full}");

    let mut by_category: BTreeMap<&str, usize> = BTreeMap::new();
    for service in services {
        *by_category.entry(string(service, "category")).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = by_category.into_iter().collect();
    ranked.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    assert_eq!(ranked.len(), 11);
    assert_eq!(ranked[0].0, "elderly");
    assert_eq!(ranked[1].0, "health");
    let rated = share(list(&feed, "organizations"), |o| !o["rating"].is_null());
    assert!((0.7..=0.9).contains(&rated), "rated: {rated}");
}

/// A national-shaped feed: several cities, each of about ten districts, down
/// to streets and communities; valid without a warning, and nearly every
/// service local to a district.
#[test]
fn a_national_feed_has_cities_districts_streets_and_communities() {
    let doc = generate(&SynthOptions {
        services: 2000,
        seed: 5,
        districts: Some(35),
    });
    let text = serde_json::to_string(&doc).expect("a feed serialises");
    let feed = Feed::parse(&text).expect("a national feed is valid");
    assert!(feed.warnings().is_empty(), "{:#?}", feed.warnings());
    let count = |level| feed.regions().iter().filter(|r| r.level == level).count();
    assert_eq!(count(RegionLevel::City), 4);
    assert_eq!(count(RegionLevel::District), 35);
    assert!(count(RegionLevel::Street) >= 35 * 8);
    assert!(count(RegionLevel::Community) >= count(RegionLevel::Street) * 8);
    let tree = feed.region_tree();
    let city_wide = feed
        .services()
        .iter()
        .filter(|s| {
            s.service_areas
                .iter()
                .any(|a| feed.region_level(a) == Some(RegionLevel::City))
        })
        .count();
    assert!(city_wide < 20, "{city_wide} city-wide services");
    // A service's areas lie in one city.
    for s in feed.services() {
        let cities: BTreeSet<&str> = s
            .service_areas
            .iter()
            .filter_map(|a| {
                feed.regions()
                    .iter()
                    .find(|c| c.level == RegionLevel::City && tree.code_within(a, &c.code))
                    .map(|c| c.code.as_str())
            })
            .collect();
        assert!(cities.len() <= 1, "{}: {cities:?}", s.id);
    }
    // The same options give the same feed.
    let again = generate(&SynthOptions {
        services: 2000,
        seed: 5,
        districts: Some(35),
    });
    assert_eq!(doc, again);
}
