//! Decisions: what one resident's answers mean for one service on one date.
//!
//! A [`Decision`] never is a bare yes or no: it carries the outcome, the facts
//! still missing (the questions to ask next, in order), the cost with the
//! subsidy that applies or the range it could be, and the priority. The
//! plain-words explanation ([`Decision::reasons`]) is computed on demand,
//! since a whole menu is re-decided after every answer.
//!
//! When a rule cannot be evaluated because a fact is unanswered or "I don't
//! know", it is *unknown* (Kleene logic), never an error: the outcome is then
//! `Undetermined`, a subsidy's cost becomes a range, and an unknown priority
//! rule simply does not apply.

use serde_json::{json, Value as Json};

use crate::answers::{Answers, Slot};
use crate::date::Date;
use crate::feed::{FactIndex, Feed, ServiceIndex};
use crate::rule::{Clause, Evaluation, Truth};
use crate::wire::{PriorityLevel, Status};

/// The four outcomes of FEED.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The rule is true and the resident lives in the service area.
    Eligible,
    /// The rule is false.
    Ineligible,
    /// Not settled yet: see [`Decision::missing`].
    Undetermined,
    /// Not offered on that date, or not where the resident lives.
    Unavailable,
}

impl Outcome {
    /// The outcome's name in the decision JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Eligible => "eligible",
            Outcome::Ineligible => "ineligible",
            Outcome::Undetermined => "undetermined",
            Outcome::Unavailable => "unavailable",
        }
    }
}

/// Why a service is unavailable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unavailability {
    /// The service's status is not `active`.
    Status(Status),
    /// The service (or the feed) starts later.
    NotYet(Date),
    /// The service (or the feed) ended.
    Ended(Date),
    /// The resident's home is outside the service areas.
    OutsideArea,
}

/// The priority that applies to a resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Priority {
    /// `urgent` or `high`.
    pub level: PriorityLevel,
    /// Which of the service's priority rules gave it (for its `reason`).
    pub rule: usize,
}

/// What the resident pays, in fen (0.01 of the currency unit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostDecision {
    /// The full amount, before any subsidy.
    pub amount: i64,
    /// What the resident pays, when the subsidy is settled.
    pub pays: Option<i64>,
    /// The least the resident could pay.
    pub pays_min: i64,
    /// The most the resident could pay.
    pub pays_max: i64,
    /// The index of the applying subsidy, when settled.
    pub subsidy: Option<usize>,
    /// Unanswered facts that would settle the cost, in order.
    pub missing: Vec<FactIndex>,
}

/// The decision about one service for one set of answers on one date.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The service, by index in the feed.
    pub service: ServiceIndex,
    /// The outcome.
    pub outcome: Outcome,
    /// Why, when the outcome is `Unavailable`.
    pub unavailable: Option<Unavailability>,
    /// Whether the resident lives in the service area.
    pub in_area: Truth,
    /// The eligibility rule's value (true when the service has none).
    pub eligibility: Truth,
    /// For an undetermined outcome, the facts to ask next, in order; empty
    /// with `Undetermined` means only "I don't know" answers stand in the way
    /// (the resident should call the hotline).
    pub missing: Vec<FactIndex>,
    /// The highest priority level whose rule is true.
    pub priority: Option<Priority>,
    /// The cost; `None` for a free service.
    pub cost: Option<CostDecision>,
    /// The service has no places left: a request joins the waiting list.
    pub full: bool,
}

