use caidan_core::request::carry::{Carried, CarryError};
use caidan_core::request::Request;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::state::{locale_signal, save_requests, use_current, use_requests, Current};
use crate::{browser, fmt};

/// The request a "continue on your phone" link stands for, on the menu
/// this page loaded (the link's `feed`, which the app opened as any
/// `?feed=` link, where the deployment allows it).
fn carried_request(current: Current, carried: Carried) -> Result<Request, CarryError> {
    let loaded = current.loaded;
    if browser::resolve_url(&carried.feed_url).as_deref() != Some(loaded.url.as_str()) {
        // The app could not open the link's menu and shows another one.
        let shown: String = carried.feed_url.chars().take(120).collect();
        return Err(CarryError::OtherMenu(shown));
    }
    carried.into_request(&loaded.feed, browser::now())
}

/// What the link's query carries.
fn read_link(q: &leptos_router::params::ParamsMap) -> Result<Carried, CarryError> {
    Carried::read(
        q.get_str("voucher"),
        q.get_str("service"),
        q.get_str("feed"),
        q.get_str("district"),
    )
}

/// `/carry?feed=…&service=…&voucher=…`: a request handed over from a kiosk
/// (README, "Running a kiosk"), kept in My requests once the resident says
/// so. A link can only ever add a voucher for a service of this menu.
#[component]
pub fn CarryPage() -> AnyView {
    let lang = locale_signal();
    let current = use_current();
    let requests = use_requests();
    let query = use_query_map();
    let navigate = use_navigate();
    // In a sharded menu the service is in the shard of the district the
    // link names: that shard is loaded first (this page is then drawn
    // again with it). Only a district the index lists, and only once.
    let pending_district = move || {
        let feed = current.feed();
        let carried = query.with_untracked(read_link).ok()?;
        let district = carried.district?;
        let needed = feed.is_sharded()
            && feed.service(&carried.service_id).is_none()
            && feed.loaded_shard() != Some(district.as_str())
            && feed.shard_ref(&district).is_some();
        needed.then_some(district)
    };
    if let Some(district) = pending_district() {
        let feed = current.feed();
        let name = feed
            .region(&district)
            .map(|r| fmt::text(feed, &r.name, lang.get_untracked()))
            .unwrap_or_else(|| district.clone());
        let districts = crate::district::use_districts();
        // After this page's first draw: the menu's resource follows.
        request_animation_frame(move || districts.choose(feed, &district, name));
        return ().into_any();
    }
    (move || {
        let l = lang.get();
        let ui = l.ui();
        let read = query.with(read_link);
        let request = match read.and_then(|c| carried_request(current, c)) {
            Ok(r) => r,
            Err(e) => {
                return view! {
                    <h1 class="cd-heading-xl">{ui.carry_invalid}</h1>
                    <p class="cd-notice cd-notice--warning" role="alert">{e.to_string()}</p>
                    <p><A href="/">{ui.go_to_menu}</A></p>
                }
                .into_any();
            }
        };
        let feed = current.feed();
        let name = feed.service(&request.service_id).map_or_else(
            || request.service_id.clone(),
            |s| fmt::text(feed, &s.name, l),
        );
        let code = request
            .voucher()
            .map(|v| v.as_str().to_owned())
            .unwrap_or_default();
        let id = request.id;
        let known = requests.list.read().iter().any(|r| r.id == id);
        let navigate = navigate.clone();
        let keep = move |_| {
            let request = request.clone();
            requests.list.update(|list| {
                if !list.iter().any(|r| r.id == request.id) {
                    list.push(request);
                }
            });
            save_requests(requests);
            navigate(
                &format!("/requests/{id}"),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        };
        view! {
            <h1 class="cd-heading-xl">{ui.carry_title}</h1>
            <p>{ui.carry_body}</p>
            <dl class="cd-summary-list">
                <dt>{ui.carry_service}</dt>
                <dd>{name}</dd>
                <dt>{ui.voucher_code}</dt>
                <dd class="cd-voucher__code">{code}</dd>
            </dl>
            {if known {
                view! {
                    <p class="cd-notice" role="status">{ui.carry_already}</p>
                    <p><A href=format!("/requests/{id}")>{ui.my_requests}</A></p>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="cd-button" on:click=keep>{ui.carry_save}</button>
                }
                .into_any()
            }}
        }
        .into_any()
    })
    .into_any()
}
