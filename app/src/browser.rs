//! The few things the app asks of the browser directly: storage, the page's
//! origin and query, the document's language and title, focus.
//!
//! Every call tolerates a browser that refuses (private mode, disabled
//! storage): the app then simply forgets.

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// A value from `localStorage`.
pub fn load(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Writes a value to `localStorage`; failures are ignored.
pub fn store(key: &str, value: &str) {
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

/// A value from `sessionStorage` (this visit only).
pub fn load_session(key: &str) -> Option<String> {
    window()?.session_storage().ok()??.get_item(key).ok()?
}

/// Writes a value to `sessionStorage`; failures are ignored.
pub fn store_session(key: &str, value: &str) {
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

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}