/// Decides one service (by index) for `answers` on `today`; `None` when the
/// index is out of range.
pub fn decide(
    feed: &Feed,
    service: ServiceIndex,
    answers: &Answers,
    today: Date,
) -> Option<Decision> {
    let s = feed.service_at(service)?;
    let c = feed.compiled(service)?;
    let env = answers.env(feed);

    let unavailable = if s.status != Status::Active {
        Some(Unavailability::Status(s.status))
    } else {
        let (feed_from, feed_until) = feed.valid_window();
        let starts = [c.valid_from, feed_from].into_iter().flatten().max();
        let ends = [c.valid_until, feed_until].into_iter().flatten().min();
        match (starts, ends) {
            (Some(f), _) if today < f => Some(Unavailability::NotYet(f)),
            (_, Some(u)) if today > u => Some(Unavailability::Ended(u)),
            _ => None,
        }
    };

    let residence = feed.residence_fact();
    let in_area = if c.areas.is_empty() {
        Truth::True
    } else {
        match answers.slot(residence) {
            Slot::Known(crate::rule::Value::Text(code)) => {
                let tree = feed.region_tree();
                match tree.get(code) {
                    Some(r) => Truth::from(c.areas.iter().any(|&a| tree.is_within(r, a))),
                    None => Truth::False,
                }
            }
            _ => Truth::Unknown,
        }
    };
    let unavailable = unavailable.or(match in_area {
        Truth::False => Some(Unavailability::OutsideArea),
        _ => None,
    });

    let Evaluation {
        value: eligibility,
        missing: rule_missing,
    } = match &c.eligibility {
        // Most rules settle; only an unknown one needs its missing facts.
        Some(rule) => match rule.eval(&env) {
            Truth::Unknown => rule.evaluate(&env),
            value => Evaluation {
                value,
                missing: Vec::new(),
            },
        },
        None => Evaluation {
            value: Truth::True,
            missing: Vec::new(),
        },
    };

    let outcome = if unavailable.is_some() {
        Outcome::Unavailable
    } else if eligibility == Truth::False {
        Outcome::Ineligible
    } else if eligibility == Truth::True && in_area == Truth::True {
        Outcome::Eligible
    } else {
        Outcome::Undetermined
    };

    let missing = if outcome == Outcome::Undetermined {
        let mut m = Vec::with_capacity(rule_missing.len() + 1);
        if in_area == Truth::Unknown && *answers.slot(residence) == Slot::Unanswered {
            m.push(residence);
        }
        for f in rule_missing.into_iter().map(FactIndex) {
            if !m.contains(&f) {
                m.push(f);
            }
        }
        m
    } else {
        Vec::new()
    };

    let priority = s
        .priority
        .iter()
        .zip(&c.priority)
        .enumerate()
        .filter(|(_, (_, rule))| rule.eval(&env) == Truth::True)
        .map(|(i, (p, _))| Priority {
            level: p.level,
            rule: i,
        })
        .max_by_key(|p| (p.level, std::cmp::Reverse(p.rule)));

    let cost = s.cost.as_ref().map(|cost| {
        let amount = to_fen(cost.amount);
        // The first subsidy whose `when` is true applies, provided every
        // earlier one is false; an unknown one makes both branches possible.
        let mut candidates: Vec<(i64, Option<usize>)> = Vec::new();
        let mut missing = Vec::new();
        let mut reached_true = false;
        for (i, (sub, rule)) in cost.subsidies.iter().zip(&c.subsidies).enumerate() {
            let value = rule.eval(&env);
            if value == Truth::False {
                continue;
            }
            candidates.push((apply_subsidy(amount, sub.covers_percent), Some(i)));
            if value == Truth::True {
                reached_true = true;
                break;
            }
            for f in rule.evaluate(&env).missing.into_iter().map(FactIndex) {
                if !missing.contains(&f) {
                    missing.push(f);
                }
            }
        }
        if !reached_true {
            candidates.push((amount, None));
        }
        let pays_min = candidates.iter().map(|c| c.0).min().unwrap_or(amount);
        let pays_max = candidates.iter().map(|c| c.0).max().unwrap_or(amount);
        let (pays, subsidy) = match candidates.as_slice() {
            [(pays, subsidy)] => (Some(*pays), *subsidy),
            _ => (None, None),
        };
        CostDecision {
            amount,
            pays,
            pays_min,
            pays_max,
            subsidy,
            missing: if pays.is_some() { Vec::new() } else { missing },
        }
    });

    let full = s.capacity.as_ref().is_some_and(|c| c.available == 0);

    Some(Decision {
        service,
        outcome,
        unavailable,
        in_area,
        eligibility,
        missing,
        priority,
        cost,
        full,
    })
}

/// Decides every service of the feed, in feed order.
pub fn decide_all(feed: &Feed, answers: &Answers, today: Date) -> Vec<Decision> {
    feed.service_indices()
        .filter_map(|i| decide(feed, i, answers, today))
        .collect()
}

/// What the resident is told about cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShownCost<'a> {
    /// The service is free.
    Free,
    /// What they pay, exactly or as a range.
    Pays(&'a CostDecision),
}

