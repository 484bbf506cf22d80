//! The search benchmark's shared half: the English texts of a feed, the
//! queries, and the way both engines are timed. The browser page
//! (`page/index.html`, driven by `caidan-tests`' `caidan-search-bench`)
//! and the native run (`benches/native.rs`) both use it, so the figures
//! they print are of the same work measured the same way.
//!
//! Our side is exactly what the app does: `Catalogue::build` over a checked
//! `Feed`, and `Catalogue::search_page` for the count of hits and the
//! first page of them (the search page shows 50 at a time). For a fair comparison with MiniSearch, which knows nothing
//! of Chinese, the feed is first reduced to its English texts
//! ([`english_feed`]), and MiniSearch is given the same texts
//! ([`documents`]).
//!
//! Not shipped: nothing here reaches `dist/`.

#![forbid(unsafe_code)]

use caidan_core::catalogue::Catalogue;
use caidan_core::Feed;
use serde_json::{json, Map, Value};

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The English queries both engines answer: whole words, several words,
/// words still being typed, and typos (one edit, as MiniSearch's fuzzy 0.2
/// allows for words of five to nine letters). All match the generated feed.
pub const QUERIES: [&str; 20] = [
    "meal",
    "bathing",
    "rehabilitation",
    "nursing",
    "tutoring",
    "housing",
    "home care",
    "older people",
    "skills training",
    "psychological counselling",
    "rehab",
    "counsel",
    "calli",
    "hous",
    "disab",
    "rehabilitaton",
    "nursimg",
    "counseling",
    "bathng",
    "housng",
];

/// Index builds timed, after [`WARM_UP`] untimed ones.
pub const BUILD_RUNS: usize = 10;

/// Untimed runs of each build and query before timing starts.
pub const WARM_UP: usize = 3;

/// Rounds over all queries; each round times one batch of each query.
pub const ROUNDS: usize = 30;

/// A batch repeats one query until it takes at least this long (the
/// browser's clock ticks in 0.1 ms steps); its time divided by its size is
/// one sample of that query's time. The batch size is fixed per query
/// before the rounds, by doubling from one.
pub const BATCH_MS: f64 = 2.0;

/// The generator's seed for the benchmark feed (as in `core/benches`).
pub const SEED: u64 = 42;

/// How many services the benchmark feed lists.
pub const SERVICES: usize = 10_000;

/// The feed `text` with every translated text replaced by its English
/// translation and keywords without Latin letters dropped; English becomes
/// the only and default locale. `None` if `text` is not a JSON object.
pub fn english_feed(text: &str) -> Option<String> {
    let mut doc: Value = serde_json::from_str(text).ok()?;
    let map = doc.as_object_mut()?;
    map.insert("default_locale".into(), json!("en"));
    map.insert("locales".into(), json!(["en"]));
    if let Some(services) = map.get_mut("services").and_then(Value::as_array_mut) {
        for service in services {
            if let Some(keywords) = service.get_mut("keywords").and_then(Value::as_array_mut) {
                keywords.retain(|k| {
                    k.as_str()
                        .is_some_and(|k| k.chars().any(|c| c.is_ascii_alphabetic()))
                });
            }
        }
    }
    to_english(&mut doc);
    Some(doc.to_string())
}

/// Replaces, everywhere in `value`, an object of translations (`{"zh-CN":
/// …, "en": …}`) by its English string.
fn to_english(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(en) = translation(map, "en") {
                *value = Value::String(en);
                return;
            }
            for v in map.values_mut() {
                to_english(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(to_english),
        _ => {}
    }
}

/// The `locale` string of a map that holds only translations.
fn translation(map: &Map<String, Value>, locale: &str) -> Option<String> {
    let only_texts = map
        .iter()
        .all(|(k, v)| v.is_string() && (k == "en" || k.starts_with("zh")));
    if !only_texts {
        return None;
    }
    map.get(locale).and_then(Value::as_str).map(str::to_string)
}

/// What MiniSearch indexes: for each service, in feed order, the texts
/// `Catalogue::build` indexes (name, summary, keywords, category name,
/// organisation name) as a JSON array of objects with an `id`.
pub fn documents(feed: &Feed) -> String {
    let locale = feed.default_locale();
    let docs: Vec<Value> = feed
        .services()
        .iter()
        .map(|s| {
            let category = feed
                .category(&s.category)
                .map(|c| c.name.get(locale, locale));
            let organization = feed
                .organization(&s.organization_id)
                .map(|o| o.name.get(locale, locale));
            json!({
                "id": s.id,
                "name": s.name.get(locale, locale),
                "summary": s.summary.get(locale, locale),
                "keywords": s.keywords.join(" "),
                "category": category.unwrap_or_default(),
                "organization": organization.unwrap_or_default(),
            })
        })
        .collect();
    Value::Array(docs).to_string()
}

/// How many results the search page shows at first (the app's `PAGE`).
pub const PAGE: usize = 50;

/// What the search page asks for `query`: how many services match, and
/// the first page of them, best first. Every service of the benchmark
/// feed is on the resident's menu, so none is filtered out.
pub fn search(catalogue: &Catalogue, query: &str) -> usize {
    catalogue.search_page(query, None, |_| true, PAGE).total
}

/// The ids of the first `n` hits for `query`.
pub fn top(feed: &Feed, catalogue: &Catalogue, query: &str, n: usize) -> Vec<String> {
    catalogue
        .search(query, None, n)
        .into_iter()
        .filter_map(|f| feed.services().get(f.service.get()).map(|s| s.id.clone()))
        .collect()
}

/// The `p`-th percentile (0 < p ≤ 1) of `samples` by nearest rank; `NaN`
/// when there are none. Sorts `samples`.
pub fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    let rank = (p * samples.len() as f64).ceil() as usize;
    samples
        .get(rank.saturating_sub(1))
        .copied()
        .unwrap_or(f64::NAN)
}
