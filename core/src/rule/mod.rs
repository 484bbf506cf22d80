//! The rule language of the feed: eligibility, subsidy and priority conditions.
//!
//! A rule is a short text such as `age >= 60 and residence within "110101"`.
//! [`Rule::compile`] parses it and checks its types against a [`Schema`] (the
//! feed's facts and regions) in one go, resolving every fact id to its index
//! in the feed's facts list. Evaluation then works on those indices only: it
//! never looks a fact up by name and does not allocate unless it has facts to
//! report as missing.
//!
//! Evaluation is three-valued (Kleene). A fact that is unanswered, or answered
//! "I don't know", is unknown; `false and x` is false and `true or x` is true
//! whatever `x` is; otherwise unknown spreads. A comparison with an unknown
//! operand is unknown. An answer whose value has the wrong type for its fact
//! (which the answers module should never produce) also makes the comparison
//! unknown rather than failing.
//!
//! Invariants:
//! - Nothing here panics on any input text or any answers: the text is capped
//!   at [`MAX_RULE_LEN`] bytes and nesting at [`MAX_DEPTH`] levels, so the
//!   recursive parser, checker and evaluator cannot overflow the stack.
//! - This module knows nothing about the rest of the crate; the feed and the
//!   answers reach it only through the [`Schema`] and [`Env`] traits.
//! - Columns in errors are 1-based and count characters (not bytes) from the
//!   start of the rule text.

mod check;
mod eval;
mod lexer;
mod parser;
mod walk;

#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use walk::{Items, Operand, Part};

/// The longest rule text accepted, in bytes.
pub const MAX_RULE_LEN: usize = 4096;

/// The deepest nesting of parentheses and `not` accepted.
pub const MAX_DEPTH: usize = 64;

/// Kleene three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Truth {
    /// Certainly true.
    True,
    /// Certainly false.
    False,
    /// Not known with the answers given.
    Unknown,
}

impl Truth {
    /// The value as an `Option`, `None` when unknown.
    pub fn as_option(self) -> Option<bool> {
        match self {
            Truth::True => Some(true),
            Truth::False => Some(false),
            Truth::Unknown => None,
        }
    }

    /// Kleene conjunction: false if either side is false.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            _ => Truth::Unknown,
        }
    }

    /// Kleene disjunction: true if either side is true.
    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::True, _) | (_, Truth::True) => Truth::True,
            (Truth::False, Truth::False) => Truth::False,
            _ => Truth::Unknown,
        }
    }

    /// Whether the value is settled (true or false).
    pub fn is_known(self) -> bool {
        self != Truth::Unknown
    }
}

impl From<bool> for Truth {
    fn from(value: bool) -> Truth {
        if value {
            Truth::True
        } else {
            Truth::False
        }
    }
}

impl std::ops::Not for Truth {
    type Output = Truth;

    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// A fact's type as the rule checker sees it.
///
/// The serde names are the feed's `type` strings (`"boolean"`, `"integer"`,
/// ...), so the feed module can read a fact's type straight into this enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    /// Yes or no.
    Boolean,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// One of the fact's option keys.
    Choice,
    /// A region code from the feed's region tree.
    Region,
    /// A date, `YYYY-MM-DD`.
    Date,
}

impl FactKind {
    /// The feed's name for this type.
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Boolean => "boolean",
            FactKind::Integer => "integer",
            FactKind::Number => "number",
            FactKind::Choice => "choice",
            FactKind::Region => "region",
            FactKind::Date => "date",
        }
    }
}

/// What the type checker needs to know about the feed (implemented by the feed module).
pub trait Schema {
    /// Index of the fact in the feed's facts list and its kind, or None if unknown.
    fn fact(&self, id: &str) -> Option<(usize, FactKind)>;
    /// Whether a choice fact has this option key.
    fn has_option(&self, fact: usize, key: &str) -> bool;
    /// Whether the region code exists in the feed's region tree.
    fn has_region(&self, code: &str) -> bool;
}

/// An answer value.
///
/// Integer and number facts are both `Number`; choice keys, region codes and
/// dates (`YYYY-MM-DD`) are `Text`. In JSON it is the bare value (`true`,
/// `70`, `"dibao"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// The answer to a boolean fact.
    Bool(bool),
    /// The answer to an integer or number fact.
    Number(f64),
    /// A choice key, a region code or a date.
    Text(String),
}

