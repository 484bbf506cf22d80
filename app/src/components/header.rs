use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::Locale;
use crate::state::locale_signal;

/// The top of every page: the app's name, the language switch.
#[component]
pub fn Header() -> impl IntoView {
    let lang = locale_signal();
    let location = use_location();
    view! {
        <header class="cd-header">
            <div class="cd-header__inner">
                <A href="/" attr:class="cd-header__name">
                    {move || lang.get().ui().app_name}
                </A>
                <nav class="cd-header__nav" aria-label=move || lang.get().ui().language>
                    {Locale::ALL
                        .into_iter()
                        .map(|l| {
                            let href = move || format!("{}?lang={}", location.pathname.get(), l.param());
                            view! {
                                <a
                                    class="cd-header__link"
                                    href=href
                                    hreflang=l.tag()
                                    lang=l.tag()
                                    aria-current=move || (lang.get() == l).then_some("true")
                                >
                                    {l.autonym()}
                                </a>
                            }
                        })
                        .collect_view()}
                </nav>
            </div>
        </header>
    }
}
