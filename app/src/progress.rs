//! How far loading the menu has got, for the loading screen: bytes of the
//! feed received (of the total, when the host says it), then checking.
//!
//! A big feed takes seconds to arrive and seconds to check; a resident
//! should never look at a blank page wondering whether anything happens,
//! nor at one that does not answer: a big feed is read, checked and
//! indexed in slices of at most [`SLICE_MS`], the page free between them.

use caidan_core::catalogue::Catalogue;
use caidan_core::feed::{FeedReader, Step};
use caidan_core::{Feed, FeedError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The loading screen's state.
#[derive(Clone, Copy)]
pub struct LoadProgress {
    /// Bytes of the feed received so far.
    pub received: RwSignal<u64>,
    /// The feed's size as the host declared it, when it did (and when the
    /// body is not compressed, so the two can be compared).
    pub total: RwSignal<Option<u64>>,
    /// The feed has arrived and is being checked.
    pub checking: RwSignal<bool>,
}

impl LoadProgress {
    /// Nothing received yet.
    pub fn new() -> LoadProgress {
        LoadProgress {
            received: RwSignal::new(0),
            total: RwSignal::new(None),
            checking: RwSignal::new(false),
        }
    }
}

impl Default for LoadProgress {
    fn default() -> Self {
        LoadProgress::new()
    }
}

/// Why a body could not be read.
pub enum ReadError {
    /// The stream failed (the connection dropped).
    Stream(String),
    /// More than `limit` bytes arrived.
    TooLarge(u64),
}

/// Reads a response body chunk by chunk, reporting each to `progress`,
/// and refusing more than `limit` bytes (whatever the host declared).
/// Text that is not UTF-8 is read as the browser's `text()` would, with
/// replacement characters.
pub async fn read_text(
    body: Option<web_sys::ReadableStream>,
    progress: LoadProgress,
    limit: usize,
) -> Result<String, ReadError> {
    let bytes = read_bytes(body, progress, limit).await?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Reads a response body's bytes chunk by chunk, as [`read_text`] does.
pub async fn read_bytes(
    body: Option<web_sys::ReadableStream>,
    progress: LoadProgress,
    limit: usize,
) -> Result<Vec<u8>, ReadError> {
    let Some(body) = body else {
        return Ok(Vec::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| ReadError::Stream(format!("{e:?}")))?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            if let Ok(array) = value.dyn_into::<js_sys::Uint8Array>() {
                bytes.extend(array.to_vec());
            }
        }
        if bytes.len() > limit {
            let _ = reader.cancel();
            return Err(ReadError::TooLarge(bytes.len() as u64));
        }
        progress.received.set(bytes.len() as u64);
    }
    Ok(bytes)
}

/// Returns once the browser has had the chance to paint (after the next
/// animation frame, or 50 ms in a tab that draws no frames), so that what
/// the loading screen says is on screen before a long step starts.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 50);
        let later = w.clone();
        let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = later.set_timeout_with_callback(resolve.unchecked_ref());
        });
        let _ = w.request_animation_frame(after_frame.unchecked_ref());
    });
    let _ = JsFuture::from(promise).await;
}

/// How long one slice of reading, checking or indexing a feed may hold the
/// page, in milliseconds: well under the 50 ms the browser calls a long
/// task even on a phone four times slower than the one measured, so input
/// is answered and frames are drawn while a menu loads.
pub const SLICE_MS: f64 = 10.0;

/// Units of work (a service read, checked or indexed) between looks at the
/// clock: a few hundred microseconds on a slow phone.
const UNITS: usize = 16;

/// Reads, checks and indexes a feed's text in slices of about
/// [`SLICE_MS`], yielding to the browser between them; the result and the
/// errors are core's one-pass ones ([`FeedReader`]).
pub async fn read_menu(text: &str) -> Result<(Feed, Catalogue), FeedError> {
    let mut slice = Slice::start();
    let mut reader = FeedReader::new(text);
    mark("caidan:read");
    let mut checking = false;
    let feed = loop {
        match reader.step(UNITS) {
            Step::Pending(more) => reader = more,
            Step::Done(result) => break result?,
        }
        if !checking && reader.is_checking() {
            checking = true;
            mark("caidan:check");
        }
        slice.pause_when_due().await;
    };
    mark("caidan:index");
    let catalogue = index_in_slices(&feed, slice).await;
    mark("caidan:ready");
    measure("caidan: read", "caidan:read", "caidan:check");
    measure("caidan: check", "caidan:check", "caidan:index");
    measure("caidan: index", "caidan:index", "caidan:ready");
    Ok((feed, catalogue))
}

/// Indexes a big feed for search in slices of about [`SLICE_MS`]: for a
/// feed checked some other way (a sharded feed's index with a district's
/// shard, say), the same index as [`Catalogue::build`].
pub async fn index_menu(feed: &Feed) -> Catalogue {
    index_in_slices(feed, Slice::start()).await
}

async fn index_in_slices(feed: &Feed, mut slice: Slice) -> Catalogue {
    let mut builder = Catalogue::builder(feed);
    loop {
        match builder.step(UNITS) {
            Step::Pending(more) => builder = more,
            Step::Done(catalogue) => return catalogue,
        }
        slice.pause_when_due().await;
    }
}

/// The steps of loading a big feed as User Timing marks and measures, for
/// the browser's performance tools and `scripts/bench.sh`; each measure
/// spans the step's slices and the pauses between them.
pub(crate) fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

pub(crate) fn measure(name: &str, start: &str, end: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark_and_end_mark(name, start, end);
    }
}

/// The slice under way: when it started.
struct Slice {
    started: f64,
}

impl Slice {
    fn start() -> Slice {
        Slice { started: now() }
    }

    /// Yields to the browser once the slice has lasted [`SLICE_MS`], and
    /// starts the next.
    async fn pause_when_due(&mut self) {
        if now() - self.started >= SLICE_MS {
            next_task().await;
            self.started = now();
        }
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Returns in a new task, so that the browser can draw a frame and handle
/// input first. A message to itself, not [`after_paint`] (a frame per
/// slice would add up) nor a zero timeout (which browsers hold back to
/// 4 ms once timeouts nest, 4 ms a slice).
pub(crate) async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
    });
    let _ = JsFuture::from(promise).await;
    // Held until here, so the ports live until the message has come.
    channel.port1().close();
}

/// "1.2 MB" or "850 KB".
pub fn size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}
