//! A GeoReport v2 (Open311) intake on loopback, standing in for a city's
//! request system in request tests.
//!
//! - `POST /open311/v2/requests.json` takes a form-encoded request. Every
//!   POST is recorded with its `Idempotency-Key` header and its
//!   `idempotency_key` field. A request whose key was seen before gets the
//!   id it got then and creates nothing new, so a retried submission never
//!   becomes a second request. The answer is
//!   `[{"service_request_id":"SR-1","service_notice":"..."}]`.
//! - `GET /open311/v2/requests/{id}.json` answers the request's status:
//!   `[{"service_request_id":"SR-1","status":"open","status_notes":"Received"}]`
//!   until a test changes it with [`Open311Mock::set_status`].
//! - A POST can be made to fail ([`PostMode`]): HTTP 500, a GeoReport error
//!   list with HTTP 400, a slow answer, or an answer lost after the request
//!   was taken.
//! - [`Open311Mock::start_strict`] behaves like a real server: no custom
//!   header allowed in CORS, no deduplication.
//! - The app runs on another origin, so CORS preflights (`OPTIONS`) are
//!   answered with 204 and every response carries
//!   `Access-Control-Allow-Origin: *`.
//!
//! The server runs on the tokio runtime that starts it and stops when the
//! [`Open311Mock`] is dropped; what every response carries is in
//! [`crate::loopback`].

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    CONTENT_TYPE,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use percent_encoding::percent_decode_str;
use serde_json::{json, Value};

use crate::loopback::{lock, Loopback};

/// The path under which the mock serves GeoReport v2.
pub const OPEN311_BASE: &str = "/open311/v2";

/// How the mock answers `POST requests.json`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PostMode {
    /// Takes the request and answers its id.
    #[default]
    Accept,
    /// Answers HTTP 500 with a plain-text body; nothing is created.
    ServerError,
    /// Answers a GeoReport error list `[{"code":…,"description":…}]` with
    /// HTTP `code`; nothing is created.
    ErrorList {
        /// The HTTP status and the error's `code`, e.g. 400.
        code: u16,
        /// The error's `description`, e.g. "service_code is invalid".
        description: String,
    },
    /// Takes the request as [`PostMode::Accept`] does, but answers only
    /// after this long.
    Slow(Duration),
    /// Takes the request, then drops the connection without an answer: the
    /// request arrived, but the browser cannot know it.
    LoseAnswer,
}

impl PostMode {
    /// The error list GeoReport servers send for an unknown service code.
    pub fn invalid_service_code() -> PostMode {
        PostMode::ErrorList {
            code: 400,
            description: "service_code is invalid".to_string(),
        }
    }
}

/// One `POST requests.json` as it arrived, whatever it was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    /// The `Idempotency-Key` header, if sent.
    pub idempotency_header: Option<String>,
    /// The `idempotency_key` form field, if sent.
    pub idempotency_field: Option<String>,
    /// The decoded form fields, in the order sent.
    pub form: Vec<(String, String)>,
    /// How the mock was set to answer it.
    pub mode: PostMode,
}

impl Posted {
    /// The first value of the form field `name`.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of the form field `name` (e.g. `attribute[repair][]`).
    pub fn fields(&self, name: &str) -> Vec<&str> {
        self.form
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// The idempotency key: the header, else the form field.
    pub fn key(&self) -> Option<&str> {
        self.idempotency_header
            .as_deref()
            .or(self.idempotency_field.as_deref())
    }
}

/// A request the mock created: one per distinct idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRequest {
    /// The id the mock gave it, `SR-1`, `SR-2`, ….
    pub service_request_id: String,
    /// The idempotency key it was created under (empty if none was sent).
    pub idempotency_key: String,
    /// The POST that created it.
    pub posted: Posted,
}

impl ServiceRequest {
    /// Its `service_code` form field.
    pub fn service_code(&self) -> Option<&str> {
        self.posted.field("service_code")
    }
}

/// A running GeoReport v2 mock bound to a free port on 127.0.0.1.
#[derive(Debug)]
pub struct Open311Mock {
    state: Arc<Intake>,
    loopback: Loopback,
}

