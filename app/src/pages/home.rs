use caidan_core::feed::RESIDENCE;
use caidan_core::menu::{select, MenuFilter};
use caidan_core::wire::{Delivery, Severity};
use std::collections::BTreeMap;

use caidan_core::ServiceIndex;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{DistrictChooser, ServiceList};
use crate::fmt;
use crate::pages::region_path;
use crate::state::{locale_signal, use_current, use_resident};
use crate::{browser, first_view, progress};

/// Categories drawn per task while the first view hides the menu.
const CATEGORIES_AT_A_TIME: usize = 1;
/// Cards each category shows before "Show all", on a big menu.
pub const PREVIEW: usize = 5;
/// A menu listing at most this many services shows them all at once: a
/// district's menu needs no "Show all".
pub const SMALL_MENU: usize = 120;
/// Cards a category shows at a time once opened: the page never holds more
/// than a few hundred cards, whatever the size of the menu.
pub const PAGE: usize = 50;

/// Where the resident is in the menu: the filters and which categories are
/// open at which page. It lives as long as the menu, so going to a service
/// and back returns to the same place.
#[derive(Clone, Copy)]
pub struct MenuPlace {
    pub filter: RwSignal<MenuFilter>,
    /// Open categories (by id), with the position of the first card shown.
    pub open: RwSignal<BTreeMap<String, usize>>,
    /// The search shown last, and how many of its results are shown.
    pub search: RwSignal<(String, usize)>,
    /// How far down the menu the resident had scrolled.
    pub scroll: StoredValue<f64>,
}

/// Provides the menu's place for the life of the loaded menu.
pub fn provide_menu_place() {
    provide_context(MenuPlace {
        filter: RwSignal::new(MenuFilter::default()),
        open: RwSignal::new(BTreeMap::new()),
        search: RwSignal::new((String::new(), 0)),
        scroll: StoredValue::new(0.0),
    });
}

/// The menu's place.
pub fn use_menu_place() -> MenuPlace {
    expect_context::<MenuPlace>()
}

/// One category of the menu: its heading with the count, its first cards,
/// and "Show all N"; once opened, a page of cards at a time.
#[component]
fn CategorySection(
    /// The category's position in the feed.
    position: usize,
    grouped: Memo<Vec<(usize, Vec<ServiceIndex>)>>,
    place: MenuPlace,
) -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let feed = current.feed();
    let Some(category) = feed.categories().get(position) else {
        return ().into_any();
    };
    let id = category.id.clone();
    let heading_id = format!("category-{id}");
    let list_id = format!("category-{id}-list");
    let ids = Memo::new(move |_| {
        grouped.with(|g| {
            g.iter()
                .find(|(i, _)| *i == position)
                .map(|(_, ids)| ids.clone())
                .unwrap_or_default()
        })
    });
    let count = move || ids.read().len();
    let preview = move || {
        let listed: usize = grouped.read().iter().map(|(_, ids)| ids.len()).sum();
        if listed <= SMALL_MENU {
            usize::MAX
        } else {
            PREVIEW
        }
    };
    let start = {
        let id = id.clone();
        Memo::new(move |_| place.open.read().get(&id).copied())
    };
    let shown = Signal::derive(move || {
        let ids = ids.read();
        let (from, n) = match start.get() {
            None => (0, preview()),
            Some(from) => (from.min(ids.len().saturating_sub(1)), PAGE),
        };
        ids.iter().skip(from).take(n).copied().collect::<Vec<_>>()
    });
    let go = {
        let id = id.clone();
        let list_id = list_id.clone();
        move |to: Option<usize>| {
            place.open.update(|open| match to {
                Some(from) => {
                    open.insert(id.clone(), from);
                }
                None => {
                    open.remove(&id);
                }
            });
            let list_id = list_id.clone();
            // Paging moves focus to the first card of the new page.
            if to.is_some_and(|from| from > 0) || start.get_untracked().is_some_and(|s| s > 0) {
                request_animation_frame(move || browser::focus_first_link_in(&list_id));
            }
        }
    };
    let name = move || fmt::text(feed, &category.name, lang.get());
    let controls = {
        let list_id = list_id.clone();
        move || {
            let ui = lang.get().ui();
            let n = count();
            let go = go.clone();
            let here = move || {
                view! { <span class="cd-visually-hidden">" — " {name()}</span> }
            };
            match start.get() {
                None if n > preview() => view! {
                    <p class="cd-category__status">
                        {ui.showing.replace("{from}", "1").replace("{to}", &PREVIEW.to_string()).replace("{n}", &n.to_string())}
                    </p>
                    <button
                        type="button"
                        class="cd-button cd-button--secondary"
                        aria-expanded="false"
                        aria-controls=list_id.clone()
                        on:click=move |_| go(Some(0))
                    >
                        {ui.show_all.replace("{n}", &n.to_string())}
                        {here()}
                    </button>
                }
                .into_any(),
                None => ().into_any(),
                Some(from) => {
                    let to = (from + PAGE).min(n);
                    let status = ui
                        .showing
                        .replace("{from}", &(from + 1).to_string())
                        .replace("{to}", &to.to_string())
                        .replace("{n}", &n.to_string());
                    let (prev, next, fewer) = (go.clone(), go.clone(), go.clone());
                    view! {
                        <p class="cd-category__status" role="status" aria-live="polite">{status}</p>
                        <div class="cd-button-group">
                            {(from > 0).then(|| view! {
                                <button type="button" class="cd-button cd-button--secondary"
                                    on:click=move |_| prev(Some(from.saturating_sub(PAGE)))>
                                    {ui.previous_page.replace("{n}", &PAGE.to_string())}
                                    {here()}
                                </button>
                            })}
                            {(to < n).then(|| view! {
                                <button type="button" class="cd-button cd-button--secondary"
                                    on:click=move |_| next(Some(to))>
                                    {ui.next_page.replace("{n}", &PAGE.min(n - to).to_string())}
                                    {here()}
                                </button>
                            })}
                            <button type="button" class="cd-button cd-button--secondary"
                                aria-expanded="true" aria-controls=list_id.clone()
                                on:click=move |_| fewer(None)>
                                {ui.show_fewer}
                                {here()}
                            </button>
                        </div>
                    }
                    .into_any()
                }
            }
        }
    };
    let labelled_by = heading_id.clone();
    view! {
        <section class="cd-category" aria-labelledby=labelled_by>
            <h2 class="cd-category__title" id=heading_id>
                <span class="cd-category__icon" aria-hidden="true">
                    {category.icon.clone().unwrap_or_default()}
                </span>
                {name}
            </h2>
            <ul class="cd-service-list" id=list_id>
                <ServiceList services=shown />
            </ul>
            {controls}
        </section>
    }
    .into_any()
}

