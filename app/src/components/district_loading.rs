use leptos::prelude::*;

use crate::components::loading::bytes_bar;
use crate::district::Districts;
use crate::progress::LoadProgress;
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
        let label = words()?;
        let p = progress?;
        Some(bytes_bar(p, lang.get().ui(), label))
    };
    view! {
        <div class="cd-district-loading" class:cd-notice=move || loading().is_some()>
            <p role="status" aria-live="polite">{words}</p>
            {bar}
        </div>
    }
}
