//! Parsing and validating a feed: from JSON text to a checked [`Feed`].
//!
//! Validation collects every problem it finds, each with a path into the
//! document (`services[7](meal-assist-dc).cost.subsidies[1].when`), rather
//! than stopping at the first. Unknown fields are accepted, so publishers can
//! add fields without breaking older readers; with the `publisher` feature
//! (the CLI) they are reported as warnings and structural errors carry their
//! path, while the app, built without it, saves the code and reports a line
//! and column instead. Rules are compiled here, once:
//! a [`Feed`] holds only rules that parse and type-check against its facts.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::date::{Date, DateTime, TimeOfDay};
use crate::rule::{FactKind, Rule, Schema};
use crate::text::{common_tag, Text, MAX_LOCALES};
use crate::wire::{self, FactType, FeedDoc, IntakeKind, OrganizationKind, RegionLevel};

mod eager;
pub mod reader;

pub use reader::{FeedReader, Step};

/// The largest feed accepted, in bytes. A city-wide menu of 10,000 services
/// is a few megabytes; anything far beyond that is a mistake or an attack.
pub const MAX_FEED_BYTES: usize = 32 * 1024 * 1024;

/// The most errors, and separately the most warnings, a feed reports in
/// full. Past that one more diagnostic says how many were left out: a broken
/// feed of 10,000 services can have a problem in each, and nobody reads
/// the thousandth.
pub const MAX_DIAGNOSTICS: usize = 200;

/// A service's position in its feed ([`Feed::services`]), as decisions,
/// search results and menus refer to it. Only a feed hands them out, so an
/// index is always one of its services.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceIndex(pub(crate) usize);

impl ServiceIndex {
    /// The position in [`Feed::services`] (and in `decide_all`'s list).
    pub fn get(self) -> usize {
        self.0
    }
}

/// A fact's position in its feed ([`Feed::facts`]), as decisions and
/// answers refer to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactIndex(pub(crate) usize);

impl FactIndex {
    /// The position in [`Feed::facts`].
    pub fn get(self) -> usize {
        self.0
    }
}

/// The feed format major version this reader understands.
pub const SUPPORTED_MAJOR: u32 = 1;

/// The id of the fact every feed must have: the resident's home region.
pub const RESIDENCE: &str = "residence";

/// One problem (or warning) found in a feed, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where in the document, e.g. `services[3](meal-assist).cost.amount`.
    pub path: String,
    /// What is wrong, in lowercase words.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a text could not be turned into a [`Feed`].
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// The text is larger than [`MAX_FEED_BYTES`].
    #[error("the feed is {size} bytes, more than the {limit} bytes a feed may have")]
    TooLarge { size: usize, limit: usize },
    /// The text is not JSON.
    #[error("not JSON: {message} at line {line}, column {column}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The JSON is not an object, so not a feed at all.
    #[error("not a feed: the document is not a JSON object")]
    NotAnObject,
    /// The feed is of a newer major version than this reader.
    #[error(
        "unsupported feed version `{found}`: this app reads version {SUPPORTED_MAJOR}.x feeds"
    )]
    UnsupportedVersion { found: String },
    /// The feed breaks the format; every problem found is listed, up to
    /// [`MAX_DIAGNOSTICS`] and then one diagnostic that counts the rest.
    #[error("{}", count_problems(errors.len()))]
    Invalid {
        errors: Vec<Diagnostic>,
        warnings: Vec<Diagnostic>,
    },
}

fn count_problems(listed: usize) -> String {
    match listed {
        1 => "the feed has 1 problem".to_owned(),
        n if n > MAX_DIAGNOSTICS => format!("the feed has more than {MAX_DIAGNOSTICS} problems"),
        n => format!("the feed has {n} problems"),
    }
}

impl FeedError {
    /// Whether the input is not a feed at all (unreadable, not JSON, not an
    /// object), as opposed to a feed with problems.
    pub fn is_unreadable(&self) -> bool {
        matches!(
            self,
            FeedError::TooLarge { .. } | FeedError::Syntax { .. } | FeedError::NotAnObject
        )
    }

    /// The individual problems, as diagnostics (one for the simple cases).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            FeedError::Invalid { errors, .. } => errors.clone(),
            FeedError::UnsupportedVersion { .. } => vec![Diagnostic {
                path: "caidan_feed".into(),
                message: self.to_string(),
            }],
            other => vec![Diagnostic {
                path: String::new(),
                message: other.to_string(),
            }],
        }
    }
}

/// A feed read but not yet checked ([`Feed::read`]).
#[derive(Debug)]
pub struct ReadFeed {
    doc: FeedDoc,
    warnings: Capped,
    /// What checking the services while reading them made, if they were.
    prechecked: Option<eager::Prechecked>,
}

impl ReadFeed {
    /// The second half of [`Feed::parse`]: every reference, rule and value
    /// checked.
    pub fn check(self) -> Result<Feed, FeedError> {
        let mut validator = Validator::new(&self.doc, self.warnings);
        let mut checking = match self.prechecked {
            Some(prechecked) => {
                validator.rules = prechecked.rules;
                let mut checking = Checking::with_validator(validator, self.doc);
                checking.prechecked = prechecked.services;
                checking
            }
            None => Checking::with_validator(validator, self.doc),
        };
        while !checking.step(usize::MAX) {}
        checking.finish()
    }
}

/// A validated feed: every reference resolves, every rule compiles.
#[derive(Clone, Debug)]
pub struct Feed {
    doc: FeedDoc,
    pub(crate) warnings: Vec<Diagnostic>,
    regions: RegionTree,
    facts: IdIndex,
    residence: usize,
    categories: IdIndex,
    organizations: IdIndex,
    locations: IdIndex,
    services: IdIndex,
    compiled: Vec<CompiledService>,
    valid_from: Option<Date>,
    valid_until: Option<Date>,
    /// The district whose shard this feed was combined with, if any.
    pub(crate) shard: Option<String>,
}

/// The parts of a service that validation prepares for evaluation.
#[derive(Clone, Debug)]
pub(crate) struct CompiledService {
    pub(crate) eligibility: Option<Rule>,
    pub(crate) subsidies: Vec<Rule>,
    pub(crate) priority: Vec<Rule>,
    pub(crate) areas: Vec<usize>,
    pub(crate) valid_from: Option<Date>,
    pub(crate) valid_until: Option<Date>,
}

/// The region tree with parent links by index.
#[derive(Clone, Debug, Default)]
pub struct RegionTree {
    index: HashMap<String, usize>,
    parent: Vec<Option<usize>>,
}

impl RegionTree {
    /// The index of a region code.
    pub fn get(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }

    /// The parent of a region, by index.
    pub fn parent(&self, region: usize) -> Option<usize> {
        self.parent.get(region).copied().flatten()
    }

    /// Whether region `inner` is `outer` or lies below it.
    pub fn is_within(&self, inner: usize, outer: usize) -> bool {
        let mut at = Some(inner);
        // The tree is acyclic (validated), and its depth is bounded by the
        // number of regions; the step count guards against misuse anyway.
        for _ in 0..=self.parent.len() {
            match at {
                Some(r) if r == outer => return true,
                Some(r) => at = self.parent(r),
                None => return false,
            }
        }
        false
    }

    /// Whether code `inner` is code `outer` or lies below it; unknown codes
    /// are within nothing.
    pub fn code_within(&self, inner: &str, outer: &str) -> bool {
        match (self.get(inner), self.get(outer)) {
            (Some(i), Some(o)) => self.is_within(i, o),
            _ => false,
        }
    }
}

impl Feed {
    /// Parses and validates a feed.
    ///
    /// On success the feed comes with its warnings (unknown fields, texts
    /// missing a listed locale); on failure every problem found is reported.
    pub fn parse(text: &str) -> Result<Feed, FeedError> {
        Feed::read_checking(text, MAX_FEED_BYTES)?.check()
    }

    /// The first half of [`Feed::parse`]: the size cap, the JSON and the
    /// format version. A caller that must not hold the page for long (a
    /// big feed in a browser) can let it draw between the halves.
    pub fn read(text: &str) -> Result<ReadFeed, FeedError> {
        Feed::read_with_limit(text, MAX_FEED_BYTES)
    }

    /// Parses and validates a feed of at most `limit` bytes: for a
    /// publisher's tool that reads a national feed as one document to split
    /// it (FEED.md, "Sharded feeds"). Readers on residents' devices use
    /// [`Feed::parse`] and its [`MAX_FEED_BYTES`].
    pub fn parse_with_limit(text: &str, limit: usize) -> Result<Feed, FeedError> {
        Feed::read_checking(text, limit)?.check()
    }

    /// [`Feed::read_with_limit`], checking each service as it is read
    /// (see the `eager` module): the same result, sooner.
    fn read_checking(text: &str, limit: usize) -> Result<ReadFeed, FeedError> {
        if text.len() > limit {
            return Err(FeedError::TooLarge {
                size: text.len(),
                limit,
            });
        }
        let mut warnings = Capped::default();
        let read: eager::EagerDoc = deserialize(text, &mut warnings)?;
        check_version(&read.doc.caidan_feed)?;
        Ok(ReadFeed {
            doc: read.doc,
            warnings,
            prechecked: read.prechecked,
        })
    }

