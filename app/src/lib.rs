//! Caidan's resident-facing app: a Leptos single-page app, rendered in the
//! browser, that fetches a menu feed and lets a resident browse it.
//!
//! Policy lives in `caidan-core`; this crate fetches, renders and remembers.
#![deny(deprecated)]

pub mod api;
pub mod browser;
pub mod components;
pub mod district;
pub mod first_view;
pub mod fmt;
pub mod i18n;
pub mod kiosk;
pub mod network;
pub mod pages;
pub mod progress;
pub mod send;
pub mod signature;
pub mod state;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_query_map;
use leptos_router::path;

use caidan_core::request::carry;

use crate::components::{DistrictLoading, ErrorPage, Header, Loading, NetworkBanner};
use crate::i18n::Locale;
use crate::kiosk::{IdleGuard, Kiosk, Welcome};
use crate::pages::{
    AnswersPage, CarryPage, ChangeAnswer, CheckRequestPage, CheckStart, DistrictPage, ForgetPage,
    Home, MyRequests, NotFound, Question, RequestDetail, RequestPage, ResultPage, SearchPage,
    ServicePage, ServiceRoute, SuggestPage, WherePage,
};
use crate::progress::LoadProgress;
use crate::state::{provide_current, provide_requests, Elderly, Lang, Menu};

/// Where the chosen language is remembered.
const LANG_KEY: &str = "caidan.lang";
/// Where a requested `?feed=` is remembered for this visit.
pub(crate) const FEED_KEY: &str = "caidan.feed";
/// Where elderly mode is remembered.
const ELDERLY_KEY: &str = "caidan.elderly";

/// Mounts the app in the task after the one that compiled and started the
/// wasm: on a slow phone each is long already (the first run of every
/// function compiles it), and together they hold the page for longer than
/// a tap may wait.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        progress::next_task().await;
        // The page's "Opening…" notice gives way to the app.
        browser::remove_element("cd-opening");
        leptos::mount::mount_to_body(App);
    });
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// Everything inside the router: state, header, the routes.
#[component]
fn Shell() -> impl IntoView {
    let query = use_query_map();
    let stored = browser::load_setting(LANG_KEY).and_then(|l| Locale::parse(&l));
    let lang = RwSignal::new(stored.unwrap_or_default());
    provide_context(Lang(lang));

    // `?lang=` is an instruction from a link: it changes the preference.
    Effect::new(move |_| {
        if let Some(l) = query.read().get("lang").and_then(|l| Locale::parse(&l)) {
            lang.set(l);
        }
    });
    Effect::new(move |_| {
        // Only a choice is kept: the default leaves nothing behind.
        let l = lang.get();
        if l == Locale::default() {
            browser::forget(LANG_KEY);
        } else {
            browser::store_setting(LANG_KEY, l.param());
        }
        browser::set_document_lang(l.tag());
    });

    let elderly = RwSignal::new(browser::load_setting(ELDERLY_KEY).as_deref() == Some("true"));
    provide_context(Elderly(elderly));
    Effect::new(move |_| {
        let on = elderly.get();
        if on {
            browser::store_setting(ELDERLY_KEY, "true");
        } else {
            browser::forget(ELDERLY_KEY);
        }
        browser::set_root_class("cd-elderly", on);
    });

    network::provide_network();

    // The feed is chosen once per visit: `?feed=` when the page opened, else
    // what this visit chose before, else the deployment's default. A
    // requested feed is remembered for the visit only once it has loaded
    // and been checked.
    let linked = browser::initial_query("feed");
    let kiosk = Kiosk::new(linked.as_deref());
    provide_context(kiosk);
    let requested = linked.or_else(|| browser::load_session_setting(FEED_KEY));
    let asked = requested.is_some();
    let origin = browser::origin();
    let progress = LoadProgress::new();
    provide_context(progress);
    // In a sharded feed, choosing a district loads its shard: the menu
    // follows the choice.
    let districts = district::Districts::provide();
    let menu = LocalResource::new(move || {
        let requested = requested.clone();
        let origin = origin.clone();
        districts.generation.track();
        async move {
            let loaded = api::load_menu(requested.clone(), origin, progress).await;
            // Only the deployment makes a kiosk: every visit then starts on
            // the welcome screen, in the default language, large text off.
            // A page opened at a "continue on your phone" link is on a
            // resident's phone, whatever the site's config: it keeps what
            // the link carries.
            let kiosk_config = loaded
                .as_ref()
                .ok()
                .and_then(|l| l.config.kiosk.clone())
                .filter(|_| browser::initial_path() != carry::PATH)
                // Once per page: a district's menu loaded later is the
                // same visit.
                .filter(|_| kiosk.config.get_untracked().is_none());
            if let Some(config) = kiosk_config {
                kiosk.enter(config);
                lang.set(Locale::default());
                elderly.set(false);
            }
            if let (Ok(_), Some(f)) = (&loaded, &requested) {
                browser::store_session_setting(FEED_KEY, f);
            }
            // A district's menu replaces the page the resident was on:
            // focus goes to its heading, as on any new page.
            if districts.loading.get_untracked().is_some() {
                districts.loading.set(None);
                request_animation_frame(browser::focus_main_heading);
            }
            loaded
        }
    });
    provide_context(Menu(menu));
    // Behind the first view, the shell comes in three tasks: this one,
    // what the main part shows while the menu loads, then the header.
    let body = first_view::in_the_next_task();
    let header = first_view::in_the_next_task();

    view! {
        <a class="cd-skip-link" href="#main">
            {move || lang.get().ui().skip_to_content}
        </a>
        {move || header.get().then(|| view! { <Header /> })}
        <main id="main" class="cd-main" tabindex="-1">
            <Show when=move || body.get()>
            <NetworkBanner />
            <DistrictLoading />
            <Transition fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    let outcome = menu.await;
                    first_view::drawn();
                    match outcome {
                        Ok(loaded) => view! { <Loaded loaded /> }.into_any(),
                        Err(e) => view! { <ErrorPage error=e requested=asked /> }.into_any(),
                    }
                })}
            </Transition>
            </Show>
        </main>
    }
}