impl Decision {
    /// The cost to show the resident; `None` when they do not qualify, since
    /// a price for a service they cannot have is noise.
    pub fn shown_cost(&self) -> Option<ShownCost<'_>> {
        if self.outcome == Outcome::Ineligible {
            return None;
        }
        Some(self.cost.as_ref().map_or(ShownCost::Free, ShownCost::Pays))
    }

    /// The top-level clauses of the eligibility rule with their values, for
    /// "you qualify because ..." (empty when the service has no rule).
    pub fn reasons(&self, feed: &Feed, answers: &Answers) -> Vec<Clause> {
        feed.compiled(self.service)
            .and_then(|c| c.eligibility.as_ref())
            .map(|rule| rule.clauses(&answers.env(feed)))
            .unwrap_or_default()
    }

    /// Every fact the decision depends on (eligibility, area, subsidies,
    /// priority): what a request records from the answers.
    pub fn facts_used(&self, feed: &Feed) -> Vec<FactIndex> {
        let mut used = Vec::new();
        let Some(c) = feed.compiled(self.service) else {
            return used;
        };
        if !c.areas.is_empty() {
            used.push(feed.residence_fact());
        }
        let rules = c.eligibility.iter().chain(&c.subsidies).chain(&c.priority);
        for rule in rules {
            for f in rule.facts().iter().copied().map(FactIndex) {
                if !used.contains(&f) {
                    used.push(f);
                }
            }
        }
        used
    }

    /// The decision in the JSON form of the `caidan` CLI.
    pub fn to_json(&self, feed: &Feed, answers: &Answers) -> Json {
        let ids = |facts: &[FactIndex]| -> Vec<Json> {
            facts
                .iter()
                .filter_map(|&f| feed.fact_at(f).map(|f| Json::from(f.id.clone())))
                .collect()
        };
        let service = feed.service_at(self.service);
        let reasons: Vec<Json> = self
            .reasons(feed, answers)
            .into_iter()
            .map(|c| json!({ "clause": c.text, "value": c.value.as_option() }))
            .collect();
        let cost = self.cost.as_ref().map(|c| {
            json!({
                "currency": feed.currency(),
                "amount": money(c.amount),
                "pays": c.pays.map(money),
                "pays_min": money(c.pays_min),
                "pays_max": money(c.pays_max),
                "subsidy": c.subsidy,
                "missing": ids(&c.missing),
            })
        });
        json!({
            "service": service.map(|s| s.id.as_str()),
            "decision": self.outcome.as_str(),
            "missing": ids(&self.missing),
            "reasons": reasons,
            "priority": self.priority.map(|p| p.level.as_str()),
            "cost": cost,
            "full": self.full,
            "unavailable": self.unavailable.map(unavailability_str),
        })
    }
}

fn unavailability_str(u: Unavailability) -> String {
    match u {
        Unavailability::Status(Status::Active) => "active".into(),
        Unavailability::Status(Status::Inactive) => "inactive".into(),
        Unavailability::Status(Status::TemporarilyClosed) => "temporarily_closed".into(),
        Unavailability::Status(Status::Defunct) => "defunct".into(),
        Unavailability::NotYet(d) => format!("starts {d}"),
        Unavailability::Ended(d) => format!("ended {d}"),
        Unavailability::OutsideArea => "outside_area".into(),
    }
}

/// An amount of money in fen as a JSON number of currency units: `15` or
/// `12.5`.
pub fn money(fen: i64) -> Json {
    if fen.rem_euclid(100) == 0 {
        Json::from(fen / 100)
    } else {
        serde_json::Number::from_f64(fen as f64 / 100.0).map_or(Json::Null, Json::Number)
    }
}

/// Formats fen as a decimal string: `15`, `12.50`.
pub fn format_money(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    if abs.is_multiple_of(100) {
        format!("{sign}{}", abs / 100)
    } else {
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// An amount in currency units to whole fen, half away from zero.
pub fn to_fen(amount: f64) -> i64 {
    // Amounts are validated as finite and at most 1e9, so this fits.
    (amount * 100.0).round() as i64
}

/// What remains to pay of `amount` fen after a subsidy covering `percent`,
/// rounded to the fen, half away from zero.
pub fn apply_subsidy(amount: i64, percent: f64) -> i64 {
    // Percent in hundredths keeps `33.33` exact; the rest is integer math.
    let covered = (percent.clamp(0.0, 100.0) * 100.0).round() as i64;
    let numerator = amount as i128 * (10_000 - covered) as i128;
    let q = numerator / 10_000;
    let r = numerator % 10_000;
    let rounded = if r.abs() * 2 >= 10_000 {
        q + numerator.signum()
    } else {
        q
    };
    rounded as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsidies_round_half_away_from_zero() {
        let cases = [
            (2000, 0.0, 2000),
            (2000, 100.0, 0),
            (2000, 75.0, 500),
            (3000, 50.0, 1500),
            (1, 50.0, 1),       // 0.5 fen rounds up
            (3, 50.0, 2),       // 1.5 fen rounds up
            (1000, 33.33, 667), // 666.7 → 667
            (999, 12.5, 874),   // 874.125 → 874
        ];
        for (amount, percent, expected) in cases {
            assert_eq!(
                apply_subsidy(amount, percent),
                expected,
                "{amount} {percent}"
            );
        }
    }

    #[test]
    fn money_prints_like_the_contract() {
        assert_eq!(money(1500), json!(15));
        assert_eq!(money(1250), json!(12.5));
        assert_eq!(format_money(1250), "12.50");
        assert_eq!(format_money(0), "0");
    }
}
