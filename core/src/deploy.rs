//! The deployment config (`caidan.json` beside the app) and which feeds the
//! app may load.
//!
//! A link such as `/?feed=https://evil.example/feed.json` must never make
//! the app show a stranger's menu, with a stranger's phone numbers, under
//! this site's name. So a requested feed is only accepted when it is a path
//! on the app's own origin or on an origin the deployment allows.

use serde::Deserialize;

/// What the deployment says about feeds.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct DeployConfig {
    /// The feed shown when none is requested: a same-origin path or an
    /// absolute URL.
    pub default_feed: String,
    /// Other origins (`https://host[:port]`) feeds may come from.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

/// Why a deployment config or a requested feed was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DeployError {
    /// `caidan.json` is not valid.
    #[error("the deployment config is not valid: {0}")]
    Config(String),
    /// The requested feed is on an origin the deployment does not allow.
    #[error("`{0}` is not an allowed feed: feeds may only come from this site or an origin its deployment allows")]
    NotAllowed(String),
}

impl DeployConfig {
    /// Parses `caidan.json`.
    pub fn parse(text: &str) -> Result<Self, DeployError> {
        let config: DeployConfig =
            serde_json::from_str(text).map_err(|e| DeployError::Config(e.to_string()))?;
        if config.default_feed.trim().is_empty() {
            return Err(DeployError::Config("`default_feed` is empty".into()));
        }
        for o in &config.allowed_origins {
            if origin_of(o).as_deref() != Some(o.trim_end_matches('/')) {
                return Err(DeployError::Config(format!(
                    "`{o}` is not an origin like `https://feeds.example.gov`"
                )));
            }
        }
        Ok(config)
    }

    /// The URL to fetch for a requested feed (`?feed=`), or the default.
    /// `page_origin` is the app's own origin, e.g. `http://127.0.0.1:8080`.
    pub fn resolve(
        &self,
        requested: Option<&str>,
        page_origin: &str,
    ) -> Result<String, DeployError> {
        let wanted = requested.map(str::trim).filter(|r| !r.is_empty());
        let Some(r) = wanted else {
            return Ok(self.default_feed.clone());
        };
        // A browser deletes tabs and line breaks from a URL before it parses
        // it, so `/\t/evil.example/x` would be fetched as `//evil.example/x`:
        // a feed URL with control characters or spaces is never a mistake
        // worth guessing at.
        if r.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(DeployError::NotAllowed(r.escape_debug().to_string()));
        }
        // A same-origin path: `/feeds/x.json`, but not `//host/x` (another origin).
        if r.starts_with('/') && !r.starts_with("//") && !r.contains('\\') {
            return Ok(r.to_string());
        }
        match origin_of(r) {
            Some(origin)
                if origin == page_origin.trim_end_matches('/')
                    || self
                        .allowed_origins
                        .iter()
                        .any(|a| a.trim_end_matches('/').eq_ignore_ascii_case(&origin)) =>
            {
                Ok(r.to_string())
            }
            _ => Err(DeployError::NotAllowed(r.to_string())),
        }
    }
}

/// The origin (`scheme://host[:port]`, lowercase) of an absolute http(s)
/// URL without credentials; `None` for anything else.
pub fn origin_of(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .map(|r| ("https", r))
        .or_else(|| lower.strip_prefix("http://").map(|r| ("http", r)))?;
    let (scheme, rest) = rest;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') || authority.contains('\\') {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> DeployConfig {
        DeployConfig::parse(
            r#"{"default_feed": "/feeds/sample.json", "allowed_origins": ["https://feeds.example.gov"]}"#,
        )
        .unwrap()
    }

    #[test]
    fn requested_feeds_are_resolved_or_refused() {
        let page = "http://127.0.0.1:8080";
        let cases: &[(Option<&str>, Result<&str, ()>)] = &[
            (None, Ok("/feeds/sample.json")),
            (Some(""), Ok("/feeds/sample.json")),
            (Some("/feeds/other.json"), Ok("/feeds/other.json")),
            (
                Some("http://127.0.0.1:8080/f.json"),
                Ok("http://127.0.0.1:8080/f.json"),
            ),
            (
                Some("https://feeds.example.gov/x.json"),
                Ok("https://feeds.example.gov/x.json"),
            ),
            (
                Some("https://FEEDS.example.gov/x.json"),
                Ok("https://FEEDS.example.gov/x.json"),
            ),
            (Some("https://evil.example/x.json"), Err(())),
            (Some("//evil.example/x.json"), Err(())),
            (Some("/\\evil.example/x.json"), Err(())),
            (
                Some("https://feeds.example.gov@evil.example/x.json"),
                Err(()),
            ),
            (
                Some("https://feeds.example.gov.evil.example/x.json"),
                Err(()),
            ),
            (Some("javascript:alert(1)"), Err(())),
            // Regression: the browser drops the tab and fetches //evil.example.
            (Some("/\t/evil.example/x.json"), Err(())),
            (Some("/\n/evil.example/x.json"), Err(())),
            (Some("/\r/evil.example/x.json"), Err(())),
            (Some("/feeds/a b.json"), Err(())),
            (Some("/feeds/\u{0}x.json"), Err(())),
            (Some("http://127.0.0.1:9999/f.json"), Err(())),
        ];
        for (requested, expected) in cases {
            let got = config().resolve(*requested, page);
            match expected {
                Ok(url) => assert_eq!(got.as_deref(), Ok(*url), "{requested:?}"),
                Err(()) => assert!(
                    matches!(got, Err(DeployError::NotAllowed(_))),
                    "{requested:?} gave {got:?}"
                ),
            }
        }
    }

    #[test]
    fn bad_configs_are_refused() {
        for text in [
            "{}",
            r#"{"default_feed": ""}"#,
            r#"{"default_feed": "/f.json", "allowed_origins": ["https://x.example/path"]}"#,
            "not json",
        ] {
            assert!(DeployConfig::parse(text).is_err(), "{text}");
        }
    }
}
