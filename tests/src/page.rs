//! Reading the page beyond finding one element: where the browser is and
//! its history, the names of every element of a role, a few facts of the
//! document and of form fields, and rendered sizes.
//!
//! Fields are found by their label, as a user finds them; what is read
//! about them (their kind, value, description, fieldset legend) is what
//! assistive technology would announce.

use fantoccini::elements::Element;
use serde_json::{json, Value};

use crate::browser::{query, strings, Browser, Name, Query, Role};

impl Browser {
    /// The current URL's path, without query or fragment, e.g.
    /// `/services/x`.
    pub async fn current_path(&self) -> String {
        match self.client().current_url().await {
            Ok(url) => url.path().to_string(),
            Err(e) => panic!("cannot read the current URL: {e}"),
        }
    }

    /// Waits until the path (without query or fragment) is `path`.
    pub async fn wait_for_path(&self, path: &str) {
        self.wait_until(&format!("the path `{path}`"), || async {
            (self.current_path().await == path).then_some(())
        })
        .await;
    }

    /// Goes back in the browser's history.
    pub async fn go_back(&self) {
        if let Err(e) = self.client().back().await {
            panic!("cannot go back: {e}");
        }
    }

    /// Goes forward in the browser's history.
    pub async fn go_forward(&self) {
        if let Err(e) = self.client().forward().await {
            panic!("cannot go forward: {e}");
        }
    }

    /// Reloads the page.
    pub async fn reload(&self) {
        if let Err(e) = self.client().refresh().await {
            panic!("cannot reload the page: {e}");
        }
    }

    /// The accessible names of the visible elements with `role`, in
    /// document order (for headings, without hidden parts such as icons).
    pub async fn names_of(&self, role: Role) -> Vec<String> {
        let (found, _) = self.query_all(&query(role, Name::Any)).await;
        found.into_iter().map(|m| m.name).collect()
    }

    /// Whether a visible element matches `query` now.
    pub async fn has(&self, query: Query) -> bool {
        let (found, _) = self.query_all(&query).await;
        !found.is_empty()
    }

    /// The name of the page's first `<h1>`, or `None` if there is none
    /// (yet) or the page is being replaced.
    pub async fn try_current_h1(&self) -> Option<String> {
        let h1 = query(Role::Heading(Some(1)), Name::Any);
        let (headings, _) = self.try_query_all(&h1).await.ok()?;
        headings.into_iter().next().map(|m| m.name)
    }

    /// Waits for an `<h1>` and returns its name.
    pub async fn current_h1(&self) -> String {
        self.wait_until("a page heading", || self.try_current_h1())
            .await
    }

    /// Runs `script` (with `arguments`) in the page and returns the string
    /// it returns, or an empty string for anything else.
    pub async fn eval_text(&self, script: &str, args: Vec<Value>) -> String {
        let value = self.execute(script, args).await;
        value.as_str().unwrap_or_default().to_string()
    }

    /// The `<html lang>` attribute.
    pub async fn html_lang(&self) -> String {
        self.eval_text("return document.documentElement.lang;", Vec::new())
            .await
    }

    /// The document's title: what a tab, a bookmark and a screen reader
    /// name the page by.
    pub async fn title(&self) -> String {
        self.eval_text("return document.title;", Vec::new()).await
    }

    /// Waits until the document's title is `expected`.
    pub async fn wait_for_title(&self, expected: &str) {
        self.wait_until(&format!("the title `{expected}`"), || async {
            (self.title().await == expected).then_some(())
        })
        .await;
    }

    /// The labels of the option groups of the select labelled `label`.
    pub async fn optgroup_labels(&self, label: &str) -> Vec<String> {
        let select = self.find_textbox(label).await;
        let script = "return [...arguments[0].querySelectorAll('optgroup')].map(g => g.label);";
        strings(&self.execute(script, vec![json!(select)]).await)
    }

    /// The text of what the `aria-describedby` of the field labelled
    /// `label` points at.
    pub async fn field_description(&self, label: &str) -> String {
        let field = self.find_textbox(label).await;
        self.eval_text(
            "return (arguments[0].getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean).map(id => { const el = document.getElementById(id); return el ? el.textContent : ''; }).join(' ');",
            vec![json!(field)],
        )
        .await
    }

    /// `tag type` of the field labelled `label`, e.g. `input
    /// datetime-local`, or `textarea`.
    pub async fn field_kind(&self, label: &str) -> String {
        let field = self.wait_for_textbox(label).await;
        self.eval_text(
            "const el = arguments[0]; return el.localName === 'input' ? 'input ' + el.type : el.localName;",
            vec![json!(field)],
        )
        .await
    }

    /// The current value of the field labelled `label`.
    pub async fn value_of(&self, label: &str) -> String {
        let field = self.wait_for_textbox(label).await;
        field.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// The legend of the fieldset around the radio button or checkbox
    /// labelled `label`.
    pub async fn group_legend(&self, role: Role, label: &str) -> String {
        let control = self.wait_for(query(role, label)).await;
        self.eval_text(
            "const set = arguments[0].closest('fieldset');
             const legend = set ? set.querySelector(':scope > legend') : null;
             return legend ? legend.textContent.replace(/\\s+/g, ' ').trim() : '';",
            vec![json!(control)],
        )
        .await
    }

    /// Whether an element has the id of the fragment `#id` (or of `id`).
    pub async fn element_exists(&self, fragment: &str) -> bool {
        let id = fragment.rsplit('#').next().unwrap_or_default();
        let script = "return document.getElementById(arguments[0]) !== null;";
        let found = self.execute(script, vec![json!(id)]).await;
        found.as_bool().unwrap_or(false)
    }

    /// The rendered height of `element`, in CSS pixels.
    pub async fn height_of(&self, element: &Element) -> f64 {
        let script = "return arguments[0].getBoundingClientRect().height;";
        let height = self.execute(script, vec![json!(element)]).await;
        height.as_f64().unwrap_or(0.0)
    }

    /// The parent element of `element`; panics if it has none.
    pub async fn parent_of(&self, element: &Element) -> Element {
        let script = "return arguments[0].parentElement;";
        let value = self.execute(script, vec![json!(element)]).await;
        match self.element(&value) {
            Some(parent) => parent,
            None => panic!("the element has no parent: {value}"),
        }
    }

    /// The body's computed font size and line height, in pixels.
    pub async fn body_metrics(&self) -> (f64, f64) {
        let value = self
            .execute(
                "const s = getComputedStyle(document.body); return [parseFloat(s.fontSize), parseFloat(s.lineHeight)];",
                Vec::new(),
            )
            .await;
        let n = |i: usize| value.get(i).and_then(Value::as_f64).unwrap_or(0.0);
        (n(0), n(1))
    }
}
