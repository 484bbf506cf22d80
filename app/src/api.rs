//! Fetching the deployment config and the feed over HTTP, and, when the
//! deployment lists `feed_keys`, the feed's signature, checked over the exact
//! bytes fetched before anything parses them.

use caidan_core::catalogue::Catalogue;
use caidan_core::deploy::{DeployConfig, DeployError};
use caidan_core::feed::MAX_FEED_BYTES;
use leptos::prelude::Set;

use std::cell::RefCell;

use crate::progress::{
    after_paint, index_menu, read_bytes, read_menu, read_text, LoadProgress, ReadError,
};
use caidan_core::intake::destination;
use caidan_core::request::Destination;
use caidan_core::signature::signature_url;
use caidan_core::{Diagnostic, Feed, FeedError, ShardError};
use gloo_net::http::Request;
use web_sys::RequestCache;

use crate::signature::{self, Outcome};
use crate::{browser, district};

/// Where the deployment config lives, beside the app.
pub const CONFIG_PATH: &str = "/caidan.json";

/// A feed that loaded and validated.
#[derive(Debug)]
pub struct Loaded {
    /// The checked feed.
    pub feed: Feed,
    /// Where it came from, as fetched (a sharded feed's index).
    pub url: String,
    /// In a sharded feed, where the district's shard came from, once the
    /// resident has chosen their district.
    pub shard_url: Option<String>,
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
    /// The shard of the resident's district is refused: it is not the one
    /// the index lists (`tampered`: another size or SHA-256, or a browser
    /// that cannot compute one), or it does not combine with the index.
    #[error("the menu of district `{district}` at `{url}` is refused: {summary}")]
    Shard {
        /// The feed's id, to forget the district chosen for it.
        feed: String,
        district: String,
        url: String,
        summary: String,
        problems: Vec<Diagnostic>,
        tampered: bool,
    },
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
                | LoadError::Shard { tampered: true, .. }
        )
    }

    /// The problems to show the publisher, one per line.
    pub fn problems(&self) -> Vec<Diagnostic> {
        match self {
            LoadError::Feed { problems, .. } | LoadError::Shard { problems, .. } => {
                problems.clone()
            }
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

thread_local! {
    /// The menus this page has loaded: the feed (a sharded feed's index)
    /// under `None`, then each district's (index and shard combined) under
    /// its code. Each lives as long as the page, so going back to a
    /// district loaded before fetches and checks nothing again.
    static MENUS: RefCell<Vec<(Option<String>, &'static Loaded)>> = const { RefCell::new(Vec::new()) };
}

fn kept(district: Option<&str>) -> Option<&'static Loaded> {
    MENUS.with(|m| {
        m.borrow()
            .iter()
            .find(|(d, _)| d.as_deref() == district)
            .map(|(_, loaded)| *loaded)
    })
}

/// The feed this page loaded first (a sharded feed's index), if it did.
pub fn first_menu() -> Option<&'static Loaded> {
    kept(None)
}

/// A service by id in the menu shown, or else in another district's menu
/// loaded earlier in this page (a request placed before the resident
/// looked at another district), with the feed it is in.
pub fn find_service(
    shown: &'static Feed,
    id: &str,
) -> Option<(&'static Feed, &'static caidan_core::wire::Service)> {
    if let Some(service) = shown.service(id) {
        return Some((shown, service));
    }
    MENUS.with(|m| {
        m.borrow()
            .iter()
            .find_map(|(_, loaded)| loaded.feed.service(id).map(|s| (&loaded.feed, s)))
    })
}

fn keep(district: Option<String>, loaded: &'static Loaded) -> &'static Loaded {
    MENUS.with(|m| m.borrow_mut().push((district, loaded)));
    loaded
}

/// Loads the menu: the deployment config and the requested feed (once per
/// page), then, when the feed is a sharded feed's index and the resident
/// has chosen a district, that district's shard combined with it.
pub async fn load_menu(
    requested: Option<String>,
    origin: String,
    progress: LoadProgress,
) -> Result<&'static Loaded, LoadError> {
    let base = match kept(None) {
        Some(base) => base,
        None => keep(None, load_feed(requested, origin, progress).await?),
    };
    if !base.feed.is_sharded() {
        return Ok(base);
    }
    let Some(district) = district::chosen(&base.feed) else {
        return Ok(base);
    };
    match kept(Some(&district)) {
        Some(loaded) => Ok(loaded),
        None => match load_district(base, &district, progress).await {
            Ok(loaded) => Ok(keep(Some(district), loaded)),
            // Whatever kept the district's menu away (the network, the
            // host), the resident can still see the rest without it.
            Err(e @ LoadError::Shard { .. }) => Err(e),
            Err(e) => Err(LoadError::Shard {
                feed: base.feed.id().to_string(),
                summary: e.to_string(),
                problems: e.problems(),
                url: base
                    .feed
                    .shard_ref(&district)
                    .map(|s| s.url.clone())
                    .unwrap_or_default(),
                district,
                tampered: false,
            }),
        },
    }
}

/// Loads the deployment config, resolves the requested feed against it, and
/// fetches and validates that feed.
///
/// `progress` hears how much of the feed has arrived, then that it is being
/// checked; the page gets the chance to show each step before the long
/// ones (checking, then indexing for search) start.
async fn load_feed(
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
    let read = read_menu(&text).await;
    drop(text);
    match read {
        Ok((feed, catalogue)) => Ok(menu(feed, catalogue, url, None, config, &origin)),
        Err(e) => Err(feed_error(url, e)),
    }
}

/// A checked feed with its search index, as the views use it.
fn menu(
    feed: Feed,
    catalogue: Catalogue,
    url: String,
    shard_url: Option<String>,
    config: DeployConfig,
    origin: &str,
) -> &'static Loaded {
    let destination = destination(&feed, &config, origin, browser::resolve_url);
    // A menu lives as long as the page. Leaking it makes every handle to it
    // a plain `Copy` reference for the views.
    Box::leak(Box::new(Loaded {
        feed,
        url,
        shard_url,
        catalogue,
        config,
        destination,
    }))
}

