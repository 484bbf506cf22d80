use caidan_core::ServiceIndex;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::fmt::{self, Badge};
use crate::state::{locale_signal, use_current};

/// One card as drawn: everything it shows. Cards are keyed by all of it,
/// so after an answer only the cards whose decision changed are drawn
/// again; the rest of the list stays as it is in the page.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Card {
    id: String,
    name: String,
    summary: String,
    badge: Badge,
    badge_label: &'static str,
    cost: Option<String>,
    priority: Option<String>,
    full: Option<&'static str>,
}

/// A list of services as cards: name (a link to the service page), summary,
/// the resident's badge, their cost when known, priority and a full marker.
#[component]
pub fn ServiceList(
    /// The services to show, by index in the feed.
    #[prop(into)]
    services: Signal<Vec<ServiceIndex>>,
) -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let cards = Memo::new(move |_| {
        let l = lang.get();
        let ui = l.ui();
        let feed = current.feed();
        let decisions = current.decisions.read();
        services
            .read()
            .iter()
            .filter_map(|&i| {
                let s = feed.service_at(i)?;
                let d = decisions.get(i.get())?;
                let badge = Badge::of(d.outcome);
                Some(Card {
                    id: s.id.clone(),
                    name: fmt::text(feed, &s.name, l),
                    summary: fmt::text(feed, &s.summary, l),
                    badge,
                    badge_label: badge.label(ui),
                    cost: fmt::shown_cost_line(feed, s, d, l),
                    priority: d.priority.map(|p| fmt::priority(p.level, ui).to_string()),
                    full: d.full.then_some(ui.full_waiting_list),
                })
            })
            .collect::<Vec<_>>()
    });
    view! {
        <For each=move || cards.get() key=|card| card.clone() let:card>
            <li class=format!("cd-service-card cd-service-card--{}", card.badge.as_str())>
                <A href=format!("/services/{}", card.id) attr:class="cd-service-card__title">
                    {card.name}
                </A>
                <p class="cd-service-card__summary">{card.summary}</p>
                <p class="cd-service-card__facts">
                    <strong class=format!("cd-badge cd-badge--{}", card.badge.as_str())>
                        <span aria-hidden="true">{card.badge.symbol()} " "</span>
                        {card.badge_label}
                    </strong>
                    {card.cost.map(|c| view! { <span class="cd-service-card__cost">{c}</span> })}
                    {card.priority.map(|p| view! { <span class="cd-tag cd-tag--priority">{p}</span> })}
                    {card.full.map(|f| view! { <span class="cd-tag cd-tag--full">{f}</span> })}
                </p>
            </li>
        </For>
    }
}
