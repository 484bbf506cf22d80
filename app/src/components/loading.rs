use leptos::prelude::*;

use crate::i18n::Ui;
use crate::progress::{size, LoadProgress};
use crate::state::locale_signal;

/// What shows while the menu loads: "Loading the menu…" with a progress
/// bar of the bytes received (of the total, when the host declared it),
/// then "Checking the menu…"; announced politely.
#[component]
pub fn Loading() -> impl IntoView {
    let lang = locale_signal();
    let progress = use_context::<LoadProgress>();
    let words = move || {
        let ui = lang.get().ui();
        if progress.is_some_and(|p| p.checking.get()) {
            ui.checking_menu
        } else {
            ui.loading_menu
        }
    };
    let bar = move || {
        let p = progress?;
        let received = p.received.get();
        if received == 0 || p.checking.get() {
            return None;
        }
        let ui = lang.get().ui();
        Some(bytes_bar(p, ui, ui.loading_menu.to_string()))
    };
    view! {
        <div class="cd-loading">
            <p role="status" aria-live="polite">{words}</p>
            {bar}
        </div>
    }
}

/// A progress bar of the bytes received (of the total, when known), named
/// `label`, with the same in words beside it for sighted readers.
pub fn bytes_bar(progress: LoadProgress, ui: &Ui, label: String) -> impl IntoView {
    let received = progress.received.get();
    let total = progress.total.get().filter(|&t| t >= received);
    let said = match total {
        Some(t) => ui
            .received_of
            .replace("{received}", &size(received))
            .replace("{total}", &size(t)),
        None => ui.received.replace("{received}", &size(received)),
    };
    view! {
        <progress
            class="cd-loading__bar"
            max=total.map(|t| t.to_string())
            value=total.map(|_| received.to_string())
            aria-label=label
        ></progress>
        <p class="cd-loading__bytes" aria-hidden="true">{said}</p>
    }
}
