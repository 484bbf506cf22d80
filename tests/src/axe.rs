//! Automated accessibility checks with axe-core, run inside the page.
//!
//! The harness injects `axe.min.js` (installed by `scripts/bootstrap.sh`
//! into `<workspace>/.tools`) through WebDriver, which no content security
//! policy blocks, runs the WCAG 2.0, 2.1 and 2.2 level A and AA rules, and
//! turns the violations into plain data. axe finds only part of what makes a
//! page accessible; the role-and-name queries and the keyboard journeys
//! cover the rest.

use std::fmt;
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::app::workspace_root;
use crate::browser::Browser;

/// The axe rule tags that [`Browser::axe_violations`] runs: WCAG 2.0, 2.1
/// and 2.2, levels A and AA.
pub const AXE_WCAG_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// One axe rule that the page breaks, with every element that breaks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxeViolation {
    /// The rule id, e.g. `label` or `image-alt`.
    pub id: String,
    /// How much it hurts: `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    /// What the rule checks, e.g. "Ensures every form element has a label".
    pub description: String,
    /// How to pass it, e.g. "Form elements must have labels".
    pub help: String,
    /// Deque's page about the rule.
    pub help_url: String,
    /// The offending elements, each as its CSS selector path, a colon and
    /// the start of its HTML, e.g. `#name: <input id="name" type="text">`.
    pub nodes: Vec<String>,
}

impl fmt::Display for AxeViolation {
    /// Several lines: the rule, its help and link, then one line per element.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {}\n  {}",
            self.id, self.impact, self.help, self.help_url
        )?;
        for node in &self.nodes {
            write!(f, "\n  - {node}")?;
        }
        Ok(())
    }
}

impl Browser {
    /// Runs axe-core's WCAG A and AA rules ([`AXE_WCAG_TAGS`]) on the
    /// current page and returns what they find, in axe's order.
    ///
    /// axe-core is read from `$CAIDAN_AXE_JS` if set, else from
    /// `<workspace>/.tools/node_modules/axe-core/axe.min.js`; panics saying
    /// how to install it if it is missing, and panics if axe fails to run.
    /// The script is injected once per page load.
    pub async fn axe_violations(&self) -> Vec<AxeViolation> {
        let present = format!("return {AXE_PRESENT};");
        let loaded = self.execute(&present, Vec::new()).await;
        if loaded != Value::Bool(true) {
            let source = axe_source();
            let script = format!("{source}\n;{present}");
            if self.execute(&script, Vec::new()).await != Value::Bool(true) {
                panic!("axe-core did not install itself in the page");
            }
        }
        let result = match self
            .client()
            .execute_async(AXE_RUN_JS, vec![json!(AXE_WCAG_TAGS)])
            .await
        {
            Ok(result) => result,
            Err(e) => panic!("cannot run axe-core: {e}"),
        };
        if let Some(error) = result.get("error") {
            panic!("axe-core failed: {error}");
        }
        let Some(violations) = result.get("violations").and_then(Value::as_array) else {
            panic!("unexpected axe-core result: {result}");
        };
        violations.iter().map(violation).collect()
    }

    /// Runs [`Browser::axe_violations`] and panics, listing every violation
    /// and the elements concerned, if there is any. `page_label` names the
    /// page in the message, e.g. "the service page".
    pub async fn assert_no_axe_violations(&self, page_label: &str) {
        let violations = self.axe_violations().await;
        if violations.is_empty() {
            return;
        }
        let url = self.url_for_message().await;
        panic!(
            "axe-core found {} accessibility violation(s) on {page_label} ({url}):\n{}",
            violations.len(),
            listing(&violations)
        );
    }
}

/// The axe-core checks of a tour of several pages: how many pages axe-core
/// checked and what it found on them. A page counts once axe-core has run
/// on it and returned.
#[derive(Debug, Default)]
pub struct AxeTour {
    checked: usize,
    found: Vec<String>,
}

impl AxeTour {
    /// A tour with nothing checked yet.
    pub fn new() -> AxeTour {
        AxeTour::default()
    }

