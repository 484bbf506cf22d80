//! The few things the app asks of the browser directly: storage, the page's
//! origin and query, the document's language and title, focus.
//!
//! Every call tolerates a browser that refuses (private mode, disabled
//! storage): the app then simply forgets.

use std::cell::RefCell;
use std::collections::BTreeMap;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// On a kiosk, what would go to `localStorage` and `sessionStorage`, kept
/// in this page's memory instead: it ends with the visit, whatever happens
/// to the browser.
#[derive(Default)]
struct Memory {
    local: BTreeMap<String, String>,
    session: BTreeMap<String, String>,
}

thread_local! {
    static MEMORY: RefCell<Option<Memory>> = const { RefCell::new(None) };
}

/// Runs `f` on the in-memory storage, when the app keeps nothing on the
/// device (`None` otherwise).
fn in_memory<T>(f: impl FnOnce(&mut Memory) -> T) -> Option<T> {
    MEMORY.with(|m| m.borrow_mut().as_mut().map(f))
}

/// From now on, nothing is read from or written to the device's storages:
/// every value is kept in memory for the life of the page. What the
/// storages already hold is left alone, unseen (a kiosk never writes to
/// them, so they hold nothing of any visit).
pub fn keep_nothing_on_device() {
    MEMORY.with(|m| *m.borrow_mut() = Some(Memory::default()));
}

/// Empties the in-memory storage; the caller then loads the page afresh
/// (replacing its history entry), so no signal, draft or error survives.
pub fn forget_memory() {
    in_memory(|m| *m = Memory::default());
}