    pub(crate) fn read_with_limit(text: &str, limit: usize) -> Result<ReadFeed, FeedError> {
        if text.len() > limit {
            return Err(FeedError::TooLarge {
                size: text.len(),
                limit,
            });
        }
        let mut warnings = Capped::default();
        let doc: FeedDoc = deserialize(text, &mut warnings)?;
        check_version(&doc.caidan_feed)?;
        Ok(ReadFeed {
            doc,
            warnings,
            prechecked: None,
        })
    }

    pub(crate) fn doc(&self) -> &FeedDoc {
        &self.doc
    }

    /// In a sharded feed's index, the district shards it lists; empty for a
    /// single-document feed.
    pub fn shards(&self) -> &[wire::ShardRef] {
        &self.doc.shards
    }

    /// Whether this is a sharded feed's index (or an index combined with a
    /// shard) rather than a single-document feed.
    pub fn is_sharded(&self) -> bool {
        !self.doc.shards.is_empty()
    }

    /// The district whose shard this feed was combined with
    /// ([`Feed::with_shard`]); `None` for a single document or a bare index.
    pub fn loaded_shard(&self) -> Option<&str> {
        self.shard.as_deref()
    }

    /// Warnings found while validating: the feed is usable, but the publisher
    /// should look.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The feed's id.
    pub fn id(&self) -> &str {
        &self.doc.id
    }

    /// The publisher's version of this menu.
    pub fn version(&self) -> &str {
        &self.doc.version
    }

    /// When this version was published (RFC 3339).
    pub fn published_at(&self) -> &str {
        &self.doc.published_at
    }

    /// The menu's title.
    pub fn title(&self) -> &Text {
        &self.doc.title
    }

    /// Who publishes the feed.
    pub fn publisher(&self) -> Option<&wire::Publisher> {
        self.doc.publisher.as_ref()
    }

    /// The locale plain strings are in.
    pub fn default_locale(&self) -> &str {
        &self.doc.default_locale
    }

    /// The locales the feed is translated into (at least the default).
    pub fn locales(&self) -> Vec<&str> {
        if self.doc.locales.is_empty() {
            vec![self.default_locale()]
        } else {
            self.doc.locales.iter().map(String::as_str).collect()
        }
    }

    /// The currency of every amount (ISO 4217), `CNY` when not given.
    pub fn currency(&self) -> &str {
        self.doc.currency.as_deref().unwrap_or("CNY")
    }

    /// The feed's own validity window.
    pub fn valid_window(&self) -> (Option<Date>, Option<Date>) {
        (self.valid_from, self.valid_until)
    }

    /// Where requests go.
    pub fn intake(&self) -> &wire::Intake {
        // Validation refuses a feed without an intake.
        self.doc.intake.as_ref().unwrap_or(&VOUCHER_INTAKE)
    }

    /// Notices for the home page.
    pub fn notices(&self) -> &[wire::Notice] {
        &self.doc.notices
    }

    /// Every region, in feed order.
    pub fn regions(&self) -> &[wire::Region] {
        self.doc.regions.as_deref().unwrap_or_default()
    }

    /// The region tree, for `within` questions.
    pub fn region_tree(&self) -> &RegionTree {
        &self.regions
    }

    /// A region by code.
    pub fn region(&self, code: &str) -> Option<&wire::Region> {
        self.regions.get(code).and_then(|i| self.regions().get(i))
    }

    /// Every category, in feed order.
    pub fn categories(&self) -> &[wire::Category] {
        self.doc.categories.as_deref().unwrap_or_default()
    }

    /// A category by id.
    pub fn category(&self, id: &str) -> Option<&wire::Category> {
        let categories = self.categories();
        self.categories
            .get(categories, id)
            .and_then(|i| categories.get(i))
    }

    /// Every fact, in feed order; a fact's position is its index in rules
    /// and answers.
    pub fn facts(&self) -> &[wire::Fact] {
        self.doc.facts.as_deref().unwrap_or_default()
    }

    /// A fact's index by id.
    pub fn fact_index(&self, id: &str) -> Option<FactIndex> {
        self.facts.get(self.facts(), id).map(FactIndex)
    }

    /// A fact by id.
    pub fn fact(&self, id: &str) -> Option<&wire::Fact> {
        let facts = self.facts();
        self.facts.get(facts, id).and_then(|i| facts.get(i))
    }

    /// A fact by index.
    pub fn fact_at(&self, fact: FactIndex) -> Option<&wire::Fact> {
        self.facts().get(fact.0)
    }

    /// The index of the `residence` fact.
    pub fn residence_fact(&self) -> FactIndex {
        FactIndex(self.residence)
    }

    /// Every organisation, in feed order.
    pub fn organizations(&self) -> &[wire::Organization] {
        self.doc.organizations.as_deref().unwrap_or_default()
    }

    /// An organisation by id.
    pub fn organization(&self, id: &str) -> Option<&wire::Organization> {
        let organizations = self.organizations();
        self.organizations
            .get(organizations, id)
            .and_then(|i| organizations.get(i))
    }

    /// Every location, in feed order.
    pub fn locations(&self) -> &[wire::Location] {
        &self.doc.locations
    }

    /// A location by id.
    pub fn location(&self, id: &str) -> Option<&wire::Location> {
        let locations = self.locations();
        self.locations
            .get(locations, id)
            .and_then(|i| locations.get(i))
    }

    /// Every service, in feed order.
    pub fn services(&self) -> &[wire::Service] {
        self.doc.services.as_deref().unwrap_or_default()
    }

    /// A service's index by id.
    pub fn service_index(&self, id: &str) -> Option<ServiceIndex> {
        self.services.get(self.services(), id).map(ServiceIndex)
    }

    /// A service by id.
    pub fn service(&self, id: &str) -> Option<&wire::Service> {
        let services = self.services();
        self.services
            .get(services, id)
            .and_then(|i| services.get(i))
    }

    /// A service by index.
    pub fn service_at(&self, service: ServiceIndex) -> Option<&wire::Service> {
        self.services().get(service.0)
    }

    /// The index of every service, in feed order.
    pub fn service_indices(&self) -> impl ExactSizeIterator<Item = ServiceIndex> {
        (0..self.services().len()).map(ServiceIndex)
    }

    /// The compiled rules of a service.
    pub fn rules(&self, service: ServiceIndex) -> Option<ServiceRules<'_>> {
        self.compiled(service).map(|c| ServiceRules {
            eligibility: c.eligibility.as_ref(),
            subsidies: &c.subsidies,
            priority: &c.priority,
        })
    }

    pub(crate) fn compiled(&self, service: ServiceIndex) -> Option<&CompiledService> {
        self.compiled.get(service.0)
    }
}

/// The compiled rules of one service, for tools and tests that look inside
/// them with [`Rule::walk`].
#[derive(Debug, Clone, Copy)]
pub struct ServiceRules<'a> {
    /// The eligibility rule, if the service has one.
    pub eligibility: Option<&'a Rule>,
    /// The conditions of the cost's subsidies, in feed order.
    pub subsidies: &'a [Rule],
    /// The conditions of the priority levels, in feed order.
    pub priority: &'a [Rule],
}

static VOUCHER_INTAKE: wire::Intake = wire::Intake {
    kind: IntakeKind::Voucher,
    hotline: None,
    endpoint: None,
    jurisdiction_id: None,
    api_key: None,
    deduplicates: false,
};

/// Whether `s` is a valid Id: 1–64 chars of `A-Z a-z 0-9 . _ -`.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// What a URL in the feed is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// A web page: `https:` or `http:`.
    Web,
    /// A phone number: `tel:`.
    Phone,
    /// A contact: web, `tel:` or `mailto:`.
    Contact,
}

