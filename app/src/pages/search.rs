use caidan_core::menu::is_listed;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::browser;
use crate::components::ServiceList;
use crate::pages::{use_menu_place, PAGE};
use crate::state::{locale_signal, use_current};

/// Search results, updated as the resident types in the header's box, a
/// page at a time ("Show more results"); how many are shown is kept for
/// the search, so Back from a service returns to the same place.
#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let query = use_query_map();
    let place = use_menu_place();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    // A new search starts at its first page.
    let shown = Memo::new(move |_| {
        let q = q.get();
        place
            .search
            .with(|(last, n)| if *last == q { *n } else { PAGE })
    });
    // The listed hits shown, best first, and how many there are: the index
    // scores every service anyway, so the count is exact, but only the
    // ones shown are ranked.
    let found = Memo::new(move |_| {
        let decisions = current.decisions.read();
        current.loaded.catalogue.search_page(
            &q.read(),
            Some(lang.get().tag()),
            |service| decisions.get(service.get()).is_some_and(is_listed),
            shown.get(),
        )
    });
    let results = Signal::derive(move || {
        found
            .read()
            .found
            .iter()
            .map(|hit| hit.service)
            .collect::<Vec<_>>()
    });
    let more = move || found.read().total > shown.get();
    let show_more = move |_| {
        let n = shown.get_untracked();
        place.search.set((q.get_untracked(), n + PAGE));
        request_animation_frame(move || browser::focus_nth_link_in("search-results", n));
    };
    // A sharded menu searches what is loaded, and says so.
    let scope = move || {
        let feed = current.feed();
        if !feed.is_sharded() {
            return None;
        }
        let l = lang.get();
        let ui = l.ui();
        let said = match feed.loaded_shard().and_then(|d| feed.region(d)) {
            Some(d) => ui
                .search_scope
                .replace("{district}", &crate::fmt::text(feed, &d.name, l)),
            None => ui.search_scope_everywhere.to_string(),
        };
        let here = format!(
            "/search?q={}",
            String::from(js_sys::encode_uri_component(&q.get()))
        );
        let href = format!(
            "/district?next={}",
            String::from(js_sys::encode_uri_component(&here))
        );
        Some(view! {
            <p class="cd-search-scope">
                {said} " "
                <leptos_router::components::A href=href>{ui.search_other_district}</leptos_router::components::A>
            </p>
        })
    };
    view! {
        <h1 class="cd-heading-xl">{move || lang.get().ui().search_results}</h1>
        {scope}
        <p class="cd-visually-hidden" role="status" aria-live="polite">
            {move || format!("{} {}", found.read().total, lang.get().ui().services_count)}
        </p>
        {move || {
            results
                .read()
                .is_empty()
                .then(|| view! { <p>{lang.get().ui().no_results}</p> })
        }}
        <ul class="cd-service-list" id="search-results">
            <ServiceList services=results />
        </ul>
        {move || more().then(|| view! {
            <p>
                <button type="button" class="cd-button cd-button--secondary" on:click=show_more>
                    {lang.get().ui().more_results}
                </button>
            </p>
        })}
        <p class="cd-cant-find">
            <leptos_router::components::A href="/suggest">{move || lang.get().ui().cant_find}</leptos_router::components::A>
        </p>
    }
}