/// The path of the page as it was opened, e.g. `/carry`.
pub fn initial_path() -> String {
    window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// A value from `localStorage`.
pub fn load(key: &str) -> Option<String> {
    if let Some(v) = in_memory(|m| m.local.get(key).cloned()) {
        return v;
    }
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Writes a value to `localStorage`; failures are ignored (for settings,
/// which the app can do without).
pub fn store(key: &str, value: &str) {
    let _ = try_store(key, value);
}

/// Writes a value to `localStorage`; `false` when the device refused it
/// (storage full, or disabled as in some private modes).
pub fn try_store(key: &str, value: &str) -> bool {
    if in_memory(|m| m.local.insert(key.to_owned(), value.to_owned())).is_some() {
        return true;
    }
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Whether `localStorage` keeps what is written to it: a probe written,
/// read back and removed.
pub fn storage_works() -> bool {
    const PROBE: &str = "caidan.probe";
    let ok = try_store(PROBE, "1") && load(PROBE).as_deref() == Some("1");
    forget(PROBE);
    ok
}

/// Every key the app owns (`caidan.` and below) in both storages.
pub fn own_keys() -> Vec<String> {
    if let Some(keys) = in_memory(|m| {
        let mut keys: Vec<String> = m.local.keys().cloned().collect();
        keys.extend(
            m.session
                .keys()
                .filter(|k| !m.local.contains_key(*k))
                .cloned(),
        );
        keys
    }) {
        return keys;
    }
    let mut keys = Vec::new();
    let Some(w) = window() else {
        return keys;
    };
    for storage in [w.local_storage(), w.session_storage()]
        .into_iter()
        .filter_map(|s| s.ok().flatten())
    {
        let n = storage.length().unwrap_or(0);
        for i in 0..n {
            if let Ok(Some(k)) = storage.key(i) {
                if k.starts_with("caidan.") && !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
    }
    keys
}

/// Calls `changed(key)` whenever another tab of this site changes a key of
/// `localStorage` (the `storage` event), until the returned handle is
/// removed (a caller owned by a view removes it when the view goes).
pub fn on_storage_change(
    changed: impl Fn(String) + 'static,
) -> leptos::prelude::WindowListenerHandle {
    leptos::prelude::window_event_listener(leptos::ev::storage, move |e| {
        if let Some(key) = e.key() {
            changed(key);
        }
    })
}

/// Replaces the current history entry with `path` (nothing of the page it
/// replaces is left to go back to).
pub fn replace_history(path: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

/// A value from `sessionStorage` (this visit only).
pub fn load_session(key: &str) -> Option<String> {
    if let Some(v) = in_memory(|m| m.session.get(key).cloned()) {
        return v;
    }
    window()?.session_storage().ok()??.get_item(key).ok()?
}

/// Writes a value to `sessionStorage`; failures are ignored.
pub fn store_session(key: &str, value: &str) {
    if in_memory(|m| m.session.insert(key.to_owned(), value.to_owned())).is_some() {
        return;
    }
    if let Some(s) = window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

/// The page's origin, e.g. `http://127.0.0.1:8080`.
pub fn origin() -> String {
    window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// `url` resolved against the page by the browser's own URL parser, as
/// `new URL(url, location.href).href`; `None` when it does not parse.
pub fn resolve_url(url: &str) -> Option<String> {
    let base = window()?.location().href().ok()?;
    Some(web_sys::Url::new_with_base(url, &base).ok()?.href())
}

/// The host of an absolute URL (`intake.example.gov`), for telling a
/// resident where something goes.
pub fn host_of(url: &str) -> Option<String> {
    web_sys::Url::new(url).ok().map(|u| u.host())
}

/// Forgets a value of `sessionStorage`.
pub fn forget_session(key: &str) {
    if in_memory(|m| m.session.remove(key)).is_some() {
        return;
    }
    if let Some(s) = window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.remove_item(key);
    }
}

/// One parameter of the page's query string as the page was opened.
pub fn initial_query(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// Sets `<html lang>`.
pub fn set_document_lang(tag: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", tag);
    }
}

/// Removes the element with this id from the page, if there is one.
pub fn remove_element(id: &str) {
    if let Some(e) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        e.remove();
    }
}

/// Names the page after its heading: the document title becomes "heading –
/// app", what a screen reader says of a page opened afresh, what a tab and
/// the browser's history show, and what a drawn page keeps. The app's name
/// alone where there is no heading, or when the heading is the app's name.
pub fn name_page(app_name: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let heading = main_heading(&doc)
        .and_then(|h1| h1.text_content())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty() && t != app_name);
    let title = match heading {
        Some(h) => format!("{h} – {app_name}"),
        None => app_name.to_string(),
    };
    if doc.title() != title {
        doc.set_title(&title);
    }
}

/// The heading of the page on the screen: the menu stays in the page,
/// hidden, under other pages.
fn main_heading(doc: &web_sys::Document) -> Option<web_sys::Element> {
    doc.query_selector("main h1:not([hidden] h1)")
        .ok()
        .flatten()
}

/// Today's date on this device's calendar.
pub fn today() -> caidan_core::date::Date {
    let now = js_sys::Date::new_0();
    caidan_core::date::Date::new(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(caidan_core::date::Date::MIN)
}

/// A setting (a language, "large text on", a chosen feed) from its stored
/// text: core's versioned envelope, or the bare text an earlier version
/// wrote.
fn setting_of(text: String) -> String {
    match caidan_core::store::read_value("setting", &text) {
        Ok((_, serde_json::Value::String(s))) => s,
        _ => text,
    }
}

/// A setting from `localStorage`.
pub fn load_setting(key: &str) -> Option<String> {
    load(key).map(setting_of)
}

/// A setting from `sessionStorage`.
pub fn load_session_setting(key: &str) -> Option<String> {
    load_session(key).map(setting_of)
}

/// Writes a setting to `localStorage`, in its envelope.
pub fn store_setting(key: &str, value: &str) {
    let data = serde_json::Value::String(value.to_string());
    store(key, &caidan_core::store::write_value("setting", &data));
}

/// Writes a setting to `sessionStorage`, in its envelope.
pub fn store_session_setting(key: &str, value: &str) {
    let data = serde_json::Value::String(value.to_string());
    store_session(key, &caidan_core::store::write_value("setting", &data));
}

/// Removes a value from both storages.
pub fn forget(key: &str) {
    if in_memory(|m| {
        m.local.remove(key);
        m.session.remove(key);
    })
    .is_some()
    {
        return;
    }
    if let Some(w) = window() {
        if let Ok(Some(s)) = w.local_storage() {
            let _ = s.remove_item(key);
        }
        if let Ok(Some(s)) = w.session_storage() {
            let _ = s.remove_item(key);
        }
    }
}

/// Adds or removes a class on `<html>`.
pub fn set_root_class(class: &str, on: bool) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let list = el.class_list();
        let _ = if on {
            list.add_1(class)
        } else {
            list.remove_1(class)
        };
    }
}

/// Moves focus to the main heading, so that a screen reader announces the
/// new page; does nothing while the resident is typing in a search box.
/// It does not scroll: a new page starts at the top anyway, and the menu,
/// shown again, goes back to where the resident had scrolled.
pub fn focus_main_heading() {
    use wasm_bindgen::JsCast;
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(active) = doc.active_element() {
        if active.get_attribute("type").as_deref() == Some("search") {
            return;
        }
    }
    if let Some(h1) = main_heading(&doc) {
        if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
            let _ = h1.set_attribute("tabindex", "-1");
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h1.focus_with_options(&options);
        }
    }
}

/// Goes back one step in the browser's history.
pub fn history_back() {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.back();
    }
}

/// The current time on this device's clock and in its time zone.
pub fn now() -> caidan_core::date::DateTime {
    let now = js_sys::Date::new_0();
    let offset = -(now.get_timezone_offset() as i32);
    // A clock outside years 0–9999 is read as UTC, then as the epoch.
    caidan_core::date::DateTime::from_unix_millis(now.get_time() as i64, offset)
        .or_else(|_| caidan_core::date::DateTime::from_unix_millis(now.get_time() as i64, 0))
        .unwrap_or(caidan_core::date::DateTime::EPOCH)
}

/// A fresh random id below 2^45, so it fits a voucher.
pub fn random_id() -> u64 {
    let mut bytes = [0u8; 8];
    let filled = window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No Web Crypto: fall back to Math.random, still unique enough for
        // one device's requests.
        let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        let b = (js_sys::Math::random() * 4_294_967_296.0) as u64;
        return ((a << 32) | b) & ((1 << 45) - 1);
    }
    u64::from_le_bytes(bytes) & ((1 << 45) - 1)
}

/// Opens the print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Moves focus to the element with this id and scrolls it into view (for
/// error summary links, which the router would otherwise swallow).
pub fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.scroll_into_view();
        let _ = el.focus();
    }
}