/// Checks a feed URL; `javascript:`, `data:` and other schemes are refused.
pub fn check_url(url: &str, usage: UrlUse) -> Result<(), String> {
    // Schemes are compared regardless of case, without copying the url:
    // a feed has thousands of them.
    let (scheme, rest) = url
        .trim()
        .split_once(':')
        .ok_or_else(|| format!("`{url}` is not an absolute url"))?;
    let allowed: &[&str] = match usage {
        UrlUse::Web => &["https", "http"],
        UrlUse::Phone => &["tel"],
        UrlUse::Contact => &["https", "http", "tel", "mailto"],
    };
    let Some(&scheme) = allowed.iter().find(|s| s.eq_ignore_ascii_case(scheme)) else {
        return Err(format!(
            "`{url}` has scheme `{}:`; expected {}",
            scheme.to_ascii_lowercase(),
            allowed
                .iter()
                .map(|s| format!("`{s}:`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
    };
    let ok = match scheme {
        "https" | "http" => rest
            .strip_prefix("//")
            .is_some_and(|host| !host.is_empty() && !host.starts_with('/')),
        "tel" => {
            rest.chars().any(|c| c.is_ascii_digit())
                && rest
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')' | '.'))
        }
        _ => rest.contains('@'),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("`{url}` is not a valid `{scheme}:` url"))
    }
}

#[cfg(feature = "publisher")]
pub(crate) fn deserialize<T: serde::de::DeserializeOwned>(
    text: &str,
    warnings: &mut Capped,
) -> Result<T, FeedError> {
    // Tracking paths costs a quarter of the parse, so it is paid only when
    // the document turns out to be broken: a second pass finds where.
    let mut de = serde_json::Deserializer::from_str(text);
    let result = serde_ignored::deserialize(&mut de, |path| {
        warnings.push(|| unknown_field(&path));
    });
    match result.and_then(|doc| de.end().map(|()| doc)) {
        Ok(doc) => Ok(doc),
        Err(_) => {
            *warnings = Capped::default();
            let mut de = serde_json::Deserializer::from_str(text);
            let mut track = serde_path_to_error::Track::new();
            let tracked = serde_path_to_error::Deserializer::new(&mut de, &mut track);
            let e = match T::deserialize(tracked).and_then(|_| de.end()) {
                Err(e) => e,
                // Unreachable in practice: the same text failed a moment ago.
                Ok(()) => return Err(FeedError::NotAnObject),
            };
            Err(classify(text, e, track.path().to_string()))
        }
    }
}

#[cfg(not(feature = "publisher"))]
pub(crate) fn deserialize<T: serde::de::DeserializeOwned>(
    text: &str,
    _warnings: &mut Capped,
) -> Result<T, FeedError> {
    match serde_json::from_str(text) {
        Ok(doc) => Ok(doc),
        Err(e) => {
            // Without path tracking the line and column say where.
            let path = format!("line {}, column {}", e.line(), e.column());
            Err(classify(text, e, path))
        }
    }
}

#[cfg(feature = "publisher")]
fn unknown_field(path: &serde_ignored::Path<'_>) -> Diagnostic {
    Diagnostic {
        path: ignored_path(path),
        message: "unknown field, ignored".into(),
    }
}

fn classify(text: &str, e: serde_json::Error, path: String) -> FeedError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => FeedError::Syntax {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        },
        Category::Data => {
            if !text.trim_start().starts_with('{') {
                return FeedError::NotAnObject;
            }
            // A newer feed may have changed shape: refuse it by version first.
            if let Some(version) = probe_version(text) {
                if let Err(err) = check_version(&version) {
                    return err;
                }
            }
            let path = if path == "." { String::new() } else { path };
            FeedError::Invalid {
                errors: vec![Diagnostic {
                    path,
                    message: strip_position(&e.to_string()),
                }],
                warnings: Vec::new(),
            }
        }
    }
}

fn probe_version(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Probe {
        caidan_feed: Option<serde_json::Value>,
    }
    let probe: Probe = serde_json::from_str(text).ok()?;
    match probe.caidan_feed? {
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

fn strip_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((before, _)) => before.to_string(),
        None => message.to_string(),
    }
}

/// A path serde_ignored reports, written as feed paths are: `a.b[0].c`.
#[cfg(any(feature = "publisher", feature = "hsds"))]
pub(crate) fn ignored_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", ignored_path(parent)),
        Path::Map { parent, key } => {
            let p = ignored_path(parent);
            if p.is_empty() {
                key.to_string()
            } else {
                format!("{p}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => ignored_path(parent),
    }
}

pub(crate) fn check_version(version: &str) -> Result<(), FeedError> {
    let major = version
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(m) if m > SUPPORTED_MAJOR => Err(FeedError::UnsupportedVersion {
            found: version.to_string(),
        }),
        _ => Ok(()),
    }
}

/// Diagnostics of one kind: the first [`MAX_DIAGNOSTICS`], and how many
/// more there were.
#[derive(Debug, Default)]
pub(crate) struct Capped {
    kept: Vec<Diagnostic>,
    left_out: usize,
}

impl Capped {
    /// Keeps the diagnostic `make` builds while there is room; past the
    /// cap it only counts, and builds nothing.
    pub(crate) fn push(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.kept.len() < MAX_DIAGNOSTICS {
            self.kept.push(make());
        } else {
            self.left_out = self.left_out.saturating_add(1);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The kept diagnostics, then one that counts those left out, if any.
    pub(crate) fn finish(mut self, kind: &str) -> Vec<Diagnostic> {
        if self.left_out > 0 {
            let n = self.left_out;
            let plural = if n == 1 { "" } else { "s" };
            self.kept.push(Diagnostic {
                path: String::new(),
                message: format!(
                    "{n} more {kind}{plural} not listed: a feed lists at most {MAX_DIAGNOSTICS}"
                ),
            });
        }
        self.kept
    }
}

/// A path written only when a diagnostic needs it: a feed of 10,000
/// services has some 30,000 paths to its services and rules, nearly all
/// of them never shown.
struct Lazy<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result>(F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Lazy<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

/// Collects errors and warnings while walking a document.
pub(crate) struct Validator {
    errors: Capped,
    warnings: Capped,
    default_locale: String,
    locales: Vec<String>,
    /// The default locale and `locales` as short tags, when all are common
    /// ones: most texts are checked against them at once.
    locale_tags: Option<Vec<u8>>,
    /// Every rule compiled so far, by source: feeds repeat conditions
    /// across services, and one document has one schema, so a source
    /// compiles to the same rule each time. Only rules that compile are
    /// kept; a broken one is compiled again where it recurs, so each
    /// occurrence reports its own error at its own path.
    rules: RuleCache,
}

/// Compiled rules found by their source text.
///
/// Each source is hashed once, with the standard library's keyed hash, and
/// the table is keyed by that number: growing the table moves numbers and
/// never reads a source again (a feed's rule texts lie all over its
/// memory). Two sources with the same number share a slot; the second is
/// simply compiled again wherever it occurs, which is what a cache miss
/// does anyway.
#[derive(Debug, Default)]
pub(crate) struct RuleCache {
    keys: std::hash::RandomState,
    rules: HashMap<u64, Rule, std::hash::BuildHasherDefault<Prehashed>>,
}

impl RuleCache {
    fn with_capacity(capacity: usize) -> RuleCache {
        RuleCache {
            keys: std::hash::RandomState::new(),
            rules: HashMap::with_capacity_and_hasher(capacity, Default::default()),
        }
    }

    /// The number a source is filed under.
    fn key(&self, source: &str) -> u64 {
        std::hash::BuildHasher::hash_one(&self.keys, source)
    }

    /// The rule compiled from `source`, filed under `key`, if there is one.
    fn get(&self, key: u64, source: &str) -> Option<&Rule> {
        self.rules.get(&key).filter(|rule| rule.source() == source)
    }

    /// Files a rule under `key`, unless another source already has it.
    fn insert(&mut self, key: u64, rule: &Rule) {
        self.rules.entry(key).or_insert_with(|| rule.clone());
    }
}

/// A hasher for keys that are already keyed hashes: it passes them on.
#[derive(Debug, Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    // Only `u64` keys are hashed here; anything else is folded in anyway.
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
}

/// Validation in bounded steps, so that a caller that must not hold the
/// page for long can stop between them ([`reader::FeedReader`]). The checks
/// and their order are those of a single pass: [`Validator::run`] is this
/// run to its end, so the two cannot disagree.
pub(crate) struct Checking {
    validator: Validator,
    doc: FeedDoc,
    stage: CheckStage,
    regions: RegionTree,
    categories: IdIndex,
    facts: IdIndex,
    residence: Option<usize>,
    organizations: IdIndex,
    locations: IdIndex,
    services: IdIndex,
    compiled: Vec<CompiledService>,
    valid_from: Option<Date>,
    valid_until: Option<Date>,
    /// Services already checked while the document was read, by position:
    /// `Some` for one whose check found nothing to report, which is not
    /// checked again (see the `eager` module).
    prechecked: Vec<Option<CompiledService>>,
}

/// What [`Checking::step`] does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CheckStage {
    /// The top-level fields, the region tree and the shard list.
    TopLevel,
    /// Categories and facts.
    Lists,
    Organizations,
    Locations,
    /// The service ids, all at once: duplicates are reported before any
    /// service's own problems, as in one pass.
    ServiceIds,
    /// The services from this one on.
    Services(usize),
    /// The feed's own validity window, last.
    Window,
    Done,
}

impl Checking {
    pub(crate) fn new(doc: FeedDoc, warnings: Capped) -> Checking {
        Checking::with_validator(Validator::new(&doc, warnings), doc)
    }

    fn with_validator(validator: Validator, doc: FeedDoc) -> Checking {
        Checking {
            validator,
            doc,
            stage: CheckStage::TopLevel,
            regions: RegionTree::default(),
            categories: IdIndex::default(),
            facts: IdIndex::default(),
            residence: None,
            organizations: IdIndex::default(),
            locations: IdIndex::default(),
            services: IdIndex::default(),
            compiled: Vec::new(),
            valid_from: None,
            valid_until: None,
            prechecked: Vec::new(),
        }
    }

