//! Headless Chromium through chromedriver, and the queries tests use to find
//! elements by role and accessible name.
//!
//! Every [`Browser`] starts its own chromedriver on a free port, so tests run
//! in parallel. Dropping a `Browser` closes its WebDriver session with a
//! blocking request (no async runtime needed, so it also works while a test
//! is panicking) and then kills chromedriver: no Chromium outlives its test.

use std::future::Future;
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::{Element, ElementRef};
use fantoccini::error::{CmdError, NewSessionError};
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::http;

/// A headless Chromium session driven through its own chromedriver.
///
/// Fields drop in order: the client, then the session guard (which closes the
/// session), then chromedriver, then the temporary directory that chromedriver
/// and Chromium used (their profile and singleton socket).
#[derive(Debug)]
pub struct Browser {
    client: Client,
    session: SessionGuard,
    _driver: Driver,
    _temp: TempDir,
}

/// Why a [`Browser`] could not start.
#[derive(Debug, thiserror::Error)]
pub enum BrowserStartError {
    /// No free local port could be found.
    #[error("cannot find a free local port: {0}")]
    Port(#[source] std::io::Error),
    /// The chromedriver binary could not be run.
    #[error("cannot run `{path}` (is chromedriver installed?): {source}")]
    Spawn {
        /// The binary that was tried.
        path: String,
        /// The error from the operating system.
        #[source]
        source: std::io::Error,
    },
    /// chromedriver never answered on its port.
    #[error("chromedriver did not answer on port {port} within {seconds} s")]
    NotReady {
        /// The port chromedriver was told to use.
        port: u16,
        /// How long the harness waited.
        seconds: u64,
    },
    /// chromedriver exited on every attempt.
    #[error("chromedriver exited before it was ready: {status}")]
    Exited {
        /// Its exit status.
        status: String,
    },
    /// The temporary directory for the browser could not be created.
    #[error("cannot create a temporary directory for the browser: {0}")]
    TempDir(#[source] std::io::Error),
    /// The WebDriver client could not set up TLS support.
    #[error("cannot set up the WebDriver client: {0}")]
    Client(#[source] std::io::Error),
    /// chromedriver refused to open a session (often: Chromium missing).
    #[error("cannot open a browser session: {0}")]
    Session(#[source] NewSessionError),
    /// The session came without an id.
    #[error("the browser session has no id")]
    NoSessionId,
    /// A WebDriver command failed while setting up.
    #[error("cannot set up the browser session: {0}")]
    Command(#[source] CmdError),
}

/// How a query compares accessible names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// The whole normalised name equals this text.
    Exact(String),
    /// The normalised name contains this text.
    Contains(String),
    /// Any name.
    Any,
}

/// Matches names containing `text` (plain strings match exactly).
pub fn contains(text: impl Into<String>) -> Name {
    Name::Contains(text.into())
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::Exact(text.to_string())
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        Name::Exact(text)
    }
}

/// The roles the queries know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `a[href]` and `role="link"`.
    Link,
    /// `button`, button-like inputs and `role="button"`.
    Button,
    /// `h1`–`h6` and `role="heading"`, optionally of one level.
    Heading(Option<u8>),
    /// A text input, textarea or select (textbox, combobox, searchbox,
    /// spinbutton).
    Field,
    /// A radio button.
    Radio,
    /// A checkbox or switch.
    Checkbox,
    /// A `<details>` element, named by its `<summary>`.
    Details,
}

impl Role {
    /// The role in words, e.g. `link`, `h2 heading` or `text field`.
    pub fn word(self) -> String {
        match self {
            Role::Heading(Some(level)) => format!("h{level} heading"),
            Role::Heading(None) => "heading".to_string(),
            Role::Field => "text field".to_string(),
            other => other.script_name().to_string(),
        }
    }

    /// The role as `queries.js` names it.
    pub(crate) fn script_name(self) -> &'static str {
        match self {
            Role::Link => "link",
            Role::Button => "button",
            Role::Heading(_) => "heading",
            Role::Field => "field",
            Role::Radio => "radio",
            Role::Checkbox => "checkbox",
            Role::Details => "details",
        }
    }

    /// The role `queries.js` names `name`, a heading with `level`.
    pub(crate) fn from_script_name(name: &str, level: Option<u8>) -> Option<Role> {
        let roles = [
            Role::Link,
            Role::Button,
            Role::Heading(level),
            Role::Field,
            Role::Radio,
            Role::Checkbox,
            Role::Details,
        ];
        roles.into_iter().find(|role| role.script_name() == name)
    }
}

/// A query for elements by role and accessible name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The role.
    pub role: Role,
    /// How the accessible name must match.
    pub name: Name,
}

