//! A resident's answers to a feed's facts, validated against the facts.
//!
//! Each fact is in one of three states: *unanswered* (absent: it may still be
//! asked), *unknown* (the resident said "I don't know", JSON `null`: it is
//! never asked again), or answered with a value of the fact's type.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::date::Date;
use crate::feed::{FactIndex, Feed};
use crate::input::{parse_number, NotANumber};
use crate::rule::{Answer, Env, Value};
use crate::wire::{Fact, FactType};

/// One fact's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Slot {
    /// Not asked yet.
    #[default]
    Unanswered,
    /// "I don't know".
    Unknown,
    /// A value of the fact's type.
    Known(Value),
}

/// Answers, one slot per fact of the feed they were made for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    slots: Vec<Slot>,
}

/// Why an answer was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// The answers are not a JSON object.
    #[error("answers must be a JSON object from fact id to value")]
    NotAnObject,
    /// No fact has this id.
    #[error("`{0}`: no such fact in this feed")]
    UnknownFact(String),
    /// The value does not fit the fact.
    #[error("`{fact}`: {problem}")]
    Invalid {
        fact: String,
        problem: AnswerProblem,
    },
}

/// What is wrong with one answer, so that an interface can say it in the
/// resident's language.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AnswerProblem {
    /// A boolean fact got something else.
    #[error("expected true or false, found `{0}`")]
    NotABoolean(String),
    /// A number fact got something else.
    #[error("expected a number, found `{0}`")]
    NotANumber(String),
    /// An integer fact got a fraction.
    #[error("expected a whole number, found `{0}`")]
    NotWhole(String),
    /// Below the fact's `min`.
    #[error("`{value}` is below the minimum {min}")]
    BelowMin { value: f64, min: f64 },
    /// Above the fact's `max`.
    #[error("`{value}` is above the maximum {max}")]
    AboveMax { value: f64, max: f64 },
    /// A choice fact got a key that is not among its options.
    #[error("`{key}` is not an option; expected one of {expected}")]
    NotAnOption { key: String, expected: String },
    /// A region fact got something that is not a code of this feed.
    #[error("`{0}` is not a region of this feed")]
    UnknownRegion(String),
    /// A region at the wrong level.
    #[error("`{code}` is a {found}, expected a {expected}")]
    WrongLevel {
        code: String,
        found: &'static str,
        expected: &'static str,
    },
    /// A date fact got something that is not a date.
    #[error("expected a date like `2026-01-31`, found `{0}`")]
    NotADate(String),
}

impl Eq for AnswerProblem {}

impl Answers {
    /// No answers at all for `feed`.
    pub fn new(feed: &Feed) -> Self {
        Answers {
            slots: vec![Slot::Unanswered; feed.facts().len()],
        }
    }

    /// Answers from a JSON object of fact id to value (`null` = "I don't
    /// know"); every invalid entry is reported.
    pub fn from_json(feed: &Feed, json: &Json) -> Result<Self, Vec<AnswerError>> {
        let Json::Object(map) = json else {
            return Err(vec![AnswerError::NotAnObject]);
        };
        let mut answers = Answers::new(feed);
        let errors: Vec<AnswerError> = map
            .iter()
            .filter_map(|(id, v)| answers.set(feed, id, v).err())
            .collect();
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }

    /// Sets one fact from its JSON form (`null` = "I don't know").
    pub fn set(&mut self, feed: &Feed, fact: &str, value: &Json) -> Result<(), AnswerError> {
        let index = feed
            .fact_index(fact)
            .ok_or_else(|| AnswerError::UnknownFact(fact.to_string()))?;
        let def = feed
            .fact_at(index)
            .ok_or_else(|| AnswerError::UnknownFact(fact.to_string()))?;
        let slot = if value.is_null() {
            Slot::Unknown
        } else {
            Slot::Known(
                check_answer(feed, def, value).map_err(|problem| AnswerError::Invalid {
                    fact: fact.to_string(),
                    problem,
                })?,
            )
        };
        if let Some(s) = self.slots.get_mut(index.get()) {
            *s = slot;
        }
        Ok(())
    }

