use leptos::prelude::*;
use leptos_router::components::A;

use caidan_core::request::State;

use crate::fmt;
use crate::network;
use crate::send;
use crate::state::{locale_signal, use_current, use_requests};

/// The requests placed on this device, newest first, with their status.
#[component]
pub fn MyRequests() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let requests = use_requests();
    send::refresh_statuses(requests);
    let rows = move || {
        let l = lang.get();
        let feed = current.feed();
        let list = requests.list.read();
        list.iter()
            .rev()
            .map(|r| {
                let name = crate::api::find_service(feed, &r.service_id)
                    .map_or_else(|| r.service_id.clone(), |(f, s)| fmt::text(f, &s.name, l));
                let code = r.voucher().map(|v| v.as_str().to_string()).unwrap_or_default();
                let state = if r.state == State::Queued && network::waits_for_network(r.id) {
                    l.ui().network.waiting_state
                } else {
                    l.ui().state(&r.state)
                };
                view! {
                    <li class="cd-service-card">
                        <A href=format!("/requests/{}", r.id) attr:class="cd-service-card__title">{name}</A>
                        <p class="cd-service-card__summary">
                            {state} " · " {code}
                        </p>
                    </li>
                }
            })
            .collect_view()
    };
    let unreadable = move || {
        let ui = lang.get().ui();
        requests
            .unreadable
            .read()
            .iter()
            .map(|u| {
                let text = match &u.code {
                    Some(code) => ui.unreadable_request.replace("{code}", code),
                    None => ui.unreadable_no_code.to_string(),
                };
                view! { <p class="cd-notice cd-notice--warning">{text}</p> }
            })
            .collect_view()
    };
    view! {
        <h1 class="cd-heading-xl">{move || lang.get().ui().my_requests}</h1>
        {unreadable}
        <Show
            when=move || !requests.list.read().is_empty()
            fallback=move || view! { <p>{lang.get().ui().no_requests}</p> }
        >
            <ul class="cd-service-list">{rows}</ul>
        </Show>
        // On a kiosk, "Finish and clear my details" does this for everyone.
        {(!crate::kiosk::is_kiosk()).then(|| view! {
            <p>
                <A href="/forget">{move || lang.get().ui().forget_everything}</A>
            </p>
        })}
    }
}
