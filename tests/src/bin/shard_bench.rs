//! `scripts/shard-bench.sh`, its part in the browser: a sharded national
//! feed (as `caidan split` wrote it, brotli copies beside its files) served
//! with the built app, in headless Chromium with the CPU slowed four times
//! on an unthrottled network.
//!
//! It prints, for the index alone, then for choosing the district whose
//! shard is the median's size: the time until the menu is drawn (for the
//! district, from the click on "Show my district's services"), the longest
//! main-thread task meanwhile, the feed bytes the page fetched (as sent,
//! and decoded), and the wasm memory. With a whole document as well
//! (`--whole FILE`), the same for loading it as one feed.
//!
//! Usage: `caidan-shard-bench SPLIT_DIR [--whole FEED.json]`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use caidan_tests::app::dist_dir;
use caidan_tests::site::{compress, copy_compressed};
use caidan_tests::Harness;
use serde_json::{json, Value};

/// Installed before any script of every document: the longest task, and
/// the wasm instance once the app has started (for its memory).
const OBSERVER: &str = r#"
window.__cdBench = { longest: 0 };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__cdBench.longest = Math.max(window.__cdBench.longest, e.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
} catch (e) {}
addEventListener('TrunkApplicationStarted', (e) => { window.__cdWasm = e.detail.wasm; });
"#;

/// Resolves with the time (ms since navigation) of the first frame painted
/// once `arguments[0]` (a CSS selector) is in the page, or `null` after
/// `arguments[1]` ms.
const DRAWN: &str = r#"
const [selector, limit, done] = arguments;
const ready = () => document.querySelector(selector);
const finish = () => requestAnimationFrame(() => setTimeout(() => done(performance.now())));
if (ready()) { finish(); return; }
const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); finish(); } });
mo.observe(document, { childList: true, subtree: true });
setTimeout(() => { mo.disconnect(); done(null); }, limit);
"#;

/// Chooses district `arguments[0][1]` of city `arguments[0][0]` as a
/// resident does (the city when it is asked first, the district, then the
/// button) and resolves with the ms from the click until its menu is drawn.
const CHOOSE: &str = r#"
const [[city, code], limit, done] = arguments;
const pick = (id, value) => {
  const select = document.getElementById(id);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
};
if (document.getElementById('district-city')) pick('district-city', city);
// The district's options follow the city: a task later, they are there.
setTimeout(() => {
  pick('district', code);
  window.__cdBench.longest = 0;
  const t0 = performance.now();
  document.querySelector('.cd-district-chooser button[type=submit]').click();
  const ready = () => document.querySelector('.cd-where--district') && document.querySelector('main .cd-service-card');
  const finish = () => requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)));
  const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); finish(); } });
  mo.observe(document, { childList: true, subtree: true });
  setTimeout(() => { mo.disconnect(); done(null); }, limit);
});
"#;

/// What the page has fetched of the feeds, the longest task and the wasm
/// memory.
const STATE: &str = r#"
const feeds = performance.getEntriesByType('resource')
  .filter((e) => e.name.includes('/feeds/national/') || e.name.includes('/feeds/whole.json'));
