//! Translatable text: a feed string in the default locale, or one per locale.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// A feed `Text`: either a plain string (in the feed's default locale) or
/// translations keyed by locale tag.
///
/// A feed holds some ten texts per service, so the representation is flat:
/// translations in a short vector, in the feed's order, with the common
/// locale tags borrowed rather than allocated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    plain: Option<String>,
    by_locale: Vec<(Cow<'static, str>, String)>,
}

/// The most translations one text may carry. A feed in more locales than
/// this is a mistake or an attack; refusing it keeps the work on every text
/// (each translation is looked up among the others) small and bounded.
pub const MAX_LOCALES: usize = 16;

/// Locale tags common enough to keep one static copy of.
const COMMON_LOCALES: [&str; 8] = [
    "zh-CN", "en", "zh", "zh-TW", "zh-HK", "en-US", "en-GB", "ug",
];

fn locale_tag(tag: String) -> Cow<'static, str> {
    match COMMON_LOCALES.iter().find(|c| **c == tag) {
        Some(c) => Cow::Borrowed(c),
        None => Cow::Owned(tag),
    }
}

impl Text {
    /// A text in the default locale only.
    pub fn plain(s: impl Into<String>) -> Self {
        Text {
            plain: Some(s.into()),
            by_locale: Vec::new(),
        }
    }

    /// A text with the given translations.
    pub fn translations<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut text = Text::default();
        for (l, s) in pairs {
            text.insert(l.to_owned(), s.to_owned());
        }
        text
    }

    /// Sets the translation for `locale`, replacing any earlier one.
    fn insert(&mut self, locale: String, value: String) {
        self.insert_tag(locale_tag(locale), value);
    }

    fn insert_tag(&mut self, locale: Cow<'static, str>, value: String) {
        match self.by_locale.iter_mut().find(|(l, _)| *l == locale) {
            Some((_, v)) => *v = value,
            None => self.by_locale.push((locale, value)),
        }
    }

    fn lookup(&self, locale: &str) -> Option<&str> {
        self.by_locale
            .iter()
            .find(|(l, _)| l == locale)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the text has no content at all (absent in the feed).
    pub fn is_empty(&self) -> bool {
        self.plain.is_none() && self.by_locale.is_empty()
    }

    /// Whether the text has content for `locale`, given the feed's default.
    pub fn has(&self, locale: &str, default_locale: &str) -> bool {
        match &self.plain {
            Some(_) => locale == default_locale,
            None => self.lookup(locale).is_some(),
        }
    }

    /// The locales this text carries (the default locale for a plain string).
    pub fn locales<'a>(&'a self, default_locale: &'a str) -> Vec<&'a str> {
        match &self.plain {
            Some(_) => vec![default_locale],
            None => self.by_locale.iter().map(|(l, _)| l.as_ref()).collect(),
        }
    }

    /// The text in `locale`, falling back to `default_locale`, then to any
    /// translation; empty when the text is empty.
    pub fn get<'a>(&'a self, locale: &str, default_locale: &str) -> &'a str {
        if let Some(p) = &self.plain {
            return p;
        }
        self.lookup(locale)
            .or_else(|| self.lookup(default_locale))
            .or_else(|| self.by_locale.first().map(|(_, v)| v.as_str()))
            .unwrap_or("")
    }

    /// Each locale this text carries with its content, as [`Text::locales`]
    /// and [`Text::get`] give them, without collecting the locales.
    pub fn by_locale<'a>(
        &'a self,
        default_locale: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.plain
            .iter()
            .map(move |p| (default_locale, p.as_str()))
            .chain(
                self.by_locale
                    .iter()
                    .filter(|_| self.plain.is_none())
                    .map(|(l, v)| (l.as_ref(), v.as_str())),
            )
    }

    /// Every translation (the plain string once), for indexing.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.plain
            .iter()
            .map(String::as_str)
            .chain(self.by_locale.iter().map(|(_, v)| v.as_str()))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or an object of locale to string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::plain(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text::plain(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut text = Text {
            plain: None,
            by_locale: Vec::with_capacity(map.size_hint().unwrap_or(2).min(MAX_LOCALES)),
        };
        while let Some(LocaleKey(k)) = map.next_key()? {
            let v: String = map.next_value()?;
            if text.by_locale.len() >= MAX_LOCALES && text.lookup(&k).is_none() {
                return Err(de::Error::custom(format_args!(
                    "a text may have at most {MAX_LOCALES} translations"
                )));
            }
            text.insert_tag(k, v);
        }
        Ok(text)
    }
}

