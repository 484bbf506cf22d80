use caidan_core::intake::{self, check_form, limit_status, may_request, PlaceError, RequestForm};
use caidan_core::request::{AttributeError, ContactError, Event};
use caidan_core::wire::{Attribute, Datatype, Period, Service};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::ErrorSummary;
use crate::fmt;
use crate::i18n::Ui;
use crate::pages::NotFound;
use crate::state::{locale_signal, use_current, use_requests, Current};
use crate::{browser, send};

fn draft_key(current: &Current, service: &str) -> String {
    format!("caidan.draft.{}.{service}", current.feed().id())
}

fn load_draft(current: &Current, service: &str) -> RequestForm {
    browser::load(&draft_key(current, service))
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// The draft of a service's request form, saved on every change so that a
/// reload, a crash or a closed tab loses nothing.
fn use_draft(current: &Current, service: &str) -> RwSignal<RequestForm> {
    let draft = RwSignal::new(load_draft(current, service));
    let key = draft_key(current, service);
    Effect::new(move |_| {
        if let Ok(text) = serde_json::to_string(&*draft.read()) {
            browser::store(&key, &text);
        }
    });
    draft
}

/// The service named by the route's `:id`: its id, index, definition and
/// request-form attributes in their `order`.
fn routed_service(current: &Current) -> Option<(String, usize, Service, Vec<Attribute>)> {
    let id = use_params_map().read_untracked().get("id")?;
    let index = current.feed().service_index(&id)?;
    let service = current.feed().services().get(index)?.clone();
    let mut attributes = service.attributes.clone();
    attributes.sort_by_key(|a| a.order.unwrap_or(i64::MAX));
    Some((id, index, service, attributes))
}

fn attribute_id(code: &str) -> String {
    format!("attr-{code}")
}

/// A problem with the form, in the resident's words, with the field it
/// belongs to.
fn describe(
    error: &PlaceError,
    attributes: &[Attribute],
    current: &Current,
    ui: &Ui,
) -> (String, String) {
    let l = crate::state::use_locale();
    let label = |code: &str| {
        attributes
            .iter()
            .find(|a| a.code == code)
            .map(|a| fmt::text(current.feed(), &a.description, l))
            .unwrap_or_else(|| code.to_string())
    };
    let list = |code: &str| {
        attributes
            .iter()
            .any(|a| a.code == code && a.datatype.is_list())
    };
    match error {
        PlaceError::FormValue { code, .. } => (
            attribute_id(code),
            format!("{} {}", ui.err_invalid, label(code)),
        ),
        PlaceError::Attribute(AttributeError::Missing { code }) => {
            let verb = if list(code) {
                ui.err_select
            } else {
                ui.err_required
            };
            (attribute_id(code), format!("{verb} {}", label(code)))
        }
        PlaceError::Attribute(e) => (
            attribute_id(e.code()),
            format!("{} {}", ui.err_invalid, label(e.code())),
        ),
        PlaceError::Contact(ContactError::Phone(_)) => {
            ("contact-phone".into(), ui.err_phone.into())
        }
        PlaceError::Contact(_) => ("contact-name".into(), ui.err_name.into()),
        other => (String::new(), other.to_string()),
    }
}

fn period_words(period: Period, ui: &Ui) -> &'static str {
    match period {
        Period::Day => ui.per_day,
        Period::Week => ui.per_week,
        Period::Month => ui.per_month,
        Period::Year => ui.per_year,
    }
}

/// Why the resident cannot request the service now, if they cannot: not
/// settled, not eligible, or the limit used up ("you have used 4 of 4 this
/// month").
fn blocker(
    current: &Current,
    index: usize,
    ui: &Ui,
    history: &[caidan_core::request::Request],
) -> Option<(String, bool)> {
    let decisions = current.decisions.read();
    let d = decisions.get(index)?;
    if let Err(e) = may_request(d) {
        return Some(match e {
            PlaceError::Unsettled => (ui.cannot_request_yet.to_string(), true),
            _ => (ui.cannot_request.to_string(), false),
        });
    }
    let limit = limit_status(current.feed(), index, history, current.today)?;
    limit.reached().then(|| {
        (
            format!(
                "{} {}",
                ui.limit_used
                    .replace("{used}", &limit.used.to_string())
                    .replace("{allowed}", &limit.allowed.to_string())
                    .replace("{period}", period_words(limit.period, ui)),
                ui.limit_reached_note
            ),
            false,
        )
    })
}

