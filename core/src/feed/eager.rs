//! Reading a feed and checking each service the moment it is read, while
//! its fields are still in the processor's cache: checked afterwards, a
//! city's services are read back from memory one more time.
//!
//! The check of a service needs the lists it refers to (regions,
//! categories, facts, organisations, locations) and the feed's locales.
//! Feeds list these before their services, and [`Feed::parse`](super::Feed::parse)
//! reads the document in one go, so they are at hand when the services
//! come. A service checked this way is kept only if its check found
//! nothing at all to report; any other, and every service of a document
//! whose lists come after its services, is checked again in the usual
//! pass ([`super::Checking`]), so that every problem is reported at its
//! place among the others and the result is that of the usual pass.

use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::reader::take_field;
use super::{
    Capped, CompiledService, FeedSchema, IdIndex, Lazy, Refs, RegionTree, RuleCache, Validator,
};
use crate::wire::{Category, Fact, FeedDoc, Location, Organization, Service};

/// Services checked as they were read, and the rules compiled on the way.
#[derive(Debug)]
pub(crate) struct Prechecked {
    /// Each service's compiled parts when its check found nothing to
    /// report; `None` for one the usual pass must check.
    pub(crate) services: Vec<Option<CompiledService>>,
    /// Every rule compiled so far, by source (see `Validator::rules`).
    pub(crate) rules: RuleCache,
}

/// A [`FeedDoc`] read as its derived `Deserialize` reads it, with its
/// services checked on the way when the document allows it.
pub(crate) struct EagerDoc {
    pub(crate) doc: FeedDoc,
    pub(crate) prechecked: Option<Prechecked>,
}

/// The fields of a [`FeedDoc`], as its derived `Deserialize` names them.
/// A field added to [`FeedDoc`] is added here too, or this reader skips it
/// as unknown (`take_field` will not compile until it is listed there).
const FIELDS: [&str; 20] = [
    "caidan_feed",
    "id",
    "version",
    "published_at",
    "title",
    "publisher",
    "default_locale",
    "locales",
    "currency",
    "valid_from",
    "valid_until",
    "intake",
    "notices",
    "regions",
    "categories",
    "facts",
    "organizations",
    "locations",
    "services",
    "shards",
];

/// The fields a service's check depends on.
const NEEDED_BY_SERVICES: [&str; 7] = [
    "default_locale",
    "locales",
    "regions",
    "categories",
    "facts",
    "organizations",
    "locations",
];

/// The bit of a field's position in [`FIELDS`]; none for another name.
fn bit(name: &str) -> u32 {
    FIELDS
        .iter()
        .position(|f| *f == name)
        .map_or(0, |at| 1 << at)
}

impl<'de> Deserialize<'de> for EagerDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("FeedDoc", &FIELDS, DocVisitor)
    }
}

struct DocVisitor;