/// The app once the menu has loaded: the resident's state and the routes.
#[component]
fn Loaded(loaded: &'static api::Loaded) -> impl IntoView {
    provide_current(loaded);
    provide_requests(loaded);
    pages::provide_menu_place();
    network::follow(loaded);
    let kiosk = expect_context::<Kiosk>();
    let location = leptos_router::hooks::use_location();
    // Announce each new page by moving focus to its heading (not on the
    // first page: the resident has not moved yet).
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.as_ref().is_some_and(|p| p != &path) {
            request_animation_frame(browser::focus_main_heading);
        }
        path
    });
    // The menu is drawn the first time it is shown and kept afterwards
    // (see `Home`).
    let on_menu = Memo::new(move |_| location.pathname.read().as_str() == "/");
    let menu_kept = Memo::new(move |kept: Option<&bool>| kept == Some(&true) || on_menu.get());
    let feed = &loaded.feed;
    // The resident's state is set up in one task, the page drawn in the next.
    let page = first_view::in_the_next_task();
    // Each page is named after its heading, in the resident's language.
    let lang = state::locale_signal();
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        lang.track();
        kiosk.welcoming();
        if page.get() {
            pages::heading_changed();
        }
    });
    view! {
        {move || kiosk.config.get().map(|config| view! { <IdleGuard config /> })}
        <Show when=move || !kiosk.welcoming() fallback=move || view! { <Welcome feed /> }>
        <Show when=move || page.get()>
        <Routes fallback=|| view! { <NotFound /> }>
            <Route path=path!("/") view=|| () />
            <Route path=path!("/search") view=SearchPage />
            <Route path=path!("/where") view=WherePage />
            <Route path=path!("/district") view=DistrictPage />
            <ParentRoute path=path!("/services/:id") view=ServiceRoute>
                <Route path=path!("") view=ServicePage />
                <Route path=path!("check") view=CheckStart />
                <Route path=path!("check/:fact") view=Question />
                <Route path=path!("result") view=ResultPage />
                <Route path=path!("request") view=RequestPage />
                <Route path=path!("request/check") view=CheckRequestPage />
            </ParentRoute>
            <Route path=path!("/answers") view=AnswersPage />
            <Route path=path!("/answers/:fact") view=ChangeAnswer />
            <Route path=path!("/requests") view=MyRequests />
            <Route path=path!("/requests/:id") view=RequestDetail />
            <Route path=path!("/suggest") view=SuggestPage />
            <Route path=path!("/forget") view=ForgetPage />
            <Route path=path!("/carry") view=CarryPage />
        </Routes>
        {move || menu_kept.get().then(|| view! { <Home shown=on_menu /> })}
        </Show>
        </Show>
    }
}
