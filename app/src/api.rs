//! Fetching the deployment config and the feed over HTTP, and, when the
//! deployment lists `feed_keys`, the feed's signature, checked over the exact
//! bytes fetched before anything parses them.

use caidan_core::catalogue::Catalogue;
use caidan_core::deploy::{DeployConfig, DeployError};
use caidan_core::feed::MAX_FEED_BYTES;
use leptos::prelude::Set;

use crate::progress::{after_paint, read_menu, read_text, LoadProgress, ReadError};
use caidan_core::intake::destination;
use caidan_core::request::Destination;
use caidan_core::signature::signature_url;
use caidan_core::{Diagnostic, Feed, FeedError};
use gloo_net::http::Request;
use web_sys::RequestCache;

use crate::browser;
use crate::signature::{self, Outcome};

/// Where the deployment config lives, beside the app.
pub const CONFIG_PATH: &str = "/caidan.json";

/// A feed that loaded and validated.
#[derive(Debug)]
pub struct Loaded {
    /// The checked feed.
    pub feed: Feed,
    /// Where it came from, as fetched.
    pub url: String,
    /// The search index over its services.
    pub catalogue: Catalogue,
    /// The deployment's config.
    pub config: DeployConfig,
    /// Where this feed's requests, ratings and suggestions go, as the
    /// deployment allows.
    pub destination: Destination,
}

/// Why the menu could not be shown.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The request did not complete (offline, DNS, CORS).
    #[error("could not reach `{url}`: {message}")]
    Network { url: String, message: String },
    /// The server answered with an error status.
    #[error("`{url}` answered HTTP {status}")]
    Http { url: String, status: u16 },
    /// The server said the body is larger than a feed may be.
    #[error("`{url}` is {bytes} bytes, more than the {limit} a feed may have")]
    TooLarge {
        url: String,
        bytes: u64,
        limit: usize,
    },
    /// The deployment config or the requested feed was refused.
    #[error("{0}")]
    Deploy(#[from] DeployError),
    /// The feed is not valid.
    #[error("the feed at `{url}` is not valid: {summary}")]
    Feed {
        url: String,
        summary: String,
        problems: Vec<Diagnostic>,
    },
    /// The deployment lists `feed_keys` and the feed has no signature.
    #[error("the feed's signature `{url}` is missing: this site shows only feeds signed with one of its `feed_keys`")]
    SignatureMissing { url: String },
    /// The signature file is not a signature.
    #[error("the feed's signature `{url}` cannot be read: {problem}")]
    SignatureMalformed { url: String, problem: String },
    /// The signature does not verify over the bytes fetched with any key
    /// the deployment lists.
    #[error("the feed's signature `{url}` does not verify over the feed's bytes with any of this site's `feed_keys` ({keys} listed)")]
    SignatureInvalid { url: String, keys: usize },
    /// This browser can check Ed25519 signatures neither with WebCrypto nor
    /// with the fallback verifier.
    #[error("this browser cannot check the feed's signature: {message}")]
    SignatureUnavailable { message: String },
}

impl LoadError {
    /// Whether the feed was refused because it could not be checked against
    /// the deployment's keys, rather than because it could not be loaded.
    pub fn is_unchecked(&self) -> bool {
        matches!(
            self,
            LoadError::SignatureMissing { .. }
                | LoadError::SignatureMalformed { .. }
                | LoadError::SignatureInvalid { .. }
                | LoadError::SignatureUnavailable { .. }
        )
    }

    /// The problems to show the publisher, one per line.
    pub fn problems(&self) -> Vec<Diagnostic> {
        match self {
            LoadError::Feed { problems, .. } => problems.clone(),
            other => vec![Diagnostic {
                path: String::new(),
                message: other.to_string(),
            }],
        }
    }
}

/// GETs `url`'s text, refusing an error status and a body the host says
/// is larger than a feed may be before reading any of it.
///
/// With `feed_keys` (`keys` not empty), the signature at `signature_url`
/// is fetched alongside the body, and the text is handed on only once the
/// signature verifies, with one of the keys, over exactly the bytes of the
/// body the text was read from. Both are fetched asking caches to check
/// with the host first (`Cache-Control: no-cache`), so that they are never
/// a stale one and a fresh one.
///
/// With `progress`, the body is read chunk by chunk and reported there
/// (the feed; the config is small).
async fn get_text(
    url: &str,
    keys: &[String],
    progress: Option<LoadProgress>,
) -> Result<String, LoadError> {
    let signed = !keys.is_empty();
    let mut request = Request::get(url);
    if signed {
        request = request.cache(RequestCache::NoCache);
    }
    let response = request.send().await.map_err(|e| network(url, e))?;
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_string(),
            status: response.status(),
        });
    }
    let declared_length = response
        .headers()
        .get("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok());
    if let Some(bytes) = declared_length {
        if bytes > MAX_FEED_BYTES as u64 {
            return Err(LoadError::TooLarge {
                url: url.to_string(),
                bytes,
                limit: MAX_FEED_BYTES,
            });
        }
    }
    let (check, response) = match signed {
        true => {
            let (check, response) = signature::start(response, &signature_url(url), keys);
            (Some(check), response)
        }
        false => (None, response),
    };
    let text = match progress {
        None => response.text().await.map_err(|e| network(url, e))?,
        Some(progress) => {
            // A compressed body's declared length is not what arrives.
            let encoded = response.headers().get("content-encoding").is_some();
            progress.total.set(declared_length.filter(|_| !encoded));
            match read_text(response.body(), progress, MAX_FEED_BYTES).await {
                Ok(text) => text,
                Err(ReadError::TooLarge(bytes)) => {
                    return Err(LoadError::TooLarge {
                        url: url.to_string(),
                        bytes,
                        limit: MAX_FEED_BYTES,
                    })
                }
                Err(ReadError::Stream(message)) => {
                    return Err(LoadError::Network {
                        url: url.to_string(),
                        message,
                    })
                }
            }
        }
    };
    if let Some(check) = check {
        refused(url, keys, check.outcome().await)?;
    }
    Ok(text)
}