/// The state of one fact in a resident's answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer<'a> {
    /// Not asked yet, or not answered.
    Unanswered,
    /// Answered "I don't know"; such a fact is never asked again.
    Unknown,
    /// Answered with a value.
    Value(&'a Value),
}

/// What evaluation needs (implemented by the answers module).
pub trait Env {
    /// The answer for the fact at this index of the feed's facts list.
    fn answer(&self, fact: usize) -> Answer<'_>;
    /// true when the region `code` (a resident's answer) is `ancestor` or lies below it.
    fn within(&self, code: &str, ancestor: &str) -> bool;
}

/// A parsed and type-checked rule.
///
/// Cloning is cheap: clones share one compiled rule, so a feed that repeats
/// a condition across services holds it once.
#[derive(Clone)]
pub struct Rule(Arc<Compiled>);

/// What a [`Rule`] shares among its clones.
struct Compiled {
    source: String,
    root: check::Node,
    facts: Vec<usize>,
    clauses: Vec<(usize, usize)>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Compiled {
            source,
            root,
            facts,
            clauses,
        } = &*self.0;
        f.debug_struct("Rule")
            .field("source", source)
            .field("root", root)
            .field("facts", facts)
            .field("clauses", clauses)
            .finish()
    }
}

/// The value of a rule together with the facts that could still change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The rule's value.
    pub value: Truth,
    /// Unanswered facts that could still change an unknown value, in order
    /// of first appearance in the rule; empty when the value is known.
    pub missing: Vec<usize>,
}

/// One top-level clause of a rule, for explanations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// The clause's source text, trimmed.
    pub text: String,
    /// The clause's value.
    pub value: Truth,
}

/// Why a rule could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {kind}")]
pub struct RuleError {
    /// Where it goes wrong: 1-based, in characters from the start of the rule.
    pub column: usize,
    /// What goes wrong.
    pub kind: RuleErrorKind,
}

/// What is wrong with a rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleErrorKind {
    /// The rule text is longer than [`MAX_RULE_LEN`].
    #[error("rule is longer than {max} bytes")]
    TooLong {
        /// The limit in bytes.
        max: usize,
    },
    /// Parentheses and `not` nest deeper than [`MAX_DEPTH`].
    #[error("rule nests deeper than {max} levels")]
    TooDeep {
        /// The limit in levels.
        max: usize,
    },
    /// A character that starts no token.
    #[error("unexpected character `{0}`")]
    UnexpectedChar(char),
    /// A single `=` where `==` was probably meant.
    #[error("unexpected `=`, use `==` to compare")]
    SingleEquals,
    /// A string without its closing quote.
    #[error("unterminated string")]
    UnterminatedString,
    /// A backslash escape other than `\"` and `\\`.
    #[error("invalid escape `\\{0}` in string, only `\\\"` and `\\\\` are allowed")]
    InvalidEscape(char),
    /// A number that is malformed or too large.
    #[error("invalid number `{0}`")]
    InvalidNumber(String),
    /// The grammar wanted something else here.
    #[error("expected {expected}, found {found}")]
    Expected {
        /// What the grammar allows here.
        expected: &'static str,
        /// The token found, in backticks, or `end of rule`.
        found: String,
    },
    /// An identifier that is not one of the feed's facts.
    #[error("unknown fact `{0}`")]
    UnknownFact(String),
    /// A number, string or other non-boolean where a condition is needed.
    #[error("expected a boolean, found {found}")]
    NotBoolean {
        /// The operand found.
        found: String,
    },
    /// A comparison of values of different types.
    #[error("cannot compare {left} with {right}")]
    Mismatch {
        /// The left operand.
        left: String,
        /// The right operand (or list item).
        right: String,
    },
    /// `<`, `<=`, `>` or `>=` on something other than numbers or dates.
    #[error("`{op}` needs numbers or dates, found {found}")]
    NotOrdered {
        /// The operator.
        op: &'static str,
        /// The operand found.
        found: String,
    },
    /// A string compared with a choice fact that is not one of its option keys.
    #[error("`{key}` is not an option of choice fact `{fact}`")]
    UnknownOption {
        /// The choice fact.
        fact: String,
        /// The string that is not a key.
        key: String,
    },
    /// A region code that is not in the feed's region tree.
    #[error("unknown region `{0}`")]
    UnknownRegion(String),
    /// A string compared with a date that is not a valid `YYYY-MM-DD` date.
    #[error("invalid date `{0}`, expected YYYY-MM-DD")]
    InvalidDate(String),
    /// `within` applied to something other than a region fact.
    #[error("`within` needs a region fact, found {found}")]
    WithinNeedsRegion {
        /// The operand found.
        found: String,
    },
}

