use leptos::prelude::*;

use crate::state::locale_signal;

/// The requests placed on this device.
#[component]
pub fn MyRequests() -> impl IntoView {
    let lang = locale_signal();
    view! {
        <h1 class="cd-heading-xl">{move || lang.get().ui().my_requests}</h1>
        <p>{move || lang.get().ui().no_requests}</p>
    }
}
