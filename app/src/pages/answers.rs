use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::QuestionForm;
use crate::fmt;
use crate::pages::routed::use_fact;
use crate::pages::{answer_text, NotFound};
use crate::state::{locale_signal, use_current, use_resident};

/// Every answer given so far, each with a link to change it, and a way to
/// forget them all.
#[component]
pub fn AnswersPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let resident = use_resident();
    let rows = move || {
        let l = lang.get();
        let ui = l.ui();
        let feed = current.feed();
        let answers = resident.answers.read();
        feed.facts()
            .iter()
            .filter_map(|f| {
                let v = answers.get(&f.id)?;
                let href = format!("/answers/{}", f.id);
                let question = fmt::text(feed, &f.question, l);
                Some(view! {
                    <div class="cd-summary-list__row">
                        <dt class="cd-summary-list__key">{question.clone()}</dt>
                        <dd class="cd-summary-list__value">{answer_text(feed, &f.id, v, l)}</dd>
                        <dd class="cd-summary-list__actions">
                            <A href=href>
                                {ui.change}
                                <span class="cd-visually-hidden">" " {question}</span>
                            </A>
                        </dd>
                    </div>
                })
            })
            .collect_view()
    };
    let empty = move || resident.answers.read().is_empty();
    view! {
        <h1 class="cd-heading-xl">{move || lang.get().ui().my_answers}</h1>
        <Show
            when=move || !empty()
            fallback=move || view! { <p>{lang.get().ui().no_answers}</p> }
        >
            <dl class="cd-summary-list">{rows}</dl>
            <button
                type="button"
                class="cd-button cd-button--warning"
                on:click=move |_| resident.answers.set(Default::default())
            >
                {move || lang.get().ui().forget_answers}
            </button>
        </Show>
        // On a kiosk, "Finish and clear my details" does this for everyone.
        {(!crate::kiosk::is_kiosk()).then(|| view! {
            <p>
                <A href="/forget">{move || lang.get().ui().forget_everything}</A>
            </p>
        })}
        <p>
            <A href="/">{move || lang.get().ui().back_to_menu}</A>
        </p>
    }
}

/// `/answers/:fact`: change one answer, then back to the list.
#[component]
pub fn ChangeAnswer() -> impl IntoView {
    let fact = use_fact();
    let navigate = use_navigate();
    move || {
        let Some(fact) = fact.get() else {
            return view! { <NotFound /> }.into_any();
        };
        let navigate = navigate.clone();
        let on_done = Callback::new(move |()| navigate("/answers", Default::default()));
        view! { <QuestionForm fact on_done /> }.into_any()
    }
}
