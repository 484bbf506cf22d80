//! HSDS 3 services as a Caidan feed (FEED.md, "HSDS 3").

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::date::TimeOfDay;
use crate::feed::{check_url, ignored_path, is_valid_id, Diagnostic, UrlUse};
use crate::hsds::wire;

/// What the imported feed is called and written in.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The feed's `id`.
    pub feed_id: String,
    /// The feed's `title`.
    pub title: String,
    /// The feed's `default_locale`: the language the HSDS text is in.
    pub locale: String,
    /// The feed's `published_at` (RFC 3339); the caller knows the time.
    pub published_at: String,
}

/// A feed made from HSDS, with what its publisher still has to do.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The feed document; `caidan check` accepts it.
    pub feed: Value,
    /// Per service, what the publisher still has to decide by hand.
    pub services: Vec<ServiceNotes>,
    /// What the publisher has to decide for the whole feed.
    pub notes: Vec<String>,
    /// Fields that are not part of HSDS 3, with their paths.
    pub warnings: Vec<Diagnostic>,
    /// HSDS fields the input had that a Caidan feed has no place for, by
    /// where they sit in a service (`organization.legal_status`), sorted.
    pub not_imported: Vec<String>,
}

/// One imported service and what is left to decide about it.
#[derive(Clone, Debug)]
pub struct ServiceNotes {
    /// The service's id in the feed.
    pub id: String,
    /// What to decide by hand, one sentence each.
    pub todo: Vec<String>,
}

/// Why an HSDS document could not be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not HSDS services.
    #[error("expected an HSDS service, a list of services, or a page of them with `contents`")]
    NotServices,
    /// A field with a value of the wrong kind, or a required one missing.
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

/// The root of the region tree an import makes.
pub const ROOT_REGION: &str = "all";

/// Reads HSDS 3 JSON: a `service`, a list of them, or a page of a service
/// list (`contents`), as in the specification's examples, and makes a feed.
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let doc: Value = serde_json::from_str(text).map_err(|e| ImportError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let items: Vec<(String, &Value)> = match &doc {
        Value::Object(map) if map.contains_key("contents") => match map.get("contents") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("contents[{i}]"), v))
                .collect(),
            _ => {
                return Err(ImportError::Invalid {
                    path: "contents".into(),
                    message: "expected a list of services".into(),
                })
            }
        },
        Value::Object(_) => vec![(String::new(), &doc)],
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("[{i}]"), v))
            .collect(),
        _ => return Err(ImportError::NotServices),
    };
    let mut b = Builder::new(options);
    if let Value::Object(map) = &doc {
        if map.contains_key("contents") {
            for key in map.keys().filter(|k| !PAGE_FIELDS.contains(&k.as_str())) {
                b.ignored(key.clone());
            }
        }
    }
    for (path, item) in items {
        let service = b.read(&path, item)?;
        b.service(&path, service)?;
    }
    Ok(b.finish())
}

/// The fields of a page of an HSDS list, around its `contents`.
const PAGE_FIELDS: [&str; 8] = [
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
];

