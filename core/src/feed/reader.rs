//! Reading and checking a feed in bounded steps, so that a reader on a
//! resident's device can let the page draw and answer between them.
//!
//! [`FeedReader`] gives the same [`Feed`], the same warnings and the same
//! errors as [`Feed::parse`], whatever the steps' sizes. It knows no clock:
//! the caller decides how much work a step may do and when to stop.
//!
//! How it reads: the document's outer object is walked by hand (keys,
//! colons, commas), the four lists that grow with a city (`regions`,
//! `organizations`, `locations`, `services`) one element at a time with
//! `serde_json`, which says where each element ends, and every other
//! top-level field as a one-field document of its own. Everything the walk
//! meets is checked as strictly as `serde_json` checks the whole document;
//! anything unusual (a syntax error, a value of the wrong type, an escaped
//! or repeated key) sends the reader back to the whole document in one go
//! ([`Feed::read`]), so that its error is reported exactly as before. Only
//! a broken feed pays for that, once.

use std::collections::HashSet;

use serde::de::{DeserializeOwned, IgnoredAny};

use super::{check_version, deserialize, Capped, Checking, Feed, FeedError, MAX_FEED_BYTES};
use crate::wire::{FeedDoc, Location, Organization, Region, Service};

/// Where a piece of resumable work stands: still under way, to be resumed
/// with the value in `Pending`, or done.
#[derive(Debug)]
pub enum Step<P, T> {
    /// More work to do: call `step` on this again.
    Pending(P),
    /// Finished, with this result.
    Done(T),
}

/// A feed being read and checked a little at a time.
///
/// ```
/// # use caidan_core::feed::{FeedReader, Step};
/// # let text = "{}";
/// let mut reader = FeedReader::new(text);
/// let result = loop {
///     match reader.step(64) {
///         Step::Pending(more) => reader = more, // the caller may pause here
///         Step::Done(result) => break result,
///     }
/// };
/// assert!(result.is_err());
/// ```
pub struct FeedReader<'t> {
    text: &'t str,
    limit: usize,
    stage: Stage<'t>,
}

// Both boxed: a step moves the reader, which then stays small.
enum Stage<'t> {
    Reading(Box<Reading<'t>>),
    Checking(Box<Checking>),
}

impl<'t> FeedReader<'t> {
    /// A reader of `text`, which may have at most [`MAX_FEED_BYTES`] bytes.
    pub fn new(text: &'t str) -> FeedReader<'t> {
        FeedReader::with_limit(text, MAX_FEED_BYTES)
    }

    /// A reader of a text of at most `limit` bytes, as
    /// [`Feed::parse_with_limit`].
    pub fn with_limit(text: &'t str, limit: usize) -> FeedReader<'t> {
        FeedReader {
            text,
            limit,
            stage: Stage::Reading(Box::new(Reading::new(text))),
        }
    }

    /// Does about `budget` units of work and stops, never inside a unit.
    /// A unit is one element of a list read (a service, a region...), one
    /// other top-level field read, or one item checked. A service is a few
    /// microseconds of work natively, so a step of 64 units takes well under
    /// a millisecond; a single huge element is still one unit. A budget of
    /// 0 counts as 1.
    pub fn step(self, budget: usize) -> Step<FeedReader<'t>, Result<Feed, FeedError>> {
        let FeedReader { text, limit, stage } = self;
        let stage = match stage {
            Stage::Reading(mut reading) => {
                if text.len() > limit {
                    return Step::Done(Err(FeedError::TooLarge {
                        size: text.len(),
                        limit,
                    }));
                }
                match reading.step(budget) {
                    Read::More => Stage::Reading(reading),
                    Read::Done => {
                        if let Err(e) = check_version(&reading.doc.caidan_feed) {
                            return Step::Done(Err(e));
                        }
                        let Reading { doc, warnings, .. } = *reading;
                        Stage::Checking(Box::new(Checking::new(doc, warnings)))
                    }
                    // The whole document again, for its error as one pass
                    // reports it (or, for an unusual but valid document,
                    // simply read in one go).
                    Read::Unusual => match Feed::read_with_limit(text, limit) {
                        Ok(read) => {
                            Stage::Checking(Box::new(Checking::new(read.doc, read.warnings)))
                        }
                        Err(e) => return Step::Done(Err(e)),
                    },
                }
            }
            Stage::Checking(mut checking) => {
                if checking.step(budget) {
                    return Step::Done((*checking).finish());
                }
                Stage::Checking(checking)
            }
        };
        Step::Pending(FeedReader { text, limit, stage })
    }

    /// Whether the text is read and the feed is being checked.
    pub fn is_checking(&self) -> bool {
        matches!(self.stage, Stage::Checking(_))
    }

    /// Reads and checks the whole feed, in steps of `budget` units: for
    /// tests, and for callers that want the steps' code path in one go.
    pub fn finish(mut self, budget: usize) -> Result<Feed, FeedError> {
        loop {
            match self.step(budget) {
                Step::Pending(more) => self = more,
                Step::Done(result) => return result,
            }
        }
    }
}

/// What one step of reading found.
enum Read {
    More,
    Done,
    /// Something the walk does not handle itself.
    Unusual,
}

/// The walk over the document's outer object.
struct Reading<'t> {
    text: &'t str,
    /// The next byte to look at.
    at: usize,
    at_state: At,
    doc: FeedDoc,
    warnings: Capped,
    /// The top-level keys met so far: a repeated one is unusual.
    seen: HashSet<&'t str>,
}

