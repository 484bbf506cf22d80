//! The network as the resident meets it: whether the device is online, the
//! service worker that lets the menu open without a network, a newer menu
//! or a newer version of the app waiting, and the requests made offline.
//!
//! The service worker (`public/sw.js`, its precache list written at build
//! time) serves the app shell from its cache, and `caidan.json` and the
//! feed stale-while-revalidate; when a revalidated menu differs from the
//! one served, it says so, and the new menu is used from the next page the
//! resident opens ([`apply_update_on_navigation`]), never under their
//! fingers. `network.js`, beside this file, is the few lines of glue
//! wasm-bindgen bundles with the app.
//!
//! An Open311 request placed while the browser says it is offline is not
//! tried: it waits in the outbox (`caidan.outbox`) and goes — once, by
//! `send::send` and core's rules — when the network returns: on the
//! `online` event while the app is open, at the next start, or when the
//! service worker's Background Sync wakes an open page of the app. Whether
//! the outbox may outlive the visit is [`set_persist_queue`]'s call.

use std::cell::Cell;
use std::collections::BTreeSet;

use caidan_core::date::DateTime;
use caidan_core::decision::Outcome;
use caidan_core::store;
use leptos::prelude::*;
use serde_json::{Map, Value as Json};
use wasm_bindgen::prelude::{wasm_bindgen, Closure};

use crate::api::{Loaded, CONFIG_PATH};
use crate::browser;
use crate::state::{Current, Requests};

#[wasm_bindgen(module = "/src/network.js")]
extern "C" {
    #[wasm_bindgen(js_name = start)]
    fn js_start(report: &Closure<dyn FnMut(String, String)>);
    #[wasm_bindgen(js_name = register)]
    fn js_register();
    #[wasm_bindgen(js_name = isOnline)]
    fn js_is_online() -> bool;
    #[wasm_bindgen(js_name = applyUpdate)]
    fn js_apply_update();
    #[wasm_bindgen(js_name = leaveFor)]
    fn js_leave_for(url: &str);
    #[wasm_bindgen(js_name = keepMenu)]
    fn js_keep_menu(urls: Vec<String>, refresh: bool);
    #[wasm_bindgen(js_name = requestSync)]
    fn js_request_sync();
    #[wasm_bindgen(js_name = reloadPage)]
    fn js_reload_page();
}

/// Where the requests waiting for the network are kept.
const OUTBOX_KEY: &str = "caidan.outbox";
/// Where the decisions last shown for a feed are kept for the visit, to
/// tell the resident when a new version of the menu changes one.
const DECISIONS_KEY: &str = "caidan.decisions";

/// The network state, as typed context; every handle `Copy`.
#[derive(Clone, Copy)]
pub struct Network {
    /// Whether the browser says it is online.
    pub online: RwSignal<bool>,
    /// The network came back during this visit; cleared on the next page.
    pub back_online: RwSignal<bool>,
    /// Requests sent since the network came back, this visit.
    pub sent_on_return: RwSignal<usize>,
    /// A new version of the app is installed and waiting.
    pub update_ready: RwSignal<bool>,
    /// A newer menu has arrived; it is used from the next page opened.
    pub menu_updated: RwSignal<bool>,
    /// The services whose decision changed when a new version of the menu
    /// was loaded, by id.
    pub changed_decisions: RwSignal<Vec<String>>,
    /// Requests waiting for the network, by id.
    pub outbox: RwSignal<BTreeSet<u64>>,
    /// Requests being sent because the network came back, by id.
    returning: RwSignal<BTreeSet<u64>>,
    /// Bumped when an open page is asked to send what waits.
    wake: RwSignal<u32>,
    /// The URLs the loaded menu is made of.
    menu_urls: StoredValue<Vec<String>>,
    /// The URLs the service worker found newer than what it served, which
    /// may come before the menu has loaded.
    updated_urls: StoredValue<Vec<String>>,
}

thread_local! {
    static NETWORK: Cell<Option<Network>> = const { Cell::new(None) };
    /// Whether the outbox is kept in storage that outlives the visit.
    static PERSIST: Cell<bool> = const { Cell::new(true) };
}

