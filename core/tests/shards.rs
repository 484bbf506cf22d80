//! Sharded feeds: a split merges back into the original, every shard
//! combines with its index into a valid feed, and decisions on the combined
//! feed are the decisions on the original, also for rules that name
//! another district.
#![cfg(feature = "publisher")]

use std::collections::BTreeMap;

use caidan_core::date::Date;
use caidan_core::rule::Part;
use caidan_core::shard::sha256_hex;
use caidan_core::shard::split::{merge, split, Sharded};
use caidan_core::wire::RegionLevel;
use caidan_core::{decide, Answers, Feed, ShardError};
use caidan_synth::{generate, SynthOptions};
use serde_json::{json, Value};

fn sample() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../public/feeds/sample.json"
    ))
    .unwrap()
}

fn synthetic(services: usize, seed: u64) -> String {
    generate(&SynthOptions {
        services,
        seed,
        ..SynthOptions::default()
    })
    .to_string()
}

fn split_text(text: &str) -> Sharded {
    let feed = Feed::parse(text).unwrap();
    split(&feed, serde_json::from_str(text).unwrap()).unwrap()
}

/// A document with every list sorted by id, and without the format version
/// (an index is written as 1.1), so that two documents compare modulo order.
fn normalised(doc: &Value) -> Value {
    let mut doc = doc.clone();
    let map = doc.as_object_mut().unwrap();
    map.remove("caidan_feed");
    for (list, key) in [
        ("regions", "code"),
        ("organizations", "id"),
        ("locations", "id"),
        ("services", "id"),
    ] {
        if let Some(Value::Array(items)) = map.get_mut(list) {
            items.sort_by(|a, b| a[key].as_str().cmp(&b[key].as_str()));
        }
    }
    doc
}

fn round_trip(text: &str) {
    let sharded = split_text(text);
    let index: Value = serde_json::from_str(&sharded.index).unwrap();
    let shards: Vec<Value> = sharded
        .shards
        .iter()
        .map(|s| serde_json::from_str(&s.text).unwrap())
        .collect();
    let merged = merge(&index, &shards);
    let original: Value = serde_json::from_str(text).unwrap();
    assert_eq!(normalised(&merged), normalised(&original));
}

#[test]
fn a_split_merges_back_into_the_original() {
    round_trip(&sample());
    round_trip(&synthetic(1500, 3));
    round_trip(&synthetic(300, 11));
    let national = generate(&SynthOptions {
        services: 1500,
        seed: 4,
        districts: Some(25),
    })
    .to_string();
    round_trip(&national);
}

#[test]
fn the_index_lists_every_shard_with_its_hash_and_sizes() {
    let sharded = split_text(&synthetic(1500, 3));
    let index = Feed::parse(&sharded.index).unwrap();
    assert!(index.is_sharded());
    assert!(index.warnings().is_empty(), "{:?}", index.warnings());
    assert_eq!(index.shards().len(), sharded.shards.len());
    for (entry, file) in index.shards().iter().zip(&sharded.shards) {
        assert_eq!(entry.region, file.region);
        assert_eq!(entry.url, file.url);
        assert_eq!(entry.sha256, sha256_hex(file.text.as_bytes()));
        assert_eq!(entry.bytes, file.text.len() as u64);
        assert!(file.url.contains(&entry.sha256[..16]), "content-addressed");
        assert_eq!(
            index.region_level(&entry.region),
            Some(RegionLevel::District)
        );
    }
    // The index lists every district, and only the few streets and
    // communities its own services name.
    let original = Feed::parse(&synthetic(1500, 3)).unwrap();
    let districts = |f: &Feed| {
        f.regions()
            .iter()
            .filter(|r| r.level == RegionLevel::District)
            .count()
    };
    assert_eq!(districts(&index), districts(&original));
    assert!(index.regions().len() < original.regions().len());
    // The same feed splits into the same bytes.
    let again = split_text(&synthetic(1500, 3));
    assert_eq!(again.index, sharded.index);
}

#[test]
fn a_service_serving_several_districts_is_in_each_of_their_shards_once() {
    let text = synthetic(1500, 3);
    let original = Feed::parse(&text).unwrap();
    let sharded = split_text(&text);
    let index = Feed::parse(&sharded.index).unwrap();
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &sharded.shards {
        let doc: Value = serde_json::from_str(&file.text).unwrap();
        let mut ids: Vec<&str> = doc["services"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "a service twice in {}", file.region);
        for id in ids {
            seen.entry(id.to_string())
                .or_default()
                .push(file.region.clone());
        }
    }
    let tree = original.region_tree();
    let mut several = 0;
    for s in original.services() {
        let in_index = index.service(&s.id).is_some();
        let districts: Vec<&str> = index
            .shards()
            .iter()
            .map(|e| e.region.as_str())
            .filter(|d| s.service_areas.iter().any(|a| tree.code_within(a, d)))
            .collect();
        if in_index {
            assert!(
                !seen.contains_key(&s.id),
                "{} is in the index and a shard",
                s.id
            );
            continue;
        }
        assert_eq!(seen[&s.id], districts, "{}", s.id);
        if districts.len() > 1 {
            several += 1;
        }
    }
    assert!(
        several > 10,
        "the feed has services serving several districts"
    );
}

