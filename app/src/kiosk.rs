//! Kiosk mode: a walk-up touch screen in a service centre that serves one
//! visitor after another and remembers none of them.
//!
//! Only the deployment turns it on (`"kiosk"` in `caidan.json`), never a
//! link. On a kiosk the app keeps nothing on the device (every value lives
//! in memory, [`browser::keep_nothing_on_device`]), a visit occupies one
//! history entry, and a visit ends — after the idle warning runs out, or at
//! "Finish and clear my details" — by loading the page afresh, so nothing
//! of it survives anywhere: not in storage, not in memory, not in history.

use std::time::Duration;

use caidan_core::deploy::KioskConfig;
use leptos::prelude::*;

use crate::browser;
use crate::i18n::{Locale, Ui};
use crate::state::{locale_signal, Elderly};

/// Whether this deployment is a kiosk, and whether a visit has started.
#[derive(Clone, Copy)]
pub struct Kiosk {
    /// The deployment's kiosk settings; `None` on an ordinary site.
    pub config: RwSignal<Option<KioskConfig>>,
    /// Whether the visitor has pressed "Start" on the welcome screen.
    pub started: RwSignal<bool>,
    /// Where a visit's end returns to: the app's start, with the feed the
    /// kiosk was set up with.
    pub home: StoredValue<String>,
}

impl Kiosk {
    /// The kiosk state of an app that has not loaded its config yet.
    pub fn new(requested_feed: Option<&str>) -> Kiosk {
        let home = match requested_feed {
            Some(feed) => format!("/?feed={}", js_sys::encode_uri_component(feed)),
            None => "/".to_owned(),
        };
        Kiosk {
            config: RwSignal::new(None),
            started: RwSignal::new(false),
            home: StoredValue::new(home),
        }
    }

    /// Turns kiosk mode on for the life of the page: nothing is kept on the
    /// device, the history never grows, nothing navigates away.
    pub fn enter(&self, config: KioskConfig) {
        browser::keep_nothing_on_device();
        // Nothing waits to be sent after the visit: no Background Sync.
        crate::network::set_persist_queue(false);
        browser::replace_every_push();
        browser::keep_links_inside();
        browser::set_root_class("cd-kiosk", true);
        self.config.set(Some(config));
    }

    /// Whether this is a kiosk (reactive).
    pub fn on(&self) -> bool {
        self.config.read().is_some()
    }

    /// Whether the welcome screen is showing (reactive).
    pub fn welcoming(&self) -> bool {
        self.on() && !self.started.get()
    }

    /// Ends the visit now: everything is forgotten and the welcome screen
    /// returns.
    pub fn finish(&self) {
        browser::forget_memory();
        crate::network::leave_for(&self.home.get_value());
    }
}

/// The kiosk state.
pub fn use_kiosk() -> Kiosk {
    expect_context::<Kiosk>()
}

/// Whether the app runs as a kiosk (reactive; `false` outside the app).
pub fn is_kiosk() -> bool {
    use_context::<Kiosk>().is_some_and(|k| k.on())
}

/// A length of time in words: "2 分钟", "90 seconds".
fn duration(seconds: u32, ui: &Ui) -> String {
    if seconds >= 60 && seconds.is_multiple_of(60) {
        ui.kiosk_minutes.replace("{n}", &(seconds / 60).to_string())
    } else {
        ui.kiosk_seconds.replace("{n}", &seconds.to_string())
    }
}