/// The menu: where I live, notices, filters, and the services offered
/// where I live, grouped by category.
///
/// It is drawn the first time it is shown and then stays in the page,
/// hidden, while other pages are shown: an answer given elsewhere redraws
/// only the cards whose decision changed, and back to the menu is the
/// menu as it was, at the place the resident left it.
#[component]
pub fn Home(
    /// Whether the menu is the page shown.
    #[prop(into)]
    shown: Signal<bool>,
) -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let resident = use_resident();
    let place = use_menu_place();
    let filter = place.filter;
    // Back to the menu is back to where the resident was on it: the
    // position is followed while the menu is shown, and restored each time
    // it is shown again.
    Effect::new(move |_| {
        let saved = place.scroll.get_value();
        if shown.get() && saved > 0.0 {
            request_animation_frame(move || browser::scroll_to(saved));
        }
    });
    let follow = window_event_listener(leptos::ev::scroll, move |_| {
        if shown.get_untracked() {
            place.scroll.set_value(browser::scroll_y());
        }
    });
    on_cleanup(move || follow.remove());

    let feed_title = { move || fmt::text(current.feed(), current.feed().title(), lang.get()) };
    let where_i_live = {
        move || {
            let l = lang.get();
            let ui = l.ui();
            let feed = current.feed();
            // A sharded menu without a district lists only what is offered
            // everywhere: where the resident lives comes first.
            // The chooser's fields have the ids of the district page's:
            // they are in the page only while the menu is shown.
            if feed.is_sharded() && feed.loaded_shard().is_none() {
                if !shown.get() {
                    return ().into_any();
                }
                let lead = match feed.services().len() {
                    0 => ui.district_lead_none.to_string(),
                    n => ui.district_lead.replace("{n}", &n.to_string()),
                };
                return view! {
                    <section class="cd-where-panel" aria-labelledby="where-heading">
                        <h2 class="cd-heading-l" id="where-heading">{ui.district_heading}</h2>
                        <p>{lead}</p>
                        <DistrictChooser />
                    </section>
                }
                .into_any();
            }
            let district = feed.loaded_shard().and_then(|d| feed.region(d)).map(|d| {
                let showing = ui
                    .district_showing
                    .replace("{district}", &fmt::text(feed, &d.name, l));
                view! {
                    <p class="cd-where cd-where--district">
                        {showing} " "
                        <A href="/district">{ui.district_change}</A>
                    </p>
                }
            });
            let home = resident
                .answers
                .read()
                .get(RESIDENCE)
                .and_then(|v| v.as_str().map(str::to_string));
            let home = match home {
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
            };
            view! { {district} {home} }.into_any()
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
    // The listed services by category, in the categories' order; only
    // categories with something listed.
    let grouped = Memo::new(move |_| {
        let feed = current.feed();
        let mut order: Vec<(usize, &caidan_core::wire::Category)> =
            feed.categories().iter().enumerate().collect();
        order.sort_by_key(|(i, c)| (c.order.unwrap_or(i64::MAX), *i));
        let all = listed.read();
        order
            .into_iter()
            .filter_map(|(i, c)| {
                let ids: Vec<ServiceIndex> = all
                    .iter()
                    .copied()
                    .filter(|&s| feed.service_at(s).is_some_and(|s| s.category == c.id))
                    .collect();
                (!ids.is_empty()).then_some((i, ids))
            })
            .collect::<Vec<_>>()
    });
    // Behind the first view, the menu goes into the page a category per
    // task, unseen, so that no one task holds a slow phone for long; the
    // view gives way once every category is in.
    let upto = RwSignal::new(usize::MAX);
    if first_view::showing() {
        upto.set(CATEGORIES_AT_A_TIME);
        let drawing = first_view::Drawing::start();
        leptos::task::spawn_local(async move {
            let _drawing = drawing;
            loop {
                progress::next_task().await;
                let total = grouped.try_with_untracked(Vec::len);
                let (Some(total), Some(n)) = (total, upto.try_get_untracked()) else {
                    return;
                };
                if n >= total {
                    break;
                }
                upto.set(n + CATEGORIES_AT_A_TIME);
            }
            upto.try_set(usize::MAX);
        });
    }
    let positions = move || {
        let upto = upto.get();
        grouped
            .read()
            .iter()
            .map(|(i, _)| *i)
            .take(upto)
            .collect::<Vec<_>>()
    };
    let categories = view! {
        <For each=positions key=|i| *i let:position>
            <CategorySection position grouped place />
        </For>
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
        <div class="cd-menu" hidden=move || !shown.get()>
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
        </div>
    }
}