fn decision_json(feed: &Feed, id: &str, answers: &Value, today: Date) -> Value {
    let a = Answers::from_json(feed, answers).unwrap();
    let index = feed.service_index(id).unwrap();
    decide(feed, index, &a, today).unwrap().to_json(feed, &a)
}

#[test]
fn decisions_on_a_combined_shard_are_those_of_the_whole_feed() {
    let text = synthetic(1500, 3);
    let original = Feed::parse(&text).unwrap();
    let sharded = split_text(&text);
    let index = Feed::parse(&sharded.index).unwrap();
    let today = Date::parse("2026-06-01").unwrap();
    let mut foreign_rules = 0;
    for file in sharded.shards.iter().take(5) {
        let combined = index.with_shard(&file.region, &file.text).unwrap();
        assert_eq!(combined.loaded_shard(), Some(file.region.as_str()));
        let tree = combined.region_tree();
        // Some communities of this district, the first and the last.
        let communities: Vec<&str> = combined
            .regions()
            .iter()
            .filter(|r| {
                r.level == RegionLevel::Community && tree.code_within(&r.code, &file.region)
            })
            .map(|r| r.code.as_str())
            .collect();
        assert!(!communities.is_empty());
        for community in [communities[0], communities[communities.len() - 1]] {
            for extra in [json!({}), json!({"age": 75, "living_alone": true})] {
                let mut answers = extra.clone();
                answers["residence"] = json!(community);
                for s in combined.services() {
                    assert_eq!(
                        decision_json(&combined, &s.id, &answers, today),
                        decision_json(&original, &s.id, &answers, today),
                        "{} for {answers}",
                        s.id
                    );
                }
            }
        }
        // Count the rules that name a district other than this one.
        for i in combined.service_indices() {
            let rules = combined.rules(i).unwrap();
            for rule in rules.eligibility.into_iter().chain(rules.subsidies) {
                rule.walk(|part, _| {
                    if let Part::Within { region, .. } = part {
                        if combined.region_level(region) == Some(RegionLevel::District)
                            && region != file.region
                        {
                            foreign_rules += 1;
                        }
                    }
                });
            }
        }
    }
    assert!(foreign_rules > 0, "some rules name another district");
}

#[test]
fn the_index_alone_is_the_menu_of_the_services_offered_everywhere() {
    let sharded = split_text(&sample());
    let index = Feed::parse(&sharded.index).unwrap();
    assert_eq!(index.loaded_shard(), None);
    for s in index.services() {
        let areas_above_district = s.service_areas.is_empty()
            || s.service_areas
                .iter()
                .any(|a| index.region_level(a) == Some(RegionLevel::City));
        assert!(areas_above_district, "{} is not offered everywhere", s.id);
    }
}

fn check_error(result: Result<Feed, ShardError>, path_start: &str, message: &str) {
    let error = result.expect_err("refused");
    let diagnostics = error.diagnostics();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.path.starts_with(path_start) && d.message.contains(message)),
        "{path_start}: {message} not in {diagnostics:#?}"
    );
}

#[test]
fn a_shard_that_does_not_belong_is_refused_with_paths_that_name_it() {
    let sharded = split_text(&synthetic(1500, 3));
    let index = Feed::parse(&sharded.index).unwrap();
    let first = &sharded.shards[0];
    let second = &sharded.shards[1];
    let d = first.region.as_str();

    // Another district's shard.
    check_error(
        index.with_shard(d, &second.text),
        &format!("shard({d}).region"),
        "the shard covers",
    );
    // A district the index does not list.
    assert!(matches!(
        index.with_shard("nowhere", &first.text),
        Err(ShardError::NotListed { .. })
    ));
    // Not JSON.
    assert!(matches!(
        index.with_shard(d, "{"),
        Err(ShardError::Unreadable { .. })
    ));

    // A changed shard: its hash no longer matches, and its problems are
    // reported in the shard.
    let mut doc: Value = serde_json::from_str(&first.text).unwrap();
    doc["services"][2]["category"] = json!("nope");
    doc["services"][3]["eligibility"] = json!("residence within \"nowhere\"");
    let tampered = doc.to_string();
    assert_ne!(sha256_hex(tampered.as_bytes()), index.shards()[0].sha256);
    let result = index.with_shard(d, &tampered);
    check_error(
        result,
        &format!("shard({d}).services[2]("),
        "unknown category",
    );
    let result = index.with_shard(d, &tampered);
    check_error(result, &format!("shard({d}).services[3]("), "nowhere");
    let result = index.with_shard(d, &tampered);
    check_error(result, &format!("shard({d})"), "bytes; the index says");

    // Services that are not this district's: one of another district only,
    // one offered in a whole city, one with no areas at all.
    let other = second.region.as_str();
    let mut doc: Value = serde_json::from_str(&first.text).unwrap();
    doc["services"][4]["service_areas"] = json!([other]);
    doc["services"][5]["service_areas"] = json!([index.region(d).unwrap().parent.clone()]);
    doc["services"][6]["service_areas"] = json!([]);
    let misplaced = doc.to_string();
    let errors = match index.with_shard(d, &misplaced) {
        Err(ShardError::Invalid { errors, .. }) => errors,
        other => panic!("not refused as invalid: {other:?}"),
    };
    for (i, says) in [
        (4, format!("does not serve district `{d}`")),
        (5, "above district level".to_string()),
        (6, "no service areas".to_string()),
    ] {
        let path = format!("shard({d}).services[{i}](");
        assert!(
            errors.iter().any(|e| e.path.starts_with(&path)
                && e.path.ends_with(".service_areas")
                && e.message.contains(&says)),
            "no `{says}` at {path}…: {errors:?}"
        );
    }

    // Combining twice is refused.
    let combined = index.with_shard(d, &first.text).unwrap();
    assert!(combined.with_shard(d, &first.text).is_err());
}

