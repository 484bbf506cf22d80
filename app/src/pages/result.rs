use caidan_core::rule::Truth;
use caidan_core::Outcome;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::fmt;
use crate::pages::routed::use_service;
use crate::state::{locale_signal, use_current};

/// The result of "check if I qualify": the outcome in words, why, what it
/// costs, and who to call.
#[component]
pub fn ResultPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let service = use_service();
    move || {
        let feed = current.feed();
        let Some((index, s)) = service.get() else {
            return ().into_any();
        };
        let Some(d) = current.decisions.read().get(index.get()).cloned() else {
            return ().into_any();
        };
        let id = &s.id;
        let l = lang.get();
        let ui = l.ui();
        let t = |text| fmt::text(feed, text, l);
        let (heading, class) = match d.outcome {
            Outcome::Eligible => (ui.result_eligible, "cd-result--eligible"),
            Outcome::Ineligible => (ui.result_ineligible, "cd-result--ineligible"),
            Outcome::Undetermined => (ui.result_undetermined, "cd-result--undetermined"),
            Outcome::Unavailable => (ui.result_unavailable, "cd-result--unavailable"),
        };
        let reasons = current.answers.with(|a| d.reasons(feed, a));
        let reasons = (!reasons.is_empty()).then(|| {
            let items = reasons
                .into_iter()
                .map(|c| {
                    let (mark, words) = match c.value {
                        Truth::True => ("✓", ui.condition_met),
                        Truth::False => ("✗", ui.condition_not_met),
                        Truth::Unknown => ("?", ui.condition_unknown),
                    };
                    view! {
                        <li>
                            <span aria-hidden="true">{mark} " "</span>
                            <code>{c.text}</code>
                            {format!(" — {words}")}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h2 class="cd-heading-l">{ui.because}</h2>
                <p>{t(&s.eligibility_description)}</p>
                <ul class="cd-list">{items}</ul>
            }
        });
        let missing = (d.outcome == Outcome::Undetermined).then(|| {
            if d.missing.is_empty() {
                view! { <p>{ui.dont_know_hotline}</p> }.into_any()
            } else {
                let items = d
                    .missing
                    .iter()
                    .filter_map(|&f| feed.fact_at(f))
                    .map(|f| view! { <li>{t(&f.question)}</li> })
                    .collect_view();
                let continue_href = format!("/services/{id}/check");
                view! {
                    <p>{ui.more_info_needed}</p>
                    <ul class="cd-list">{items}</ul>
                    <p><A href=continue_href attr:class="cd-button">{ui.continue_}</A></p>
                }
                .into_any()
            }
        });
        let cost = fmt::shown_cost_line(feed, s, &d, l);
        let hotline = feed.hotline(s).map(str::to_string).map(|p| {
            view! { <p>{ui.call_hotline} ": " <crate::components::Phone url=p /></p> }
        });
        let can_request = caidan_core::intake::may_request(&d).is_ok();
        let request_href = format!("/services/{id}/request");
        view! {
            <div class=format!("cd-result {class}")>
                <p class="cd-caption">{t(&s.name)}</p>
                <h1 class="cd-heading-xl">{heading}</h1>
            </div>
            {cost.map(|c| view! { <p class="cd-lead"><strong>{c}</strong></p> })}
            {d.full.then(|| view! { <p><strong class="cd-tag cd-tag--full">{ui.full_waiting_list}</strong></p> })}
            {can_request.then(|| view! { <p><A href=request_href attr:class="cd-button">{ui.request_this_service}</A></p> })}
            {missing}
            {reasons}
            {hotline}
            <p><A href="/answers">{ui.review_answers}</A></p>
            <p><A href=format!("/services/{id}")>{ui.back}</A></p>
        }
        .into_any()
    }
}
