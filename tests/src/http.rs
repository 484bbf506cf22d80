//! A minimal HTTP/1.1 client for tests: one request per connection, no
//! redirects, no TLS.
//!
//! It exists so tests can look at exactly what the static server sends (status
//! line, headers, body) and so the harness can talk to chromedriver without
//! going through the WebDriver client, which needs a running async runtime.

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A parsed HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    /// The status code, e.g. 200.
    pub status: u16,
    /// Header names (lowercased) and values, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body, with any chunked transfer coding removed.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The value of the first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `method target` to `addr` and reads the whole response.
///
/// `target` is sent as is (no normalisation), so tests can send paths such as
/// `/../secret` that a browser would clean up first.
pub async fn request(addr: SocketAddr, method: &str, target: &str) -> io::Result<RawResponse> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let head = request_head(addr, method, target, None);
    stream.write_all(head.as_bytes()).await?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(response) = complete_response(&buf, method)? {
            return Ok(response);
        }
        let n = tokio::time::timeout(IO_TIMEOUT, stream.read(&mut chunk))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "response timed out"))??;
        if n == 0 {
            return parse_response(&buf, method, true);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Sends `GET target` to `addr` and reads the whole response.
pub async fn get(addr: SocketAddr, target: &str) -> io::Result<RawResponse> {
    request(addr, "GET", target).await
}

/// The blocking counterpart of [`request`], with an optional JSON body.
///
/// Used where no async runtime can be relied on, such as in `Drop`.
pub fn request_blocking(
    addr: SocketAddr,
    method: &str,
    target: &str,
    json_body: Option<&str>,
    timeout: Duration,
) -> io::Result<RawResponse> {
    let mut stream = std::net::TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let head = request_head(addr, method, target, json_body);
    stream.write_all(head.as_bytes())?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(response) = complete_response(&buf, method)? {
            return Ok(response);
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return parse_response(&buf, method, true);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// How long one read may take before the request fails.
const IO_TIMEOUT: Duration = Duration::from_secs(20);

fn request_head(addr: SocketAddr, method: &str, target: &str, json_body: Option<&str>) -> String {
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(body) = json_body {
        head.push_str("Content-Type: application/json\r\n");
        head.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    } else {
        head.push_str("\r\n");
    }
    head
}

/// Returns the response once `buf` holds all of it, judged by
/// `Content-Length` or the end of a chunked body.
fn complete_response(buf: &[u8], method: &str) -> io::Result<Option<RawResponse>> {
    if find(buf, b"\r\n\r\n").is_none() {
        return Ok(None);
    }
    match parse_response(buf, method, false) {
        Ok(response) => Ok(Some(response)),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

/// Parses a response; `at_eof` says the connection is closed, so a body
/// without a length ends here.
fn parse_response(buf: &[u8], method: &str, at_eof: bool) -> io::Result<RawResponse> {
    let incomplete = || io::Error::new(io::ErrorKind::UnexpectedEof, "incomplete response");
    let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
    let head_end = find(buf, b"\r\n\r\n").ok_or_else(incomplete)?;
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| invalid("head is not UTF-8"))?;
    let rest = &buf[head_end + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| invalid("bad status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let response = |body: Vec<u8>| RawResponse {
        status,
        headers: headers.clone(),
        body,
    };
    let header = |name: &str| {
        headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    if method == "HEAD" || status == 204 || status == 304 {
        return Ok(response(Vec::new()));
    }
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        return dechunk(rest).map(response).ok_or_else(incomplete);
    }
    if let Some(length) = header("content-length") {
        let length: usize = length.parse().map_err(|_| invalid("bad content-length"))?;
        return match rest.get(..length) {
            Some(body) => Ok(response(body.to_vec())),
            None => Err(incomplete()),
        };
    }
    if at_eof {
        Ok(response(rest.to_vec()))
    } else {
        Err(incomplete())
    }
}

/// Decodes a chunked body, or `None` while it is incomplete.
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = find(rest, b"\r\n")?;
        let size_text = std::str::from_utf8(rest.get(..line_end)?).ok()?;
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = rest.get(line_end + 2..)?;
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

/// Where `needle` first starts in `haystack`.
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The status and body of a complete response, or `None` if incomplete.
    type Expected = Option<(u16, &'static str)>;

    fn check(raw: &str, method: &str, expected: Expected) {
        let parsed = complete_response(raw.as_bytes(), method)
            .expect("parse")
            .map(|r| (r.status, r.text()));
        let expected = expected.map(|(status, body)| (status, body.to_string()));
        assert_eq!(parsed, expected, "response {raw:?}");
    }

    #[test]
    fn responses_are_complete_only_when_the_body_is() {
        let cases: &[(&str, &str, Expected)] = &[
            ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", "GET", Some((200, "hi"))),
            ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhi", "GET", None),
            ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HEAD", Some((200, ""))),
            ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", "GET", Some((404, ""))),
            (
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n3\r\n!!!\r\n0\r\n\r\n",
                "GET",
                Some((200, "hi!!!")),
            ),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n", "GET", None),
            ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", "GET", None),
        ];
        for (raw, method, expected) in cases {
            check(raw, method, *expected);
        }
    }
}
