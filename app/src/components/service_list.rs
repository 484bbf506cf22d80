use caidan_core::ServiceIndex;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::fmt::{self, Badge};
use crate::state::{locale_signal, use_current};

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
    move || {
        let l = lang.get();
        let ui = l.ui();
        let feed = current.feed();
        let decisions = current.decisions.read();
        services
            .get()
            .into_iter()
            .filter_map(|i| {
                let s = feed.service_at(i)?;
                let d = decisions.get(i.get())?;
                let badge = Badge::of(d.outcome);
                let cost = fmt::shown_cost_line(feed, s, d, l);
                let priority = d.priority.map(|p| fmt::priority(p.level, ui));
                let full = d.full.then_some(ui.full_waiting_list);
                let class = format!("cd-service-card cd-service-card--{}", badge.as_str());
                let name = fmt::text(feed, &s.name, l);
                Some(view! {
                    <li class=class>
                        <A href=format!("/services/{}", s.id) attr:class="cd-service-card__title">
                            {name}
                        </A>
                        <p class="cd-service-card__summary">{fmt::text(feed, &s.summary, l)}</p>
                        <p class="cd-service-card__facts">
                            <strong class=format!("cd-badge cd-badge--{}", badge.as_str())>
                                <span aria-hidden="true">{badge.symbol()} " "</span>
                                {badge.label(ui)}
                            </strong>
                            {cost.map(|c| view! { <span class="cd-service-card__cost">{c}</span> })}
                            {priority
                                .map(|p| view! { <span class="cd-tag cd-tag--priority">{p}</span> })}
                            {full.map(|f| view! { <span class="cd-tag cd-tag--full">{f}</span> })}
                        </p>
                    </li>
                })
            })
            .collect_view()
    }
}