    /// Does about `budget` units of work, one unit being one item checked
    /// (a region, an organisation, a service with its rules...), never
    /// stopping inside an item; `true` once every check has run.
    pub(crate) fn step(&mut self, budget: usize) -> bool {
        let mut left = budget.max(1);
        let v = &mut self.validator;
        let doc = &self.doc;
        loop {
            let spent = match self.stage {
                CheckStage::TopLevel => {
                    v.top_level(doc);
                    let regions = doc.regions.as_deref().unwrap_or_default();
                    self.regions = v.regions(regions);
                    v.shard_refs(doc, &self.regions);
                    self.stage = CheckStage::Lists;
                    regions.len().saturating_add(doc.shards.len())
                }
                CheckStage::Lists => {
                    let categories = doc.categories.as_deref().unwrap_or_default();
                    let facts = doc.facts.as_deref().unwrap_or_default();
                    self.categories = v.categories(categories);
                    (self.facts, self.residence) = v.facts(facts);
                    self.stage = CheckStage::Organizations;
                    categories.len().saturating_add(facts.len())
                }
                CheckStage::Organizations => {
                    let orgs = doc.organizations.as_deref().unwrap_or_default();
                    self.organizations = v.organizations(orgs);
                    self.stage = CheckStage::Locations;
                    orgs.len()
                }
                CheckStage::Locations => {
                    self.locations = v.locations(&doc.locations, &self.regions);
                    self.stage = CheckStage::ServiceIds;
                    doc.locations.len()
                }
                CheckStage::ServiceIds => {
                    let services = doc.services.as_deref().unwrap_or_default();
                    self.services = v.unique_ids(&"services", services);
                    self.compiled = Vec::with_capacity(services.len());
                    self.stage = CheckStage::Services(0);
                    // Sorting ids is cheap beside checking services.
                    services.len() / 16
                }
                CheckStage::Services(next) => {
                    let services = doc.services.as_deref().unwrap_or_default();
                    let end = next.saturating_add(left).min(services.len());
                    let schema = FeedSchema {
                        facts: doc.facts.as_deref().unwrap_or_default(),
                        index: &self.facts,
                        regions: &self.regions,
                    };
                    let refs = Refs {
                        categories: (
                            doc.categories.as_deref().unwrap_or_default(),
                            &self.categories,
                        ),
                        organizations: (
                            doc.organizations.as_deref().unwrap_or_default(),
                            &self.organizations,
                        ),
                        locations: (&doc.locations, &self.locations),
                        regions: &self.regions,
                    };
                    for (i, s) in services.iter().enumerate().take(end).skip(next) {
                        let compiled = match self.prechecked.get_mut(i).and_then(Option::take) {
                            Some(compiled) => compiled,
                            None => {
                                let path = Lazy(|f| write!(f, "services[{i}]({})", s.id));
                                v.service(&path, s, &schema, &refs)
                            }
                        };
                        self.compiled.push(compiled);
                    }
                    self.stage = if end >= services.len() {
                        CheckStage::Window
                    } else {
                        CheckStage::Services(end)
                    };
                    end - next
                }
                CheckStage::Window => {
                    (self.valid_from, self.valid_until) =
                        v.window(&"", doc.valid_from.as_deref(), doc.valid_until.as_deref());
                    self.stage = CheckStage::Done;
                    1
                }
                CheckStage::Done => return true,
            };
            left = left.saturating_sub(spent.max(1));
            if left == 0 {
                return self.stage == CheckStage::Done;
            }
        }
    }

