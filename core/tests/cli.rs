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

/// A built page with a first view drawn for the config `config_text`, as
/// scripts/first-view/snapshot.mjs writes it.
fn drawn_page(config_text: &str, path: Option<&str>, heading: &str) -> String {
    use sha2::{Digest, Sha256};
    let hex: String = Sha256::digest(config_text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let at = path.map_or(String::new(), |p| format!(" data-cd-path=\"{p}\""));
    format!(
        "<!doctype html><html><head>\n    <meta charset=\"utf-8\" />\n    <script data-cd-wasm-preload=\"&lt;link rel=&quot;preload&quot; href=&quot;/a_bg.wasm&quot;&gt;\"{at}>(function(){{}})()</script></head><body><template id=\"cd-first-view\" data-config-sha256=\"{hex}\" data-root-class=\"\"><main><h1>{heading}</h1></main></template><script>(function(){{}})()</script>\n  </body></html>"
    )
}

#[test]
fn csp_gives_the_pages_drawn_beside_index_its_policy_or_removes_them() {
    let site = std::env::temp_dir().join(format!("caidan-cli-csp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(site.join("services")).unwrap();
    let config = r#"{"default_feed": "/feeds/sample.json"}"#;
    std::fs::write(site.join("caidan.json"), config).unwrap();
    let page = |name: &str| site.join(name);
    std::fs::write(page("index.html"), drawn_page(config, None, "Menu")).unwrap();
    let service = drawn_page(config, Some("/services/a"), "Meals");
    std::fs::write(page("services/a.html"), &service).unwrap();
    // Not the app's: left alone.
    std::fs::write(page("about.html"), "<p>About us</p>").unwrap();
    let csp = || {
        let r = caidan(&[
            "csp",
            page("caidan.json").to_str().unwrap(),
            page("index.html").to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };

    let header = csp();
    let index = std::fs::read_to_string(page("index.html")).unwrap();
    let drawn = std::fs::read_to_string(page("services/a.html")).unwrap();
    let meta = |html: &str| {
        let at = html.find("Content-Security-Policy\" content=\"").unwrap();
        html[at..].split('"').nth(2).unwrap().to_string()
    };
    assert_eq!(meta(&drawn), meta(&index), "one policy for every page");
    assert!(header.contains(&meta(&index)), "{header}\n{}", meta(&index));
    assert!(drawn.contains("<h1>Meals</h1>") && drawn.contains("data-cd-path=\"/services/a\""));
    assert_eq!(
        std::fs::read_to_string(page("about.html")).unwrap(),
        "<p>About us</p>"
    );

    // Another config: the views drawn for the old one go, index.html's
    // from the page, the drawn page altogether.
    std::fs::write(
        page("caidan.json"),
        r#"{"default_feed": "/feeds/sample.json", "kiosk": {}}"#,
    )
    .unwrap();
    csp();
    let index = std::fs::read_to_string(page("index.html")).unwrap();
    assert!(!index.contains("cd-first-view") && index.contains("Content-Security-Policy"));
    assert!(!page("services/a.html").exists());
    assert!(page("about.html").exists());
    let _ = std::fs::remove_dir_all(&site);
}