    /// Runs axe-core on the current page of `browser` (see
    /// [`Browser::axe_violations`]) and keeps what it finds under `label`,
    /// with the page's path.
    pub async fn check(&mut self, browser: &Browser, label: &str) {
        let violations = browser.axe_violations().await;
        self.checked += 1;
        if violations.is_empty() {
            return;
        }
        let path = browser.current_path_and_query().await;
        self.found
            .push(format!("{label} ({path}):\n{}", listing(&violations)));
    }

    /// How many pages axe-core has checked.
    pub fn checked(&self) -> usize {
        self.checked
    }

    /// The checked pages with violations: each label and path, then its
    /// violations.
    pub fn found(&self) -> &[String] {
        &self.found
    }

    /// Prints how many page states of `tour` were checked and how many had
    /// violations (a `FIGURE` line), then panics listing every violation if
    /// there is any, or if no page was checked at all.
    pub fn finish(&self, tour: &str) {
        let (checked, failed) = (self.checked, self.found.len());
        println!(
            "FIGURE axe-core, {tour}: {checked} page states checked, {failed} with violations"
        );
        assert!(checked > 0, "axe-core checked no page ({tour})");
        assert!(
            self.found.is_empty(),
            "axe-core found violations on {failed} of {checked} page states ({tour}):\n{}",
            self.found.join("\n")
        );
    }
}

/// Violations as a list, one item per rule (see [`AxeViolation`]'s
/// `Display`).
fn listing(violations: &[AxeViolation]) -> String {
    let items: Vec<String> = violations.iter().map(|v| format!("- {v}")).collect();
    items.join("\n")
}

/// Whether axe-core is ready in the page, as a script expression.
const AXE_PRESENT: &str = "typeof window.axe === 'object' && typeof window.axe.run === 'function'";

/// Runs axe with the given tags and hands back only what the harness reads,
/// so the answer stays small.
const AXE_RUN_JS: &str = r#"
const [tags, done] = arguments;
window.axe
  .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
  .then(
    (results) =>
      done({
        violations: results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          description: v.description,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
        })),
      }),
    (error) => done({ error: String((error && error.stack) || error) })
  );
"#;

/// How much of an element's HTML a node description keeps.
const HTML_EXCERPT_CHARS: usize = 160;

/// The text of axe-core's browser bundle; panics saying how to get it.
fn axe_source() -> String {
    let (path, from_env) = match std::env::var_os("CAIDAN_AXE_JS") {
        Some(path) => (PathBuf::from(path), true),
        None => (
            workspace_root().join(".tools/node_modules/axe-core/axe.min.js"),
            false,
        ),
    };
    match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(e) if from_env => panic!(
            "CAIDAN_AXE_JS is `{}`, which cannot be read: {e}",
            path.display()
        ),
        Err(e) => panic!(
            "axe-core is missing: cannot read `{}` ({e}). Run `. scripts/bootstrap.sh`, \
             which installs it with `npm install --prefix .tools axe-core@4`, or set \
             CAIDAN_AXE_JS to an axe.min.js",
            path.display()
        ),
    }
}

/// One violation from the trimmed axe result.
fn violation(value: &Value) -> AxeViolation {
    let text = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let impact = value
        .get("impact")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_string();
    let nodes = value
        .get("nodes")
        .and_then(Value::as_array)
        .map(|nodes| nodes.iter().map(node).collect())
        .unwrap_or_default();
    AxeViolation {
        id: text("id"),
        impact,
        description: text("description"),
        help: text("help"),
        help_url: text("helpUrl"),
        nodes,
    }
}

/// An element as `selector: <html…>`. axe gives a target as a list of
/// selectors (one per frame or shadow root, a nested list inside shadow
/// DOM); they are joined with ` >>> `.
fn node(value: &Value) -> String {
    let target = value
        .get("target")
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                .map(|part| match part {
                    Value::String(selector) => selector.clone(),
                    Value::Array(inner) => inner
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" >>> "),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" >>> ")
        })
        .unwrap_or_default();
    let html = value
        .get("html")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let html = html.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut excerpt: String = html.chars().take(HTML_EXCERPT_CHARS).collect();
    if html.chars().count() > HTML_EXCERPT_CHARS {
        excerpt.push('…');
    }
    format!("{target}: {excerpt}")
}