    /// The checked feed, or every problem found. Only meaningful once
    /// [`Checking::step`] has said it is done.
    pub(crate) fn finish(self) -> Result<Feed, FeedError> {
        let Checking { validator, doc, .. } = self;
        if !validator.errors.is_empty() {
            return Err(FeedError::Invalid {
                errors: validator.errors.finish("problem"),
                warnings: validator.warnings.finish("warning"),
            });
        }
        Ok(Feed {
            doc,
            warnings: validator.warnings.finish("warning"),
            regions: self.regions,
            facts: self.facts,
            residence: self.residence.unwrap_or(0),
            categories: self.categories,
            organizations: self.organizations,
            locations: self.locations,
            services: self.services,
            compiled: self.compiled,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            shard: None,
        })
    }
}

impl Validator {
    pub(crate) fn new(doc: &FeedDoc, warnings: Capped) -> Self {
        let locales: Vec<String> = doc.locales.iter().take(MAX_LOCALES).cloned().collect();
        let locale_tags = std::iter::once(&doc.default_locale)
            .chain(&locales)
            .map(|l| common_tag(l))
            .collect();
        Validator {
            errors: Capped::default(),
            warnings,
            default_locale: doc.default_locale.clone(),
            // Every text is checked against every locale: a longer list is
            // an error, and only its start is checked against.
            locales,
            locale_tags,
            // About as many distinct rules as services.
            rules: RuleCache::with_capacity(doc.services.as_ref().map_or(0, Vec::len)),
        }
    }

    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(|| Diagnostic {
            path: path.into(),
            message: message.into(),
        });
    }

    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(|| Diagnostic {
            path: path.into(),
            message: message.into(),
        });
    }

    /// Checks a whole document at once: [`Checking`] run to its end.
    pub(crate) fn run(self, doc: FeedDoc) -> Result<Feed, FeedError> {
        let mut checking = Checking::with_validator(self, doc);
        while !checking.step(usize::MAX) {}
        checking.finish()
    }

    /// An index's `shards`: one per district, each with a relative url, a
    /// SHA-256 and sizes within the limits.
    fn shard_refs(&mut self, doc: &FeedDoc, regions: &RegionTree) {
        if doc.shards.is_empty() {
            return;
        }
        let list = doc.regions.as_deref().unwrap_or_default();
        let level = |code: &str| regions.get(code).and_then(|i| list.get(i)).map(|r| r.level);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, s) in doc.shards.iter().enumerate() {
            let path = format!("shards[{i}]({})", s.region);
            match level(&s.region) {
                None => self.error(
                    format!("{path}.region"),
                    format!("unknown region `{}`", s.region),
                ),
                Some(RegionLevel::District) => {}
                Some(other) => self.error(
                    format!("{path}.region"),
                    format!(
                        "a shard covers a district; `{}` is a `{}`",
                        s.region,
                        other.as_str()
                    ),
                ),
            }
            if let Some(first) = seen.insert(s.region.as_str(), i) {
                seen.insert(s.region.as_str(), first);
                self.error(
                    format!("{path}.region"),
                    format!(
                        "district `{}` already has a shard at shards[{first}]",
                        s.region
                    ),
                );
            }
            if let Err(e) = check_shard_url(&s.url) {
                self.error(format!("{path}.url"), e);
            }
            if s.sha256.len() != 64
                || !s
                    .sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                self.error(
                    format!("{path}.sha256"),
                    format!("`{}` is not 64 lowercase hex digits", s.sha256),
                );
            }
            if s.bytes > MAX_FEED_BYTES as u64 {
                self.error(
                    format!("{path}.bytes"),
                    format!("a shard may have at most {MAX_FEED_BYTES} bytes"),
                );
            }
        }
        for r in list {
            if r.level == RegionLevel::District && !seen.contains_key(r.code.as_str()) {
                self.warn(
                    "shards",
                    format!("district `{}` has no shard: its residents see only the services offered everywhere", r.code),
                );
            }
        }
    }

    fn top_level(&mut self, doc: &FeedDoc) {
        if doc.caidan_feed.is_empty() {
            self.error("caidan_feed", "missing required field");
        } else if !is_major_minor(&doc.caidan_feed) {
            self.error(
                "caidan_feed",
                format!("`{}` is not a version like `1.0`", doc.caidan_feed),
            );
        } else if doc.caidan_feed.starts_with("0.") {
            self.error(
                "caidan_feed",
                format!("unsupported feed version `{}`", doc.caidan_feed),
            );
        }
        if doc.id.is_empty() {
            self.error("id", "missing required field");
        } else if !is_valid_id(&doc.id) {
            self.error("id", id_message(&doc.id));
        }
        if doc.version.trim().is_empty() {
            self.error("version", "missing required field");
        }
        if doc.published_at.is_empty() {
            self.error("published_at", "missing required field");
        } else if let Err(e) = DateTime::parse(&doc.published_at) {
            self.error("published_at", e.to_string());
        }
        if doc.default_locale.is_empty() {
            self.error("default_locale", "missing required field");
        } else if !doc.locales.is_empty() && !doc.locales.contains(&doc.default_locale) {
            self.error(
                "locales",
                format!(
                    "the default locale `{}` is not among the locales",
                    doc.default_locale
                ),
            );
        }
        if doc.locales.len() > MAX_LOCALES {
            self.error(
                "locales",
                format!(
                    "a feed may have at most {MAX_LOCALES} locales; this one lists {}",
                    doc.locales.len()
                ),
            );
        }
        let mut seen = HashSet::new();
        for (i, l) in doc.locales.iter().enumerate() {
            if !seen.insert(l) {
                self.error(format!("locales[{i}]"), format!("duplicate locale `{l}`"));
            }
        }
        self.required_text(|| "title".to_string(), &doc.title);
        if let Some(c) = &doc.currency {
            if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                self.error(
                    "currency",
                    format!("`{c}` is not an ISO 4217 code such as `CNY`"),
                );
            }
        }
        if let Some(p) = &doc.publisher {
            self.text(|| "publisher.name".to_string(), &p.name);
            self.url(
                || "publisher.phone".to_string(),
                p.phone.as_deref(),
                UrlUse::Contact,
            );
            self.url(
                || "publisher.url".to_string(),
                p.url.as_deref(),
                UrlUse::Web,
            );
        }
        match &doc.intake {
            None => self.error("intake", "missing required field"),
            Some(intake) => {
                self.url(
                    || "intake.hotline".to_string(),
                    intake.hotline.as_deref(),
                    UrlUse::Phone,
                );
                match (intake.kind, &intake.endpoint) {
                    (IntakeKind::Open311, None) => {
                        self.error("intake.endpoint", "an `open311` intake needs an endpoint")
                    }
                    (IntakeKind::Open311, Some(e)) => {
                        self.url(|| "intake.endpoint".to_string(), Some(e), UrlUse::Web)
                    }
                    (IntakeKind::Voucher, Some(_)) => self.warn(
                        "intake.endpoint",
                        "a `voucher` intake sends nothing; the endpoint is ignored",
                    ),
                    (IntakeKind::Voucher, None) => {}
                }
            }
        }
        for (i, n) in doc.notices.iter().enumerate() {
            self.required_text(|| format!("notices[{i}].text"), &n.text);
        }
        for (name, present) in [
            ("regions", doc.regions.is_some()),
            ("categories", doc.categories.is_some()),
            ("facts", doc.facts.is_some()),
            ("organizations", doc.organizations.is_some()),
            ("services", doc.services.is_some()),
        ] {
            if !present {
                self.error(name, "missing required field");
            }
        }
    }

    fn regions(&mut self, regions: &[wire::Region]) -> RegionTree {
        let index = self.unique_ids(&"regions", regions);
        let mut parent = vec![None; regions.len()];
        for (i, r) in regions.iter().enumerate() {
            let path = Lazy(|f| write!(f, "regions[{i}]({})", r.code));
            self.required_text(|| format!("{path}.name"), &r.name);
            if let Some(p) = &r.parent {
                match index.get(regions, p) {
                    None => self.error(format!("{path}.parent"), format!("unknown region `{p}`")),
                    Some(pi) if pi == i => self.error(
                        format!("{path}.parent"),
                        "a region cannot be its own parent",
                    ),
                    Some(pi) => {
                        if let Some(slot) = parent.get_mut(i) {
                            *slot = Some(pi);
                        }
                        if let Some(pr) = regions.get(pi) {
                            if pr.level >= r.level {
                                self.error(
                                    format!("{path}.level"),
                                    format!(
                                        "a `{}` cannot lie inside the `{}` `{p}`",
                                        r.level.as_str(),
                                        pr.level.as_str()
                                    ),
                                );
                            }
                        }
                    }
                }
            }
            if let Some([lat, lon]) = r.centroid {
                if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                    self.error(
                        format!("{path}.centroid"),
                        "expected [latitude, longitude] within [-90, 90] and [-180, 180]",
                    );
                }
            }
        }
        // Levels strictly deepen along parent links, so a cycle would already
        // be an error; look anyway so a broken tree is reported by name.
        for (i, (r, cyclic)) in regions.iter().zip(on_cycles(&parent)).enumerate() {
            if cyclic {
                self.error(
                    format!("regions[{i}]({}).parent", r.code),
                    "the region tree has a cycle through this region",
                );
            }
        }
        if regions.is_empty() {
            self.error("regions", "a feed needs at least one region");
        }
        // Decisions look a resident's region up for every service: a hash
        // map of its own finds it faster than a search.
        RegionTree {
            index: (index.0.iter())
                .filter_map(|&(_, i)| regions.get(i).map(|r| (r.code.clone(), i)))
                .collect(),
            parent,
        }
    }

    fn categories(&mut self, categories: &[wire::Category]) -> IdIndex {
        let index = self.unique_ids(&"categories", categories);
        for (i, c) in categories.iter().enumerate() {
            let path = Lazy(|f| write!(f, "categories[{i}]({})", c.id));
            self.required_text(|| format!("{path}.name"), &c.name);
            self.text(|| format!("{path}.description"), &c.description);
        }
        index
    }

    fn facts(&mut self, facts: &[wire::Fact]) -> (IdIndex, Option<usize>) {
        let index = self.unique_ids(&"facts", facts);
        for (i, f) in facts.iter().enumerate() {
            let path = Lazy(|fm| write!(fm, "facts[{i}]({})", f.id));
            if crate::rule::is_keyword(&f.id) {
                self.error(
                    format!("{path}.id"),
                    format!("`{}` cannot be written in a rule: it is a word of the rule language or looks like a number", f.id),
                );
            }
            self.required_text(|| format!("{path}.question"), &f.question);
            self.text(|| format!("{path}.help"), &f.help);
            self.text(|| format!("{path}.unit"), &f.unit);
            for (bound, v) in [("min", f.min), ("max", f.max)] {
                if let Some(v) = v {
                    if !matches!(f.kind, FactType::Integer | FactType::Number) {
                        self.warn(
                            format!("{path}.{bound}"),
                            "only numbers have bounds; ignored",
                        );
                    } else if !v.is_finite() || (f.kind == FactType::Integer && v.fract() != 0.0) {
                        self.error(
                            format!("{path}.{bound}"),
                            format!("`{v}` is not a valid bound"),
                        );
                    }
                }
            }
            if let (Some(lo), Some(hi)) = (f.min, f.max) {
                if lo > hi {
                    self.error(format!("{path}.min"), format!("min {lo} is above max {hi}"));
                }
            }
            match f.kind {
                FactType::Choice => {
                    if f.options.is_empty() {
                        self.error(format!("{path}.options"), "a choice needs options");
                    }
                    self.unique_keys(&format_args!("{path}.options"), &f.options);
                    for (j, o) in f.options.iter().enumerate() {
                        self.required_text(|| format!("{path}.options[{j}].label"), &o.label);
                    }
                }
                _ if !f.options.is_empty() => self.warn(
                    format!("{path}.options"),
                    "only choices have options; ignored",
                ),
                _ => {}
            }
            if f.level.is_some() && f.kind != FactType::Region {
                self.warn(
                    format!("{path}.level"),
                    "only regions have a level; ignored",
                );
            }
        }
        let residence = index.get(facts, RESIDENCE);
        match residence.and_then(|i| facts.get(i).map(|f| (i, f))) {
            None => self.error(
                "facts",
                "the `residence` fact (type `region`) is required in every feed",
            ),
            Some((i, f)) if f.kind != FactType::Region => self.error(
                format!("facts[{i}](residence).type"),
                "`residence` must be of type `region`",
            ),
            Some(_) => {}
        }
        (index, residence)
    }

    fn organizations(&mut self, orgs: &[wire::Organization]) -> IdIndex {
        let index = self.unique_ids(&"organizations", orgs);
        for (i, o) in orgs.iter().enumerate() {
            let path = Lazy(|f| write!(f, "organizations[{i}]({})", o.id));
            self.required_text(|| format!("{path}.name"), &o.name);
            self.text(|| format!("{path}.description"), &o.description);
            self.url(
                || format!("{path}.phone"),
                o.phone.as_deref(),
                UrlUse::Contact,
            );
            self.url(|| format!("{path}.url"), o.url.as_deref(), UrlUse::Web);
            if let Some(p) = &o.parent_organization_id {
                match index
                    .get(orgs, p)
                    .and_then(|pi| orgs.get(pi).map(|po| (pi, po)))
                {
                    None => self.error(
                        format!("{path}.parent_organization_id"),
                        format!("unknown organization `{p}`"),
                    ),
                    Some((pi, _)) if pi == i => self.error(
                        format!("{path}.parent_organization_id"),
                        "an organization cannot be its own hub",
                    ),
                    Some((_, po)) if po.kind != Some(OrganizationKind::Hub) => self.error(
                        format!("{path}.parent_organization_id"),
                        format!("`{p}` is not a hub (its `kind` must be `hub`)"),
                    ),
                    Some(_) => {}
                }
            }
            if let Some(r) = &o.rating {
                if !(0.0..=5.0).contains(&r.score) {
                    self.error(
                        format!("{path}.rating.score"),
                        format!("`{}` is outside 0 to 5", r.score),
                    );
                }
            }
        }
        index
    }

    fn locations(&mut self, locations: &[wire::Location], regions: &RegionTree) -> IdIndex {
        let index = self.unique_ids(&"locations", locations);
        for (i, l) in locations.iter().enumerate() {
            let path = Lazy(|f| write!(f, "locations[{i}]({})", l.id));
            self.required_text(|| format!("{path}.name"), &l.name);
            self.text(|| format!("{path}.address"), &l.address);
            self.text(|| format!("{path}.accessibility"), &l.accessibility);
            if let Some(r) = &l.region {
                if regions.get(r).is_none() {
                    self.error(format!("{path}.region"), format!("unknown region `{r}`"));
                }
            }
            if let Some(lat) = l.latitude {
                if !(-90.0..=90.0).contains(&lat) {
                    self.error(
                        format!("{path}.latitude"),
                        format!("`{lat}` is outside -90 to 90"),
                    );
                }
            }
            if let Some(lon) = l.longitude {
                if !(-180.0..=180.0).contains(&lon) {
                    self.error(
                        format!("{path}.longitude"),
                        format!("`{lon}` is outside -180 to 180"),
                    );
                }
            }
            self.url(
                || format!("{path}.phone"),
                l.phone.as_deref(),
                UrlUse::Contact,
            );
            for (j, s) in l.schedules.iter().enumerate() {
                let sp = Lazy(|f| write!(f, "{path}.schedules[{j}]"));
                for day in s.byday.split(',') {
                    if !matches!(day.trim(), "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU") {
                        self.error(
                            format!("{sp}.byday"),
                            format!("`{day}` is not a day; expected MO, TU, WE, TH, FR, SA or SU"),
                        );
                    }
                }
                let opens = TimeOfDay::parse(&s.opens_at)
                    .ok()
                    .map(|t| t.minutes_since_midnight());
                let closes = TimeOfDay::parse(&s.closes_at)
                    .ok()
                    .map(|t| t.minutes_since_midnight());
                if opens.is_none() {
                    self.error(
                        format!("{sp}.opens_at"),
                        format!("`{}` is not a time like `08:30`", s.opens_at),
                    );
                }
                if closes.is_none() {
                    self.error(
                        format!("{sp}.closes_at"),
                        format!("`{}` is not a time like `17:30`", s.closes_at),
                    );
                }
                if let (Some(o), Some(c)) = (opens, closes) {
                    if o >= c {
                        self.error(format!("{sp}.closes_at"), "closes before it opens");
                    }
                }
            }
        }
        index
    }

    fn service(
        &mut self,
        path: &dyn fmt::Display,
        s: &wire::Service,
        schema: &FeedSchema<'_>,
        refs: &Refs<'_>,
    ) -> CompiledService {
        self.required_text(|| format!("{path}.name"), &s.name);
        self.text(|| format!("{path}.summary"), &s.summary);
        self.text(|| format!("{path}.description"), &s.description);
        self.text(
            || format!("{path}.eligibility_description"),
            &s.eligibility_description,
        );
        if s.category.is_empty() {
            self.error(format!("{path}.category"), "missing required field");
        } else if refs
            .categories
            .1
            .get(refs.categories.0, &s.category)
            .is_none()
        {
            self.error(
                format!("{path}.category"),
                format!("unknown category `{}`", s.category),
            );
        }
        if s.organization_id.is_empty() {
            self.error(format!("{path}.organization_id"), "missing required field");
        } else if (refs.organizations.1)
            .get(refs.organizations.0, &s.organization_id)
            .is_none()
        {
            self.error(
                format!("{path}.organization_id"),
                format!("unknown organization `{}`", s.organization_id),
            );
        }
        for (j, l) in s.location_ids.iter().enumerate() {
            if refs.locations.1.get(refs.locations.0, l).is_none() {
                self.error(
                    format!("{path}.location_ids[{j}]"),
                    format!("unknown location `{l}`"),
                );
            }
        }
        let mut areas = Vec::new();
        for (j, a) in s.service_areas.iter().enumerate() {
            match refs.regions.get(a) {
                Some(r) => areas.push(r),
                None => self.error(
                    format!("{path}.service_areas[{j}]"),
                    format!("unknown region `{a}`"),
                ),
            }
        }
        let (valid_from, valid_until) = self.window(
            &format_args!("{path}."),
            s.valid_from.as_deref(),
            s.valid_until.as_deref(),
        );
        let eligibility = s
            .eligibility
            .as_deref()
            .and_then(|r| self.rule(&format_args!("{path}.eligibility"), r, schema));
        let mut subsidies = Vec::new();
        if let Some(cost) = &s.cost {
            if !cost.amount.is_finite() || cost.amount < 0.0 || cost.amount > 1e9 {
                self.error(
                    format!("{path}.cost.amount"),
                    format!("`{}` is not an amount of money", cost.amount),
                );
            }
            self.text(|| format!("{path}.cost.unit"), &cost.unit);
            for (j, sub) in cost.subsidies.iter().enumerate() {
                let sp = Lazy(|f| write!(f, "{path}.cost.subsidies[{j}]"));
                if !(0.0..=100.0).contains(&sub.covers_percent) {
                    self.error(
                        format!("{sp}.covers_percent"),
                        format!("`{}` is outside 0 to 100", sub.covers_percent),
                    );
                }
                self.text(|| format!("{sp}.label"), &sub.label);
                if let Some(rule) = self.rule(&format_args!("{sp}.when"), &sub.when, schema) {
                    subsidies.push(rule);
                }
            }
        }
        let mut priority = Vec::new();
        for (j, p) in s.priority.iter().enumerate() {
            let pp = Lazy(|f| write!(f, "{path}.priority[{j}]"));
            self.text(|| format!("{pp}.reason"), &p.reason);
            if let Some(rule) = self.rule(&format_args!("{pp}.when"), &p.when, schema) {
                priority.push(rule);
            }
        }
        if let Some(per) = s.limits.as_ref().and_then(|l| l.per_resident.as_ref()) {
            if per.count == 0 {
                self.error(
                    format!("{path}.limits.per_resident.count"),
                    "a limit of 0 would forbid every request; use `status` instead",
                );
            }
        }
        if let Some(c) = &s.capacity {
            if let Some(max) = c.maximum {
                if c.available > max {
                    self.error(
                        format!("{path}.capacity.available"),
                        format!("{} places available but the maximum is {max}", c.available),
                    );
                }
            }
            if let Some(u) = &c.updated {
                if let Err(e) = DateTime::parse(u) {
                    self.error(format!("{path}.capacity.updated"), e.to_string());
                }
            }
            self.text(|| format!("{path}.capacity.unit"), &c.unit);
        }
        self.attributes(path, &s.attributes);
        for (j, d) in s.required_documents.iter().enumerate() {
            self.required_text(|| format!("{path}.required_documents[{j}]"), d);
        }
        if let Some(f) = &s.funding {
            self.text(|| format!("{path}.funding.source"), &f.source);
        }
        self.url(
            || format!("{path}.contact_phone"),
            s.contact_phone.as_deref(),
            UrlUse::Contact,
        );
        CompiledService {
            eligibility,
            subsidies,
            priority,
            areas,
            valid_from,
            valid_until,
        }
    }

    fn attributes(&mut self, path: &dyn fmt::Display, attributes: &[wire::Attribute]) {
        self.unique_keys(&format_args!("{path}.attributes"), attributes);
        for (j, a) in attributes.iter().enumerate() {
            let ap = Lazy(|f| write!(f, "{path}.attributes[{j}]({})", a.code));
            self.required_text(|| format!("{ap}.description"), &a.description);
            if a.datatype.is_list() {
                if a.values.is_empty() {
                    self.error(
                        format!("{ap}.values"),
                        "a list attribute needs at least one value",
                    );
                }
                self.unique_keys(&format_args!("{ap}.values"), &a.values);
                for (k, v) in a.values.iter().enumerate() {
                    self.required_text(|| format!("{ap}.values[{k}].name"), &v.name);
                }
            } else if !a.values.is_empty() {
                self.warn(
                    format!("{ap}.values"),
                    "only list attributes have values; ignored",
                );
            }
        }
    }

    fn rule(
        &mut self,
        path: &dyn fmt::Display,
        source: &str,
        schema: &FeedSchema<'_>,
    ) -> Option<Rule> {
        let key = self.rules.key(source);
        if let Some(known) = self.rules.get(key, source) {
            return Some(known.clone());
        }
        match Rule::compile(source, schema) {
            Ok(rule) => {
                self.rules.insert(key, &rule);
                Some(rule)
            }
            Err(e) => {
                self.error(path.to_string(), format!("{e} in `{source}`"));
                None
            }
        }
    }

    /// The window `from`–`until` of the fields named `{prefix}valid_from`
    /// and `{prefix}valid_until`.
    fn window(
        &mut self,
        prefix: &dyn fmt::Display,
        from: Option<&str>,
        until: Option<&str>,
    ) -> (Option<Date>, Option<Date>) {
        let mut parse = |field: &str, v: Option<&str>| {
            v.and_then(|v| match Date::parse(v) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.error(format!("{prefix}{field}"), e.to_string());
                    None
                }
            })
        };
        let from = parse("valid_from", from);
        let until = parse("valid_until", until);
        if let (Some(f), Some(u)) = (from, until) {
            if f > u {
                self.error(
                    format!("{prefix}valid_until"),
                    format!("the window ends ({u}) before it starts ({f})"),
                );
            }
        }
        (from, until)
    }

    /// The index of a list by id, reporting missing, invalid and repeated
    /// ids in list order. A repeated id keeps its first item.
    fn unique_ids<T: Keyed>(&mut self, list: &dyn fmt::Display, items: &[T]) -> IdIndex {
        let ids: Vec<&str> = items.iter().map(Keyed::key).collect();
        self.index_ids(list, &ids)
    }

    /// [`Validator::unique_ids`] on the ids alone, so that the sort is
    /// compiled once rather than once for every kind of list.
    fn index_ids(&mut self, list: &dyn fmt::Display, ids: &[&str]) -> IdIndex {
        let id = |i: usize| ids.get(i).copied().unwrap_or_default();
        let mut sorted: Vec<(u128, usize)> = (ids.iter().enumerate())
            .filter(|(_, id)| is_valid_id(id))
            .map(|(i, id)| (prefix(id), i))
            .collect();
        let all_valid = sorted.len() == ids.len();
        // By id, then by position, so that each id's first item leads.
        sorted.sort_unstable_by(|&(p, a), &(q, b)| {
            p.cmp(&q).then_with(|| id(a).cmp(id(b))).then(a.cmp(&b))
        });
        let mut repeated = Vec::new();
        sorted.dedup_by(|(p, later), (q, first)| {
            let same = p == q && id(*later) == id(*first);
            if same {
                repeated.push((*later, *first));
            }
            same
        });
        if all_valid && repeated.is_empty() {
            return IdIndex(sorted);
        }
        // Where each repeated id was first used, by position.
        let mut first_use = vec![None; ids.len()];
        for (later, first) in repeated {
            if let Some(slot) = first_use.get_mut(later) {
                *slot = Some(first);
            }
        }
        for (i, &id) in ids.iter().enumerate() {
            if id.is_empty() {
                self.error(format!("{list}[{i}]"), "missing id");
            } else if !is_valid_id(id) {
                self.error(format!("{list}[{i}]"), id_message(id));
            } else if let Some(first) = first_use.get(i).copied().flatten() {
                self.error(
                    format!("{list}[{i}]({id})"),
                    format!("duplicate id `{id}`, first used at {list}[{first}]"),
                );
            }
        }
        IdIndex(sorted)
    }

    /// What [`Validator::unique_ids`] reports, for a list that is not
    /// looked up by key afterwards. A short one (a service's attributes,
    /// a fact's options) is compared pair by pair, without allocating.
    fn unique_keys<T: Keyed>(&mut self, list: &dyn fmt::Display, items: &[T]) {
        if items.len() > 16 {
            self.unique_ids(list, items);
            return;
        }
        for (i, item) in items.iter().enumerate() {
            let id = item.key();
            if id.is_empty() {
                self.error(format!("{list}[{i}]"), "missing id");
            } else if !is_valid_id(id) {
                self.error(format!("{list}[{i}]"), id_message(id));
            } else if let Some(first) = items.iter().take(i).position(|o| o.key() == id) {
                self.error(
                    format!("{list}[{i}]({id})"),
                    format!("duplicate id `{id}`, first used at {list}[{first}]"),
                );
            }
        }
    }

    // Paths are built only when there is something to report: a feed of
    // 10,000 services has some 100,000 texts, nearly all of them fine.
    fn required_text(&mut self, path: impl Fn() -> String, text: &Text) {
        if text.is_empty() {
            self.error(path(), "missing required text");
        } else {
            self.text(path, text);
        }
    }

    fn text(&mut self, path: impl Fn() -> String, text: &Text) {
        if text.is_empty() {
            return;
        }
        if let Some(tags) = &self.locale_tags {
            if text.has_every(tags) == Some(true) {
                return;
            }
        }
        let default = &self.default_locale;
        if text.has(default, default) && self.locales.iter().all(|l| text.has(l, default)) {
            return;
        }
        if !text.has(&self.default_locale, &self.default_locale) {
            self.error(
                path(),
                format!("the default locale `{}` is missing", self.default_locale),
            );
        }
        let missing: Vec<String> = self
            .locales
            .iter()
            .filter(|l| !text.has(l, &self.default_locale))
            .cloned()
            .collect();
        for l in missing {
            if l != self.default_locale {
                self.warn(path(), format!("no `{l}` translation"));
            }
        }
    }

    fn url(&mut self, path: impl Fn() -> String, url: Option<&str>, usage: UrlUse) {
        if let Some(u) = url {
            if let Err(e) = check_url(u, usage) {
                self.error(path(), e);
            }
        }
    }
}

