//! `scripts/bench.sh`: how fast the first menu appears, in headless
//! Chromium, on the sample feed and on a generated city-sized feed, at full
//! speed and with the CPU slowed four times (a mid-range phone).
//!
//! For each case it prints the time from navigation to the first frame
//! painted after the first service card is in the page, the longest main-thread task while loading (from the
//! browser's Long Tasks API), and how many elements and service cards the
//! page holds once the menu is drawn, and how long the app's steps of
//! loading a big feed took (its User Timing measures `caidan: read`,
//! `check` and `index`, slices and pauses together). Each case starts with an empty HTTP
//! cache. The app is served from a copy of `dist/` with every file also
//! brotli-compressed beside it, as a static host serves it.
//!
//! Then, when `lighthouse` (npm) is on the `PATH`, it runs Lighthouse's
//! default mobile audit (simulated slow 4G, 4× CPU) on six pages and
//! prints its scores and timings.
//!
//! Usage: `caidan-bench [SERVICES]` (10,000 by default);
//! `CAIDAN_BENCH_MENU=0` runs Lighthouse only, `CAIDAN_BENCH_LIGHTHOUSE=0`
//! everything else; `CAIDAN_BENCH_REPORTS=DIR` keeps each page's Lighthouse
//! report there (`lighthouse-1.json`, … in the table's order), to read its
//! long tasks and diagnostics.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use caidan_synth::{generate, SynthOptions};
use caidan_tests::app::dist_dir;
use caidan_tests::site::{compress, copy_compressed};
use caidan_tests::Harness;
use serde_json::{json, Value};

/// Installed before any script of every document: records the first moment
/// a service card is in the page, and the longest task.
const OBSERVER: &str = r#"
window.__cdBench = { firstMenu: null, longest: 0, tasks: 0, list: [] };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__cdBench.tasks += 1;
      window.__cdBench.longest = Math.max(window.__cdBench.longest, e.duration);
      window.__cdBench.list.push(Math.round(e.startTime) + '+' + Math.round(e.duration));
    }
  }).observe({ type: 'longtask', buffered: true });
} catch (e) {}
let seenAt = null;
const seen = () => {
  if (seenAt === null && document.querySelector('main .cd-service-card')) {
    seenAt = performance.now();
    // Drawn means painted: the frame after the cards are in the page.
    requestAnimationFrame(() => setTimeout(() => { window.__cdBench.firstMenu = performance.now(); }));
  }
};
new MutationObserver(seen).observe(document, { childList: true, subtree: true });
"#;

const READ: &str = "const b = window.__cdBench; if (!b || b.firstMenu === null) return null; \
    return { first: b.firstMenu, longest: b.longest, tasks: b.tasks, \
             nodes: document.getElementsByTagName('*').length, \
             cards: document.querySelectorAll('.cd-service-card').length, \
             steps: performance.getEntriesByType('measure').filter(m => m.name.startsWith('caidan: ')) \
               .map(m => m.name.slice(8) + ' ' + Math.round(m.duration) + ' ms').join(', '), \
             list: b.list.join(' ') + ' | ' + performance.getEntriesByType('mark').map(m => m.name + '@' + Math.round(m.startTime)).join(' ') + ' first@' + Math.round(b.firstMenu) };";

#[tokio::main]
async fn main() {
    let services: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let feed = generate(&SynthOptions {
        services,
        seed: 7,
        districts: None,
    })
    .to_string();
    let mb = feed.len() as f64 / 1_000_000.0;
    let site = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    copy_compressed(&dist_dir(), site.path());
    std::fs::write(site.path().join("feeds/generated.json"), feed)
        .unwrap_or_else(|e| panic!("cannot write the generated feed: {e}"));
    compress(&site.path().join("feeds/generated.json"));
    let h = Harness::serve_observed(site.path(), OBSERVER).await;

    // `CAIDAN_BENCH_MENU=0`: Lighthouse only.
    if std::env::var("CAIDAN_BENCH_MENU").as_deref() == Ok("0") {
        lighthouse(&h);
        return;
    }
    println!("| feed | CPU | first menu | longest task | elements | cards | steps (with pauses) |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let cases = [
        ("sample".to_string(), "/?lang=en"),
        (
            format!("generated, {services} services ({mb:.1} MB)"),
            "/?lang=en&feed=/feeds/generated.json",
        ),
    ];
    for (label, path) in &cases {
        for rate in [1.0, 4.0] {
            h.cdp("Network.clearBrowserCache", json!({})).await;
            h.throttle_cpu(rate).await;
            h.open(path).await;
            let r = wait_for_menu(&h, Duration::from_secs(300)).await;
            println!(
                "| {label} | {rate}× | {:.2} s | {:.0} ms | {} | {} | {} |",
                r["first"].as_f64().unwrap_or(0.0) / 1000.0,
                r["longest"].as_f64().unwrap_or(0.0),
                r["nodes"],
                r["cards"],
                r["steps"].as_str().unwrap_or(""),
            );
            if std::env::var_os("CAIDAN_BENCH_TASKS").is_some() {
                println!(
                    "  long tasks (start+ms): {}",
                    r["list"].as_str().unwrap_or("")
                );
            }
            h.throttle_cpu(1.0).await;
        }
    }
    after_an_answer(&h, &cases).await;
    back_to_the_menu(&h, &cases).await;
    if std::env::var("CAIDAN_BENCH_LIGHTHOUSE").as_deref() != Ok("0") {
        lighthouse(&h);
    }
}