impl<'de> Visitor<'de> for DocVisitor {
    type Value = EagerDoc;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct FeedDoc")
    }

    /// A document written as an array of its fields in order, as the
    /// derived `Deserialize` accepts it: read by that, nothing checked.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<EagerDoc, A::Error> {
        let doc = FeedDoc::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(EagerDoc {
            doc,
            prechecked: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EagerDoc, A::Error> {
        let mut doc = FeedDoc::default();
        let mut seen = 0u32;
        // The fields read when the services were, and what their check made.
        let mut checked: Option<(u32, Prechecked)> = None;
        let services_field = bit("services");
        while let Some(key) = map.next_key::<Key>()? {
            let Key::Field(at, name) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let field = 1u32 << at;
            if seen & field != 0 {
                return Err(de::Error::duplicate_field(name));
            }
            seen |= field;
            if field == services_field {
                let mut check = Precheck::new(&doc);
                let services = map.next_value_seed(Services(&mut check))?;
                checked = Some((seen, check.finish()));
                doc.services = services;
            } else {
                // The derived `Deserialize` reads the field, as the only
                // one of a document.
                let part = FeedDoc::deserialize(MapAccessDeserializer::new(OneField {
                    name: Some(name),
                    map: &mut map,
                }))?;
                take_field(&mut doc, part, name);
            }
        }
        // A list read after the services was not there when they were
        // checked: their checks do not count.
        let needed = NEEDED_BY_SERVICES
            .iter()
            .fold(0, |bits, name| bits | bit(name));
        let prechecked = checked
            .filter(|(before, _)| before & needed == seen & needed)
            .map(|(_, prechecked)| prechecked);
        Ok(EagerDoc { doc, prechecked })
    }
}

/// A key of the document: one of [`FIELDS`] with its position, or another.
enum Key {
    Field(usize, &'static str),
    Other,
}

impl Key {
    fn of(name: &[u8]) -> Key {
        match FIELDS.iter().position(|f| f.as_bytes() == name) {
            Some(at) => Key::Field(at, FIELDS.get(at).copied().unwrap_or_default()),
            None => Key::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(Key::of(v.as_bytes()))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Key, E> {
        Ok(Key::of(v))
    }
}

/// The field under way of the document's map, as a map of its own.
struct OneField<'m, A> {
    name: Option<&'static str>,
    map: &'m mut A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for OneField<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.name.take() {
            Some(name) => seed
                .deserialize(BorrowedStrDeserializer::new(name))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// What checking a service needs, made from the document read so far.
struct Precheck<'d> {
    facts: &'d [Fact],
    categories: &'d [Category],
    organizations: &'d [Organization],
    locations: &'d [Location],
    fact_index: IdIndex,
    category_index: IdIndex,
    organization_index: IdIndex,
    location_index: IdIndex,
    regions: RegionTree,
    /// Checks the services; emptied of diagnostics after each.
    validator: Validator,
    services: Vec<Option<CompiledService>>,
}

impl<'d> Precheck<'d> {
    /// The indexes the usual pass makes of these lists; the problems found
    /// making them are the usual pass's to report.
    fn new(doc: &'d FeedDoc) -> Precheck<'d> {
        let mut lists = Validator::new(doc, Capped::default());
        let facts = doc.facts.as_deref().unwrap_or_default();
        let categories = doc.categories.as_deref().unwrap_or_default();
        let organizations = doc.organizations.as_deref().unwrap_or_default();
        let locations = &doc.locations;
        Precheck {
            facts,
            categories,
            organizations,
            locations,
            regions: lists.regions(doc.regions.as_deref().unwrap_or_default()),
            fact_index: lists.unique_ids(&"facts", facts),
            category_index: lists.unique_ids(&"categories", categories),
            organization_index: lists.unique_ids(&"organizations", organizations),
            location_index: lists.unique_ids(&"locations", locations),
            validator: Validator::new(doc, Capped::default()),
            services: Vec::new(),
        }
    }

    /// Checks the service at position `i` of the list as the usual pass
    /// would, and keeps what it made if the check found nothing to report.
    fn service(&mut self, i: usize, s: &Service) {
        let schema = FeedSchema {
            facts: self.facts,
            index: &self.fact_index,
            regions: &self.regions,
        };
        let refs = Refs {
            categories: (self.categories, &self.category_index),
            organizations: (self.organizations, &self.organization_index),
            locations: (self.locations, &self.location_index),
            regions: &self.regions,
        };
        let path = Lazy(|f| write!(f, "services[{i}]({})", s.id));
        let compiled = self.validator.service(&path, s, &schema, &refs);
        let v = &mut self.validator;
        if v.errors.is_empty() && v.warnings.is_empty() {
            self.services.push(Some(compiled));
        } else {
            v.errors = Capped::default();
            v.warnings = Capped::default();
            self.services.push(None);
        }
    }

    fn finish(self) -> Prechecked {
        Prechecked {
            services: self.services,
            rules: self.validator.rules,
        }
    }
}

/// The `services` field, read as `Option<Vec<Service>>` is, each service
/// checked once it is read.
struct Services<'c, 'd>(&'c mut Precheck<'d>);

impl<'de> DeserializeSeed<'de> for Services<'_, '_> {
    type Value = Option<Vec<Service>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Services<'_, '_> {
    type Value = Option<Vec<Service>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(List(self.0)).map(Some)
    }
}

/// The list of services inside the option.
struct List<'c, 'd>(&'c mut Precheck<'d>);

impl<'de> Visitor<'de> for List<'_, '_> {
    type Value = Vec<Service>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Service>, A::Error> {
        let mut services = Vec::new();
        while let Some(s) = seq.next_element::<Service>()? {
            self.0.service(services.len(), &s);
            services.push(s);
        }
        Ok(services)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use caidan_synth::{generate, SynthOptions};
    use proptest::prelude::*;
    use serde_json::{json, Map, Value};

    use crate::feed::{Feed, MAX_FEED_BYTES};

    /// A generated feed of a few dozen services, as a JSON object.
    fn generated() -> &'static Map<String, Value> {
        static DOC: OnceLock<Map<String, Value>> = OnceLock::new();
        DOC.get_or_init(|| {
            let doc = generate(&SynthOptions {
                services: 24,
                seed: 11,
                districts: None,
            });
            match doc {
                Value::Object(fields) => fields,
                _ => Map::new(),
            }
        })
    }

    /// A document with these fields in this order, which `serde_json`'s own
    /// maps would sort.
    fn document(fields: &[(String, Value)]) -> String {
        let fields: Vec<String> = fields
            .iter()
            .map(|(key, value)| format!("{}:{value}", Value::from(key.as_str())))
            .collect();
        format!("{{{}}}", fields.join(","))
    }

    /// [`Feed::parse`], which checks services as it reads them, and reading
    /// then checking, which checks them afterwards, give the same feed or
    /// the same error. Returns how many services were checked while read.
    fn same(text: &str) -> usize {
        let checked_early = Feed::read_checking(text, MAX_FEED_BYTES)
            .ok()
            .and_then(|read| read.prechecked)
            .map_or(0, |p| p.services.iter().flatten().count());
        let eager = Feed::parse(text);
        let plain = Feed::read(text).and_then(|read| read.check());
        match (eager, plain) {
            (Ok(a), Ok(b)) => {
                assert_eq!(format!("{:?}", a.doc()), format!("{:?}", b.doc()));
                assert_eq!(a.warnings(), b.warnings());
                assert_eq!(format!("{:?}", a.compiled), format!("{:?}", b.compiled));
                assert_eq!(a.valid_window(), b.valid_window());
                assert_eq!(a.services, b.services);
            }
            (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
            (a, b) => panic!(
                "checked while read {:?}, afterwards {:?}",
                a.map(|f| f.services().len()),
                b.map(|f| f.services().len())
            ),
        }
        checked_early
    }

    /// Ways to spoil a service: each makes its check report something, so
    /// that the usual pass must check it again.
    fn spoil(service: &mut Value, how: usize) {
        match how {
            // A problem.
            0 => service["category"] = json!("nowhere"),
            // Only a warning: a text without its English.
            1 => service["name"] = json!({"zh-CN": "助餐"}),
            // A rule that does not parse, and one that does not check.
            2 => service["eligibility"] = json!("age >="),
            3 => service["eligibility"] = json!("shoe_size > 3"),
            4 => service["valid_from"] = json!("2026-02-30"),
            5 => service["service_areas"] = json!(["110108", "nowhere"]),
            6 => service["id"] = json!("svc-00001"),
            8 => service["id"] = json!(""),
            9 => service["id"] = json!("x y"),
            7 => {
                service["cost"] =
                    json!({"amount": -1, "subsidies": [{"covers_percent": 50, "when": "age >="}]})
            }
            _ => service["keywords"] = json!(["a", "b"]),
        }
    }

    /// The generated feed with its fields in `order` (positions into its
    /// sorted fields), and the services at `spoilt` spoilt.
    fn variant(order: &[usize], spoilt: &[(usize, usize)]) -> String {
        let mut fields: Vec<(String, Value)> = generated()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for &(at, how) in spoilt {
            let Some((_, Value::Array(services))) =
                fields.iter_mut().find(|(k, _)| k == "services")
            else {
                continue;
            };
            let len = services.len();
            if let Some(service) = services.get_mut(at % len.max(1)) {
                spoil(service, how);
            }
        }
        let ordered = order
            .iter()
            .filter_map(|&i| fields.get(i % fields.len().max(1)).cloned())
            .collect::<Vec<_>>();
        document(&ordered)
    }

    #[test]
    fn a_valid_feed_is_checked_while_read_and_the_same() {
        let fields: Vec<(String, Value)> = generated()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let text = document(&fields);
        assert_eq!(same(&text), 24);
        // A feed with its lists after its services is checked afterwards.
        let mut late = fields.clone();
        late.sort_by_key(|(k, _)| k != "services");
        assert_eq!(same(&document(&late)), 0);
        // Keys the feed does not know are read past.
        let mut extra = fields.clone();
        extra.insert(3, ("zzz".to_owned(), json!({"services": 1})));
        assert_eq!(same(&document(&extra)), 24);
    }

    #[test]
    fn services_with_problems_are_checked_again_in_their_place() {
        for how in 0..11 {
            same(&variant(
                &(0..19).collect::<Vec<_>>(),
                &[(3, how), (17, how)],
            ));
        }
        // The same broken rule in many services reports each.
        let spoilt: Vec<(usize, usize)> = (0..24).map(|at| (at, 2)).collect();
        same(&variant(&(0..19).collect::<Vec<_>>(), &spoilt));
    }

    #[test]
    fn odd_documents_fail_or_read_as_the_derived_reader_reads_them() {
        let services = generated().get("services").cloned().unwrap_or_default();
        let texts = [
            "[]".to_owned(),
            "[\"1.0\"]".to_owned(),
            "{}".to_owned(),
            "{\"services\": null}".to_owned(),
            "{\"services\": 5}".to_owned(),
            "{\"services\": [5]}".to_owned(),
            "{\"services\": {}}".to_owned(),
            format!("{{\"services\": {services}, \"services\": []}}"),
            format!("{{\"facts\": [], \"services\": {services}, \"facts\": []}}"),
            format!("{{\"services\": {services}, \"facts\": 1}}"),
            "{\"caidan_feed\": \"2.0\", \"services\": [1]}".to_owned(),
            "{\"ca\\u0069dan_feed\": \"0.1\"}".to_owned(),
            // Every field of the document is read, the shard list too.
            "{\"shards\": [{\"region\": \"x\", \"url\": \"/x\"}]}".to_owned(),
        ];
        for text in texts {
            same(&text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the order of the fields and whichever services have
        /// problems, checking while reading changes nothing.
        #[test]
        fn checking_while_reading_changes_nothing(
            // Half in the generated order, lists before services.
            order in prop_oneof![
                Just((0..19).collect::<Vec<usize>>()),
                Just((0..19).collect::<Vec<usize>>()).prop_shuffle(),
            ],
            dropped in prop::collection::vec(0..19usize, 0..3),
            spoilt in prop::collection::vec((0..24usize, 0..11usize), 0..4),
        ) {
            let order: Vec<usize> = order.into_iter().filter(|i| !dropped.contains(i)).collect();
            same(&variant(&order, &spoilt));
        }
    }
}
