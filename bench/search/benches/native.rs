//! Our search natively, timed exactly as the browser page times it
//! (`caidan_search_bench`'s constants and procedure), so the wasm figures
//! can be set against native ones: index build time, and per-query p50 and
//! p95, on the English texts of the generated 10,000-service feed and on
//! the whole feed as the app indexes it.
//!
//! Prints one JSON object, which `caidan-search-bench` (in `caidan-tests`)
//! reads: `cargo bench -p caidan-search-bench --bench native`.

use std::hint::black_box;
use std::time::Instant;

use caidan_core::catalogue::Catalogue;
use caidan_core::Feed;
use caidan_search_bench::{
    english_feed, percentile, search, BATCH_MS, BUILD_RUNS, QUERIES, ROUNDS, SEED, SERVICES,
    WARM_UP,
};
use caidan_synth::{generate, SynthOptions};
use serde_json::{json, Value};

fn main() {
    let text = generate(&SynthOptions {
        services: SERVICES,
        seed: SEED,
        districts: None,
    })
    .to_string();
    let english = english_feed(&text).expect("a generated feed is an object");
    let report = json!({
        "english": measure(&english),
        "all_locales": measure(&text),
    });
    println!("{report}");
}

/// Build and query times of our search over `text`, in milliseconds.
fn measure(text: &str) -> Value {
    let feed = Feed::parse(text).expect("a generated feed is valid");
    for _ in 0..WARM_UP {
        black_box(Catalogue::build(&feed));
    }
    let mut builds: Vec<f64> = (0..BUILD_RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(Catalogue::build(black_box(&feed)));
            ms(start)
        })
        .collect();
    let catalogue = Catalogue::build(&feed);
    let batch = |query: &str, size: usize| {
        let start = Instant::now();
        for _ in 0..size {
            black_box(search(&catalogue, black_box(query)));
        }
        ms(start)
    };
    let sizes: Vec<usize> = QUERIES
        .iter()
        .map(|q| {
            for _ in 0..WARM_UP {
                batch(q, 1);
            }
            let mut size = 1;
            while batch(q, size) < BATCH_MS {
                size *= 2;
            }
            size
        })
        .collect();
    let mut samples = Vec::with_capacity(ROUNDS * QUERIES.len());
    let mut by_query = vec![Vec::with_capacity(ROUNDS); QUERIES.len()];
    for _ in 0..ROUNDS {
        for ((q, &size), mine) in QUERIES.iter().zip(&sizes).zip(&mut by_query) {
            let sample = batch(q, size) / size as f64;
            samples.push(sample);
            mine.push(sample);
        }
    }
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    let per_query: Vec<f64> = by_query.iter_mut().map(|s| percentile(s, 0.5)).collect();
    json!({
        "build_ms": percentile(&mut builds, 0.5),
        "query_p50_ms": percentile(&mut samples, 0.5),
        "query_p95_ms": percentile(&mut samples, 0.95),
        "query_mean_ms": mean,
        "per_query_p50_ms": per_query,
    })
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}