/// Does `act` (after `setup`) and resolves with the ms until the first
/// frame painted once the menu is shown at `/` with a card and `also`
/// visible.
fn time_to_menu(setup: &str, act: &str, also: &str) -> String {
    r#"
const done = arguments[0];
SETUP
const t0 = performance.now();
ACT
const shown = (selector) => [...document.querySelectorAll(selector)].some((e) => e.checkVisibility());
const ready = () => location.pathname === '/' && shown('main .cd-service-card') && shown('ALSO');
const finish = () => requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)));
if (ready()) { finish(); return; }
const mo = new MutationObserver(() => { if (ready()) { mo.disconnect(); finish(); } });
mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
setTimeout(() => { mo.disconnect(); done(null); }, 120000);
"#
    .replace("SETUP", setup)
    .replace("ACT", act)
    .replace("ALSO", also)
}

/// Answers the residence question (the first community) and resolves with
/// the ms from "Continue" to the first frame painted once the menu is
/// drawn again with every service decided for it.
fn answer() -> String {
    time_to_menu(
        "const select = document.querySelector('main form select');
         select.value = [...select.options].find((o) => o.value).value;
         select.dispatchEvent(new Event('change', { bubbles: true }));",
        "document.querySelector('main form button[type=submit]').click();",
        "main .cd-where strong",
    )
}

/// The menu re-decided and drawn again after one answer: from the
/// residence question's "Continue" to the menu, whose every card now says
/// what that answer means, at full speed and with the CPU slowed four
/// times; the best of three, each from a page already loaded. Two ways to
/// the question: from the menu's "Set where I live" (the menu is in the
/// page, hidden, and only the cards whose decision changed are drawn
/// again), and the question opened first (the menu is drawn for the first
/// time).
async fn after_an_answer(h: &Harness, cases: &[(String, &str)]) {
    println!("\n| feed | CPU | one answer to the menu, from the menu (best of 3) | the question opened first (best of 3) |");
    println!("| --- | --- | --- | --- |");
    for (label, path) in cases {
        let feed = path
            .split("feed=")
            .nth(1)
            .map(|f| format!("&feed={f}"))
            .unwrap_or_default();
        for rate in [1.0, 4.0] {
            let mut best = [f64::INFINITY; 2];
            for (way, best) in best.iter_mut().enumerate() {
                for _ in 0..3 {
                    // A fresh resident: no answers, so the answer changes
                    // every decision that depends on where they live.
                    h.execute("localStorage.clear(); sessionStorage.clear();", Vec::new())
                        .await;
                    if way == 0 {
                        h.open(&format!("/?lang=en{feed}")).await;
                        wait_for_menu(h, Duration::from_secs(300)).await;
                        h.execute(
                            "document.querySelector('main a[href=\"/where\"]').click();",
                            Vec::new(),
                        )
                        .await;
                    } else {
                        h.open(&format!("/where?lang=en{feed}")).await;
                    }
                    wait_for_question(h).await;
                    h.throttle_cpu(rate).await;
                    let ms = h.client().execute_async(&answer(), Vec::new()).await.ok();
                    h.throttle_cpu(1.0).await;
                    if let Some(ms) = ms.and_then(|v| v.as_f64()) {
                        *best = best.min(ms);
                    }
                }
            }
            println!(
                "| {label} | {rate}× | {:.0} ms | {:.0} ms |",
                best[0], best[1]
            );
        }
    }
}

