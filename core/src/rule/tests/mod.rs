//! Tests of the rule language: a small feed schema, answers written as text,
//! and one data-driven table per area.

mod check;
mod eval;
mod parse;
mod props;
mod walk;

use super::{Answer, Env, FactKind, Schema, Value};

/// The facts of the test feed, in feed order, with the option keys of choice facts.
const FACTS: &[(&str, FactKind, &[&str])] = &[
    ("age", FactKind::Integer, &[]),
    ("living_alone", FactKind::Boolean, &[]),
    ("disability_grade", FactKind::Integer, &[]),
    (
        "income_status",
        FactKind::Choice,
        &["dibao", "low_income", "none"],
    ),
    ("residence", FactKind::Region, &[]),
    ("birthday", FactKind::Date, &[]),
    ("income", FactKind::Number, &[]),
    ("veteran", FactKind::Boolean, &[]),
    ("household", FactKind::Choice, &["single", "couple"]),
    ("work_place", FactKind::Region, &[]),
];

/// The region tree of the test feed, each code with its parent.
const REGIONS: &[(&str, Option<&str>)] = &[
    ("110000", None),
    ("110101", Some("110000")),
    ("110101002", Some("110101")),
    ("110101002003", Some("110101002")),
    ("110105", Some("110000")),
    ("110105001", Some("110105")),
    ("110105001001", Some("110105001")),
];

/// The test feed as a schema.
pub(super) struct TestSchema;

impl Schema for TestSchema {
    fn fact(&self, id: &str) -> Option<(usize, FactKind)> {
        FACTS
            .iter()
            .position(|(name, _, _)| *name == id)
            .and_then(|i| FACTS.get(i).map(|(_, kind, _)| (i, *kind)))
    }

    fn has_option(&self, fact: usize, key: &str) -> bool {
        FACTS
            .get(fact)
            .is_some_and(|(_, _, options)| options.contains(&key))
    }

    fn has_region(&self, code: &str) -> bool {
        REGIONS.iter().any(|(c, _)| *c == code)
    }
}

/// The index of a test fact by name.
pub(super) fn fact_index(name: &str) -> usize {
    FACTS
        .iter()
        .position(|(n, _, _)| *n == name)
        .unwrap_or_else(|| panic!("no test fact `{name}`"))
}

/// The name of a test fact by index.
pub(super) fn fact_name(index: usize) -> &'static str {
    FACTS.get(index).map_or("?", |(name, _, _)| name)
}

/// The state of one fact in the test answers.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Slot {
    Unanswered,
    DontKnow,
    Is(Value),
}

/// Answers for the test feed, with the test region tree.
#[derive(Debug, Clone)]
pub(super) struct TestEnv {
    pub(super) slots: Vec<Slot>,
}

impl TestEnv {
    /// Answers from text such as `age=70 living_alone=? residence=110105`:
    /// `?` is "I don't know", `true`/`false` a boolean; for choice, region
    /// and date facts anything else is text; otherwise a number is a number
    /// and anything else (or anything in quotes) text.
    pub(super) fn parse(text: &str) -> TestEnv {
        let mut env = TestEnv {
            slots: vec![Slot::Unanswered; FACTS.len()],
        };
        for pair in text.split_whitespace() {
            let (name, value) = pair
                .split_once('=')
                .unwrap_or_else(|| panic!("bad answer `{pair}`"));
            let fact = fact_index(name);
            let textual = matches!(
                FACTS[fact].1,
                FactKind::Choice | FactKind::Region | FactKind::Date
            );
            let text = || Slot::Is(Value::Text(value.trim_matches('"').to_owned()));
            let slot = match value {
                "?" => Slot::DontKnow,
                "true" => Slot::Is(Value::Bool(true)),
                "false" => Slot::Is(Value::Bool(false)),
                _ if textual || value.starts_with('"') => text(),
                _ => match value.parse::<f64>() {
                    Ok(n) => Slot::Is(Value::Number(n)),
                    Err(_) => text(),
                },
            };
            env.slots[fact] = slot;
        }
        env
    }
}

impl Env for TestEnv {
    fn answer(&self, fact: usize) -> Answer<'_> {
        match self.slots.get(fact) {
            Some(Slot::Is(value)) => Answer::Value(value),
            Some(Slot::DontKnow) => Answer::Unknown,
            Some(Slot::Unanswered) | None => Answer::Unanswered,
        }
    }

    fn within(&self, code: &str, ancestor: &str) -> bool {
        let mut current = Some(code);
        // The tree is shallow; the bound only guards against a cycle.
        for _ in 0..16 {
            match current {
                Some(c) if c == ancestor => return true,
                Some(c) => {
                    current = REGIONS
                        .iter()
                        .find(|(code, _)| *code == c)
                        .and_then(|(_, parent)| *parent);
                }
                None => return false,
            }
        }
        false
    }
}
