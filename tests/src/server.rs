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
//! [`StaticServer`] is dropped.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// A running static file server bound to a free port on 127.0.0.1.
#[derive(Debug)]
pub struct StaticServer {
    addr: SocketAddr,
    site: Arc<Site>,
    accept_task: JoinHandle<()>,
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
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let site = Arc::new(Site {
            root: self.root,
            overlay: Mutex::new(self.files),
            cors: self.cors,
            requests: Mutex::new(Vec::new()),
        });
        let accept_task = tokio::spawn(accept_loop(listener, Arc::clone(&site)));
        Ok(StaticServer {
            addr,
            site,
            accept_task,
        })
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
        self.addr
    }

    /// The origin, e.g. `http://127.0.0.1:41234`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
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

impl Drop for StaticServer {
    fn drop(&mut self) {
        // Aborting the accept loop drops the listener and, with its JoinSet,
        // every connection still being served.
        self.accept_task.abort();
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

/// The longest request head accepted.
const MAX_HEAD: usize = 16 * 1024;

/// How long a client may take to send its request head.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A response before encoding.
struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Response {
    fn plain(status: u16) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: reason(status).to_ascii_lowercase().into_bytes(),
        }
    }
}

async fn accept_loop(listener: TcpListener, site: Arc<Site>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    connections.spawn(serve_connection(stream, Arc::clone(&site)));
                }
            }
            // Reap finished connections so the set does not grow.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn serve_connection(mut stream: TcpStream, site: Arc<Site>) {
    let head = match tokio::time::timeout(READ_TIMEOUT, read_head(&mut stream)).await {
        Ok(Ok(Some(head))) => head,
        Ok(Ok(None)) | Ok(Err(_)) | Err(_) => return,
    };
    let (method, response) = match parse_request_line(&head) {
        Some((method, target)) => {
            lock(&site.requests).push(format!("{method} {target}"));
            (method.to_string(), respond(&site, method, target).await)
        }
        None => (String::new(), Response::plain(400)),
    };
    let bytes = encode(&response, method == "HEAD", site.cors);
    // The client may have gone away; there is nobody to tell.
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

/// Reads up to the end of the request head; `None` if the client closed
/// first. A head over [`MAX_HEAD`] is returned truncated, which fails to
/// parse and is answered with 400.
async fn read_head(stream: &mut TcpStream) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            buf.truncate(end);
            return Ok(Some(String::from_utf8_lossy(&buf).into_owned()));
        }
        if buf.len() > MAX_HEAD {
            return Ok(Some(String::new()));
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Splits `METHOD target HTTP/1.x` off the head.
fn parse_request_line(head: &str) -> Option<(&str, &str)> {
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    let method = parts.next().filter(|m| !m.is_empty())?;
    let target = parts.next().filter(|t| !t.is_empty())?;
    let version = parts.next()?;
    (version.starts_with("HTTP/1.") && parts.next().is_none()).then_some((method, target))
}

async fn respond(site: &Site, method: &str, target: &str) -> Response {
    match method {
        "GET" | "HEAD" => lookup(site, target).await,
        "OPTIONS" if site.cors => Response {
            status: 204,
            content_type: "",
            body: Vec::new(),
        },
        _ => Response::plain(405),
    }
}

/// Finds what `target` names: an overlay file, a file under the root, or the
/// single-page-app fallback.
async fn lookup(site: &Site, target: &str) -> Response {
    let path = match url_path(target) {
        Ok(path) => path,
        Err(status) => return Response::plain(status),
    };
    let overlay_hit = lock(&site.overlay).get(&path).cloned();
    if let Some(body) = overlay_hit {
        return Response {
            status: 200,
            content_type: content_type(&path),
            body,
        };
    }
    let Some(root) = &site.root else {
        return Response::plain(404);
    };
    let relative: PathBuf = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut file = root.join(&relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    if let Ok(body) = tokio::fs::read(&file).await {
        let name = file.to_string_lossy().into_owned();
        return Response {
            status: 200,
            content_type: content_type(&name),
            body,
        };
    }
    let last_segment = path.rsplit('/').next().unwrap_or_default();
    if Path::new(last_segment).extension().is_none() {
        if let Ok(body) = tokio::fs::read(root.join("index.html")).await {
            return Response {
                status: 200,
                content_type: content_type("index.html"),
                body,
            };
        }
    }
    Response::plain(404)
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

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Unknown",
    }
}

fn encode(response: &Response, head_only: bool, cors: bool) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    if !response.content_type.is_empty() {
        head.push_str(&format!("Content-Type: {}\r\n", response.content_type));
    }
    head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    head.push_str("Cache-Control: no-store\r\nConnection: close\r\n");
    if response.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    if cors {
        head.push_str("Access-Control-Allow-Origin: *\r\n");
        if response.status == 204 {
            head.push_str("Access-Control-Allow-Methods: GET, HEAD\r\n");
            head.push_str("Access-Control-Allow-Headers: *\r\n");
        }
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    bytes
}

/// Locks a mutex, carrying on if a panicking test poisoned it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
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

    #[test]
    fn request_lines_parse() {
        assert_eq!(
            parse_request_line("GET /x HTTP/1.1\r\nHost: a"),
            Some(("GET", "/x"))
        );
        assert_eq!(parse_request_line("GET /x"), None);
        assert_eq!(parse_request_line("GET /x HTTP/2"), None);
        assert_eq!(parse_request_line(""), None);
    }
}
