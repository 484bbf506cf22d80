use leptos::prelude::*;

use crate::state::locale_signal;

/// What shows while the menu loads: a polite live status message.
#[component]
pub fn Loading() -> impl IntoView {
    let lang = locale_signal();
    view! {
        <p class="cd-loading" role="status" aria-live="polite">
            {move || lang.get().ui().loading_menu}
        </p>
    }
}
