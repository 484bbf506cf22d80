//! The deployment config (`caidan.json` beside the app): which feeds the app
//! may load, where a resident's details may be sent, and which keys a feed
//! must be signed with.
//!
//! A link such as `/?feed=https://evil.example/feed.json` must never make
//! the app show a stranger's menu, with a stranger's phone numbers, under
//! this site's name; and a feed must never be able to send a resident's name
//! and phone to a host the deployment did not name. So every URL is judged
//! *as the browser will fetch it*: the caller resolves it against the page
//! with the browser's own URL parser and hands core the result, and core
//! reads its origin only when it is in the exact form that parser writes.
//! A URL in any other form is refused, so core and the browser can never
//! disagree about where a request goes.

use serde::Deserialize;

/// What the deployment says about feeds and intakes.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct DeployConfig {
    /// The feed shown when none is requested: a path of this site or an
    /// absolute URL.
    pub default_feed: String,
    /// Other origins (`https://host[:port]`) feeds may come from.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Other origins an Open311 intake may be on: a resident's details are
    /// only ever sent to this site's own origin or one of these.
    #[serde(default)]
    pub allowed_intake_origins: Vec<String>,
    /// Ed25519 public keys (base64 of the 32 raw bytes); when any is listed,
    /// a feed is shown only if its signature verifies with one of them.
    #[serde(default)]
    pub feed_keys: Vec<String>,
    /// Present on a walk-up screen in a service centre: the app then serves
    /// one visitor after another and keeps nothing of any of them.
    #[serde(default)]
    pub kiosk: Option<KioskConfig>,
}

/// How a kiosk ends a visit nobody is using (`"kiosk": {...}` in
/// `caidan.json`; every key optional).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct KioskConfig {
    /// Seconds without a touch, key or scroll before the visit is about to
    /// end.
    #[serde(default = "KioskConfig::default_idle")]
    pub idle_seconds: u32,
    /// Seconds the warning counts down before the visit ends: at least
    /// [`KioskConfig::MIN_WARNING`], so anyone can ask for more time.
    #[serde(default = "KioskConfig::default_warning")]
    pub warning_seconds: u32,
    /// Whether a receipt printer is attached (a "Print my ticket" button).
    #[serde(default = "KioskConfig::default_printer")]
    pub printer: bool,
    /// The origin of this menu's site for residents' own phones (a
    /// deployment without `kiosk`), which "Continue on your phone" opens;
    /// when absent, the kiosk's own origin.
    #[serde(default)]
    pub phone_origin: Option<String>,
}

impl KioskConfig {
    /// The shortest countdown a visitor is given to say they are still
    /// there (WCAG 2.2.1 asks for at least 20 seconds).
    pub const MIN_WARNING: u32 = 20;
    /// The longest idle time or countdown accepted: a day.
    pub const MAX_SECONDS: u32 = 86_400;

    fn default_idle() -> u32 {
        120
    }
    fn default_warning() -> u32 {
        30
    }
    fn default_printer() -> bool {
        true
    }

    fn check(&self) -> Result<(), DeployError> {
        if !(1..=Self::MAX_SECONDS).contains(&self.idle_seconds) {
            return Err(DeployError::Config(format!(
                "`kiosk.idle_seconds`: {} is not between 1 and {}",
                self.idle_seconds,
                Self::MAX_SECONDS
            )));
        }
        if !(Self::MIN_WARNING..=Self::MAX_SECONDS).contains(&self.warning_seconds) {
            return Err(DeployError::Config(format!(
                "`kiosk.warning_seconds`: {} is not between {} and {} \
                 (a visitor must have at least {} seconds to ask for more time)",
                self.warning_seconds,
                Self::MIN_WARNING,
                Self::MAX_SECONDS,
                Self::MIN_WARNING
            )));
        }
        if let Some(o) = &self.phone_origin {
            if origin_of(&format!("{o}/")).as_deref() != Some(o.as_str()) {
                return Err(DeployError::Config(format!(
                    "`kiosk.phone_origin`: `{o}` is not an origin like `https://menu.example.gov` \
                     (lower case, no path, no default port)"
                )));
            }
        }
        Ok(())
    }
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            idle_seconds: Self::default_idle(),
            warning_seconds: Self::default_warning(),
            printer: Self::default_printer(),
            phone_origin: None,
        }
    }
}

