use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::network::{self, Network};
use crate::state::{locale_signal, Menu};

/// The network and the menu's freshness, at the top of every page: offline
/// (with the date of the menu kept on the device), back online (with the
/// requests that went), a menu past its own `valid_until`, a newer menu
/// waiting for the next page, decisions a new version changed, and a new
/// version of the app. One polite live region, so screen readers hear each
/// change without losing their place; the reload button sits outside it
/// and is never offered on a page with a form.
#[component]
pub fn NetworkBanner() -> impl IntoView {
    let lang = locale_signal();
    let network = expect_context::<Network>();
    let Menu(menu) = expect_context::<Menu>();
    let location = use_location();
    let loaded = move || menu.get().and_then(Result::ok);
    let messages = move || {
        let ui = lang.get().ui();
        let words = &ui.network;
        let loaded = loaded();
        let l = lang.get();
        let mut shown = Vec::new();
        if !network.online.get() {
            let date = loaded.and_then(network::published_on).unwrap_or_default();
            shown.push(
                view! {
                    <p class="cd-network__message cd-network__message--offline">
                        {words.offline_menu.replace("{date}", &date)} " " {words.offline_requests}
                    </p>
                }
                .into_any(),
            );
        } else if network.back_online.get() {
            let n = network.sent_on_return.get();
            let text = match n {
                0 => words.back_online.to_string(),
                1 => words.back_online_sent_one.replace("{n}", "1"),
                n => words.back_online_sent_many.replace("{n}", &n.to_string()),
            };
            shown.push(view! { <p class="cd-network__message">{text}</p> }.into_any());
        }
        if let Some(loaded) = loaded {
            let (_, until) = loaded.feed.valid_window();
            if let Some(until) = until.filter(|u| *u < crate::browser::today()) {
                let text = words.menu_expired.replace("{date}", &until.to_string());
                shown.push(
                    view! {
                        <p class="cd-network__message cd-network__message--warning">{text}</p>
                    }
                    .into_any(),
                );
            }
            let changed = network.changed_decisions.get();
            if !changed.is_empty() {
                let feed = &loaded.feed;
                let links = changed
                    .into_iter()
                    .filter_map(|id| {
                        let service = feed.service(&id)?;
                        let name = crate::fmt::text(feed, &service.name, l);
                        Some(view! { <li><A href=format!("/services/{id}")>{name}</A></li> })
                    })
                    .collect_view();
                shown.push(
                    view! {
                        <div class="cd-network__message cd-network__message--warning">
                            <p>{words.decisions_changed}</p>
                            <ul>{links}</ul>
                        </div>
                    }
                    .into_any(),
                );
            }
        }
        if network.menu_updated.get() {
            shown
                .push(view! { <p class="cd-network__message">{words.menu_updated}</p> }.into_any());
        }
        if network.update_ready.get() && !network::is_form_path(&location.pathname.get()) {
            shown
                .push(view! { <p class="cd-network__message">{words.update_ready}</p> }.into_any());
        }
        shown
    };
    let reload = move || {
        (network.update_ready.get() && !network::is_form_path(&location.pathname.get())).then(
            || {
                view! {
                    <button
                        type="button"
                        class="cd-button cd-button--secondary cd-network__reload"
                        on:click=|_| network::apply_app_update()
                    >
                        {move || lang.get().ui().network.reload}
                    </button>
                }
            },
        )
    };
    view! {
        <div class="cd-network" role="status" aria-live="polite">{messages}</div>
        {reload}
    }
}
