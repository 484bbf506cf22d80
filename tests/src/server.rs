//! A static file server (axum and tower-http's `ServeDir`) serving the
//! built app the way a static host or CDN would.
//!
//! - Files come from a root directory, with in-memory overlay files (added
//!   before or after start) taking precedence, so a test can serve feeds it
//!   writes itself.
//! - A `GET` for a path without a file extension serves the page the build
//!   drew for it, `<path>.html`, when there is one (as hosts with clean URLs
//!   do), else the root `index.html` (single-page-app fallback); a missing
//!   path with an extension is a 404.
//! - Content types go by extension; text is declared UTF-8.
//! - A path with a `..` segment is refused with 403, before and after
//!   percent-decoding; a bad percent escape with 400.
//! - A "foreign" server (no root, overlay only, `Access-Control-Allow-Origin:
//!   *`) stands in for another origin in feed-origin tests.
//!
//! The server runs on the tokio runtime that starts it and stops when the
//! [`StaticServer`] is dropped; what every response carries is in
//! [`crate::loopback`].

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN, ALLOW,
    CONTENT_TYPE,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use percent_encoding::percent_decode_str;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::loopback::{lock, Loopback};

/// A running static file server bound to a free port on 127.0.0.1.
#[derive(Debug)]
pub struct StaticServer {
    site: Arc<Site>,
    loopback: Loopback,
}

/// Configures a [`StaticServer`] before it starts.
#[derive(Debug, Default)]
pub struct ServerBuilder {
    root: Option<PathBuf>,
    files: HashMap<String, Vec<u8>>,
    cors: bool,
}

impl ServerBuilder {
    /// Serves files from `root` (besides overlay files).
    pub fn root(mut self, root: impl Into<PathBuf>) -> Self {
        self.root = Some(root.into());
        self
    }

    /// Adds an in-memory file at URL path `path` (e.g. `/feeds/broken.json`).
    pub fn put(mut self, path: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.insert(overlay_key(path), bytes.into());
        self
    }

    /// Sends `Access-Control-Allow-Origin: *` and answers CORS preflights.
    pub fn cors(mut self) -> Self {
        self.cors = true;
        self
    }

    /// Binds 127.0.0.1 on a free port and starts serving on the current
    /// tokio runtime.
    pub async fn start(self) -> io::Result<StaticServer> {
        let site = Arc::new(Site {
            root: self.root,
            overlay: Mutex::new(self.files),
            cors: self.cors,
            requests: Mutex::new(Vec::new()),
            held: tokio::sync::watch::Sender::new(None),
        });
        let router = Router::new()
            .fallback(respond)
            .with_state(Arc::clone(&site));
        let loopback = Loopback::serve(router).await?;
        Ok(StaticServer { site, loopback })
    }
}

impl StaticServer {
    /// A builder for a server with options.
    pub fn builder() -> ServerBuilder {
        ServerBuilder::default()
    }

    /// Starts a server for the directory `root`.
    pub async fn start(root: impl Into<PathBuf>) -> io::Result<StaticServer> {
        Self::builder().root(root).start().await
    }

    /// Starts a server that serves only overlay files, with
    /// `Access-Control-Allow-Origin: *`: another origin, for feed-origin tests.
    pub async fn start_foreign() -> io::Result<StaticServer> {
        Self::builder().cors().start().await
    }

    /// Adds or replaces an in-memory file at URL path `path`; it takes
    /// precedence over a file of the same path in the root directory.
    pub fn put(&self, path: &str, bytes: impl Into<Vec<u8>>) {
        lock(&self.site.overlay).insert(overlay_key(path), bytes.into());
    }

    /// Removes an in-memory file.
    pub fn remove(&self, path: &str) {
        lock(&self.site.overlay).remove(&overlay_key(path));
    }

    /// Holds every request whose path ends with `suffix` (e.g. `.wasm`)
    /// unanswered until [`StaticServer::release`]: a slow network for one
    /// kind of file.
    pub fn hold(&self, suffix: &str) {
        self.site.held.send_replace(Some(suffix.to_string()));
    }

    /// Answers the held requests, and holds nothing from now on.
    pub fn release(&self) {
        self.site.held.send_replace(None);
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.loopback.addr()
    }

    /// Makes the server unreachable (`true`: every connection is closed
    /// unanswered) or reachable again.
    pub fn set_unplugged(&self, unplugged: bool) {
        self.loopback.set_unplugged(unplugged);
    }

    /// The origin, e.g. `http://127.0.0.1:41234`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr())
    }

    /// The absolute URL of `path_and_query` (which starts with `/`).
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.origin())
    }

    /// The request targets received so far (method and target, e.g.
    /// `GET /index.html`), in order.
    pub fn requests(&self) -> Vec<String> {
        lock(&self.site.requests).clone()
    }
}

/// Everything a request needs to be answered.
#[derive(Debug)]
struct Site {
    root: Option<PathBuf>,
    overlay: Mutex<HashMap<String, Vec<u8>>>,
    cors: bool,
    requests: Mutex<Vec<String>>,
    /// Requests whose path ends with this wait until it is cleared.
    held: tokio::sync::watch::Sender<Option<String>>,
}

