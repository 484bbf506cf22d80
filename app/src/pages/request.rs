use caidan_core::intake::RequestForm;
use caidan_core::intake::{self, check_form, limit_status, may_request, PlaceError, Placing};
use caidan_core::request::{form_attributes, AttributeError, ContactError, Destination, Request};
use caidan_core::store;
use caidan_core::wire::{Attribute, Period};
use caidan_core::ServiceIndex;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::{
    attribute_id, AttributeField, ErrorSummary, FieldAria, FormErrors, FormGroup,
};
use crate::fmt;
use crate::i18n::Ui;
use crate::pages::routed::use_service;
use crate::state::{locale_signal, use_current, use_requests, Current, Requests};
use crate::{browser, send};

fn draft_key(current: &Current, service: &str) -> String {
    format!("caidan.draft.{}.{service}", current.feed().id())
}

/// The draft of a service's request form: this visit's copy, else the
/// stored one.
fn load_draft(current: &Current, requests: Requests, service: &str) -> RequestForm {
    let key = draft_key(current, service);
    requests
        .drafts
        .with_untracked(|d| d.get(&key).cloned())
        .or_else(|| {
            let (_, data) = store::read_value("draft", &browser::load(&key)?).ok()?;
            serde_json::from_value(data).ok()
        })
        .unwrap_or_default()
}

/// The draft of a service's request form, kept for the visit and saved on
/// every change, so that a reload, a crash or a closed tab loses nothing
/// (and a device that cannot store loses nothing within the visit).
fn use_draft(current: &Current, requests: Requests, service: &str) -> RwSignal<RequestForm> {
    let draft = RwSignal::new(load_draft(current, requests, service));
    let key = draft_key(current, service);
    Effect::new(move |_| {
        let form = draft.get();
        if let Ok(data) = serde_json::to_value(&form) {
            browser::store(&key, &store::write_value("draft", &data));
        }
        requests.drafts.update_untracked(|d| {
            d.insert(key.clone(), form);
        });
    });
    draft
}

/// Forgets a draft once its request is placed.
fn forget_draft(current: &Current, requests: Requests, service: &str) {
    let key = draft_key(current, service);
    browser::forget(&key);
    requests.drafts.update_untracked(|d| {
        d.remove(&key);
    });
}

