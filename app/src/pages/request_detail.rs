use caidan_core::request::carry::Carried;
use caidan_core::request::{apply, Destination, Evaluation, Event, Request, Satisfaction, State};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params;

use crate::i18n::{Locale, Ui};
use crate::kiosk::{use_kiosk, Kiosk};
use crate::pages::routed::RequestParams;
use crate::state::{locale_signal, use_current, use_requests};
use crate::{browser, fmt, send};

/// The voucher as a QR code: SVG elements (one path of dark modules inside
/// a four-module quiet zone), built as nodes, never parsed from markup.
fn qr_svg(code: &str) -> Option<impl IntoView> {
    qr_svg_sized(code, 180)
}

/// A QR code of `text`, `px` wide on screen.
fn qr_svg_sized(text: &str, px: u32) -> Option<impl IntoView> {
    let qr = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let width = qr.width();
    let mut path = String::new();
    for (i, colour) in qr.to_colors().iter().enumerate() {
        if *colour == qrcode::Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    let size = width + 8;
    Some(view! {
        <svg
            xmlns="http://www.w3.org/2000/svg"
            viewBox=format!("0 0 {size} {size}")
            width=px.to_string()
            height=px.to_string()
            shape-rendering="crispEdges"
            aria-hidden="true"
        >
            <rect width=size.to_string() height=size.to_string() fill="#ffffff" />
            <path d=path fill="#000000" />
        </svg>
    })
}

/// `/requests/:id`: one request: the voucher (code, QR, what next, print) or
/// the intake's request number, its status, and what the resident can do
/// next: send again, cancel, say it was received, rate it.
#[component]
pub fn RequestDetail() -> impl IntoView {
    let lang = locale_signal();
    let current = use_current();
    let requests = use_requests();
    let kiosk = use_kiosk();
    let params = use_params::<RequestParams>();
    send::refresh_statuses(requests);
    let rating = RwSignal::new(None::<Satisfaction>);
    let comment = RwSignal::new(String::new());
    let rating_error = RwSignal::new(Vec::<(String, String)>::new());
    move || {
        let l = lang.get();
        let ui = l.ui();
        let id = params.read().as_ref().ok().and_then(|p| p.id);
        let request = id.and_then(|id| requests.list.read().iter().find(|r| r.id == id).cloned());
        let Some(r) = request else {
            return view! {
                <h1 class="cd-heading-xl">{ui.request_not_found}</h1>
                <p><A href="/requests">{ui.my_requests}</A></p>
            }
            .into_any();
        };
        let feed = current.feed();
        let service = feed.service(&r.service_id);
        let name = crate::api::find_service(feed, &r.service_id)
            .map_or_else(|| r.service_id.clone(), |(f, s)| fmt::text(f, &s.name, l));
        let destination = r.goes_to();
        let open311 = !matches!(destination, Destination::Voucher);
        let voucher = r.voucher().map(|v| v.as_str().to_string()).ok();
        let in_flight = requests.sending.read().contains(&r.id);
        let waiting = crate::network::waits_for_network(r.id);
        let heading = match (&r.state, open311) {
            (State::Queued | State::Unconfirmed, _) if in_flight => ui.sending,
            (State::Queued, _) if waiting => ui.network.waiting_title,
            (State::Queued, _) => ui.not_sent,
            (State::Unconfirmed, _) => ui.unconfirmed_title,
            (_, true) => ui.request_sent,
            // A kiosk saves nothing: the resident takes the code away.
            (_, false) if kiosk.on() => ui.kiosk_request_made,
            (_, false) => ui.request_saved,
        };
        let take_it = kiosk.on().then(
            || view! { <p class="cd-notice cd-notice--warning">{ui.kiosk_take_it_with_you}</p> },
        );
        let refused = match destination {
            Destination::Refused { endpoint } => Some(ui.intake_refused.replace(
                "{host}",
                &browser::host_of(endpoint).unwrap_or_else(|| endpoint.clone()),
            )),
            _ => None,
        };
        let sendable = r.sendable().is_some();
        let send_error = requests.send_errors.read().get(&r.id).cloned();
        let notes = requests.remote_notes.read().get(&r.id).cloned();
        let rid = r.id;
        let retry = move |_| send::send(requests, rid);
        let transition = move |event: Event| {
            requests.list.update(|list| {
                if let Some(x) = list.iter_mut().find(|x| x.id == rid) {
                    let _ = x.transition(&event, browser::now());
                }
            })
        };
        let can = |event: &Event| apply(&r.state, event).is_ok();
        let voucher_block = (!open311 || refused.is_some())
            .then(|| voucher.clone())
            .flatten()
            .map(|code| {
                let svg = qr_svg(&code);
                view! {
                    <div class="cd-voucher">
                        <h2 class="cd-heading-l">{ui.voucher_code}</h2>
                        <p class="cd-voucher__code">{code.clone()}</p>
                        <div
                            class="cd-voucher__qr"
                            role="img"
                            aria-label=format!("QR {code}")
                        >
                            {svg}
                        </div>
                        <p>{ui.voucher_help}</p>
                    </div>
                }
            });
        let remote = r.remote_id.clone().map(|remote| {
            view! {
                <h2 class="cd-heading-l">{ui.service_request_id}</h2>
                <p class="cd-voucher__code">{remote}</p>
            }
        });
        let not_kept = requests.unsaved.get().then(|| {
            let text = ui
                .not_kept
                .replace("{code}", voucher.as_deref().unwrap_or_default());
            view! { <p class="cd-notice cd-notice--warning" role="alert">{text}</p> }
        });
        let offline = (r.state == State::Queued && waiting).then(|| {
            view! {
                <div class="cd-notice" role="status">
                    <p>{ui.network.waiting_body}</p>
                    <p>{ui.kept_on_device}</p>
                </div>
            }
        });
        let failure = (r.state == State::Queued && !waiting).then(|| {
            view! {
                <div class="cd-notice cd-notice--warning" role=if in_flight { "status" } else { "alert" }>
                    {send_error.clone().map(|e| view! { <p>{e}</p> })}
                    {refused.clone().map(|why| view! { <p>{why}</p> })}
                    <p>{ui.kept_on_device}</p>
                </div>
                {(!in_flight && sendable).then(|| view! {
                    <button type="button" class="cd-button" on:click=retry>{ui.try_again_send}</button>
                })}
            }
        });
        let next_steps = service.map(|s| what_next(feed, s, ui, l));
        let cancelled = r.intake_had_it().map(|had| {
            let text = if had {
                ui.cancel_not_told
            } else {
                ui.cancel_never_sent
            };
            view! { <p class="cd-notice">{text}</p> }
        });
        let unconfirmed = (r.state == State::Unconfirmed && !in_flight).then(|| {
            let text = ui
                .unconfirmed_body
                .replace("{code}", voucher.as_deref().unwrap_or_default());
            view! {
                <div class="cd-notice cd-notice--warning" role="alert">
                    <p>{text}</p>
                </div>
                <button type="button" class="cd-button cd-button--secondary" on:click=move |_| send::send_again(requests, rid)>
                    {ui.send_again_anyway}
                </button>
            }
        });
        let cancel = can(&Event::Cancel).then(|| {
            view! {
                <button type="button" class="cd-button cd-button--warning" on:click=move |_| transition(Event::Cancel)>
                    {ui.cancel_request}
                </button>
            }
        });
        let received = can(&Event::Deliver).then(|| {
            view! {
                <button type="button" class="cd-button cd-button--secondary" on:click=move |_| transition(Event::Deliver)>
                    {ui.received_service}
                </button>
            }
        });
        let evaluate = (r.state == State::Delivered).then(|| {
            let request = r.clone();
            let on_submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let Some(level) = rating.get_untracked() else {
                    return;
                };
                let Ok(evaluation) = Evaluation::new(level, &comment.get_untracked()) else {
                    return;
                };
                transition(Event::Evaluate(evaluation.clone()));
                send::send_evaluation(request.clone(), evaluation);
            };
            view! {
                <crate::components::ErrorSummary errors=rating_error />
                {evaluation_form(ui, rating, comment, on_submit)}
            }
        });
        let evaluated = match &r.state {
            State::Evaluated(e) => Some(view! {
                <p>{ui.thanks_evaluation} " " {ui.satisfaction(e.level)}</p>
            }),
            _ => None,
        };
        // The heading follows the request's state here: so does the title.
        super::heading_changed();
        view! {
            <p class="cd-caption">{name}</p>
            <h1 class="cd-heading-xl">{heading}</h1>
            {take_it}
            {not_kept}
            {offline}
            {failure}
            {unconfirmed}
            {cancelled}
            {voucher_block}
            {remote}
            <dl class="cd-summary-list">
                <dt>{ui.status}</dt>
                <dd>{ui.state(&r.state)} {notes.map(|n| format!(" — {n}"))}</dd>
                <dt>{ui.created}</dt>
                <dd>{created(&r)}</dd>
            </dl>
            {if kiosk.on() {
                kiosk_take_away(&r, kiosk, feed, ui, l).into_any()
            } else {
                (!open311).then(|| view! {
                    <p><button type="button" class="cd-button cd-button--secondary" on:click=|_| browser::print()>{ui.print}</button></p>
                }).into_any()
            }}
            {next_steps}
            {evaluated}
            {evaluate}
            <div class="cd-button-group">{received} {cancel}</div>
            <p><A href="/requests">{ui.my_requests}</A></p>
        }
        .into_any()
    }
}