impl Open311Mock {
    /// Binds 127.0.0.1 on a free port and starts answering on the current
    /// tokio runtime, accepting every request.
    pub async fn start() -> io::Result<Open311Mock> {
        let state = Arc::new(Intake::default());
        let router = Router::new()
            .fallback(respond)
            .with_state(Arc::clone(&state));
        let loopback = Loopback::serve(router).await?;
        Ok(Open311Mock { state, loopback })
    }

    /// Like [`Open311Mock::start`], but behaving as real GeoReport v2
    /// servers do: CORS preflights allow only `Content-Type` (a request
    /// with an `Idempotency-Key` header never gets through), and nothing is
    /// deduplicated (a repeated key makes a second request).
    pub async fn start_strict() -> io::Result<Open311Mock> {
        let mock = Open311Mock::start().await?;
        *lock(&mock.state.strict) = true;
        Ok(mock)
    }

    /// The address the mock listens on.
    pub fn addr(&self) -> SocketAddr {
        self.loopback.addr()
    }

    /// Makes the intake unreachable (`true`: every connection is closed
    /// unanswered, nothing is recorded) or reachable again.
    pub fn set_unplugged(&self, unplugged: bool) {
        self.loopback.set_unplugged(unplugged);
    }

    /// The mock's origin, e.g. `http://127.0.0.1:41234`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr())
    }

    /// The GeoReport endpoint for a feed's `intake.endpoint`, e.g.
    /// `http://127.0.0.1:41234/open311/v2`.
    pub fn endpoint(&self) -> String {
        format!("http://{}{OPEN311_BASE}", self.addr())
    }

    /// The Open311 demo feed shipped with the app, with its intake pointed
    /// at this mock (see [`open311_demo_feed`]).
    pub fn demo_feed(&self) -> Vec<u8> {
        open311_demo_feed(&self.endpoint())
    }

    /// Sets how later POSTs are answered.
    pub fn set_mode(&self, mode: PostMode) {
        *lock(&self.state.mode) = mode;
    }

    /// Sets the status every request reports from now on, e.g.
    /// `("closed", "Repaired")`. It starts as `("open", "Received")`.
    pub fn set_status(&self, status: &str, notes: &str) {
        *lock(&self.state.status) = (status.to_string(), notes.to_string());
    }

    /// Every POST received, in order, including failed and repeated ones.
    pub fn posts(&self) -> Vec<Posted> {
        lock(&self.state.posts).clone()
    }

    /// The requests created, one per distinct idempotency key, in order.
    pub fn requests(&self) -> Vec<ServiceRequest> {
        lock(&self.state.created).clone()
    }

    /// The requests created under `service_code`.
    pub fn requests_for(&self, service_code: &str) -> Vec<ServiceRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.service_code() == Some(service_code))
            .collect()
    }

    /// Every request received as `METHOD target`, e.g.
    /// `OPTIONS /open311/v2/requests.json`, in order.
    pub fn hits(&self) -> Vec<String> {
        lock(&self.state.hits).clone()
    }
}

/// The Open311 demo feed (`tests/data/open311-demo.json`, see
/// [`open311_demo_json`]), with `intake.endpoint` replaced by `endpoint`.
/// Panics if it cannot be read.
pub fn open311_demo_feed(endpoint: &str) -> Vec<u8> {
    let mut feed = open311_demo_json();
    match feed.get_mut("intake").and_then(Value::as_object_mut) {
        Some(intake) => {
            intake.insert("endpoint".to_string(), json!(endpoint));
        }
        None => panic!("the Open311 demo feed has no `intake` object"),
    }
    feed.to_string().into_bytes()
}

/// The Open311 demo feed as JSON. It posts to loopback, so it lives with
/// the tests and never ships in the app's `dist/`. Panics if it cannot be
/// read.
pub fn open311_demo_json() -> Value {
    let path = crate::app::workspace_root().join("tests/data/open311-demo.json");
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read `{}`: {e}", path.display()));
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("`{}` is not JSON: {e}", path.display()))
}

