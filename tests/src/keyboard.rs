//! Keyboard-only journeys: keys sent to whatever has focus, as a user
//! without a mouse sends them, and the focused element described by role and
//! accessible name.
//!
//! Keys go through WebDriver actions, so the browser dispatches real key
//! events (Tab moves focus, Space checks a radio button, Enter activates a
//! button) instead of the harness setting values or calling `click()`.

use std::fmt;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::browser::{describe_query, normalise, query, Browser, Name, Role, QUERIES_JS};

/// The element that has keyboard focus, as assistive technology sees it.
#[derive(Debug, Clone)]
pub struct Focused {
    /// The element; `None` when focus is on the page itself (`<body>`).
    pub element: Option<Element>,
    /// Its tag name, e.g. `input`; `None` if the page has no focus at all.
    pub tag: Option<String>,
    /// Its role, as the queries know roles; `None` for other elements.
    /// A focused `<summary>` counts as its `<details>`, and a heading's
    /// level is filled in.
    pub role: Option<Role>,
    /// Its `role` attribute, if it has one.
    pub explicit_role: Option<String>,
    /// Its accessible name, normalised (as in the queries).
    pub name: String,
}

/// [`Browser::tab_to`] pressed Tab as often as allowed without reaching the
/// wanted element.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "pressed Tab {presses} time(s) without focusing a {wanted}; focus went to: {}",
    visited.join(", ")
)]
pub struct TabToError {
    /// The wanted element in words, e.g. "button named `Send`".
    pub wanted: String,
    /// How many times Tab was pressed.
    pub presses: u32,
    /// What had focus before the first press and after each one (see
    /// [`Focused`]'s `Display`).
    pub visited: Vec<String>,
}

impl Focused {
    /// Whether this is the element `role` and `name` describe. A heading
    /// role without a level matches headings of any level.
    pub fn matches(&self, role: Role, name: &Name) -> bool {
        let role_ok = match (role, self.role) {
            (Role::Heading(None), Some(Role::Heading(_))) => true,
            (wanted, Some(actual)) => wanted == actual,
            (_, None) => false,
        };
        let name_ok = match name {
            Name::Exact(text) => self.name == normalise(text),
            Name::Contains(text) => self.name.contains(&normalise(text)),
            Name::Any => true,
        };
        role_ok && name_ok
    }
}

impl fmt::Display for Focused {
    /// E.g. `radio "Yes" <input>`, `link "About us" <a>`,
    /// `role=dialog "Confirm" <div>`, or `nothing focused <body>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = self.tag.as_deref().unwrap_or("none");
        if self.element.is_none() {
            return write!(f, "nothing focused <{tag}>");
        }
        let role = match (self.role, &self.explicit_role) {
            (Some(role), _) => role.word(),
            (None, Some(explicit)) => format!("role={explicit}"),
            (None, None) => "no role".to_string(),
        };
        write!(f, "{role} {:?} <{tag}>", self.name)
    }
}

impl Browser {
    /// Presses and releases `key` (e.g. `Key::Down` for the next radio
    /// button) on whatever has focus.
    pub async fn press_key(&self, key: Key) {
        let keys = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        self.perform_keys(keys, &format!("{key:?}")).await;
    }

    /// Presses Tab: focus moves to the next element in tab order.
    pub async fn press_tab(&self) {
        self.press_key(Key::Tab).await;
    }

    /// Presses Shift+Tab: focus moves to the previous element in tab order.
    pub async fn press_shift_tab(&self) {
        let keys = KeyActions::new("keyboard".to_string())
            .then(KeyAction::Down {
                value: Key::Shift.into(),
            })
            .then(KeyAction::Down {
                value: Key::Tab.into(),
            })
            .then(KeyAction::Up {
                value: Key::Tab.into(),
            })
            .then(KeyAction::Up {
                value: Key::Shift.into(),
            });
        self.perform_keys(keys, "Shift+Tab").await;
    }

    /// Presses Enter (follows a focused link, activates a button, submits a
    /// form from a text field).
    pub async fn press_enter(&self) {
        self.press_key(Key::Enter).await;
    }

    /// Presses Space (checks a radio button or checkbox, activates a
    /// button).
    pub async fn press_space(&self) {
        self.press_key(Key::Space).await;
    }

    /// Types `text` into whatever has focus, one key press per character; a
    /// newline is sent as Enter.
    pub async fn type_text(&self, text: &str) {
        let mut keys = KeyActions::new("keyboard".to_string());
        for c in text.chars() {
            let value = if c == '\n' { Key::Enter.into() } else { c };
            keys = keys
                .then(KeyAction::Down { value })
                .then(KeyAction::Up { value });
        }
        self.perform_keys(keys, &format!("typing {text:?}")).await;
    }

    /// The element that has focus. Panics if the script fails.
    pub async fn focused_element(&self) -> Focused {
        let found = self
            .execute(
                QUERIES_JS,
                vec![json!("focused"), Value::Null, Value::Null, Value::Null],
            )
            .await;
        let text = |key: &str| found.get(key).and_then(Value::as_str).map(str::to_string);
        let level = found
            .get("level")
            .and_then(Value::as_u64)
            .and_then(|l| u8::try_from(l).ok());
        let role = text("role").and_then(|role| Role::from_script_name(&role, level));
        Focused {
            element: found.get("element").and_then(|e| self.element(e)),
            tag: text("tag"),
            role,
            explicit_role: text("explicitRole"),
            name: text("name").unwrap_or_default(),
        }
    }

    /// The focused element in words: role, accessible name and tag, e.g.
    /// `radio "Yes" <input>` (see [`Focused`]'s `Display`).
    pub async fn focused_element_description(&self) -> String {
        self.focused_element().await.to_string()
    }

    /// Presses Tab until the focused element has `role` and a name matching
    /// `name`, at most `max_presses` times, and returns it. Nothing is
    /// pressed if it already has focus. Panics if a key press fails.
    pub async fn tab_to(
        &self,
        role: Role,
        name: impl Into<Name>,
        max_presses: u32,
    ) -> Result<Element, TabToError> {
        let name = name.into();
        let mut visited = Vec::new();
        let mut presses = 0;
        loop {
            let focused = self.focused_element().await;
            if focused.matches(role, &name) {
                if let Some(element) = focused.element {
                    return Ok(element);
                }
            }
            visited.push(focused.to_string());
            if presses >= max_presses {
                return Err(TabToError {
                    wanted: describe_query(&query(role, name)),
                    presses,
                    visited,
                });
            }
            self.press_tab().await;
            presses += 1;
        }
    }

    /// Performs one key sequence; panics naming `what` if it fails.
    async fn perform_keys(&self, keys: KeyActions, what: &str) {
        if let Err(e) = self.client().perform_actions(keys).await {
            panic!("cannot press {what}: {e}");
        }
    }
}