/// The start of every visit: the menu's title, the language, large text,
/// "Start", and how long a visit may stay idle.
#[component]
pub fn Welcome(feed: &'static caidan_core::Feed) -> impl IntoView {
    let kiosk = use_kiosk();
    let lang = locale_signal();
    let elderly = expect_context::<Elderly>().0;
    let idle = kiosk
        .config
        .get_untracked()
        .unwrap_or_default()
        .idle_seconds;
    let start = move |_| {
        kiosk.started.set(true);
        request_animation_frame(browser::focus_main_heading);
    };
    let languages = Locale::ALL
        .into_iter()
        .map(|l| {
            view! {
                <button
                    type="button"
                    class="cd-welcome__choice"
                    lang=l.tag()
                    aria-pressed=move || if lang.get() == l { "true" } else { "false" }
                    on:click=move |_| lang.set(l)
                >
                    {l.autonym()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="cd-welcome">
            <p class="cd-welcome__brand" aria-hidden="true">"菜单 Caidan"</p>
            <h1 class="cd-heading-xl" tabindex="-1">
                {move || {
                    let t = crate::fmt::text(feed, feed.title(), lang.get());
                    if t.is_empty() { lang.get().ui().app_name.to_owned() } else { t }
                }}
            </h1>
            <p class="cd-lead">{move || lang.get().ui().kiosk_welcome}</p>
            <div class="cd-welcome__group" role="group" aria-labelledby="cd-welcome-language">
                <p class="cd-welcome__label" id="cd-welcome-language">
                    {move || lang.get().ui().language}
                </p>
                <div class="cd-welcome__choices">{languages}</div>
            </div>
            <div class="cd-welcome__group">
                <button
                    type="button"
                    class="cd-welcome__choice"
                    aria-pressed=move || if elderly.get() { "true" } else { "false" }
                    on:click=move |_| elderly.update(|on| *on = !*on)
                >
                    {move || lang.get().ui().elderly_mode}
                </button>
            </div>
            <button type="button" class="cd-button cd-welcome__start" on:click=start>
                {move || lang.get().ui().kiosk_start}
            </button>
            <p class="cd-welcome__note">
                {move || {
                    let ui = lang.get().ui();
                    ui.kiosk_idle_note.replace("{time}", &duration(idle, ui))
                }}
            </p>
        </div>
    }
}

/// "Finish and clear my details", always on screen during a visit.
#[component]
pub fn FinishButton() -> impl IntoView {
    let kiosk = use_kiosk();
    let lang = locale_signal();
    view! {
        <button type="button" class="cd-button cd-button--warning cd-kiosk-finish" on:click=move |_| kiosk.finish()>
            {move || lang.get().ui().kiosk_finish}
        </button>
    }
}

/// Milliseconds since the epoch, on the device's clock.
fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// What the countdown says aloud at `left` seconds: every ten seconds and
/// at five, never every second (WCAG 2.2.1, without drowning the reader).
fn spoken_at(left: u32, total: u32) -> bool {
    left < total && left > 0 && (left.is_multiple_of(10) || left == 5)
}

/// Watches for a visit nobody is using: after `idle_seconds` without a
/// touch, key or scroll, a modal warning counts down `warning_seconds`;
/// "I'm still here" (or Escape) gives the visit its full time again, as
/// often as needed; at zero the visit ends. On the welcome screen, a
/// language or large text chosen and left is undone after `idle_seconds`.
#[component]
pub fn IdleGuard(config: KioskConfig) -> impl IntoView {
    let kiosk = use_kiosk();
    let lang = locale_signal();
    let elderly = expect_context::<Elderly>().0;
    let chosen = move || lang.get_untracked() != Locale::default() || elderly.get_untracked();
    let (idle_seconds, warning_seconds) = (config.idle_seconds, config.warning_seconds);
    let last_activity = StoredValue::new(now_ms());
    // The moment the visit ends, while the warning is showing.
    let deadline = RwSignal::new(None::<f64>);
    let left = RwSignal::new(warning_seconds);
    let spoken = RwSignal::new(String::new());
    let dialog = NodeRef::<leptos::html::Dialog>::new();

    let touched = move || {
        if deadline.get_untracked().is_none() {
            last_activity.set_value(now_ms());
        }
    };
    let handles = [
        window_event_listener(leptos::ev::pointerdown, move |_| touched()),
        window_event_listener(leptos::ev::keydown, move |_| touched()),
        window_event_listener(leptos::ev::wheel, move |_| touched()),
        window_event_listener(leptos::ev::touchstart, move |_| touched()),
        window_event_listener(leptos::ev::scroll, move |_| touched()),
        window_event_listener(leptos::ev::input, move |_| touched()),
    ];
    let tick = set_interval_with_handle(
        move || {
            let now = now_ms();
            match deadline.get_untracked() {
                None => {
                    let idle = now - last_activity.get_value();
                    let idle = idle >= f64::from(idle_seconds) * 1000.0;
                    if kiosk.started.get_untracked() {
                        if idle {
                            left.set(warning_seconds);
                            spoken.set(String::new());
                            deadline.set(Some(now + f64::from(warning_seconds) * 1000.0));
                        }
                    } else if idle && chosen() {
                        // Someone chose a language or large text and walked
                        // away: the next visitor gets the defaults.
                        kiosk.finish();
                    }
                }
                Some(end) if now >= end => kiosk.finish(),
                Some(end) => {
                    let remaining = ((end - now) / 1000.0).ceil().max(0.0) as u32;
                    if remaining != left.get_untracked() {
                        left.set(remaining);
                        if spoken_at(remaining, warning_seconds) {
                            let ui = lang.get_untracked().ui();
                            spoken
                                .set(ui.kiosk_seconds_left.replace("{n}", &remaining.to_string()));
                        }
                    }
                }
            }
        },
        Duration::from_millis(250),
    )
    .ok();
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        if let Some(t) = tick {
            t.clear();
        }
    });

    // The dialog opens modally (the page behind is inert, focus moves to
    // "I'm still here") and closes when the visitor answers.
    Effect::new(move |_| {
        let open = deadline.get().is_some();
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    let still_here = move || {
        last_activity.set_value(now_ms());
        spoken.set(String::new());
        deadline.set(None);
    };
    view! {
        <dialog
            node_ref=dialog
            class="cd-dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="cd-idle-title"
            aria-describedby="cd-idle-body"
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                still_here();
            }
            // The browser may close it itself (Escape pressed twice): that
            // too is someone at the screen.
            on:close=move |_| {
                if deadline.get_untracked().is_some() {
                    still_here();
                }
            }
        >
            <h2 class="cd-heading-l" id="cd-idle-title">{move || lang.get().ui().kiosk_still_there}</h2>
            <p id="cd-idle-body">
                {move || {
                    let ui = lang.get().ui();
                    ui.kiosk_warning.replace("{time}", &duration(warning_seconds, ui))
                }}
            </p>
            <p class="cd-dialog__count" role="timer">
                {move || lang.get().ui().kiosk_seconds_left.replace("{n}", &left.get().to_string())}
            </p>
            <p class="cd-visually-hidden" aria-live="assertive" aria-atomic="true">{move || spoken.get()}</p>
            <button type="button" class="cd-button" autofocus on:click=move |_| still_here()>
                {move || lang.get().ui().kiosk_still_here}
            </button>
        </dialog>
    }
}
