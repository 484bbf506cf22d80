//! `scripts/bench.sh`: our search compiled to wasm against MiniSearch, in
//! the same headless Chromium, over the same English texts of the
//! generated 10,000-service feed, with the same queries; and our wasm
//! figures against the same work done natively.
//!
//! The page (`bench/search/page/`, built by `bench/search/build.sh` into
//! `target/search-bench/site/`) does the timing; this serves it with the
//! feed beside it, waits for its result and prints the tables. Each engine
//! is timed by the same procedure (`caidan_search_bench`'s constants):
//! the median of ten index builds, and per-query times as batches of one
//! query repeated for at least 2 ms, thirty rounds over the queries, p50
//! and p95 over all those samples.
//!
//! Usage: `caidan-search-bench SITE [NATIVE_JSON]`, where `NATIVE_JSON` is
//! a file holding what `cargo bench -p caidan-search-bench --bench native`
//! printed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use caidan_synth::{generate, SynthOptions};
use caidan_tests::Harness;
use serde_json::Value;

/// The generated feed: the same as the native benchmark's.
const SERVICES: usize = 10_000;
const SEED: u64 = 42;

const READ: &str = "return window.__searchBench || null;";

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().unwrap_or_else(|| {
        panic!("usage: caidan-search-bench SITE [NATIVE_JSON] (bench/search/build.sh prints SITE)")
    }));
    let native: Value = args
        .next()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|t| t.lines().rev().find_map(|l| serde_json::from_str(l).ok()))
        .unwrap_or(Value::Null);

    let served = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    copy_dir(&site, served.path());
    let feed = generate(&SynthOptions {
        services: SERVICES,
        seed: SEED,
        districts: None,
    })
    .to_string();
    std::fs::write(served.path().join("feed.json"), feed)
        .unwrap_or_else(|e| panic!("cannot write the feed: {e}"));

    let h = Harness::serve(served.path()).await;
    // Only ours, without MiniSearch: for trying a change to our search.
    let only_ours = std::env::var_os("CAIDAN_SEARCH_BENCH_ONLY_OURS").is_some();
    h.open(if only_ours {
        "/index.html?only=ours"
    } else {
        "/index.html"
    })
    .await;
    let r = wait_for_result(&h, Duration::from_secs(900)).await;
    if let Some(e) = r["error"].as_str() {
        panic!("the benchmark page failed: {e}");
    }
    let (ours, whole) = (&r["ours_english"], &r["ours_all_locales"]);
    let (mini, mini_and) = (&r["minisearch"], &r["minisearch_and"]);
    println!(
        "Search over the English texts of {SERVICES} generated services, {} queries, in {}:\n",
        r["queries"],
        browser_version(&r["user_agent"]),
    );
    println!("| engine | index build | query p50 | query p95 | query mean |");
    println!("| --- | --- | --- | --- | --- |");
    row("ours (wasm)", ours);
    if !mini.is_null() {
        row("MiniSearch 7.2.0 (prefix, fuzzy 0.2)", mini);
        ratios(
            "MiniSearch ÷ ours (target ≥ 5× build, ≥ 10× query)",
            mini,
            ours,
        );
        row(
            "MiniSearch, every word required (`combineWith: 'AND'`)",
            mini_and,
        );
        ratios("MiniSearch with AND ÷ ours", mini_and, ours);
    }
    row("ours (wasm), zh-CN and en, as the app indexes", whole);

    if !native.is_null() {
        println!("\nOur search, wasm in Chromium ÷ native (`cargo bench`), target ≤ 2×:\n");
        println!("| texts | | index build | query p50 | query p95 | query mean |");
        println!("| --- | --- | --- | --- | --- | --- |");
        for (label, wasm, native) in [
            ("English", ours, &native["english"]),
            ("zh-CN and en", whole, &native["all_locales"]),
        ] {
            row(&format!("{label} | wasm"), wasm);
            row(&format!("{label} | native"), native);
            ratios(&format!("{label} | wasm ÷ native"), wasm, native);
        }
    }

    let agreement = r["agreement"].as_array().cloned().unwrap_or_default();
    if agreement.is_empty() {
        return;
    }
    println!(
        "\nDo both find the same? Hits of each (MiniSearch with its default OR, and with AND), \
         how many of MiniSearch's hits we find too, and where each ranks the other's first hit:\n"
    );
    println!("| query | our hits | MiniSearch hits | with AND | of those, ours too | our first, in MiniSearch | MiniSearch's first, in ours |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for a in &agreement {
        let rank = |v: &Value| match v.as_i64() {
            Some(0) => "not found".to_string(),
            Some(n) => format!("#{n}"),
            None => "–".to_string(),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            a["query"].as_str().unwrap_or(""),
            a["ours_hits"],
            a["minisearch_hits"],
            a["minisearch_and_hits"],
            a["shared"],
            rank(&a["our_first_in_theirs"]),
            rank(&a["their_first_in_ours"]),
        );
    }
}

/// One engine's figures as a table row.
fn row(label: &str, r: &Value) {
    println!(
        "| {label} | {} | {} | {} | {} |",
        ms(&r["build_ms"]),
        us(&r["query_p50_ms"]),
        us(&r["query_p95_ms"]),
        us(&r["query_mean_ms"]),
    );
}

/// The ratios of `a`'s figures to `b`'s as a table row.
fn ratios(label: &str, a: &Value, b: &Value) {
    println!(
        "| {label} | {} | {} | {} | {} |",
        ratio(a, b, "build_ms"),
        ratio(a, b, "query_p50_ms"),
        ratio(a, b, "query_p95_ms"),
        ratio(a, b, "query_mean_ms"),
    );
}

fn ms(v: &Value) -> String {
    v.as_f64().map_or("–".into(), |v| format!("{v:.1} ms"))
}

fn us(v: &Value) -> String {
    v.as_f64()
        .map_or("–".into(), |v| format!("{:.1} µs", v * 1000.0))
}

fn ratio(a: &Value, b: &Value, key: &str) -> String {
    match (a[key].as_f64(), b[key].as_f64()) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.1}×", a / b),
        _ => "–".into(),
    }
}

fn browser_version(user_agent: &Value) -> String {
    let ua = user_agent.as_str().unwrap_or("");
    ua.split_whitespace()
        .find(|w| w.starts_with("HeadlessChrome/") || w.starts_with("Chrome/"))
        .unwrap_or("Chromium")
        .replace('/', " ")
}

fn copy_dir(from: &Path, to: &Path) {
    if !from.is_dir() {
        panic!("no {from:?}: build it with bench/search/build.sh");
    }
    caidan_tests::site::copy_tree(from, to, false);
}

async fn wait_for_result(h: &Harness, limit: Duration) -> Value {
    let start = Instant::now();
    loop {
        // The page is busy for seconds at a time: a script that times out
        // is simply tried again.
        if let Ok(v) = h.client().execute(READ, Vec::new()).await {
            if !v.is_null() {
                return v;
            }
        }
        assert!(start.elapsed() < limit, "no result after {limit:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
