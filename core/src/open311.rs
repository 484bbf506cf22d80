//! Open311 GeoReport v2: the request body the app posts to an intake
//! endpoint, the URLs it talks to, and the answers it reads back.
//!
//! Nothing here does IO: the app sends what [`Submission::encode`] builds to
//! [`post_url`] and hands the response body to [`parse_post_response`];
//! later it fetches [`status_url`] and hands the body to [`parse_status`].
//! Parsing never panics on what a server sends; every surprise is an
//! [`Open311Error`] that says what was wrong.

pub mod services;

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};
use thiserror::Error;

use crate::date::DateTime;
use crate::request::{
    AttributeAnswer, Contact, DemandSuggestion, Evaluation, IntakeTarget, Request,
};

/// A request the server took, as `POST requests.json` reports it.
///
/// GeoReport gives either the server's id straight away or a token to ask
/// for it later; at least one of the two is present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostedRequest {
    pub service_request_id: Option<String>,
    pub token: Option<String>,
    /// What the server wants the resident to know, if anything.
    pub service_notice: Option<String>,
}

/// A request's status as `GET requests/{id}.json` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteStatus {
    pub service_request_id: String,
    pub status: RemoteState,
    pub status_notes: Option<String>,
    /// When the server last changed the request, as it wrote it.
    pub updated_datetime: Option<String>,
    /// When the server expects to deal with it, as it wrote it.
    pub expected_datetime: Option<String>,
}

/// GeoReport's two request statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RemoteState {
    Open,
    Closed,
}

/// One entry of a GeoReport error list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteError {
    /// The error code as the server wrote it (usually an HTTP status).
    pub code: Option<String>,
    pub description: String,
}

/// Why a server's answer could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum Open311Error {
    /// The body is empty.
    #[error("the server's answer is empty")]
    EmptyBody,
    /// The body is not JSON; `excerpt` is its start.
    #[error("the server's answer is not JSON: `{excerpt}`")]
    NotJson { excerpt: String },
    /// The body is JSON but not shaped as GeoReport says.
    #[error("the server's answer is not a GeoReport response: {problem}")]
    Shape { problem: String },
    /// The body is an empty list.
    #[error("the server's answer lists no request")]
    NoRequest,
    /// A status other than `open` or `closed`.
    #[error("the server gave the status `{value}`, which is neither `open` nor `closed`")]
    Status { value: String },
    /// The server answered with a GeoReport error list.
    #[error("the server refused the request: {}", join_errors(.0))]
    Remote(Vec<RemoteError>),
}

/// The GeoReport service code demand suggestions are sent under.
pub const DEMAND_SERVICE_CODE: &str = "caidan-demand";
/// The GeoReport service code ratings are sent under.
pub const EVALUATION_SERVICE_CODE: &str = "caidan-evaluation";

/// What one `POST requests.json` carries, before it is encoded: a request,
/// a rating or a demand suggestion.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    /// The GeoReport service code: the service's id, or one of
    /// [`DEMAND_SERVICE_CODE`] and [`EVALUATION_SERVICE_CODE`].
    pub service_code: String,
    /// The answers, by attribute code.
    pub attributes: BTreeMap<String, AttributeAnswer>,
    /// How to reach the resident, if they gave it.
    pub contact: Option<Contact>,
    /// A free-text description, if any.
    pub description: Option<String>,
    /// Lets a server drop a retried submission: the same for every attempt
    /// to send the same thing.
    pub idempotency_key: String,
}

impl Submission {
    /// A placed request: its service, form answers and contact, under the
    /// request's own idempotency key.
    pub fn request(request: &Request) -> Submission {
        Submission {
            service_code: request.service_id.clone(),
            attributes: request.attributes.clone(),
            contact: request.contact.clone(),
            description: None,
            idempotency_key: request.idempotency_key.clone(),
        }
    }

