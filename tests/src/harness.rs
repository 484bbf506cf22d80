//! A static server and a browser together: what one end-to-end test needs.

use std::ops::Deref;
use std::path::PathBuf;

use caidan_core::deploy::DeployConfig;
use serde_json::{json, Value};

use crate::app::dist_dir;
use crate::browser::{strings, Browser};
use crate::server::StaticServer;

/// Installed before any script of every document: keeps each
/// Content-Security-Policy violation the page reports.
const CSP_RECORDER: &str = "window.__cdCspViolations = [];\
    document.addEventListener('securitypolicyviolation', (e) => \
    window.__cdCspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} \
    in ${e.sourceFile || document.location.pathname}:${e.lineNumber}`));";

/// Installed before any script of every document unless a test lets the
/// service worker in: the page sees no service worker support.
const NO_SERVICE_WORKER: &str =
    "Object.defineProperty(navigator, 'serviceWorker', { value: undefined, configurable: true });";

/// Whether the build's first view is on the page (the app has not taken
/// over yet).
const FIRST_VIEW_SHOWN: &str = "return document.getElementById('cd-first') !== null;";

/// Reads what [`CSP_RECORDER`] kept on the current document.
const CSP_VIOLATIONS: &str = "return window.__cdCspViolations || [];";

/// A [`StaticServer`] for a site and a [`Browser`] to visit it.
///
/// It dereferences to the [`Browser`], so the query helpers are called on it
/// directly (`h.wait_for_link("...")`). The browser closes before the server
/// stops.
#[derive(Debug)]
pub struct Harness {
    browser: Browser,
    server: StaticServer,
    /// The script that hides service workers from every document, while
    /// installed.
    no_worker: Option<String>,
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
        browser
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": CSP_RECORDER }),
            )
            .await;
        // A test that changes a served file sees the change at once, and
        // hears only the requests the page makes: no service worker, as in
        // a browser without them. The offline tests let the worker in.
        let no_worker = browser
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": NO_SERVICE_WORKER }),
            )
            .await;
        let no_worker = no_worker["identifier"].as_str().map(str::to_string);
        Harness {
            browser,
            server,
            no_worker,
        }
    }

    /// Serves the directory `root` for a benchmark: `observer` runs before
    /// any script of every document, and the network is followed (for the
    /// bytes each response carried).
    pub async fn serve_observed(root: impl Into<PathBuf>, observer: &str) -> Harness {
        let h = Harness::serve(root).await;
        h.browser
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": observer }),
            )
            .await;
        h.browser.cdp("Network.enable", json!({})).await;
        h
    }

    /// Serves the built app with its service worker in play, as on a
    /// resident's phone: from the second page on, the worker serves the
    /// shell and the menu.
    pub async fn start_with_service_worker() -> Harness {
        let mut h = Harness::start().await;
        if let Some(identifier) = h.no_worker.take() {
            h.browser
                .cdp(
                    "Page.removeScriptToEvaluateOnNewDocument",
                    json!({ "identifier": identifier }),
                )
                .await;
        }
        h
    }

    /// Opens `path_and_query` (e.g. `/?lang=en`) on the server, after
    /// checking that the page it leaves broke no Content-Security-Policy.
    /// When the page opens on the build's first view, this waits for the
    /// app to take over, so a test talks to the app (tests of the first
    /// view itself use [`Harness::open_first_view`]).
    pub async fn open(&self, path_and_query: &str) {
        self.open_first_view(path_and_query).await;
        self.wait_until("the app to take over from the first view", || async {
            let shown = self.execute(FIRST_VIEW_SHOWN, Vec::new()).await;
            (shown == Value::Bool(false)).then_some(())
        })
        .await;
    }

    /// Opens `path_and_query` like [`Harness::open`], without waiting for
    /// the app: what a resident sees first may be the build's first view.
    pub async fn open_first_view(&self, path_and_query: &str) {
        self.assert_no_csp_violations().await;
        self.browser.goto(&self.server.url(path_and_query)).await;
    }

    /// Panics listing every Content-Security-Policy violation the current
    /// document reported. Checked again whenever a test opens another page
    /// and when the harness is dropped, so every page a journey visits is
    /// covered.
    pub async fn assert_no_csp_violations(&self) {
        let found = strings(&self.browser.execute(CSP_VIOLATIONS, Vec::new()).await);
        assert!(
            found.is_empty(),
            "Content-Security-Policy violations: {found:#?}"
        );
    }

    /// Deploys the app with `config` as its `caidan.json`: serves that, and
    /// an `index.html` whose Content-Security-Policy is made from it, as a
    /// deployment that changes its config does with `caidan csp`.
    pub fn deploy(&self, config: &Value) {
        let text = config.to_string();
        let parsed = match DeployConfig::parse(&text) {
            Ok(parsed) => parsed,
            Err(e) => panic!("the test's deployment config is not valid: {e}"),
        };
        let index_path = dist_dir().join("index.html");
        let index = std::fs::read_to_string(&index_path)
            .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", index_path.display()));
        let index = caidan_core::csp::keep_first_view_of(&index, &text);
        let (page, _) = caidan_core::csp::apply(&index, &parsed)
            .unwrap_or_else(|e| panic!("cannot make the policy: {e}"));
        self.server.put("/caidan.json", text.into_bytes());
        self.server.put("/index.html", page.into_bytes());
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

impl Drop for Harness {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let found = self
            .browser
            .execute_blocking(CSP_VIOLATIONS)
            .map(|v| strings(&v))
            .unwrap_or_default();
        assert!(
            found.is_empty(),
            "Content-Security-Policy violations: {found:#?}"
        );
    }
}

impl Deref for Harness {
    type Target = Browser;

    fn deref(&self) -> &Browser {
        &self.browser
    }
}