/// Every field name of the HSDS 3 `service` schema and the objects in it.
const HSDS_FIELDS: &[&str] = &[
    "accessibility",
    "accreditations",
    "address_1",
    "address_2",
    "address_type",
    "addresses",
    "alert",
    "alternate_name",
    "amount",
    "amount_description",
    "application_process",
    "assured_date",
    "assurer_email",
    "attending_type",
    "attention",
    "attributes",
    "byday",
    "bymonthday",
    "byweekno",
    "byyearday",
    "city",
    "closes_at",
    "code",
    "contact_id",
    "contacts",
    "cost_options",
    "count",
    "country",
    "currency",
    "department",
    "description",
    "details",
    "document",
    "dtstart",
    "eligibility_description",
    "email",
    "extension",
    "extent",
    "extent_type",
    "external_identifier",
    "external_identifier_type",
    "fees",
    "fees_description",
    "field_name",
    "freq",
    "funding",
    "id",
    "identifier",
    "identifier_scheme",
    "identifier_type",
    "interpretation_services",
    "interval",
    "language",
    "languages",
    "last_action_date",
    "last_action_type",
    "last_modified",
    "latitude",
    "legal_status",
    "licenses",
    "link_entity",
    "link_id",
    "link_type",
    "location",
    "location_id",
    "location_type",
    "locations",
    "logo",
    "longitude",
    "maximum_age",
    "metadata",
    "minimum_age",
    "name",
    "note",
    "notes",
    "number",
    "opens_at",
    "option",
    "organization",
    "organization_id",
    "organization_identifiers",
    "parent_id",
    "parent_organization_id",
    "phone_id",
    "phones",
    "postal_code",
    "previous_value",
    "program",
    "program_id",
    "programs",
    "region",
    "replacement_value",
    "required_documents",
    "resource_id",
    "resource_type",
    "schedule_link",
    "schedules",
    "service_areas",
    "service_at_location_id",
    "service_at_locations",
    "service_id",
    "source",
    "state_province",
    "status",
    "tax_id",
    "tax_status",
    "taxonomy",
    "taxonomy_detail",
    "taxonomy_id",
    "taxonomy_term",
    "taxonomy_term_id",
    "term_uri",
    "timezone",
    "title",
    "transportation",
    "type",
    "until",
    "updated_by",
    "uri",
    "url",
    "valid_from",
    "valid_to",
    "value",
    "version",
    "wait_time",
    "website",
    "wkst",
    "year_incorporated",
];

struct Builder<'a> {
    options: &'a ImportOptions,
    regions: Vec<Value>,
    areas: Vec<String>,
    categories: Vec<Value>,
    category_ids: Vec<String>,
    organizations: Vec<Value>,
    organization_ids: Vec<String>,
    locations: Vec<Value>,
    location_ids: Vec<String>,
    services: Vec<Value>,
    service_ids: Vec<String>,
    notes: Vec<ServiceNotes>,
    currency: Option<String>,
    needs_age: bool,
    warnings: Vec<Diagnostic>,
    not_imported: BTreeSet<String>,
}

impl<'a> Builder<'a> {
    fn new(options: &'a ImportOptions) -> Self {
        Builder {
            options,
            regions: vec![json!({ "code": ROOT_REGION, "name": "All areas", "level": "city" })],
            areas: Vec::new(),
            categories: Vec::new(),
            category_ids: Vec::new(),
            organizations: Vec::new(),
            organization_ids: Vec::new(),
            locations: Vec::new(),
            location_ids: Vec::new(),
            services: Vec::new(),
            service_ids: Vec::new(),
            notes: Vec::new(),
            currency: None,
            needs_age: false,
            warnings: Vec::new(),
            not_imported: BTreeSet::new(),
        }
    }

    /// Sorts an ignored field: a field of HSDS that a feed has no place
    /// for (listed once, by where it sits in a service:
    /// `organization.legal_status`), or one that is no part of HSDS at all
    /// (a warning with its full path).
    fn ignored(&mut self, path: String) {
        let name = path.rsplit('.').next().unwrap_or(&path).to_string();
        if name == "id" {
            // The ids of objects a feed does not keep go with them.
        } else if HSDS_FIELDS.contains(&name.as_str()) {
            self.not_imported.insert(within_service(&path));
        } else {
            self.warnings.push(Diagnostic {
                path,
                message: "not an HSDS 3 field, ignored".into(),
            });
        }
    }

