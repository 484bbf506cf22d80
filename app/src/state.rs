//! The app's shared state, as typed context.
//!
//! Everything the app knows about the resident lives in [`Resident`], so a
//! kiosk can forget a person at once. What follows from it (their answers
//! checked against the feed, the decision for every service) is derived in
//! [`Current`], never stored.

use std::collections::{BTreeMap, BTreeSet};

use caidan_core::date::Date;
use caidan_core::intake::RequestForm;
use caidan_core::request::{DemandSuggestion, Request};
use caidan_core::store::{self, Kept, Unreadable};
use caidan_core::{decide_all, Answers, Decision, Feed};
use leptos::prelude::*;
use serde_json::{Map, Value as Json};

use crate::api::{LoadError, Loaded};
use crate::browser;
use crate::i18n::Locale;

/// The menu being loaded or loaded.
#[derive(Clone, Copy)]
pub struct Menu(pub LocalResource<Result<&'static Loaded, LoadError>>);

/// The interface language.
#[derive(Clone, Copy)]
pub struct Lang(pub RwSignal<Locale>);

/// The current interface language.
pub fn use_locale() -> Locale {
    expect_context::<Lang>().0.get()
}

/// The language signal itself, for views that must react to it.
pub fn locale_signal() -> RwSignal<Locale> {
    expect_context::<Lang>().0
}

/// Elderly mode (长辈版): larger type and targets.
#[derive(Clone, Copy)]
pub struct Elderly(pub RwSignal<bool>);

/// What the resident has told the app: their answers (fact id to JSON value,
/// `null` for "I don't know") and which sensitive answers they asked this
/// device to keep.
#[derive(Clone, Copy)]
pub struct Resident {
    /// Answers as the resident gave them.
    pub answers: RwSignal<Map<String, Json>>,
    /// The sensitive facts whose answers may be kept after this visit, each
    /// ticked by the resident on its question. The choice itself lasts for
    /// the visit only, so it never carries over to the next person.
    pub remember_sensitive: RwSignal<BTreeSet<String>>,
}

/// The loaded menu and what it means for this resident today; `Copy`, so
/// views and handlers take it by value.
#[derive(Clone, Copy)]
pub struct Current {
    /// The feed and its search index, for the life of the page.
    pub loaded: &'static Loaded,
    /// The resident's answers, checked against the feed.
    pub answers: Memo<Answers>,
    /// The decision for every service, in feed order.
    pub decisions: Memo<Vec<Decision>>,
    /// The date decisions are made for.
    pub today: Date,
}

impl Current {
    /// The feed.
    pub fn feed(&self) -> &'static Feed {
        &self.loaded.feed
    }
}

/// The current menu, inside the loaded part of the app.
pub fn use_current() -> Current {
    expect_context::<Current>()
}

/// The resident.
pub fn use_resident() -> Resident {
    expect_context::<Resident>()
}

/// Which sensitive answers the resident ticked to keep (for the visit).
const REMEMBER_KEY: &str = "caidan.remember";
/// Where an earlier version kept one choice for all (forgotten on load).
const OLD_REMEMBER_KEY: &str = "caidan.remember-sensitive";

fn answers_key(feed: &Feed) -> String {
    format!("caidan.answers.{}", feed.id())
}

fn sensitive_key(feed: &Feed) -> String {
    format!("caidan.answers.{}.sensitive", feed.id())
}

/// Stored answers (core's envelope, or version 1's bare object); what
/// cannot be read is left where it is and asked again.
fn read_map(text: Option<String>) -> Map<String, Json> {
    match text.and_then(|t| store::read_value("answers", &t).ok()) {
        Some((_, Json::Object(map))) => map,
        _ => Map::new(),
    }
}

/// Sets up the resident and the derived decisions for a loaded feed, and
/// provides both as context.
pub fn provide_current(loaded: &'static Loaded) {
    let feed = &loaded.feed;
    let mut stored = read_map(browser::load(&answers_key(feed)));
    stored.extend(read_map(browser::load_session(&sensitive_key(feed))));
    // An earlier version kept one "remember" choice for every sensitive
    // answer and every later visitor; it is forgotten.
    browser::forget(OLD_REMEMBER_KEY);
    let remember: BTreeSet<String> = browser::load_session(REMEMBER_KEY)
        .and_then(|t| store::read_value("remember", &t).ok())
        .and_then(|(_, data)| serde_json::from_value(data).ok())
        .unwrap_or_default();
    let resident = Resident {
        answers: RwSignal::new(stored),
        remember_sensitive: RwSignal::new(remember),
    };
    provide_context(resident);

    // Persist on every change: ordinary answers on the device, sensitive ones
    // for this visit only unless the resident ticked "remember" for them.
    Effect::new(move |_| {
        let feed = &loaded.feed;
        let remember = resident.remember_sensitive.get();
        let (mut keep, mut visit) = (Map::new(), Map::new());
        for (id, v) in resident.answers.read().iter() {
            let sensitive = feed.fact(id).is_some_and(|f| f.sensitive);
            if sensitive && !remember.contains(id) {
                visit.insert(id.clone(), v.clone());
            } else {
                keep.insert(id.clone(), v.clone());
            }
        }
        // Nothing is written for nothing, so a forgotten device stays empty.
        let envelope = |map: Map<String, Json>| {
            (!map.is_empty()).then(|| store::write_value("answers", &Json::Object(map)))
        };
        keep_or_forget(&answers_key(feed), envelope(keep), browser::store);
        keep_or_forget(
            &sensitive_key(feed),
            envelope(visit),
            browser::store_session,
        );
        let remembered = (!remember.is_empty())
            .then(|| serde_json::to_value(&remember).ok())
            .flatten()
            .map(|data| store::write_value("remember", &data));
        keep_or_forget(REMEMBER_KEY, remembered, browser::store_session);
    });

    let answers = Memo::new(move |_| {
        let feed = &loaded.feed;
        let mut answers = Answers::new(feed);
        for (id, v) in resident.answers.read().iter() {
            // An answer the feed no longer accepts (a fact removed, an option
            // renamed) is dropped, so the question is simply asked again.
            let _ = answers.set(feed, id, v);
        }
        answers
    });
    let today = browser::today();
    let decisions = Memo::new(move |_| answers.with(|a| decide_all(&loaded.feed, a, today)));
    provide_context(Current {
        loaded,
        answers,
        decisions,
        today,
    });
}