impl Rule {
    /// Parse and type-check in one go; facts are resolved to indices here so
    /// evaluation does no string lookups of fact ids.
    pub fn compile(source: &str, schema: &dyn Schema) -> Result<Rule, RuleError> {
        let expr = parser::parse(source)?;
        let checked = check::check(&expr, schema)?;
        Ok(Rule(Arc::new(Compiled {
            source: source.to_owned(),
            root: checked.root,
            facts: checked.facts,
            clauses: checked.clauses,
        })))
    }

    /// The rule's source text.
    pub fn source(&self) -> &str {
        &self.0.source
    }

    /// Fact indices in order of first appearance, deduplicated.
    pub fn facts(&self) -> &[usize] {
        &self.0.facts
    }

    /// The rule's value for these answers; does not allocate.
    pub fn eval(&self, env: &dyn Env) -> Truth {
        eval::eval(&self.0.root, env)
    }

    /// The value plus the facts that are missing: the unanswered facts (not
    /// those answered "I don't know") that could still change an unknown
    /// value, in order of first appearance in the rule, deduplicated.
    ///
    /// A fact inside a part whose value is already settled is not missing:
    /// in an `and` with a false operand nothing is missing, otherwise the
    /// missing facts are those of its unknown operands; `or` is the same
    /// with true. A comparison with an operand answered "I don't know" stays
    /// unknown whatever else is answered, so it has no missing facts. When
    /// the value is true or false, nothing is missing.
    pub fn evaluate(&self, env: &dyn Env) -> Evaluation {
        let mut missing = Vec::new();
        let value = eval::eval_missing(&self.0.root, env, &mut missing);
        if value.is_known() {
            missing.clear();
        }
        // Order by first appearance in the rule; `facts` is in that order.
        let rank = |fact: &usize| self.0.facts.iter().position(|f| f == fact);
        missing.sort_unstable_by_key(rank);
        missing.dedup();
        Evaluation { value, missing }
    }

    /// Calls `visit` with every part of the compiled rule and its depth:
    /// the root at depth 1, each part before its operands, left to right.
    /// Read-only, for tools and tests that ask what a rule is made of;
    /// evaluation does not use it.
    pub fn walk<'a>(&'a self, mut visit: impl FnMut(Part<'a>, usize)) {
        walk::walk(&self.0.root, 1, &mut visit);
    }

    /// Top-level clauses (split on the outermost `and`/`or`), each with its
    /// source text (trimmed) and value. A rule without a top-level `and` or
    /// `or` is one clause.
    pub fn clauses(&self, env: &dyn Env) -> Vec<Clause> {
        let text = |&(start, end): &(usize, usize)| {
            self.0
                .source
                .get(start..end)
                .unwrap_or("")
                .trim()
                .to_owned()
        };
        match &self.0.root {
            check::Node::And(items) | check::Node::Or(items) => items
                .iter()
                .zip(&self.0.clauses)
                .map(|(node, span)| Clause {
                    text: text(span),
                    value: eval::eval(node, env),
                })
                .collect(),
            root => self
                .0
                .clauses
                .iter()
                .map(|span| Clause {
                    text: text(span),
                    value: eval::eval(root, env),
                })
                .collect(),
        }
    }
}

/// Parses a rule without a schema (syntax only), for fuzzing and quick checks.
pub fn parse_only(source: &str) -> Result<(), RuleError> {
    parser::parse(source).map(|_| ())
}

/// The words of the rule language, which can therefore never name a fact.
pub const KEYWORDS: [&str; 7] = ["and", "or", "not", "in", "within", "true", "false"];

/// Whether `id` is a word of the rule language, or looks like a number, and
/// so could never be written as a fact in a rule.
pub fn is_keyword(id: &str) -> bool {
    KEYWORDS.contains(&id) || id.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
}
