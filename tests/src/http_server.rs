//! The HTTP/1.1 plumbing the loopback servers ([`StaticServer`] and
//! [`Open311Mock`]) share; what they answer is up to each server's
//! [`Handler`].
//!
//! - A [`Loopback`] listens on a free port of 127.0.0.1 and serves every
//!   connection on its own task, on the tokio runtime that starts it, until
//!   it is dropped.
//! - Each connection carries exactly one request: a head and a
//!   `Content-Length` body, read within [`READ_TIMEOUT`] and up to
//!   [`Handler::MAX_REQUEST`] bytes. A client that closes early or takes too
//!   long gets no answer.
//! - Every response carries `Content-Length`, `Cache-Control: no-store` and
//!   `Connection: close`, and has no body when the request was `HEAD`.
//!
//! [`StaticServer`]: crate::StaticServer
//! [`Open311Mock`]: crate::Open311Mock

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use crate::http::find;

/// What a loopback server answers.
pub(crate) trait Handler: Send + Sync + 'static {
    /// The longest request head, and the longest body, read.
    const MAX_REQUEST: usize;

    /// Answers one request.
    fn respond(&self, request: Request) -> impl Future<Output = Response> + Send;

    /// The answer to a request that is not HTTP/1.x or is longer than
    /// [`Handler::MAX_REQUEST`], or `None` to close the connection without
    /// one.
    fn malformed(&self) -> Option<Response>;
}

/// A server listening on a free port of 127.0.0.1. Dropping it stops the
/// accept loop, which drops the listener and every connection still being
/// served.
#[derive(Debug)]
pub(crate) struct Loopback {
    addr: SocketAddr,
    accept_task: JoinHandle<()>,
}

impl Loopback {
    /// Binds 127.0.0.1 on a free port and starts serving with `handler` on
    /// the current tokio runtime.
    pub(crate) async fn start<H: Handler>(handler: Arc<H>) -> io::Result<Loopback> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let accept_task = tokio::spawn(accept_loop(listener, handler));
        Ok(Loopback { addr, accept_task })
    }

    /// The address the server listens on.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.accept_task.abort();
    }
}

/// A request as read off the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    /// The method, e.g. `GET`.
    pub(crate) method: String,
    /// The request target as sent, e.g. `/index.html?lang=en`.
    pub(crate) target: String,
    /// Header names (as sent) and values, in the order received.
    pub(crate) headers: Vec<(String, String)>,
    /// The body, as long as its `Content-Length` says (empty without one).
    pub(crate) body: Vec<u8>,
}

impl Request {
    /// The value of the first header with this name (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A response before encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Response {
    /// The status code, e.g. 200.
    pub(crate) status: u16,
    /// The `Content-Type`, if one is sent.
    pub(crate) content_type: Option<&'static str>,
    /// Headers sent after `Connection: close`, in this order.
    pub(crate) headers: Vec<(&'static str, &'static str)>,
    /// The body (left out for `HEAD`, though counted in `Content-Length`).
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// A response with `status`, a body of `content_type`, and no further
    /// headers yet.
    pub(crate) fn new(
        status: u16,
        content_type: &'static str,
        body: impl Into<Vec<u8>>,
    ) -> Response {
        Response {
            status,
            content_type: Some(content_type),
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// A `204 No Content` without `Content-Type`.
    pub(crate) fn no_content() -> Response {
        Response {
            status: 204,
            content_type: None,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// Adds a header after the ones already there.
    pub(crate) fn with_header(mut self, name: &'static str, value: &'static str) -> Response {
        self.headers.push((name, value));
        self
    }
}

/// How long a client may take to send its request.
pub(crate) const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The reason phrase for a status code.
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        _ => "Unknown",
    }
}

/// Locks a mutex, carrying on if a panicking test poisoned it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What one connection brought.
enum Incoming {
    /// A whole request.
    Request(Request),
    /// Something that is not HTTP/1.x, or too long.
    Malformed,
    /// The client closed before sending a whole request.
    Closed,
}

async fn accept_loop<H: Handler>(listener: TcpListener, handler: Arc<H>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    connections.spawn(serve_connection(stream, Arc::clone(&handler)));
                }
            }
            // Reap finished connections so the set does not grow.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn serve_connection<H: Handler>(mut stream: TcpStream, handler: Arc<H>) {
    let read = read_request(&mut stream, H::MAX_REQUEST);
    let (response, head_only) = match tokio::time::timeout(READ_TIMEOUT, read).await {
        Ok(Ok(Incoming::Request(request))) => {
            let head_only = request.method == "HEAD";
            (handler.respond(request).await, head_only)
        }
        Ok(Ok(Incoming::Malformed)) => match handler.malformed() {
            Some(response) => (response, false),
            None => return,
        },
        Ok(Ok(Incoming::Closed)) | Ok(Err(_)) | Err(_) => return,
    };
    // The client may have gone away; there is nobody to tell.
    let _ = stream.write_all(&encode(&response, head_only)).await;
    let _ = stream.shutdown().await;
}

/// Reads the head and a `Content-Length` body, each up to `max` bytes.
async fn read_request(stream: &mut TcpStream, max: usize) -> io::Result<Incoming> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            break end;
        }
        if buf.len() > max {
            return Ok(Incoming::Malformed);
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(Incoming::Closed);
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
    };
    let head = String::from_utf8_lossy(buf.get(..head_end).unwrap_or_default()).into_owned();
    let Some((method, target)) = parse_request_line(&head) else {
        return Ok(Incoming::Malformed);
    };
    let headers: Vec<(String, String)> = head
        .split("\r\n")
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    if length > max {
        return Ok(Incoming::Malformed);
    }
    let mut body = buf.get(head_end + 4..).unwrap_or_default().to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(Incoming::Closed);
        }
        body.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    body.truncate(length);
    Ok(Incoming::Request(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body,
    }))
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

/// The bytes of `response`, without its body if `head_only`.
fn encode(response: &Response, head_only: bool) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    if let Some(content_type) = response.content_type {
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    head.push_str("Cache-Control: no-store\r\nConnection: close\r\n");
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn check(response: Response, head_only: bool, expected: &str) {
        let bytes = encode(&response, head_only);
        assert_eq!(String::from_utf8_lossy(&bytes), expected, "{response:?}");
    }

    #[test]
    fn responses_encode() {
        let cases: Vec<(Response, bool, &str)> = vec![
            (
                Response::new(200, "text/plain; charset=utf-8", "hi"),
                false,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\
                 Content-Length: 2\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nhi",
            ),
            (
                Response::new(200, "text/plain; charset=utf-8", "hi"),
                true,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\
                 Content-Length: 2\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
            ),
            (
                Response::no_content().with_header("Access-Control-Allow-Origin", "*"),
                false,
                "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nCache-Control: no-store\r\n\
                 Connection: close\r\nAccess-Control-Allow-Origin: *\r\n\r\n",
            ),
        ];
        for (response, head_only, expected) in cases {
            check(response, head_only, expected);
        }
    }
}