fn persists() -> bool {
    PERSIST.with(Cell::get)
}

/// The network state, wherever it is needed (also outside any reactive
/// owner, as in a send's callback); `None` before [`provide_network`].
pub fn network() -> Option<Network> {
    NETWORK.with(Cell::get)
}

/// Whether the browser says it is online. A browser that cannot tell is
/// taken to be online: the send then finds out.
pub fn is_online() -> bool {
    js_is_online()
}

/// Starts following the network and the service worker's messages, and
/// provides [`Network`]; call once, before the menu loads. The worker is
/// registered later, once the menu has loaded ([`follow`]).
pub fn provide_network() -> Network {
    let network = Network {
        online: RwSignal::new(is_online()),
        back_online: RwSignal::new(false),
        sent_on_return: RwSignal::new(0),
        update_ready: RwSignal::new(false),
        menu_updated: RwSignal::new(false),
        changed_decisions: RwSignal::new(Vec::new()),
        outbox: RwSignal::new(if persists() {
            stored_outbox()
        } else {
            BTreeSet::new()
        }),
        returning: RwSignal::new(BTreeSet::new()),
        wake: RwSignal::new(0),
        menu_urls: StoredValue::new(Vec::new()),
        updated_urls: StoredValue::new(Vec::new()),
    };
    NETWORK.with(|n| n.set(Some(network)));
    provide_context(network);
    let report = Closure::<dyn FnMut(String, String)>::new(move |kind: String, detail: String| {
        match kind.as_str() {
            "online" => {
                network.online.set(true);
                network.back_online.set(true);
                // Back online: look for a newer menu too.
                js_keep_menu(network.menu_urls.get_value(), true);
            }
            "offline" => {
                network.online.set(false);
                network.back_online.set(false);
                network.sent_on_return.set(0);
            }
            "send-queued" => network.wake.update(|n| *n = n.wrapping_add(1)),
            "update-ready" => network.update_ready.set(true),
            "menu-updated" => {
                // Told twice when the page heard the worker and asked it.
                network.updated_urls.update_value(|u| {
                    if !u.contains(&detail) {
                        u.push(detail)
                    }
                });
                notice_update(network);
            }
            _ => {}
        }
    });
    js_start(&report);
    // The listeners last as long as the page.
    report.forget();
    // What another tab queued or sent, for the life of the page.
    let _ = browser::on_storage_change(move |key| {
        if key == OUTBOX_KEY && persists() {
            network.outbox.set(stored_outbox());
        }
    });
    network
}

/// Whether the requests waiting for the network may be kept in storage
/// that outlives the visit (`localStorage`) and handed to Background Sync.
/// `false` keeps them in this page's memory only, and forgets any stored
/// outbox: for shared devices, which must forget each person.
///
/// May be called before or after [`provide_network`].
pub fn set_persist_queue(persist: bool) {
    PERSIST.with(|p| p.set(persist));
    match network() {
        Some(network) => save_outbox(network),
        None if !persist => browser::forget(OUTBOX_KEY),
        None => {}
    }
}

/// Puts a request placed while offline in the outbox, to be sent when the
/// network returns.
pub fn queue(id: u64) {
    let Some(network) = network() else {
        return;
    };
    network.outbox.update(|o| {
        o.insert(id);
    });
    save_outbox(network);
    if persists() {
        js_request_sync();
    }
}

/// Whether a request waits in the outbox for the network.
pub fn waits_for_network(id: u64) -> bool {
    network().is_some_and(|n| n.outbox.read().contains(&id))
}

/// Counts a request sent because the network came back, for "Back online —
/// 1 request sent".
pub(crate) fn sent(id: u64) {
    let Some(network) = network() else {
        return;
    };
    let returning = network.returning.try_update(|r| r.remove(&id)) == Some(true);
    if returning {
        network.sent_on_return.update(|n| *n += 1);
    }
}

