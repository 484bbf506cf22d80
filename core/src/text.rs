//! Translatable text: a feed string in the default locale, or one per locale.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// A feed `Text`: either a plain string (in the feed's default locale) or
/// translations keyed by locale tag.
///
/// A feed holds some ten texts per service, so the representation is flat:
/// a few translations in common locales share one buffer, with their tags
/// as small numbers, so such a text costs one allocation; any other text
/// keeps its translations in a short vector, in the feed's order.
#[derive(Clone, Debug, Default)]
pub struct Text(Repr);

/// The most translations one text may carry. A feed in more locales than
/// this is a mistake or an attack; refusing it keeps the work on every text
/// (each translation is looked up among the others) small and bounded.
pub const MAX_LOCALES: usize = 16;

/// Locale tags common enough to keep one static copy of.
const COMMON_LOCALES: [&str; 8] = [
    "zh-CN", "en", "zh", "zh-TW", "zh-HK", "en-US", "en-GB", "ug",
];

/// How many translations share one buffer.
const FEW: usize = 4;

#[derive(Clone, Debug)]
enum Repr {
    /// A plain string.
    Plain(String),
    /// Up to [`FEW`] translations in common locales, one after another in
    /// `buf`: translation `k` is in locale `COMMON_LOCALES[tags[k]]` and
    /// ends at `ends[k]`, where the next one starts.
    Few {
        buf: String,
        len: u8,
        tags: [u8; FEW],
        ends: [u32; FEW],
    },
    /// Any other translations: more of them, a rare locale, a locale
    /// given twice.
    Many(Vec<(Cow<'static, str>, String)>),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Few {
            buf: String::new(),
            len: 0,
            tags: [0; FEW],
            ends: [0; FEW],
        }
    }
}

fn locale_tag(tag: String) -> Cow<'static, str> {
    match common(&tag) {
        Some(i) => Cow::Borrowed(COMMON_LOCALES.get(i).copied().unwrap_or_default()),
        None => Cow::Owned(tag),
    }
}

/// The position of a common locale tag in [`COMMON_LOCALES`].
fn common(tag: &str) -> Option<usize> {
    COMMON_LOCALES.iter().position(|c| *c == tag)
}

/// A common locale's short tag, for [`Text::has_every`].
pub(crate) fn common_tag(locale: &str) -> Option<u8> {
    common(locale).and_then(|i| u8::try_from(i).ok())
}

impl Text {
    /// A text in the default locale only.
    pub fn plain(s: impl Into<String>) -> Self {
        Text(Repr::Plain(s.into()))
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
        if let Some(at) = self.few_slot(&locale, value.len()) {
            self.push_few(at, &value);
            return;
        }
        let mut pairs = match std::mem::take(&mut self.0) {
            Repr::Many(pairs) => pairs,
            other => Text(other)
                .entries()
                .map(|(l, v)| (locale_tag(l.to_owned()), v.to_owned()))
                .collect(),
        };
        match pairs.iter_mut().find(|(l, _)| *l == locale) {
            Some((_, v)) => *v = value,
            None => pairs.push((locale, value)),
        }
        self.0 = Repr::Many(pairs);
    }

    /// Where a new translation of `len` bytes in `locale` goes in the
    /// shared buffer, if it can go there: a common locale not given yet,
    /// with room left.
    fn few_slot(&self, locale: &str, len: usize) -> Option<u8> {
        let Repr::Few {
            buf, len: n, tags, ..
        } = &self.0
        else {
            return None;
        };
        let fits = usize::from(*n) < FEW
            && buf
                .len()
                .checked_add(len)
                .is_some_and(|end| u32::try_from(end).is_ok());
        let tag = common_tag(locale)?;
        let given = tags.iter().take(usize::from(*n)).any(|&t| t == tag);
        (fits && !given).then_some(tag)
    }

    /// Whether the text has a translation in each of these common locales
    /// ([`common_tag`]); `None` when it is not stored so as to tell at once.
    pub(crate) fn has_every(&self, wanted: &[u8]) -> Option<bool> {
        match &self.0 {
            Repr::Few { len, tags, .. } => {
                let given = tags.get(..usize::from(*len)).unwrap_or_default();
                Some(wanted.iter().all(|t| given.contains(t)))
            }
            _ => None,
        }
    }

    /// Adds `value` after the translations in the shared buffer; the caller
    /// has checked with [`Text::few_slot`] that it goes there.
    fn push_few(&mut self, tag: u8, value: &str) {
        if let Repr::Few { buf, .. } = &mut self.0 {
            buf.push_str(value);
        }
        self.commit_few(tag);
    }

