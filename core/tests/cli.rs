//! The `caidan` command-line tool, run as publishers run it: its output and
//! exit codes are a contract.
#![cfg(feature = "cli")]

mod common;

use common::caidan;

use std::path::PathBuf;

use serde_json::Value;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public/feeds/sample.json")
}

fn temp(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caidan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn check_accepts_the_bundled_feeds() {
    for feed in [sample(), data("worked.json")] {
        let r = caidan(&["check", feed.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.starts_with("ok: "), "{}", r.stdout);
        assert_eq!(
            r.stdout.lines().count(),
            1,
            "one-line summary: {}",
            r.stdout
        );
    }
}

#[test]
fn check_reports_every_problem_with_exit_1() {
    let mut doc: Value = serde_json::from_str(include_str!("data/worked.json")).unwrap();
    doc["services"][0]["eligibility"] = Value::from("age >= \"sixty\"");
    doc["services"][1]["category"] = Value::from("nope");
    let path = temp("invalid.json", &doc.to_string());
    let r = caidan(&["check", path.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let errors: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{}", r.stderr);
    assert!(
        errors[0].starts_with("error: services[0](care).eligibility: column "),
        "{}",
        r.stderr
    );
    assert!(
        errors[1].starts_with("error: services[1](library).category: "),
        "{}",
        r.stderr
    );
}

#[test]
fn unreadable_input_exits_2_with_line_and_column() {
    let r = caidan(&["check", "/no/such/file.json"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    let path = temp("broken.json", "{\n  \"id\": tru\n}");
    let r = caidan(&["check", path.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("line 2") || r.stderr.contains("line 3"),
        "{}",
        r.stderr
    );
    let path = temp("array.json", "[1, 2]");
    assert_eq!(caidan(&["check", path.to_str().unwrap()]).code, 2);
}

#[test]
fn eval_prints_the_decision_json() {
    let answers = temp(
        "answers.json",
        r#"{"residence": "110105001001", "age": 85, "living_alone": true, "income_status": "none"}"#,
    );
    let r = caidan(&[
        "eval",
        data("worked.json").to_str().unwrap(),
        "--service",
        "care",
        "--answers",
        answers.to_str().unwrap(),
        "--date",
        "2026-11-26",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(d["service"], "care");
    assert_eq!(d["decision"], "eligible");
    assert_eq!(d["priority"], "urgent");
    assert_eq!(d["cost"]["pays"], 15);
    assert_eq!(d["cost"]["subsidy"], 1);
    assert_eq!(d["missing"], serde_json::json!([]));
}

#[test]
fn eval_refuses_bad_answers_and_unknown_services() {
    let feed = data("worked.json");
    let bad = temp("bad-answers.json", r#"{"age": "old"}"#);
    let r = caidan(&[
        "eval",
        feed.to_str().unwrap(),
        "--service",
        "care",
        "--answers",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("`age`: expected a number"),
        "{}",
        r.stderr
    );
    let r = caidan(&["eval", feed.to_str().unwrap(), "--service", "nope"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no service `nope`"), "{}", r.stderr);
    let r = caidan(&[
        "eval",
        feed.to_str().unwrap(),
        "--service",
        "care",
        "--date",
        "2026-13-01",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn menu_search_and_gen() {
    let r = caidan(&["menu", sample().to_str().unwrap(), "--date", "2026-11-26"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let menu: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert!(menu.len() >= 60);

    let r = caidan(&[
        "search",
        sample().to_str().unwrap(),
        "zhucan",
        "--limit",
        "3",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert!(!hits.is_empty() && hits.len() <= 3, "{hits:?}");
    assert!(hits[0]["id"].as_str().unwrap().contains("meal"), "{hits:?}");

    let r = caidan(&["gen", "--services", "25", "--seed", "3"]);
    assert_eq!(r.code, 0);
    let path = temp("gen.json", &r.stdout);
    let again = caidan(&["gen", "--services", "25", "--seed", "3"]);
    assert_eq!(r.stdout, again.stdout, "same seed, same feed");
    let check = caidan(&["check", path.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains("25 services"), "{}", check.stdout);
}
