use caidan_core::ServiceIndex;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::browser;
use crate::components::QuestionForm;
use crate::pages::routed::{use_fact, use_service};
use crate::pages::NotFound;
use crate::state::{locale_signal, use_current, Current};

/// Where "check if I qualify" goes next for a service: the first question
/// core says is still missing, or the result.
fn next_step(current: &Current, service: ServiceIndex) -> Option<String> {
    let feed = current.feed();
    let id = &feed.service_at(service)?.id;
    let decisions = current.decisions.read_untracked();
    let d = decisions.get(service.get())?;
    let next = d
        .missing
        .first()
        .and_then(|&f| feed.fact_at(f))
        .map(|f| format!("/services/{id}/check/{}", f.id));
    Some(next.unwrap_or_else(|| format!("/services/{id}/result")))
}

/// `/services/:id/check`: sends the resident to the first missing question
/// (or straight to the result), replacing itself in the history.
#[component]
pub fn CheckStart() -> impl IntoView {
    let current = use_current();
    let navigate = use_navigate();
    let next = use_service()
        .get_untracked()
        .and_then(|(index, _)| next_step(&current, index));
    match next {
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
    let service = use_service();
    let fact = use_fact();
    let navigate = use_navigate();
    let on_kiosk = crate::kiosk::is_kiosk();
    move || {
        let (Some(fact), Some((index, s))) = (fact.get(), service.get()) else {
            return view! { <NotFound /> }.into_any();
        };
        let back_href = format!("/services/{}", s.id);
        let on_done = {
            let navigate = navigate.clone();
            Callback::new(move |()| {
                if let Some(next) = next_step(&current, index) {
                    navigate(&next, NavigateOptions::default());
                }
            })
        };
        view! {
            <p>
                <a
                    class="cd-back-link"
                    href=back_href
                    on:click=move |ev| {
                        // A kiosk keeps no history to go back through: the
                        // link then simply goes to the service.
                        if !on_kiosk {
                            ev.prevent_default();
                            browser::history_back();
                        }
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
