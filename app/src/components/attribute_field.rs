use caidan_core::intake::RequestForm;
use caidan_core::wire::{Attribute, Datatype};
use caidan_core::Feed;
use leptos::prelude::*;

use crate::components::field::{FieldAria, FormErrors, FormGroup, LabelStyle};
use crate::fmt;
use crate::state::{locale_signal, use_current};

/// The id of an attribute's input (the first one of a group), which the
/// error summary links to.
pub fn attribute_id(code: &str) -> String {
    format!("attr-{code}")
}

/// One attribute of a service's request form, with the input its datatype
/// needs, bound to the draft: radios or checkboxes for lists, a text area
/// for `text`, an input for the rest.
#[component]
pub fn AttributeField(
    /// The attribute, from the loaded feed.
    attribute: &'static Attribute,
    /// The request form being filled in.
    draft: RwSignal<RequestForm>,
    /// The form's problems.
    errors: FormErrors,
) -> impl IntoView {
    let current = use_current();
    let lang = locale_signal();
    let feed: &'static Feed = current.feed();
    let label = Signal::derive(move || {
        let l = lang.get();
        let text = fmt::text(feed, &attribute.description, l);
        if attribute.required {
            text
        } else {
            format!("{text} {}", l.ui().optional)
        }
    });
    let aria = FieldAria::new(attribute_id(&attribute.code), Signal::stored(false), errors);
    match attribute.datatype {
        Datatype::Singlevaluelist | Datatype::Multivaluelist => {
            view! { <ChoiceAttribute attribute draft aria label /> }.into_any()
        }
        Datatype::Text => view! { <TextAttribute attribute draft aria label /> }.into_any(),
        Datatype::String | Datatype::Number | Datatype::Datetime => {
            view! { <LineAttribute attribute draft aria label /> }.into_any()
        }
    }
}

/// The first value the draft holds for `code` (tracked).
fn first_value(draft: RwSignal<RequestForm>, code: &'static str) -> String {
    draft
        .read()
        .attributes
        .get(code)
        .and_then(|v| v.first().cloned())
        .unwrap_or_default()
}

/// Makes `value` the draft's only value for `code`.
fn set_value(draft: RwSignal<RequestForm>, code: &'static str, value: String) {
    draft.update(|d| {
        d.attributes.insert(code.to_string(), vec![value]);
    });
}

/// A `singlevaluelist` as radios, a `multivaluelist` as checkboxes.
#[component]
fn ChoiceAttribute(
    attribute: &'static Attribute,
    draft: RwSignal<RequestForm>,
    aria: FieldAria,
    label: Signal<String>,
) -> impl IntoView {
    let lang = locale_signal();
    let feed = use_current().feed();
    let multi = attribute.datatype == Datatype::Multivaluelist;
    let field = aria.id();
    let code = attribute.code.as_str();
    let options = attribute
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let id = if i == 0 {
                field.clone()
            } else {
                format!("{field}-{i}")
            };
            let key = v.key.as_str();
            let checked = move || {
                draft
                    .read()
                    .attributes
                    .get(code)
                    .is_some_and(|vs| vs.iter().any(|k| k == key))
            };
            let on_change = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                draft.update(|d| {
                    let values = d.attributes.entry(code.to_string()).or_default();
                    if !multi {
                        values.clear();
                    }
                    values.retain(|k| k != key);
                    if on {
                        values.push(key.to_string());
                    }
                });
            };
            let (item, input) = if multi {
                ("cd-checkboxes__item", "cd-checkboxes__input")
            } else {
                ("cd-radios__item", "cd-radios__input")
            };
            view! {
                <div class=item>
                    <input
                        class=input
                        type=if multi { "checkbox" } else { "radio" }
                        id=id.clone()
                        name=field.clone()
                        value=key
                        prop:checked=checked
                        on:change=on_change
                    />
                    <label class="cd-radios__label" for=id>
                        {move || fmt::text(feed, &v.name, lang.get())}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <FormGroup aria label style=LabelStyle::Legend>
            {options}
        </FormGroup>
    }
}

/// A `text` attribute: several lines.
#[component]
fn TextAttribute(
    attribute: &'static Attribute,
    draft: RwSignal<RequestForm>,
    aria: FieldAria,
    label: Signal<String>,
) -> impl IntoView {
    let code = attribute.code.as_str();
    view! {
        <FormGroup aria=aria.clone() label>
            <textarea
                class="cd-textarea"
                id=aria.id()
                name=aria.id()
                rows="4"
                aria-describedby=aria.described_by()
                aria-invalid=aria.invalid()
                prop:value=move || first_value(draft, code)
                on:input=move |ev| set_value(draft, code, event_target_value(&ev))
            ></textarea>
        </FormGroup>
    }
}

/// A `string`, `number` or `datetime` attribute: one input of that type.
#[component]
fn LineAttribute(
    attribute: &'static Attribute,
    draft: RwSignal<RequestForm>,
    aria: FieldAria,
    label: Signal<String>,
) -> impl IntoView {
    let code = attribute.code.as_str();
    let kind = match attribute.datatype {
        Datatype::Number => "number",
        Datatype::Datetime => "datetime-local",
        _ => "text",
    };
    // The on-screen keyboard with digits and a decimal point, where the
    // input type alone does not ask for it.
    let inputmode = (attribute.datatype == Datatype::Number).then_some("decimal");
    view! {
        <FormGroup aria=aria.clone() label>
            <input
                class="cd-input cd-input--wide"
                type=kind
                inputmode=inputmode
                id=aria.id()
                name=aria.id()
                aria-describedby=aria.described_by()
                aria-invalid=aria.invalid()
                prop:value=move || first_value(draft, code)
                on:input=move |ev| set_value(draft, code, event_target_value(&ev))
            />
        </FormGroup>
    }
}
