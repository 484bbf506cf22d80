use leptos::prelude::*;

use crate::api::LoadError;
use crate::browser;
use crate::state::locale_signal;

/// The page residents see when the menu cannot be shown: plain words for
/// them (a menu that could not be checked against the site's keys is said
/// to be refused, not broken), and the exact problems for the publisher in
/// a collapsed section.
#[component]
pub fn ErrorPage(
    /// What went wrong.
    error: LoadError,
    /// Whether the menu was one a link asked for, not the site's default.
    requested: bool,
) -> impl IntoView {
    let lang = locale_signal();
    let problems = error.problems();
    let unchecked = error.is_unchecked();
    // A district's part of a sharded menu that was refused: the resident
    // can still see the rest, without that district.
    let shard = match &error {
        LoadError::Shard {
            feed,
            district,
            tampered,
            ..
        } => Some((feed.clone(), district.clone(), *tampered)),
        _ => None,
    };
    let body = {
        let shard = shard.clone();
        move || {
            let ui = lang.get().ui();
            match &shard {
                Some((_, district, true)) => {
                    let name = crate::api::first_menu()
                        .and_then(|m| m.feed.region(district).map(|r| (m, r)))
                        .map(|(m, r)| crate::fmt::text(&m.feed, &r.name, lang.get()))
                        .unwrap_or_else(|| district.clone());
                    ui.shard_refused_body.replace("{district}", &name)
                }
                _ if unchecked => ui.unchecked_body.to_string(),
                _ => ui.error_body.to_string(),
            }
        }
    };
    let without_district = shard.map(|(feed, _, _)| {
        view! {
            <p>
                <a
                    class="cd-button cd-button--secondary"
                    href="/"
                    rel="external"
                    on:click=move |_| crate::district::forget(&feed)
                >
                    {move || lang.get().ui().show_everywhere}
                </a>
            </p>
        }
    });
    // Forgets the link's choice and opens the site's own menu.
    let default_menu = requested.then(|| {
        view! {
            <p>
                <a
                    class="cd-button cd-button--secondary"
                    href="/"
                    rel="external"
                    on:click=|_| browser::forget_session(crate::FEED_KEY)
                >
                    {move || lang.get().ui().use_default_menu}
                </a>
            </p>
        }
    });
    // Named after its heading, in the resident's language, as every page.
    Effect::new(move |_| {
        lang.track();
        crate::pages::heading_changed();
    });
    view! {
        <div class="cd-error-page">
            <h1 class="cd-heading-xl">
                {move || {
                    let ui = lang.get().ui();
                    if unchecked { ui.unchecked_title } else { ui.error_title }
                }}
            </h1>
            <p>{body}</p>
            <p>
                <a class="cd-button" href="/" rel="external">
                    {move || lang.get().ui().try_again}
                </a>
            </p>
            {without_district}
            {default_menu}
            <details class="cd-details">
                <summary class="cd-details__summary">
                    {move || lang.get().ui().error_details}
                </summary>
                <ul class="cd-details__list">
                    {problems
                        .into_iter()
                        .map(|d| view! { <li><code>{d.to_string()}</code></li> })
                        .collect_view()}
                </ul>
            </details>
        </div>
    }
}