    fn read(&mut self, path: &str, item: &Value) -> Result<wire::Service, ImportError> {
        let mut ignored = Vec::new();
        let result =
            serde_ignored::deserialize(item, |p| ignored.push(join(path, &ignored_path(&p))));
        match result {
            Ok(service) => {
                for p in ignored {
                    self.ignored(p);
                }
                Ok(service)
            }
            Err(_) => {
                let e = match serde_path_to_error::deserialize::<_, wire::Service>(item) {
                    Err(e) => e,
                    Ok(_) => {
                        return Err(ImportError::Invalid {
                            path: path.to_string(),
                            message: "not an HSDS service".into(),
                        })
                    }
                };
                let inner = e.path().to_string();
                let inner = if inner == "." { String::new() } else { inner };
                Err(ImportError::Invalid {
                    path: join(path, &inner),
                    message: e.into_inner().to_string(),
                })
            }
        }
    }

    fn service(&mut self, path: &str, s: wire::Service) -> Result<(), ImportError> {
        let required = |field: &str, value: &Option<String>| match value.as_deref().map(str::trim) {
            Some(v) if !v.is_empty() => Ok(v.to_string()),
            _ => Err(ImportError::Invalid {
                path: join(path, field),
                message: "missing required field".into(),
            }),
        };
        let raw_id = required("id", &s.id)?;
        let name = required("name", &s.name)?;
        let status = match s.status.as_deref().map(str::trim) {
            None | Some("active") => "active",
            Some("inactive") => "inactive",
            Some("defunct") => "defunct",
            Some("temporarily closed" | "temporarily_closed") => "temporarily_closed",
            Some(other) => {
                return Err(ImportError::Invalid {
                    path: join(path, "status"),
                    message: format!(
                        "`{other}` is not an HSDS status (active, inactive, defunct, temporarily closed)"
                    ),
                })
            }
        };
        let n = self.services.len() + 1;
        let id = fresh(&self.service_ids, caidan_id(Some(&raw_id)), || {
            format!("service-{n}")
        });
        self.service_ids.push(id.clone());
        let mut todo = Vec::new();
        if id != raw_id {
            let why = if is_valid_id(&raw_id) {
                "belongs to an earlier service"
            } else {
                "is not a feed id"
            };
            todo.push(format!(
                "id: HSDS id `{raw_id}` {why}; this service became `{id}`"
            ));
        }

        let organization = self.organization(&s, &mut todo);
        let location_ids = self.locations_of(&s, &mut todo);
        let category = self.category(&s, &mut todo);
        let keywords: Vec<String> = s
            .alternate_name
            .iter()
            .chain(
                s.attributes
                    .iter()
                    .flatten()
                    .filter_map(|a| a.taxonomy_term.as_ref()?.name.as_ref()),
            )
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();

        // Eligibility: an age range is a rule; other words are kept for the
        // resident to read, and everyone qualifies until a rule says more.
        let mut clauses = Vec::new();
        for (field, op, value) in [
            ("minimum_age", ">=", s.minimum_age),
            ("maximum_age", "<=", s.maximum_age),
        ] {
            if let Some(age) = value {
                if !age.is_finite() || !(0.0..=130.0).contains(&age) {
                    return Err(ImportError::Invalid {
                        path: join(path, field),
                        message: format!("`{age}` is not an age from 0 to 130"),
                    });
                }
                clauses.push(format!("age {op} {age}"));
            }
        }
        let eligibility = if clauses.is_empty() {
            "true".to_string()
        } else {
            self.needs_age = true;
            clauses.join(" and ")
        };
        let eligibility_description = s
            .eligibility_description
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        match (clauses.is_empty(), eligibility_description) {
            (true, Some(d)) => todo.push(format!(
                "eligibility: everyone qualifies until you write a rule for “{d}”"
            )),
            (false, Some(d)) => todo.push(format!(
                "eligibility: the rule is `{eligibility}`; add what else “{d}” asks"
            )),
            (true, None) => {
                todo.push("eligibility: everyone qualifies; write a rule if not".into())
            }
            (false, None) => {}
        }

        let cost = self.cost(&s, &mut todo);
        let areas = self.areas(&s, &mut todo);
        let phone = s
            .phones
            .iter()
            .flatten()
            .filter_map(|p| p.number.as_deref())
            .find_map(tel);

        let mut service = Map::new();
        service.insert("id".into(), json!(id));
        service.insert("name".into(), json!(name));
        if let Some(d) = nonempty(&s.description) {
            service.insert("description".into(), json!(d));
        }
        service.insert("category".into(), json!(category));
        if !keywords.is_empty() {
            service.insert("keywords".into(), json!(keywords));
        }
        service.insert("organization_id".into(), json!(organization));
        if !location_ids.is_empty() {
            service.insert("location_ids".into(), json!(location_ids));
        }
        if !areas.is_empty() {
            service.insert("service_areas".into(), json!(areas));
        }
        service.insert("status".into(), json!(status));
        service.insert("eligibility".into(), json!(eligibility));
        if let Some(d) = eligibility_description {
            service.insert("eligibility_description".into(), json!(d));
        }
        if let Some(c) = cost {
            service.insert("cost".into(), c);
        }
        let documents: Vec<&str> = s
            .required_documents
            .iter()
            .flatten()
            .filter_map(|d| nonempty(&d.document))
            .collect();
        if !documents.is_empty() {
            service.insert("required_documents".into(), json!(documents));
        }
        if let Some(source) = s.funding.iter().flatten().find_map(|f| nonempty(&f.source)) {
            service.insert("funding".into(), json!({ "source": source }));
        }
        if let Some(p) = phone {
            service.insert("contact_phone".into(), json!(p));
        }
        self.services.push(Value::Object(service));
        self.notes.push(ServiceNotes { id, todo });
        Ok(())
    }

