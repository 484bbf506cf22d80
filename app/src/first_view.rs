//! The first view. A build may carry the app's first page in index.html
//! (`#cd-first`, copied at build time by scripts/first-view/snapshot.mjs),
//! so that a phone paints the menu before the wasm has arrived. The app's
//! own page stays hidden behind it (caidan.css) until drawn; then the app
//! takes over in one frame, keeping what the resident did meanwhile.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/first_view.js")]
extern "C" {
    #[wasm_bindgen(js_name = takeOver)]
    fn js_take_over();
}

/// Says the app's first page is drawn: before the next paint, the first
/// view (if any) gives way to it, and `<html data-cd-ready>` marks the page
/// ready for the build step that copies it.
pub fn drawn() {
    leptos::prelude::request_animation_frame(|| {
        crate::progress::mark("caidan:drawn");
        crate::progress::measure("caidan: draw", "caidan:ready", "caidan:drawn");
        js_take_over();
    });
}
