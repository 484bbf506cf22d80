//! One route per file.

mod answers;
mod carry;
mod check;
mod district;
mod forget;
mod home;
mod not_found;
mod request;
pub(crate) mod request_detail;
mod requests;
mod result;
pub(crate) mod routed;
mod search;
mod service;
mod suggest;
mod where_;

pub use answers::{AnswersPage, ChangeAnswer};
pub use carry::CarryPage;
pub use check::{CheckStart, Question};
pub use district::DistrictPage;
pub use forget::ForgetPage;
pub use home::{provide_menu_place, use_menu_place, Home, MenuPlace, PAGE};
pub use not_found::NotFound;
pub use request::{CheckRequestPage, RequestPage};
pub use request_detail::RequestDetail;
pub use requests::MyRequests;
pub use result::ResultPage;
pub use routed::ServiceRoute;
pub use search::SearchPage;
pub use service::ServicePage;
pub use suggest::SuggestPage;
pub use where_::WherePage;

use caidan_core::wire::FactType;
use caidan_core::Feed;
use serde_json::Value as Json;

use leptos::prelude::{request_animation_frame, GetUntracked};

use crate::fmt;
use crate::i18n::Locale;
use crate::{browser, state};

/// The page's heading has changed (a new page, another language, a form
/// sent): once it is drawn, the document title follows it.
pub(crate) fn heading_changed() {
    let lang = state::locale_signal();
    request_animation_frame(move || browser::name_page(lang.get_untracked().ui().app_name));
}

/// A stored answer in words: "Yes", "I don't know", an option's label, a
/// region's name, a number with its unit.
pub(crate) fn answer_text(feed: &Feed, fact: &str, value: &Json, locale: Locale) -> String {
    let ui = locale.ui();
    let Some(def) = feed.fact(fact) else {
        return value.to_string();
    };
    match (def.kind, value) {
        (_, Json::Null) => ui.dont_know.into(),
        (FactType::Boolean, Json::Bool(true)) => ui.yes.into(),
        (FactType::Boolean, Json::Bool(false)) => ui.no.into(),
        (FactType::Choice, Json::String(key)) => def
            .options
            .iter()
            .find(|o| &o.key == key)
            .map_or_else(|| key.clone(), |o| fmt::text(feed, &o.label, locale)),
        (FactType::Region, Json::String(code)) => region_path(feed, code, locale),
        (_, Json::String(s)) => s.clone(),
        (_, other) => {
            let unit = fmt::text(feed, &def.unit, locale);
            if unit.is_empty() {
                other.to_string()
            } else {
                format!("{other} {unit}")
            }
        }
    }
}

/// A region with its parents below the city: "交道口街道 · 北锣鼓巷社区".
pub(crate) fn region_path(feed: &Feed, code: &str, locale: Locale) -> String {
    let mut names = Vec::new();
    let mut at = feed.region(code);
    while let Some(r) = at {
        if r.level > caidan_core::wire::RegionLevel::City {
            names.push(fmt::text(feed, &r.name, locale));
        }
        at = r.parent.as_deref().and_then(|p| feed.region(p));
        if names.len() > 8 {
            break;
        }
    }
    names.reverse();
    names.join(" · ")
}