    fn organization(&mut self, s: &wire::Service, todo: &mut Vec<String>) -> String {
        let nested = s.organization.as_ref();
        let raw = nested
            .and_then(|o| o.id.clone())
            .or_else(|| s.organization_id.clone());
        let id = caidan_id(raw.as_deref()).unwrap_or_else(|| "organization-unknown".into());
        if self.organization_ids.contains(&id) {
            return id;
        }
        let mut org = Map::new();
        org.insert("id".into(), json!(id));
        match nested.and_then(|o| nonempty(&o.name)) {
            Some(name) => {
                org.insert("name".into(), json!(name));
            }
            None => {
                org.insert("name".into(), json!(id));
                todo.push(format!(
                    "organization: HSDS gave no organization name; `{id}` is named by its id"
                ));
            }
        }
        if let Some(o) = nested {
            if let Some(d) = nonempty(&o.description) {
                org.insert("description".into(), json!(d));
            }
            if let Some(w) = nonempty(&o.website) {
                if check_url(w, UrlUse::Web).is_ok() {
                    org.insert("url".into(), json!(w));
                }
            }
            if let Some(p) = o
                .phones
                .iter()
                .flatten()
                .filter_map(|p| p.number.as_deref())
                .find_map(tel)
            {
                org.insert("phone".into(), json!(p));
            }
            if let Some(parent) = o.parent_organization_id.as_deref() {
                todo.push(format!(
                    "organization: `{id}` belongs to `{parent}`, which a feed links only when it has that organization too"
                ));
            }
        }
        self.organization_ids.push(id.clone());
        self.organizations.push(Value::Object(org));
        id
    }

