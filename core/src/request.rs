//! Requests: what a resident orders, its answers and contact, and its
//! lifecycle from draft to evaluation.
//!
//! The lifecycle is the loop 群众点单 → 社区派单 → 社会组织接单 → 群众评单
//! (the resident orders, the community dispatches, the organisation accepts
//! and delivers, the resident evaluates), written as a [`State`] enum and the
//! free function [`apply`]. Everything here is pure: times and ids are passed
//! in, nothing is sent anywhere.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::date::{Date, DateTime};
use crate::voucher::{self, Voucher, VoucherError};
use crate::wire::{Attribute, Datatype, Period};

/// The longest `string` attribute answer, in characters.
pub const STRING_LIMIT: usize = 200;
/// The longest `text` attribute answer, in characters.
pub const TEXT_LIMIT: usize = 2000;
/// The longest evaluation comment, in characters.
pub const COMMENT_LIMIT: usize = 500;
/// The longest demand suggestion, in characters.
pub const SUGGESTION_LIMIT: usize = 500;
/// The longest contact name, in characters.
pub const NAME_LIMIT: usize = 50;

/// A request as the device keeps it (persisted as JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The request id, below 2^45 so that it has a voucher.
    pub id: u64,
    pub service_id: String,
    pub feed_id: String,
    pub feed_version: String,
    pub created_at: DateTime,
    /// The fact answers the decision used, as JSON values.
    #[serde(default)]
    pub answers_used: BTreeMap<String, serde_json::Value>,
    /// The answers to the service's request form, by attribute code.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttributeAnswer>,
    #[serde(default)]
    pub contact: Option<Contact>,
    /// The priority level the decision gave (`urgent`, `high`), if any.
    #[serde(default)]
    pub priority: Option<String>,
    /// What the resident was told they would pay.
    #[serde(default)]
    pub cost: Option<CostSnapshot>,
    /// Whether the request was placed on a waiting list (no capacity left).
    #[serde(default)]
    pub waiting_list: bool,
    pub state: State,
    /// Every state the request has been in, oldest first, with the time it
    /// entered it; the last entry is the current state.
    #[serde(default)]
    pub history: Vec<(DateTime, State)>,
    /// The intake server's id once it has one (`service_request_id`).
    #[serde(default)]
    pub remote_id: Option<String>,
    /// Sent with the request so that a retried submission is not taken twice.
    pub idempotency_key: String,
}

/// The cost shown to the resident when they placed the request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostSnapshot {
    pub currency: String,
    /// The full price per unit.
    pub amount: f64,
    /// What the resident pays, when it was settled.
    pub pays: Option<f64>,
    /// The least the resident could pay.
    pub pays_min: f64,
    /// The most the resident could pay.
    pub pays_max: f64,
}

/// How to reach the resident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    /// A normalised number, as [`validate_phone`] returns it.
    pub phone: String,
}

/// Why a contact is not usable.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ContactError {
    /// The name is blank.
    #[error("enter a name")]
    NameMissing,
    /// The name is longer than [`NAME_LIMIT`].
    #[error("the name has {length} characters, the limit is {limit}")]
    NameTooLong { length: usize, limit: usize },
    /// The name has a line break or another control character.
    #[error("the name must be on one line")]
    NameMultiline,
    /// The phone number is not valid.
    #[error(transparent)]
    Phone(#[from] PhoneError),
}

/// Why a text is not a mainland China phone number.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PhoneError {
    /// Nothing was entered.
    #[error("enter a phone number")]
    Empty,
    /// A character other than digits, spaces, hyphens, brackets and a
    /// leading `+`.
    #[error("`{character}` cannot be part of a phone number: use digits, spaces and hyphens")]
    Character { input: String, character: char },
    /// A country code other than +86.
    #[error("`{input}` is not a mainland China number: only +86 numbers are accepted")]
    Foreign { input: String },
    /// A number starting with 1 but not 11 digits long.
    #[error("`{input}` is not a mobile number: it has {count} digits, a mobile number has 11")]
    MobileLength { input: String, count: usize },
    /// An 11-digit number starting with 10, 11 or 12.
    #[error("`{input}` is not a mobile number: mobile numbers start with 13 to 19")]
    MobilePrefix { input: String },
    /// A number starting with 0 whose area code does not exist.
    #[error("`{input}` has no valid area code: write it like `010-12345678` or `0755-1234567`")]
    AreaCode { input: String },
    /// A landline number of the wrong length after the area code.
    #[error("`{input}` is not a landline number: after the area code `{area}` come 7 or 8 digits, not {count}")]
    LandlineLength {
        input: String,
        area: String,
        count: usize,
    },
    /// A local landline number without its area code.
    #[error("`{input}` needs its area code in front, like `010-12345678`")]
    MissingAreaCode { input: String },
    /// Anything else.
    #[error("`{input}` is not a phone number: write a mobile number of 11 digits or a landline number with its area code")]
    NotAPhone { input: String },
}

/// One answer on a service's request form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeAnswer {
    /// For `string` and `text` attributes.
    Text(String),
    /// For `number` attributes.
    Number(f64),
    /// For `datetime` attributes: RFC 3339, or `YYYY-MM-DDTHH:MM` as an HTML
    /// `datetime-local` input gives it.
    DateTime(String),
    /// For `singlevaluelist` attributes: the chosen key.
    One(String),
    /// For `multivaluelist` attributes: the chosen keys.
    Many(Vec<String>),
}

/// Why a form value cannot become an answer.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FormValueError {
    /// A `number` attribute got something else.
    #[error("`{value}` is not a number")]
    NotANumber { value: String },
}

/// One problem with the answers to a request form; each names the attribute.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AttributeError {
    /// An answer for a code the service does not ask.
    #[error("`{code}` is not a question of this service")]
    Unknown { code: String },
    /// A required attribute is unanswered or blank.
    #[error("`{code}` needs an answer")]
    Missing { code: String },
    /// The answer is of the wrong kind for the datatype.
    #[error("`{code}` needs {expected}, not {found}")]
    WrongType {
        code: String,
        expected: &'static str,
        found: &'static str,
    },
    /// The answer is longer than the datatype allows.
    #[error("`{code}` is too long: {length} characters, the limit is {limit}")]
    TooLong {
        code: String,
        length: usize,
        limit: usize,
    },
    /// A `string` answer with a line break.
    #[error("`{code}` must be on one line")]
    Multiline { code: String },
    /// A number that is infinite or not a number.
    #[error("`{code}` must be a finite number")]
    NotFinite { code: String },
    /// A `datetime` answer that is not a date and time.
    #[error("`{code}` needs a date and time like `2026-11-20T08:00`, not `{value}`")]
    Datetime { code: String, value: String },
    /// A key that is not among the attribute's values.
    #[error("`{code}` has no option `{key}`")]
    NotAnOption { code: String, key: String },
    /// A `multivaluelist` answer naming a key twice.
    #[error("`{code}` lists `{key}` more than once")]
    Duplicate { code: String, key: String },
}

