//! The page's handle on our search: a checked feed and its catalogue.

use caidan_core::catalogue::Catalogue;
use caidan_core::Feed;
use wasm_bindgen::prelude::*;

/// A feed and, once built, its search index.
#[wasm_bindgen]
pub struct Menu {
    feed: Feed,
    catalogue: Option<Catalogue>,
}

#[wasm_bindgen]
impl Menu {
    /// Checks `feed_json`, reduced to its English texts when `english_only`.
    #[wasm_bindgen(constructor)]
    pub fn new(feed_json: &str, english_only: bool) -> Result<Menu, JsError> {
        let text = if english_only {
            crate::english_feed(feed_json)
                .ok_or_else(|| JsError::new("the feed is not an object"))?
        } else {
            feed_json.to_string()
        };
        let feed = Feed::parse(&text).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Menu {
            feed,
            catalogue: None,
        })
    }

    /// The texts MiniSearch indexes, as JSON (`crate::documents`).
    pub fn documents(&self) -> String {
        crate::documents(&self.feed)
    }

    /// Builds the search index, replacing any earlier one: the timed step.
    pub fn build(&mut self) {
        self.catalogue = Some(Catalogue::build(&self.feed));
    }

    /// How many services match `query` (the first page of them is ranked,
    /// as the search page does).
    pub fn query(&self, query: &str) -> usize {
        self.catalogue
            .as_ref()
            .map_or(0, |c| crate::search(c, query))
    }

    /// The ids of the first `n` matches.
    pub fn top(&self, query: &str, n: usize) -> Vec<String> {
        self.catalogue
            .as_ref()
            .map_or_else(Vec::new, |c| crate::top(&self.feed, c, query, n))
    }
}

/// The queries, timing constants and workload, so the page runs exactly
/// what the native benchmark runs.
#[wasm_bindgen]
pub fn plan() -> String {
    serde_json::json!({
        "queries": crate::QUERIES,
        "build_runs": crate::BUILD_RUNS,
        "warm_up": crate::WARM_UP,
        "rounds": crate::ROUNDS,
        "batch_ms": crate::BATCH_MS,
    })
    .to_string()
}
