//! Benchmarks of sharded feeds on a generated national-shaped feed of
//! 20,000 services across 60 districts (`scripts/shard-bench.sh` measures
//! the full 100,000 with the CLI):
//!
//! - `split_20k`: `split` of the checked feed and its JSON (the publisher);
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

fn benches(c: &mut Criterion) {
    let text = generate(&SynthOptions {
        services: 20_000,
        seed: 42,
        districts: Some(60),
    })
    .to_string();
    let feed = Feed::parse_with_limit(&text, 1 << 30).expect("a generated feed is valid");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    c.bench_function("split_20k", |b| {
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