/// A deployment config (`caidan.json`) with the sample feed as default that
/// lets residents' requests go to `intake` (an origin such as
/// `http://127.0.0.1:41234`), for [`crate::Harness::deploy`].
pub fn config_allowing_intake(intake: &str) -> Value {
    json!({
        "default_feed": "/feeds/sample.json",
        "allowed_origins": [],
        "allowed_intake_origins": [intake],
    })
}

/// What the requests share: how to answer, and what came.
#[derive(Debug)]
struct Intake {
    mode: Mutex<PostMode>,
    status: Mutex<(String, String)>,
    posts: Mutex<Vec<Posted>>,
    created: Mutex<Vec<ServiceRequest>>,
    hits: Mutex<Vec<String>>,
    /// Behaves like a real GeoReport server: CORS allows no custom header,
    /// and a repeated key makes a second request.
    strict: Mutex<bool>,
}

impl Default for Intake {
    fn default() -> Intake {
        Intake {
            mode: Mutex::new(PostMode::Accept),
            status: Mutex::new(("open".to_string(), "Received".to_string())),
            posts: Mutex::new(Vec::new()),
            created: Mutex::new(Vec::new()),
            hits: Mutex::new(Vec::new()),
            strict: Mutex::new(false),
        }
    }
}

/// Records a request and answers it by its method and path under
/// [`OPEN311_BASE`], with the CORS headers the app on another origin needs.
async fn respond(
    State(intake): State<Arc<Intake>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    lock(&intake.hits).push(format!("{method} {uri}"));
    let rest = uri.path().strip_prefix(OPEN311_BASE);
    let mut response = match (&method, rest) {
        (_, None) => error(StatusCode::NOT_FOUND, "not found"),
        (&Method::OPTIONS, _) => StatusCode::NO_CONTENT.into_response(),
        (&Method::POST, Some("/requests.json")) => post_request(&intake, &headers, &body).await,
        (&Method::GET, Some(rest)) => match rest
            .strip_prefix("/requests/")
            .and_then(|r| r.strip_suffix(".json"))
        {
            Some(id) => request_status(&intake, &percent_decode_str(id).decode_utf8_lossy()),
            None => error(StatusCode::NOT_FOUND, "not found"),
        },
        _ => error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed"),
    };
    let headers = response.headers_mut();
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    if method == Method::OPTIONS {
        let methods = HeaderValue::from_static("GET, POST, OPTIONS");
        let allowed = if *lock(&intake.strict) {
            HeaderValue::from_static("Content-Type")
        } else {
            HeaderValue::from_static("Content-Type, Idempotency-Key")
        };
        headers.insert(ACCESS_CONTROL_ALLOW_METHODS, methods);
        headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, allowed);
    }
    response
}

/// A GeoReport error list with one error, `status` as its code.
fn error(status: StatusCode, description: &str) -> Response {
    let code = status.as_u16();
    let list = json!([{ "code": code, "description": description }]);
    json_response(status, list)
}

/// A JSON response.
fn json_response(status: StatusCode, body: Value) -> Response {
    let kind = [(CONTENT_TYPE, "application/json; charset=utf-8")];
    (status, kind, body.to_string()).into_response()
}

/// Records a POST and answers it as the current [`PostMode`] says.
async fn post_request(intake: &Intake, headers: &HeaderMap, body: &[u8]) -> Response {
    let form: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    let field = form
        .iter()
        .find(|(key, _)| key == "idempotency_key")
        .map(|(_, value)| value.clone());
    let header = headers.get("Idempotency-Key").and_then(|v| v.to_str().ok());
    let mode = lock(&intake.mode).clone();
    let posted = Posted {
        idempotency_header: header.map(str::to_string),
        idempotency_field: field,
        form,
        mode: mode.clone(),
    };
    lock(&intake.posts).push(posted.clone());
    match mode {
        PostMode::Accept => {}
        PostMode::ServerError => {
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal server error").into_response()
        }
        PostMode::ErrorList { code, description } => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
            return error(status, &description);
        }
        PostMode::Slow(delay) => {
            // Taken at once, answered late: a page closed meanwhile never
            // hears that it arrived.
            let id = create(intake, posted);
            tokio::time::sleep(delay).await;
            return created_response(&id);
        }
        PostMode::LoseAnswer => {
            create(intake, posted);
            // Unwinding out of the handler makes the server drop the
            // connection before any byte of an answer (no panic message).
            std::panic::resume_unwind(Box::new("the answer is lost on purpose"));
        }
    }
    let id = create(intake, posted);
    created_response(&id)
}

