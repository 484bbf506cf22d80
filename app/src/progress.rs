//! How far loading the menu has got, for the loading screen: bytes of the
//! feed received (of the total, when the host says it), then checking.
//!
//! A big feed takes seconds to arrive and seconds to check; a resident
//! should never look at a blank page wondering whether anything happens.

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

/// "1.2 MB" or "850 KB".
pub fn size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}
