use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::i18n::Locale;
use crate::kiosk::{FinishButton, Kiosk};
use crate::state::{locale_signal, Elderly};

/// The top of every page: the app's name, search, "My requests", elderly
/// mode and the language switch; on a kiosk, "Finish and clear my details"
/// too, and nothing at all on the welcome screen.
#[component]
pub fn Header() -> impl IntoView {
    let kiosk = expect_context::<Kiosk>();
    move || (!kiosk.welcoming()).then(|| view! { <HeaderBar kiosk /> })
}

#[component]
fn HeaderBar(kiosk: Kiosk) -> impl IntoView {
    let lang = locale_signal();
    let elderly = expect_context::<Elderly>().0;
    let location = use_location();
    let query = use_query_map();
    let navigate = use_navigate();
    let on_search = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        let on_search_page = location.pathname.get_untracked() == "/search";
        let url = format!("/search?q={}", encode_query(&q));
        navigate(
            &url,
            NavigateOptions {
                replace: on_search_page,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    let search_value = move || {
        if location.pathname.get() == "/search" {
            query.read().get("q").unwrap_or_default()
        } else {
            String::new()
        }
    };
    view! {
        <header class="cd-header">
            <div class="cd-header__inner">
                <A href="/" attr:class="cd-header__name">
                    {move || lang.get().ui().app_name}
                </A>
                <div class="cd-header__nav">
                    {move || kiosk.on().then(|| view! { <FinishButton /> })}
                    <A href="/requests" attr:class="cd-header__link">
                        {move || lang.get().ui().my_requests}
                    </A>
                    <button
                        type="button"
                        class="cd-header__toggle"
                        aria-pressed=move || if elderly.get() { "true" } else { "false" }
                        on:click=move |_| elderly.update(|on| *on = !*on)
                    >
                        {move || lang.get().ui().elderly_mode}
                    </button>
                    <nav class="cd-header__languages" aria-label=move || lang.get().ui().language>
                    {Locale::ALL
                        .into_iter()
                        .map(|l| {
                            // The page as it is, in another language: its
                            // query (a search, a link's parameters) is kept.
                            let href = move || {
                                let mut params: Vec<(String, String)> = query
                                    .get()
                                    .into_iter()
                                    .filter(|(k, _)| k != "lang")
                                    .map(|(k, v)| (k.into_owned(), v))
                                    .collect();
                                params.push(("lang".into(), l.param().into()));
                                let search = params
                                    .iter()
                                    .map(|(k, v)| format!("{}={}", encode_query(k), encode_query(v)))
                                    .collect::<Vec<_>>()
                                    .join("&");
                                format!("{}?{search}", location.pathname.get())
                            };
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
            </div>
            // Searching as one types needs the app; before it runs (on the
            // first view), the form itself opens the search page.
            <form
                class="cd-search"
                role="search"
                action="/search"
                method="get"
                on:submit=|ev| ev.prevent_default()
            >
                <label class="cd-search__label" for="cd-search-input">
                    {move || lang.get().ui().search_services}
                </label>
                <input
                    class="cd-search__input"
                    id="cd-search-input"
                    name="q"
                    type="search"
                    autocomplete="off"
                    aria-describedby="cd-search-hint"
                    prop:value=search_value
                    on:input=on_search
                />
                <p class="cd-search__hint" id="cd-search-hint">
                    {move || lang.get().ui().search_hint}
                </p>
            </form>
        </header>
    }
}

/// Percent-encodes a query value.
fn encode_query(q: &str) -> String {
    js_sys::encode_uri_component(q).into()
}
