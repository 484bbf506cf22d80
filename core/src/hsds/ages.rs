//! The age range a rule implies: what HSDS calls `minimum_age` and
//! `maximum_age`.

use crate::rule::{Operand, Part, Rule};

/// Inclusive bounds on the `age` fact that every resident the rule accepts
/// lies within; `None` on a side the rule does not bound.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AgeRange {
    /// The lowest age the rule can accept.
    pub minimum: Option<f64>,
    /// The highest age the rule can accept.
    pub maximum: Option<f64>,
}

/// The age range `rule` implies for the fact at index `age` (whose answers
/// are whole years when `whole` is true).
///
/// Only what the rule certainly implies is reported: comparisons of `age`
/// with a number (either way round) bound it; `and` keeps the tightest
/// bounds of its operands, `or` the loosest, and only where every operand
/// has one; anything under `not`, `in` lists and other facts bound
/// nothing. So `age >= 60 and residence within "110101"` gives a minimum of
/// 60, and `age >= 75 or disability_grade in [1, 2]` gives none. With whole
/// years a strict bound moves to the next whole year (`age > 59` is 60).
pub fn age_range(rule: &Rule, age: usize, whole: bool) -> AgeRange {
    let mut parts = Vec::new();
    rule.walk(|part, depth| parts.push((part, depth)));
    range_at(&parts, 0, age, whole)
}

fn range_at(parts: &[(Part<'_>, usize)], at: usize, age: usize, whole: bool) -> AgeRange {
    let Some((part, depth)) = parts.get(at) else {
        return AgeRange::default();
    };
    // The operands of a part follow it, one level deeper, until the walk
    // comes back to its depth.
    let children = || {
        parts
            .iter()
            .enumerate()
            .skip(at + 1)
            .take_while(|(_, (_, d))| d > depth)
            .filter(|(_, (_, d))| *d == depth + 1)
            .map(|(i, _)| range_at(parts, i, age, whole))
    };
    match part {
        Part::And(_) => children().fold(AgeRange::default(), |acc, r| AgeRange {
            minimum: tighter(acc.minimum, r.minimum, f64::max),
            maximum: tighter(acc.maximum, r.maximum, f64::min),
        }),
        Part::Or(_) => {
            let mut all = children();
            let Some(first) = all.next() else {
                return AgeRange::default();
            };
            all.fold(first, |acc, r| AgeRange {
                minimum: acc.minimum.zip(r.minimum).map(|(a, b)| a.min(b)),
                maximum: acc.maximum.zip(r.maximum).map(|(a, b)| a.max(b)),
            })
        }
        Part::Compare { op, lhs, rhs } => match (lhs, rhs) {
            (Operand::Fact(f), Operand::Number(n)) if *f == age => bound(op, *n, whole),
            (Operand::Number(n), Operand::Fact(f)) if *f == age => bound(flip(op), *n, whole),
            _ => AgeRange::default(),
        },
        _ => AgeRange::default(),
    }
}

fn tighter(a: Option<f64>, b: Option<f64>, pick: fn(f64, f64) -> f64) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(pick(a, b)),
        (a, b) => a.or(b),
    }
}

/// `60 <= age` says what `age >= 60` says.
fn flip(op: &str) -> &str {
    match op {
        "<" => ">",
        "<=" => ">=",
        ">" => "<",
        ">=" => "<=",
        other => other,
    }
}

fn bound(op: &str, n: f64, whole: bool) -> AgeRange {
    let (up, down) = if whole { (n.ceil(), n.floor()) } else { (n, n) };
    let (minimum, maximum) = match op {
        ">=" => (Some(up), None),
        ">" if whole => (Some(n.floor() + 1.0), None),
        ">" => (Some(n), None),
        "<=" => (None, Some(down)),
        "<" if whole => (None, Some(n.ceil() - 1.0)),
        "<" => (None, Some(n)),
        "==" => (Some(n), Some(n)),
        _ => (None, None),
    };
    AgeRange { minimum, maximum }
}
