//! `scripts/bench.sh`: how fast the first menu appears, in headless
//! Chromium, on the sample feed and on a generated city-sized feed, at full
//! speed and with the CPU slowed four times (a mid-range phone).
//!
//! For each case it prints the time from navigation to the first frame
//! painted after the first service card is in the page, the longest main-thread task while loading (from the
//! browser's Long Tasks API), and how many elements and service cards the
//! page holds once the menu is drawn. Each case starts with an empty HTTP
//! cache. Usage: `caidan-bench [SERVICES]` (10,000 by default).

use std::time::{Duration, Instant};

use caidan_synth::{generate, SynthOptions};
use caidan_tests::Harness;
use serde_json::{json, Value};

/// Installed before any script of every document: records the first moment
/// a service card is in the page, and the longest task.
const OBSERVER: &str = r#"
window.__cdBench = { firstMenu: null, longest: 0, tasks: 0 };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__cdBench.tasks += 1;
      window.__cdBench.longest = Math.max(window.__cdBench.longest, e.duration);
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
             cards: document.querySelectorAll('.cd-service-card').length };";

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
    let h = Harness::start().await;
    h.server().put("/feeds/generated.json", feed.into_bytes());
    h.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": OBSERVER }),
    )
    .await;
    h.cdp("Network.enable", json!({})).await;

    println!("| feed | CPU | first menu | longest task | elements | cards |");
    println!("| --- | --- | --- | --- | --- | --- |");
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
                "| {label} | {rate}× | {:.2} s | {:.0} ms | {} | {} |",
                r["first"].as_f64().unwrap_or(0.0) / 1000.0,
                r["longest"].as_f64().unwrap_or(0.0),
                r["nodes"],
                r["cards"],
            );
            h.throttle_cpu(1.0).await;
        }
    }
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
