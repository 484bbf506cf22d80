use leptos::prelude::*;
use leptos_router::hooks::use_location;

use caidan_core::request::Destination;

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
    // A kiosk reloads at the end of every visit, which applies a new menu
    // or version for the next visitor; reloading during a visit would end it.
    let kiosk = move || crate::kiosk::is_kiosk();
    let offer_reload = move || {
        network.update_ready.get() && !network::is_form_path(&location.pathname.get()) && !kiosk()
    };
    // Each message is a tone and its words: one kind of view for all.
    let messages = move || {
        let l = lang.get();
        let words = &l.ui().network;
        let loaded = menu.get().and_then(Result::ok);
        let mut shown: Vec<(Tone, String)> = Vec::new();
        if !network.online.get() {
            let said = match loaded.and_then(network::published_on) {
                Some(date) => words.offline_menu.replace("{date}", &date),
                None => words.offline.to_string(),
            };
            // Only requests that go somewhere wait for the network.
            let sends = loaded.is_some_and(|l| matches!(l.destination, Destination::Open311(_)));
            let text = match sends {
                true => format!("{said} {}", words.offline_requests),
                false => said,
            };
            shown.push((Tone::Offline, text));
        } else if network.back_online.get() {
            let text = match network.sent_on_return.get() {
                0 => words.back_online.to_string(),
                1 => words.back_online_sent_one.replace("{n}", "1"),
                n => words.back_online_sent_many.replace("{n}", &n.to_string()),
            };
            shown.push((Tone::Info, text));
        }
        if let Some(loaded) = loaded {
            let feed = &loaded.feed;
            let (_, until) = feed.valid_window();
            if let Some(until) = until.filter(|u| *u < crate::browser::today()) {
                let text = words.menu_expired.replace("{date}", &until.to_string());
                shown.push((Tone::Warning, text));
            }
            let changed: Vec<String> = network
                .changed_decisions
                .get()
                .iter()
                .filter_map(|id| feed.service(id))
                .map(|s| crate::fmt::text(feed, &s.name, l))
                .collect();
            if !changed.is_empty() {
                let separator = match l {
                    crate::i18n::Locale::Zh => "、",
                    crate::i18n::Locale::En => ", ",
                };
                let text = format!("{}{}", words.decisions_changed, changed.join(separator));
                shown.push((Tone::Warning, text));
            }
        }
        if network.menu_updated.get() && !kiosk() {
            shown.push((Tone::Info, words.menu_updated.to_string()));
        }
        if offer_reload() {
            shown.push((Tone::Info, words.update_ready.to_string()));
        }
        shown
            .into_iter()
            .map(|(tone, text)| view! { <p class=tone.as_str()>{text}</p> })
            .collect_view()
    };
    view! {
        <div class="cd-network" role="status" aria-live="polite">{messages}</div>
        <Show when=offer_reload>
            <button
                type="button"
                class="cd-button cd-button--secondary cd-network__reload"
                on:click=|_| network::apply_app_update()
            >
                {move || lang.get().ui().network.reload}
            </button>
        </Show>
    }
}

/// How a banner message looks: its CSS classes.
#[derive(Clone, Copy)]
enum Tone {
    Info,
    Offline,
    Warning,
}

impl Tone {
    fn as_str(self) -> &'static str {
        match self {
            Tone::Info => "cd-network__message",
            Tone::Offline => "cd-network__message cd-network__message--offline",
            Tone::Warning => "cd-network__message cd-network__message--warning",
        }
    }
}
