use leptos::prelude::*;

use crate::fmt;
use crate::kiosk::is_kiosk;
use crate::state::locale_signal;

/// A phone number from the feed (`tel:…`): a link that calls it on a
/// resident's phone; on a kiosk, the number in large type to call from
/// their own phone (nothing on a kiosk leaves the app).
#[component]
pub fn Phone(url: String) -> impl IntoView {
    let lang = locale_signal();
    let shown = fmt::phone(&url).to_string();
    if is_kiosk() {
        view! {
            <span class="cd-phone cd-phone--kiosk">{shown}</span>
            <span class="cd-phone__hint">{move || lang.get().ui().kiosk_call_from_phone}</span>
        }
        .into_any()
    } else {
        view! { <a href=url class="cd-phone">{shown}</a> }.into_any()
    }
}