/// `/services/:id/request`: the service's request form (its Open311
/// attributes) and the resident's name and phone number.
#[component]
pub fn RequestPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let requests = use_requests();
    let navigate = use_navigate();
    let Some((id, index, service, attributes)) = routed_service(&current) else {
        return view! { <NotFound /> }.into_any();
    };
    let draft = use_draft(&current, &id);
    let errors = RwSignal::new(Vec::<(String, String)>::new());

    let l = lang.get_untracked();
    let ui = l.ui();
    if let Some((why, check)) = requests
        .list
        .with_untracked(|h| blocker(&current, index, ui, h))
    {
        let check_href = format!("/services/{id}/check");
        return view! {
            <h1 class="cd-heading-xl">{fmt::text(current.feed(), &service.name, l)}</h1>
            <p class="cd-notice cd-notice--warning">{why}</p>
            {check.then(|| view! { <p><A href=check_href attr:class="cd-button">{ui.check_if_i_qualify}</A></p> })}
            <p><A href=format!("/services/{id}")>{ui.back}</A></p>
        }
        .into_any();
    }
    let full = current
        .decisions
        .read_untracked()
        .get(index)
        .is_some_and(|d| d.full);

    let fields = attributes
        .iter()
        .map(|a| attribute_field(&current, a, draft, errors, ui))
        .collect_view();
    let on_submit = {
        let current = current.clone();
        let attrs = attributes.clone();
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let ui = lang.get_untracked().ui();
            match check_form(current.feed(), index, &draft.get_untracked()) {
                Ok(_) => {
                    errors.set(Vec::new());
                    navigate(&format!("/services/{id}/request/check"), Default::default());
                }
                Err(list) => errors.set(
                    list.iter()
                        .map(|e| describe(e, &attrs, &current, ui))
                        .collect(),
                ),
            }
        }
    };
    let has_error = move |field: &str| errors.read().iter().any(|(f, _)| f == field);
    let contact_error = move |field: &'static str| {
        move || {
            errors
                .read()
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, m)| view! { <p class="cd-error-message" id=format!("{field}-error")>{m.clone()}</p> })
        }
    };
    view! {
        <p><A href=format!("/services/{id}") attr:class="cd-back-link">{ui.back}</A></p>
        <form class="cd-form" novalidate on:submit=on_submit>
            <ErrorSummary errors=errors />
            <p class="cd-caption">{ui.request_title}</p>
            <h1 class="cd-heading-xl">{fmt::text(current.feed(), &service.name, l)}</h1>
            {full.then(|| view! { <p class="cd-notice cd-notice--warning">{ui.waiting_list_note}</p> })}
            {fields}
            <h2 class="cd-heading-l">{ui.your_details}</h2>
            <div class="cd-form-group">
                <label class="cd-label" for="contact-name">{ui.name}</label>
                {contact_error("contact-name")}
                <input
                    class="cd-input cd-input--wide"
                    id="contact-name"
                    name="name"
                    type="text"
                    autocomplete="name"
                    aria-describedby=move || has_error("contact-name").then_some("contact-name-error")
                    aria-invalid=move || has_error("contact-name").then_some("true")
                    prop:value=move || draft.read().name.clone()
                    on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))
                />
            </div>
            <div class="cd-form-group">
                <label class="cd-label" for="contact-phone">{ui.phone_number}</label>
                <p class="cd-hint" id="contact-phone-hint">{ui.phone_hint}</p>
                {contact_error("contact-phone")}
                <input
                    class="cd-input cd-input--wide"
                    id="contact-phone"
                    name="phone"
                    type="tel"
                    autocomplete="tel"
                    aria-describedby=move || {
                        if has_error("contact-phone") { "contact-phone-hint contact-phone-error" } else { "contact-phone-hint" }
                    }
                    aria-invalid=move || has_error("contact-phone").then_some("true")
                    prop:value=move || draft.read().phone.clone()
                    on:input=move |ev| draft.update(|d| d.phone = event_target_value(&ev))
                />
            </div>
            <button type="submit" class="cd-button">{ui.continue_}</button>
        </form>
    }
    .into_any()
}

