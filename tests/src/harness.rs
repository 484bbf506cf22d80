//! A static server and a browser together: what one end-to-end test needs.

use std::ops::Deref;
use std::path::PathBuf;

use crate::app::dist_dir;
use crate::browser::Browser;
use crate::server::StaticServer;

/// A [`StaticServer`] for a site and a [`Browser`] to visit it.
///
/// It dereferences to the [`Browser`], so the query helpers are called on it
/// directly (`h.wait_for_link("...")`). The browser closes before the server
/// stops.
#[derive(Debug)]
pub struct Harness {
    browser: Browser,
    server: StaticServer,
}

impl Harness {
    /// Serves the built app ([`dist_dir`]) and starts a browser; panics with
    /// the reason if either cannot start.
    pub async fn start() -> Harness {
        Harness::serve(dist_dir()).await
    }

    /// Serves the directory `root` and starts a browser; panics with the
    /// reason if either cannot start.
    pub async fn serve(root: impl Into<PathBuf>) -> Harness {
        let root = root.into();
        let server = match StaticServer::start(root.clone()).await {
            Ok(server) => server,
            Err(e) => panic!("cannot serve `{}`: {e}", root.display()),
        };
        let browser = match Browser::start().await {
            Ok(browser) => browser,
            Err(e) => panic!("cannot start the browser: {e}"),
        };
        Harness { browser, server }
    }

    /// Opens `path_and_query` (e.g. `/?lang=en`) on the server.
    pub async fn open(&self, path_and_query: &str) {
        self.browser.goto(&self.server.url(path_and_query)).await;
    }

    /// The static server, e.g. to [`StaticServer::put`] a feed.
    pub fn server(&self) -> &StaticServer {
        &self.server
    }

    /// The browser.
    pub fn browser(&self) -> &Browser {
        &self.browser
    }
}

impl Deref for Harness {
    type Target = Browser;

    fn deref(&self) -> &Browser {
        &self.browser
    }
}
