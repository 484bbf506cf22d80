use caidan_core::feed::RESIDENCE;
use caidan_core::menu::{select, MenuFilter};
use caidan_core::wire::{Delivery, Severity};
use caidan_core::ServiceIndex;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::ServiceList;
use crate::fmt;
use crate::pages::region_path;
use crate::state::{locale_signal, use_current, use_resident};

/// The menu: where I live, notices, filters, and the services offered
/// where I live, grouped by category.
#[component]
pub fn Home() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let resident = use_resident();
    let filter = RwSignal::new(MenuFilter::default());

    let feed_title = { move || fmt::text(current.feed(), current.feed().title(), lang.get()) };
    let where_i_live = {
        move || {
            let l = lang.get();
            let ui = l.ui();
            let home = resident
                .answers
                .read()
                .get(RESIDENCE)
                .and_then(|v| v.as_str().map(str::to_string));
            match home {
                Some(code) => view! {
                    <p class="cd-where">
                        <strong>{ui.where_i_live} ": "</strong>
                        {region_path(current.feed(), &code, l)} " "
                        <A href="/where">
                            {ui.change} <span class="cd-visually-hidden">" " {ui.where_i_live}</span>
                        </A>
                    </p>
                }
                .into_any(),
                None => view! {
                    <p class="cd-where cd-where--unset">
                        <A href="/where">{ui.set_where_i_live}</A>
                    </p>
                }
                .into_any(),
            }
        }
    };
    let notices = {
        move || {
            let l = lang.get();
            let feed = current.feed();
            feed.notices()
                .iter()
                .map(|n| {
                    let class = match n.severity {
                        Severity::Info => "cd-notice",
                        Severity::Warning => "cd-notice cd-notice--warning",
                    };
                    view! { <p class=class>{fmt::text(feed, &n.text, l)}</p> }
                })
                .collect_view()
        }
    };
    let listed = Memo::new({
        move |_| {
            let decisions = current.decisions.read();
            filter.with(|f| select(current.feed(), &decisions, f))
        }
    });
    let categories = {
        move || {
            let l = lang.get();
            let feed = current.feed();
            let mut categories: Vec<_> = feed.categories().iter().enumerate().collect();
            categories.sort_by_key(|(i, c)| (c.order.unwrap_or(i64::MAX), *i));
            let all = listed.get();
            categories
                .into_iter()
                .filter_map(|(_, c)| {
                    let ids: Vec<ServiceIndex> = all
                        .iter()
                        .copied()
                        .filter(|&i| feed.service_at(i).is_some_and(|s| s.category == c.id))
                        .collect();
                    if ids.is_empty() {
                        return None;
                    }
                    let heading_id = format!("category-{}", c.id);
                    let labelled_by = heading_id.clone();
                    Some(view! {
                        <section class="cd-category" aria-labelledby=labelled_by>
                            <h2 class="cd-category__title" id=heading_id>
                                <span class="cd-category__icon" aria-hidden="true">
                                    {c.icon.clone().unwrap_or_default()}
                                </span>
                                {fmt::text(feed, &c.name, l)}
                            </h2>
                            <ul class="cd-service-list">
                                <ServiceList services=Signal::stored(ids) />
                            </ul>
                        </section>
                    })
                })
                .collect_view()
        }
    };
    let category_options = {
        move || {
            let l = lang.get();
            let feed = current.feed();
            feed.categories()
                .iter()
                .map(|c| {
                    let id = c.id.clone();
                    let selected = filter.read().category.as_deref() == Some(id.as_str());
                    view! {
                        <option value=id selected=selected>
                            {fmt::text(feed, &c.name, l)}
                        </option>
                    }
                })
                .collect_view()
        }
    };

    view! {
        <h1 class="cd-heading-xl">{feed_title}</h1>
        {where_i_live}
        <div class="cd-notices">{notices}</div>
        <details class="cd-details cd-filters">
            <summary class="cd-details__summary">{move || lang.get().ui().filters}</summary>
            <div class="cd-filters__body">
                <div class="cd-form-group">
                    <label class="cd-label" for="filter-category">
                        {move || lang.get().ui().category}
                    </label>
                    <select
                        class="cd-select"
                        id="filter-category"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            filter.update(|f| f.category = (!v.is_empty()).then_some(v));
                        }
                    >
                        <option value="">{move || lang.get().ui().all_categories}</option>
                        {category_options}
                    </select>
                </div>
                <div class="cd-form-group">
                    <label class="cd-label" for="filter-delivery">
                        {move || lang.get().ui().delivery}
                    </label>
                    <select
                        class="cd-select"
                        id="filter-delivery"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            filter
                                .update(|f| {
                                    f.delivery = Delivery::ALL.into_iter().find(|d| d.as_str() == v);
                                });
                        }
                    >
                        <option value="">{move || lang.get().ui().any_delivery}</option>
                        {move || {
                            let ui = lang.get().ui();
                            Delivery::ALL
                                .into_iter()
                                .map(|d| view! { <option value=d.as_str()>{fmt::delivery(d, ui)}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="cd-checkboxes__item">
                    <input
                        class="cd-checkboxes__input"
                        type="checkbox"
                        id="filter-mine"
                        on:change=move |ev| filter.update(|f| f.qualify_only = event_target_checked(&ev))
                    />
                    <label class="cd-checkboxes__label" for="filter-mine">
                        {move || lang.get().ui().only_qualify}
                    </label>
                </div>
            </div>
        </details>
        <p>
            <A href="/answers">{move || lang.get().ui().review_answers}</A>
        </p>
        {categories}
        <p class="cd-cant-find">
            <A href="/suggest">{move || lang.get().ui().cant_find}</A>
        </p>
    }
}