/// The requests and suggestions placed on this device, persisted in
/// `localStorage` (core's `store` envelopes), with the last sending problem
/// of each (for this visit).
#[derive(Clone, Copy)]
pub struct Requests {
    /// Every request, oldest first.
    pub list: RwSignal<Vec<Request>>,
    /// Every demand suggestion, oldest first.
    pub suggestions: RwSignal<Vec<DemandSuggestion>>,
    /// Stored requests this version cannot read: kept as they were, shown
    /// with their codes.
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// Whether the device refused the last write of the requests: what is
    /// on screen is then the only copy.
    pub unsaved: RwSignal<bool>,
    /// Why the last attempt to send a request (by id) failed.
    pub send_errors: RwSignal<BTreeMap<u64, String>>,
    /// The latest status notes from the intake (by request id).
    pub remote_notes: RwSignal<BTreeMap<u64, String>>,
    /// Requests being sent right now.
    pub sending: RwSignal<BTreeSet<u64>>,
    /// Request forms being filled in, by draft key: kept here as well as in
    /// storage, so a device that cannot store loses nothing typed.
    pub drafts: RwSignal<BTreeMap<String, RequestForm>>,
}

const REQUESTS_KEY: &str = "caidan.requests";
const SUGGESTIONS_KEY: &str = "caidan.suggestions";
/// The stored text as it was before a risky write (a migration, or a value
/// this version could not read at all).
const REQUESTS_BACKUP_KEY: &str = "caidan.requests.backup";

/// The requests as stored now, read entry by entry. A stored value that is
/// not a list at all is copied to the backup key first, so that it is
/// never lost, and read as empty.
fn stored_requests() -> Kept<Request> {
    let Some(text) = browser::load(REQUESTS_KEY) else {
        return Kept::default();
    };
    match store::read_requests(&text) {
        Ok(kept) => {
            if kept.version != store::VERSION {
                browser::store(REQUESTS_BACKUP_KEY, &text);
            }
            kept
        }
        Err(_) => {
            browser::store(REQUESTS_BACKUP_KEY, &text);
            Kept::default()
        }
    }
}

/// Writes the requests: what is stored now (another tab may have written
/// since) merged with what this tab holds, by request id, pruned, with the
/// entries this version cannot read kept as they were. Returns whether the
/// device kept it; brings what another tab added into this one.
pub fn save_requests(requests: Requests) -> bool {
    let mut kept = stored_requests();
    let mine = requests.list.get_untracked();
    let merged = store::prune_requests(
        store::merge_requests(kept.items, mine.clone()),
        browser::now(),
    );
    kept.items = merged.clone();
    requests.unreadable.update_untracked(|known| {
        for u in kept.unreadable.drain(..) {
            if !known.iter().any(|k| k.raw == u.raw) {
                known.push(u);
            }
        }
    });
    kept.unreadable = requests.unreadable.get_untracked();
    // Nothing is written for nothing, so a forgotten device stays empty.
    let ok = if kept.items.is_empty() && kept.unreadable.is_empty() {
        browser::forget(REQUESTS_KEY);
        true
    } else {
        browser::try_store(REQUESTS_KEY, &store::write_list("requests", &kept))
    };
    if requests.unsaved.get_untracked() == ok {
        requests.unsaved.set(!ok);
    }
    if merged != mine {
        requests.list.set(merged);
    }
    ok
}

/// Writes `value` under `key` with `write`, or removes the key when there
/// is nothing to keep.
fn keep_or_forget(key: &str, value: Option<String>, write: fn(&str, &str)) {
    match value {
        Some(v) => write(key, &v),
        None => browser::forget(key),
    }
}

/// What "forget everything" cleared, to tell the resident.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub answers: usize,
    pub requests: usize,
    pub drafts: usize,
    pub suggestions: usize,
}