    /// A rating of a request, under [`EVALUATION_SERVICE_CODE`]: attributes
    /// `request` (the intake's id for it, else its idempotency key, which
    /// the intake saw), `level` and `comment` when not blank; keyed
    /// `{request key}-evaluation`, so a request is rated at most once.
    pub fn evaluation(request: &Request, evaluation: &Evaluation) -> Submission {
        let mut attributes = BTreeMap::new();
        let about = request
            .remote_id
            .clone()
            .unwrap_or_else(|| request.idempotency_key.clone());
        attributes.insert("request".into(), AttributeAnswer::Text(about));
        attributes.insert(
            "level".into(),
            AttributeAnswer::One(evaluation.level.as_str().into()),
        );
        if !evaluation.comment.trim().is_empty() {
            attributes.insert(
                "comment".into(),
                AttributeAnswer::Text(evaluation.comment.clone()),
            );
        }
        Submission {
            service_code: EVALUATION_SERVICE_CODE.into(),
            attributes,
            contact: request.contact.clone(),
            description: None,
            idempotency_key: format!("{}-evaluation", request.idempotency_key),
        }
    }

    /// A demand suggestion, under [`DEMAND_SERVICE_CODE`]: attributes
    /// `what`, `urgency` and `region` when given; keyed `cd-demand-{id}`.
    /// No contact: a suggestion is anonymous.
    pub fn suggestion(suggestion: &DemandSuggestion) -> Submission {
        let mut attributes = BTreeMap::new();
        attributes.insert(
            "what".into(),
            AttributeAnswer::Text(suggestion.what.clone()),
        );
        attributes.insert(
            "urgency".into(),
            AttributeAnswer::One(suggestion.urgency.as_str().into()),
        );
        if let Some(r) = &suggestion.region {
            attributes.insert("region".into(), AttributeAnswer::Text(r.clone()));
        }
        Submission {
            service_code: DEMAND_SERVICE_CODE.into(),
            attributes,
            contact: None,
            description: None,
            idempotency_key: format!("cd-demand-{}", suggestion.id),
        }
    }

    /// The form body (`application/x-www-form-urlencoded`, UTF-8) for
    /// `POST {endpoint}/requests.json`, with the intake's jurisdiction and
    /// API key.
    ///
    /// Fields, in order: `service_code`, `jurisdiction_id` and `api_key` when
    /// given and not blank; `attribute[code]=value` for each non-blank answer
    /// in code order, with a `multivaluelist` answer as one
    /// `attribute[code][]=key` per key; the contact as `first_name`,
    /// `last_name` and `phone`; `description` when not blank; and
    /// `idempotency_key`, so that a server can drop a retried submission.
    /// The app also sends the key as an `Idempotency-Key` HTTP header, for
    /// servers that look there instead.
    ///
    /// GeoReport has no single name field. A name with a space and no
    /// Chinese characters (`Li Ming`) is split at its last space into
    /// `first_name` and `last_name`; any other name (`王小明`) goes whole into
    /// `first_name`, as Chinese names cannot be split reliably.
    ///
    /// Numbers are written in the shortest form that reads back the same
    /// (`2`, `2.5`); non-finite numbers are left out (validation refuses
    /// them).
    pub fn encode(&self, intake: &IntakeTarget) -> String {
        encode(
            self,
            intake.jurisdiction_id.as_deref(),
            intake.api_key.as_deref(),
        )
    }
}

fn encode(submission: &Submission, jurisdiction_id: Option<&str>, api_key: Option<&str>) -> String {
    let Submission {
        service_code,
        attributes,
        contact,
        description,
        idempotency_key,
    } = submission;
    let mut form = Form::default();
    form.field("service_code", service_code);
    for (name, value) in [("jurisdiction_id", jurisdiction_id), ("api_key", api_key)] {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            form.field(name, v);
        }
    }
    for (code, answer) in attributes {
        if answer.is_blank() {
            continue;
        }
        let name = format!("attribute[{code}]");
        match answer {
            AttributeAnswer::Text(s) | AttributeAnswer::DateTime(s) | AttributeAnswer::One(s) => {
                form.field(&name, s.trim());
            }
            AttributeAnswer::Number(n) if n.is_finite() => form.field(&name, &n.to_string()),
            AttributeAnswer::Number(_) => {}
            AttributeAnswer::Many(keys) => {
                let name = format!("{name}[]");
                for key in keys {
                    form.field(&name, key);
                }
            }
        }
    }
    if let Some(contact) = contact {
        let (first, last) = split_name(contact.name.trim());
        if !first.is_empty() {
            form.field("first_name", first);
        }
        if let Some(last) = last {
            form.field("last_name", last);
        }
        if !contact.phone.trim().is_empty() {
            form.field("phone", contact.phone.trim());
        }
    }
    if let Some(d) = description.as_deref().filter(|d| !d.trim().is_empty()) {
        form.field("description", d.trim());
    }
    form.field("idempotency_key", idempotency_key);
    form.body
}

