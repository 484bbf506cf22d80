use caidan_core::menu::is_listed;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::ServiceList;
use crate::state::{locale_signal, use_current};

/// Search results, updated as the resident types in the header's box.
#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let query = use_query_map();
    let results = Memo::new({
        move |_| {
            let q = query.read().get("q").unwrap_or_default();
            let decisions = current.decisions.read();
            current
                .loaded
                .catalogue
                .search(&q, Some(lang.get().tag()), 50)
                .into_iter()
                .filter(|hit| decisions.get(hit.service.get()).is_some_and(is_listed))
                .map(|hit| hit.service)
                .collect::<Vec<_>>()
        }
    });
    view! {
        <h1 class="cd-heading-xl">{move || lang.get().ui().search_results}</h1>
        <p class="cd-visually-hidden" role="status" aria-live="polite">
            {move || format!("{} {}", results.read().len(), lang.get().ui().services_count)}
        </p>
        {move || {
            results
                .read()
                .is_empty()
                .then(|| view! { <p>{lang.get().ui().no_results}</p> })
        }}
        <ul class="cd-service-list">
            <ServiceList services=results />
        </ul>
        <p class="cd-cant-find">
            <leptos_router::components::A href="/suggest">{move || lang.get().ui().cant_find}</leptos_router::components::A>
        </p>
    }
}
