//! Benchmarks of the hot paths on a generated 10,000-service feed.
//!
//! The feed is generated once with a fixed seed and serialised once; only
//! the operation named by each benchmark is timed. Targets:
//!
//! - `parse_validate_10k`: `Feed::parse` of the text, at most 60 ms and at
//!   most half of `json_value_10k` (`serde_json::from_slice::<Value>` of
//!   the same bytes, which checks nothing); `parse_validate_sliced_10k` is
//!   the same work done by `FeedReader` in steps of 64 units, as the app
//!   does it for a big feed;
//! - `search_index_10k`: `Catalogue::build`, at most 50 ms
//!   (`search_index_sliced_10k`: in steps of 64 services);
//! - `search_query_10k`: one query per iteration, cycling over a mixed set
//!   of Chinese, pinyin (whole and half typed), initials, English and typos,
//!   median at most 100 µs;
//! - `decide_all_10k`: every service decided for one resident with a partial
//!   set of answers, at most 5 ms; `decide_all_10k_no_answers` is the same
//!   with nothing answered.
//!
//! The parsed feed and the index are dropped outside the timed part: a
//! reader parses a feed once and keeps it. Run with
//! `cargo bench -p caidan-core`.

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

use caidan_core::catalogue::Catalogue;
use caidan_core::date::Date;
use caidan_core::feed::{FeedReader, Step};
use caidan_core::wire::RegionLevel;
use caidan_core::{decide_all, Answers, Feed};
use caidan_synth::{generate, SynthOptions};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

/// How many services the benchmark feed lists.
const SERVICES: usize = 10_000;

/// The generator's seed: the same feed on every run.
const SEED: u64 = 42;

/// The day the decisions are made on, inside the generated feed's window.
const TODAY: &str = "2026-03-15";

/// Queries a resident might type, all matching something in the generated
/// feed: Chinese of two to four characters, full pinyin, pinyin still being
/// typed, pinyin initials, English words and typos.
const QUERIES: [&str; 22] = [
    "助餐",
    "助浴",
    "适老化",
    "日间照料",
    "紧急呼叫",
    "中医",
    "zhucan",
    "rijianzhaoliao",
    "yanglao",
    "kangfu",
    "zhuc",
    "kangf",
    "zc",
    "rjzl",
    "jjhj",
    "meal",
    "home care",
    "bathing",
    "emergency call",
    "rehabilitation",
    "rehabilitaton",
    "nursimg",
];

/// The generated feed as text, and parsed.
struct Fixture {
    text: String,
    feed: Feed,
}

impl Fixture {
    fn new() -> Fixture {
        let doc = generate(&SynthOptions {
            services: SERVICES,
            seed: SEED,
            districts: None,
        });
        let text = serde_json::to_string(&doc).expect("a generated feed serialises");
        let feed = Feed::parse(&text).expect("a generated feed is valid");
        Fixture { text, feed }
    }

    /// A resident of the feed's first community: 72, living alone, on a
    /// low income, with the other facts unanswered.
    fn answers(&self) -> Answers {
        let community = self
            .feed
            .regions()
            .iter()
            .find(|r| r.level == RegionLevel::Community)
            .map(|r| r.code.clone())
            .expect("a generated feed has communities");
        let json = serde_json::json!({
            "residence": community,
            "age": 72,
            "living_alone": true,
            "income_status": "low_income",
        });
        Answers::from_json(&self.feed, &json).expect("the answers fit the generated feed")
    }
}

/// The fixture, built on first use and shared by every benchmark.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(Fixture::new)
}

/// The day the decisions are made on.
fn today() -> Date {
    Date::parse(TODAY).expect("a valid date")
}

fn parse_validate(c: &mut Criterion) {
    let fixture = fixture();
    c.bench_function("parse_validate_10k", |b| {
        b.iter_batched(
            || (),
            |()| Feed::parse(black_box(&fixture.text)),
            BatchSize::PerIteration,
        )
    });
    c.bench_function("parse_validate_sliced_10k", |b| {
        b.iter_batched(
            || (),
            |()| FeedReader::new(black_box(&fixture.text)).finish(64),
            BatchSize::PerIteration,
        )
    });
}

/// The two halves of `parse_validate`, and the yardstick: reading the same
/// bytes into a `serde_json::Value`, which checks nothing.
fn parse_parts(c: &mut Criterion) {
    let fixture = fixture();
    c.bench_function("read_10k", |b| {
        b.iter_batched(
            || (),
            |()| Feed::read(black_box(&fixture.text)),
            BatchSize::PerIteration,
        )
    });
    c.bench_function("json_value_10k", |b| {
        b.iter_batched(
            || (),
            |()| serde_json::from_slice::<serde_json::Value>(black_box(fixture.text.as_bytes())),
            BatchSize::PerIteration,
        )
    });
}

fn search_index(c: &mut Criterion) {
    let fixture = fixture();
    c.bench_function("search_index_10k", |b| {
        b.iter_batched(
            || (),
            |()| Catalogue::build(black_box(&fixture.feed)),
            BatchSize::PerIteration,
        )
    });
    c.bench_function("search_index_sliced_10k", |b| {
        b.iter_batched(
            || (),
            |()| {
                let mut builder = Catalogue::builder(black_box(&fixture.feed));
                loop {
                    match builder.step(64) {
                        Step::Pending(more) => builder = more,
                        Step::Done(catalogue) => break catalogue,
                    }
                }
            },
            BatchSize::PerIteration,
        )
    });
}

fn search_query(c: &mut Criterion) {
    let catalogue = Catalogue::build(&fixture().feed);
    let mut queries = QUERIES.iter().cycle();
    c.bench_function("search_query_10k", |b| {
        b.iter(|| {
            let query = queries.next().copied().unwrap_or_default();
            catalogue.search(black_box(query), Some("zh-CN"), 20)
        })
    });
}

fn decide(c: &mut Criterion) {
    let fixture = fixture();
    let today = today();
    let answers = fixture.answers();
    c.bench_function("decide_all_10k", |b| {
        b.iter(|| decide_all(&fixture.feed, black_box(&answers), today))
    });
    let none = Answers::new(&fixture.feed);
    c.bench_function("decide_all_10k_no_answers", |b| {
        b.iter(|| decide_all(&fixture.feed, black_box(&none), today))
    });
}

/// Few samples for the operations that take milliseconds.
fn slow() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

/// The default sample count, with a short measurement, for the rest.
fn fast() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = slow_benches;
    config = slow();
    targets = parse_validate, parse_parts, search_index
}
criterion_group! {
    name = fast_benches;
    config = fast();
    targets = search_query, decide
}
criterion_main!(slow_benches, fast_benches);