/// What a visitor takes away from a kiosk: "Print my ticket" (when the
/// kiosk has a printer) and "Continue on your phone", a QR code of a link
/// that carries the voucher code, the service and the feed, nothing else.
fn kiosk_take_away(
    r: &Request,
    kiosk: Kiosk,
    feed: &'static caidan_core::Feed,
    ui: &'static Ui,
    l: Locale,
) -> impl IntoView {
    let code = r.voucher().ok().map(|v| v.as_str().to_owned());
    let is_voucher = matches!(r.goes_to(), Destination::Voucher);
    // What the centre needs to find the request: the voucher, or the
    // intake's number for a request it has.
    let ticket_code = if is_voucher {
        code.clone()
    } else {
        r.remote_id.clone()
    };
    let config = kiosk.config.get_untracked().unwrap_or_default();
    let printer = config.printer;
    let ticket = ticket_code.filter(|_| printer).map(|code| {
        let service = feed.service(&r.service_id);
        let name = crate::api::find_service(feed, &r.service_id)
            .map_or_else(|| r.service_id.clone(), |(f, s)| fmt::text(f, &s.name, l));
        let next = service.map(|s| what_next(feed, s, ui, l));
        let date = created(r);
        view! {
            <p>
                <button type="button" class="cd-button cd-button--secondary" on:click=|_| browser::print()>
                    {ui.kiosk_print_ticket}
                </button>
            </p>
            <section class="cd-ticket">
                <p class="cd-ticket__menu">{fmt::text(feed, feed.title(), l)}</p>
                <p class="cd-ticket__service">{name}</p>
                <p class="cd-ticket__code">{code.clone()}</p>
                <div class="cd-ticket__qr">{qr_svg_sized(&code, 160)}</div>
                {next}
                <p>{ui.kiosk_ticket_date} ": " {date}</p>
            </section>
        }
    });
    let carry = if is_voucher { Carried::of(r) } else { None };
    let carry = carry.map(|mut c| {
        // In a sharded menu, the phone needs the district whose shard has
        // the service.
        c.district = crate::api::find_service(feed, &r.service_id)
            .and_then(|(f, _)| f.loaded_shard())
            .map(str::to_owned);
        let link = c.link(&config.phone_origin.clone().unwrap_or_else(browser::origin));
        view! {
            <section class="cd-carry" aria-labelledby="cd-carry-title">
                <h2 class="cd-heading-l" id="cd-carry-title">{ui.kiosk_continue_phone}</h2>
                <div class="cd-carry__qr" role="img" aria-label=ui.kiosk_continue_phone data-link=link.clone()>
                    {qr_svg_sized(&link, 280)}
                </div>
                <p>{ui.kiosk_continue_phone_help}</p>
            </section>
        }
    });
    view! { {ticket} {carry} }
}

