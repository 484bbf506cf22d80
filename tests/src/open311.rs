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
//!   list with HTTP 400, or a slow answer.
//! - The app runs on another origin, so CORS preflights (`OPTIONS`) are
//!   answered with 204 and every response carries
//!   `Access-Control-Allow-Origin: *`.
//!
//! The server runs on the tokio runtime that starts it and stops when the
//! [`Open311Mock`] is dropped (aborting a slow answer too). The connection
//! handling is the one every loopback server here shares
//! ([`crate::http_server`]); a request that is not HTTP/1.x or is too long
//! is not answered.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use crate::app::{dist_dir, workspace_root};
use crate::http_server::{lock, Handler, Loopback, Request, Response};

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
    /// Waits this long, then takes the request as [`PostMode::Accept`] does.
    Slow(Duration),
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
    state: Arc<State>,
    loopback: Loopback,
}

impl Open311Mock {
    /// Binds 127.0.0.1 on a free port and starts answering on the current
    /// tokio runtime, accepting every request.
    pub async fn start() -> io::Result<Open311Mock> {
        let state = Arc::new(State::default());
        let loopback = Loopback::start(Arc::clone(&state)).await?;
        Ok(Open311Mock { state, loopback })
    }

    /// The address the mock listens on.
    pub fn addr(&self) -> SocketAddr {
        self.loopback.addr()
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

/// The Open311 demo feed shipped with the app (`feeds/open311-demo.json`
/// under [`dist_dir`], else under `<workspace>/public`), with
/// `intake.endpoint` replaced by `endpoint`. Panics if it cannot be read.
pub fn open311_demo_feed(endpoint: &str) -> Vec<u8> {
    let candidates: [PathBuf; 2] = [
        dist_dir().join("feeds/open311-demo.json"),
        workspace_root().join("public/feeds/open311-demo.json"),
    ];
    let Some(text) = candidates
        .iter()
        .find_map(|path| std::fs::read_to_string(path).ok())
    else {
        panic!("the Open311 demo feed is missing: none of {candidates:?} can be read");
    };
    let mut feed: Value = match serde_json::from_str(&text) {
        Ok(feed) => feed,
        Err(e) => panic!("the Open311 demo feed is not JSON: {e}"),
    };
    match feed.get_mut("intake").and_then(Value::as_object_mut) {
        Some(intake) => {
            intake.insert("endpoint".to_string(), json!(endpoint));
        }
        None => panic!("the Open311 demo feed has no `intake` object"),
    }
    feed.to_string().into_bytes()
}

/// What the connections share.
#[derive(Debug)]
struct State {
    mode: Mutex<PostMode>,
    status: Mutex<(String, String)>,
    posts: Mutex<Vec<Posted>>,
    created: Mutex<Vec<ServiceRequest>>,
    hits: Mutex<Vec<String>>,
}

impl Default for State {
    fn default() -> State {
        State {
            mode: Mutex::new(PostMode::Accept),
            status: Mutex::new(("open".to_string(), "Received".to_string())),
            posts: Mutex::new(Vec::new()),
            created: Mutex::new(Vec::new()),
            hits: Mutex::new(Vec::new()),
        }
    }
}

impl Handler for State {
    /// A longer head, or a longer body, is not answered.
    const MAX_REQUEST: usize = 256 * 1024;

    async fn respond(&self, request: Request) -> Response {
        lock(&self.hits).push(format!("{} {}", request.method, request.target));
        with_cors(route(self, &request).await)
    }

    fn malformed(&self) -> Option<Response> {
        None
    }
}

/// Answers a request by its method and path under [`OPEN311_BASE`].
async fn route(state: &State, request: &Request) -> Response {
    let path = request.target.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix(OPEN311_BASE) else {
        return error(404, "not found");
    };
    match (request.method.as_str(), rest) {
        ("OPTIONS", _) => Response::no_content(),
        ("POST", "/requests.json") => post_request(state, request).await,
        ("GET", _) => match rest
            .strip_prefix("/requests/")
            .and_then(|r| r.strip_suffix(".json"))
        {
            Some(id) => request_status(state, &percent_decode(id)),
            None => error(404, "not found"),
        },
        _ => error(405, "method not allowed"),
    }
}

/// Adds the CORS headers the app on another origin needs.
fn with_cors(response: Response) -> Response {
    let response = response.with_header("Access-Control-Allow-Origin", "*");
    if response.status != 204 {
        return response;
    }
    response
        .with_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        .with_header(
            "Access-Control-Allow-Headers",
            "Content-Type, Idempotency-Key",
        )
}

/// A JSON response.
fn json_response(status: u16, body: Value) -> Response {
    Response::new(status, "application/json; charset=utf-8", body.to_string())
}

/// A GeoReport error list with one error, `status` as its code.
fn error(status: u16, description: &str) -> Response {
    json_response(
        status,
        json!([{ "code": status, "description": description }]),
    )
}

/// Records a POST and answers it as the current [`PostMode`] says.
async fn post_request(state: &State, request: &Request) -> Response {
    let form = decode_form(&String::from_utf8_lossy(&request.body));
    let field = form
        .iter()
        .find(|(key, _)| key == "idempotency_key")
        .map(|(_, value)| value.clone());
    let mode = lock(&state.mode).clone();
    let posted = Posted {
        idempotency_header: request.header("Idempotency-Key").map(str::to_string),
        idempotency_field: field,
        form,
        mode: mode.clone(),
    };
    lock(&state.posts).push(posted.clone());
    match mode {
        PostMode::Accept => {}
        PostMode::ServerError => {
            return Response::new(500, "text/plain; charset=utf-8", "internal server error")
        }
        PostMode::ErrorList { code, description } => {
            return json_response(code, json!([{ "code": code, "description": description }]))
        }
        PostMode::Slow(delay) => tokio::time::sleep(delay).await,
    }
    let id = create(state, posted);
    json_response(
        200,
        json!([{
            "service_request_id": id,
            "service_notice": "Your request has been received by the test intake.",
        }]),
    )
}

/// The id for `posted`: the one its idempotency key already has, or a new
/// request's.
fn create(state: &State, posted: Posted) -> String {
    let key = posted.key().unwrap_or_default().to_string();
    let mut created = lock(&state.created);
    if !key.is_empty() {
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

fn request_status(state: &State, id: &str) -> Response {
    let known = lock(&state.created)
        .iter()
        .any(|r| r.service_request_id == id);
    if !known {
        return error(404, &format!("no service request `{id}`"));
    }
    let (status, notes) = lock(&state.status).clone();
    json_response(
        200,
        json!([{
            "service_request_id": id,
            "status": status,
            "status_notes": notes,
        }]),
    )
}

/// Decodes an `application/x-www-form-urlencoded` body.
fn decode_form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

/// Decodes `+` as a space and `%XX` escapes, replacing invalid UTF-8 and
/// keeping bad escapes as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (byte, escaped) {
            (_, Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (other, None) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    use super::*;

    fn check(body: &str, expected: &[(&str, &str)]) {
        let decoded = decode_form(body);
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(decoded, expected, "body {body:?}");
    }

    #[test]
    fn form_bodies_decode() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("", &[]),
            ("a=1&b=2", &[("a", "1"), ("b", "2")]),
            ("name=Li+Ming", &[("name", "Li Ming")]),
            (
                "attribute%5Brepair%5D%5B%5D=lock",
                &[("attribute[repair][]", "lock")],
            ),
            ("x=%E4%B8%9C%E5%9F%8E", &[("x", "东城")]),
            ("x=line%0Aline", &[("x", "line\nline")]),
            ("bare", &[("bare", "")]),
            ("x=100%", &[("x", "100%")]),
            ("x=%zz", &[("x", "%zz")]),
        ];
        for (body, expected) in cases {
            check(body, expected);
        }
    }

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
        let first = post("service_code=s&idempotency_key=k1").await;
        let second = post("service_code=s&idempotency_key=k1").await;
        assert!(first.contains(r#""service_request_id":"SR-1""#), "{first}");
        assert!(
            second.contains(r#""service_request_id":"SR-1""#),
            "{second}"
        );
        assert!(first.contains("Access-Control-Allow-Origin: *"), "{first}");
        assert_eq!(mock.posts().len(), 2);
        assert_eq!(mock.requests().len(), 1);
        assert_eq!(mock.posts()[0].idempotency_header.as_deref(), Some("k1"));
        assert_eq!(mock.posts()[0].idempotency_field.as_deref(), Some("k1"));

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