/// Why a deployment config, a requested feed or an intake was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeployError {
    /// `caidan.json` is not valid.
    #[error("the deployment config is not valid: {0}")]
    Config(String),
    /// The requested feed is on an origin the deployment does not allow.
    #[error("`{0}` is not an allowed feed: feeds may only come from this site or an origin its deployment allows")]
    NotAllowed(String),
    /// The intake is on an origin the deployment does not allow.
    #[error("`{0}` is not an allowed intake: residents' details may only go to this site or an origin its deployment allows")]
    IntakeNotAllowed(String),
    /// The intake is not on `https` (plain `http` is allowed on loopback
    /// only, while the app itself is served from loopback).
    #[error("`{0}` is not a secure intake: residents' details are only sent over https")]
    IntakeInsecure(String),
}

impl DeployConfig {
    /// Parses `caidan.json`.
    pub fn parse(text: &str) -> Result<Self, DeployError> {
        let config: DeployConfig =
            serde_json::from_str(text).map_err(|e| DeployError::Config(e.to_string()))?;
        if config.default_feed.trim().is_empty() {
            return Err(DeployError::Config("`default_feed` is empty".into()));
        }
        let lists = [
            ("allowed_origins", &config.allowed_origins),
            ("allowed_intake_origins", &config.allowed_intake_origins),
        ];
        for (key, origins) in lists {
            for o in origins {
                if origin_of(&format!("{o}/")).as_deref() != Some(o.as_str()) {
                    return Err(DeployError::Config(format!(
                        "`{key}`: `{o}` is not an origin like `https://feeds.example.gov` \
                         (lower case, no path, no default port)"
                    )));
                }
            }
        }
        if let Some(kiosk) = &config.kiosk {
            kiosk.check()?;
        }
        for k in &config.feed_keys {
            if !is_base64_key(k) {
                return Err(DeployError::Config(format!(
                    "`feed_keys`: `{k}` is not the base64 of a 32-byte Ed25519 public key"
                )));
            }
        }
        Ok(config)
    }

    /// The URL to fetch for a requested feed (`?feed=`), or the default.
    ///
    /// `resolve` is the browser's URL parser: it resolves a URL against the
    /// page and returns its `href`, or `None` when it does not parse.
    /// `page_origin` is the app's own origin, e.g. `http://127.0.0.1:8080`.
    /// A requested feed with control characters or white space inside is
    /// refused outright (the browser would drop them and fetch something
    /// else); a resolved feed must be on the page's origin or an allowed one.
    pub fn feed_url(
        &self,
        requested: Option<&str>,
        page_origin: &str,
        resolve: impl Fn(&str) -> Option<String>,
    ) -> Result<String, DeployError> {
        let wanted = requested.map(str::trim).filter(|r| !r.is_empty());
        let Some(r) = wanted else {
            return resolve(self.default_feed.trim())
                .ok_or_else(|| DeployError::Config("`default_feed` is not a URL".into()));
        };
        let refused = || DeployError::NotAllowed(shown(r));
        if r.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(refused());
        }
        let url = resolve(r).ok_or_else(refused)?;
        match origin_of(&url) {
            Some(origin) if origin == page_origin || self.allowed_origins.contains(&origin) => {
                Ok(url)
            }
            _ => Err(refused()),
        }
    }

    /// The URL residents' requests may be sent to for an intake `endpoint`,
    /// resolved as the browser will (see [`DeployConfig::feed_url`]): on the
    /// page's origin or an allowed intake origin, and on `https` — or plain
    /// `http` on a loopback host while the page is on one (development).
    pub fn intake_url(
        &self,
        endpoint: &str,
        page_origin: &str,
        resolve: impl Fn(&str) -> Option<String>,
    ) -> Result<String, DeployError> {
        let endpoint = endpoint.trim();
        let refused = || DeployError::IntakeNotAllowed(shown(endpoint));
        if endpoint
            .chars()
            .any(|c| c.is_control() || c.is_whitespace())
        {
            return Err(refused());
        }
        let url = resolve(endpoint).ok_or_else(refused)?;
        let origin = origin_of(&url).ok_or_else(refused)?;
        if origin != page_origin && !self.allowed_intake_origins.contains(&origin) {
            return Err(refused());
        }
        let secure =
            origin.starts_with("https://") || (is_loopback(&origin) && is_loopback(page_origin));
        if !secure {
            return Err(DeployError::IntakeInsecure(url));
        }
        Ok(url)
    }
}