/// Which nodes of a forest given by parent links lie on a cycle, in linear
/// time: each node is walked from once, and a walk stops at the first node
/// an earlier walk settled. A long chain costs its length, not its square.
fn on_cycles(parent: &[Option<usize>]) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        /// On the walk under way, at this position in `path`.
        OnPath(usize),
        Done,
    }
    let mut mark = vec![Mark::New; parent.len()];
    let mut on_cycle = vec![false; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        path.clear();
        let mut at = Some(start);
        while let Some(node) = at {
            match mark.get(node).copied() {
                Some(Mark::New) => {
                    if let Some(m) = mark.get_mut(node) {
                        *m = Mark::OnPath(path.len());
                    }
                    path.push(node);
                    at = parent.get(node).copied().flatten();
                }
                // Back at a node of this walk: it and everything after it
                // on the path form a cycle.
                Some(Mark::OnPath(from)) => {
                    for &n in path.get(from..).unwrap_or_default() {
                        if let Some(c) = on_cycle.get_mut(n) {
                            *c = true;
                        }
                    }
                    break;
                }
                // Settled by an earlier walk, or a link out of range.
                Some(Mark::Done) | None => break,
            }
        }
        for &n in &path {
            if let Some(m) = mark.get_mut(n) {
                *m = Mark::Done;
            }
        }
    }
    on_cycle
}

