//! What a route's parameters name, looked up once: the service of every
//! `/services/:id/...` page, and the typed parameters of the others.

use caidan_core::wire::Service;
use caidan_core::{FactIndex, Feed, ServiceIndex};
use leptos::prelude::*;
use leptos::Params;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

use crate::pages::NotFound;
use crate::state::use_current;

/// `/services/:id`.
#[derive(Params, Clone, Debug, PartialEq)]
struct ServiceParams {
    id: Option<String>,
}

/// `/services/:id/check/:fact` and `/answers/:fact`.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct FactParams {
    pub fact: Option<String>,
}

/// `/requests/:id`: a request's id on this device.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct RequestParams {
    pub id: Option<u64>,
}

/// The service the current `/services/:id/...` page is about.
#[derive(Clone, Copy)]
pub struct RoutedService {
    index: Memo<Option<ServiceIndex>>,
    feed: &'static Feed,
}

impl RoutedService {
    /// The service's index and definition, tracked: a page that reads it in
    /// a reactive closure follows a change of `:id`.
    pub fn get(&self) -> Option<(ServiceIndex, &'static Service)> {
        let index = self.index.get()?;
        Some((index, self.feed.service_at(index)?))
    }

    /// The same, read once (for handlers and set-up).
    pub fn get_untracked(&self) -> Option<(ServiceIndex, &'static Service)> {
        let index = self.index.get_untracked()?;
        Some((index, self.feed.service_at(index)?))
    }
}

/// The routed service, inside a `/services/:id/...` page.
pub fn use_service() -> RoutedService {
    expect_context::<RoutedService>()
}

/// The fact named by `:fact`, if the feed has it (tracked).
pub fn use_fact() -> Signal<Option<FactIndex>> {
    let params = use_params::<FactParams>();
    let feed = use_current().feed();
    Signal::derive(move || {
        let params = params.read();
        feed.fact_index(params.as_ref().ok()?.fact.as_deref()?)
    })
}

/// The parent of every `/services/:id/...` route: looks the service up once
/// and provides it to the page below, or says it was not found.
#[component]
pub fn ServiceRoute() -> impl IntoView {
    let current = use_current();
    let params = use_params::<ServiceParams>();
    let index = Memo::new(move |_| {
        let params = params.read();
        let id = params.as_ref().ok()?.id.as_deref()?;
        current.feed().service_index(id)
    });
    provide_context(RoutedService {
        index,
        feed: current.feed(),
    });
    view! {
        <Show when=move || index.read().is_some() fallback=move || not_found(current.feed())>
            <Outlet />
        </Show>
    }
}

/// A service this menu does not have. In a sharded feed it may be in
/// another district's shard (a link shared by a neighbour): the resident
/// can choose that district here, and the page is drawn again with it.
fn not_found(feed: &'static caidan_core::Feed) -> impl IntoView {
    let lang = crate::state::locale_signal();
    let elsewhere = feed.is_sharded().then(|| {
        view! {
            <section class="cd-where-panel" aria-labelledby="elsewhere-heading">
                <h2 class="cd-heading-l" id="elsewhere-heading">
                    {move || lang.get().ui().district_page_title}
                </h2>
                <p>{move || lang.get().ui().service_other_district}</p>
                <crate::components::DistrictChooser />
            </section>
        }
    });
    view! {
        <NotFound />
        {elsewhere}
    }
}
