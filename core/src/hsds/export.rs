//! A feed as HSDS 3 services (FEED.md, "HSDS 3").

use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::decision::{apply_subsidy, to_fen};
use crate::feed::Feed;
use crate::hsds::ages::age_range;
use crate::text::Text;
use crate::wire;

/// The namespace of every exported id: the UUID v5 of the DNS name
/// `hsds.caidan`. An object's id is the UUID v5, in this namespace, of
/// `{feed id}/{kind}/{object id}` (FEED.md, "HSDS 3").
pub const NAMESPACE: Uuid = Uuid::from_u128(0x3c3f9aae_7058_5bdb_9beb_e432dcbd5728);

/// What an export is written in and for.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// The locale every text is exported in; the feed's default when `None`
    /// or when a text lacks it.
    pub locale: Option<String>,
    /// The ISO 3166-1 alpha-2 country of every address (a feed does not say).
    pub country: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            locale: None,
            country: "CN".into(),
        }
    }
}

/// The UUID of the feed object `{kind}/{id}`.
pub fn object_id(feed: &Feed, kind: &str, id: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{}/{kind}/{id}", feed.id()).as_bytes()).to_string()
}

/// Every service of the feed, as one page of an HSDS 3 service list: an
/// object with `contents`, a list of full `service` objects in feed order.
pub fn export(feed: &Feed, options: &ExportOptions) -> Value {
    let services: Vec<Value> = feed
        .service_indices()
        .filter_map(|index| {
            let s = feed.service_at(index)?;
            Some(Exporter { feed, options }.service(index, s))
        })
        .collect();
    let n = services.len();
    json!({
        "total_items": n,
        "total_pages": 1,
        "page_number": 1,
        "size": n,
        "first_page": true,
        "last_page": true,
        "empty": n == 0,
        "contents": services,
    })
}

struct Exporter<'a> {
    feed: &'a Feed,
    options: &'a ExportOptions,
}

/// An object of the fields that have a value: `None` and empty lists are
/// left out ([`s`] makes an empty text `None`).
fn object(fields: Vec<(&str, Option<Value>)>) -> Value {
    let mut map = Map::new();
    for (key, value) in fields {
        match value {
            None => {}
            Some(Value::Array(a)) if a.is_empty() => {}
            Some(v) => {
                map.insert(key.to_string(), v);
            }
        }
    }
    Value::Object(map)
}

/// A text field, `None` when empty.
fn s(text: impl Into<String>) -> Option<Value> {
    Some(text.into())
        .filter(|t: &String| !t.is_empty())
        .map(Value::String)
}

fn list(items: Vec<Value>) -> Option<Value> {
    Some(Value::Array(items))
}

/// A number as JSON, whole numbers without a fraction.
fn number(n: f64) -> Option<Value> {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        Some(Value::from(n as i64))
    } else {
        serde_json::Number::from_f64(n).map(Value::Number)
    }
}

/// A `tel:` URL as HSDS writes a phone number.
fn phone_number(url: &str) -> &str {
    url.strip_prefix("tel:").unwrap_or(url)
}

/// The name of a language in that language, for the locales feeds use.
fn language_name(code: &str) -> Option<&'static str> {
    match code {
        "zh" => Some("中文"),
        "en" => Some("English"),
        "ug" => Some("ئۇيغۇرچە"),
        "bo" => Some("བོད་ཡིག"),
        "mn" => Some("Монгол"),
        _ => None,
    }
}

