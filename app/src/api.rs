//! Fetching the deployment config and the feed over HTTP.

use std::sync::Arc;

use caidan_core::catalogue::Catalogue;
use caidan_core::deploy::{DeployConfig, DeployError};
use caidan_core::{Diagnostic, Feed, FeedError};
use gloo_net::http::Request;

/// Where the deployment config lives, beside the app.
pub const CONFIG_PATH: &str = "/caidan.json";

/// A feed that loaded and validated.
#[derive(Debug)]
pub struct Loaded {
    /// The checked feed.
    pub feed: Feed,
    /// Where it came from.
    pub url: String,
    /// The search index over its services.
    pub catalogue: Catalogue,
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
}

impl LoadError {
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

async fn get_text(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Network {
            url: url.to_string(),
            message: e.to_string(),
        })?;
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_string(),
            status: response.status(),
        });
    }
    response.text().await.map_err(|e| LoadError::Network {
        url: url.to_string(),
        message: e.to_string(),
    })
}

/// Loads the deployment config, resolves the requested feed against it, and
/// fetches and validates that feed.
pub async fn load_menu(
    requested: Option<String>,
    origin: String,
) -> Result<Arc<Loaded>, LoadError> {
    let config = DeployConfig::parse(&get_text(CONFIG_PATH).await?)?;
    let url = config.resolve(requested.as_deref(), &origin)?;
    let text = get_text(&url).await?;
    match Feed::parse(&text) {
        Ok(feed) => {
            let catalogue = Catalogue::build(&feed);
            Ok(Arc::new(Loaded {
                feed,
                url,
                catalogue,
            }))
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
