//! Benchmarks of sharded feeds on a generated national-shaped feed of
//! 20,000 services across 60 districts, or `CAIDAN_BENCH_SERVICES` across
//! `CAIDAN_BENCH_DISTRICTS` (`scripts/shard-bench.sh` measures the CLI):
//!
//! - `parse_whole`: `Feed::parse_with_limit` of the feed as one document
//!   (what a reader would do without shards);
//! - `split`: `split` of the checked feed and its JSON (the publisher);
//! - `index_parse`: `Feed::parse` of the index (every resident, first);
//! - `with_shard`: combining the index with the shard of the median
//!   district (every resident, once they say where they live).
//!
//! Run with `cargo bench -p caidan-core --features publisher --bench shards`.

use std::hint::black_box;
use std::time::Duration;

use caidan_core::shard::split::split;
use caidan_core::Feed;
use caidan_synth::{generate, SynthOptions};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn benches(c: &mut Criterion) {
    let text = generate(&SynthOptions {
        services: setting("CAIDAN_BENCH_SERVICES", 20_000),
        seed: 42,
        districts: Some(setting("CAIDAN_BENCH_DISTRICTS", 60)),
    })
    .to_string();
    c.bench_function("parse_whole", |b| {
        b.iter(|| Feed::parse_with_limit(black_box(&text), 1 << 30).map(|f| f.services().len()))
    });
    let feed = Feed::parse_with_limit(&text, 1 << 30).expect("a generated feed is valid");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    drop(text);
    c.bench_function("split", |b| {
        b.iter_batched(
            || doc.clone(),
            |doc| split(&feed, doc),
            BatchSize::PerIteration,
        )
    });
    let sharded = split(&feed, doc).expect("the feed splits");
    c.bench_function("index_parse", |b| {
        b.iter(|| Feed::parse(black_box(&sharded.index)))
    });
    let index = Feed::parse(&sharded.index).expect("the index is valid");
    let mut by_size: Vec<_> = sharded.shards.iter().collect();
    by_size.sort_by_key(|s| s.text.len());
    let median = by_size[by_size.len() / 2];
    println!(
        "index {} bytes; median shard {} bytes ({})",
        sharded.index.len(),
        median.text.len(),
        median.region
    );
    c.bench_function("with_shard", |b| {
        b.iter(|| index.with_shard(&median.region, black_box(&median.text)))
    });
}

criterion_group! {
    name = shard_benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(shard_benches);