/// Where a request is in its lifecycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum State {
    /// Being filled in on the device.
    Draft,
    /// Complete, waiting for a connection to be sent.
    Queued,
    /// Received by the intake channel.
    Submitted,
    /// The community or the provider took it on.
    Accepted,
    /// A time was agreed (`at` as the provider gave it).
    Scheduled { at: String },
    /// The resident or the provider says it was received.
    Delivered,
    /// The resident rated the service.
    Evaluated(Evaluation),
    /// Withdrawn by the resident.
    Cancelled,
    /// Turned down by the intake channel.
    Rejected { reason: String },
}

/// Something that happens to a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Submit,
    QueueOffline,
    Accept,
    Schedule { at: String },
    Deliver,
    Evaluate(Evaluation),
    Cancel,
    Reject { reason: String },
}

/// Why an event cannot happen to a request.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TransitionError {
    /// The event is not allowed in the current state.
    #[error("cannot `{event}` a request that is `{state}`")]
    Illegal {
        state: &'static str,
        event: &'static str,
    },
    /// The evaluation is not valid.
    #[error(transparent)]
    Evaluation(#[from] EvaluationError),
}

/// A resident's rating of a delivered service (群众评单).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub level: Satisfaction,
    /// At most [`COMMENT_LIMIT`] characters; may be empty.
    #[serde(default)]
    pub comment: String,
}

/// Why an evaluation is not valid.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EvaluationError {
    /// The comment is longer than [`COMMENT_LIMIT`].
    #[error("the comment has {length} characters, the limit is {limit}")]
    CommentTooLong { length: usize, limit: usize },
}

/// The five satisfaction levels of a community service evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    VerySatisfied,
    Satisfied,
    Neutral,
    Dissatisfied,
    VeryDissatisfied,
}

/// A resident's note that what they need is not on the menu (需求导向).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemandSuggestion {
    pub id: u64,
    /// What is needed, at most [`SUGGESTION_LIMIT`] characters.
    pub what: String,
    /// The region code it is needed in, if the resident said.
    #[serde(default)]
    pub region: Option<String>,
    pub urgency: Urgency,
    pub created_at: DateTime,
}

/// How pressing a suggested need is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Low,
    Medium,
    High,
}

/// Why a demand suggestion is not valid.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SuggestionError {
    /// `what` is blank.
    #[error("say what you need")]
    WhatMissing,
    /// `what` is longer than [`SUGGESTION_LIMIT`].
    #[error("the description has {length} characters, the limit is {limit}")]
    WhatTooLong { length: usize, limit: usize },
}

/// The state a request moves to when `event` happens in `state`.
///
/// The legal moves are:
///
/// | from | events |
/// | --- | --- |
/// | draft | submit, queue_offline, cancel |
/// | queued | submit, cancel |
/// | submitted | accept, reject, deliver, cancel |
/// | accepted | schedule, deliver, cancel |
/// | scheduled | schedule (reschedule), deliver, cancel |
/// | delivered | evaluate |
///
/// Evaluated, cancelled and rejected are final. Anything else is
/// [`TransitionError::Illegal`]; an evaluation with too long a comment is
/// [`TransitionError::Evaluation`].
pub fn apply(state: &State, event: &Event) -> Result<State, TransitionError> {
    use State as S;
    let next = match (state, event) {
        (S::Draft | S::Queued, Event::Submit) => S::Submitted,
        (S::Draft, Event::QueueOffline) => S::Queued,
        (S::Submitted, Event::Accept) => S::Accepted,
        (S::Submitted, Event::Reject { reason }) => S::Rejected {
            reason: reason.clone(),
        },
        (S::Accepted | S::Scheduled { .. }, Event::Schedule { at }) => {
            S::Scheduled { at: at.clone() }
        }
        // With a voucher nobody tells the device the request was accepted:
        // the resident's word that they received the service settles it.
        (S::Submitted | S::Accepted | S::Scheduled { .. }, Event::Deliver) => S::Delivered,
        (S::Delivered, Event::Evaluate(evaluation)) => {
            evaluation.validate()?;
            S::Evaluated(evaluation.clone())
        }
        (
            S::Draft | S::Queued | S::Submitted | S::Accepted | S::Scheduled { .. },
            Event::Cancel,
        ) => S::Cancelled,
        _ => {
            return Err(TransitionError::Illegal {
                state: state.as_str(),
                event: event.as_str(),
            })
        }
    };
    Ok(next)
}

/// Checks and normalises a mainland China phone number.
///
/// Accepted: mobile numbers `1[3-9]` plus nine digits, and landline numbers
/// `0` + area code + 7 or 8 digits, where the area code has two digits when
/// it starts with 1 or 2 (`010`, `020`–`029`) and three otherwise (`0755`),
/// as in China's numbering plan. Spaces, hyphens and brackets may appear
/// anywhere; full-width digits from a Chinese input method are read as ASCII;
/// a `+86` or `0086` prefix is allowed (the area code's `0` is then dropped,
/// as in `+86 10 12345678`).
///
/// Mobile numbers come back as 11 digits (`13812345678`), landlines as
/// `0AA-NNNNNNNN` (`010-12345678`, `0755-1234567`).
pub fn validate_phone(input: &str) -> Result<String, PhoneError> {
    let owned = || input.to_owned();
    let mut digits = String::new();
    let mut plus = false;
    let mut seen_anything = false;
    for raw in input.chars() {
        match narrow(raw) {
            c @ '0'..='9' => {
                digits.push(c);
                seen_anything = true;
            }
            ' ' | '-' | '\u{3000}' | '(' | ')' | '\t' => {}
            '+' if !plus && digits.is_empty() => {
                plus = true;
                seen_anything = true;
            }
            _ => {
                return Err(PhoneError::Character {
                    input: owned(),
                    character: raw,
                })
            }
        }
    }
    if !seen_anything {
        return Err(PhoneError::Empty);
    }
    let international = if plus {
        match digits.strip_prefix("86") {
            Some(rest) => Some(rest),
            None => return Err(PhoneError::Foreign { input: owned() }),
        }
    } else if let Some(rest) = digits.strip_prefix("0086") {
        Some(rest)
    } else if digits.len() == 13 && digits.starts_with("861") {
        digits.get(2..)
    } else if digits.starts_with("00") {
        return Err(PhoneError::Foreign { input: owned() });
    } else {
        None
    };
    let national = match international {
        // After a country code the trunk `0` of an area code is dropped;
        // Beijing's `10` looks like a mobile prefix but is shorter.
        Some(rest) if rest.starts_with("10") && rest.len() < 11 => format!("0{rest}"),
        Some(rest) if rest.starts_with('1') => rest.to_owned(),
        Some(rest) if rest.is_empty() || rest.starts_with('0') => {
            return Err(PhoneError::NotAPhone { input: owned() })
        }
        Some(rest) => format!("0{rest}"),
        None => digits.clone(),
    };
    let count = national.len();
    let bytes = national.as_bytes();
    match bytes.first() {
        Some(b'1') => {
            if count != 11 {
                return Err(PhoneError::MobileLength {
                    input: owned(),
                    count,
                });
            }
            if !matches!(bytes.get(1), Some(b'3'..=b'9')) {
                return Err(PhoneError::MobilePrefix { input: owned() });
            }
            Ok(national)
        }
        Some(b'0') => {
            let area_len = match bytes.get(1) {
                Some(b'1') if bytes.get(2) == Some(&b'0') => 3,
                Some(b'2') => 3,
                Some(b'3'..=b'9') => 4,
                _ => return Err(PhoneError::AreaCode { input: owned() }),
            };
            let (area, subscriber) = match (national.get(..area_len), national.get(area_len..)) {
                (Some(a), Some(s)) => (a, s),
                _ => return Err(PhoneError::AreaCode { input: owned() }),
            };
            if !(7..=8).contains(&subscriber.len()) {
                return Err(PhoneError::LandlineLength {
                    input: owned(),
                    area: area.to_owned(),
                    count: subscriber.len(),
                });
            }
            Ok(format!("{area}-{subscriber}"))
        }
        Some(_) if (7..=8).contains(&count) => Err(PhoneError::MissingAreaCode { input: owned() }),
        _ => Err(PhoneError::NotAPhone { input: owned() }),
    }
}

