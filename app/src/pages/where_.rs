use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::QuestionForm;
use crate::state::use_current;

/// "Where I live": the residence question, then back to where the resident
/// came from (`?next=`, a path of this app) or the menu.
#[component]
pub fn WherePage() -> impl IntoView {
    let current = use_current();
    let query = use_query_map();
    let navigate = use_navigate();
    let fact = current.feed().residence_fact();
    let on_done = Callback::new(move |()| {
        let next = query
            .read_untracked()
            .get("next")
            .filter(|n| n.starts_with('/') && !n.starts_with("//"))
            .unwrap_or_else(|| "/".to_string());
        navigate(&next, Default::default());
    });
    view! { <QuestionForm fact on_done /> }
}