/// A shard's url is relative to its index, so that an index and its shards
/// move together from host to host: no scheme, no host, no query tricks.
fn check_shard_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("missing required field".into());
    }
    let ok = url.len() <= 256
        && !url.starts_with('/')
        && !url
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
        && url
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{url}` is not a relative url of `A-Z a-z 0-9 . _ - /` below the index"
        ))
    }
}

fn id_message(id: &str) -> String {
    format!("`{id}` is not a valid id: use 1 to 64 of `A-Z a-z 0-9 . _ -`")
}

fn is_major_minor(v: &str) -> bool {
    let mut parts = v.split('.');
    let ok =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}

/// Each list a service refers to, with its index.
struct Refs<'a> {
    categories: (&'a [wire::Category], &'a IdIndex),
    organizations: (&'a [wire::Organization], &'a IdIndex),
    locations: (&'a [wire::Location], &'a IdIndex),
    regions: &'a RegionTree,
}

/// An item found in its list by a short key: an id, or an option's or
/// attribute's key.
pub(crate) trait Keyed {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($item:ty => $field:ident),* $(,)?) => {$(
        impl Keyed for $item {
            fn key(&self) -> &str {
                &self.$field
            }
        }
    )*};
}

keyed! {
    wire::Region => code,
    wire::Category => id,
    wire::Fact => id,
    wire::ChoiceOption => key,
    wire::Organization => id,
    wire::Location => id,
    wire::Service => id,
    wire::Attribute => code,
    wire::AttributeValue => key,
}

/// The positions of a list's items with valid ids, sorted by id, the
/// first of a repeated id only. A lookup is a binary search that reads
/// the ids in the list itself: no id is copied or hashed, and no feed,
/// however its ids are chosen, makes a lookup slower than a search. Each
/// position comes with its id's first 16 bytes as a number, which decide
/// most comparisons without reading the id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct IdIndex(Vec<(u128, usize)>);

impl IdIndex {
    /// The position in `items` of the item with id `id`; `items` must be
    /// the list this index was made of.
    fn get<T: Keyed>(&self, items: &[T], id: &str) -> Option<usize> {
        self.find(id, &|i| items.get(i).map_or("", Keyed::key))
    }

    /// The position of the item with id `id`, given each position's id.
    fn find<'a>(&self, id: &str, key: &dyn Fn(usize) -> &'a str) -> Option<usize> {
        let p = prefix(id);
        // An id shorter than 16 bytes without a zero byte is all in its
        // prefix: an item with the same prefix has this id, unread.
        let whole = id.len() < 16 && !id.as_bytes().contains(&0);
        let at = (self.0)
            .binary_search_by(|&(q, i)| {
                q.cmp(&p).then_with(|| {
                    if whole {
                        std::cmp::Ordering::Equal
                    } else {
                        key(i).cmp(id)
                    }
                })
            })
            .ok()?;
        self.0.get(at).map(|&(_, i)| i)
    }
}

/// An id's first 16 bytes, padded with zeros, as a number. Ids have no
/// zero bytes, so they order as these numbers do wherever the numbers
/// differ.
fn prefix(id: &str) -> u128 {
    let mut bytes = [0; 16];
    let n = id.len().min(16);
    if let (Some(to), Some(from)) = (bytes.get_mut(..n), id.as_bytes().get(..n)) {
        to.copy_from_slice(from);
    }
    u128::from_be_bytes(bytes)
}

/// The feed's facts and regions as the rule checker sees them.
pub(crate) struct FeedSchema<'a> {
    pub(crate) facts: &'a [wire::Fact],
    pub(crate) index: &'a IdIndex,
    pub(crate) regions: &'a RegionTree,
}

impl Schema for FeedSchema<'_> {
    fn fact(&self, id: &str) -> Option<(usize, FactKind)> {
        let i = self.index.get(self.facts, id)?;
        let kind = match self.facts.get(i)?.kind {
            FactType::Boolean => FactKind::Boolean,
            FactType::Integer => FactKind::Integer,
            FactType::Number => FactKind::Number,
            FactType::Choice => FactKind::Choice,
            FactType::Region => FactKind::Region,
            FactType::Date => FactKind::Date,
        };
        Some((i, kind))
    }

    fn has_option(&self, fact: usize, key: &str) -> bool {
        self.facts
            .get(fact)
            .is_some_and(|f| f.options.iter().any(|o| o.key == key))
    }

    fn has_region(&self, code: &str) -> bool {
        self.regions.get(code).is_some()
    }
}

impl Feed {
    /// Compiles a rule against this feed's facts and regions, e.g. for a
    /// publisher's tool or a test.
    pub fn compile_rule(&self, source: &str) -> Result<Rule, crate::rule::RuleError> {
        let schema = FeedSchema {
            facts: self.facts(),
            index: &self.facts,
            regions: &self.regions,
        };
        Rule::compile(source, &schema)
    }

    /// The phone a resident calls about a service: its own contact phone,
    /// else the intake's hotline.
    pub fn hotline<'a>(&'a self, service: &'a wire::Service) -> Option<&'a str> {
        service
            .contact_phone
            .as_deref()
            .or(self.intake().hotline.as_deref())
    }

    /// The level a region is at.
    pub fn region_level(&self, code: &str) -> Option<RegionLevel> {
        self.region(code).map(|r| r.level)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::{check_url, is_valid_id, on_cycles, Capped, UrlUse, Validator};
    use crate::text::Text;
    use crate::wire::{AttributeValue, FeedDoc};

    /// The problems `unique_ids` reports for a list of these ids, as
    /// `path: message` lines, and where each id is found.
    fn unique_ids(ids: &[&str]) -> (Vec<String>, Vec<Option<usize>>) {
        let items: Vec<AttributeValue> = ids
            .iter()
            .map(|id| AttributeValue {
                key: (*id).to_owned(),
                name: Text::default(),
            })
            .collect();
        let mut v = Validator::new(&FeedDoc::default(), Capped::default());
        let index = v.unique_ids(&"list", &items);
        let found = ids.iter().map(|id| index.get(&items, id)).collect();
        let errors: Vec<String> = (v.errors.finish("problem").iter())
            .map(ToString::to_string)
            .collect();
        // The check of a short list without an index reports the same.
        let mut short = Validator::new(&FeedDoc::default(), Capped::default());
        short.unique_keys(&"list", &items);
        let short: Vec<String> = (short.errors.finish("problem").iter())
            .map(ToString::to_string)
            .collect();
        assert_eq!(short, errors);
        (errors, found)
    }

    /// The same, as the hash map that came before the sorted index found
    /// them: one pass in list order, the first of a repeated id kept.
    fn by_hash_map(ids: &[&str]) -> (Vec<String>, Vec<Option<usize>>) {
        let mut index = HashMap::new();
        let mut errors = Vec::new();
        for (i, &id) in ids.iter().enumerate() {
            if id.is_empty() {
                errors.push(format!("list[{i}]: missing id"));
            } else if !is_valid_id(id) {
                errors.push(format!(
                    "list[{i}]: `{id}` is not a valid id: use 1 to 64 of `A-Z a-z 0-9 . _ -`"
                ));
            } else if let Some(&first) = index.get(id) {
                errors.push(format!(
                    "list[{i}]({id}): duplicate id `{id}`, first used at list[{first}]"
                ));
            } else {
                index.insert(id, i);
            }
        }
        let found = ids.iter().map(|id| index.get(id).copied()).collect();
        (errors, found)
    }

    #[test]
    fn repeated_missing_and_invalid_ids_are_reported_in_list_order() {
        let (errors, found) = unique_ids(&["b", "a", "", "b", "x y", "a", "b", "c"]);
        assert_eq!(
            errors,
            [
                "list[2]: missing id",
                "list[3](b): duplicate id `b`, first used at list[0]",
                "list[4]: `x y` is not a valid id: use 1 to 64 of `A-Z a-z 0-9 . _ -`",
                "list[5](a): duplicate id `a`, first used at list[1]",
                "list[6](b): duplicate id `b`, first used at list[0]",
            ]
        );
        assert_eq!(
            found,
            [
                Some(0),
                Some(1),
                None,
                Some(0),
                None,
                Some(1),
                Some(0),
                Some(7)
            ]
        );
        assert_eq!(unique_ids(&[]), (Vec::new(), Vec::new()));
    }

    proptest! {
        /// Whatever the ids, the sorted index reports the problems the
        /// hash map reported, in the same order, and finds the same items.
        #[test]
        fn the_sorted_index_agrees_with_a_hash_map(
            ids in prop::collection::vec(
                prop::sample::select(vec![
                    "a", "b", "B", "a-1", "a.", "", "x y", "é", "zz", "a\0",
                    // Ids that fill the 16-byte prefix, or go past it.
                    "a23456789012345", "a234567890123456", "a2345678901234567",
                    "a2345678901234568",
                ]),
                0..40,
            ),
        ) {
            prop_assert_eq!(unique_ids(&ids), by_hash_map(&ids));
        }
    }

    fn check(parent: &[Option<usize>], expected: &[usize]) {
        let found: Vec<usize> = on_cycles(parent)
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| c.then_some(i))
            .collect();
        assert_eq!(found, expected, "{parent:?}");
    }

    #[test]
    fn only_the_regions_on_a_cycle_are_on_it() {
        check(&[], &[]);
        check(&[None, Some(0), Some(1)], &[]);
        check(&[Some(1), Some(0)], &[0, 1]);
        // A tail leading into a cycle is not on it.
        check(&[Some(1), Some(2), Some(3), Some(1)], &[1, 2, 3]);
        check(&[Some(3), Some(2), Some(3), Some(1), None], &[1, 2, 3]);
        // A link out of range ends the walk.
        check(&[Some(9), Some(0)], &[]);
    }

    #[test]
    fn a_url_scheme_is_read_in_any_case_and_named_in_lowercase() {
        // The url is no longer lowercased as a whole before it is checked;
        // what is accepted, and every message, stays as it was.
        let cases = [
            ("HTTPS://example.org/", UrlUse::Web, Ok(())),
            (" Tel:+86 10 1234 ", UrlUse::Phone, Ok(())),
            ("MAILTO:a@b.cn", UrlUse::Contact, Ok(())),
            (
                "JavaScript:alert(1)",
                UrlUse::Contact,
                Err("`JavaScript:alert(1)` has scheme `javascript:`; expected `https:` or `http:` or `tel:` or `mailto:`"),
            ),
            (
                "TEL:call-me",
                UrlUse::Phone,
                Err("`TEL:call-me` is not a valid `tel:` url"),
            ),
            (
                "HTTP:///x",
                UrlUse::Web,
                Err("`HTTP:///x` is not a valid `http:` url"),
            ),
            (
                "Mailto:nobody",
                UrlUse::Contact,
                Err("`Mailto:nobody` is not a valid `mailto:` url"),
            ),
            (
                "example.org",
                UrlUse::Web,
                Err("`example.org` is not an absolute url"),
            ),
        ];
        for (url, usage, expected) in cases {
            assert_eq!(
                check_url(url, usage),
                expected.map_err(str::to_owned),
                "{url}"
            );
        }
    }

    #[test]
    fn a_long_chain_closed_into_a_cycle_is_found_in_one_pass() {
        // Walking the parents of every region would take 10^10 steps here.
        let n = 100_000;
        let mut parent: Vec<Option<usize>> = (0..n).map(|i: usize| i.checked_sub(1)).collect();
        assert!(on_cycles(&parent).iter().all(|&c| !c));
        parent[0] = Some(n - 1);
        assert!(on_cycles(&parent).iter().all(|&c| c));
        // Walked from the deep end first, a chain hanging off a cycle.
        let mut parent: Vec<Option<usize>> = (0..n).map(|i| Some(i + 1)).collect();
        parent[n - 1] = Some(n - 2);
        let cyclic = on_cycles(&parent);
        assert_eq!(cyclic.iter().filter(|&&c| c).count(), 2);
    }
}
