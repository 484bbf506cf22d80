//! The resident's district, in a sharded feed (FEED.md, "Sharded feeds"):
//! which district's shard the menu is made of, remembered for the next
//! visit, and the check of a fetched shard's bytes against the SHA-256 the
//! index lists, with WebCrypto, before anything reads them.
//!
//! Choosing a district stores it and bumps [`Districts::generation`]; the
//! menu resource (`lib.rs`) follows that signal and loads the district's
//! shard (`api::load_menu`), while the page already shown stays on screen
//! with a progress line ([`Districts::loading`]).

use caidan_core::feed::RESIDENCE;
use caidan_core::Feed;
use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::browser;

#[wasm_bindgen(module = "/src/district.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = sha256)]
    async fn js_sha256(bytes: &[u8]) -> Result<JsValue, JsValue>;
}

/// The district choice, as typed context.
#[derive(Clone, Copy)]
pub struct Districts {
    /// Bumped whenever the chosen district changes; the menu follows it.
    pub generation: RwSignal<u32>,
    /// The district being loaded, by name, while its shard is on its way.
    pub loading: RwSignal<Option<String>>,
}

impl Districts {
    /// Provides the context; nothing chosen changes yet.
    pub fn provide() -> Districts {
        let districts = Districts {
            generation: RwSignal::new(0),
            loading: RwSignal::new(None),
        };
        provide_context(districts);
        districts
    }

    /// Makes `district` (a district the index lists a shard for) the one the
    /// menu shows; `name` is what the loading line calls it.
    pub fn choose(self, feed: &Feed, district: &str, name: String) {
        let key = key(feed);
        if residence_is_sensitive(feed) {
            browser::forget(&key);
            browser::store_session_setting(&key, district);
        } else {
            browser::forget_session(&key);
            browser::store_setting(&key, district);
        }
        self.loading.set(Some(name));
        self.generation.update(|g| *g += 1);
    }
}

/// The district choice.
pub fn use_districts() -> Districts {
    expect_context::<Districts>()
}

/// Where the chosen district of a feed is kept.
fn key_for(feed_id: &str) -> String {
    format!("caidan.district.{feed_id}")
}

fn key(feed: &Feed) -> String {
    key_for(feed.id())
}

/// Where the resident lives is as private as their answer to the
/// residence question: a sensitive one is kept for the visit only.
fn residence_is_sensitive(feed: &Feed) -> bool {
    feed.facts()
        .iter()
        .any(|f| f.id == RESIDENCE && f.sensitive)
}

/// The district chosen for this index, if the index still lists its shard.
pub fn chosen(index: &Feed) -> Option<String> {
    let key = key(index);
    browser::load_setting(&key)
        .or_else(|| browser::load_session_setting(&key))
        .filter(|d| index.shard_ref(d).is_some())
}

/// Forgets the district chosen for a feed (its shard could not be shown).
pub fn forget(feed_id: &str) {
    let key = key_for(feed_id);
    browser::forget(&key);
    browser::forget_session(&key);
}

/// The SHA-256 of `bytes`, by WebCrypto; the error says why the browser
/// could not compute it (WebCrypto exists only on secure origins).
pub async fn sha256(bytes: &[u8]) -> Result<Vec<u8>, String> {
    match js_sha256(bytes).await {
        Ok(digest) => Ok(js_sys::Uint8Array::new(&digest).to_vec()),
        Err(e) => Err(e
            .as_string()
            .or_else(|| {
                js_sys::Reflect::get(&e, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
            })
            .unwrap_or_else(|| "WebCrypto is not available".into())),
    }
}