/// Checks the answers to a service's request form against its attributes.
///
/// Every attribute is checked and every problem is returned, in attribute
/// order, followed by answers to codes the service does not ask (in code
/// order). A blank answer (empty or spaces only, or an empty list) counts as
/// no answer: an error when the attribute is required, fine otherwise.
///
/// | datatype | answer | checks |
/// | --- | --- | --- |
/// | string | `Text` | at most 200 characters, no line break |
/// | text | `Text` | at most 2000 characters |
/// | number | `Number` | finite |
/// | datetime | `DateTime` | RFC 3339, or `YYYY-MM-DDTHH:MM[:SS]` |
/// | singlevaluelist | `One` | the key is among the values |
/// | multivaluelist | `Many` | every key is among the values, none twice |
pub fn validate_attributes(
    attrs: &[Attribute],
    answers: &BTreeMap<String, AttributeAnswer>,
) -> Result<(), Vec<AttributeError>> {
    let mut errors = Vec::new();
    for attr in attrs {
        let code = || attr.code.clone();
        let answer = match answers.get(&attr.code) {
            Some(a) if !a.is_blank() => a,
            _ => {
                if attr.required {
                    errors.push(AttributeError::Missing { code: code() });
                }
                continue;
            }
        };
        let keys = || attr.values.iter().map(|v| v.key.as_str());
        match (attr.datatype, answer) {
            (Datatype::String, AttributeAnswer::Text(s)) => {
                let length = s.chars().count();
                if length > STRING_LIMIT {
                    errors.push(AttributeError::TooLong {
                        code: code(),
                        length,
                        limit: STRING_LIMIT,
                    });
                }
                if s.contains(['\n', '\r']) {
                    errors.push(AttributeError::Multiline { code: code() });
                }
            }
            (Datatype::Text, AttributeAnswer::Text(s)) => {
                let length = s.chars().count();
                if length > TEXT_LIMIT {
                    errors.push(AttributeError::TooLong {
                        code: code(),
                        length,
                        limit: TEXT_LIMIT,
                    });
                }
            }
            (Datatype::Number, AttributeAnswer::Number(n)) => {
                if !n.is_finite() {
                    errors.push(AttributeError::NotFinite { code: code() });
                }
            }
            (Datatype::Datetime, AttributeAnswer::DateTime(s)) => {
                let value = s.trim();
                if DateTime::parse(value).is_err() && DateTime::parse_html_local(value, 0).is_err()
                {
                    errors.push(AttributeError::Datetime {
                        code: code(),
                        value: s.clone(),
                    });
                }
            }
            (Datatype::Singlevaluelist, AttributeAnswer::One(key)) => {
                if !keys().any(|k| k == key) {
                    errors.push(AttributeError::NotAnOption {
                        code: code(),
                        key: key.clone(),
                    });
                }
            }
            (Datatype::Multivaluelist, AttributeAnswer::Many(chosen)) => {
                let mut seen = BTreeSet::new();
                for key in chosen {
                    if !keys().any(|k| k == key) {
                        errors.push(AttributeError::NotAnOption {
                            code: code(),
                            key: key.clone(),
                        });
                    } else if !seen.insert(key.as_str()) {
                        errors.push(AttributeError::Duplicate {
                            code: code(),
                            key: key.clone(),
                        });
                    }
                }
            }
            (datatype, answer) => errors.push(AttributeError::WrongType {
                code: code(),
                expected: expected_kind(datatype),
                found: answer.kind(),
            }),
        }
    }
    for code in answers.keys() {
        if !attrs.iter().any(|a| &a.code == code) {
            errors.push(AttributeError::Unknown { code: code.clone() });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

impl AttributeAnswer {
    /// Builds an answer from what a form control gave, leniently: text is
    /// trimmed (a `string` has its line breaks turned into spaces, a `text`
    /// has `\r\n` turned into `\n`); numbers may use full-width digits and
    /// thousands separators; list keys are trimmed, blanks dropped and
    /// repeats removed. Single-value datatypes use the first non-blank value
    /// of `raw`. `Ok(None)` means nothing was entered.
    ///
    /// The result still needs [`validate_attributes`].
    pub fn from_form<S: AsRef<str>>(
        datatype: Datatype,
        raw: &[S],
    ) -> Result<Option<AttributeAnswer>, FormValueError> {
        let mut values = raw
            .iter()
            .map(|s| s.as_ref().trim())
            .filter(|s| !s.is_empty());
        if datatype == Datatype::Multivaluelist {
            let mut keys: Vec<String> = Vec::new();
            for v in values {
                if !keys.iter().any(|k| k == v) {
                    keys.push(v.to_owned());
                }
            }
            return Ok((!keys.is_empty()).then_some(AttributeAnswer::Many(keys)));
        }
        let Some(value) = values.next() else {
            return Ok(None);
        };
        let answer = match datatype {
            Datatype::String => AttributeAnswer::Text(
                value
                    .split(['\r', '\n'])
                    .filter(|line| !line.trim().is_empty())
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Datatype::Text => {
                AttributeAnswer::Text(value.replace("\r\n", "\n").replace('\r', "\n"))
            }
            Datatype::Number => AttributeAnswer::Number(parse_number(value)?),
            Datatype::Datetime => AttributeAnswer::DateTime(value.to_owned()),
            Datatype::Singlevaluelist | Datatype::Multivaluelist => {
                AttributeAnswer::One(value.to_owned())
            }
        };
        Ok(Some(answer))
    }

    /// [`AttributeAnswer::from_form`] for a control with one value.
    pub fn from_form_value(
        datatype: Datatype,
        raw: &str,
    ) -> Result<Option<AttributeAnswer>, FormValueError> {
        AttributeAnswer::from_form(datatype, &[raw])
    }

    /// The kind of answer in words, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            AttributeAnswer::Text(_) => "a text",
            AttributeAnswer::Number(_) => "a number",
            AttributeAnswer::DateTime(_) => "a date and time",
            AttributeAnswer::One(_) => "one choice",
            AttributeAnswer::Many(_) => "a list of choices",
        }
    }

    /// Whether the answer is empty or only spaces (a number never is).
    pub fn is_blank(&self) -> bool {
        match self {
            AttributeAnswer::Text(s) | AttributeAnswer::DateTime(s) | AttributeAnswer::One(s) => {
                s.trim().is_empty()
            }
            AttributeAnswer::Number(_) => false,
            AttributeAnswer::Many(keys) => keys.is_empty(),
        }
    }
}

impl AttributeError {
    /// The code of the attribute the error is about.
    pub fn code(&self) -> &str {
        match self {
            AttributeError::Unknown { code }
            | AttributeError::Missing { code }
            | AttributeError::WrongType { code, .. }
            | AttributeError::TooLong { code, .. }
            | AttributeError::Multiline { code }
            | AttributeError::NotFinite { code }
            | AttributeError::Datetime { code, .. }
            | AttributeError::NotAnOption { code, .. }
            | AttributeError::Duplicate { code, .. } => code,
        }
    }
}

impl Contact {
    /// A contact with a trimmed name and a normalised phone number; every
    /// problem is returned.
    pub fn new(name: &str, phone: &str) -> Result<Contact, Vec<ContactError>> {
        let mut errors = Vec::new();
        let name = name.trim();
        let length = name.chars().count();
        if name.is_empty() {
            errors.push(ContactError::NameMissing);
        } else if length > NAME_LIMIT {
            errors.push(ContactError::NameTooLong {
                length,
                limit: NAME_LIMIT,
            });
        }
        if name.chars().any(char::is_control) {
            errors.push(ContactError::NameMultiline);
        }
        let phone = match validate_phone(phone) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e.into());
                String::new()
            }
        };
        if errors.is_empty() {
            Ok(Contact {
                name: name.to_owned(),
                phone,
            })
        } else {
            Err(errors)
        }
    }
}