/// `{endpoint}/requests.json`, with or without a trailing slash on
/// `endpoint` (a query string on the endpoint is kept at the end).
pub fn post_url(endpoint: &str) -> String {
    let (base, query) = split_query(endpoint);
    let mut url = format!("{base}/requests.json");
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    url
}

/// `{endpoint}/requests/{id}.json?jurisdiction_id=...`, with `id`
/// percent-encoded as a path segment and the jurisdiction left out when
/// absent or blank.
pub fn status_url(endpoint: &str, id: &str, jurisdiction_id: Option<&str>) -> String {
    let (base, query) = split_query(endpoint);
    let mut url = format!("{base}/requests/");
    for &b in id.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            url.push(char::from(b));
        } else {
            push_percent(&mut url, b);
        }
    }
    url.push_str(".json");
    let mut params: Vec<String> = query.into_iter().map(str::to_owned).collect();
    if let Some(j) = jurisdiction_id.filter(|j| !j.trim().is_empty()) {
        let mut form = Form::default();
        form.field("jurisdiction_id", j);
        params.push(form.body);
    }
    if !params.is_empty() {
        url.push('?');
        url.push_str(&params.join("&"));
    }
    url
}

/// Reads the body of a `POST requests.json` response.
///
/// The body is a list of objects with `service_request_id` (a string or a
/// number) or `token`, and an optional `service_notice`. A GeoReport error
/// list (`[{"code": 400, "description": "..."}]`) becomes
/// [`Open311Error::Remote`], whatever the HTTP status was. A single object
/// instead of a list is read as a list of one.
pub fn parse_post_response(body: &str) -> Result<Vec<PostedRequest>, Open311Error> {
    let items = parse_list(body)?;
    let mut posted = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let number = i + 1;
        let service_request_id = id_field(item, "service_request_id", number)?;
        let token = id_field(item, "token", number)?;
        if service_request_id.is_none() && token.is_none() {
            return Err(shape(format!(
                "item {number} has neither `service_request_id` nor `token`"
            )));
        }
        posted.push(PostedRequest {
            service_request_id,
            token,
            service_notice: text_field(item, "service_notice", number)?,
        });
    }
    Ok(posted)
}

/// Reads the body of a `GET requests/{id}.json` response: a list holding
/// one request (a bare object is accepted too; of several, the first is
/// read).
///
/// `service_request_id` and `status` are required; `status` is `open` or
/// `closed` in any case. Date-times are kept as the server wrote them; see
/// [`RemoteStatus::updated_at`].
pub fn parse_status(body: &str) -> Result<RemoteStatus, Open311Error> {
    let items = parse_list(body)?;
    let item = items.first().ok_or(Open311Error::NoRequest)?;
    let service_request_id = id_field(item, "service_request_id", 1)?
        .ok_or_else(|| shape("item 1 has no `service_request_id`".to_owned()))?;
    let status_text =
        text_field(item, "status", 1)?.ok_or_else(|| shape("item 1 has no `status`".to_owned()))?;
    let status = RemoteState::parse(&status_text).ok_or(Open311Error::Status {
        value: status_text.clone(),
    })?;
    Ok(RemoteStatus {
        service_request_id,
        status,
        status_notes: text_field(item, "status_notes", 1)?,
        updated_datetime: text_field(item, "updated_datetime", 1)?,
        expected_datetime: text_field(item, "expected_datetime", 1)?,
    })
}

impl RemoteStatus {
    /// `updated_datetime` as a [`DateTime`], when it is valid RFC 3339.
    pub fn updated_at(&self) -> Option<DateTime> {
        self.updated_datetime
            .as_deref()
            .and_then(|s| DateTime::parse(s.trim()).ok())
    }

    /// `expected_datetime` as a [`DateTime`], when it is valid RFC 3339.
    pub fn expected_at(&self) -> Option<DateTime> {
        self.expected_datetime
            .as_deref()
            .and_then(|s| DateTime::parse(s.trim()).ok())
    }
}

