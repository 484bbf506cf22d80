use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::{locale_signal, use_loaded};

/// The menu: notices, then every category with its services.
#[component]
pub fn Home() -> impl IntoView {
    let lang = locale_signal();
    let loaded = use_loaded();
    move || {
        let loaded = loaded.clone()?;
        let l = lang.get();
        let feed = &loaded.feed;
        let tag = l.tag();
        let default = feed.default_locale();
        let mut categories: Vec<_> = feed.categories().iter().enumerate().collect();
        categories.sort_by_key(|(i, c)| (c.order.unwrap_or(i64::MAX), *i));
        let notices = feed
            .notices()
            .iter()
            .map(|n| {
                let class = match n.severity {
                    caidan_core::wire::Severity::Info => "cd-notice",
                    caidan_core::wire::Severity::Warning => "cd-notice cd-notice--warning",
                };
                view! { <p class=class>{n.text.get(tag, default).to_string()}</p> }
            })
            .collect_view();
        let sections = categories
            .into_iter()
            .map(|(_, c)| {
                let heading_id = format!("category-{}", c.id);
                let labelled_by = heading_id.clone();
                let services = feed
                    .services()
                    .iter()
                    .filter(|s| s.category == c.id)
                    .map(|s| {
                        let href = format!("/services/{}", s.id);
                        let name = s.name.get(tag, default).to_string();
                        let summary = s.summary.get(tag, default).to_string();
                        view! {
                            <li class="cd-service-card">
                                <A href=href attr:class="cd-service-card__title">
                                    {name}
                                </A>
                                <p class="cd-service-card__summary">{summary}</p>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="cd-category" aria-labelledby=labelled_by>
                        <h2 class="cd-category__title" id=heading_id>
                            <span class="cd-category__icon" aria-hidden="true">
                                {c.icon.clone().unwrap_or_default()}
                            </span>
                            {c.name.get(tag, default).to_string()}
                        </h2>
                        <ul class="cd-category__list">{services}</ul>
                    </section>
                }
            })
            .collect_view();
        Some(view! {
            <h1 class="cd-heading-xl">{feed.title().get(tag, default).to_string()}</h1>
            <div class="cd-notices">{notices}</div>
            {sections}
        })
    }
}