    fn locations_of(&mut self, s: &wire::Service, todo: &mut Vec<String>) -> Vec<String> {
        let mut ids = Vec::new();
        for sal in s.service_at_locations.iter().flatten() {
            let Some(l) = &sal.location else {
                if let Some(raw) = &sal.location_id {
                    todo.push(format!(
                        "locations: HSDS named location `{raw}` without its details; add it by hand"
                    ));
                }
                continue;
            };
            let n = self.locations.len() + 1;
            let raw = l.id.as_deref().or(sal.location_id.as_deref());
            let id = caidan_id(raw).unwrap_or_else(|| format!("location-{n}"));
            if !ids.contains(&id) {
                ids.push(id.clone());
            }
            if self.location_ids.contains(&id) {
                continue;
            }
            let mut schedules = schedules(l.schedules.iter().flatten(), todo);
            if schedules.is_empty() {
                schedules = self::schedules(sal.schedules.iter().flatten(), todo);
            }
            let address = l.addresses.iter().flatten().next().map(|a| {
                [
                    &a.address_1,
                    &a.address_2,
                    &a.city,
                    &a.state_province,
                    &a.postal_code,
                    &a.country,
                ]
                .into_iter()
                .filter_map(nonempty)
                .collect::<Vec<_>>()
                .join(", ")
            });
            let name = nonempty(&l.name)
                .map(str::to_string)
                .or_else(|| address.clone().filter(|a| !a.is_empty()))
                .unwrap_or_else(|| id.clone());
            let mut loc = Map::new();
            loc.insert("id".into(), json!(id));
            loc.insert("name".into(), json!(name));
            if let Some(a) = address.filter(|a| !a.is_empty()) {
                loc.insert("address".into(), json!(a));
            }
            if let (Some(lat), Some(lon)) = (l.latitude, l.longitude) {
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
                    loc.insert("latitude".into(), json!(lat));
                    loc.insert("longitude".into(), json!(lon));
                }
            }
            if let Some(p) = l
                .phones
                .iter()
                .flatten()
                .filter_map(|p| p.number.as_deref())
                .find_map(tel)
            {
                loc.insert("phone".into(), json!(p));
            }
            if !schedules.is_empty() {
                loc.insert("schedules".into(), Value::Array(schedules));
            }
            let access: Vec<&str> = l
                .accessibility
                .iter()
                .flatten()
                .flat_map(|a| [&a.description, &a.details])
                .filter_map(nonempty)
                .collect();
            if !access.is_empty() {
                loc.insert("accessibility".into(), json!(access.join(" ")));
            }
            self.location_ids.push(id);
            self.locations.push(Value::Object(loc));
        }
        // The service's own hours belong to its one place, when it has one
        // place and that place has no hours of its own.
        let own: Vec<&wire::Schedule> = s.schedules.iter().flatten().collect();
        if !own.is_empty() {
            let mut scratch = Vec::new();
            let converted = schedules(own.iter().copied(), &mut scratch);
            let target = match ids.as_slice() {
                [only] => self.locations.iter_mut().find(|l| {
                    l.get("id").and_then(Value::as_str) == Some(only.as_str())
                        && l.get("schedules").is_none()
                }),
                _ => None,
            };
            match target {
                Some(Value::Object(loc)) if !converted.is_empty() => {
                    loc.insert("schedules".into(), Value::Array(converted));
                    todo.extend(scratch);
                }
                _ => todo.push(
                    "schedules: the service's own hours are not imported: a feed keeps hours per location, and this service has several, none, or one with hours of its own".into(),
                ),
            }
        }
        ids
    }

    fn category(&mut self, s: &wire::Service, todo: &mut Vec<String>) -> String {
        let term = s.attributes.iter().flatten().find_map(|a| {
            a.taxonomy_term
                .as_ref()
                .filter(|t| nonempty(&t.name).is_some())
        });
        let Some(term) = term else {
            todo.push("category: HSDS gave no taxonomy term; the service is in `other`".into());
            return self.add_category("other".into(), "Other", None);
        };
        let n = self.categories.len() + 1;
        let id = caidan_id(term.code.as_deref())
            .or_else(|| caidan_id(term.id.as_deref()))
            .unwrap_or_else(|| format!("category-{n}"));
        let name = nonempty(&term.name).unwrap_or("");
        self.add_category(id, name, nonempty(&term.description))
    }

    fn add_category(&mut self, id: String, name: &str, description: Option<&str>) -> String {
        if !self.category_ids.contains(&id) {
            let mut c = Map::new();
            c.insert("id".into(), json!(id));
            c.insert("name".into(), json!(name));
            if let Some(d) = description {
                c.insert("description".into(), json!(d));
            }
            self.category_ids.push(id.clone());
            self.categories.push(Value::Object(c));
        }
        id
    }

    /// The largest amount is the full price; cheaper options are subsidies
    /// still to write, since HSDS states their condition only in words.
    fn cost(&mut self, s: &wire::Service, todo: &mut Vec<String>) -> Option<Value> {
        let options: Vec<&wire::CostOption> = s.cost_options.iter().flatten().collect();
        let priced: Vec<(&wire::CostOption, f64)> = options
            .iter()
            .filter_map(|o| Some((*o, o.amount.filter(|a| a.is_finite() && *a >= 0.0)?)))
            .collect();
        let full = priced.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((top, amount)) = full.filter(|(_, a)| *a > 0.0) else {
            if let Some(f) = nonempty(&s.fees_description) {
                todo.push(format!(
                    "cost: the service is free in the feed; HSDS says “{f}”"
                ));
            } else if options.len() > priced.len() {
                todo.push(
                    "cost: HSDS gave cost options without amounts; the service is free in the feed"
                        .into(),
                );
            }
            return None;
        };
        for o in &options {
            if let Some(c) = nonempty(&o.currency) {
                let c = c.to_ascii_uppercase();
                match &self.currency {
                    None if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => {
                        self.currency = Some(c)
                    }
                    Some(known) if *known != c => todo.push(format!(
                        "cost: an option is in {c}; a feed has one currency, {known}"
                    )),
                    _ => {}
                }
            }
        }
        for (o, a) in &priced {
            if std::ptr::eq(*o, top) {
                continue;
            }
            let covers = ((1.0 - a / amount) * 10_000.0).round() / 100.0;
            todo.push(format!(
                "subsidies: cost option “{}” ({a}) is a subsidy covering {covers}% for whom its words say; write its rule",
                nonempty(&o.option).unwrap_or("no condition given")
            ));
        }
        if let Some(f) = nonempty(&s.fees_description) {
            todo.push(format!("cost: check the amount against “{f}”"));
        }
        let unit = nonempty(&top.amount_description).or_else(|| nonempty(&top.option));
        Some(match unit {
            Some(u) => json!({ "amount": amount, "unit": u }),
            None => json!({ "amount": amount }),
        })
    }

    fn areas(&mut self, s: &wire::Service, todo: &mut Vec<String>) -> Vec<String> {
        let mut codes = Vec::new();
        for a in s.service_areas.iter().flatten() {
            let Some(name) = nonempty(&a.name).or_else(|| nonempty(&a.description)) else {
                continue;
            };
            let code = match self.areas.iter().position(|n| n == name) {
                Some(i) => format!("area-{}", i + 1),
                None => {
                    self.areas.push(name.to_string());
                    let code = format!("area-{}", self.areas.len());
                    self.regions.push(json!({
                        "code": code, "name": name, "level": "district", "parent": ROOT_REGION
                    }));
                    code
                }
            };
            todo.push(format!(
                "regions: service area “{name}” is region `{code}`; give it its code and place in the region tree"
            ));
            codes.push(code);
        }
        codes
    }

    fn finish(self) -> Imported {
        let o = self.options;
        let mut facts = vec![json!({
            "id": "residence", "type": "region", "question": "Where do you live?"
        })];
        if self.needs_age {
            facts.push(json!({
                "id": "age", "type": "integer", "min": 0, "max": 130,
                "question": "How old are you?", "unit": "years"
            }));
        }
        let mut feed = Map::new();
        feed.insert("caidan_feed".into(), json!("1.0"));
        feed.insert("id".into(), json!(o.feed_id));
        feed.insert("version".into(), json!("1"));
        feed.insert("published_at".into(), json!(o.published_at));
        feed.insert("title".into(), json!(o.title));
        feed.insert("default_locale".into(), json!(o.locale));
        feed.insert("locales".into(), json!([o.locale]));
        if let Some(c) = &self.currency {
            feed.insert("currency".into(), json!(c));
        }
        feed.insert("intake".into(), json!({ "kind": "voucher" }));
        feed.insert("regions".into(), Value::Array(self.regions));
        feed.insert("categories".into(), Value::Array(self.categories));
        feed.insert("facts".into(), Value::Array(facts));
        feed.insert("organizations".into(), Value::Array(self.organizations));
        feed.insert("locations".into(), Value::Array(self.locations));
        feed.insert("services".into(), Value::Array(self.services));
        let mut notes = vec![
            "intake: requests stay on residents' devices as vouchers; add a hotline, or an Open311 endpoint".to_string(),
            format!("regions: the tree is a placeholder under `{ROOT_REGION}`; put in your city's regions"),
            "facts: the questions are in English; translate them and add the facts your rules need".to_string(),
        ];
        if self.currency.is_none() {
            notes.push("currency: HSDS gave none; the feed's amounts are in CNY".into());
        }
        Imported {
            feed: Value::Object(feed),
            services: self.notes,
            notes,
            warnings: self.warnings,
            not_imported: self.not_imported.into_iter().collect(),
        }
    }
}