impl RemoteState {
    /// Reads `open` or `closed`, ignoring case and surrounding spaces.
    pub fn parse(s: &str) -> Option<RemoteState> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("open") {
            Some(RemoteState::Open)
        } else if s.eq_ignore_ascii_case("closed") {
            Some(RemoteState::Closed)
        } else {
            None
        }
    }

    /// The status as GeoReport writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RemoteState::Open => "open",
            RemoteState::Closed => "closed",
        }
    }

    /// What the status means for the request on the device: GeoReport closes
    /// a request when it has been dealt with, so `closed` is delivered;
    /// `open` changes nothing the device does not already know.
    pub fn event(self) -> Option<crate::request::Event> {
        match self {
            RemoteState::Open => None,
            RemoteState::Closed => Some(crate::request::Event::Deliver),
        }
    }
}

impl fmt::Display for RemoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{code} {}", self.description),
            None => f.write_str(&self.description),
        }
    }
}

/// How many characters of a non-JSON body an error quotes.
const EXCERPT_CHARS: usize = 60;

/// A form body under construction.
#[derive(Default)]
struct Form {
    body: String,
}

impl Form {
    fn field(&mut self, name: &str, value: &str) {
        if !self.body.is_empty() {
            self.body.push('&');
        }
        form_encode(&mut self.body, name);
        self.body.push('=');
        form_encode(&mut self.body, value);
    }
}

/// Appends `s` encoded as `application/x-www-form-urlencoded` does: ASCII
/// letters, digits and `*-._` as they are, space as `+`, every other UTF-8
/// byte as `%XX`.
fn form_encode(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => push_percent(out, b),
        }
    }
}

fn push_percent(out: &mut String, b: u8) {
    out.push('%');
    for nibble in [b >> 4, b & 15] {
        out.extend(char::from_digit(u32::from(nibble), 16).map(|c| c.to_ascii_uppercase()));
    }
}

/// Splits an endpoint into its base without trailing slashes and its query.
fn split_query(endpoint: &str) -> (&str, Option<&str>) {
    let endpoint = endpoint.trim();
    let (base, query) = match endpoint.split_once('?') {
        Some((b, q)) => (b, Some(q).filter(|q| !q.is_empty())),
        None => (endpoint, None),
    };
    (base.trim_end_matches('/'), query)
}

/// Splits a contact name into GeoReport's `first_name` and `last_name`.
fn split_name(name: &str) -> (&str, Option<&str>) {
    if name.chars().any(is_cjk) {
        return (name, None);
    }
    match name.rsplit_once(char::is_whitespace) {
        Some((first, last)) if !first.trim().is_empty() && !last.is_empty() => {
            (first.trim_end(), Some(last))
        }
        _ => (name, None),
    }
}

/// Whether `c` is a CJK ideograph or a CJK symbol.
fn is_cjk(c: char) -> bool {
    matches!(
        u32::from(c),
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF
    )
}

fn shape(problem: String) -> Open311Error {
    Open311Error::Shape { problem }
}

/// Parses a body into its list of objects, turning an error list into
/// [`Open311Error::Remote`].
fn parse_list(body: &str) -> Result<Vec<Map<String, Value>>, Open311Error> {
    let trimmed = body.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(Open311Error::EmptyBody);
    }
    let value: Value = serde_json::from_str(trimmed).map_err(|_| Open311Error::NotJson {
        excerpt: excerpt(trimmed),
    })?;
    let values = match value {
        Value::Array(items) => items,
        Value::Object(map) => vec![Value::Object(map)],
        other => {
            return Err(shape(format!(
                "expected a list of objects, found {}",
                json_kind(&other)
            )))
        }
    };
    let mut items = Vec::with_capacity(values.len());
    for (i, v) in values.into_iter().enumerate() {
        match v {
            Value::Object(map) => items.push(map),
            other => {
                return Err(shape(format!(
                    "item {} is {}, not an object",
                    i + 1,
                    json_kind(&other)
                )))
            }
        }
    }
    let errors: Vec<RemoteError> = items.iter().filter_map(as_remote_error).collect();
    if !errors.is_empty() {
        return Err(Open311Error::Remote(errors));
    }
    Ok(items)
}

/// An object is an error entry when it names no request and carries a
/// `code` or a `description`.
fn as_remote_error(item: &Map<String, Value>) -> Option<RemoteError> {
    let names_request = ["service_request_id", "token"]
        .iter()
        .any(|k| item.get(*k).is_some_and(|v| !v.is_null()));
    if names_request || !(item.contains_key("code") || item.contains_key("description")) {
        return None;
    }
    let code = item.get("code").and_then(scalar_text);
    let description = item
        .get("description")
        .and_then(scalar_text)
        .unwrap_or_else(|| "no description given".to_owned());
    Some(RemoteError { code, description })
}

