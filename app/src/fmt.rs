//! Turning feed data and decisions into words, in the interface language.

use caidan_core::decision::format_money;
use caidan_core::wire::{Delivery, PriorityLevel};
use caidan_core::{CostDecision, Feed, Outcome, Text};

use crate::i18n::{Locale, Ui};

/// A feed text in the interface language (falling back to the feed's own).
pub fn text(feed: &Feed, t: &Text, locale: Locale) -> String {
    t.get(locale.tag(), feed.default_locale()).to_string()
}

/// A money amount with its currency: `¥15` or `¥12.50`.
pub fn money(feed: &Feed, fen: i64) -> String {
    match feed.currency() {
        "CNY" => format!("¥{}", format_money(fen)),
        other => format!("{} {other}", format_money(fen)),
    }
}

/// What the resident pays, in words: "Free", "You pay ¥5 per meal", or a
/// range while a subsidy is not settled.
pub fn cost_line(feed: &Feed, cost: &CostDecision, unit: &Text, locale: Locale) -> String {
    let ui = locale.ui();
    let unit = text(feed, unit, locale);
    let unit = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    match cost.pays {
        Some(0) => ui.free.to_string(),
        Some(p) => format!("{} {}{unit}", ui.you_pay, money(feed, p)),
        None => format!(
            "{} {} {} {}{unit}",
            ui.you_pay_between,
            money(feed, cost.pays_min),
            ui.and_,
            money(feed, cost.pays_max)
        ),
    }
}

/// The cost line a resident sees for a decision, if any.
pub fn shown_cost_line(
    feed: &Feed,
    service: &caidan_core::wire::Service,
    decision: &caidan_core::Decision,
    locale: Locale,
) -> Option<String> {
    match decision.shown_cost()? {
        caidan_core::ShownCost::Free => Some(locale.ui().free.to_string()),
        caidan_core::ShownCost::Pays(c) => {
            let unit = service
                .cost
                .as_ref()
                .map(|w| w.unit.clone())
                .unwrap_or_default();
            Some(cost_line(feed, c, &unit, locale))
        }
    }
}

/// The badge for an outcome: its words and its CSS modifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Badge {
    /// "You qualify".
    Eligible,
    /// "You may qualify".
    Undetermined,
    /// "Not for you".
    Ineligible,
    /// "Not available here".
    Unavailable,
}

impl Badge {
    /// The badge for a decision's outcome.
    pub fn of(outcome: Outcome) -> Badge {
        match outcome {
            Outcome::Eligible => Badge::Eligible,
            Outcome::Undetermined => Badge::Undetermined,
            Outcome::Ineligible => Badge::Ineligible,
            Outcome::Unavailable => Badge::Unavailable,
        }
    }

    /// The CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Badge::Eligible => "eligible",
            Badge::Undetermined => "undetermined",
            Badge::Ineligible => "ineligible",
            Badge::Unavailable => "unavailable",
        }
    }

    /// The words on the badge.
    pub fn label(self, ui: &Ui) -> &'static str {
        match self {
            Badge::Eligible => ui.badge_eligible,
            Badge::Undetermined => ui.badge_undetermined,
            Badge::Ineligible => ui.badge_ineligible,
            Badge::Unavailable => ui.badge_unavailable,
        }
    }

    /// A symbol, so the badge is not told by colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Badge::Eligible => "✓",
            Badge::Undetermined => "?",
            Badge::Ineligible => "✗",
            Badge::Unavailable => "–",
        }
    }
}

/// A priority level in words.
pub fn priority(level: PriorityLevel, ui: &Ui) -> &'static str {
    match level {
        PriorityLevel::Urgent => ui.priority_urgent,
        PriorityLevel::High => ui.priority_high,
    }
}

/// A delivery mode in words.
pub fn delivery(mode: Delivery, ui: &Ui) -> &'static str {
    match mode {
        Delivery::Home => ui.delivery_home,
        Delivery::Centre => ui.delivery_centre,
        Delivery::Phone => ui.delivery_phone,
        Delivery::Online => ui.delivery_online,
    }
}

/// `MO,TU,WE` as day names.
pub fn days(byday: &str, locale: Locale) -> String {
    let names: Vec<&str> = byday
        .split(',')
        .map(|d| match (d.trim(), locale) {
            ("MO", Locale::Zh) => "周一",
            ("TU", Locale::Zh) => "周二",
            ("WE", Locale::Zh) => "周三",
            ("TH", Locale::Zh) => "周四",
            ("FR", Locale::Zh) => "周五",
            ("SA", Locale::Zh) => "周六",
            ("SU", Locale::Zh) => "周日",
            ("MO", Locale::En) => "Mon",
            ("TU", Locale::En) => "Tue",
            ("WE", Locale::En) => "Wed",
            ("TH", Locale::En) => "Thu",
            ("FR", Locale::En) => "Fri",
            ("SA", Locale::En) => "Sat",
            ("SU", Locale::En) => "Sun",
            (other, _) => other,
        })
        .collect();
    names.join(if locale == Locale::Zh { "、" } else { ", " })
}

/// A phone URL without its scheme, for display.
pub fn phone(url: &str) -> &str {
    url.strip_prefix("tel:").unwrap_or(url)
}