/// One attribute of the request form, with the input its datatype needs,
/// bound to the draft.
fn attribute_field(
    current: &Current,
    a: &Attribute,
    draft: RwSignal<RequestForm>,
    errors: RwSignal<Vec<(String, String)>>,
    ui: &'static Ui,
) -> AnyView {
    let l = crate::state::use_locale();
    let feed = current.feed();
    let field = attribute_id(&a.code);
    let label = fmt::text(feed, &a.description, l);
    let label = if a.required {
        label
    } else {
        format!("{label} {}", ui.optional)
    };
    let code = a.code.clone();
    let first = {
        let code = code.clone();
        move || {
            draft
                .read()
                .attributes
                .get(&code)
                .and_then(|v| v.first().cloned())
                .unwrap_or_default()
        }
    };
    let set_one = {
        let code = code.clone();
        move |v: String| {
            draft.update(|d| {
                d.attributes.insert(code.clone(), vec![v]);
            })
        }
    };
    let error_id = format!("{field}-error");
    let error = {
        let (field, error_id) = (field.clone(), error_id.clone());
        move || {
            errors.read().iter().find(|(f, _)| *f == field).map(
                |(_, m)| view! { <p class="cd-error-message" id=error_id.clone()>{m.clone()}</p> },
            )
        }
    };
    let invalid = {
        let field = field.clone();
        move || errors.read().iter().any(|(f, _)| *f == field)
    };
    let described = {
        let invalid = invalid.clone();
        move || invalid().then(|| error_id.clone())
    };
    match a.datatype {
        Datatype::Singlevaluelist | Datatype::Multivaluelist => {
            let multi = a.datatype == Datatype::Multivaluelist;
            let options = a
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let id = if i == 0 { field.clone() } else { format!("{field}-{i}") };
                    let key = v.key.clone();
                    let (checked_code, checked_key) = (code.clone(), key.clone());
                    let checked = move || {
                        draft.read().attributes.get(&checked_code).is_some_and(|vs| vs.contains(&checked_key))
                    };
                    let code = code.clone();
                    let on_change = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| {
                            let values = d.attributes.entry(code.clone()).or_default();
                            if !multi {
                                values.clear();
                            }
                            values.retain(|k| k != &key);
                            if on {
                                values.push(key.clone());
                            }
                        });
                    };
                    let class = if multi { "cd-checkboxes__item" } else { "cd-radios__item" };
                    view! {
                        <div class=class>
                            <input
                                class=if multi { "cd-checkboxes__input" } else { "cd-radios__input" }
                                type=if multi { "checkbox" } else { "radio" }
                                id=id.clone()
                                name=field.clone()
                                value=v.key.clone()
                                prop:checked=checked
                                on:change=on_change
                            />
                            <label class="cd-radios__label" for=id>{fmt::text(feed, &v.name, l)}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="cd-form-group">
                    <fieldset class="cd-fieldset" aria-describedby=described>
                        <legend class="cd-fieldset__legend cd-label">{label}</legend>
                        {error}
                        {options}
                    </fieldset>
                </div>
            }
            .into_any()
        }
        Datatype::Text => view! {
            <div class="cd-form-group">
                <label class="cd-label" for=field.clone()>{label}</label>
                {error}
                <textarea
                    class="cd-textarea"
                    id=field.clone()
                    name=field
                    rows="4"
                    aria-describedby=described
                    aria-invalid=move || invalid().then_some("true")
                    prop:value=first
                    on:input=move |ev| set_one(event_target_value(&ev))
                ></textarea>
            </div>
        }
        .into_any(),
        datatype => {
            let kind = match datatype {
                Datatype::Number => "number",
                Datatype::Datetime => "datetime-local",
                _ => "text",
            };
            view! {
                <div class="cd-form-group">
                    <label class="cd-label" for=field.clone()>{label}</label>
                    {error}
                    <input
                        class="cd-input cd-input--wide"
                        type=kind
                        id=field.clone()
                        name=field
                        aria-describedby=described
                        aria-invalid=move || invalid().then_some("true")
                        prop:value=first
                        on:input=move |ev| set_one(event_target_value(&ev))
                    />
                </div>
            }
            .into_any()
        }
    }
}