#[test]
fn an_index_with_a_broken_shard_list_is_refused() {
    let sharded = split_text(&sample());
    let mut doc: Value = serde_json::from_str(&sharded.index).unwrap();
    doc["shards"][0]["url"] = json!("https://elsewhere.example/x.json");
    doc["shards"][0]["sha256"] = json!("ABC");
    let d = doc["shards"][0]["region"].as_str().unwrap().to_string();
    let error = Feed::parse(&doc.to_string()).err().unwrap();
    let paths: Vec<String> = error.diagnostics().into_iter().map(|d| d.path).collect();
    assert!(paths.contains(&format!("shards[0]({d}).url")), "{paths:?}");
    assert!(
        paths.contains(&format!("shards[0]({d}).sha256")),
        "{paths:?}"
    );
}

/// The committed sharded fixture (`tests/data/sharded/`, also the fuzz
/// target's index) is what `split` makes of the worked example today.
#[test]
fn the_sharded_fixture_is_the_worked_example_split() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sharded");
    let sharded = split_text(include_str!("data/worked.json"));
    let index = std::fs::read_to_string(format!("{dir}/index.json")).unwrap();
    assert_eq!(
        sharded.index, index,
        "run `caidan split tests/data/worked.json --out tests/data/sharded`"
    );
    for shard in &sharded.shards {
        let text = std::fs::read_to_string(format!("{dir}/{}", shard.url)).unwrap();
        assert_eq!(shard.text, text);
    }
}

/// What the app does with a fetched shard before parsing it: its size and
/// digest must be the index's, or it is refused as tampered.
#[test]
fn a_shard_is_checked_by_size_and_digest_before_it_is_read() {
    use sha2::{Digest, Sha256};
    let sharded = split_text(&sample());
    let index = Feed::parse(&sharded.index).unwrap();
    let districts: Vec<&str> = index.shard_districts().map(|r| r.code.as_str()).collect();
    let listed: Vec<&str> = index.shards().iter().map(|s| s.region.as_str()).collect();
    assert_eq!(districts, listed);
    let file = &sharded.shards[0];
    let digest = Sha256::digest(file.text.as_bytes());
    index
        .check_shard_digest(&file.region, file.text.len(), &digest)
        .unwrap();
    let mut tampered = file.text.clone().into_bytes();
    tampered[10] ^= 1;
    let digest = Sha256::digest(&tampered);
    let error = index
        .check_shard_digest(&file.region, tampered.len(), &digest)
        .unwrap_err();
    assert!(matches!(error, ShardError::Tampered { .. }), "{error}");
    assert!(error.to_string().contains("SHA-256"), "{error}");
    let error = index
        .check_shard_digest(&file.region, tampered.len() + 1, &digest)
        .unwrap_err();
    assert!(error.to_string().contains("bytes"), "{error}");
    assert!(matches!(
        index.check_shard_digest("nowhere", 1, &digest),
        Err(ShardError::NotListed { .. })
    ));
}

#[test]
fn every_region_of_a_shard_lies_in_a_district_the_index_lists() {
    let sharded = split_text(&sample());
    let index = Feed::parse(&sharded.index).unwrap();
    let districts: Vec<&str> = index.shard_districts().map(|r| r.code.as_str()).collect();
    assert_eq!(districts, ["110101", "110102", "110105"]);
    assert_eq!(index.district_of("110101"), Some("110101"));
    assert_eq!(
        index.district_of("110000"),
        None,
        "a city is above districts"
    );
    assert_eq!(index.district_of("no-such-region"), None);
    for file in &sharded.shards {
        let combined = index.with_shard(&file.region, &file.text).unwrap();
        let own = combined
            .regions()
            .iter()
            .filter(|r| r.level == RegionLevel::Community)
            .filter(|r| combined.district_of(&r.code) == Some(file.region.as_str()))
            .count();
        assert!(own > 0, "the shard of {} has its communities", file.region);
        for r in combined.regions() {
            if r.level <= RegionLevel::District {
                continue;
            }
            let district = combined.district_of(&r.code).unwrap();
            assert!(districts.contains(&district), "{} in {district}", r.code);
        }
    }
}