/// Fetches the shard of `district`, checks its size and SHA-256 against
/// the index (`base`) before reading a byte of it, and combines the two
/// into one checked feed (FEED.md, "Sharded feeds", "Reading").
async fn load_district(
    base: &'static Loaded,
    district: &str,
    progress: LoadProgress,
) -> Result<&'static Loaded, LoadError> {
    let index = &base.feed;
    let refused = |url: &str, e: ShardError, tampered: bool| LoadError::Shard {
        feed: index.id().to_string(),
        district: district.to_string(),
        url: url.to_string(),
        summary: e.to_string(),
        problems: e.diagnostics(),
        tampered,
    };
    let Some(entry) = index.shard_ref(district) else {
        let e = ShardError::NotListed {
            region: district.to_string(),
        };
        return Err(refused(&base.url, e, false));
    };
    // The index's own URL is the base; core allows only paths below it,
    // and what the browser makes of them must stay on the index's origin.
    let url = web_sys::Url::new_with_base(&entry.url, &base.url)
        .ok()
        .filter(|u| web_sys::Url::new(&base.url).is_ok_and(|b| b.origin() == u.origin()))
        .map(|u| u.href())
        .ok_or_else(|| LoadError::Network {
            url: entry.url.clone(),
            message: "the shard's address is not below the index's".into(),
        })?;
    progress.received.set(0);
    progress.total.set(Some(entry.bytes));
    progress.checking.set(false);
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| network(&url, e))?;
    if !response.ok() {
        return Err(LoadError::Http {
            url,
            status: response.status(),
        });
    }
    let encoded = response.headers().get("content-encoding").is_some();
    if encoded {
        progress.total.set(None);
    }
    // One byte more than the index lists is enough to know it is not the
    // shard listed.
    let limit = (entry.bytes as usize).min(MAX_FEED_BYTES);
    let bytes = match read_bytes(response.body(), progress, limit).await {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge(bytes)) => {
            let e = ShardError::Tampered {
                region: district.to_string(),
                reason: format!(
                    "it is more than {bytes} bytes; the index says {}",
                    entry.bytes
                ),
            };
            return Err(refused(&url, e, true));
        }
        Err(ReadError::Stream(message)) => return Err(LoadError::Network { url, message }),
    };
    progress.checking.set(true);
    let digest = match district::sha256(&bytes).await {
        Ok(digest) => digest,
        Err(message) => {
            let e = ShardError::Tampered {
                region: district.to_string(),
                reason: format!("this browser cannot compute its SHA-256: {message}"),
            };
            return Err(refused(&url, e, true));
        }
    };
    index
        .check_shard_digest(district, bytes.len(), &digest)
        .map_err(|e| refused(&url, e, true))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    // Checking and indexing a big shard are two long steps: the page draws
    // between them.
    let big = text.len() > BIG_FEED_BYTES;
    let feed = index
        .with_shard(district, &text)
        .map_err(|e| refused(&url, e, false))?;
    drop(text);
    if big {
        after_paint().await;
    }
    let catalogue = index_menu(&feed).await;
    Ok(menu(
        feed,
        catalogue,
        base.url.clone(),
        Some(url),
        base.config.clone(),
        &browser::origin(),
    ))
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
