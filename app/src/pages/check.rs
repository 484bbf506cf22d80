use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::browser;
use crate::components::QuestionForm;
use crate::pages::NotFound;
use crate::state::{locale_signal, use_current, Current};

/// Where "check if I qualify" goes next for a service: the first question
/// core says is still missing, or the result.
fn next_step(current: &Current, service: &str) -> Option<String> {
    let index = current.feed().service_index(service)?;
    let decisions = current.decisions.read_untracked();
    let d = decisions.get(index)?;
    let next = d
        .missing
        .first()
        .and_then(|&f| current.feed().facts().get(f))
        .map(|f| format!("/services/{service}/check/{}", f.id));
    Some(next.unwrap_or_else(|| format!("/services/{service}/result")))
}

/// `/services/:id/check`: sends the resident to the first missing question
/// (or straight to the result), replacing itself in the history.
#[component]
pub fn CheckStart() -> impl IntoView {
    let current = use_current();
    let params = use_params_map();
    let navigate = use_navigate();
    let id = params.read_untracked().get("id").unwrap_or_default();
    match next_step(&current, &id) {
        Some(next) => {
            request_animation_frame(move || {
                navigate(
                    &next,
                    NavigateOptions {
                        replace: true,
                        ..NavigateOptions::default()
                    },
                )
            });
            ().into_any()
        }
        None => view! { <NotFound /> }.into_any(),
    }
}

/// `/services/:id/check/:fact`: one question; after a valid answer, the next
/// missing question or the result.
#[component]
pub fn Question() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let params = use_params_map();
    let navigate = use_navigate();
    move || {
        let p = params.read();
        let id = p.get("id").unwrap_or_default();
        let fact_id = p.get("fact").unwrap_or_default();
        let fact = current.feed().fact_index(&fact_id);
        let (Some(fact), true) = (fact, current.feed().service_index(&id).is_some()) else {
            return view! { <NotFound /> }.into_any();
        };
        let back_href = format!("/services/{id}");
        let on_done = {
            let current = current.clone();
            let navigate = navigate.clone();
            let id = id.clone();
            Callback::new(move |()| {
                if let Some(next) = next_step(&current, &id) {
                    navigate(&next, NavigateOptions::default());
                }
            })
        };
        view! {
            <p>
                <a
                    class="cd-back-link"
                    href=back_href
                    on:click=|ev| {
                        ev.prevent_default();
                        browser::history_back();
                    }
                >
                    {move || lang.get().ui().back}
                </a>
            </p>
            <QuestionForm fact on_done />
        }
        .into_any()
    }
}