    /// Makes what the shared buffer holds past the last translation the
    /// translation in locale `tag`.
    fn commit_few(&mut self, tag: u8) {
        if let Repr::Few {
            buf,
            len,
            tags,
            ends,
        } = &mut self.0
        {
            let k = usize::from(*len);
            if let (Some(t), Some(e), Ok(end)) =
                (tags.get_mut(k), ends.get_mut(k), u32::try_from(buf.len()))
            {
                *t = tag;
                *e = end;
                *len += 1;
            }
        }
    }

    /// Each translation with its locale, in the feed's order; nothing for
    /// a plain string.
    fn entries(&self) -> Entries<'_> {
        match &self.0 {
            Repr::Plain(_) => Entries::Many([].iter()),
            Repr::Few {
                buf,
                len,
                tags,
                ends,
            } => Entries::Few {
                buf,
                tags: tags.get(..usize::from(*len)).unwrap_or_default(),
                ends,
                at: 0,
            },
            Repr::Many(pairs) => Entries::Many(pairs.iter()),
        }
    }

    fn plain_str(&self) -> Option<&str> {
        match &self.0 {
            Repr::Plain(p) => Some(p),
            _ => None,
        }
    }

    fn lookup(&self, locale: &str) -> Option<&str> {
        self.entries().find(|(l, _)| *l == locale).map(|(_, v)| v)
    }

    /// Whether the text has no content at all (absent in the feed).
    pub fn is_empty(&self) -> bool {
        match &self.0 {
            Repr::Plain(_) => false,
            Repr::Few { len, .. } => *len == 0,
            Repr::Many(pairs) => pairs.is_empty(),
        }
    }

    /// Whether the text has content for `locale`, given the feed's default.
    pub fn has(&self, locale: &str, default_locale: &str) -> bool {
        match &self.0 {
            Repr::Plain(_) => locale == default_locale,
            // Validation asks this of every text for every locale: compare
            // the tags alone.
            Repr::Few { len, tags, .. } => tags
                .iter()
                .take(usize::from(*len))
                .any(|&t| COMMON_LOCALES.get(usize::from(t)) == Some(&locale)),
            Repr::Many(pairs) => pairs.iter().any(|(l, _)| l == locale),
        }
    }

    /// The locales this text carries (the default locale for a plain string).
    pub fn locales<'a>(&'a self, default_locale: &'a str) -> Vec<&'a str> {
        match &self.0 {
            Repr::Plain(_) => vec![default_locale],
            _ => self.entries().map(|(l, _)| l).collect(),
        }
    }

    /// The text in `locale`, falling back to `default_locale`, then to any
    /// translation; empty when the text is empty.
    pub fn get<'a>(&'a self, locale: &str, default_locale: &str) -> &'a str {
        if let Some(p) = self.plain_str() {
            return p;
        }
        self.lookup(locale)
            .or_else(|| self.lookup(default_locale))
            .or_else(|| self.entries().next().map(|(_, v)| v))
            .unwrap_or("")
    }

    /// Each locale this text carries with its content, as [`Text::locales`]
    /// and [`Text::get`] give them, without collecting the locales.
    pub fn by_locale<'a>(
        &'a self,
        default_locale: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.plain_str()
            .map(move |p| (default_locale, p))
            .into_iter()
            .chain(self.entries())
    }

    /// Every translation (the plain string once), for indexing.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.plain_str()
            .into_iter()
            .chain(self.entries().map(|(_, v)| v))
    }
}

/// Two texts are equal when they say the same in the same locales, in the
/// same order, however they are stored.
impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.plain_str() == other.plain_str() && self.entries().eq(other.entries())
    }
}

impl Eq for Text {}

