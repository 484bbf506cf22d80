//! A resident's answers to a feed's facts, validated against the facts.
//!
//! Each fact is in one of three states: *unanswered* (absent: it may still be
//! asked), *unknown* (the resident said "I don't know", JSON `null`: it is
//! never asked again), or answered with a value of the fact's type.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::date::Date;
use crate::feed::Feed;
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
            .facts()
            .get(index)
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
        if let Some(s) = self.slots.get_mut(index) {
            *s = slot;
        }
        Ok(())
    }

    /// Forgets one fact (it becomes unanswered again).
    pub fn clear(&mut self, fact: usize) {
        if let Some(s) = self.slots.get_mut(fact) {
            *s = Slot::Unanswered;
        }
    }

    /// The state of a fact by index.
    pub fn slot(&self, fact: usize) -> &Slot {
        self.slots.get(fact).unwrap_or(&Slot::Unanswered)
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
    pub fn subset_json(&self, feed: &Feed, used: &[usize]) -> BTreeMap<String, Json> {
        used.iter()
            .filter_map(|&i| {
                let fact = feed.facts().get(i)?;
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
        match self.answers.slot(fact) {
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
