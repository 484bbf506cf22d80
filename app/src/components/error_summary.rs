use leptos::prelude::*;

use crate::state::locale_signal;

/// The GOV.UK error summary: a titled box at the top of a form listing each
/// problem as a link to its field. It takes focus when it appears.
#[component]
pub fn ErrorSummary(
    /// Problems as (field id, message); nothing renders when empty.
    #[prop(into)]
    errors: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let lang = locale_signal();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !errors.read().is_empty() {
            request_animation_frame(move || {
                if let Some(el) = node.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div
                    class="cd-error-summary"
                    role="alert"
                    tabindex="-1"
                    aria-labelledby="cd-error-summary-title"
                    node_ref=node
                >
                    <h2 class="cd-error-summary__title" id="cd-error-summary-title">
                        {lang.get().ui().there_is_a_problem}
                    </h2>
                    <ul class="cd-error-summary__list">
                        {list
                            .into_iter()
                            .map(|(field, message)| {
                                if field.is_empty() {
                                    return view! { <li>{message}</li> }.into_any();
                                }
                                let target = field.clone();
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{field}")
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                crate::browser::focus_by_id(&target);
                                            }
                                        >
                                            {message}
                                        </a>
                                    </li>
                                }
                                .into_any()
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