/// Weekly opening hours; anything else (monthly rules, missing times) is
/// left out with a note.
fn schedules<'s>(
    list: impl Iterator<Item = &'s wire::Schedule>,
    todo: &mut Vec<String>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for s in list {
        let weekly = s
            .freq
            .as_deref()
            .is_none_or(|f| f.eq_ignore_ascii_case("weekly"));
        let days: Option<Vec<String>> = s.byday.as_deref().map(|d| {
            d.split(',')
                .map(|day| day.trim().to_ascii_uppercase())
                .collect()
        });
        let days = days.filter(|d| {
            d.iter()
                .all(|day| matches!(day.as_str(), "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU"))
        });
        let time = |t: &Option<String>| t.as_deref().and_then(|t| TimeOfDay::parse(t.trim()).ok());
        match (weekly, days, time(&s.opens_at), time(&s.closes_at)) {
            (true, Some(days), Some(opens), Some(closes)) if opens < closes => {
                out.push(json!({
                    "byday": days.join(","),
                    "opens_at": opens.to_string(),
                    "closes_at": closes.to_string(),
                }));
            }
            _ => todo.push(format!(
                "schedules: “{}” is not weekly opening hours; add it by hand",
                nonempty(&s.description)
                    .unwrap_or_else(|| s.byday.as_deref().unwrap_or("a schedule"))
            )),
        }
    }
    out
}

/// Where a field sits in any service: the path without list positions or
/// the service's own place in the document.
fn within_service(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.strip_prefix("contents").unwrap_or(&out);
    out.trim_start_matches('.').to_string()
}

/// A feed id: the HSDS id itself when it is one (UUIDs are).
fn caidan_id(raw: Option<&str>) -> Option<String> {
    raw.map(str::trim)
        .filter(|r| is_valid_id(r))
        .map(str::to_string)
}

/// `id` unless taken or absent, else the fallback.
fn fresh(taken: &[String], id: Option<String>, fallback: impl FnOnce() -> String) -> String {
    match id {
        Some(id) if !taken.contains(&id) => id,
        _ => fallback(),
    }
}

/// A phone number as a `tel:` URL, when it is one.
fn tel(number: &str) -> Option<String> {
    let url = format!("tel:{}", number.trim());
    check_url(&url, UrlUse::Phone).ok().map(|()| url)
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn join(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_string(),
        (_, true) => prefix.to_string(),
        _ if path.starts_with('[') => format!("{prefix}{path}"),
        _ => format!("{prefix}.{path}"),
    }
}

fn strip_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((before, _)) => before.to_string(),
        None => message.to_string(),
    }
}