fn created(r: &Request) -> String {
    let t = r.created_at.to_string();
    t.get(..16).map_or(t.clone(), |s| s.replace('T', " "))
}

/// Where to go and when, and the hotline: what a voucher holder does next.
fn what_next(
    feed: &caidan_core::Feed,
    s: &caidan_core::wire::Service,
    ui: &Ui,
    l: Locale,
) -> impl IntoView {
    let places = s
        .location_ids
        .iter()
        .filter_map(|id| feed.location(id))
        .map(|loc| {
            let hours = loc
                .schedules
                .iter()
                .map(|sc| {
                    format!(
                        "{} {}–{}",
                        fmt::days(&sc.byday, l),
                        sc.opens_at,
                        sc.closes_at
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            view! {
                <li>
                    <strong>{fmt::text(feed, &loc.name, l)}</strong>
                    ", " {fmt::text(feed, &loc.address, l)}
                    <br />
                    {hours}
                </li>
            }
        })
        .collect_view();
    let hotline = feed.hotline(s).map(str::to_string).map(|p| {
        view! { <p>{ui.hotline} ": " <crate::components::Phone url=p /></p> }
    });
    view! {
        <h2 class="cd-heading-l">{ui.what_next}</h2>
        <ul class="cd-list">{places}</ul>
        {hotline}
    }
}

/// The five-level rating (非常满意 … 非常不满意) with a comment.
fn evaluation_form(
    ui: &'static Ui,
    rating: RwSignal<Option<Satisfaction>>,
    comment: RwSignal<String>,
    on_submit: impl FnMut(leptos::ev::SubmitEvent) + 'static,
) -> impl IntoView {
    let options = Satisfaction::ALL
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let id = format!("rating-{i}");
            view! {
                <div class="cd-radios__item">
                    <input
                        class="cd-radios__input"
                        type="radio"
                        name="rating"
                        id=id.clone()
                        prop:checked=move || rating.get() == Some(s)
                        on:change=move |_| rating.set(Some(s))
                    />
                    <label class="cd-radios__label" for=id>{ui.satisfaction(s)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <form class="cd-form" on:submit=on_submit>
            <h2 class="cd-heading-l">{ui.evaluate}</h2>
            <fieldset class="cd-fieldset">
                <legend class="cd-fieldset__legend cd-label">{ui.how_satisfied}</legend>
                {options}
            </fieldset>
            <div class="cd-form-group">
                <label class="cd-label" for="rating-comment">{ui.comment}</label>
                <textarea
                    class="cd-textarea"
                    id="rating-comment"
                    rows="3"
                    maxlength="500"
                    prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))
                ></textarea>
            </div>
            <button type="submit" class="cd-button">{ui.send_evaluation}</button>
        </form>
    }
}
