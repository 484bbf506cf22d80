//! The app's shared state, as typed context.
//!
//! Everything the app knows about the resident lives in [`Resident`], so a
//! kiosk can forget a person at once. What follows from it (their answers
//! checked against the feed, the decision for every service) is derived in
//! [`Current`], never stored.

use caidan_core::date::Date;
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
/// `null` for "I don't know") and whether sensitive answers may be kept on
/// this device.
#[derive(Clone, Copy)]
pub struct Resident {
    /// Answers as the resident gave them.
    pub answers: RwSignal<Map<String, Json>>,
    /// Keep sensitive answers after this visit.
    pub remember_sensitive: RwSignal<bool>,
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

const REMEMBER_KEY: &str = "caidan.remember-sensitive";

fn answers_key(feed: &Feed) -> String {
    format!("caidan.answers.{}", feed.id())
}

fn sensitive_key(feed: &Feed) -> String {
    format!("caidan.answers.{}.sensitive", feed.id())
}

fn read_map(text: Option<String>) -> Map<String, Json> {
    text.and_then(|t| serde_json::from_str::<Map<String, Json>>(&t).ok())
        .unwrap_or_default()
}

/// Sets up the resident and the derived decisions for a loaded feed, and
/// provides both as context.
pub fn provide_current(loaded: &'static Loaded) {
    let feed = &loaded.feed;
    let mut stored = read_map(browser::load(&answers_key(feed)));
    stored.extend(read_map(browser::load_session(&sensitive_key(feed))));
    let remember = browser::load(REMEMBER_KEY).as_deref() == Some("true");
    let resident = Resident {
        answers: RwSignal::new(stored),
        remember_sensitive: RwSignal::new(remember),
    };
    provide_context(resident);

    // Persist on every change: ordinary answers on the device, sensitive ones
    // for this visit only unless the resident chose otherwise.
    Effect::new(move |_| {
        let feed = &loaded.feed;
        let remember = resident.remember_sensitive.get();
        let (mut keep, mut visit) = (Map::new(), Map::new());
        for (id, v) in resident.answers.read().iter() {
            let sensitive = feed.fact(id).is_some_and(|f| f.sensitive);
            if sensitive && !remember {
                visit.insert(id.clone(), v.clone());
            } else {
                keep.insert(id.clone(), v.clone());
            }
        }
        browser::store(&answers_key(feed), &Json::Object(keep).to_string());
        browser::store_session(&sensitive_key(feed), &Json::Object(visit).to_string());
        browser::store(REMEMBER_KEY, if remember { "true" } else { "false" });
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
/// `localStorage`, with the last sending problem of each (for this visit).
#[derive(Clone, Copy)]
pub struct Requests {
    /// Every request, oldest first.
    pub list: RwSignal<Vec<caidan_core::request::Request>>,
    /// Every demand suggestion, oldest first.
    pub suggestions: RwSignal<Vec<caidan_core::request::DemandSuggestion>>,
    /// Why the last attempt to send a request (by id) failed.
    pub send_errors: RwSignal<std::collections::BTreeMap<u64, String>>,
    /// The latest status notes from the intake (by request id).
    pub remote_notes: RwSignal<std::collections::BTreeMap<u64, String>>,
    /// Requests being sent right now.
    pub sending: RwSignal<std::collections::BTreeSet<u64>>,
}

const REQUESTS_KEY: &str = "caidan.requests";
const SUGGESTIONS_KEY: &str = "caidan.suggestions";

/// Sets up the request store from `localStorage` and keeps it saved.
///
/// A request kept by a version that did not record where it goes was
/// placed from this site's feed of the same id: it goes where that feed's
/// requests go now, as the deployment allows.
pub fn provide_requests(loaded: &'static Loaded) {
    let mut list: Vec<caidan_core::request::Request> = browser::load(REQUESTS_KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    for r in list
        .iter_mut()
        .filter(|r| r.destination.is_none() && r.feed_id == loaded.feed.id())
    {
        r.destination = Some(loaded.destination.clone());
    }
    let suggestions = browser::load(SUGGESTIONS_KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let requests = Requests {
        list: RwSignal::new(list),
        suggestions: RwSignal::new(suggestions),
        send_errors: RwSignal::new(Default::default()),
        remote_notes: RwSignal::new(Default::default()),
        sending: RwSignal::new(Default::default()),
    };
    provide_context(requests);
    Effect::new(move |_| {
        if let Ok(text) = serde_json::to_string(&*requests.list.read()) {
            browser::store(REQUESTS_KEY, &text);
        }
    });
    Effect::new(move |_| {
        if let Ok(text) = serde_json::to_string(&*requests.suggestions.read()) {
            browser::store(SUGGESTIONS_KEY, &text);
        }
    });
}

/// The request store.
pub fn use_requests() -> Requests {
    expect_context::<Requests>()
}
