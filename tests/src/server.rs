//! A small HTTP/1.1 static file server on tokio, serving the built app the
//! way a static host or CDN would.
//!
//! - Files come from a root directory, with in-memory overlay files (added
//!   before or after start) taking precedence, so a test can serve feeds it
//!   writes itself.
//! - A `GET` for a path without a file extension that matches no file serves
//!   the root `index.html` (single-page-app fallback); a missing path with an
//!   extension is a 404.
//! - Every response carries `Cache-Control: no-store` and `Connection: close`;
//!   each connection carries exactly one request.
//! - A path with a `..` segment is refused with 403, before and after
//!   percent-decoding.
//! - A "foreign" server (no root, overlay only, `Access-Control-Allow-Origin:
//!   *`) stands in for another origin in feed-origin tests.
//!
//! The server runs on the tokio runtime that starts it and stops when the
//! [`StaticServer`] is dropped. The connection handling is the one every
//! loopback server here shares ([`crate::http_server`]).

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::http_server::{lock, reason, Handler, Loopback, Request, Response};

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
        });
        let loopback = Loopback::start(Arc::clone(&site)).await?;
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

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.loopback.addr()
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

/// Everything a connection needs to answer.
#[derive(Debug)]
struct Site {
    root: Option<PathBuf>,
    overlay: Mutex<HashMap<String, Vec<u8>>>,
    cors: bool,
    requests: Mutex<Vec<String>>,
}

impl Handler for Site {
    /// A longer request head is answered with 400.
    const MAX_REQUEST: usize = 16 * 1024;

    async fn respond(&self, request: Request) -> Response {
        let (method, target) = (request.method.as_str(), request.target.as_str());
        lock(&self.requests).push(format!("{method} {target}"));
        let response = match method {
            "GET" | "HEAD" => lookup(self, target).await,
            "OPTIONS" if self.cors => Response::no_content(),
            _ => plain(405),
        };
        self.with_headers(response)
    }

    fn malformed(&self) -> Option<Response> {
        Some(self.with_headers(plain(400)))
    }
}

impl Site {
    /// Adds `Allow` to a 405 and, for a CORS site, the CORS headers.
    fn with_headers(&self, mut response: Response) -> Response {
        if response.status == 405 {
            response = response.with_header("Allow", "GET, HEAD");
        }
        if self.cors {
            response = response.with_header("Access-Control-Allow-Origin", "*");
            if response.status == 204 {
                response = response
                    .with_header("Access-Control-Allow-Methods", "GET, HEAD")
                    .with_header("Access-Control-Allow-Headers", "*");
            }
        }
        response
    }
}

/// A plain-text response whose body is the reason phrase, lowercased.
fn plain(status: u16) -> Response {
    Response::new(
        status,
        "text/plain; charset=utf-8",
        reason(status).to_ascii_lowercase(),
    )
}

/// Finds what `target` names: an overlay file, a file under the root, or the
/// single-page-app fallback.
async fn lookup(site: &Site, target: &str) -> Response {
    let path = match url_path(target) {
        Ok(path) => path,
        Err(status) => return plain(status),
    };
    let overlay_hit = lock(&site.overlay).get(&path).cloned();
    if let Some(body) = overlay_hit {
        return Response::new(200, content_type(&path), body);
    }
    let Some(root) = &site.root else {
        return plain(404);
    };
    let relative: PathBuf = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut file = root.join(&relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    if let Ok(body) = tokio::fs::read(&file).await {
        let name = file.to_string_lossy().into_owned();
        return Response::new(200, content_type(&name), body);
    }
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    if Path::new(last_segment).extension().is_none() {
        if let Ok(body) = tokio::fs::read(root.join("index.html")).await {
            return Response::new(200, content_type("index.html"), body);
        }
    }
    plain(404)
}

/// The decoded path of a request target, without query or fragment, or the
/// status to refuse it with.
fn url_path(target: &str) -> Result<String, u16> {
    let without_query = target.split(['?', '#']).next().unwrap_or_default();
    let has_dot_dot = |path: &str| path.split(['/', '\\']).any(|segment| segment == "..");
    if !without_query.starts_with('/') {
        return Err(400);
    }
    if has_dot_dot(without_query) {
        return Err(403);
    }
    let decoded = percent_decode(without_query).ok_or(400u16)?;
    if has_dot_dot(&decoded) || decoded.contains(['\\', '\0']) {
        return Err(403);
    }
    Ok(decoded)
}

/// Decodes `%XX` escapes; `None` for a bad escape or non-UTF-8 result.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(byte);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Normalises an overlay path to start with one `/`.
fn overlay_key(path: &str) -> String {
    format!("/{}", path.trim_start_matches('/'))
}

/// The `Content-Type` for a file name, by extension.
fn content_type(name: &str) -> &'static str {
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(target: &str, expected: Result<&str, u16>) {
        assert_eq!(
            url_path(target),
            expected.map(str::to_string),
            "target {target:?}"
        );
    }

    #[test]
    fn request_targets_map_to_paths() {
        let cases: &[(&str, Result<&str, u16>)] = &[
            ("/", Ok("/")),
            ("/index.html", Ok("/index.html")),
            ("/services/a?lang=en", Ok("/services/a")),
            ("/a#frag", Ok("/a")),
            ("/feeds/with%20space.json", Ok("/feeds/with space.json")),
            ("/../etc/passwd", Err(403)),
            ("/a/../../b", Err(403)),
            ("/%2e%2e/secret", Err(403)),
            ("/a/%2E%2E%2Fb", Err(403)),
            ("/a\\..\\b", Err(403)),
            ("/a..b/c", Ok("/a..b/c")),
            ("/bad%zz", Err(400)),
            ("/bad%", Err(400)),
            ("http://example.com/", Err(400)),
            ("*", Err(400)),
        ];
        for (target, expected) in cases {
            check(target, *expected);
        }
    }
}
