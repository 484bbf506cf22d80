//! `caidan hsds` and `caidan open311`, run as publishers run them.
#![cfg(feature = "cli")]

mod common;

use common::caidan;

use std::path::PathBuf;

use serde_json::Value;

fn path(relative: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(relative)
        .display()
        .to_string()
}

fn sample() -> String {
    path("../public/feeds/sample.json")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caidan-interop-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn hsds_export_prints_a_stable_service_list() {
    let a = caidan(&["hsds", "export", &sample()]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    let b = caidan(&["hsds", "export", &sample()]);
    assert_eq!(a.stdout, b.stdout);
    let doc: Value = serde_json::from_str(&a.stdout).unwrap();
    assert_eq!(doc["contents"].as_array().unwrap().len(), 67);
    let en = caidan(&["hsds", "export", &sample(), "--locale", "en"]);
    let doc: Value = serde_json::from_str(&en.stdout).unwrap();
    assert_eq!(
        doc["contents"][0]["name"],
        "Senior meal assistance, Dongcheng"
    );
}

#[test]
fn hsds_import_prints_a_feed_that_checks_and_what_is_left_to_do() {
    let dir = temp_dir("import");
    for example in ["service_full.json", "service_list.json"] {
        let r = caidan(&[
            "hsds",
            "import",
            &path(&format!("tests/data/hsds/examples/{example}")),
            "--id",
            "mycity",
            "--published-at",
            "2026-11-29T08:00:00+08:00",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr.lines().any(|l| l
                .starts_with("todo: service ac148810-d857-441c-9679-408f346de14b: eligibility: ")),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("todo: feed: regions: "), "{}", r.stderr);
        assert!(r.stderr.starts_with("note: HSDS fields"), "{}", r.stderr);
        let feed = dir.join(example);
        std::fs::write(&feed, &r.stdout).unwrap();
        let check = caidan(&["check", feed.to_str().unwrap()]);
        assert_eq!(check.code, 0, "{}", check.stderr);
        assert!(
            check.stdout.starts_with("ok: mycity version 1: 1 services"),
            "{}",
            check.stdout
        );
    }
}

#[test]
fn hsds_round_trip_through_the_cli_checks() {
    let dir = temp_dir("round-trip");
    let export = caidan(&["hsds", "export", &sample()]);
    let hsds = dir.join("sample-hsds.json");
    std::fs::write(&hsds, &export.stdout).unwrap();
    let import = caidan(&["hsds", "import", hsds.to_str().unwrap()]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(!import.stderr.contains("warning: "), "{}", import.stderr);
    let feed = dir.join("feed.json");
    std::fs::write(&feed, &import.stdout).unwrap();
    let check = caidan(&["check", feed.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains(": 67 services, "), "{}", check.stdout);
}

#[test]
fn hsds_import_of_bad_input_says_where() {
    let dir = temp_dir("bad");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"contents": [{"id": "a", "name": "b", "minimum_age": "twelve"}]}"#,
    )
    .unwrap();
    let r = caidan(&["hsds", "import", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr
            .contains(": contents[0].minimum_age: invalid type: string"),
        "{}",
        r.stderr
    );
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"id\":").unwrap();
    let r = caidan(&["hsds", "import", broken.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    let r = caidan(&["hsds", "import", "/no/such/file.json"]);
    assert_eq!(r.code, 2);
}

#[test]
fn open311_services_writes_the_list_and_a_definition_per_code() {
    let dir = temp_dir("open311");
    let r = caidan(&[
        "open311",
        "services",
        &sample(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("services.json")).unwrap()).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 69);
    for entry in list {
        let code = entry["service_code"].as_str().unwrap();
        let text = std::fs::read_to_string(dir.join("services").join(format!("{code}.json")))
            .unwrap_or_else(|e| panic!("{code}: {e}"));
        let definition: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(definition["service_code"], code);
    }
}
