use leptos::prelude::*;

use crate::district::Districts;
use crate::progress::{size, LoadProgress};
use crate::state::locale_signal;

/// While a district's shard loads, the page already shown stays, and this
/// line says what is coming, with the bytes received; the live region is
/// always in the page, so the words are announced when they appear.
#[component]
pub fn DistrictLoading() -> impl IntoView {
    let lang = locale_signal();
    let districts = use_context::<Districts>();
    let progress = use_context::<LoadProgress>();
    let loading = move || districts.and_then(|d| d.loading.get());
    let words = move || {
        loading().map(|name| {
            lang.get()
                .ui()
                .district_loading
                .replace("{district}", &name)
        })
    };
    let bar = move || {
        loading()?;
        let p = progress?;
        let received = p.received.get();
        let total = p.total.get().filter(|&t| t >= received);
        let ui = lang.get().ui();
        let said = match total {
            Some(t) => ui
                .received_of
                .replace("{received}", &size(received))
                .replace("{total}", &size(t)),
            None => ui.received.replace("{received}", &size(received)),
        };
        Some(view! {
            <progress
                class="cd-loading__bar"
                max=total.map(|t| t.to_string())
                value=total.map(|_| received.to_string())
                aria-label=words
            ></progress>
            <p class="cd-loading__bytes" aria-hidden="true">{said}</p>
        })
    };
    view! {
        <div class="cd-district-loading" class:cd-notice=move || loading().is_some()>
            <p role="status" aria-live="polite">{words}</p>
            {bar}
        </div>
    }
}
