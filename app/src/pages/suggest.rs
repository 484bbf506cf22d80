use caidan_core::feed::RESIDENCE;
use caidan_core::request::{DemandSuggestion, Urgency};
use caidan_core::voucher;
use leptos::prelude::*;

use crate::components::ErrorSummary;
use crate::pages::region_path;
use crate::state::{locale_signal, use_current, use_requests, use_resident};
use crate::{browser, send};

/// "Can't find what you need?": a short demand suggestion (what, where,
/// how urgent), kept on the device with a code for the hotline and sent to
/// the intake where there is one. Demand-led (需求导向).
#[component]
pub fn SuggestPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let requests = use_requests();
    let resident = use_resident();
    let what = RwSignal::new(String::new());
    let urgency = RwSignal::new(Urgency::Medium);
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let saved = RwSignal::new(None::<String>);
    let home = resident
        .answers
        .read_untracked()
        .get(RESIDENCE)
        .and_then(|v| v.as_str().map(str::to_string));
    let on_submit = {
        let home = home.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let ui = lang.get_untracked().ui();
            let id = browser::random_id();
            match DemandSuggestion::new(
                id,
                &what.get_untracked(),
                home.as_deref(),
                urgency.get_untracked(),
                browser::now(),
            ) {
                Ok(s) => {
                    errors.set(Vec::new());
                    saved.set(voucher::encode(id).ok().map(|v| v.as_str().to_string()));
                    requests.suggestions.update(|l| l.push(s.clone()));
                    send::send_suggestion(current.loaded, s);
                    what.set(String::new());
                }
                Err(_) => errors.set(vec![("suggest-what".into(), ui.err_what.into())]),
            }
        }
    };
    // Sent: the page's heading says so.
    Effect::new(move |_| {
        saved.track();
        super::heading_changed();
    });
    move || {
        let l = lang.get();
        let ui = l.ui();
        if let Some(code) = saved.get() {
            return view! {
                <h1 class="cd-heading-xl">{ui.suggestion_saved}</h1>
                <p>{ui.suggestion_hotline}</p>
                <p class="cd-voucher__code">{code}</p>
            }
            .into_any();
        }
        let where_ = home.as_deref().map(|c| region_path(current.feed(), c, l));
        let options = Urgency::ALL
            .into_iter()
            .enumerate()
            .map(|(i, u)| {
                let id = if i == 0 {
                    "suggest-urgency".to_string()
                } else {
                    format!("suggest-urgency-{i}")
                };
                view! {
                    <div class="cd-radios__item">
                        <input class="cd-radios__input" type="radio" name="urgency" id=id.clone()
                            prop:checked=move || urgency.get() == u
                            on:change=move |_| urgency.set(u) />
                        <label class="cd-radios__label" for=id>{l.ui().urgency(u)}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <form class="cd-form" novalidate on:submit=on_submit.clone()>
                <ErrorSummary errors=errors />
                <h1 class="cd-heading-xl">{ui.suggest_title}</h1>
                <div class="cd-form-group">
                    <label class="cd-label" for="suggest-what">{ui.suggest_what}</label>
                    <textarea class="cd-textarea" id="suggest-what" rows="4" maxlength="500"
                        prop:value=move || what.get()
                        on:input=move |ev| what.set(event_target_value(&ev))></textarea>
                </div>
                {where_.map(|w| view! { <p>{ui.where_i_live} ": " {w}</p> })}
                <fieldset class="cd-fieldset cd-form-group">
                    <legend class="cd-fieldset__legend cd-label">{ui.suggest_urgency}</legend>
                    {options}
                </fieldset>
                <button type="submit" class="cd-button">{ui.send_suggestion}</button>
            </form>
        }
        .into_any()
    }
}