impl Request {
    /// A new draft request, its history starting at `created_at`, its
    /// idempotency key derived from its voucher (`cd-7KQ2-M9XD-4T`).
    ///
    /// Fails when `id` is too large for a voucher.
    pub fn draft(
        id: u64,
        service_id: &str,
        feed_id: &str,
        feed_version: &str,
        created_at: DateTime,
    ) -> Result<Request, VoucherError> {
        let voucher = voucher::encode(id)?;
        Ok(Request {
            id,
            service_id: service_id.to_owned(),
            feed_id: feed_id.to_owned(),
            feed_version: feed_version.to_owned(),
            created_at,
            answers_used: BTreeMap::new(),
            attributes: BTreeMap::new(),
            contact: None,
            priority: None,
            cost: None,
            waiting_list: false,
            state: State::Draft,
            history: vec![(created_at, State::Draft)],
            remote_id: None,
            idempotency_key: format!("cd-{voucher}"),
        })
    }

    /// The request's voucher.
    pub fn voucher(&self) -> Result<Voucher, VoucherError> {
        voucher::encode(self.id)
    }

    /// Applies `event` at time `at`: moves to the next state and records it
    /// in the history. On error nothing changes.
    pub fn transition(&mut self, event: &Event, at: DateTime) -> Result<(), TransitionError> {
        let next = apply(&self.state, event)?;
        self.history.push((at, next.clone()));
        self.state = next;
        Ok(())
    }

    /// How many of `history` count against a `per_resident` limit of the
    /// service `service_id` for `period`, on the date `on`: those for that
    /// service, not draft, cancelled or rejected, created in the same
    /// calendar day, ISO week, month or year as `on`.
    ///
    /// The creation date is read on the calendar of the device that created
    /// the request (the date-time's own offset). Waiting-list requests count.
    pub fn count_in_period(history: &[Request], service_id: &str, period: Period, on: Date) -> u32 {
        let count = history
            .iter()
            .filter(|r| r.service_id == service_id)
            .filter(|r| r.state.counts_toward_limit())
            .filter(|r| r.created_at.local_date().same_period(on, period))
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

impl State {
    /// The state's name, as serialized and in messages.
    pub fn as_str(&self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Queued => "queued",
            State::Submitted => "submitted",
            State::Accepted => "accepted",
            State::Scheduled { .. } => "scheduled",
            State::Delivered => "delivered",
            State::Evaluated(_) => "evaluated",
            State::Cancelled => "cancelled",
            State::Rejected { .. } => "rejected",
        }
    }

    /// The state as shown to residents, in Chinese.
    pub fn label_zh(&self) -> &'static str {
        match self {
            State::Draft => "草稿",
            State::Queued => "待发送",
            State::Submitted => "已提交",
            State::Accepted => "已受理",
            State::Scheduled { .. } => "已预约",
            State::Delivered => "已服务",
            State::Evaluated(_) => "已评价",
            State::Cancelled => "已取消",
            State::Rejected { .. } => "未受理",
        }
    }

    /// The state as shown to residents, in English.
    pub fn label_en(&self) -> &'static str {
        match self {
            State::Draft => "Draft",
            State::Queued => "Waiting to send",
            State::Submitted => "Submitted",
            State::Accepted => "Accepted",
            State::Scheduled { .. } => "Scheduled",
            State::Delivered => "Delivered",
            State::Evaluated(_) => "Evaluated",
            State::Cancelled => "Cancelled",
            State::Rejected { .. } => "Not accepted",
        }
    }

    /// Whether no event can move the request on.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            State::Evaluated(_) | State::Cancelled | State::Rejected { .. }
        )
    }

    /// Whether a request in this state counts against a per-resident limit:
    /// every state except draft, cancelled and rejected.
    pub fn counts_toward_limit(&self) -> bool {
        !matches!(
            self,
            State::Draft | State::Cancelled | State::Rejected { .. }
        )
    }
}

impl Event {
    /// The event's name, as serialized and in messages.
    pub fn as_str(&self) -> &'static str {
        match self {
            Event::Submit => "submit",
            Event::QueueOffline => "queue_offline",
            Event::Accept => "accept",
            Event::Schedule { .. } => "schedule",
            Event::Deliver => "deliver",
            Event::Evaluate(_) => "evaluate",
            Event::Cancel => "cancel",
            Event::Reject { .. } => "reject",
        }
    }
}

impl Evaluation {
    /// An evaluation with a trimmed comment of at most [`COMMENT_LIMIT`]
    /// characters.
    pub fn new(level: Satisfaction, comment: &str) -> Result<Evaluation, EvaluationError> {
        let evaluation = Evaluation {
            level,
            comment: comment.trim().to_owned(),
        };
        evaluation.validate()?;
        Ok(evaluation)
    }

    /// Checks the comment length.
    pub fn validate(&self) -> Result<(), EvaluationError> {
        let length = self.comment.chars().count();
        if length > COMMENT_LIMIT {
            return Err(EvaluationError::CommentTooLong {
                length,
                limit: COMMENT_LIMIT,
            });
        }
        Ok(())
    }
}

impl Satisfaction {
    /// Every level, best first.
    pub const ALL: [Satisfaction; 5] = [
        Satisfaction::VerySatisfied,
        Satisfaction::Satisfied,
        Satisfaction::Neutral,
        Satisfaction::Dissatisfied,
        Satisfaction::VeryDissatisfied,
    ];