/// Loads `url` in place of the page, letting a new version of the app
/// that waits take over first: between two visitors at a kiosk, so a kiosk
/// that never closes its tab still gets new versions.
pub fn leave_for(url: &str) {
    js_leave_for(url);
}

/// Asks the new version of the app to take over, and reloads: the
/// resident's choice.
pub fn apply_app_update() {
    js_apply_update();
}

/// Sends what waits in the outbox whenever the network is there: now (the
/// app's start), on the `online` event, and when Background Sync wakes
/// this page. Each request leaves the outbox as its send starts, so it
/// goes once; from then on `send::send` and core's rules decide.
pub fn send_queued_when_online(requests: Requests) {
    let Some(network) = network() else {
        return;
    };
    Effect::new(move |_| {
        network.wake.track();
        if !network.online.get() {
            return;
        }
        let mut waiting = network.outbox.get_untracked();
        // Another tab of the app may have sent them already: only what is
        // still stored goes, and it leaves storage before anything is sent.
        if persists() {
            let stored = stored_outbox();
            waiting.retain(|id| stored.contains(id));
        }
        if waiting.is_empty() {
            return;
        }
        network.outbox.set(BTreeSet::new());
        save_outbox(network);
        let sendable: Vec<u64> = requests
            .list
            .read_untracked()
            .iter()
            .filter(|r| waiting.contains(&r.id) && r.sendable().is_some())
            .map(|r| r.id)
            .collect();
        network
            .returning
            .update(|r| r.extend(sendable.iter().copied()));
        for id in sendable {
            crate::send::send(requests, id);
        }
    });
}

/// Everything the loaded app does about the network: registers the service
/// worker and tells it what the menu is made of, sends what waits when the
/// network is there, applies a newer menu at the next page, and compares
/// decisions with those of an earlier version of the menu.
pub fn follow(loaded: &'static Loaded) {
    let requests = crate::state::use_requests();
    keep_menu(loaded);
    js_register();
    send_queued_when_online(requests);
    apply_update_on_navigation(requests);
    watch_decisions(crate::state::use_current());
}

/// Tells the service worker what the loaded menu is made of, so that it
/// keeps it for when the network is gone.
pub fn keep_menu(loaded: &'static Loaded) {
    let Some(network) = network() else {
        return;
    };
    let mut urls = Vec::new();
    urls.extend(browser::resolve_url(CONFIG_PATH));
    urls.push(loaded.url.clone());
    urls.extend(loaded.shard_url.clone());
    if !loaded.config.feed_keys.is_empty() {
        urls.push(caidan_core::signature::signature_url(&loaded.url));
    }
    network.menu_urls.set_value(urls.clone());
    notice_update(network);
    js_keep_menu(urls, false);
}

/// Marks the menu updated once the service worker has found a newer copy of
/// something it is made of.
fn notice_update(network: Network) {
    let updated = network.menu_urls.with_value(|menu| {
        network
            .updated_urls
            .with_value(|updated| updated.iter().any(|u| menu.contains(u)))
    });
    if updated && !network.menu_updated.get_untracked() {
        network.menu_updated.set(true);
    }
}

/// With a newer menu waiting, the next page the resident opens is loaded
/// afresh, with it — once nothing is being sent, so no send is cut off.
pub fn apply_update_on_navigation(requests: Requests) {
    let Some(network) = network() else {
        return;
    };
    // On a kiosk the next visit, which starts with a reload, has it.
    if crate::kiosk::is_kiosk() {
        return;
    }
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let moved = previous.as_ref().is_some_and(|p| p != &path);
        if moved {
            network.back_online.set(false);
            network.sent_on_return.set(0);
            network.changed_decisions.set(Vec::new());
        }
        if moved
            && network.menu_updated.get_untracked()
            && requests.sending.read_untracked().is_empty()
        {
            crate::state::save_requests(requests);
            // After this turn's effects have written what they keep.
            set_timeout(js_reload_page, std::time::Duration::ZERO);
        }
        path
    });
}