enum At {
    /// Before the document.
    Start,
    /// At a key (just after `{` or a comma).
    Key,
    /// Inside one of the long lists, at its next element.
    Items(List),
    /// Just after a top-level value.
    AfterValue,
    /// After the closing brace.
    End,
}

/// A long list being read, with the elements read so far.
enum List {
    Regions(Vec<Region>),
    Organizations(Vec<Organization>),
    Locations(Vec<Location>),
    Services(Vec<Service>),
}

impl List {
    fn new(key: &str) -> Option<List> {
        Some(match key {
            "regions" => List::Regions(Vec::new()),
            "organizations" => List::Organizations(Vec::new()),
            "locations" => List::Locations(Vec::new()),
            "services" => List::Services(Vec::new()),
            _ => return None,
        })
    }

    fn len(&self) -> usize {
        match self {
            List::Regions(v) => v.len(),
            List::Organizations(v) => v.len(),
            List::Locations(v) => v.len(),
            List::Services(v) => v.len(),
        }
    }

    /// Reads the element at `at`; the byte after it, or `None` when it is
    /// not a well-formed element of the right shape.
    fn read(&mut self, text: &str, at: usize, warnings: &mut Capped) -> Option<usize> {
        let index = self.len();
        match self {
            List::Regions(v) => push(v, element(text, at, warnings, "regions", index)),
            List::Organizations(v) => push(v, element(text, at, warnings, "organizations", index)),
            List::Locations(v) => push(v, element(text, at, warnings, "locations", index)),
            List::Services(v) => push(v, element(text, at, warnings, "services", index)),
        }
    }

    fn store(self, doc: &mut FeedDoc) {
        match self {
            List::Regions(v) => doc.regions = Some(v),
            List::Organizations(v) => doc.organizations = Some(v),
            List::Locations(v) => doc.locations = v,
            List::Services(v) => doc.services = Some(v),
        }
    }
}

fn push<T>(list: &mut Vec<T>, read: Option<(T, usize)>) -> Option<usize> {
    let (item, end) = read?;
    list.push(item);
    Some(end)
}