/// From now on every `history.pushState` replaces the current entry: the
/// whole of a kiosk visit occupies one history entry, so when it ends,
/// Back has nothing of it to go to.
pub fn replace_every_push() {
    use wasm_bindgen::JsCast;
    let Some(history) = window().and_then(|w| w.history().ok()) else {
        return;
    };
    let replace = js_sys::Reflect::get(&history, &"replaceState".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(replace) = replace {
        let _ = js_sys::Reflect::set(&history, &"pushState".into(), &replace.bind0(&history));
    }
}

/// From now on a link that would leave the app (another site, `tel:`,
/// `mailto:`) does nothing: on a kiosk, nothing navigates away.
pub fn keep_links_inside() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(w) = window() else {
        return;
    };
    let origin = origin();
    let handler = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
        let anchor = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(a) = anchor {
            if a.origin() != origin {
                e.prevent_default();
            }
        }
    });
    // Capturing, so it runs before the router's own click handling.
    let _ = w.add_event_listener_with_callback_and_bool(
        "click",
        handler.as_ref().unchecked_ref(),
        true,
    );
    handler.forget();
}

/// Moves focus to the first link inside the element with this id (the
/// first card of a page of results).
pub fn focus_first_link_in(id: &str) {
    focus_nth_link_in(id, 0);
}

/// Moves focus to the `n`th link (from 0) inside the element with this id:
/// the first of the results just added.
pub fn focus_nth_link_in(id: &str, n: usize) {
    use wasm_bindgen::JsCast;
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let Some(links) = doc.query_selector_all(&format!("#{id} a")).ok() else {
        return;
    };
    if let Some(el) = links
        .item(n as u32)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// How far the page is scrolled down, in CSS pixels.
pub fn scroll_y() -> f64 {
    window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0)
}

/// Scrolls the page to `y` CSS pixels down.
pub fn scroll_to(y: f64) {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, y);
    }
}
