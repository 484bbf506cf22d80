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
    view! {
        <div class="cd-error-page">
            <h1 class="cd-heading-xl">
                {move || {
                    let ui = lang.get().ui();
                    if unchecked { ui.unchecked_title } else { ui.error_title }
                }}
            </h1>
            <p>
                {move || {
                    let ui = lang.get().ui();
                    if unchecked { ui.unchecked_body } else { ui.error_body }
                }}
            </p>
            <p>
                <a class="cd-button" href="/" rel="external">
                    {move || lang.get().ui().try_again}
                </a>
            </p>
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
