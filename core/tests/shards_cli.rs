//! `caidan split` and `caidan check` of a sharded feed, run as publishers
//! run them.
#![cfg(feature = "cli")]

mod common;

use common::caidan;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public/feeds/sample.json")
}

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caidan-shards-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn split(feed: &Path, out: &Path) {
    let r = caidan(&[
        "split",
        feed.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: "), "{}", r.stdout);
}

fn index_of(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap()
}

#[test]
fn split_writes_an_index_and_shards_that_check_whole() {
    let out = out_dir("whole");
    split(&sample(), &out);
    let index = index_of(&out);
    let shards = index["shards"].as_array().unwrap();
    assert!(!shards.is_empty());
    for s in shards {
        let url = s["url"].as_str().unwrap();
        assert!(url.starts_with("shards/"), "{url}");
        assert!(out.join(url).is_file(), "{url}");
    }
    let r = caidan(&["check", out.join("index.json").to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("ok: ") && r.stdout.contains("sharded"),
        "{}",
        r.stdout
    );
    // Splitting again writes the same files.
    let again = out_dir("again");
    split(&sample(), &again);
    assert_eq!(
        std::fs::read(out.join("index.json")).unwrap(),
        std::fs::read(again.join("index.json")).unwrap()
    );
}

#[test]
fn check_names_a_tampered_or_missing_shard() {
    let out = out_dir("tampered");
    split(&sample(), &out);
    let index = index_of(&out);
    let first = &index["shards"][0];
    let region = first["region"].as_str().unwrap();
    let path = out.join(first["url"].as_str().unwrap());
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push(' ');
    std::fs::write(&path, &text).unwrap();
    let second = out.join(index["shards"][1]["url"].as_str().unwrap());
    std::fs::remove_file(&second).unwrap();

    let r = caidan(&["check", out.join("index.json").to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("error: shards[0]({region}).sha256: ")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("shards[1]("), "{}", r.stderr);
    assert!(r.stderr.contains(".url: cannot read"), "{}", r.stderr);
}

#[test]
fn check_reports_a_shard_problem_in_the_shard() {
    let out = out_dir("problem");
    split(&sample(), &out);
    let mut index = index_of(&out);
    // A shard with a broken rule, re-hashed as a careless publisher would.
    let (k, entry) = index["shards"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find(|(_, s)| s["services"].as_u64().unwrap() > 0)
        .map(|(k, s)| (k, s.clone()))
        .unwrap();
    let region = entry["region"].as_str().unwrap().to_string();
    let path = out.join(entry["url"].as_str().unwrap());
    let mut shard: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    shard["services"][0]["eligibility"] = Value::from("age >= \"sixty\"");
    let text = shard.to_string();
    std::fs::write(&path, &text).unwrap();
    index["shards"][k]["sha256"] = Value::from(caidan_core::shard::sha256_hex(text.as_bytes()));
    index["shards"][k]["bytes"] = Value::from(text.len());
    std::fs::write(out.join("index.json"), index.to_string()).unwrap();

    let r = caidan(&["check", out.join("index.json").to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("error: shard({region}).services[0](")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(".eligibility: "), "{}", r.stderr);
}

#[test]
fn split_refuses_an_index() {
    let out = out_dir("twice");
    split(&sample(), &out);
    let r = caidan(&[
        "split",
        out.join("index.json").to_str().unwrap(),
        "--out",
        out_dir("twice-again").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("already sharded"), "{}", r.stderr);
}

#[test]
fn check_reports_copies_that_differ_between_shards() {
    let out = out_dir("copies");
    split(&sample(), &out);
    let mut index = index_of(&out);
    // An organisation both shards list, changed in the second only.
    let shards: Vec<(usize, PathBuf, Value)> = index["shards"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let path = out.join(s["url"].as_str().unwrap());
            let doc = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            (k, path, doc)
        })
        .collect();
    let ids = |doc: &Value| -> Vec<String> {
        doc["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (first, second, id) = shards
        .iter()
        .flat_map(|a| shards.iter().map(move |b| (a, b)))
        .filter(|(a, b)| a.0 < b.0)
        .find_map(|(a, b)| {
            let theirs = ids(&b.2);
            ids(&a.2)
                .into_iter()
                .find(|id| theirs.contains(id))
                .map(|id| (a, b, id))
        })
        .expect("two shards share an organisation");
    let (k, path, mut doc) = second.clone();
    let orgs = doc["organizations"].as_array_mut().unwrap();
    let o = orgs.iter_mut().find(|o| o["id"] == id.as_str()).unwrap();
    o["phone"] = Value::from("tel:010-0000-0000");
    let text = doc.to_string();
    std::fs::write(&path, &text).unwrap();
    index["shards"][k]["sha256"] = Value::from(caidan_core::shard::sha256_hex(text.as_bytes()));
    index["shards"][k]["bytes"] = Value::from(text.len());
    std::fs::write(out.join("index.json"), index.to_string()).unwrap();

    let r = caidan(&["check", out.join("index.json").to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let first_region = first.2["region"].as_str().unwrap();
    assert!(
        r.stderr
            .contains(&format!("differs from its copy in shard({first_region})")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("({id}): differs")),
        "{}",
        r.stderr
    );
}
