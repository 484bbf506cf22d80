//! The menu as a GeoReport v2 service list (`GET services.json`) and its
//! service definitions (`GET services/{code}.json`), so that Open311
//! clients and intake systems can list what the app will send.
//!
//! One entry per service of the feed, in feed order, then the two codes
//! the app sends ratings and demand suggestions under
//! ([`EVALUATION_SERVICE_CODE`], [`DEMAND_SERVICE_CODE`]). Texts are in one
//! locale (GeoReport has no translations): the one asked for where a text
//! has it, else the feed's default. FEED.md, "The menu as an Open311
//! service list", says where each field comes from.

use serde_json::{json, Value};

use super::{DEMAND_SERVICE_CODE, EVALUATION_SERVICE_CODE};
use crate::feed::Feed;
use crate::request::evaluation::Satisfaction;
use crate::request::form::form_attributes;
use crate::request::suggestion::Urgency;
use crate::text::Text;
use crate::wire::{self, Datatype};

/// The group of the two codes that are not services of the menu.
pub const FEEDBACK_GROUP: &str = "caidan";

/// `services.json`: every service code the app may send.
pub fn service_list(feed: &Feed, locale: Option<&str>) -> Value {
    let t = |text: &Text| words(feed, text, locale);
    let mut list: Vec<Value> = feed
        .services()
        .iter()
        .map(|s| {
            let description = if s.summary.is_empty() {
                &s.description
            } else {
                &s.summary
            };
            json!({
                "service_code": s.id,
                "service_name": t(&s.name),
                "description": t(description),
                "metadata": !s.attributes.is_empty(),
                "type": "realtime",
                "keywords": s.keywords.join(","),
                "group": feed.category(&s.category).map(|c| t(&c.name)).unwrap_or_default(),
            })
        })
        .collect();
    for (code, name, description) in [
        (
            EVALUATION_SERVICE_CODE,
            "Rating of a delivered request",
            "A resident's rating of a request that was delivered.",
        ),
        (
            DEMAND_SERVICE_CODE,
            "A need the menu does not meet",
            "A resident's suggestion of a service the menu lacks.",
        ),
    ] {
        list.push(json!({
            "service_code": code,
            "service_name": name,
            "description": description,
            "metadata": true,
            "type": "realtime",
            "keywords": "",
            "group": FEEDBACK_GROUP,
        }));
    }
    Value::Array(list)
}

/// Every service definition, as `(service_code, services/{code}.json)`, in
/// the order of [`service_list`]. A service without attributes has a
/// definition with none.
pub fn service_definitions(feed: &Feed, locale: Option<&str>) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = feed
        .services()
        .iter()
        .map(|s| (s.id.clone(), definition(feed, s, locale)))
        .collect();
    out.push((
        EVALUATION_SERVICE_CODE.to_string(),
        feedback(
            EVALUATION_SERVICE_CODE,
            vec![
                attribute("request", "string", true, 1, "The request rated: the intake's service_request_id, else the request's idempotency key.", Vec::new()),
                attribute(
                    "level",
                    "singlevaluelist",
                    true,
                    2,
                    "How satisfied the resident is.",
                    Satisfaction::ALL
                        .iter()
                        .map(|s| json!({ "key": s.as_str(), "name": s.as_str() }))
                        .collect(),
                ),
                attribute("comment", "text", false, 3, "What the resident says about it.", Vec::new()),
            ],
        ),
    ));
    out.push((
        DEMAND_SERVICE_CODE.to_string(),
        feedback(
            DEMAND_SERVICE_CODE,
            vec![
                attribute(
                    "what",
                    "text",
                    true,
                    1,
                    "The need, in the resident's words.",
                    Vec::new(),
                ),
                attribute(
                    "urgency",
                    "singlevaluelist",
                    true,
                    2,
                    "How urgent the need is.",
                    Urgency::ALL
                        .iter()
                        .map(|u| json!({ "key": u.as_str(), "name": u.as_str() }))
                        .collect(),
                ),
                attribute(
                    "region",
                    "string",
                    false,
                    3,
                    "The region code where the need is.",
                    Vec::new(),
                ),
            ],
        ),
    ));
    out
}

/// `services/{code}.json` for one service: its request form.
pub fn definition(feed: &Feed, service: &wire::Service, locale: Option<&str>) -> Value {
    let attributes: Vec<Value> = form_attributes(service)
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let values = a
                .values
                .iter()
                .map(|v| json!({ "key": v.key, "name": words(feed, &v.name, locale) }))
                .collect();
            attribute(
                &a.code,
                datatype(a.datatype),
                a.required,
                i + 1,
                &words(feed, &a.description, locale),
                values,
            )
        })
        .collect();
    json!({ "service_code": service.id, "attributes": attributes })
}

fn feedback(code: &str, attributes: Vec<Value>) -> Value {
    json!({ "service_code": code, "attributes": attributes })
}

/// One GeoReport attribute. Every attribute is a question (`variable`);
/// `order` counts from 1 in form order, as GeoReport wants it unique.
fn attribute(
    code: &str,
    datatype: &str,
    required: bool,
    order: usize,
    description: &str,
    values: Vec<Value>,
) -> Value {
    let mut a = json!({
        "variable": true,
        "code": code,
        "datatype": datatype,
        "required": required,
        "datatype_description": Value::Null,
        "order": order,
        "description": description,
    });
    if !values.is_empty() {
        if let Some(map) = a.as_object_mut() {
            map.insert("values".into(), Value::Array(values));
        }
    }
    a
}

fn datatype(d: Datatype) -> &'static str {
    match d {
        Datatype::String => "string",
        Datatype::Number => "number",
        Datatype::Datetime => "datetime",
        Datatype::Text => "text",
        Datatype::Singlevaluelist => "singlevaluelist",
        Datatype::Multivaluelist => "multivaluelist",
    }
}

fn words(feed: &Feed, text: &Text, locale: Option<&str>) -> String {
    let default = feed.default_locale();
    text.get(locale.unwrap_or(default), default).to_string()
}