impl<'t> Reading<'t> {
    fn new(text: &'t str) -> Reading<'t> {
        Reading {
            text,
            at: 0,
            at_state: At::Start,
            doc: FeedDoc::default(),
            warnings: Capped::default(),
            seen: HashSet::new(),
        }
    }

    fn step(&mut self, budget: usize) -> Read {
        let mut left = budget.max(1);
        loop {
            let next = match self.advance() {
                Some(next) => next,
                None => return Read::Unusual,
            };
            match next {
                Advance::Finished => return Read::Done,
                Advance::Unit => left -= 1,
                Advance::Free => {}
            }
            if left == 0 {
                return Read::More;
            }
        }
    }

    /// One move of the walk; `None` when the document is unusual.
    fn advance(&mut self) -> Option<Advance> {
        let text = self.text;
        let bytes = text.as_bytes();
        match std::mem::replace(&mut self.at_state, At::End) {
            At::Start => {
                let at = skip_space(bytes, 0);
                expect(bytes, at, b'{')?;
                let at = skip_space(bytes, at + 1);
                if bytes.get(at) == Some(&b'}') {
                    self.at = at + 1;
                    self.at_state = At::End;
                } else {
                    self.at = at;
                    self.at_state = At::Key;
                }
                Some(Advance::Free)
            }
            At::Key => {
                let key_start = self.at;
                expect(bytes, key_start, b'"')?;
                let key_end = plain_string_end(bytes, key_start + 1)?;
                let key = text.get(key_start + 1..key_end)?;
                if !self.seen.insert(key) {
                    return None;
                }
                let colon = skip_space(bytes, key_end + 1);
                expect(bytes, colon, b':')?;
                let value = skip_space(bytes, colon + 1);
                match List::new(key) {
                    Some(list) if bytes.get(value) == Some(&b'[') => {
                        let first = skip_space(bytes, value + 1);
                        if bytes.get(first) == Some(&b']') {
                            list.store(&mut self.doc);
                            self.at = first + 1;
                            self.at_state = At::AfterValue;
                        } else {
                            self.at = first;
                            self.at_state = At::Items(list);
                        }
                    }
                    _ => {
                        let end = value_end(text, value)?;
                        // The field as a document of its own, read as
                        // the whole document would read it.
                        let field = text.get(key_start..end)?;
                        let mut one = String::with_capacity(field.len() + 2);
                        one.push('{');
                        one.push_str(field);
                        one.push('}');
                        let part: FeedDoc = deserialize(&one, &mut self.warnings).ok()?;
                        take_field(&mut self.doc, part, key);
                        self.at = end;
                        self.at_state = At::AfterValue;
                    }
                }
                Some(Advance::Unit)
            }
            At::Items(mut list) => {
                let end = list.read(text, self.at, &mut self.warnings)?;
                let at = skip_space(bytes, end);
                match bytes.get(at) {
                    Some(b',') => {
                        self.at = at + 1;
                        self.at_state = At::Items(list);
                    }
                    Some(b']') => {
                        list.store(&mut self.doc);
                        self.at = at + 1;
                        self.at_state = At::AfterValue;
                    }
                    _ => return None,
                }
                Some(Advance::Unit)
            }
            At::AfterValue => {
                let at = skip_space(bytes, self.at);
                match bytes.get(at) {
                    Some(b',') => {
                        self.at = skip_space(bytes, at + 1);
                        self.at_state = At::Key;
                    }
                    Some(b'}') => {
                        self.at = at + 1;
                        self.at_state = At::End;
                    }
                    _ => return None,
                }
                Some(Advance::Free)
            }
            At::End => {
                // Only whitespace may follow the document.
                if skip_space(bytes, self.at) == bytes.len() {
                    Some(Advance::Finished)
                } else {
                    None
                }
            }
        }
    }
}

enum Advance {
    /// A unit of work done.
    Unit,
    /// A move too small to count.
    Free,
    /// The document is read.
    Finished,
}

/// Past JSON whitespace, as `serde_json` reads it.
fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

fn expect(bytes: &[u8], at: usize, byte: u8) -> Option<()> {
    (bytes.get(at) == Some(&byte)).then_some(())
}

/// The position of the quote closing a string that starts at `from`, if
/// the string has no escape and no control character (which keys never
/// need; such a key is left to the one-pass reader).
fn plain_string_end(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let len = rest
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    (rest.get(len) == Some(&b'"')).then_some(from + len)
}

/// Where the JSON value starting at `at` ends, checking its syntax.
fn value_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<IgnoredAny>();
    match values.next() {
        Some(Ok(_)) => Some(at + values.byte_offset()),
        _ => None,
    }
}

/// Reads the list element at `at` as the whole document would, with its
/// unknown fields as warnings (named `list[index].field`); the element and
/// the byte after it.
#[cfg(not(feature = "publisher"))]
fn element<T: DeserializeOwned>(
    text: &str,
    at: usize,
    _warnings: &mut Capped,
    _list: &str,
    _index: usize,
) -> Option<(T, usize)> {
    let rest = text.get(at..)?;
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<T>();
    match values.next() {
        Some(Ok(value)) => Some((value, at + values.byte_offset())),
        _ => None,
    }
}

