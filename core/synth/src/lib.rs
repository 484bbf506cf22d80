//! Deterministic synthetic feeds for benchmarks, scale tests and `caidan gen`.
//!
//! The generator is a tool, not part of the product: `caidan-core` does not
//! depend on it, except for the `caidan gen` command behind the `cli`
//! feature, and the app never sees it.
//!
//! [`generate`] builds a complete feed document (see FEED.md) from a service
//! count and a seed. The same options always give the same document: all
//! randomness comes from a small seeded generator in this crate, never from
//! the operating system or the clock. Every feed it produces is valid: ids are
//! unique within their lists, every reference resolves, every text carries both
//! locales, and every rule is well typed against the feed's own facts. Past
//! about 15,000 services, though, even the compact JSON text is larger than
//! the 32 MiB a reader accepts (`caidan_core::feed::MAX_FEED_BYTES`); printed
//! pretty, as `caidan gen` prints it, past about 10,000.
//!
//! With [`SynthOptions::districts`] the feed is national-shaped instead: one
//! city per ten districts (codes `PPCC00`, districts `PPCCDD`), 8 to 19
//! streets a district and 8 to 21 communities a street (a national menu
//! averages some 14 and 15), organisations based in a district and serving
//! it, and services local to a district and perhaps its neighbours in the
//! same city; one in a thousand is city-wide. Such a feed is meant to be
//! split into shards (`caidan split`, FEED.md "Sharded feeds"): at 100,000
//! services it is some 225 MB as one document. Without it, a city's feed:
//!
//! Sizes follow the service count: one district per 700 services (3 to 16),
//! one organisation per 25 services (at least 5, one in ten a hub) and one
//! location per 5 services (at least 3). The distributions imitate a real city
//! menu: elderly care and health are the most common categories, most services
//! are active, about four in five have an eligibility rule and about half cost
//! something.
//!
//! Invariants:
//! - No IO, clock or operating-system randomness: the output is a function of
//!   the options alone.
//! - Each part of the feed draws from its own random stream (regions,
//!   organisations, locations, services), so a change in one part leaves the
//!   others as they were.
//! - Every feed within the size limit passes `caidan_core::Feed::parse`
//!   without an error or a warning; the tests check that with the real
//!   parser, for several seeds and sizes.
#![forbid(unsafe_code)]

mod data;
mod rng;
mod rules;
mod service;
mod values;
mod world;

use serde_json::{json, Map, Value};

use crate::rng::Rng;
use crate::rules::facts_json;
use crate::service::{categories_json, service};
use crate::values::text;
use crate::world::World;

/// Options for a synthetic feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SynthOptions {
    /// How many services the feed lists.
    pub services: usize,
    /// The seed: the same seed and service count give the same feed.
    pub seed: u64,
    /// A national-shaped feed with this many districts, spread over cities
    /// (see the crate docs); `None` for one city's feed.
    pub districts: Option<usize>,
}

/// A valid feed document with `services` services, the same for the same options.
///
/// The document has regions from the city down to communities, eleven
/// categories, the ten facts the rules ask about, organisations, locations and
/// the services themselves. It never fails and never panics, whatever the
/// options; `services: 0` gives a feed with an empty service list. Past
/// about 15,000 services the document is too large for a reader to accept.
pub fn generate(options: &SynthOptions) -> Value {
    let seed = options.seed;
    let world = World::build(options);
    let mut rng = Rng::new(seed, STREAM_SERVICES);
    let services: Vec<Value> = (0..options.services)
        .map(|index| service(&mut rng, &world, index))
        .collect();

    // The large lists are moved in, not passed through `json!`, which would
    // copy them value by value.
    let header = json!({
        "caidan_feed": "1.0",
        "id": format!("synthetic-{seed}"),
        "version": "2026.1.0",
        "published_at": "2025-12-28T09:00:00+08:00",
        "title": text(
            format!("北京市政府购买服务菜单（合成数据，种子 {seed}）"),
            format!("Beijing public service menu (synthetic, seed {seed})"),
        ),
        "publisher": {
            "name": text("北京市社会建设工作办公室（合成数据）", "Beijing Social Construction Office (synthetic)"),
            "phone": "tel:010-12345",
            "url": "https://caidan.example.org/",
        },
        "default_locale": "zh-CN",
        "locales": ["zh-CN", "en"],
        "currency": "CNY",
        "valid_from": "2026-01-01",
        "valid_until": "2027-12-31",
        "intake": { "kind": "voucher", "hotline": "tel:010-12345" },
        "notices": [{
            "text": text("本菜单为合成数据，仅供测试使用。", "This menu is synthetic data, for testing only."),
            "severity": "info",
        }],
    });
    let mut feed = match header {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    feed.insert("regions".into(), Value::Array(world.regions_json()));
    feed.insert("categories".into(), Value::Array(categories_json()));
    feed.insert("facts".into(), Value::Array(facts_json()));
    feed.insert("organizations".into(), Value::Array(world.organizations));
    feed.insert("locations".into(), Value::Array(world.locations));
    feed.insert("services".into(), Value::Array(services));
    Value::Object(feed)
}

// The generator streams: each part of the feed draws from its own stream, so a
// change in one part leaves the others as they were.
pub(crate) const STREAM_REGIONS: u64 = 1;
pub(crate) const STREAM_ORGANIZATIONS: u64 = 2;
pub(crate) const STREAM_LOCATIONS: u64 = 3;
pub(crate) const STREAM_SERVICES: u64 = 4;
