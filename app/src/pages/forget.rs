use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser;
use crate::state::{forget_everything, locale_signal, use_requests, use_resident, Forgotten};

/// `/forget`: "Forget everything on this device", confirmed first; then
/// what was cleared. The history entry is replaced, so Back does not return
/// to the confirmation, and every page of the visit Back reaches shows
/// nothing of the resident any more.
#[component]
pub fn ForgetPage() -> impl IntoView {
    let lang = locale_signal();
    let resident = use_resident();
    let requests = use_requests();
    let done = RwSignal::new(None::<Forgotten>);
    let on_confirm = move |_| {
        let forgotten = forget_everything(resident, requests);
        browser::replace_history("/forget");
        done.set(Some(forgotten));
    };
    // Forgotten: the page's heading says so.
    Effect::new(move |_| {
        done.track();
        super::heading_changed();
    });
    move || {
        let ui = lang.get().ui();
        match done.get() {
            None => view! {
                <h1 class="cd-heading-xl">{ui.forget_everything}</h1>
                <p>{ui.forget_everything_body}</p>
                <div class="cd-button-group">
                    <button type="button" class="cd-button cd-button--warning" on:click=on_confirm>
                        {ui.forget_confirm}
                    </button>
                    <A href="/requests">{ui.back}</A>
                </div>
            }
            .into_any(),
            Some(f) => {
                let said = ui
                    .forgotten_body
                    .replace("{answers}", &f.answers.to_string())
                    .replace("{requests}", &f.requests.to_string())
                    .replace("{drafts}", &f.drafts.to_string())
                    .replace("{suggestions}", &f.suggestions.to_string());
                view! {
                    <h1 class="cd-heading-xl">{ui.forgotten_title}</h1>
                    <p role="status">{said}</p>
                    <p><A href="/">{ui.go_to_menu}</A></p>
                }
                .into_any()
            }
        }
    }
}