/// Compares the decisions of this menu with those last shown in this visit
/// for an earlier version of it, and keeps these for the next comparison.
/// Only settled decisions (eligible, ineligible) count as the resident's.
pub fn watch_decisions(current: Current) {
    let Some(network) = network() else {
        return;
    };
    let feed = current.feed();
    let key = format!("{DECISIONS_KEY}.{}", feed.id());
    let version = feed.version().to_string();
    if let Some((before_version, before)) = browser::load_session(&key).and_then(|t| read_seen(&t))
    {
        if before_version != version {
            let now = outcomes(current, false);
            let changed = before
                .into_iter()
                .filter(|(id, was)| now.get(id) != Some(was))
                .map(|(id, _)| id)
                .collect();
            network.changed_decisions.set(changed);
        }
    }
    Effect::new(move |_| {
        let now = outcomes(current, true);
        if now.is_empty() {
            browser::forget_session(&key);
        } else {
            let mut data = Map::new();
            data.insert("version".into(), Json::String(version.clone()));
            data.insert("outcomes".into(), Json::Object(now));
            let text = store::write_value("decisions", &Json::Object(data));
            browser::store_session(&key, &text);
        }
    });
}

/// Each service's outcome by service id; only the settled ones (eligible,
/// ineligible) with `settled_only`.
fn outcomes(current: Current, settled_only: bool) -> Map<String, Json> {
    let feed = current.feed();
    let mut all = Map::new();
    for d in current.decisions.read().iter() {
        if settled_only && !matches!(d.outcome, Outcome::Eligible | Outcome::Ineligible) {
            continue;
        }
        if let Some(service) = feed.service_at(d.service) {
            all.insert(service.id.clone(), Json::from(d.outcome.as_str()));
        }
    }
    all
}

/// The version and settled outcomes kept by [`watch_decisions`].
fn read_seen(text: &str) -> Option<(String, Map<String, Json>)> {
    let (_, data) = store::read_value("decisions", text).ok()?;
    let Json::Object(mut data) = data else {
        return None;
    };
    let Some(Json::String(version)) = data.remove("version") else {
        return None;
    };
    let Some(Json::Object(outcomes)) = data.remove("outcomes") else {
        return None;
    };
    Some((version, outcomes))
}

/// The day the feed was published, as the device's calendar reads it.
pub fn published_on(loaded: &Loaded) -> Option<String> {
    DateTime::parse(loaded.feed.published_at())
        .ok()
        .map(|t| t.local_date().to_string())
}

fn stored_outbox() -> BTreeSet<u64> {
    browser::load(OUTBOX_KEY)
        .and_then(|t| store::read_value("outbox", &t).ok())
        .and_then(|(_, data)| match data {
            Json::Array(items) => {
                let mut ids = BTreeSet::new();
                for id in items.iter().filter_map(Json::as_u64) {
                    ids.insert(id);
                }
                Some(ids)
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// Writes the outbox where it may be kept, or removes it: nothing is
/// written for nothing, and nothing outlives the visit on a device that
/// must forget.
fn save_outbox(network: Network) {
    let outbox = network.outbox.get_untracked();
    if outbox.is_empty() || !persists() {
        browser::forget(OUTBOX_KEY);
    } else {
        let ids: Vec<Json> = outbox.iter().map(|id| Json::from(*id)).collect();
        browser::store(OUTBOX_KEY, &store::write_value("outbox", &Json::Array(ids)));
    }
}

/// Forgets what the network state holds about the resident: the outbox and
/// what was said about their requests and decisions.
pub fn forget() {
    let Some(network) = network() else {
        return;
    };
    network.outbox.set(BTreeSet::new());
    network.returning.set(BTreeSet::new());
    network.sent_on_return.set(0);
    network.changed_decisions.set(Vec::new());
    browser::forget(OUTBOX_KEY);
}

/// Whether a path is a page where the resident fills in a form (a
/// question, a request, a suggestion, a changed answer): no reload is
/// offered there.
pub fn is_form_path(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    path.ends_with("/request")
        || path.ends_with("/request/check")
        || path.contains("/check/")
        || path == "/suggest"
        || path.starts_with("/answers/")
}