    /// The level's name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "very_satisfied",
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::Neutral => "neutral",
            Satisfaction::Dissatisfied => "dissatisfied",
            Satisfaction::VeryDissatisfied => "very_dissatisfied",
        }
    }

    /// 5 for very satisfied down to 1 for very dissatisfied.
    pub fn score(self) -> u8 {
        match self {
            Satisfaction::VerySatisfied => 5,
            Satisfaction::Satisfied => 4,
            Satisfaction::Neutral => 3,
            Satisfaction::Dissatisfied => 2,
            Satisfaction::VeryDissatisfied => 1,
        }
    }

    /// The level for a score of 1 to 5.
    pub fn from_score(score: u8) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|s| s.score() == score)
    }

    /// The level in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "非常满意",
            Satisfaction::Satisfied => "满意",
            Satisfaction::Neutral => "一般",
            Satisfaction::Dissatisfied => "不满意",
            Satisfaction::VeryDissatisfied => "非常不满意",
        }
    }

    /// The level in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "Very satisfied",
            Satisfaction::Satisfied => "Satisfied",
            Satisfaction::Neutral => "Neither satisfied nor dissatisfied",
            Satisfaction::Dissatisfied => "Dissatisfied",
            Satisfaction::VeryDissatisfied => "Very dissatisfied",
        }
    }
}

impl DemandSuggestion {
    /// A suggestion with `what` trimmed and a blank region dropped.
    ///
    /// Whether `region` is a region of the feed is for the caller to check.
    pub fn new(
        id: u64,
        what: &str,
        region: Option<&str>,
        urgency: Urgency,
        created_at: DateTime,
    ) -> Result<DemandSuggestion, SuggestionError> {
        let suggestion = DemandSuggestion {
            id,
            what: what.trim().to_owned(),
            region: region
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned),
            urgency,
            created_at,
        };
        suggestion.validate()?;
        Ok(suggestion)
    }

    /// Checks that `what` is present and not too long.
    pub fn validate(&self) -> Result<(), SuggestionError> {
        if self.what.trim().is_empty() {
            return Err(SuggestionError::WhatMissing);
        }
        let length = self.what.chars().count();
        if length > SUGGESTION_LIMIT {
            return Err(SuggestionError::WhatTooLong {
                length,
                limit: SUGGESTION_LIMIT,
            });
        }
        Ok(())
    }
}

impl Urgency {
    /// Every level, least urgent first.
    pub const ALL: [Urgency; 3] = [Urgency::Low, Urgency::Medium, Urgency::High];

    /// The level's name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Low => "low",
            Urgency::Medium => "medium",
            Urgency::High => "high",
        }
    }

    /// The level in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            Urgency::Low => "不急",
            Urgency::Medium => "较急",
            Urgency::High => "紧急",
        }
    }

    /// The level in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Urgency::Low => "Not urgent",
            Urgency::Medium => "Quite urgent",
            Urgency::High => "Urgent",
        }
    }
}

/// What a datatype expects, in words, for messages.
fn expected_kind(datatype: Datatype) -> &'static str {
    match datatype {
        Datatype::String | Datatype::Text => "a text",
        Datatype::Number => "a number",
        Datatype::Datetime => "a date and time",
        Datatype::Singlevaluelist => "one choice",
        Datatype::Multivaluelist => "a list of choices",
    }
}