return {
  sent: feeds.reduce((s, e) => s + e.encodedBodySize, 0),
  decoded: feeds.reduce((s, e) => s + e.decodedBodySize, 0),
  files: feeds.length,
  longest: window.__cdBench.longest,
  wasm: window.__cdWasm ? window.__cdWasm.memory.buffer.byteLength : null,
  error: document.querySelector('.cd-error-page') ? document.querySelector('h1').textContent : null,
};
"#;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let split: PathBuf = args
        .next()
        .unwrap_or_else(|| panic!("usage: caidan-shard-bench SPLIT_DIR [--whole FEED.json]"))
        .into();
    let whole = match (args.next().as_deref(), args.next()) {
        (Some("--whole"), Some(file)) => Some(PathBuf::from(file)),
        _ => None,
    };
    let index: Value = serde_json::from_slice(
        &std::fs::read(split.join("index.json"))
            .unwrap_or_else(|e| panic!("no index.json in {split:?}: {e}")),
    )
    .unwrap_or_else(|e| panic!("index.json is not JSON: {e}"));
    let median = median_shard(&index);

    let site = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    copy_compressed(&dist_dir(), site.path());
    let national = site.path().join("feeds/national");
    link_tree(&split, &national);
    if let Some(whole) = &whole {
        // Served as written: far beyond what a reader accepts, so the
        // host's declared length is enough to refuse it.
        link(whole, &site.path().join("feeds/whole.json"));
    }
    let h = Harness::serve_observed(site.path(), OBSERVER).await;
    h.cdp("Network.clearBrowserCache", json!({})).await;
    let rate: f64 = std::env::var("CAIDAN_BENCH_CPU")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(4.0);
    h.throttle_cpu(rate).await;

    println!("\nIn Chromium, CPU {rate}× slower, unthrottled loopback network:\n");
    println!("| step | drawn in | longest task | feed bytes sent (decoded) | wasm memory |");
    println!("| --- | --- | --- | --- | --- |");
    h.open("/?lang=en&feed=/feeds/national/index.json").await;
    let first = wait(&h, DRAWN, json!("main .cd-service-card")).await;
    row(&h, "open the index (first menu)", first).await;
    let city = index["regions"]
        .as_array()
        .and_then(|rs| rs.iter().find(|r| r["code"] == median.0.as_str()))
        .and_then(|r| r["parent"].as_str())
        .unwrap_or_default()
        .to_string();
    let chosen = wait(&h, CHOOSE, json!([city, median.0])).await;
    let label = format!(
        "choose a district (shard {} services, {} KB)",
        median.1,
        median.2 / 1000
    );
    row(&h, &label, chosen).await;

    if whole.is_some() {
        h.cdp("Network.clearBrowserCache", json!({})).await;
        h.open("/?lang=en&feed=/feeds/whole.json").await;
        let drawn = wait(&h, DRAWN, json!("main .cd-service-card, .cd-error-page")).await;
        let state = h.execute(STATE, Vec::new()).await;
        match state["error"].as_str() {
            Some(error) => println!(
                "| the same as one document | refused in {:.2} s: \"{error}\" | {:.0} ms | {} | {} |",
                drawn.as_f64().unwrap_or(f64::NAN) / 1000.0,
                state["longest"].as_f64().unwrap_or(0.0),
                bytes(&state),
                mib(&state["wasm"])
            ),
            None => row(&h, "the same as one document", drawn).await,
        }
    }
    h.throttle_cpu(1.0).await;
}

/// The district whose shard is the median's size: (code, services, bytes).
fn median_shard(index: &Value) -> (String, u64, u64) {
    let mut shards: Vec<(String, u64, u64)> = index["shards"]
        .as_array()
        .unwrap_or_else(|| panic!("the index lists no shards"))
        .iter()
        .map(|s| {
            (
                s["region"].as_str().unwrap_or_default().to_string(),
                s["services"].as_u64().unwrap_or(0),
                s["bytes"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    shards.sort_by_key(|s| s.2);
    shards
        .get(shards.len() / 2)
        .cloned()
        .unwrap_or_else(|| panic!("the index lists no shards"))
}

async fn wait(h: &Harness, script: &str, arg: Value) -> Value {
    match h
        .client()
        .execute_async(script, vec![arg, json!(25_000)])
        .await
    {
        Ok(v) if !v.is_null() => v,
        other => {
            let page = h
                .execute(
                    "return document.querySelector('main').innerText;",
                    Vec::new(),
                )
                .await;
            panic!(
                "nothing drawn ({other:?}); the page says:\n{}",
                page.as_str().unwrap_or("")
            );
        }
    }
}

async fn row(h: &Harness, step: &str, ms: Value) {
    // Let the page settle so the longest task is counted whole.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let state = h.execute(STATE, Vec::new()).await;
    let drawn = ms.as_f64().map_or("not drawn".to_string(), |ms| {
        format!("{:.2} s", ms / 1000.0)
    });
    println!(
        "| {step} | {drawn} | {:.0} ms | {} | {} |",
        state["longest"].as_f64().unwrap_or(0.0),
        bytes(&state),
        mib(&state["wasm"])
    );
}

fn bytes(state: &Value) -> String {
    format!(
        "{} KB ({} KB) in {} file(s)",
        state["sent"].as_u64().unwrap_or(0) / 1000,
        state["decoded"].as_u64().unwrap_or(0) / 1000,
        state["files"]
    )
}

fn mib(wasm: &Value) -> String {
    wasm.as_f64()
        .map_or("–".into(), |b| format!("{:.0} MiB", b / 1_048_576.0))
}

/// Hard-links (or copies) every file of `from` into `to`, compressing the
/// JSON files that have no brotli copy yet.
fn link_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{to:?}: {e}"));
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {from:?}: {e}"));
    for entry in entries.flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            link_tree(&source, &target);
        } else {
            link(&source, &target);
        }
    }
    let entries = std::fs::read_dir(to).unwrap_or_else(|e| panic!("cannot read {to:?}: {e}"));
    for entry in entries.flatten() {
        let path = entry.path();
        let json = path.extension().is_some_and(|e| e == "json");
        let mut br = path.clone().into_os_string();
        br.push(".br");
        if json && !Path::new(&br).exists() {
            compress(&path);
        }
    }
}

fn link(from: &Path, to: &Path) {
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to).unwrap_or_else(|e| panic!("{to:?}: {e}"));
    }
}
