//! A small HTTP client for tests (ureq): one request, no redirects, no TLS,
//! every status an answer rather than an error.
//!
//! The request target is sent as written, so tests can send paths such as
//! `/../secret` that a browser would clean up first. It blocks, so a drop
//! guard can use it while no async runtime runs; async code calls
//! [`request`], which runs it on tokio's blocking threads.

use std::net::SocketAddr;
use std::time::Duration;

use ureq::http::{HeaderMap, Request};

/// A response: status, headers and the whole body.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status code, e.g. 200.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The value of the header `name` (case-insensitive), if it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `method target` to `addr`, with a JSON body if given, and reads
/// the whole answer; fails after `timeout`.
pub fn blocking(
    addr: SocketAddr,
    method: &str,
    target: &str,
    json_body: Option<&str>,
    timeout: Duration,
) -> Result<Reply, ureq::Error> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .build()
        .into();
    let request = Request::builder()
        .method(method)
        .uri(format!("http://{addr}{target}"));
    let mut response = match json_body {
        Some(json) => agent.run(
            request
                .header("content-type", "application/json")
                .body(json.to_string())?,
        )?,
        None => agent.run(request.body(())?)?,
    };
    let body = response.body_mut().read_to_vec()?;
    let (parts, _) = response.into_parts();
    Ok(Reply {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body,
    })
}

/// Sends `method target` to `addr` and reads the whole answer, without
/// blocking the async runtime (whose servers may be the ones asked).
pub async fn request(addr: SocketAddr, method: &str, target: &str) -> Result<Reply, String> {
    let (method, target) = (method.to_string(), target.to_string());
    let run = move || blocking(addr, &method, &target, None, TIMEOUT);
    match tokio::task::spawn_blocking(run).await {
        Ok(reply) => reply.map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// Sends `GET target` to `addr`, as [`request`] does.
pub async fn get(addr: SocketAddr, target: &str) -> Result<Reply, String> {
    request(addr, "GET", target).await
}

/// How long a request made by [`request`] may take.
const TIMEOUT: Duration = Duration::from_secs(20);
