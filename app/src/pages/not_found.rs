use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::locale_signal;

/// The page for a path the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let lang = locale_signal();
    view! {
        <h1 class="cd-heading-xl">{move || lang.get().ui().not_found_title}</h1>
        <p>{move || lang.get().ui().not_found_body}</p>
        <p>
            <A href="/">{move || lang.get().ui().go_to_menu}</A>
        </p>
    }
}