/// Forgets everything this app knows on this device: every key it owns in
/// both storages, and every signal that holds the resident's answers,
/// requests, suggestions, errors and settings. Needs nothing from core, so
/// a kiosk can call it whatever state the menu is in.
pub fn forget_everything(resident: Resident, requests: Requests) -> Forgotten {
    let keys = browser::own_keys();
    let forgotten = Forgotten {
        answers: resident.answers.read_untracked().len(),
        requests: requests.list.read_untracked().len() + requests.unreadable.read_untracked().len(),
        drafts: keys
            .iter()
            .filter(|k| k.starts_with("caidan.draft."))
            .count(),
        suggestions: requests.suggestions.read_untracked().len(),
    };
    for key in &keys {
        browser::forget(key);
    }
    resident.answers.set(Map::new());
    resident.remember_sensitive.set(BTreeSet::new());
    requests.list.set(Vec::new());
    requests.suggestions.set(Vec::new());
    requests.unreadable.set(Vec::new());
    requests.send_errors.set(BTreeMap::new());
    requests.remote_notes.set(BTreeMap::new());
    requests.sending.set(BTreeSet::new());
    requests.drafts.set(BTreeMap::new());
    crate::network::forget();
    if let Some(Lang(lang)) = use_context::<Lang>() {
        lang.set(Locale::default());
    }
    if let Some(Elderly(elderly)) = use_context::<Elderly>() {
        elderly.set(false);
    }
    forgotten
}

/// Reads the stored requests into this tab: at start (`starting`), or when
/// another tab wrote them.
fn load_requests(requests: Requests, loaded: &'static Loaded, starting: bool) {
    let kept = stored_requests();
    let mut stored = kept.items;
    // A request kept by a version that did not record where it goes was
    // placed from this site's feed of the same id: it goes where that
    // feed's requests go now, as the deployment allows.
    for r in stored
        .iter_mut()
        .filter(|r| r.destination.is_none() && r.feed_id == loaded.feed.id())
    {
        r.destination = Some(loaded.destination.clone());
    }
    let mine = requests.list.get_untracked();
    let mut merged = store::merge_requests(stored, mine.clone());
    // At start, a send that never got an answer was interrupted (the page
    // closed mid-send): it may have arrived.
    if starting {
        let now = browser::now();
        for r in &mut merged {
            r.settle_interrupted_send(now);
        }
    }
    if merged != mine {
        requests.list.set(merged);
    }
    requests.unreadable.update(|known| {
        for u in kept.unreadable {
            if !known.iter().any(|k| k.raw == u.raw) {
                known.push(u);
            }
        }
    });
}

fn stored_suggestions() -> Vec<DemandSuggestion> {
    browser::load(SUGGESTIONS_KEY)
        .and_then(|t| store::read_list("suggestions", &t, |_| None).ok())
        .map(|kept: Kept<DemandSuggestion>| kept.items)
        .unwrap_or_default()
}

/// Sets up the request store from `localStorage`, keeps it saved, and keeps
/// it current with what other tabs of this site write.
pub fn provide_requests(loaded: &'static Loaded) {
    let requests = Requests {
        list: RwSignal::new(Vec::new()),
        suggestions: RwSignal::new(stored_suggestions()),
        unreadable: RwSignal::new(Vec::new()),
        unsaved: RwSignal::new(!browser::storage_works()),
        send_errors: RwSignal::new(Default::default()),
        remote_notes: RwSignal::new(Default::default()),
        sending: RwSignal::new(Default::default()),
        drafts: RwSignal::new(Default::default()),
    };
    load_requests(requests, loaded, true);
    provide_context(requests);
    // An interrupted send to an intake that drops repeats goes again.
    let resend: Vec<u64> = requests
        .list
        .read_untracked()
        .iter()
        .filter(|r| r.sendable().is_some() && r.sent_at.is_some())
        .map(|r| r.id)
        .collect();
    for id in resend {
        crate::send::send(requests, id);
    }
    Effect::new(move |_| {
        requests.list.track();
        save_requests(requests);
    });
    Effect::new(move |_| {
        let mut all = stored_suggestions();
        for s in requests.suggestions.read().iter() {
            if !all.iter().any(|x| x.id == s.id) {
                all.push(s.clone());
            }
        }
        let kept = Kept {
            items: all,
            ..Kept::default()
        };
        let text = (!kept.items.is_empty()).then(|| store::write_list("suggestions", &kept));
        keep_or_forget(SUGGESTIONS_KEY, text, browser::store);
    });
    // Another district's menu replaces these requests' owner: the listener
    // goes with it.
    let listener = browser::on_storage_change(move |key| match key.as_str() {
        REQUESTS_KEY => load_requests(requests, loaded, false),
        SUGGESTIONS_KEY => {
            let stored = stored_suggestions();
            requests.suggestions.update(|mine| {
                for s in stored {
                    if !mine.iter().any(|x| x.id == s.id) {
                        mine.push(s);
                    }
                }
            });
        }
        _ => {}
    });
    on_cleanup(move || listener.remove());
}

/// The request store.
pub fn use_requests() -> Requests {
    expect_context::<Requests>()
}
