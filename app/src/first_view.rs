//! The first view. A build may carry the app's first page in index.html
//! (`#cd-first`, copied at build time by scripts/first-view/snapshot.mjs),
//! so that a phone paints the menu before the wasm has arrived. The app's
//! own page stays hidden behind it (caidan.css) until drawn; then the app
//! takes over in one frame, keeping what the resident did meanwhile.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/first_view.js")]
extern "C" {
    #[wasm_bindgen(js_name = takeOver)]
    fn js_take_over();
}

/// Where the first page stands: parts still being drawn in pieces, whether
/// it was said to be drawn, and whether the first view gave way already.
#[derive(Clone, Copy, Default)]
struct First {
    pending: usize,
    drawn: bool,
    done: bool,
}

thread_local! {
    static FIRST: Cell<First> = Cell::new(First::default());
}

fn first() -> First {
    FIRST.with(Cell::get)
}

fn update(change: impl FnOnce(&mut First)) {
    let mut now = first();
    change(&mut now);
    FIRST.with(|f| f.set(now));
}

/// Says the app's first page is drawn: before the next paint, the first
/// view (if any) gives way to it, and `<html data-cd-ready>` marks the page
/// ready for the build step that copies it. A part still being drawn in
/// pieces ([`Drawing`]) holds that back until it is complete.
pub fn drawn() {
    update(|f| f.drawn = true);
    take_over_when_complete();
}

/// Whether the first view is on screen and the page behind it is still
/// being drawn: a part drawn now may be drawn in pieces, unseen.
pub fn showing() -> bool {
    !first().done
        && web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("cd-first"))
            .is_some()
}

/// Whether to draw a part of the page now: while the first view is shown,
/// a task later (the view stays until then), so that the app's start is
/// several short tasks instead of one long one on a slow phone, unseen;
/// otherwise at once, so that nothing on screen moves.
pub fn in_the_next_task() -> Signal<bool> {
    if !showing() {
        return Signal::stored(true);
    }
    let ready = RwSignal::new(false);
    let drawing = Drawing::start();
    leptos::task::spawn_local(async move {
        let _drawing = drawing;
        crate::progress::next_task().await;
        ready.try_set(true);
    });
    ready.into()
}

/// A part of the first page drawn in pieces: the first view stays until it
/// is dropped.
pub struct Drawing(());

impl Drawing {
    pub fn start() -> Drawing {
        update(|f| f.pending += 1);
        Drawing(())
    }
}

impl Drop for Drawing {
    fn drop(&mut self) {
        update(|f| f.pending = f.pending.saturating_sub(1));
        take_over_when_complete();
    }
}

fn take_over_when_complete() {
    leptos::prelude::request_animation_frame(|| {
        let now = first();
        if !now.drawn || now.pending > 0 || now.done {
            return;
        }
        update(|f| f.done = true);
        crate::progress::mark("caidan:drawn");
        crate::progress::measure("caidan: draw", "caidan:ready", "caidan:drawn");
        js_take_over();
    });
}