impl Exporter<'_> {
    fn id(&self, kind: &str, id: &str) -> String {
        object_id(self.feed, kind, id)
    }

    fn t(&self, text: &Text) -> String {
        let default = self.feed.default_locale();
        let locale = self.options.locale.as_deref().unwrap_or(default);
        text.get(locale, default).to_string()
    }

    fn phone(&self, kind: &str, owner: &str, url: Option<&str>, link: (&str, &str)) -> Vec<Value> {
        url.map(|u| {
            object(vec![
                ("id", s(self.id(&format!("{kind}-phone"), owner))),
                (link.0, s(link.1)),
                ("number", s(phone_number(u))),
            ])
        })
        .into_iter()
        .collect()
    }

    fn service(&self, index: crate::feed::ServiceIndex, svc: &wire::Service) -> Value {
        let feed = self.feed;
        let id = self.id("service", &svc.id);
        let org = feed.organization(&svc.organization_id);
        let org_id = self.id("organization", &svc.organization_id);
        let rule = feed.rules(index).and_then(|r| r.eligibility);
        let ages = match (rule, feed.fact_index("age"), feed.fact("age")) {
            (Some(rule), Some(age), Some(fact))
                if matches!(fact.kind, wire::FactType::Integer | wire::FactType::Number) =>
            {
                age_range(rule, age.get(), fact.kind == wire::FactType::Integer)
            }
            _ => Default::default(),
        };
        let description = if svc.description.is_empty() {
            &svc.summary
        } else {
            &svc.description
        };
        // The resident's words for the rule are the ones the app shows
        // beside its clauses; a rule without them is given as written.
        let eligibility = if !svc.eligibility_description.is_empty() {
            self.t(&svc.eligibility_description)
        } else {
            svc.eligibility.clone().unwrap_or_default()
        };
        let default = feed.default_locale();
        let alternate = feed
            .locales()
            .into_iter()
            .find(|l| *l != self.options.locale.as_deref().unwrap_or(default))
            .filter(|l| svc.name.has(l, default))
            .map(|l| svc.name.get(l, default).to_string())
            .filter(|n| *n != self.t(&svc.name));
        let status = match svc.status {
            wire::Status::Active => "active",
            wire::Status::Inactive => "inactive",
            wire::Status::TemporarilyClosed => "temporarily closed",
            wire::Status::Defunct => "defunct",
        };
        object(vec![
            ("id", s(&id)),
            (
                "organization_id",
                org.map(|_| Value::String(org_id.clone())),
            ),
            ("name", s(self.t(&svc.name))),
            ("alternate_name", alternate.map(Value::String)),
            ("description", s(self.t(description))),
            ("status", s(status)),
            (
                "fees_description",
                self.fees_description(svc).map(Value::String),
            ),
            ("eligibility_description", s(eligibility)),
            ("minimum_age", ages.minimum.and_then(number)),
            ("maximum_age", ages.maximum.and_then(number)),
            ("last_modified", s(feed.published_at())),
            (
                "phones",
                list(self.phone(
                    "service",
                    &svc.id,
                    svc.contact_phone.as_deref(),
                    ("service_id", &id),
                )),
            ),
            ("service_areas", list(self.service_areas(svc, &id))),
            (
                "service_at_locations",
                list(self.service_at_locations(svc, &id)),
            ),
            ("languages", list(self.languages(svc, &id))),
            ("organization", org.map(|o| self.organization(o))),
            (
                "funding",
                list(
                    svc.funding
                        .iter()
                        .filter(|f| !f.source.is_empty())
                        .map(|f| {
                            object(vec![
                                ("id", s(self.id("funding", &svc.id))),
                                ("service_id", s(&id)),
                                ("source", s(self.t(&f.source))),
                            ])
                        })
                        .collect(),
                ),
            ),
            ("cost_options", list(self.cost_options(svc, &id))),
            (
                "required_documents",
                list(
                    svc.required_documents
                        .iter()
                        .enumerate()
                        .map(|(i, d)| {
                            object(vec![
                                (
                                    "id",
                                    s(self.id("required_document", &format!("{}/{i}", svc.id))),
                                ),
                                ("service_id", s(&id)),
                                ("document", s(self.t(d))),
                            ])
                        })
                        .collect(),
                ),
            ),
            ("attributes", list(self.category(svc, &id))),
        ])
    }

    /// The cost in words: the full amount per unit, then each subsidy's
    /// label with what those residents pay.
    fn fees_description(&self, svc: &wire::Service) -> Option<String> {
        let cost = svc.cost.as_ref()?;
        let currency = self.feed.currency();
        let unit = self.t(&cost.unit);
        let per = |fen: i64| {
            let amount = crate::decision::format_money(fen);
            if unit.is_empty() {
                format!("{amount} {currency}")
            } else {
                format!("{amount} {currency} / {unit}")
            }
        };
        let full = to_fen(cost.amount);
        let mut parts = vec![per(full)];
        for sub in &cost.subsidies {
            let label = if sub.label.is_empty() {
                sub.when.clone()
            } else {
                self.t(&sub.label)
            };
            parts.push(format!(
                "{label}: {}",
                per(apply_subsidy(full, sub.covers_percent))
            ));
        }
        Some(parts.join("; "))
    }

    /// The full price first, then one option per subsidy: its condition in
    /// words (the subsidy's label) and what those residents pay.
    fn cost_options(&self, svc: &wire::Service, id: &str) -> Vec<Value> {
        let Some(cost) = &svc.cost else {
            return Vec::new();
        };
        let full = to_fen(cost.amount);
        let option = |key: String, words: Option<String>, fen: i64| {
            object(vec![
                (
                    "id",
                    s(self.id("cost_option", &format!("{}/{key}", svc.id))),
                ),
                ("service_id", s(id)),
                ("valid_from", svc.valid_from.clone().map(Value::String)),
                ("valid_to", svc.valid_until.clone().map(Value::String)),
                ("option", words.map(Value::String)),
                ("currency", s(self.feed.currency())),
                ("amount", number(fen as f64 / 100.0)),
                ("amount_description", s(self.t(&cost.unit))),
            ])
        };
        let mut options = vec![option("full".into(), None, full)];
        for (i, sub) in cost.subsidies.iter().enumerate() {
            let words = if sub.label.is_empty() {
                sub.when.clone()
            } else {
                self.t(&sub.label)
            };
            options.push(option(
                format!("subsidy/{i}"),
                Some(words),
                apply_subsidy(full, sub.covers_percent),
            ));
        }
        options
    }

    fn service_areas(&self, svc: &wire::Service, id: &str) -> Vec<Value> {
        svc.service_areas
            .iter()
            .map(|code| {
                let region = self.feed.region(code);
                object(vec![
                    (
                        "id",
                        s(self.id("service_area", &format!("{}/{code}", svc.id))),
                    ),
                    ("service_id", s(id)),
                    (
                        "name",
                        s(region.map(|r| self.t(&r.name)).unwrap_or_default()),
                    ),
                ])
            })
            .collect()
    }

    fn languages(&self, svc: &wire::Service, id: &str) -> Vec<Value> {
        let default = self.feed.default_locale();
        let mut seen: Vec<&str> = Vec::new();
        for locale in svc.name.locales(default) {
            let code = locale.split('-').next().unwrap_or(locale);
            if !seen.contains(&code) {
                seen.push(code);
            }
        }
        seen.into_iter()
            .map(|code| {
                object(vec![
                    ("id", s(self.id("language", &format!("{}/{code}", svc.id)))),
                    ("service_id", s(id)),
                    ("name", language_name(code).map(Value::from)),
                    ("code", s(code)),
                ])
            })
            .collect()
    }

    fn organization(&self, o: &wire::Organization) -> Value {
        let id = self.id("organization", &o.id);
        object(vec![
            ("id", s(&id)),
            ("name", s(self.t(&o.name))),
            // Required by HSDS, so written even when empty.
            ("description", Some(Value::String(self.t(&o.description)))),
            ("website", o.url.clone().map(Value::String)),
            (
                "parent_organization_id",
                o.parent_organization_id
                    .as_deref()
                    .filter(|p| self.feed.organization(p).is_some())
                    .map(|p| Value::String(self.id("organization", p))),
            ),
            (
                "phones",
                list(self.phone(
                    "organization",
                    &o.id,
                    o.phone.as_deref(),
                    ("organization_id", &id),
                )),
            ),
        ])
    }

    fn service_at_locations(&self, svc: &wire::Service, id: &str) -> Vec<Value> {
        svc.location_ids
            .iter()
            .filter_map(|l| self.feed.location(l))
            .map(|l| {
                object(vec![
                    (
                        "id",
                        s(self.id("service_at_location", &format!("{}/{}", svc.id, l.id))),
                    ),
                    ("service_id", s(id)),
                    ("location_id", s(self.id("location", &l.id))),
                    ("location", Some(self.location(l))),
                ])
            })
            .collect()
    }

    fn location(&self, l: &wire::Location) -> Value {
        let id = self.id("location", &l.id);
        let region = l.region.as_deref();
        // The nearest region at `level`, walking up from the location's.
        let ancestor = |level: wire::RegionLevel| {
            let tree = self.feed.region_tree();
            let mut at = region.and_then(|r| tree.get(r));
            while let Some(i) = at {
                let r = self.feed.regions().get(i)?;
                if r.level == level {
                    return Some(self.t(&r.name));
                }
                at = tree.parent(i);
            }
            None
        };
        let city = ancestor(wire::RegionLevel::City).unwrap_or_default();
        let address = (!l.address.is_empty()).then(|| {
            object(vec![
                ("id", s(self.id("address", &l.id))),
                ("location_id", s(&id)),
                ("address_1", s(self.t(&l.address))),
                // Required by HSDS, so written even when unknown.
                ("city", Some(Value::String(city.clone()))),
                (
                    "region",
                    ancestor(wire::RegionLevel::District).map(Value::String),
                ),
                ("state_province", Some(Value::String(city.clone()))),
                ("postal_code", Some(Value::String(String::new()))),
                ("country", s(&self.options.country)),
                ("address_type", s("physical")),
            ])
        });
        let schedules = l
            .schedules
            .iter()
            .enumerate()
            .map(|(i, sc)| {
                object(vec![
                    ("id", s(self.id("schedule", &format!("{}/{i}", l.id)))),
                    ("location_id", s(&id)),
                    ("freq", s("WEEKLY")),
                    ("wkst", s("MO")),
                    ("byday", s(&sc.byday)),
                    ("opens_at", s(&sc.opens_at)),
                    ("closes_at", s(&sc.closes_at)),
                ])
            })
            .collect();
        let accessibility = (!l.accessibility.is_empty()).then(|| {
            object(vec![
                ("id", s(self.id("accessibility", &l.id))),
                ("location_id", s(&id)),
                ("description", s(self.t(&l.accessibility))),
            ])
        });
        object(vec![
            ("id", s(&id)),
            ("location_type", s("physical")),
            ("name", s(self.t(&l.name))),
            ("latitude", l.latitude.and_then(number)),
            ("longitude", l.longitude.and_then(number)),
            ("addresses", list(address.into_iter().collect())),
            (
                "phones",
                list(self.phone("location", &l.id, l.phone.as_deref(), ("location_id", &id))),
            ),
            ("schedules", list(schedules)),
            ("accessibility", list(accessibility.into_iter().collect())),
        ])
    }

    /// The service's category as a term of the feed's own taxonomy, so an
    /// import can give it back.
    fn category(&self, svc: &wire::Service, id: &str) -> Vec<Value> {
        let Some(c) = self.feed.category(&svc.category) else {
            return Vec::new();
        };
        let term = self.id("category", &c.id);
        vec![object(vec![
            (
                "id",
                s(self.id("attribute", &format!("{}/category", svc.id))),
            ),
            ("link_id", s(id)),
            ("link_type", s("service")),
            ("link_entity", s("service")),
            ("taxonomy_term_id", s(&term)),
            (
                "taxonomy_term",
                Some(object(vec![
                    ("id", s(&term)),
                    ("code", s(&c.id)),
                    ("name", s(self.t(&c.name))),
                    // Required by HSDS, so written even when empty.
                    ("description", Some(Value::String(self.t(&c.description)))),
                    ("taxonomy", s(format!("caidan:{}", self.feed.id()))),
                ])),
            ),
        ])]
    }
}
