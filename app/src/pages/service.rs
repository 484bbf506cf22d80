use caidan_core::decision::apply_subsidy;
use caidan_core::decision::to_fen;
use caidan_core::feed::RESIDENCE;
use caidan_core::geo::{in_service_circle, walking_metres};
use caidan_core::ShownCost;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::fmt::{self, Badge};
use crate::pages::routed::use_service;
use crate::state::{locale_signal, use_current, use_resident};

/// One service, by its id in the path: what it is, who provides it, where
/// and when, what it costs, who can use it, and the resident's result.
#[component]
pub fn ServicePage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let resident = use_resident();
    let service = use_service();
    move || {
        let feed = current.feed();
        let Some((index, s)) = service.get() else {
            return ().into_any();
        };
        let l = lang.get();
        let ui = l.ui();
        let decision = current.decisions.read().get(index.get()).cloned();
        let t = |text| fmt::text(feed, text, l);

        let org = feed.organization(&s.organization_id);
        let hub = org
            .and_then(|o| o.parent_organization_id.as_deref())
            .and_then(|h| feed.organization(h));
        let rating = org
            .and_then(|o| o.rating.as_ref())
            .map(|r| format!("{:.1} / 5 ({} {})", r.score, r.count, ui.ratings_count));
        let provider = org.map(|o| {
            view! {
                <dt>{ui.provided_by}</dt>
                <dd>{t(&o.name)}</dd>
            }
        });
        let hub = hub.map(|h| {
            view! {
                <dt>{ui.sponsored_by}</dt>
                <dd>{t(&h.name)}</dd>
            }
        });
        let rating = rating.map(|r| {
            view! {
                <dt>{ui.rating}</dt>
                <dd>{r}</dd>
            }
        });

        let home = resident
            .answers
            .read()
            .get(RESIDENCE)
            .and_then(|v| v.as_str().map(str::to_string))
            .and_then(|code| feed.region(&code).and_then(|r| r.centroid));
        let locations = s
            .location_ids
            .iter()
            .filter_map(|lid| feed.location(lid))
            .map(|loc| {
                let distance = match (home, loc.latitude, loc.longitude) {
                    (Some(h), Some(lat), Some(lon)) => {
                        let m = walking_metres(h, [lat, lon]);
                        let circle = in_service_circle(m).then_some(ui.in_circle);
                        Some(view! {
                            <p class="cd-location__distance">
                                {format!("{} {:.0} {}", ui.walk, (m / 10.0).round() * 10.0, ui.metres_walk)}
                                {circle.map(|c| view! { <strong class="cd-tag cd-tag--circle">{c}</strong> })}
                            </p>
                        })
                    }
                    _ => None,
                };
                let hours = loc
                    .schedules
                    .iter()
                    .map(|sc| {
                        view! {
                            <li>{format!("{} {}–{}", fmt::days(&sc.byday, l), sc.opens_at, sc.closes_at)}</li>
                        }
                    })
                    .collect_view();
                let phone = loc.phone.clone().map(|p| {
                    view! { <p><crate::components::Phone url=p /></p> }
                });
                let access = (!loc.accessibility.is_empty()).then(|| {
                    view! { <p>{ui.accessibility} ": " {t(&loc.accessibility)}</p> }
                });
                view! {
                    <li class="cd-location">
                        <h3 class="cd-location__name">{t(&loc.name)}</h3>
                        <p>{t(&loc.address)}</p>
                        {distance}
                        <p class="cd-location__hours-title">{ui.opening_hours}</p>
                        <ul class="cd-location__hours">{hours}</ul>
                        {phone}
                        {access}
                    </li>
                }
            })
            .collect_view();

        let cost = s.cost.as_ref().map(|c| {
            let amount = to_fen(c.amount);
            let unit = t(&c.unit);
            let subsidies = c
                .subsidies
                .iter()
                .map(|sub| {
                    let pays = apply_subsidy(amount, sub.covers_percent);
                    view! {
                        <li>
                            {format!(
                                "{} — {} {}% → {}",
                                t(&sub.label),
                                ui.covers,
                                sub.covers_percent,
                                fmt::money(feed, pays),
                            )}
                        </li>
                    }
                })
                .collect_view();
            let mine = decision.as_ref().and_then(|d| match d.shown_cost()? {
                ShownCost::Pays(dc) => Some(fmt::cost_line(feed, dc, &c.unit, l)),
                ShownCost::Free => None,
            });
            view! {
                <h2 class="cd-heading-l">{ui.cost}</h2>
                <p>{format!("{}: {} {unit}", ui.full_price, fmt::money(feed, amount))}</p>
                <ul class="cd-list">{subsidies}</ul>
                {mine.map(|m| view! { <p class="cd-lead"><strong>{m}</strong></p> })}
            }
        });
        let free = s.cost.is_none().then(|| {
            view! {
                <h2 class="cd-heading-l">{ui.cost}</h2>
                <p>{ui.free}</p>
            }
        });

        let badge = decision.as_ref().map(|d| {
            let b = Badge::of(d.outcome);
            view! {
                <p>
                    <strong class=format!("cd-badge cd-badge--{}", b.as_str())>
                        <span aria-hidden="true">{b.symbol()} " "</span>
                        {b.label(ui)}
                    </strong>
                    {d.priority.map(|p| view! { <span class="cd-tag cd-tag--priority">{fmt::priority(p.level, ui)}</span> })}
                    {d.full.then(|| view! { <span class="cd-tag cd-tag--full">{ui.full_waiting_list}</span> })}
                </p>
            }
        });
        let capacity = s.capacity.as_ref().map(|c| {
            let max = c.maximum.map(|m| format!(" / {m}")).unwrap_or_default();
            view! { <p>{format!("{}: {}{max}", ui.capacity_left, c.available)}</p> }
        });
        let eligibility_words = if s.eligibility.is_some() {
            let d = t(&s.eligibility_description);
            if d.is_empty() {
                s.eligibility.clone().unwrap_or_default()
            } else {
                d
            }
        } else {
            ui.everyone_can_use.to_string()
        };
        let documents = (!s.required_documents.is_empty()).then(|| {
            let docs = s
                .required_documents
                .iter()
                .map(|d| view! { <li>{t(d)}</li> })
                .collect_view();
            view! {
                <h2 class="cd-heading-l">{ui.documents}</h2>
                <ul class="cd-list">{docs}</ul>
            }
        });
        let hotline = feed.hotline(s).map(str::to_string).map(|p| {
            view! {
                <h2 class="cd-heading-l">{ui.contact}</h2>
                <p>{ui.hotline} ": " <crate::components::Phone url=p /></p>
            }
        });
        let delivery = s
            .delivery
            .iter()
            .map(|d| fmt::delivery(*d, ui))
            .collect::<Vec<_>>()
            .join(if l == crate::i18n::Locale::Zh {
                "、"
            } else {
                ", "
            });
        let check_href = format!("/services/{}/check", s.id);
        let request_href = format!("/services/{}/request", s.id);
        view! {
            <p>
                <A href="/" attr:class="cd-back-link">{ui.back_to_menu}</A>
            </p>
            <h1 class="cd-heading-xl">{t(&s.name)}</h1>
            <p class="cd-lead">{t(&s.summary)}</p>
            {badge}
            <div class="cd-button-group">
                <A href=check_href attr:class="cd-button">{ui.check_if_i_qualify}</A>
                <A href=request_href attr:class="cd-button cd-button--secondary">{ui.request_this_service}</A>
            </div>
            <h2 class="cd-heading-l">{ui.about_service}</h2>
            <p>{t(&s.description)}</p>
            <dl class="cd-summary-list">
                {provider}
                {hub}
                {rating}
                <dt>{ui.delivery}</dt>
                <dd>{delivery}</dd>
            </dl>
            {capacity}
            <h2 class="cd-heading-l">{ui.who_can_use}</h2>
            <p>{eligibility_words}</p>
            {cost}
            {free}
            {(!s.location_ids.is_empty()).then(|| view! { <h2 class="cd-heading-l">{ui.where_when}</h2> })}
            <ul class="cd-locations">{locations}</ul>
            {documents}
            {hotline}
        }
        .into_any()
    }
}
