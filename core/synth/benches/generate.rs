//! How long the generator takes for a 10,000-service feed, the size the
//! core benchmarks use:
//!
//! - `generate_10k`: `generate` alone, to a JSON value;
//! - `generate_10k_text`: `generate` and serialisation to text, the work of
//!   `caidan gen` before it prints.
//!
//! Run with `cargo bench -p caidan-synth`.

use std::hint::black_box;
use std::time::Duration;

use caidan_synth::{generate, SynthOptions};
use criterion::{criterion_group, criterion_main, Criterion};

/// The options of the core benchmarks' feed.
const OPTIONS: SynthOptions = SynthOptions {
    services: 10_000,
    seed: 42,
    districts: None,
};

fn generate_feed(c: &mut Criterion) {
    c.bench_function("generate_10k", |b| b.iter(|| generate(black_box(&OPTIONS))));
    c.bench_function("generate_10k_text", |b| {
        b.iter(|| serde_json::to_string(&generate(black_box(&OPTIONS))))
    });
}

/// Few samples: one run takes a few hundred milliseconds.
fn slow() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = slow();
    targets = generate_feed
}
criterion_main!(benches);