fn network(url: &str, e: gloo_net::Error) -> LoadError {
    LoadError::Network {
        url: url.to_string(),
        message: e.to_string(),
    }
}

/// Why the feed at `url` is refused after its signature check, if it is.
fn refused(url: &str, keys: &[String], outcome: Outcome) -> Result<(), LoadError> {
    let url = signature_url(url);
    Err(match outcome {
        Outcome::Verified => return Ok(()),
        Outcome::Invalid => LoadError::SignatureInvalid {
            url,
            keys: keys.len(),
        },
        Outcome::Missing => LoadError::SignatureMissing { url },
        Outcome::Http(status) => LoadError::Http { url, status },
        Outcome::Unreachable(message) => LoadError::Network { url, message },
        Outcome::Malformed(problem) => LoadError::SignatureMalformed { url, problem },
        Outcome::Unavailable(message) => LoadError::SignatureUnavailable { message },
    })
}

/// Past this size, loading pauses between steps so the page can show
/// where it is; below it, the steps are too quick to notice.
const BIG_FEED_BYTES: usize = 512 * 1024;

/// Loads the deployment config, resolves the requested feed against it, and
/// fetches and validates that feed.
///
/// `progress` hears how much of the feed has arrived, then that it is being
/// checked; the page gets the chance to show each step before the long
/// ones (checking, then indexing for search) start.
pub async fn load_menu(
    requested: Option<String>,
    origin: String,
    progress: LoadProgress,
) -> Result<&'static Loaded, LoadError> {
    let config = DeployConfig::parse(&get_text(CONFIG_PATH, &[], None).await?)?;
    let url = config.feed_url(requested.as_deref(), &origin, browser::resolve_url)?;
    let text = get_text(&url, &config.feed_keys, Some(progress)).await?;
    // A big feed takes a while to check and index: the page says so first.
    let big = text.len() > BIG_FEED_BYTES;
    progress.checking.set(true);
    if big {
        after_paint().await;
    }
    let read = read_menu(&text, big).await;
    drop(text);
    match read {
        Ok((feed, catalogue)) => {
            let destination = destination(&feed, &config, &origin, browser::resolve_url);
            // The menu lives as long as the page: only a reload replaces
            // it. Leaking it makes every handle to it a plain `Copy`
            // reference for the views.
            Ok(Box::leak(Box::new(Loaded {
                feed,
                url,
                catalogue,
                config,
                destination,
            })))
        }
        Err(e) => Err(feed_error(url, e)),
    }
}

fn feed_error(url: String, e: FeedError) -> LoadError {
    LoadError::Feed {
        summary: e.to_string(),
        problems: e.diagnostics(),
        url,
    }
}

/// Why a request could not be sent to the intake.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SendError {
    /// No answer at all (offline, DNS, CORS).
    #[error("could not reach the intake: {0}")]
    Network(String),
    /// An error status with no GeoReport error list.
    #[error("the intake answered HTTP {0}")]
    Http(u16),
    /// A GeoReport error list, or a body that is not GeoReport.
    #[error("{0}")]
    Intake(String),
}

/// POSTs a form-encoded GeoReport v2 request to `url` and returns the
/// service request id. The idempotency key always travels in the form; as
/// an `Idempotency-Key` header too only when `key_header` is given (an
/// intake that declared it deduplicates), since a custom header makes the
/// browser ask the server's permission first, which GeoReport servers do
/// not give.
/// Callers only ever pass a URL core allowed ([`Destination`]).
pub async fn post_open311(
    url: &str,
    body: String,
    key_header: Option<&str>,
) -> Result<String, SendError> {
    let mut request =
        Request::post(url).header("Content-Type", "application/x-www-form-urlencoded");
    if let Some(key) = key_header {
        request = request.header("Idempotency-Key", key);
    }
    let response = request
        .body(body)
        .map_err(|e| SendError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| SendError::Network(e.to_string()))?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    match caidan_core::open311::parse_post_response(&text) {
        Ok(posted) => posted
            .into_iter()
            .find_map(|p| p.service_request_id.or(p.token))
            .ok_or_else(|| SendError::Intake("the intake gave no request id".into())),
        Err(_) if !(200..300).contains(&status) && !text.trim_start().starts_with('[') => {
            Err(SendError::Http(status))
        }
        Err(e) => Err(SendError::Intake(e.to_string())),
    }
}

/// GETs a request's status from a GeoReport v2 endpoint.
pub async fn get_open311_status(
    url: &str,
) -> Result<caidan_core::open311::RemoteStatus, SendError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| SendError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(SendError::Http(response.status()));
    }
    let text = response.text().await.unwrap_or_default();
    caidan_core::open311::parse_status(&text).map_err(|e| SendError::Intake(e.to_string()))
}
