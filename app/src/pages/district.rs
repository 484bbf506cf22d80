use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::DistrictChooser;
use crate::state::{locale_signal, use_current};

/// "Choose a district", in a sharded feed: the menu, search and requests
/// are then that district's. Goes back to `?next=` (a path of this app), or
/// the menu.
#[component]
pub fn DistrictPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let query = use_query_map();
    let next = query
        .read_untracked()
        .get("next")
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/".to_string());
    if !current.feed().is_sharded() {
        // A single-document menu has no districts to choose from.
        return view! { <crate::pages::NotFound /> }.into_any();
    }
    let title = Signal::derive(move || lang.get().ui().district_page_title.to_string());
    view! { <DistrictChooser next heading=true title /> }.into_any()
}