/// The answer to a request the mock created.
fn created_response(id: &str) -> Response {
    let notice = "Your request has been received by the test intake.";
    let created = json!([{ "service_request_id": id, "service_notice": notice }]);
    json_response(StatusCode::OK, created)
}

/// The id for `posted`: the one its idempotency key already has, or a new
/// request's.
fn create(intake: &Intake, posted: Posted) -> String {
    let key = posted.key().unwrap_or_default().to_string();
    let mut created = lock(&intake.created);
    if !key.is_empty() && !*lock(&intake.strict) {
        if let Some(existing) = created.iter().find(|r| r.idempotency_key == key) {
            return existing.service_request_id.clone();
        }
    }
    let id = format!("SR-{}", created.len() + 1);
    created.push(ServiceRequest {
        service_request_id: id.clone(),
        idempotency_key: key,
        posted,
    });
    id
}

fn request_status(intake: &Intake, id: &str) -> Response {
    let known = lock(&intake.created)
        .iter()
        .any(|r| r.service_request_id == id);
    if !known {
        return error(StatusCode::NOT_FOUND, &format!("no service request `{id}`"));
    }
    let (status, notes) = lock(&intake.status).clone();
    let answer = json!([{ "service_request_id": id, "status": status, "status_notes": notes }]);
    json_response(StatusCode::OK, answer)
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    use super::*;

    #[tokio::test]
    async fn repeated_keys_make_one_request_and_preflights_are_answered() {
        let mock = Open311Mock::start().await.expect("start");
        let addr = mock.addr();
        let preflight = crate::http::request(addr, "OPTIONS", "/open311/v2/requests.json")
            .await
            .expect("preflight");
        assert_eq!(preflight.status, 204);
        assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            preflight.header("access-control-allow-headers"),
            Some("Content-Type, Idempotency-Key")
        );

        let post = |body: &'static str| async move {
            let mut stream = TcpStream::connect(addr).await.expect("connect");
            let request = format!(
                "POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nIdempotency-Key: k1\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(request.as_bytes()).await.expect("write");
            let mut answer = String::new();
            stream.read_to_string(&mut answer).await.expect("read");
            answer
        };
        let first =
            post("service_code=s&idempotency_key=k1&attribute%5Bwhat%5D%5B%5D=%E4%B8%9C+x").await;
        let second = post("service_code=s&idempotency_key=k1").await;
        assert!(first.contains(r#""service_request_id":"SR-1""#), "{first}");
        assert!(
            second.contains(r#""service_request_id":"SR-1""#),
            "{second}"
        );
        assert!(first.contains("access-control-allow-origin: *"), "{first}");
        assert_eq!(mock.posts().len(), 2);
        assert_eq!(mock.requests().len(), 1);
        assert_eq!(mock.posts()[0].idempotency_header.as_deref(), Some("k1"));
        assert_eq!(mock.posts()[0].idempotency_field.as_deref(), Some("k1"));
        assert_eq!(mock.posts()[0].fields("attribute[what][]"), ["东 x"]);

        mock.set_mode(PostMode::ServerError);
        let failed = post("service_code=s&idempotency_key=k2").await;
        assert!(failed.starts_with("HTTP/1.1 500"), "{failed}");
        assert_eq!(mock.requests().len(), 1);

        let status = crate::http::get(addr, "/open311/v2/requests/SR-1.json?jurisdiction_id=d")
            .await
            .expect("status");
        assert_eq!(status.status, 200);
        assert!(
            status.text().contains(r#""status":"open""#),
            "{}",
            status.text()
        );
        mock.set_status("closed", "Done");
        let status = crate::http::get(addr, "/open311/v2/requests/SR-1.json")
            .await
            .expect("status");
        assert!(
            status.text().contains(r#""status":"closed""#),
            "{}",
            status.text()
        );
        let missing = crate::http::get(addr, "/open311/v2/requests/SR-9.json")
            .await
            .expect("status");
        assert_eq!(missing.status, 404);
    }
}