    /// Forgets one fact (it becomes unanswered again).
    pub fn clear(&mut self, fact: FactIndex) {
        if let Some(s) = self.slots.get_mut(fact.get()) {
            *s = Slot::Unanswered;
        }
    }

    /// The state of a fact by index.
    pub fn slot(&self, fact: FactIndex) -> &Slot {
        self.slots.get(fact.get()).unwrap_or(&Slot::Unanswered)
    }

    /// The answers as a JSON object (unanswered facts left out).
    pub fn to_json(&self, feed: &Feed) -> Json {
        let mut map = serde_json::Map::new();
        for (fact, slot) in feed.facts().iter().zip(&self.slots) {
            let v = match slot {
                Slot::Unanswered => continue,
                Slot::Unknown => Json::Null,
                Slot::Known(v) => value_to_json(v, fact.kind),
            };
            map.insert(fact.id.clone(), v);
        }
        Json::Object(map)
    }

    /// Only the facts in `used`, as JSON: what a request carries.
    pub fn subset_json(&self, feed: &Feed, used: &[FactIndex]) -> BTreeMap<String, Json> {
        used.iter()
            .filter_map(|&i| {
                let fact = feed.fact_at(i)?;
                let v = match self.slot(i) {
                    Slot::Unanswered => return None,
                    Slot::Unknown => Json::Null,
                    Slot::Known(v) => value_to_json(v, fact.kind),
                };
                Some((fact.id.clone(), v))
            })
            .collect()
    }

    /// Pairs these answers with the feed's region tree for rule evaluation.
    pub fn env<'a>(&'a self, feed: &'a Feed) -> AnswerEnv<'a> {
        AnswerEnv {
            answers: self,
            feed,
        }
    }
}

/// Answers seen through a feed: what rules evaluate against.
pub struct AnswerEnv<'a> {
    answers: &'a Answers,
    feed: &'a Feed,
}

impl Env for AnswerEnv<'_> {
    fn answer(&self, fact: usize) -> Answer<'_> {
        match self.answers.slots.get(fact).unwrap_or(&Slot::Unanswered) {
            Slot::Unanswered => Answer::Unanswered,
            Slot::Unknown => Answer::Unknown,
            Slot::Known(v) => Answer::Value(v),
        }
    }

    fn within(&self, code: &str, ancestor: &str) -> bool {
        self.feed.region_tree().code_within(code, ancestor)
    }
}

/// Checks one JSON answer against its fact, giving the value rules see.
pub fn check_answer(feed: &Feed, fact: &Fact, v: &Json) -> Result<Value, AnswerProblem> {
    let shown = || v.to_string();
    match fact.kind {
        FactType::Boolean => v
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| AnswerProblem::NotABoolean(shown())),
        FactType::Integer | FactType::Number => {
            let n = v
                .as_f64()
                .filter(|n| n.is_finite())
                .ok_or_else(|| AnswerProblem::NotANumber(shown()))?;
            if fact.kind == FactType::Integer && n.fract() != 0.0 {
                return Err(AnswerProblem::NotWhole(shown()));
            }
            if let Some(min) = fact.min.filter(|&m| n < m) {
                return Err(AnswerProblem::BelowMin { value: n, min });
            }
            if let Some(max) = fact.max.filter(|&m| n > m) {
                return Err(AnswerProblem::AboveMax { value: n, max });
            }
            Ok(Value::Number(n))
        }
        FactType::Choice => {
            let key = v.as_str().ok_or_else(|| AnswerProblem::NotAnOption {
                key: shown(),
                expected: option_list(fact),
            })?;
            if fact.options.iter().any(|o| o.key == key) {
                Ok(Value::Text(key.to_string()))
            } else {
                Err(AnswerProblem::NotAnOption {
                    key: key.to_string(),
                    expected: option_list(fact),
                })
            }
        }
        FactType::Region => {
            let code = v
                .as_str()
                .ok_or_else(|| AnswerProblem::UnknownRegion(shown()))?;
            let level = feed
                .region_level(code)
                .ok_or_else(|| AnswerProblem::UnknownRegion(code.to_string()))?;
            match fact.level {
                Some(want) if want != level => Err(AnswerProblem::WrongLevel {
                    code: code.to_string(),
                    found: level.as_str(),
                    expected: want.as_str(),
                }),
                _ => Ok(Value::Text(code.to_string())),
            }
        }
        FactType::Date => {
            let s = v.as_str().ok_or_else(|| AnswerProblem::NotADate(shown()))?;
            Date::parse(s).map_err(|_| AnswerProblem::NotADate(s.to_string()))?;
            Ok(Value::Text(s.to_string()))
        }
    }
}

