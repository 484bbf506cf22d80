use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::pages::NotFound;
use crate::state::{locale_signal, use_loaded};

/// One service, by its id in the path.
#[component]
pub fn ServicePage() -> impl IntoView {
    let lang = locale_signal();
    let loaded = use_loaded();
    let params = use_params_map();
    move || {
        let loaded = loaded.clone()?;
        let id = params.read().get("id").unwrap_or_default();
        let feed = &loaded.feed;
        let Some(s) = feed.service(&id) else {
            return Some(view! { <NotFound /> }.into_any());
        };
        let l = lang.get();
        let (tag, default) = (l.tag(), feed.default_locale());
        let org = feed
            .organization(&s.organization_id)
            .map(|o| o.name.get(tag, default).to_string());
        Some(
            view! {
                <p>
                    <A href="/" attr:class="cd-back-link">{l.ui().back_to_menu}</A>
                </p>
                <h1 class="cd-heading-xl">{s.name.get(tag, default).to_string()}</h1>
                <p class="cd-lead">{s.summary.get(tag, default).to_string()}</p>
                <p>{s.description.get(tag, default).to_string()}</p>
                {org.map(|o| view! { <p>{l.ui().provided_by} ": " {o}</p> })}
            }
            .into_any(),
        )
    }
}