/// Maps a full-width ASCII form (U+FF01 to U+FF5E) to ASCII.
fn narrow(c: char) -> char {
    match u32::from(c) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Parses a number typed by a person: full-width forms, spaces and
/// thousands separators are allowed; infinities and NaN are not.
fn parse_number(value: &str) -> Result<f64, FormValueError> {
    let cleaned: String = value
        .chars()
        .map(narrow)
        .map(|c| if c == '−' { '-' } else { c })
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '_'))
        .collect();
    let is_numeric = cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match cleaned.parse::<f64>() {
        Ok(n) if is_numeric && n.is_finite() => Ok(n),
        _ => Err(FormValueError::NotANumber {
            value: value.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;
    use crate::wire::AttributeValue;

    /// Answers and the expected error messages.
    type AttributeCase = (Vec<(&'static str, AttributeAnswer)>, Vec<&'static str>);
    /// A datatype, raw form values and the expected answer or message.
    type FormCase = (
        Datatype,
        Vec<&'static str>,
        Result<Option<AttributeAnswer>, &'static str>,
    );
    /// What, region, and the expected normalised pair or message.
    type SuggestionCase<'a> = (
        &'a str,
        Option<&'a str>,
        Result<(&'a str, Option<&'a str>), &'a str>,
    );

    fn check_phone(input: &str, expected: Result<&str, &str>) {
        let got = validate_phone(input).map_err(|e| e.to_string());
        let expected = expected.map(str::to_owned).map_err(str::to_owned);
        assert_eq!(got, expected, "input `{input}`");
    }

    #[test]
    fn phone_numbers_validate_and_normalise() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("13812345678", Ok("13812345678")),
            ("138 1234 5678", Ok("13812345678")),
            ("138-1234-5678", Ok("13812345678")),
            ("+86 138 1234 5678", Ok("13812345678")),
            ("+8613812345678", Ok("13812345678")),
            ("0086 13812345678", Ok("13812345678")),
            ("8613812345678", Ok("13812345678")),
            ("１３８１２３４５６７８", Ok("13812345678")),
            ("19912345678", Ok("19912345678")),
            ("010-12345678", Ok("010-12345678")),
            ("01012345678", Ok("010-12345678")),
            ("(010) 1234 5678", Ok("010-12345678")),
            ("021-1234567", Ok("021-1234567")),
            ("0755-1234567", Ok("0755-1234567")),
            ("0755-12345678", Ok("0755-12345678")),
            ("075512345678", Ok("0755-12345678")),
            ("+86 10 12345678", Ok("010-12345678")),
            ("+86 755 1234 5678", Ok("0755-12345678")),
            ("0086-21-12345678", Ok("021-12345678")),
            ("", Err("enter a phone number")),
            ("  - ", Err("enter a phone number")),
            (
                "138x1234",
                Err("`x` cannot be part of a phone number: use digits, spaces and hyphens"),
            ),
            (
                "138.1234.5678",
                Err("`.` cannot be part of a phone number: use digits, spaces and hyphens"),
            ),
            (
                "+1 415 555 0100",
                Err("`+1 415 555 0100` is not a mainland China number: only +86 numbers are accepted"),
            ),
            (
                "00852 1234 5678",
                Err("`00852 1234 5678` is not a mainland China number: only +86 numbers are accepted"),
            ),
            (
                "1381234567",
                Err("`1381234567` is not a mobile number: it has 10 digits, a mobile number has 11"),
            ),
            (
                "138123456789",
                Err("`138123456789` is not a mobile number: it has 12 digits, a mobile number has 11"),
            ),
            (
                "12812345678",
                Err("`12812345678` is not a mobile number: mobile numbers start with 13 to 19"),
            ),
            (
                "011-12345678",
                Err("`011-12345678` has no valid area code: write it like `010-12345678` or `0755-1234567`"),
            ),
            (
                "010-123456",
                Err("`010-123456` is not a landline number: after the area code `010` come 7 or 8 digits, not 6"),
            ),
            (
                "0755-123456789",
                Err("`0755-123456789` is not a landline number: after the area code `0755` come 7 or 8 digits, not 9"),
            ),
            (
                "0",
                Err("`0` has no valid area code: write it like `010-12345678` or `0755-1234567`"),
            ),
            (
                "12345678",
                Err("`12345678` is not a mobile number: it has 8 digits, a mobile number has 11"),
            ),
            (
                "6512 0000",
                Err("`6512 0000` needs its area code in front, like `010-12345678`"),
            ),
            (
                "+",
                Err("`+` is not a mainland China number: only +86 numbers are accepted"),
            ),
            (
                "+86",
                Err("`+86` is not a phone number: write a mobile number of 11 digits or a landline number with its area code"),
            ),
            (
                "99",
                Err("`99` is not a phone number: write a mobile number of 11 digits or a landline number with its area code"),
            ),
            (
                "+86 0755 1234567",
                Err("`+86 0755 1234567` is not a phone number: write a mobile number of 11 digits or a landline number with its area code"),
            ),
            (
                "++8613812345678",
                Err("`+` cannot be part of a phone number: use digits, spaces and hyphens"),
            ),
        ];
        for (input, expected) in cases {
            check_phone(input, *expected);
        }
    }

    #[test]
    fn contacts_report_every_problem() {
        assert_eq!(
            Contact::new("  王小明 ", "138 1234 5678"),
            Ok(Contact {
                name: "王小明".into(),
                phone: "13812345678".into()
            })
        );
        let errors = Contact::new(" ", "12").unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "enter a name",
                "`12` is not a mobile number: it has 2 digits, a mobile number has 11"
            ]
        );
        let long = "名".repeat(51);
        assert_eq!(
            Contact::new(&long, "13812345678"),
            Err(vec![ContactError::NameTooLong {
                length: 51,
                limit: 50
            }])
        );
        assert_eq!(
            Contact::new("王\n小明", "13812345678"),
            Err(vec![ContactError::NameMultiline])
        );
    }

    fn attr(code: &str, datatype: Datatype, required: bool, keys: &[&str]) -> Attribute {
        Attribute {
            code: code.into(),
            datatype,
            required,
            order: None,
            description: Text::plain(code),
            values: keys
                .iter()
                .map(|k| AttributeValue {
                    key: (*k).into(),
                    name: Text::plain(*k),
                })
                .collect(),
        }
    }

    fn form() -> Vec<Attribute> {
        vec![
            attr("name_on_door", Datatype::String, false, &[]),
            attr("notes", Datatype::Text, false, &[]),
            attr("people", Datatype::Number, false, &[]),
            attr("start", Datatype::Datetime, true, &[]),
            attr("diet", Datatype::Singlevaluelist, true, &["normal", "soft"]),
            attr("days", Datatype::Multivaluelist, false, &["mo", "we", "fr"]),
        ]
    }

    fn check_attributes(answers: &[(&str, AttributeAnswer)], expected: &[&str]) {
        let answers: BTreeMap<String, AttributeAnswer> = answers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        let got: Vec<String> = match validate_attributes(&form(), &answers) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        };
        assert_eq!(got, expected, "answers {answers:?}");
    }

    #[test]
    fn attribute_answers_are_checked_per_datatype() {
        use AttributeAnswer::*;
        let ok_start = ("start", DateTime("2026-11-21T09:00".into()));
        let ok_diet = ("diet", One("soft".into()));
        let cases: Vec<AttributeCase> = vec![
            (vec![ok_start.clone(), ok_diet.clone()], vec![]),
            (
                vec![
                    ok_diet.clone(),
                    ("start", DateTime("2026-11-21T09:00:00+08:00".into())),
                    ("name_on_door", Text("王".into())),
                    ("notes", Text("多\n行".into())),
                    ("people", Number(2.0)),
                    ("days", Many(vec!["mo".into(), "fr".into()])),
                ],
                vec![],
            ),
            (
                vec![],
                vec!["`start` needs an answer", "`diet` needs an answer"],
            ),
            (
                vec![
                    ("start", DateTime("  ".into())),
                    ("diet", One(String::new())),
                ],
                vec!["`start` needs an answer", "`diet` needs an answer"],
            ),
            (
                vec![ok_start.clone(), ok_diet.clone(), ("days", Many(vec![]))],
                vec![],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("name_on_door", Text("a\nb".into())),
                ],
                vec!["`name_on_door` must be on one line"],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("name_on_door", Text("字".repeat(201))),
                ],
                vec!["`name_on_door` is too long: 201 characters, the limit is 200"],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("name_on_door", Text("字".repeat(200))),
                ],
                vec![],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("notes", Text("x".repeat(2001))),
                ],
                vec!["`notes` is too long: 2001 characters, the limit is 2000"],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("people", Number(f64::NAN)),
                ],
                vec!["`people` must be a finite number"],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("people", Number(f64::INFINITY)),
                ],
                vec!["`people` must be a finite number"],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("people", Text("2".into())),
                ],
                vec!["`people` needs a number, not a text"],
            ),
            (
                vec![("start", DateTime("tomorrow".into())), ok_diet.clone()],
                vec!["`start` needs a date and time like `2026-11-20T08:00`, not `tomorrow`"],
            ),
            (
                vec![
                    ("start", DateTime("2026-02-30T09:00".into())),
                    ok_diet.clone(),
                ],
                vec![
                    "`start` needs a date and time like `2026-11-20T08:00`, not `2026-02-30T09:00`",
                ],
            ),
            (
                vec![("start", Text("2026-11-21T09:00".into())), ok_diet.clone()],
                vec!["`start` needs a date and time, not a text"],
            ),
            (
                vec![ok_start.clone(), ("diet", One("spicy".into()))],
                vec!["`diet` has no option `spicy`"],
            ),
            (
                vec![ok_start.clone(), ("diet", Many(vec!["soft".into()]))],
                vec!["`diet` needs one choice, not a list of choices"],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("days", Many(vec!["mo".into(), "su".into(), "mo".into()])),
                ],
                vec![
                    "`days` has no option `su`",
                    "`days` lists `mo` more than once",
                ],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("days", One("mo".into())),
                ],
                vec!["`days` needs a list of choices, not one choice"],
            ),
            (
                vec![
                    ok_start.clone(),
                    ok_diet.clone(),
                    ("colour", Text("red".into())),
                    ("age", Number(3.0)),
                ],
                vec![
                    "`age` is not a question of this service",
                    "`colour` is not a question of this service",
                ],
            ),
            (
                vec![("diet", One("spicy".into())), ("extra", Number(1.0))],
                vec![
                    "`start` needs an answer",
                    "`diet` has no option `spicy`",
                    "`extra` is not a question of this service",
                ],
            ),
        ];
        for (answers, expected) in &cases {
            check_attributes(answers, expected);
        }
    }

    #[test]
    fn attribute_errors_name_their_code() {
        let answers = BTreeMap::from([("x".to_owned(), AttributeAnswer::Number(1.0))]);
        let errors = validate_attributes(&form(), &answers).unwrap_err();
        let codes: Vec<&str> = errors.iter().map(AttributeError::code).collect();
        assert_eq!(codes, ["start", "diet", "x"]);
    }

    fn check_form(
        datatype: Datatype,
        raw: &[&str],
        expected: Result<Option<AttributeAnswer>, &str>,
    ) {
        let got = AttributeAnswer::from_form(datatype, raw).map_err(|e| e.to_string());
        let expected = expected.map_err(str::to_owned);
        assert_eq!(got, expected, "{datatype:?} {raw:?}");
    }

    #[test]
    fn form_values_become_answers_leniently() {
        use AttributeAnswer::*;
        let cases: Vec<FormCase> = vec![
            (
                Datatype::String,
                vec!["  王小明 "],
                Ok(Some(Text("王小明".into()))),
            ),
            (
                Datatype::String,
                vec!["a\r\n b \n\nc"],
                Ok(Some(Text("a b c".into()))),
            ),
            (Datatype::String, vec!["   "], Ok(None)),
            (Datatype::String, vec![], Ok(None)),
            (
                Datatype::Text,
                vec!["a\r\nb\rc "],
                Ok(Some(Text("a\nb\nc".into()))),
            ),
            (Datatype::Number, vec!["42"], Ok(Some(Number(42.0)))),
            (
                Datatype::Number,
                vec![" 1,234.5 "],
                Ok(Some(Number(1234.5))),
            ),
            (Datatype::Number, vec!["３．５"], Ok(Some(Number(3.5)))),
            (Datatype::Number, vec!["-2"], Ok(Some(Number(-2.0)))),
            (
                Datatype::Number,
                vec!["两个"],
                Err("`两个` is not a number"),
            ),
            (Datatype::Number, vec!["inf"], Err("`inf` is not a number")),
            (Datatype::Number, vec!["NaN"], Err("`NaN` is not a number")),
            (
                Datatype::Number,
                vec!["1e400"],
                Err("`1e400` is not a number"),
            ),
            (Datatype::Number, vec![""], Ok(None)),
            (
                Datatype::Datetime,
                vec![" 2026-11-21T09:00 "],
                Ok(Some(DateTime("2026-11-21T09:00".into()))),
            ),
            (
                Datatype::Singlevaluelist,
                vec!["", " soft "],
                Ok(Some(One("soft".into()))),
            ),
            (
                Datatype::Multivaluelist,
                vec!["mo", " fr", "", "mo"],
                Ok(Some(Many(vec!["mo".into(), "fr".into()]))),
            ),
            (Datatype::Multivaluelist, vec!["", " "], Ok(None)),
        ];
        for (datatype, raw, expected) in cases {
            check_form(datatype, &raw, expected);
        }
        assert_eq!(
            AttributeAnswer::from_form_value(Datatype::Number, "7"),
            Ok(Some(Number(7.0)))
        );
    }

    fn evaluation() -> Evaluation {
        Evaluation::new(Satisfaction::Satisfied, "准时，热情").unwrap()
    }

    fn all_states() -> Vec<State> {
        vec![
            State::Draft,
            State::Queued,
            State::Submitted,
            State::Accepted,
            State::Scheduled {
                at: "2026-11-21T09:00:00+08:00".into(),
            },
            State::Delivered,
            State::Evaluated(evaluation()),
            State::Cancelled,
            State::Rejected {
                reason: "outside the service area".into(),
            },
        ]
    }

    fn all_events() -> Vec<Event> {
        vec![
            Event::Submit,
            Event::QueueOffline,
            Event::Accept,
            Event::Schedule {
                at: "2026-11-22T10:00:00+08:00".into(),
            },
            Event::Deliver,
            Event::Evaluate(evaluation()),
            Event::Cancel,
            Event::Reject {
                reason: "no places".into(),
            },
        ]
    }

    #[test]
    fn every_state_and_event_pair_has_the_expected_result() {
        // One row per state, one column per event in the order of
        // `all_events`: the state reached, or `-` when illegal.
        let table: [(&str, [&str; 8]); 9] = [
            (
                "draft",
                ["submitted", "queued", "-", "-", "-", "-", "cancelled", "-"],
            ),
            (
                "queued",
                ["submitted", "-", "-", "-", "-", "-", "cancelled", "-"],
            ),
            (
                "submitted",
                [
                    "-",
                    "-",
                    "accepted",
                    "-",
                    "delivered",
                    "-",
                    "cancelled",
                    "rejected",
                ],
            ),
            (
                "accepted",
                [
                    "-",
                    "-",
                    "-",
                    "scheduled",
                    "delivered",
                    "-",
                    "cancelled",
                    "-",
                ],
            ),
            (
                "scheduled",
                [
                    "-",
                    "-",
                    "-",
                    "scheduled",
                    "delivered",
                    "-",
                    "cancelled",
                    "-",
                ],
            ),
            (
                "delivered",
                ["-", "-", "-", "-", "-", "evaluated", "-", "-"],
            ),
            ("evaluated", ["-", "-", "-", "-", "-", "-", "-", "-"]),
            ("cancelled", ["-", "-", "-", "-", "-", "-", "-", "-"]),
            ("rejected", ["-", "-", "-", "-", "-", "-", "-", "-"]),
        ];
        let event_names = [
            "submit",
            "queue_offline",
            "accept",
            "schedule",
            "deliver",
            "evaluate",
            "cancel",
            "reject",
        ];
        let mut cases = 0;
        for (state, (state_name, row)) in all_states().iter().zip(table) {
            assert_eq!(state.as_str(), state_name);
            for ((event, event_name), expected) in all_events().iter().zip(event_names).zip(row) {
                assert_eq!(event.as_str(), event_name);
                let got = apply(state, event);
                if expected == "-" {
                    assert_eq!(
                        got.map_err(|e| e.to_string()),
                        Err(format!(
                            "cannot `{event_name}` a request that is `{state_name}`"
                        )),
                    );
                } else {
                    assert_eq!(
                        got.map(|s| s.as_str()),
                        Ok(expected),
                        "{state_name} + {event_name}"
                    );
                }
                cases += 1;
            }
        }
        assert_eq!(cases, 72);
    }

    #[test]
    fn transitions_carry_their_data() {
        let at = "2026-11-22T10:00:00+08:00".to_owned();
        assert_eq!(
            apply(&State::Accepted, &Event::Schedule { at: at.clone() }),
            Ok(State::Scheduled { at: at.clone() })
        );
        assert_eq!(
            apply(
                &State::Scheduled { at: "x".into() },
                &Event::Schedule { at: at.clone() }
            ),
            Ok(State::Scheduled { at })
        );
        assert_eq!(
            apply(
                &State::Submitted,
                &Event::Reject {
                    reason: "名额已满".into()
                }
            ),
            Ok(State::Rejected {
                reason: "名额已满".into()
            })
        );
        assert_eq!(
            apply(&State::Delivered, &Event::Evaluate(evaluation())),
            Ok(State::Evaluated(evaluation()))
        );
        let too_long = Evaluation {
            level: Satisfaction::Neutral,
            comment: "长".repeat(501),
        };
        assert_eq!(
            apply(&State::Delivered, &Event::Evaluate(too_long)).map_err(|e| e.to_string()),
            Err("the comment has 501 characters, the limit is 500".to_owned())
        );
    }

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).unwrap()
    }

    #[test]
    fn a_request_keeps_its_history_and_survives_json() {
        let mut r = Request::draft(
            123_456_789,
            "meal-assist-dc",
            "beijing-dongcheng",
            "2026.11.2",
            dt("2026-11-20T08:00:00+08:00"),
        )
        .unwrap();
        assert_eq!(r.idempotency_key, "cd-0003-NQK8-N1");
        assert_eq!(r.voucher().unwrap().as_str(), "0003-NQK8-N1");
        r.transition(&Event::QueueOffline, dt("2026-11-20T08:01:00+08:00"))
            .unwrap();
        r.transition(&Event::Submit, dt("2026-11-20T09:00:00+08:00"))
            .unwrap();
        assert_eq!(
            r.transition(
                &Event::Evaluate(evaluation()),
                dt("2026-11-20T09:01:00+08:00")
            )
            .map_err(|e| e.to_string()),
            Err("cannot `evaluate` a request that is `submitted`".to_owned())
        );
        let states: Vec<&str> = r.history.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(states, ["draft", "queued", "submitted"]);
        assert_eq!(r.state, State::Submitted);

        r.attributes
            .insert("diet".into(), AttributeAnswer::One("soft".into()));
        r.attributes.insert(
            "days".into(),
            AttributeAnswer::Many(vec!["mo".into(), "fr".into()]),
        );
        r.answers_used.insert("age".into(), serde_json::json!(82));
        r.contact = Some(Contact::new("王小明", "13812345678").unwrap());
        r.cost = Some(CostSnapshot {
            currency: "CNY".into(),
            amount: 20.0,
            pays: None,
            pays_min: 0.0,
            pays_max: 20.0,
        });
        r.priority = Some("urgent".into());
        let json = serde_json::to_string(&r).unwrap();
        let back: Request = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.created_at.to_string(), "2026-11-20T08:00:00+08:00");

        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["state"], serde_json::json!({"state": "submitted"}));
        assert_eq!(
            value["attributes"]["diet"],
            serde_json::json!({"one": "soft"})
        );

        assert!(Request::draft(1 << 45, "s", "f", "v", dt("2026-11-20T08:00:00Z")).is_err());
    }

    #[test]
    fn states_serialize_with_their_data() {
        let cases = [
            (State::Draft, r#"{"state":"draft"}"#),
            (
                State::Scheduled {
                    at: "周五上午".into(),
                },
                r#"{"state":"scheduled","at":"周五上午"}"#,
            ),
            (
                State::Evaluated(Evaluation {
                    level: Satisfaction::VerySatisfied,
                    comment: "好".into(),
                }),
                r#"{"state":"evaluated","level":"very_satisfied","comment":"好"}"#,
            ),
            (
                State::Rejected {
                    reason: "满".into(),
                },
                r#"{"state":"rejected","reason":"满"}"#,
            ),
        ];
        for (state, json) in cases {
            assert_eq!(serde_json::to_string(&state).unwrap(), json);
            assert_eq!(serde_json::from_str::<State>(json).unwrap(), state);
        }
    }

    fn request_on(service: &str, created: &str, state: State) -> Request {
        let mut r = Request::draft(1, service, "feed", "1", dt(created)).unwrap();
        r.state = state;
        r
    }

    #[test]
    fn counting_in_a_period_skips_drafts_cancelled_and_rejected() {
        let history = vec![
            request_on("meals", "2026-11-20T08:00:00+08:00", State::Submitted),
            request_on("meals", "2026-11-16T00:30:00+08:00", State::Delivered),
            request_on("meals", "2026-11-15T23:30:00+08:00", State::Accepted),
            request_on("meals", "2026-11-01T10:00:00+08:00", State::Queued),
            request_on("meals", "2026-10-31T10:00:00+08:00", State::Submitted),
            request_on("meals", "2025-11-20T10:00:00+08:00", State::Submitted),
            request_on("meals", "2026-11-20T09:00:00+08:00", State::Draft),
            request_on("meals", "2026-11-20T09:00:00+08:00", State::Cancelled),
            request_on(
                "meals",
                "2026-11-20T09:00:00+08:00",
                State::Rejected { reason: "x".into() },
            ),
            request_on("bath", "2026-11-20T09:00:00+08:00", State::Submitted),
            // Created at 01:00 in Beijing, which is still 19 November in UTC:
            // the device's own calendar decides.
            request_on(
                "meals",
                "2026-11-20T01:00:00+08:00",
                State::Evaluated(evaluation()),
            ),
        ];
        let on = Date::parse("2026-11-20").unwrap();
        let cases = [
            (Period::Day, 2),
            (Period::Week, 3),
            (Period::Month, 5),
            (Period::Year, 6),
        ];
        for (period, expected) in cases {
            assert_eq!(
                Request::count_in_period(&history, "meals", period, on),
                expected,
                "{period:?}"
            );
        }
        assert_eq!(Request::count_in_period(&[], "meals", Period::Day, on), 0);
    }

    #[test]
    fn satisfaction_levels_have_scores_and_labels() {
        let cases = [
            (Satisfaction::VerySatisfied, "very_satisfied", 5, "非常满意"),
            (Satisfaction::Satisfied, "satisfied", 4, "满意"),
            (Satisfaction::Neutral, "neutral", 3, "一般"),
            (Satisfaction::Dissatisfied, "dissatisfied", 2, "不满意"),
            (
                Satisfaction::VeryDissatisfied,
                "very_dissatisfied",
                1,
                "非常不满意",
            ),
        ];
        for (level, name, score, zh) in cases {
            assert_eq!(level.as_str(), name);
            assert_eq!(level.score(), score);
            assert_eq!(level.label_zh(), zh);
            assert!(!level.label_en().is_empty());
            assert_eq!(Satisfaction::from_score(score), Some(level));
            assert_eq!(
                serde_json::to_string(&level).unwrap(),
                format!("\"{name}\"")
            );
        }
        assert_eq!(Satisfaction::from_score(0), None);
        assert_eq!(Satisfaction::from_score(6), None);
    }

    #[test]
    fn evaluations_limit_their_comment() {
        assert_eq!(
            Evaluation::new(Satisfaction::Satisfied, "  好  ")
                .unwrap()
                .comment,
            "好"
        );
        assert!(Evaluation::new(Satisfaction::Satisfied, &"好".repeat(500)).is_ok());
        assert_eq!(
            Evaluation::new(Satisfaction::Satisfied, &"好".repeat(501)),
            Err(EvaluationError::CommentTooLong {
                length: 501,
                limit: 500
            })
        );
    }

    fn check_suggestion(
        what: &str,
        region: Option<&str>,
        expected: Result<(&str, Option<&str>), &str>,
    ) {
        let got = DemandSuggestion::new(
            7,
            what,
            region,
            Urgency::High,
            dt("2026-11-20T08:00:00+08:00"),
        )
        .map(|s| (s.what, s.region))
        .map_err(|e| e.to_string());
        let expected = expected
            .map(|(w, r)| (w.to_owned(), r.map(str::to_owned)))
            .map_err(str::to_owned);
        assert_eq!(got, expected, "{what:?}");
    }

    #[test]
    fn demand_suggestions_need_a_description() {
        let long = "需".repeat(501);
        let cases: Vec<SuggestionCase> = vec![
            (
                " 上门理发 ",
                Some("110101002003"),
                Ok(("上门理发", Some("110101002003"))),
            ),
            ("上门理发", Some("  "), Ok(("上门理发", None))),
            ("上门理发", None, Ok(("上门理发", None))),
            ("   ", None, Err("say what you need")),
            (
                &long,
                None,
                Err("the description has 501 characters, the limit is 500"),
            ),
        ];
        for (what, region, expected) in cases {
            check_suggestion(what, region, expected);
        }
        for u in Urgency::ALL {
            assert_eq!(
                serde_json::to_string(&u).unwrap(),
                format!("\"{}\"", u.as_str())
            );
            assert!(!u.label_zh().is_empty() && !u.label_en().is_empty());
        }
    }
}
