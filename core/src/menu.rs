//! The menu a resident sees: which services to list, after their filters.

use crate::decision::{Decision, Outcome, Unavailability};
use crate::feed::{Feed, ServiceIndex};
use crate::wire::{Delivery, Status};

/// What the resident chose to narrow the menu to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MenuFilter {
    /// Only this category.
    pub category: Option<String>,
    /// Only services delivered this way.
    pub delivery: Option<Delivery>,
    /// Only services the resident qualifies for.
    pub qualify_only: bool,
}

/// Whether a service belongs on the resident's menu at all: it is offered
/// where they live (or where they live is not known yet), and it has not
/// ended or been withdrawn. Temporarily closed and not-yet-started services
/// stay on the menu, marked as not available.
pub fn is_listed(decision: &Decision) -> bool {
    !matches!(
        decision.unavailable,
        Some(Unavailability::OutsideArea)
            | Some(Unavailability::Ended(_))
            | Some(Unavailability::Status(Status::Inactive | Status::Defunct))
    )
}

/// The services to show, by index, in feed order.
pub fn select(feed: &Feed, decisions: &[Decision], filter: &MenuFilter) -> Vec<ServiceIndex> {
    decisions
        .iter()
        .filter(|d| is_listed(d))
        .filter(|d| !filter.qualify_only || d.outcome == Outcome::Eligible)
        .filter_map(|d| {
            let s = feed.service_at(d.service)?;
            let category_ok = filter.category.as_ref().is_none_or(|c| &s.category == c);
            let delivery_ok = filter.delivery.is_none_or(|m| s.delivery.contains(&m));
            (category_ok && delivery_ok).then_some(d.service)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::{decide_all, Answers};

    fn ids(feed: &Feed, selected: &[ServiceIndex]) -> Vec<String> {
        selected
            .iter()
            .filter_map(|&i| feed.service_at(i))
            .map(|s| s.id.clone())
            .collect()
    }

    #[test]
    fn filters_narrow_the_menu() {
        let feed = Feed::parse(include_str!("../tests/data/worked.json")).unwrap();
        let today = Date::parse("2026-11-26").unwrap();
        let none = Answers::new(&feed);
        let all = decide_all(&feed, &none, today);
        let check = |answers: &Answers, filter: MenuFilter, expected: &[&str]| {
            let decisions = decide_all(&feed, answers, today);
            assert_eq!(
                ids(&feed, &select(&feed, &decisions, &filter)),
                expected,
                "{filter:?}"
            );
        };
        check(&none, MenuFilter::default(), &["care", "library", "closed"]);
        check(
            &none,
            MenuFilter {
                qualify_only: true,
                ..MenuFilter::default()
            },
            &["library"],
        );
        check(
            &none,
            MenuFilter {
                category: Some("other".into()),
                ..MenuFilter::default()
            },
            &[],
        );
        check(
            &none,
            MenuFilter {
                delivery: Some(Delivery::Home),
                ..MenuFilter::default()
            },
            &[],
        );
        // Someone in another district does not see a service not offered there.
        let elsewhere =
            Answers::from_json(&feed, &serde_json::json!({"residence": "110101001001"})).unwrap();
        check(&elsewhere, MenuFilter::default(), &["library", "closed"]);
        assert_eq!(all.len(), 3);
    }
}