/// An element found by a [`Query`].
#[derive(Debug, Clone)]
pub struct Match {
    /// The element.
    pub element: Element,
    /// Its accessible name, normalised.
    pub name: String,
    /// For links, the target as resolved by the browser, reduced to path,
    /// query and fragment when it is same-origin.
    pub href: Option<String>,
}

/// A visible link: its accessible name and its `href` as resolved by the
/// browser, reduced to path, query and fragment when it is same-origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkInfo {
    /// The accessible name.
    pub name: String,
    /// The target, e.g. `/services/meal-assist?lang=en`.
    pub href: String,
}

impl Browser {
    /// Starts chromedriver on a free port and opens a headless Chromium
    /// session with a 412×915 (phone-sized) window.
    pub async fn start() -> Result<Browser, BrowserStartError> {
        let mut last_exit = None;
        for _attempt in 0..3 {
            let port = free_port().map_err(BrowserStartError::Port)?;
            let temp = tempfile::Builder::new()
                .prefix("caidan-browser-")
                .tempdir()
                .map_err(BrowserStartError::TempDir)?;
            let mut driver = Driver::spawn(port, temp.path())?;
            match driver.wait_ready().await {
                Ok(()) => return connect(driver, temp).await,
                Err(Some(status)) => last_exit = Some(status),
                Err(None) => {
                    return Err(BrowserStartError::NotReady {
                        port,
                        seconds: DRIVER_START_TIMEOUT.as_secs(),
                    })
                }
            }
        }
        Err(BrowserStartError::Exited {
            status: last_exit.unwrap_or_default(),
        })
    }

    /// The WebDriver client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Navigates to an absolute URL and waits for the page's load event.
    pub async fn goto(&self, url: &str) {
        if let Err(e) = self.client.goto(url).await {
            panic!("cannot open `{url}`: {e}");
        }
    }

    /// The current URL's path and query, e.g. `/services/x?lang=en`.
    pub async fn current_path_and_query(&self) -> String {
        let url = match self.client.current_url().await {
            Ok(url) => url,
            Err(e) => panic!("cannot read the current URL: {e}"),
        };
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Runs a script (with `arguments`) in the page and returns its result.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        match self.client.execute(script, args).await {
            Ok(value) => value,
            Err(e) => panic!("script failed: {e}\nscript: {script}"),
        }
    }

    /// All visible elements matching `query`, in document order, with a
    /// description of every visible element of the role (for messages).
    /// Panics if the script fails.
    pub async fn query_all(&self, query: &Query) -> (Vec<Match>, Vec<String>) {
        match self.try_query_all(query).await {
            Ok(found) => found,
            Err(e) => panic!("cannot query the page: {e}"),
        }
    }