/// Records a request and answers it.
async fn respond(State(site): State<Arc<Site>>, request: Request) -> Response {
    let method = request.method().clone();
    lock(&site.requests).push(format!("{method} {}", request.uri()));
    let path = request.uri().path().to_string();
    let mut held = site.held.subscribe();
    // The sender lives in `site`, so waiting cannot fail.
    let _ = held
        .wait_for(|suffix| !suffix.as_deref().is_some_and(|s| path.ends_with(s)))
        .await;
    let mut response = match method {
        Method::GET | Method::HEAD => lookup(&site, request).await,
        Method::OPTIONS if site.cors => StatusCode::NO_CONTENT.into_response(),
        _ => (
            [(ALLOW, "GET, HEAD")],
            plain(StatusCode::METHOD_NOT_ALLOWED),
        )
            .into_response(),
    };
    let headers = response.headers_mut();
    if let Some(text) = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.starts_with("text/") && !v.contains("charset"))
        .and_then(|v| HeaderValue::from_str(&format!("{v}; charset=utf-8")).ok())
    {
        headers.insert(CONTENT_TYPE, text);
    }
    if site.cors {
        let any = HeaderValue::from_static("*");
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, any.clone());
        if method == Method::OPTIONS {
            let methods = HeaderValue::from_static("GET, HEAD");
            headers.insert(ACCESS_CONTROL_ALLOW_METHODS, methods);
            headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, any);
        }
    }
    response
}

/// Finds what the request names: an overlay file, a file under the root, or
/// the single-page-app fallback.
async fn lookup(site: &Site, request: Request) -> Response {
    let path = match url_path(request.uri().path()) {
        Ok(path) => path,
        Err(status) => return plain(status),
    };
    let overlay_hit = lock(&site.overlay).get(&path).cloned();
    if let Some(body) = overlay_hit {
        let kind = mime_guess::from_path(&path).first_or_octet_stream();
        return ([(CONTENT_TYPE, kind.to_string())], body).into_response();
    }
    let Some(root) = &site.root else {
        return plain(StatusCode::NOT_FOUND);
    };
    // `x.br` beside `x` is sent to browsers that accept it, as a static
    // host serving precompressed files does (the benchmarks write them).
    let files = ServeDir::new(root).precompressed_br();
    let overlay_index = lock(&site.overlay).get("/index.html").cloned();
    let response = if Path::new(&path).extension().is_some() {
        files.oneshot(request).await.into_response()
    } else if let Some(index) = overlay_index {
        // An overlay `index.html` is the app for every route too.
        (
            [(CONTENT_TYPE, "text/html; charset=utf-8".to_string())],
            index,
        )
            .into_response()
    } else if let Some(page) = drawn_page(root, &path) {
        // A page the build drew for this path, as a host with clean URLs
        // serves `x.html` at `/x`.
        ServeFile::new(page)
            .precompressed_br()
            .oneshot(request)
            .await
            .into_response()
    } else {
        let app = ServeFile::new(root.join("index.html")).precompressed_br();
        files
            .append_index_html_on_directories(false)
            .fallback(app)
            .oneshot(request)
            .await
            .into_response()
    };
    if response.status() == StatusCode::NOT_FOUND {
        return plain(StatusCode::NOT_FOUND);
    }
    response
}

/// `<path>.html` under `root`, when the build drew a page for `path`
/// (scripts/first-view/snapshot.mjs).
fn drawn_page(root: &Path, path: &str) -> Option<PathBuf> {
    let name = path
        .strip_prefix('/')
        .filter(|n| !n.is_empty() && !n.ends_with('/'))?;
    let page = root.join(format!("{name}.html"));
    page.is_file().then_some(page)
}

/// A plain-text response whose body is the reason phrase, lowercased.
fn plain(status: StatusCode) -> Response {
    let reason = status.canonical_reason().unwrap_or_default();
    (status, reason.to_ascii_lowercase()).into_response()
}

/// The percent-decoded URL path, or the status to refuse it with.
fn url_path(path: &str) -> Result<String, StatusCode> {
    let has_dot_dot = |path: &str| path.split(['/', '\\']).any(|segment| segment == "..");
    if !path.starts_with('/') {
        return Err(StatusCode::BAD_REQUEST);
    }
    if has_dot_dot(path) {
        return Err(StatusCode::FORBIDDEN);
    }
    let escapes_ok = path.split('%').skip(1).all(|rest| {
        rest.get(..2)
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    let decoded = match percent_decode_str(path).decode_utf8() {
        Ok(decoded) if escapes_ok => decoded,
        _ => return Err(StatusCode::BAD_REQUEST),
    };
    if has_dot_dot(&decoded) || decoded.contains(['\\', '\0']) {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(decoded.into_owned())
}

/// Normalises an overlay path to start with one `/`.
fn overlay_key(path: &str) -> String {
    format!("/{}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(path: &str, expected: Result<&str, u16>) {
        let actual = url_path(path).map_err(|status| status.as_u16());
        assert_eq!(actual, expected.map(str::to_string), "path {path:?}");
    }

    #[test]
    fn url_paths_decode_or_are_refused() {
        let cases: &[(&str, Result<&str, u16>)] = &[
            ("/", Ok("/")),
            ("/services/a", Ok("/services/a")),
            ("/feeds/with%20space.json", Ok("/feeds/with space.json")),
            ("/%E4%B8%9C", Ok("/东")),
            ("/../etc/passwd", Err(403)),
            ("/a/../../b", Err(403)),
            ("/%2e%2e/secret", Err(403)),
            ("/a/%2E%2E%2Fb", Err(403)),
            ("/a\\..\\b", Err(403)),
            ("/a..b/c", Ok("/a..b/c")),
            ("/bad%zz", Err(400)),
            ("/bad%", Err(400)),
            ("/%FF", Err(400)),
            ("*", Err(400)),
        ];
        for (path, expected) in cases {
            check(path, *expected);
        }
    }
}