/// A string or number field as text; `null` or absent is `None`.
fn id_field(
    item: &Map<String, Value>,
    key: &str,
    number: usize,
) -> Result<Option<String>, Open311Error> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(shape(format!(
            "`{key}` of item {number} is {}, not a string or a number",
            json_kind(other)
        ))),
    }
}

/// A string field; `null`, absent or blank is `None`.
fn text_field(
    item: &Map<String, Value>,
    key: &str,
    number: usize,
) -> Result<Option<String>, Open311Error> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(shape(format!(
            "`{key}` of item {number} is {}, not a string",
            json_kind(other)
        ))),
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The first characters of a body, on one line, for an error message.
fn excerpt(body: &str) -> String {
    let mut out: String = body
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if body.chars().nth(EXCERPT_CHARS).is_some() {
        out.push('…');
    }
    out
}

fn join_errors(errors: &[RemoteError]) -> String {
    if errors.is_empty() {
        return "no reason given".to_owned();
    }
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn answers(pairs: &[(&str, AttributeAnswer)]) -> BTreeMap<String, AttributeAnswer> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    /// A submission of service `s` keyed `k` with no attributes.
    fn bare(contact: Option<Contact>, description: Option<&str>) -> Submission {
        Submission {
            service_code: "s".into(),
            attributes: BTreeMap::new(),
            contact,
            description: description.map(str::to_owned),
            idempotency_key: "k".into(),
        }
    }

    fn placed() -> Request {
        let at = DateTime::parse("2026-11-26T09:00:00+08:00").unwrap();
        let mut r = Request::draft(3, "meal-assist-dc", "feed", "1", at).unwrap();
        r.attributes = answers(&[("diet", AttributeAnswer::One("soft".into()))]);
        r.contact = Some(Contact {
            name: "王小明".into(),
            phone: "13812345678".into(),
        });
        r
    }

    #[test]
    fn requests_ratings_and_suggestions_are_submissions() {
        use crate::request::{Satisfaction, Urgency};
        let mut request = placed();
        let submission = Submission::request(&request);
        assert_eq!(submission.service_code, "meal-assist-dc");
        assert_eq!(submission.idempotency_key, request.idempotency_key);
        assert_eq!(submission.contact, request.contact);

        let rating = Evaluation::new(Satisfaction::Satisfied, "  ").unwrap();
        let before_id = Submission::evaluation(&request, &rating);
        assert_eq!(before_id.service_code, EVALUATION_SERVICE_CODE);
        assert_eq!(
            before_id.attributes.get("request"),
            Some(&AttributeAnswer::Text(request.idempotency_key.clone())),
            "without the intake's id, the key it saw names the request"
        );
        assert!(!before_id.attributes.contains_key("comment"));
        request.remote_id = Some("SR-1".into());
        let rated = Submission::evaluation(&request, &rating);
        assert_eq!(
            rated.attributes.get("request"),
            Some(&AttributeAnswer::Text("SR-1".into()))
        );
        assert_eq!(
            rated.idempotency_key,
            format!("{}-evaluation", request.idempotency_key)
        );

        let at = DateTime::parse("2026-11-26T09:00:00+08:00").unwrap();
        let need = DemandSuggestion::new(9, "夜间陪护", Some("110101"), Urgency::High, at).unwrap();
        let body = Submission::suggestion(&need).encode(&IntakeTarget {
            endpoint: "https://intake.example/v2".into(),
            jurisdiction_id: Some("dc".into()),
            api_key: None,
            deduplicates: false,
        });
        assert_eq!(
            body,
            "service_code=caidan-demand&jurisdiction_id=dc\
             &attribute%5Bregion%5D=110101&attribute%5Burgency%5D=high\
             &attribute%5Bwhat%5D=%E5%A4%9C%E9%97%B4%E9%99%AA%E6%8A%A4\
             &idempotency_key=cd-demand-9"
        );
    }

    #[test]
    fn requests_encode_as_georeport_forms() {
        use AttributeAnswer::*;
        let attrs = answers(&[
            ("diet", One("soft".into())),
            ("days", Many(vec!["mo".into(), "fr".into()])),
            ("people", Number(2.0)),
            ("portion", Number(1.5)),
            ("start", DateTime("2026-11-21T09:00:00+08:00".into())),
            ("notes", Text("少盐 & no MSG".into())),
            ("blank", Text("  ".into())),
            ("none", Many(vec![])),
            ("bad", Number(f64::NAN)),
        ]);
        let contact = Contact {
            name: "王小明".into(),
            phone: "13812345678".into(),
        };
        let submission = Submission {
            service_code: "meal-assist-dc".into(),
            attributes: attrs,
            contact: Some(contact),
            description: Some("助餐服务 100%".into()),
            idempotency_key: "cd-0003-NQK8-N1".into(),
        };
        let body = encode(&submission, Some("dongcheng"), Some("public-key"));
        let expected = [
            "service_code=meal-assist-dc",
            "jurisdiction_id=dongcheng",
            "api_key=public-key",
            "attribute%5Bdays%5D%5B%5D=mo",
            "attribute%5Bdays%5D%5B%5D=fr",
            "attribute%5Bdiet%5D=soft",
            "attribute%5Bnotes%5D=%E5%B0%91%E7%9B%90+%26+no+MSG",
            "attribute%5Bpeople%5D=2",
            "attribute%5Bportion%5D=1.5",
            "attribute%5Bstart%5D=2026-11-21T09%3A00%3A00%2B08%3A00",
            "first_name=%E7%8E%8B%E5%B0%8F%E6%98%8E",
            "phone=13812345678",
            "description=%E5%8A%A9%E9%A4%90%E6%9C%8D%E5%8A%A1+100%25",
            "idempotency_key=cd-0003-NQK8-N1",
        ]
        .join("&");
        assert_eq!(body, expected);
    }

    #[test]
    fn optional_fields_are_left_out() {
        let body = encode(&bare(None, Some("")), None, Some(" "));
        assert_eq!(body, "service_code=s&idempotency_key=k");
    }

    fn check_name(name: &str, expected: (&str, Option<&str>)) {
        assert_eq!(split_name(name), expected, "{name:?}");
    }

    #[test]
    fn names_split_only_when_safe() {
        let cases = [
            ("王小明", ("王小明", None)),
            ("欧阳 娜娜", ("欧阳 娜娜", None)),
            ("Li Ming", ("Li", Some("Ming"))),
            ("Mary Ann Smith", ("Mary Ann", Some("Smith"))),
            ("Cher", ("Cher", None)),
            ("", ("", None)),
        ];
        for (name, expected) in cases {
            check_name(name, expected);
        }
        let contact = Contact {
            name: "Li Ming".into(),
            phone: String::new(),
        };
        let body = encode(&bare(Some(contact), None), None, None);
        assert_eq!(
            body,
            "service_code=s&first_name=Li&last_name=Ming&idempotency_key=k"
        );
    }

    #[test]
    fn urls_join_with_or_without_a_trailing_slash() {
        let cases = [
            (
                "https://intake.example.gov/open311/v2",
                "https://intake.example.gov/open311/v2/requests.json",
            ),
            (
                "https://intake.example.gov/open311/v2/",
                "https://intake.example.gov/open311/v2/requests.json",
            ),
            (
                "https://intake.example.gov/open311/v2//",
                "https://intake.example.gov/open311/v2/requests.json",
            ),
            (
                "https://intake.example.gov/v2/?city=bj",
                "https://intake.example.gov/v2/requests.json?city=bj",
            ),
        ];
        for (endpoint, expected) in cases {
            assert_eq!(post_url(endpoint), expected, "{endpoint}");
        }
        let cases = [
            (
                "https://x.gov/v2",
                "638344",
                Some("dongcheng"),
                "https://x.gov/v2/requests/638344.json?jurisdiction_id=dongcheng",
            ),
            (
                "https://x.gov/v2/",
                "638344",
                None,
                "https://x.gov/v2/requests/638344.json",
            ),
            (
                "https://x.gov/v2/",
                "a/b c?d#e",
                Some("东城"),
                "https://x.gov/v2/requests/a%2Fb%20c%3Fd%23e.json?jurisdiction_id=%E4%B8%9C%E5%9F%8E",
            ),
            (
                "https://x.gov/v2",
                "../admin",
                Some(""),
                "https://x.gov/v2/requests/..%2Fadmin.json",
            ),
            (
                "https://x.gov/v2?k=1",
                "7",
                Some("dc"),
                "https://x.gov/v2/requests/7.json?k=1&jurisdiction_id=dc",
            ),
        ];
        for (endpoint, id, jurisdiction, expected) in cases {
            assert_eq!(status_url(endpoint, id, jurisdiction), expected, "{id}");
        }
    }

    fn check_post(body: &str, expected: Result<Vec<PostedRequest>, &str>) {
        let got = parse_post_response(body).map_err(|e| e.to_string());
        let expected = expected.map_err(str::to_owned);
        assert_eq!(got, expected, "body {body}");
    }

    fn posted(id: Option<&str>, token: Option<&str>, notice: Option<&str>) -> PostedRequest {
        PostedRequest {
            service_request_id: id.map(str::to_owned),
            token: token.map(str::to_owned),
            service_notice: notice.map(str::to_owned),
        }
    }

    #[test]
    fn post_responses_from_the_georeport_examples() {
        let notice = "The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code";
        let example = format!(
            r#"[
  {{
    "service_request_id":293944,
    "service_notice":"{notice}",
    "account_id":null
  }}
]"#
        );
        let cases: Vec<(String, Result<Vec<PostedRequest>, &str>)> = vec![
            (example, Ok(vec![posted(Some("293944"), None, Some(notice))])),
            (
                r#"[{"token":"12345"}]"#.into(),
                Ok(vec![posted(None, Some("12345"), None)]),
            ),
            (
                r#"[{"service_request_id":"DC-2026-0001","service_notice":""}]"#.into(),
                Ok(vec![posted(Some("DC-2026-0001"), None, None)]),
            ),
            (
                r#"{"service_request_id":"7","token":null}"#.into(),
                Ok(vec![posted(Some("7"), None, None)]),
            ),
            (
                "\u{feff}[{\"token\":\"a\"}]\n".into(),
                Ok(vec![posted(None, Some("a"), None)]),
            ),
            (
                r#"[{"code":403,"description":"Invalid api_key received -- can't proceed with create_request."}]"#.into(),
                Err("the server refused the request: 403 Invalid api_key received -- can't proceed with create_request."),
            ),
            (
                r#"[{"code":400,"description":"service_code was not found"},{"code":"400","description":"attribute[diet] is required"}]"#.into(),
                Err("the server refused the request: 400 service_code was not found; 400 attribute[diet] is required"),
            ),
            (
                r#"{"description":"rate limited"}"#.into(),
                Err("the server refused the request: rate limited"),
            ),
            (
                r#"[{"code":500}]"#.into(),
                Err("the server refused the request: 500 no description given"),
            ),
            ("".into(), Err("the server's answer is empty")),
            ("  \n".into(), Err("the server's answer is empty")),
            (
                "<html><body>502 Bad Gateway</body></html>".into(),
                Err("the server's answer is not JSON: `<html><body>502 Bad Gateway</body></html>`"),
            ),
            (
                format!("<html>{}</html>", "x".repeat(100)),
                Err("the server's answer is not JSON: `<html>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…`"),
            ),
            (
                "[{\"token\":".into(),
                Err("the server's answer is not JSON: `[{\"token\":`"),
            ),
            (
                "42".into(),
                Err("the server's answer is not a GeoReport response: expected a list of objects, found a number"),
            ),
            (
                r#""ok""#.into(),
                Err("the server's answer is not a GeoReport response: expected a list of objects, found a string"),
            ),
            (
                r#"[{"token":"a"}, "b"]"#.into(),
                Err("the server's answer is not a GeoReport response: item 2 is a string, not an object"),
            ),
            (
                r#"[{"account_id":null}]"#.into(),
                Err("the server's answer is not a GeoReport response: item 1 has neither `service_request_id` nor `token`"),
            ),
            (
                r#"[{"service_request_id":{"id":1}}]"#.into(),
                Err("the server's answer is not a GeoReport response: `service_request_id` of item 1 is an object, not a string or a number"),
            ),
            (
                r#"[{"token":"a","service_notice":[1]}]"#.into(),
                Err("the server's answer is not a GeoReport response: `service_notice` of item 1 is a list, not a string"),
            ),
            ("[]".into(), Ok(vec![])),
        ];
        for (body, expected) in cases {
            check_post(&body, expected);
        }
    }

    fn check_status(body: &str, expected: Result<RemoteStatus, &str>) {
        let got = parse_status(body).map_err(|e| e.to_string());
        let expected = expected.map_err(str::to_owned);
        assert_eq!(got, expected, "body {body}");
    }

    #[test]
    fn status_responses_from_the_georeport_examples() {
        let example = r#"[
  {
    "service_request_id":638344,
    "status":"closed",
    "status_notes":"Duplicate request.",
    "service_name":"Sidewalk and Curb Issues",
    "service_code":"006",
    "description":null,
    "agency_responsible":null,
    "service_notice":null,
    "requested_datetime":"2010-04-14T06:37:38-08:00",
    "updated_datetime":"2010-04-14T06:37:38-08:00",
    "expected_datetime":"2010-04-15T06:37:38-08:00",
    "address":"8TH AVE and JUDAH ST",
    "address_id":545483,
    "zipcode":94122,
    "lat":37.762221815,
    "long":-122.4651145,
    "media_url":"http://city.gov.s3.amazonaws.com/requests/media/638344.jpg"
  }
]"#;
        let closed = RemoteStatus {
            service_request_id: "638344".into(),
            status: RemoteState::Closed,
            status_notes: Some("Duplicate request.".into()),
            updated_datetime: Some("2010-04-14T06:37:38-08:00".into()),
            expected_datetime: Some("2010-04-15T06:37:38-08:00".into()),
        };
        let open = RemoteStatus {
            service_request_id: "DC-1".into(),
            status: RemoteState::Open,
            status_notes: None,
            updated_datetime: None,
            expected_datetime: None,
        };
        let cases: Vec<(&str, Result<RemoteStatus, &str>)> = vec![
            (example, Ok(closed.clone())),
            (r#"[{"service_request_id":"DC-1","status":"Open"}]"#, Ok(open.clone())),
            (r#"{"service_request_id":"DC-1","status":" open "}"#, Ok(open.clone())),
            (
                r#"[{"service_request_id":"DC-1","status":"open","status_notes":null,"updated_datetime":""}]"#,
                Ok(open),
            ),
            ("[]", Err("the server's answer lists no request")),
            (
                r#"[{"code":404,"description":"service_request_id not found"}]"#,
                Err("the server refused the request: 404 service_request_id not found"),
            ),
            (
                r#"[{"service_request_id":"DC-1","status":"in progress"}]"#,
                Err("the server gave the status `in progress`, which is neither `open` nor `closed`"),
            ),
            (
                r#"[{"service_request_id":"DC-1"}]"#,
                Err("the server's answer is not a GeoReport response: item 1 has no `status`"),
            ),
            (
                r#"[{"status":"open"}]"#,
                Err("the server's answer is not a GeoReport response: item 1 has no `service_request_id`"),
            ),
            (
                r#"[{"service_request_id":"DC-1","status":true}]"#,
                Err("the server's answer is not a GeoReport response: `status` of item 1 is a boolean, not a string"),
            ),
            (
                r#"[[]]"#,
                Err("the server's answer is not a GeoReport response: item 1 is a list, not an object"),
            ),
            ("null", Err("the server's answer is not a GeoReport response: expected a list of objects, found null")),
            ("Not Found", Err("the server's answer is not JSON: `Not Found`")),
        ];
        for (body, expected) in cases {
            check_status(body, expected);
        }
        let status = parse_status(example).unwrap();
        assert_eq!(
            status.updated_at().map(|d| d.to_string()).as_deref(),
            Some("2010-04-14T06:37:38-08:00")
        );
        assert!(status.expected_at().is_some());
        let odd = RemoteStatus {
            updated_datetime: Some("2010-04-14 06:37".into()),
            ..closed
        };
        assert_eq!(odd.updated_at(), None);
    }

    proptest! {
        #[test]
        fn parsing_any_body_never_panics(body in "\\PC{0,80}") {
            let _ = parse_post_response(&body);
            let _ = parse_status(&body);
        }

        #[test]
        fn parsing_any_json_never_panics(body in r#"[\[\]{}",:0-9a-z_ ]{0,60}"#) {
            let _ = parse_post_response(&body);
            let _ = parse_status(&body);
        }

        #[test]
        fn form_encoding_uses_only_safe_bytes(value in "\\PC{0,40}") {
            let body = encode(&bare(None, Some(&value)), None, None);
            prop_assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b"*-._+%=&".contains(&b)));
        }
    }

    #[test]
    fn closed_means_delivered() {
        assert_eq!(
            RemoteState::Closed.event(),
            Some(crate::request::Event::Deliver)
        );
        assert_eq!(RemoteState::Open.event(), None);
    }
}