/// A problem with the form, in the resident's words, with the field it
/// belongs to.
fn describe(
    error: &PlaceError,
    attributes: &[&Attribute],
    current: &Current,
    ui: &Ui,
) -> (String, String) {
    let l = crate::state::use_locale();
    let find = |code: &str| attributes.iter().find(|a| a.code == code);
    let label = |code: &str| {
        find(code)
            .map(|a| fmt::text(current.feed(), &a.description, l))
            .unwrap_or_else(|| code.to_string())
    };
    match error {
        PlaceError::FormValue { code, .. } => (
            attribute_id(code),
            format!("{} {}", ui.err_invalid, label(code)),
        ),
        PlaceError::Attribute(AttributeError::Missing { code }) => {
            let list = find(code).is_some_and(|a| a.datatype.is_list());
            let verb = if list { ui.err_select } else { ui.err_required };
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
    index: ServiceIndex,
    ui: &Ui,
    history: &[Request],
) -> Option<(String, bool)> {
    let decisions = current.decisions.read();
    let d = decisions.get(index.get())?;
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

/// The resident's name or phone number, bound to the draft.
#[component]
fn ContactField(
    /// `contact-name` or `contact-phone`.
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    draft: RwSignal<RequestForm>,
    errors: FormErrors,
    /// Reads this field from the form.
    get: fn(&RequestForm) -> &str,
    /// Writes this field to the form.
    set: fn(&mut RequestForm, String),
) -> impl IntoView {
    let aria = FieldAria::new(id, Signal::stored(!hint.is_empty()), errors);
    view! {
        <FormGroup aria=aria.clone() label=label hint=hint>
            <input
                class="cd-input cd-input--wide"
                id=id
                name=id.trim_start_matches("contact-")
                type=kind
                autocomplete=autocomplete
                aria-describedby=aria.described_by()
                aria-invalid=aria.invalid()
                prop:value=move || draft.with(|d| get(d).to_string())
                on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
            />
        </FormGroup>
    }
}

/// `/services/:id/request`: the service's request form (its Open311
/// attributes) and the resident's name and phone number.
#[component]
pub fn RequestPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let requests = use_requests();
    let navigate = use_navigate();
    let Some((index, service)) = use_service().get_untracked() else {
        return ().into_any();
    };
    let id = service.id.as_str();
    let attributes = form_attributes(service);
    let draft = use_draft(&current, requests, id);
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
        .get(index.get())
        .is_some_and(|d| d.full);

    let fields = attributes
        .iter()
        .map(|&attribute| view! { <AttributeField attribute draft errors /> })
        .collect_view();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ui = lang.get_untracked().ui();
        match check_form(current.feed(), index, &draft.get_untracked()) {
            Ok(_) => {
                errors.set(Vec::new());
                navigate(&format!("/services/{id}/request/check"), Default::default());
            }
            Err(list) => errors.set(
                list.iter()
                    .map(|e| describe(e, &form_attributes(service), &current, ui))
                    .collect(),
            ),
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
            <ContactField
                id="contact-name"
                label=ui.name
                kind="text"
                autocomplete="name"
                draft
                errors
                get=|d| &d.name
                set=|d, v| d.name = v
            />
            <ContactField
                id="contact-phone"
                label=ui.phone_number
                hint=ui.phone_hint
                kind="tel"
                autocomplete="tel"
                draft
                errors
                get=|d| &d.phone
                set=|d, v| d.phone = v
            />
            <button type="submit" class="cd-button">{ui.continue_}</button>
        </form>
    }
    .into_any()
}

/// `/services/:id/request/check`: "Check your answers", with change links,
/// and "Send request".
#[component]
pub fn CheckRequestPage() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let requests = use_requests();
    let navigate = use_navigate();
    let Some((index, service)) = use_service().get_untracked() else {
        return ().into_any();
    };
    let id = service.id.as_str();
    let attributes = form_attributes(service);
    let l = lang.get_untracked();
    let ui = l.ui();
    let form = load_draft(&current, requests, id);
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
    // Where the request will go, in the resident's words.
    let goes_to = match &current.loaded.destination {
        Destination::Voucher => ui.kept_as_voucher.to_string(),
        Destination::Open311(intake) => {
            let org = feed
                .organization(&service.organization_id)
                .map(|o| fmt::text(feed, &o.name, l))
                .unwrap_or_default();
            let host = browser::host_of(&intake.endpoint).unwrap_or_default();
            ui.will_be_sent_to
                .replace("{org}", &org)
                .replace("{host}", &host)
        }
        Destination::Refused { endpoint } => {
            let host = browser::host_of(endpoint).unwrap_or_else(|| endpoint.clone());
            ui.intake_refused.replace("{host}", &host)
        }
    };
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let sending = RwSignal::new(false);
    let on_send = move |_| {
        if sending.get_untracked() {
            return;
        }
        let ui = lang.get_untracked().ui();
        let decisions = current.decisions.read_untracked();
        let Some(decision) = decisions.get(index.get()) else {
            return;
        };
        let form = load_draft(&current, requests, id);
        let history = requests.list.get_untracked();
        let placed = current.answers.with_untracked(|answers| {
            intake::place(
                current.feed(),
                &Placing {
                    decision,
                    answers,
                    form: &form,
                    history: &history,
                    id: browser::random_id(),
                    now: browser::now(),
                    destination: &current.loaded.destination,
                    feed_url: &current.loaded.url,
                },
            )
        });
        let request = match placed {
            Ok(r) => r,
            Err(list) => {
                errors.set(
                    list.iter()
                        .map(|e| describe(e, &form_attributes(service), &current, ui))
                        .collect(),
                );
                return;
            }
        };
        sending.set(true);
        let (request_id, to_send) = (request.id, request.state.waits_to_send());
        requests.list.update(|l| l.push(request));
        forget_draft(&current, requests, id);
        if to_send {
            send::send(requests, request_id);
        }
        navigate(&format!("/requests/{request_id}"), Default::default());
    };
    view! {
        <p><A href=change.clone() attr:class="cd-back-link">{ui.back}</A></p>
        <ErrorSummary errors=errors />
        <p class="cd-caption">{fmt::text(feed, &service.name, l)}</p>
        <h1 class="cd-heading-xl">{ui.check_your_answers}</h1>
        <dl class="cd-summary-list">{rows}</dl>
        <p class="cd-inset">{goes_to}</p>
        <button type="button" class="cd-button" on:click=on_send prop:disabled=move || sending.get()>
            {ui.send_request}
        </button>
    }
    .into_any()
}