/// A locale tag read as a map key: a common one is not allocated at all.
struct LocaleKey(Cow<'static, str>);

impl<'de> Deserialize<'de> for LocaleKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(LocaleKeyVisitor)
    }
}

struct LocaleKeyVisitor;

impl<'de> Visitor<'de> for LocaleKeyVisitor {
    type Value = LocaleKey;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<LocaleKey, E> {
        Ok(LocaleKey(match COMMON_LOCALES.iter().find(|c| **c == v) {
            Some(c) => Cow::Borrowed(c),
            None => Cow::Owned(v.to_owned()),
        }))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<LocaleKey, E> {
        Ok(LocaleKey(locale_tag(v)))
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.plain {
            Some(p) => serializer.serialize_str(p),
            None => {
                let mut m = serializer.serialize_map(Some(self.by_locale.len()))?;
                for (k, v) in &self.by_locale {
                    m.serialize_entry(k.as_ref(), v)?;
                }
                m.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_translated_texts_resolve_with_fallback() {
        let plain: Text = serde_json::from_str("\"助餐\"").unwrap();
        assert_eq!(plain.get("en", "zh-CN"), "助餐");
        assert!(plain.has("zh-CN", "zh-CN"));
        assert!(!plain.has("en", "zh-CN"));

        let both: Text = serde_json::from_str(r#"{"zh-CN": "助餐", "en": "Meals"}"#).unwrap();
        assert_eq!(both.get("en", "zh-CN"), "Meals");
        assert_eq!(both.get("fr", "zh-CN"), "助餐");
        assert_eq!(
            serde_json::to_string(&both).unwrap(),
            r#"{"zh-CN":"助餐","en":"Meals"}"#
        );
    }

    #[test]
    fn a_text_has_at_most_max_locales_translations() {
        let json = |n: usize| {
            let pairs: Vec<String> = (0..n).map(|i| format!("\"l{i}\": \"x\"")).collect();
            format!("{{{}}}", pairs.join(","))
        };
        let full: Text = serde_json::from_str(&json(MAX_LOCALES)).unwrap();
        assert_eq!(full.locales("l0").len(), MAX_LOCALES);
        let err = serde_json::from_str::<Text>(&json(MAX_LOCALES + 1)).unwrap_err();
        assert!(err.to_string().contains("at most 16 translations"), "{err}");
        // A repeated locale replaces the earlier one and does not count twice.
        let repeated = format!("{{{}}}", vec!["\"en\": \"x\""; 1000].join(","));
        let once: Text = serde_json::from_str(&repeated).unwrap();
        assert_eq!(once.locales("en"), ["en"]);
    }

    #[test]
    fn by_locale_is_locales_with_get() {
        let texts = [
            "\"助餐\"",
            r#"{"zh-CN": "助餐", "en": "Meals"}"#,
            r#"{"en": "Meals", "en": "Meal help", "ug": "تاماق"}"#,
            r#"{}"#,
        ];
        for json in texts {
            let text: Text = serde_json::from_str(json).unwrap();
            let expected: Vec<(&str, &str)> = text
                .locales("zh-CN")
                .into_iter()
                .map(|l| (l, text.get(l, "zh-CN")))
                .collect();
            assert_eq!(
                text.by_locale("zh-CN").collect::<Vec<_>>(),
                expected,
                "{json}"
            );
        }
    }

    #[test]
    fn a_number_is_not_a_text() {
        assert!(serde_json::from_str::<Text>("3").is_err());
    }
}