/// Back to the menu from a service opened on it, at full speed and with
/// the CPU slowed four times; the best of three.
async fn back_to_the_menu(h: &Harness, cases: &[(String, &str)]) {
    let back = time_to_menu("", "history.back();", "main h1");
    println!("\n| feed | CPU | Back from a service to the menu (best of 3) |");
    println!("| --- | --- | --- |");
    for (label, path) in cases {
        for rate in [1.0, 4.0] {
            let mut best = f64::INFINITY;
            for _ in 0..3 {
                h.open(path).await;
                wait_for_menu(h, Duration::from_secs(300)).await;
                h.execute(
                    "document.querySelector('main .cd-service-card a').click();",
                    Vec::new(),
                )
                .await;
                h.wait_until("the service's page", || async {
                    h.execute(
                        "return location.pathname.startsWith('/services/') || null;",
                        Vec::new(),
                    )
                    .await
                    .as_bool()
                })
                .await;
                tokio::time::sleep(Duration::from_millis(300)).await;
                h.throttle_cpu(rate).await;
                let ms = h.client().execute_async(&back, Vec::new()).await.ok();
                h.throttle_cpu(1.0).await;
                if let Some(ms) = ms.and_then(|v| v.as_f64()) {
                    best = best.min(ms);
                }
            }
            println!("| {label} | {rate}× | {best:.0} ms |");
        }
    }
}

/// Waits for the residence question's select.
async fn wait_for_question(h: &Harness) {
    let start = Instant::now();
    while h
        .execute(
            "return !!document.querySelector('main form select');",
            Vec::new(),
        )
        .await
        .as_bool()
        != Some(true)
    {
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "no residence question"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Lighthouse's mobile audit of the app's main pages, when it is installed.
fn lighthouse(h: &Harness) {
    if Command::new("lighthouse")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("\n(lighthouse is not installed: no Lighthouse figures)");
        return;
    }
    let pages = [
        ("/", "/"),
        ("a service", "/services/meal-assist-dc"),
        ("search", "/search?q=meal"),
        (
            "a question under a service",
            "/services/meal-assist-dc/check/age",
        ),
        ("the residence question", "/where"),
        ("My requests", "/requests"),
    ];
    println!("\n| page | performance | LCP | TBT | CLS | speed index | accessibility | best practices | SEO |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (number, (label, path)) in pages.into_iter().enumerate() {
        let out = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("{e}"));
        let status = Command::new("lighthouse")
            .arg(h.server().url(path))
            .args([
                "--quiet",
                "--output=json",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ])
            .arg(format!("--output-path={}", out.path().display()))
            .env("CHROME_PATH", chromium())
            .status();
        let report: Value = std::fs::read_to_string(out.path())
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null);
        if !status.is_ok_and(|s| s.success()) || report.is_null() {
            println!("| {label} | lighthouse failed | | | | | | | |");
            continue;
        }
        if let Ok(dir) = std::env::var("CAIDAN_BENCH_REPORTS") {
            let kept = Path::new(&dir).join(format!("lighthouse-{}.json", number + 1));
            if let Err(e) = std::fs::copy(out.path(), &kept) {
                println!("(cannot keep the report as {}: {e})", kept.display());
            }
        }
        let score = |c: &str| {
            report["categories"][c]["score"]
                .as_f64()
                .map_or("–".into(), |s| format!("{:.0}", s * 100.0))
        };
        let audit = |a: &str| {
            report["audits"][a]["numericValue"]
                .as_f64()
                .unwrap_or(f64::NAN)
        };
        println!(
            "| {label} | {} | {:.2} s | {:.0} ms | {:.3} | {:.2} s | {} | {} | {} |",
            score("performance"),
            audit("largest-contentful-paint") / 1000.0,
            audit("total-blocking-time"),
            audit("cumulative-layout-shift"),
            audit("speed-index") / 1000.0,
            score("accessibility"),
            score("best-practices"),
            score("seo"),
        );
    }
}

/// The Chromium the bootstrap installs.
fn chromium() -> String {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or("chromium")
        .to_string()
}

async fn wait_for_menu(h: &Harness, limit: Duration) -> Value {
    let start = Instant::now();
    loop {
        if let Ok(v) = h.client().execute(READ, Vec::new()).await {
            if !v.is_null() {
                // Let the page settle so the longest task is counted whole.
                tokio::time::sleep(Duration::from_millis(500)).await;
                if let Ok(v) = h.client().execute(READ, Vec::new()).await {
                    return v;
                }
            }
        }
        assert!(start.elapsed() < limit, "no menu after {limit:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