/// The origin (`scheme://host[:port]`) of an absolute `http` or `https`
/// URL written as the WHATWG URL serializer writes it (a browser's
/// `URL.href`); `None` for anything else, and for IPv6 literal hosts other
/// than loopback `[::1]`.
///
/// Only the serializer's form is read: a lower-case scheme, no credentials,
/// a host of lower-case ASCII labels, a dotted-quad IPv4 address or a
/// bracketed IPv6 address, a port only when it is not the scheme's default,
/// and a path that starts with `/`. Whatever a browser would rewrite
/// (upper case, percent-encoding or non-ASCII in the host, `0x7f.1`,
/// default ports, backslashes) is `None`, never a guess.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = if let Some(r) = url.strip_prefix("https://") {
        ("https", r)
    } else {
        ("http", url.strip_prefix("http://")?)
    };
    let end = rest.find('/')?;
    let authority = rest.get(..end)?;
    let (host, port) = split_port(authority)?;
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        // Of IPv6 literals only loopback is read: nobody publishes a menu
        // on a bare IPv6 address, and reading the serializer's short form
        // of any address is not worth its weight on residents' phones.
        inner == "::1"
    } else {
        is_domain_or_ipv4(host)
    };
    if !host_ok {
        return None;
    }
    if let Some(p) = port {
        let default = if scheme == "https" { "443" } else { "80" };
        let canonical = !p.is_empty()
            && p.chars().all(|c| c.is_ascii_digit())
            && (p == "0" || !p.starts_with('0'))
            && p.parse::<u32>().is_ok_and(|n| n <= 65_535)
            && p != default;
        if !canonical {
            return None;
        }
    }
    Some(format!("{scheme}://{authority}"))
}

/// A refused URL for a message: control characters written as `\u{..}`,
/// so that what was refused is visible.
fn shown(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            c if c.is_control() => format!("\\u{{{:x}}}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// An authority's host and port (`[::1]:8080` → `[::1]`, `8080`); `None`
/// when the brackets of an IPv6 host do not close.
fn split_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, rest) = authority.split_at(close + 1);
        match rest {
            "" => Some((host, None)),
            _ => Some((host, Some(rest.strip_prefix(':')?))),
        }
    } else {
        Some(match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        })
    }
}

/// A host as the serializer writes a domain (lower-case ASCII labels) or an
/// IPv4 address (four decimal parts without leading zeros, each at most
/// 255). A host whose last label looks like a number is read as IPv4 by a
/// browser, so it is accepted only as a dotted quad.
fn is_domain_or_ipv4(host: &str) -> bool {
    let labels: Vec<&str> = host.strip_suffix('.').unwrap_or(host).split('.').collect();
    let looks_numeric = labels.last().is_some_and(|l| {
        (!l.is_empty() && l.chars().all(|c| c.is_ascii_digit()))
            || l.starts_with("0x")
            || l.starts_with("0X")
    });
    if looks_numeric {
        return !host.ends_with('.')
            && labels.len() == 4
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.chars().all(|c| c.is_ascii_digit())
                    && (*l == "0" || !l.starts_with('0'))
                    && l.parse::<u16>().is_ok_and(|n| n <= 255)
            });
    }
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// Whether an origin's host is a loopback address (`localhost`,
/// `127.x.x.x`, `[::1]`).
fn is_loopback(origin: &str) -> bool {
    let authority = origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .trim_end_matches('/');
    let Some((host, _)) = split_port(authority) else {
        return false;
    };
    host == "localhost" || host.ends_with(".localhost") || host == "[::1]" || {
        host.starts_with("127.") && is_domain_or_ipv4(host)
    }
}

/// Whether `key` is standard base64 (with padding) of 32 bytes.
fn is_base64_key(key: &str) -> bool {
    key.len() == 44
        && key.ends_with('=')
        && !key.ends_with("==")
        && key.get(..43).is_some_and(|k| {
            k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
        })
}

#[cfg(test)]
mod tests;