#[cfg(feature = "publisher")]
fn element<T: DeserializeOwned>(
    text: &str,
    at: usize,
    warnings: &mut Capped,
    list: &str,
    index: usize,
) -> Option<(T, usize)> {
    let rest = text.get(at..)?;
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Tracked<T>>();
    match values.next() {
        Some(Ok(Tracked { value, ignored })) => {
            for path in ignored {
                warnings.push(|| super::Diagnostic {
                    path: format!("{list}[{index}].{path}"),
                    message: "unknown field, ignored".into(),
                });
            }
            Some((value, at + values.byte_offset()))
        }
        _ => None,
    }
}

/// A value with the paths of the fields it ignored.
#[cfg(feature = "publisher")]
struct Tracked<T> {
    value: T,
    ignored: Vec<String>,
}

#[cfg(feature = "publisher")]
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Tracked<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut ignored = Vec::new();
        let value = serde_ignored::deserialize(deserializer, |path| {
            ignored.push(super::ignored_path(&path));
        })?;
        Ok(Tracked { value, ignored })
    }
}

/// Moves the field named `key` from a one-field document into `doc`. The
/// pattern names every field, so a field added to [`FeedDoc`] does not
/// compile until it is listed here.
pub(super) fn take_field(doc: &mut FeedDoc, part: FeedDoc, key: &str) {
    let FeedDoc {
        caidan_feed,
        id,
        version,
        published_at,
        title,
        publisher,
        default_locale,
        locales,
        currency,
        valid_from,
        valid_until,
        intake,
        notices,
        regions,
        categories,
        facts,
        organizations,
        locations,
        services,
        shards,
    } = part;
    match key {
        "caidan_feed" => doc.caidan_feed = caidan_feed,
        "id" => doc.id = id,
        "version" => doc.version = version,
        "published_at" => doc.published_at = published_at,
        "title" => doc.title = title,
        "publisher" => doc.publisher = publisher,
        "default_locale" => doc.default_locale = default_locale,
        "locales" => doc.locales = locales,
        "currency" => doc.currency = currency,
        "valid_from" => doc.valid_from = valid_from,
        "valid_until" => doc.valid_until = valid_until,
        "intake" => doc.intake = intake,
        "notices" => doc.notices = notices,
        "regions" => doc.regions = regions,
        "categories" => doc.categories = categories,
        "facts" => doc.facts = facts,
        "organizations" => doc.organizations = organizations,
        "locations" => doc.locations = locations,
        "services" => doc.services = services,
        "shards" => doc.shards = shards,
        // Unknown fields are read only to check them (and, for a
        // publisher, to warn about them).
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use caidan_synth::{generate, SynthOptions};
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::{FeedReader, Step};
    use crate::feed::Feed;

    /// The budgets every comparison is made at: one unit at a time, a few
    /// odd sizes, and everything in one step.
    const BUDGETS: [usize; 5] = [1, 2, 7, 64, usize::MAX];

    fn worked() -> String {
        include_str!("../../tests/data/worked.json").to_string()
    }

    fn generated(services: usize) -> String {
        generate(&SynthOptions {
            services,
            seed: 7,
            districts: None,
        })
        .to_string()
    }

    /// A generated feed of 5,200 services, made once.
    fn big() -> &'static str {
        static BIG: OnceLock<String> = OnceLock::new();
        BIG.get_or_init(|| generated(5_200))
    }

    /// The one-pass result and the sliced one, at `budget`, are the same:
    /// the same document, warnings and compiled rules, or the same error.
    fn same(text: &str, budget: usize) {
        let one = Feed::parse(text);
        let sliced = FeedReader::new(text).finish(budget);
        match (one, sliced) {
            (Ok(a), Ok(b)) => {
                assert_eq!(format!("{:?}", a.doc()), format!("{:?}", b.doc()));
                assert_eq!(a.warnings(), b.warnings(), "budget {budget}");
                assert_eq!(format!("{:?}", a.compiled), format!("{:?}", b.compiled));
                assert_eq!(a.valid_window(), b.valid_window());
                assert_eq!(a.services, b.services);
            }
            (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "budget {budget}"),
            (a, b) => panic!(
                "budget {budget}: one pass {:?}, sliced {:?}",
                a.map(|f| f.services().len()),
                b.map(|f| f.services().len())
            ),
        }
    }

    fn same_at_every_budget(text: &str) {
        for budget in BUDGETS {
            same(text, budget);
        }
    }

    fn edited(edit: impl FnOnce(&mut Value)) -> String {
        let mut doc: Value = serde_json::from_str(&worked()).expect("the fixture is JSON");
        edit(&mut doc);
        serde_json::to_string_pretty(&doc).expect("JSON")
    }

    #[test]
    fn valid_feeds_read_the_same_in_slices() {
        same_at_every_budget(&worked());
        same_at_every_budget(&generated(300));
        // Whitespace everywhere the grammar allows it.
        let spaced: Value = serde_json::from_str(&generated(20)).expect("JSON");
        let pretty = serde_json::to_string_pretty(&spaced).expect("JSON");
        same_at_every_budget(&format!(" \r\n\t{}\n\t ", pretty.replace(':', " \t:\r\n ")));
    }

    #[test]
    fn a_generated_city_reads_the_same_in_slices() {
        let text = big();
        let feed = FeedReader::new(text).finish(32).expect("valid");
        assert_eq!(feed.services().len(), 5_200);
        same(text, 32);
    }

    #[test]
    fn feeds_with_problems_report_the_same_problems() {
        let broken = edited(|doc| {
            doc["services"][1]["category"] = json!("nowhere");
            doc["organizations"][0]["url"] = json!("javascript:alert(1)");
            doc["regions"][0]["parent"] = json!("nowhere");
            doc["caidan_feed"] = json!("0.9");
        });
        same_at_every_budget(&broken);
        // The wrong type deep inside a list, and at the top.
        same_at_every_budget(&edited(|doc| {
            doc["services"][2]["cost"]["amount"] = json!("free")
        }));
        same_at_every_budget(&edited(|doc| doc["locations"] = json!({"a": 1})));
        same_at_every_budget(&edited(|doc| doc["services"] = Value::Null));
        same_at_every_budget(&edited(|doc| doc["regions"] = json!([])));
        same_at_every_budget(&edited(|doc| doc["caidan_feed"] = json!("2.0")));
        same_at_every_budget(&edited(|doc| doc["caidan_feed"] = json!(2)));
        let not_feeds = [
            "",
            "   ",
            "[]",
            "null",
            "{",
            "{}",
            "{} x",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{,}",
            "{\"services\":[1,]}",
            "{\"services\":[}",
            "{\"services\":[{}]",
            "\u{feff}{}",
        ];
        for text in not_feeds {
            same_at_every_budget(text);
        }
    }

    #[test]
    fn truncated_feeds_fail_with_the_same_syntax_error() {
        let text = worked();
        let mut cut = 0;
        while cut < text.len() {
            if let Some(prefix) = text.get(..cut) {
                same(prefix, 3);
            }
            cut += 37;
        }
        let text = generated(40);
        for cut in [
            1,
            100,
            text.len() / 3,
            text.len() / 2,
            text.len() - 2,
            text.len() - 1,
        ] {
            if let Some(prefix) = text.get(..cut) {
                same(prefix, 5);
            }
        }
    }

    #[test]
    fn a_syntax_error_deep_in_the_services_is_reported_at_its_line_and_column() {
        let text = big();
        let doc: Value = serde_json::from_str(text).expect("JSON");
        let id = doc["services"][5000]["id"].as_str().expect("an id");
        let at = text
            .find(&format!("\"id\":\"{id}\""))
            .expect("the service is in the text");
        // `"id":"…",` becomes `"id":"…";` inside services[5000].
        let comma = at + text.get(at..).and_then(|t| t.find(',')).expect("a comma");
        let mut broken = text.to_string();
        broken.replace_range(comma..comma + 1, ";");
        let err = FeedReader::new(&broken).finish(64).expect_err("broken");
        assert!(
            err.to_string()
                .starts_with("not JSON: expected `,` or `}` at line 1, column"),
            "{err}"
        );
        same(&broken, 64);
        // And over several lines, for the line number.
        let pretty = serde_json::to_string_pretty(&doc).expect("JSON");
        let at = pretty
            .find(&format!("\"id\": \"{id}\""))
            .expect("the service");
        let mut broken = pretty.clone();
        broken.insert(at, '}');
        let err = FeedReader::new(&broken).finish(64).expect_err("broken");
        assert!(
            matches!(err, crate::FeedError::Syntax { line, .. } if line > 1000),
            "{err}"
        );
        same(&broken, 64);
    }

    #[test]
    fn unknown_fields_are_the_same_warnings_in_the_same_order() {
        let text = edited(|doc| {
            doc["zz_before"] = json!({"nested": [1, 2, {"deep": true}]});
            doc["services"][1]["colour"] = json!("blue");
            doc["services"][1]["cost"]["tip"] = json!(5);
            doc["services"][0]["attributes"] =
                json!([{"code": "x", "datatype": "string", "description": "X", "extra": 1}]);
            doc["organizations"][0]["founded"] = json!(1999);
            if let Some(location) = doc["locations"].get_mut(0) {
                location["floor"] = json!(2);
            }
            doc["regions"][0]["area_km2"] = json!(16.4);
            doc["publisher"]["motto"] = json!("serve");
        });
        same_at_every_budget(&text);
        // An unknown field after the services, and one repeated (which
        // the one-pass reader accepts and the walk leaves to it).
        let mut reordered = text.trim_end().trim_end_matches('}').to_string();
        reordered.push_str(", \"after\": [\"x\"], \"after\": 1}");
        same_at_every_budget(&reordered);
        let mut doc: Value = serde_json::from_str(&generated(30)).expect("JSON");
        doc["locations"][0]["floor"] = json!(2);
        doc["regions"][2]["area_km2"] = json!(16.4);
        doc["organizations"][1]["founded"] = json!(1999);
        same_at_every_budget(&doc.to_string());
        // A key written with an escape.
        same_at_every_budget(&text.replacen("\"services\"", "\"servic\\u0065s\"", 1));
        // A known field twice.
        let twice = text.trim_end().trim_end_matches('}').to_string() + ", \"services\": []}";
        same_at_every_budget(&twice);
    }

    #[test]
    #[cfg(feature = "publisher")]
    fn a_publisher_sees_every_unknown_field_with_its_path() {
        let text = edited(|doc| {
            doc["services"][1]["colour"] = json!("blue");
            doc["zz_after"] = json!(1);
        });
        let feed = FeedReader::new(&text).finish(1).expect("valid");
        let paths: Vec<&str> = feed.warnings().iter().map(|w| w.path.as_str()).collect();
        assert!(paths.contains(&"services[1].colour"), "{paths:?}");
        assert!(paths.contains(&"zz_after"), "{paths:?}");
    }

    #[test]
    fn huge_strings_are_one_unit_and_read_the_same() {
        let huge = "字".repeat(400_000);
        let text = edited(|doc| {
            doc["services"][0]["name"] = json!(huge.clone());
            doc["services"][1]["keywords"] = json!([huge.clone(), "a\"b\\c]}{[", "\u{1F600}"]);
            doc["notice_board"] = json!(huge.clone());
        });
        same_at_every_budget(&text);
        // A string that never ends.
        let open = format!("{{\"services\": [{{\"id\": \"{huge}");
        same_at_every_budget(&open);
    }

    #[test]
    fn too_large_a_text_is_refused_before_reading() {
        let text = "x".repeat(100);
        for budget in BUDGETS {
            match FeedReader::with_limit(&text, 10).step(budget) {
                Step::Done(Err(crate::FeedError::TooLarge {
                    size: 100,
                    limit: 10,
                })) => {}
                _ => panic!("expected too large"),
            }
        }
    }

    #[test]
    fn a_step_does_at_most_its_budget_of_elements() {
        let text = generated(50);
        let mut reader = FeedReader::new(&text);
        let mut steps = 0;
        loop {
            match reader.step(1) {
                Step::Pending(more) => reader = more,
                Step::Done(result) => {
                    assert!(result.is_ok());
                    break;
                }
            }
            steps += 1;
        }
        // Each service is read in a step and checked in another.
        assert!(steps > 100, "{steps} steps");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Whatever the slices, and whatever a byte changed or dropped
        /// somewhere does to the document, the sliced reader agrees with
        /// the one-pass reader.
        #[test]
        fn any_budget_gives_the_one_pass_result(
            budget in 1usize..200,
            at in 0usize..100_000,
            byte in prop::sample::select(vec![b'"', b',', b'{', b'}', b'[', b']', b':', b' ', b'\\', b'x', b'1']),
            drop_it in any::<bool>(),
        ) {
            static SMALL: OnceLock<String> = OnceLock::new();
            let mut bytes = SMALL.get_or_init(|| generated(12)).clone().into_bytes();
            let at = at % bytes.len();
            if drop_it {
                bytes.remove(at);
            } else {
                bytes[at] = byte;
            }
            if let Ok(text) = String::from_utf8(bytes) {
                same(&text, budget);
            }
        }
    }
}