    /// Like [`Browser::query_all`], but returns the WebDriver error (e.g.
    /// while the page is being replaced) instead of panicking.
    pub async fn try_query_all(
        &self,
        query: &Query,
    ) -> Result<(Vec<Match>, Vec<String>), CmdError> {
        let role = query.role.script_name();
        let level = match query.role {
            Role::Heading(Some(level)) => json!(level),
            _ => Value::Null,
        };
        let (mode, wanted) = match &query.name {
            Name::Exact(text) => ("exact", text.as_str()),
            Name::Contains(text) => ("contains", text.as_str()),
            Name::Any => ("any", ""),
        };
        let result = self
            .client
            .execute(
                QUERIES_JS,
                vec![json!(role), json!(mode), json!(wanted), level],
            )
            .await?;
        let matches = result
            .get("matches")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| {
                        Some(Match {
                            element: self.element(item.get("element")?)?,
                            name: item.get("name")?.as_str()?.to_string(),
                            href: item.get("href").and_then(Value::as_str).map(str::to_string),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let names = result.get("names").map(strings).unwrap_or_default();
        Ok((matches, names))
    }

    /// The first visible element matching `query`; panics, listing what the
    /// page has instead, if there is none.
    pub async fn find(&self, query: Query) -> Element {
        let (matches, names) = self.query_all(&query).await;
        match matches.into_iter().next() {
            Some(found) => found.element,
            None => panic!("{}", self.not_found(&query, &names).await),
        }
    }

    /// Like [`Browser::find`], but polls until the element appears or the
    /// wait timeout (see [`wait_timeout`]) passes. Script errors while
    /// polling (a page being replaced) count as "not yet".
    pub async fn wait_for(&self, query: Query) -> Element {
        let deadline = Instant::now() + wait_timeout();
        loop {
            let names = match self.try_query_all(&query).await {
                Ok((matches, names)) => match matches.into_iter().next() {
                    Some(found) => return found.element,
                    None => names,
                },
                Err(e) => vec![format!("(the last query failed: {e})")],
            };
            if Instant::now() >= deadline {
                panic!(
                    "after {} s: {}",
                    wait_timeout().as_secs(),
                    self.not_found(&query, &names).await
                );
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// The link whose accessible name matches `name`.
    pub async fn find_link(&self, name: impl Into<Name>) -> Element {
        self.find(query(Role::Link, name)).await
    }

    /// Waits for the link whose accessible name matches `name`.
    pub async fn wait_for_link(&self, name: impl Into<Name>) -> Element {
        self.wait_for(query(Role::Link, name)).await
    }

    /// The button whose accessible name matches `name`.
    pub async fn find_button(&self, name: impl Into<Name>) -> Element {
        self.find(query(Role::Button, name)).await
    }

    /// Waits for the button whose accessible name matches `name`.
    pub async fn wait_for_button(&self, name: impl Into<Name>) -> Element {
        self.wait_for(query(Role::Button, name)).await
    }

    /// The heading of `level` (any level if `None`) whose text contains
    /// `text_contains` (an empty string matches every heading).
    pub async fn find_heading(&self, level: Option<u8>, text_contains: &str) -> Element {
        self.find(query(Role::Heading(level), contains(text_contains)))
            .await
    }

    /// Waits for a heading, as [`Browser::find_heading`].
    pub async fn wait_for_heading(&self, level: Option<u8>, text_contains: &str) -> Element {
        self.wait_for(query(Role::Heading(level), contains(text_contains)))
            .await
    }

    /// The text input, textarea or select labelled `label` (by `<label>`,
    /// `aria-label` or `aria-labelledby`).
    pub async fn find_textbox(&self, label: impl Into<Name>) -> Element {
        self.find(query(Role::Field, label)).await
    }

    /// Waits for a text input, textarea or select, as
    /// [`Browser::find_textbox`].
    pub async fn wait_for_textbox(&self, label: impl Into<Name>) -> Element {
        self.wait_for(query(Role::Field, label)).await
    }

    /// The radio button labelled `label`.
    pub async fn find_radio(&self, label: impl Into<Name>) -> Element {
        self.find(query(Role::Radio, label)).await
    }

    /// Waits for the radio button labelled `label`.
    pub async fn wait_for_radio(&self, label: impl Into<Name>) -> Element {
        self.wait_for(query(Role::Radio, label)).await
    }

    /// The checkbox labelled `label`.
    pub async fn find_checkbox(&self, label: impl Into<Name>) -> Element {
        self.find(query(Role::Checkbox, label)).await
    }

    /// Waits for the checkbox labelled `label`.
    pub async fn wait_for_checkbox(&self, label: impl Into<Name>) -> Element {
        self.wait_for(query(Role::Checkbox, label)).await
    }

    /// The `<details>` element whose summary contains `summary_contains`.
    pub async fn find_details(&self, summary_contains: &str) -> Element {
        self.find(query(Role::Details, contains(summary_contains)))
            .await
    }

    /// Waits for a `<details>` element, as [`Browser::find_details`].
    pub async fn wait_for_details(&self, summary_contains: &str) -> Element {
        self.wait_for(query(Role::Details, contains(summary_contains)))
            .await
    }

    /// Opens a `<details>` element by clicking its summary, as a user would,
    /// and returns its rendered text.
    pub async fn open_details(&self, details: &Element) -> String {
        let summary = match details
            .find(fantoccini::Locator::Css(":scope > summary"))
            .await
        {
            Ok(summary) => summary,
            Err(e) => panic!("the details element has no summary: {e}"),
        };
        if let Err(e) = summary.click().await {
            panic!("cannot click the summary: {e}");
        }
        self.wait_until("the details element to open", || async {
            let open = details.attr("open").await.ok().flatten().is_some();
            if open {
                details.text().await.ok()
            } else {
                None
            }
        })
        .await
    }

    /// Every visible link whose target starts with `prefix` (same-origin
    /// links are compared by path, query and fragment; others by their full
    /// URL). Panics if the script fails.
    pub async fn links_under(&self, prefix: &str) -> Vec<LinkInfo> {
        match self.try_links_under(prefix).await {
            Ok(links) => links,
            Err(e) => panic!("cannot list the links: {e}"),
        }
    }

    /// Like [`Browser::links_under`], but returns the WebDriver error
    /// instead of panicking.
    pub async fn try_links_under(&self, prefix: &str) -> Result<Vec<LinkInfo>, CmdError> {
        let (links, _) = self.try_query_all(&query(Role::Link, Name::Any)).await?;
        Ok(links
            .into_iter()
            .filter_map(|link| {
                let href = link.href?;
                href.starts_with(prefix).then_some(LinkInfo {
                    name: link.name,
                    href,
                })
            })
            .collect())
    }

    /// The rendered text of the `<main>` element, or `None` if the page has
    /// no `<main>` (yet).
    /// Script errors (a page being replaced) also give `None`.
    pub async fn try_text_of_main(&self) -> Option<String> {
        let script =
            "const main = document.querySelector('main'); return main ? main.innerText : null;";
        let value = self.client.execute(script, Vec::new()).await.ok()?;
        value.as_str().map(str::to_string)
    }

    /// The rendered text of the `<main>` element; panics if there is none.
    pub async fn text_of_main(&self) -> String {
        match self.try_text_of_main().await {
            Some(text) => text,
            None => panic!(
                "the page has no <main> element\n{}",
                self.page_summary().await
            ),
        }
    }

    /// Waits until the text of `<main>` contains `text`, and returns it.
    pub async fn wait_for_text(&self, text: &str) -> String {
        let what = format!("<main> to contain `{text}`");
        self.wait_until(&what, || async {
            self.try_text_of_main()
                .await
                .filter(|main| normalise(main).contains(&normalise(text)))
        })
        .await
    }

    /// The computed value of a CSS property of `element`, e.g.
    /// `computed_style(&button, "min-height")` → `"48px"`.
    pub async fn computed_style(&self, element: &Element, property: &str) -> String {
        self.eval_text(
            "return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);",
            vec![json!(element), json!(property)],
        )
        .await
    }

    /// The browser console's errors (level `SEVERE`) since the last call,
    /// including uncaught exceptions and failed resource loads, leaving out
    /// a missing `/favicon.ico`.
    pub async fn console_errors(&self) -> Vec<String> {
        let log = match self
            .session_post("se/log", json!({ "type": "browser" }))
            .await
        {
            Ok(log) => log,
            Err(e) => panic!("cannot read the browser log: {e}"),
        };
        let Some(entries) = log.as_array() else {
            panic!("unexpected browser log: {log}");
        };
        entries
            .iter()
            .filter(|entry| entry.get("level").and_then(Value::as_str) == Some("SEVERE"))
            .filter_map(|entry| entry.get("message").and_then(Value::as_str))
            .filter(|message| !message.contains("/favicon.ico"))
            .map(str::to_string)
            .collect()
    }

    /// Polls `check` until it returns `Some`, or panics after the wait
    /// timeout naming `what` was awaited, with a summary of the page.
    pub async fn wait_until<T, F, Fut>(&self, what: &str, mut check: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + wait_timeout();
        loop {
            if let Some(value) = check().await {
                return value;
            }
            if Instant::now() >= deadline {
                panic!(
                    "waited {} s for {what}\n{}",
                    wait_timeout().as_secs(),
                    self.page_summary().await
                );
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// The user data directory of this session's Chromium, as chromedriver
    /// reports it (to check that no Chromium outlives its test).
    pub fn user_data_dir(&self) -> Option<String> {
        self.client
            .capabilities()?
            .get("chrome")?
            .get("userDataDir")?
            .as_str()
            .map(str::to_string)
    }

    /// Sends `POST /session/{id}/{command}` with a JSON body straight to
    /// chromedriver, for vendor commands the WebDriver client does not know,
    /// and returns the `value` of the answer. A blocking request on a
    /// blocking thread, as in [`SessionGuard`], so no second HTTP client is
    /// needed.
    pub(crate) async fn session_post(&self, command: &str, body: Value) -> Result<Value, String> {
        let addr = self.session.addr;
        let target = format!("/session/{}/{command}", self.session.id);
        let body = body.to_string();
        let response = tokio::task::spawn_blocking(move || {
            http::blocking(addr, "POST", &target, Some(&body), Duration::from_secs(30))
        })
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
        let answer: Value = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
        let value = answer.get("value").cloned().unwrap_or(Value::Null);
        if response.status != 200 {
            let message = value
                .get("message")
                .and_then(Value::as_str)
                .map_or_else(|| response.text(), str::to_string);
            return Err(format!(
                "chromedriver answered {}: {message}",
                response.status
            ));
        }
        Ok(value)
    }

    /// Turns a WebDriver element reference in script output into an element.
    pub(crate) fn element(&self, value: &Value) -> Option<Element> {
        let id = value.get(ELEMENT_KEY)?.as_str()?;
        Some(Element::from_element_id(
            self.client.clone(),
            ElementRef::from(id.to_string()),
        ))
    }

    /// The failure message for a query that matched nothing.
    async fn not_found(&self, query: &Query, names: &[String]) -> String {
        let present = if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        };
        format!(
            "no visible {}; visible ones: {present}\n{}",
            describe_query(query),
            self.page_summary().await
        )
    }

    /// The current URL, or an empty string if it cannot be read: for
    /// failure messages.
    pub(crate) async fn url_for_message(&self) -> String {
        let url = self.client.current_url().await;
        url.map(|u| u.to_string()).unwrap_or_default()
    }

    /// The URL and the start of the page text, for failure messages.
    async fn page_summary(&self) -> String {
        let url = self.url_for_message().await;
        let text = self
            .client
            .execute(
                "return document.body ? document.body.innerText : '';",
                Vec::new(),
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let excerpt: String = text.chars().take(1500).collect();
        format!("page: {url}\npage text:\n{excerpt}")
    }
}

/// How long `wait_for_*` helpers poll: `CAIDAN_E2E_WAIT_SECS` seconds, or 10.
pub fn wait_timeout() -> Duration {
    let seconds = std::env::var("CAIDAN_E2E_WAIT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    Duration::from_secs(seconds)
}

/// Builds a query.
pub fn query(role: Role, name: impl Into<Name>) -> Query {
    Query {
        role,
        name: name.into(),
    }
}

/// A query in words, e.g. "link named `About us`", for failure messages.
pub(crate) fn describe_query(query: &Query) -> String {
    let wanted = match &query.name {
        Name::Exact(text) => format!("named `{text}`"),
        Name::Contains(text) => format!("with a name containing `{text}`"),
        Name::Any => "of any name".to_string(),
    };
    format!("{} {wanted}", query.role.word())
}

/// The role and name lookup, run in the page.
pub(crate) const QUERIES_JS: &str = include_str!("queries.js");

/// The key of a W3C WebDriver element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How often `wait_for_*` helpers look again.
const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// How long chromedriver may take to answer after it starts.
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(20);

/// The Chromium binary: `CAIDAN_CHROMIUM`, or `/usr/bin/chromium`.
fn chromium_path() -> String {
    std::env::var("CAIDAN_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string())
}

/// The chromedriver binary: `CAIDAN_CHROMEDRIVER`, or `/usr/bin/chromedriver`
/// if it exists, or `chromedriver` on `PATH`.
fn chromedriver_path() -> String {
    if let Ok(path) = std::env::var("CAIDAN_CHROMEDRIVER") {
        return path;
    }
    if Path::new("/usr/bin/chromedriver").exists() {
        "/usr/bin/chromedriver".to_string()
    } else {
        "chromedriver".to_string()
    }
}

fn capabilities() -> serde_json::Map<String, Value> {
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium_path(),
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=412,915",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        },
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    match caps {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

async fn connect(driver: Driver, temp: TempDir) -> Result<Browser, BrowserStartError> {
    let mut builder = ClientBuilder::rustls().map_err(BrowserStartError::Client)?;
    builder.capabilities(capabilities());
    let client = builder
        .connect(&format!("http://{}", driver.addr))
        .await
        .map_err(BrowserStartError::Session)?;
    let id = client
        .session_id()
        .await
        .map_err(BrowserStartError::Command)?
        .ok_or(BrowserStartError::NoSessionId)?;
    Ok(Browser {
        client,
        session: SessionGuard {
            addr: driver.addr,
            id,
        },
        _driver: driver,
        _temp: temp,
    })
}

/// Asks the operating system for a free port. Another process could take it
/// before chromedriver binds it; [`Browser::start`] retries then.
fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}

/// Closes the WebDriver session on drop, so chromedriver quits Chromium.
#[derive(Debug)]
struct SessionGuard {
    addr: SocketAddr,
    id: String,
}

impl Browser {
    /// Runs `script` (a function body that returns JSON) synchronously over
    /// WebDriver without an async runtime, for checks made on drop; `None`
    /// when the session cannot answer.
    pub fn execute_blocking(&self, script: &str) -> Option<Value> {
        let target = format!("/session/{}/execute/sync", self.session.id);
        let body = serde_json::json!({ "script": script, "args": [] }).to_string();
        let reply = http::blocking(
            self.session.addr,
            "POST",
            &target,
            Some(&body),
            Duration::from_secs(15),
        )
        .ok()?;
        let value: Value = serde_json::from_slice(&reply.body).ok()?;
        value.get("value").cloned()
    }
}

impl Drop for SessionGuard {
    fn drop(&mut self) {
        // A blocking request needs no async runtime, which may no longer be
        // running if the test panicked. Failure leaves the cleanup to
        // killing chromedriver.
        let target = format!("/session/{}", self.id);
        let _ = http::blocking(self.addr, "DELETE", &target, None, Duration::from_secs(15));
    }
}

/// A chromedriver process, killed and reaped on drop.
#[derive(Debug)]
struct Driver {
    child: Child,
    addr: SocketAddr,
}

impl Driver {
    /// Starts chromedriver on `port`; it and the Chromium it starts keep
    /// their temporary files in `temp` (Chromium leaves its singleton socket
    /// directory behind even when it quits cleanly).
    fn spawn(port: u16, temp: &Path) -> Result<Driver, BrowserStartError> {
        let path = chromedriver_path();
        let child = Command::new(&path)
            .arg(format!("--port={port}"))
            .env("TMPDIR", temp)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| BrowserStartError::Spawn { path, source })?;
        Ok(Driver {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        })
    }

    /// Polls `/status` until chromedriver answers. `Err(Some(status))` if it
    /// exited (e.g. the port was taken), `Err(None)` on timeout.
    async fn wait_ready(&mut self) -> Result<(), Option<String>> {
        let deadline = Instant::now() + DRIVER_START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(Some(status.to_string()));
            }
            // Another test's server may have taken the port; only a WebDriver
            // status document counts as ready.
            if let Ok(response) = http::get(self.addr, "/status").await {
                let status: Option<Value> = serde_json::from_slice(&response.body).ok();
                if response.status == 200 && status.is_some_and(|s| s.get("value").is_some()) {
                    return Ok(());
                }
            }
            if Instant::now() >= deadline {
                return Err(None);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The strings in a JSON array (nothing for anything else).
pub fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The pairs in a JSON array of two-string arrays (anything else is left
/// out), e.g. a table's rows read by a script.
pub fn string_pairs(value: &Value) -> Vec<(String, String)> {
    let pair = |item: &Value| {
        let text = |i: usize| item.get(i)?.as_str().map(str::to_string);
        Some((text(0)?, text(1)?))
    };
    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
    items.iter().filter_map(pair).collect()
}

/// Collapses whitespace and straightens curly apostrophes, as `queries.js`
/// does, so names compare as a user reads them.
pub(crate) fn normalise(text: &str) -> String {
    text.replace(['\u{2018}', '\u{2019}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