/// The translations of a text, see [`Text::entries`].
enum Entries<'a> {
    Few {
        buf: &'a str,
        tags: &'a [u8],
        ends: &'a [u32; FEW],
        at: usize,
    },
    Many(std::slice::Iter<'a, (Cow<'static, str>, String)>),
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        match self {
            Entries::Few {
                buf,
                tags,
                ends,
                at,
            } => {
                let tag = *tags.get(*at)?;
                let start = match at.checked_sub(1) {
                    Some(before) => ends.get(before).copied().unwrap_or(0),
                    None => 0,
                };
                let end = ends.get(*at).copied().unwrap_or(0);
                *at += 1;
                let locale = COMMON_LOCALES.get(usize::from(tag)).copied();
                let value = buf.get(start as usize..end as usize);
                Some((locale.unwrap_or_default(), value.unwrap_or_default()))
            }
            Entries::Many(pairs) => pairs.next().map(|(l, v)| (l.as_ref(), v.as_str())),
        }
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
        let mut text = Text::default();
        while let Some(LocaleKey(k)) = map.next_key()? {
            // The common case is read straight into the shared buffer; its
            // length is checked once it is there.
            if let (Some(tag), Repr::Few { buf, .. }) = (text.few_slot(&k, 0), &mut text.0) {
                let start = buf.len();
                map.next_value_seed(Append(buf))?;
                if u32::try_from(buf.len()).is_ok() {
                    text.commit_few(tag);
                } else {
                    let v = buf.split_off(start);
                    text.insert_tag(k, v);
                }
                continue;
            }
            let v: String = map.next_value()?;
            if text.entries().count() >= MAX_LOCALES && text.lookup(&k).is_none() {
                return Err(de::Error::custom(format_args!(
                    "a text may have at most {MAX_LOCALES} translations"
                )));
            }
            text.insert_tag(k, v);
        }
        Ok(text)
    }
}

/// Reads a string onto the end of a buffer, as `String` would read it.
struct Append<'b>(&'b mut String);

impl<'de> DeserializeSeed<'de> for Append<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_string(self)
    }
}

impl<'de> Visitor<'de> for Append<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if self.0.capacity() == 0 {
            // Room for a translation or two more of about this length, so
            // that the usual text of two or three locales is read without
            // moving.
            self.0.reserve(v.len().saturating_mul(2).saturating_add(16));
        }
        self.0.push_str(v);
        Ok(())
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(de::Error::invalid_value(de::Unexpected::Bytes(v), &self)),
        }
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
        match self.plain_str() {
            Some(p) => serializer.serialize_str(p),
            None => {
                let mut m = serializer.serialize_map(Some(self.entries().count()))?;
                for (k, v) in self.entries() {
                    m.serialize_entry(k, v)?;
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
    fn texts_read_alike_however_they_are_stored() {
        // A few common locales share a buffer; more of them, a rare one or
        // a repeated one are kept apart. Either way a text says the same.
        let cases = [
            (
                r#"{"zh-CN": "助餐", "en": "Meals"}"#,
                vec![("zh-CN", "助餐"), ("en", "Meals")],
            ),
            (
                r#"{"fr": "Repas", "en": "Meals"}"#,
                vec![("fr", "Repas"), ("en", "Meals")],
            ),
            (
                r#"{"en": "a", "zh-CN": "b", "en": "c"}"#,
                vec![("en", "c"), ("zh-CN", "b")],
            ),
            (
                r#"{"zh-CN": "1", "en": "2", "zh": "3", "zh-TW": "4", "ug": "5"}"#,
                vec![
                    ("zh-CN", "1"),
                    ("en", "2"),
                    ("zh", "3"),
                    ("zh-TW", "4"),
                    ("ug", "5"),
                ],
            ),
            (
                r#"{"en": "", "zh-CN": "x\"y"}"#,
                vec![("en", ""), ("zh-CN", "x\"y")],
            ),
            (r#"{}"#, vec![]),
        ];
        for (json, pairs) in cases {
            let read: Text = serde_json::from_str(json).unwrap();
            let built = Text::translations(pairs.iter().copied());
            assert_eq!(read, built, "{json}");
            assert_eq!(read.by_locale("zh-CN").collect::<Vec<_>>(), pairs, "{json}");
            assert_eq!(read.is_empty(), pairs.is_empty(), "{json}");
            for (l, v) in &pairs {
                assert!(read.has(l, "zh-CN"), "{json}");
                assert_eq!(read.get(l, "zh-CN"), *v, "{json}");
            }
            assert!(!read.has("de", "zh-CN"), "{json}");
            let again: Text = serde_json::from_str(&serde_json::to_string(&read).unwrap()).unwrap();
            assert_eq!(again, read, "{json}");
        }
        assert_ne!(Text::plain("x"), Text::translations([("zh-CN", "x")]));
        assert_eq!(Text::default(), serde_json::from_str::<Text>("{}").unwrap());
    }

    #[test]
    fn a_translation_that_is_not_a_string_is_refused_as_before() {
        let err = serde_json::from_str::<Text>(r#"{"en": 3}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid type: integer `3`, expected a string at line 1 column 8"
        );
        let err = serde_json::from_str::<Text>(r#"{"fr": 3}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid type: integer `3`, expected a string at line 1 column 8"
        );
    }

    #[test]
    fn a_number_is_not_a_text() {
        assert!(serde_json::from_str::<Text>("3").is_err());
    }
}
