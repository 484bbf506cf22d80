//! Small builders of feed values: texts, coordinates, phone numbers, dates.

use serde_json::{Map, Value};

use crate::rng::Rng;

/// A Text in both locales.
pub(crate) fn text(zh: impl Into<String>, en: impl Into<String>) -> Value {
    let mut map = Map::new();
    map.insert("zh-CN".into(), Value::String(zh.into()));
    map.insert("en".into(), Value::String(en.into()));
    Value::Object(map)
}

/// A coordinate rounded to six decimals (about 0.1 m).
pub(crate) fn coordinate(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

pub(crate) fn phone(rng: &mut Rng) -> String {
    format!(
        "tel:010-{}{:03}-{:04}",
        rng.range(5, 8),
        rng.below(1000),
        rng.below(10000)
    )
}

pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

pub(crate) fn date(year: usize, month: usize, day: usize) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}