/// What the resident typed or picked for a fact, as its JSON answer,
/// checked against the fact: `true` or `false` for a boolean; a number as
/// people type it (full-width digits, thousands separators), a whole number
/// written as an integer; an option key, a region code or a date as given.
/// Surrounding spaces are ignored; `Ok(None)` means nothing was entered.
///
/// "I don't know" is not typed: it is the answer `null`.
pub fn answer_from_input(
    feed: &Feed,
    fact: &Fact,
    raw: &str,
) -> Result<Option<Json>, AnswerProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let value = match fact.kind {
        FactType::Boolean => match raw {
            "true" => Json::Bool(true),
            "false" => Json::Bool(false),
            _ => return Err(AnswerProblem::NotABoolean(raw.to_string())),
        },
        FactType::Integer | FactType::Number => {
            let n = parse_number(raw)
                .map_err(|NotANumber| AnswerProblem::NotANumber(raw.to_string()))?;
            value_to_json(&Value::Number(n), fact.kind)
        }
        FactType::Choice | FactType::Region | FactType::Date => Json::String(raw.to_string()),
    };
    check_answer(feed, fact, &value)?;
    Ok(Some(value))
}

fn option_list(fact: &Fact) -> String {
    fact.options
        .iter()
        .map(|o| format!("`{}`", o.key))
        .collect::<Vec<_>>()
        .join(", ")
}

fn value_to_json(v: &Value, kind: FactType) -> Json {
    match v {
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) if kind == FactType::Integer && n.fract() == 0.0 && n.abs() < 9.0e15 => {
            Json::from(*n as i64)
        }
        Value::Number(n) => serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number),
        Value::Text(s) => Json::String(s.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What typing gives: the answer, or the problem's message.
    type Typed = Result<Option<Json>, &'static str>;

    fn check_input(fact: &str, raw: &str, expected: Typed) {
        let feed = Feed::parse(include_str!("../tests/data/worked.json")).unwrap();
        let def = feed.fact(fact).unwrap();
        let got = answer_from_input(&feed, def, raw).map_err(|e| e.to_string());
        assert_eq!(got, expected.map_err(str::to_owned), "{fact} `{raw}`");
    }

    /// A fact, what the resident typed, and the answer or message expected.
    type InputCase = (
        &'static str,
        &'static str,
        Result<Option<Json>, &'static str>,
    );

    #[test]
    fn typed_answers_are_read_as_the_resident_meant_them() {
        let cases: &[InputCase] = &[
            ("age", " 85 ", Ok(Some(json!(85)))),
            ("age", "８５", Ok(Some(json!(85)))),
            ("age", "", Ok(None)),
            ("age", "85.5", Err("expected a whole number, found `85.5`")),
            ("age", "eighty", Err("expected a number, found `eighty`")),
            ("age", "131", Err("`131` is above the maximum 130")),
            ("living_alone", "true", Ok(Some(json!(true)))),
            (
                "living_alone",
                "yes",
                Err("expected true or false, found `yes`"),
            ),
            ("income_status", "dibao", Ok(Some(json!("dibao")))),
            (
                "income_status",
                "rich",
                Err("`rich` is not an option; expected one of `dibao`, `low_income`, `none`"),
            ),
            ("residence", "110105001001", Ok(Some(json!("110105001001")))),
            (
                "residence",
                "110105",
                Err("`110105` is a district, expected a community"),
            ),
        ];
        for (fact, raw, expected) in cases {
            check_input(fact, raw, expected.clone());
        }
    }
}