/// `/services/:id/request/check`: "Check your answers", with change links,
/// and "Send request".
#[component]
pub fn CheckRequestPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let requests = use_requests();
    let navigate = use_navigate();
    let Some((id, index, service, attributes)) = routed_service(&current) else {
        return view! { <NotFound /> }.into_any();
    };
    let l = lang.get_untracked();
    let ui = l.ui();
    let form = load_draft(&current, &id);
    let feed = current.feed();
    let change = format!("/services/{id}/request");
    let rows = attributes
        .iter()
        .map(|a| {
            let values = form.attributes.get(&a.code).cloned().unwrap_or_default();
            let shown = values
                .iter()
                .map(|v| {
                    a.values
                        .iter()
                        .find(|x| &x.key == v)
                        .map_or_else(|| v.clone(), |x| fmt::text(feed, &x.name, l))
                })
                .collect::<Vec<_>>()
                .join(", ");
            (fmt::text(feed, &a.description, l), shown, format!("{change}#{}", attribute_id(&a.code)))
        })
        .chain([
            (ui.name.to_string(), form.name.clone(), format!("{change}#contact-name")),
            (ui.phone_number.to_string(), form.phone.clone(), format!("{change}#contact-phone")),
        ])
        .map(|(key, value, href)| {
            let hidden = key.clone();
            view! {
                <div class="cd-summary-list__row">
                    <dt class="cd-summary-list__key">{key}</dt>
                    <dd class="cd-summary-list__value">{value}</dd>
                    <dd class="cd-summary-list__actions">
                        <a href=href>{ui.change}<span class="cd-visually-hidden">" " {hidden}</span></a>
                    </dd>
                </div>
            }
        })
        .collect_view();
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let sending = RwSignal::new(false);
    let on_send = {
        let current = current.clone();
        let id = id.clone();
        let attrs = attributes.clone();
        move |_| {
            if sending.get_untracked() {
                return;
            }
            let ui = lang.get_untracked().ui();
            let decisions = current.decisions.read_untracked();
            let Some(decision) = decisions.get(index) else {
                return;
            };
            let form = load_draft(&current, &id);
            let history = requests.list.get_untracked();
            let now = browser::now();
            let placed = current.answers.with_untracked(|answers| {
                intake::place(
                    current.feed(),
                    decision,
                    answers,
                    &form,
                    &history,
                    browser::random_id(),
                    now,
                )
            });
            let mut request = match placed {
                Ok(r) => r,
                Err(list) => {
                    errors.set(
                        list.iter()
                            .map(|e| describe(e, &attrs, &current, ui))
                            .collect(),
                    );
                    return;
                }
            };
            sending.set(true);
            let open311 = intake::sends_to_open311(current.feed());
            // Kept on the device first, so nothing is lost if sending fails.
            let event = if open311 {
                Event::QueueOffline
            } else {
                Event::Submit
            };
            if request.transition(&event, now).is_err() {
                return;
            }
            let request_id = request.id;
            requests.list.update(|l| l.push(request));
            browser::forget(&draft_key(&current, &id));
            if open311 {
                send::send(current.loaded.clone(), requests, request_id);
            }
            navigate(&format!("/requests/{request_id}"), Default::default());
        }
    };
    view! {
        <p><A href=change.clone() attr:class="cd-back-link">{ui.back}</A></p>
        <ErrorSummary errors=errors />
        <p class="cd-caption">{fmt::text(feed, &service.name, l)}</p>
        <h1 class="cd-heading-xl">{ui.check_your_answers}</h1>
        <dl class="cd-summary-list">{rows}</dl>
        <button type="button" class="cd-button" on:click=on_send prop:disabled=move || sending.get()>
            {ui.send_request}
        </button>
    }
    .into_any()
}
