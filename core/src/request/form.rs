//! A service's request form: the answers to its Open311 attributes, read
//! from what a form control gave and checked against each datatype.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::date::DateTime;
use crate::input::{parse_number, NotANumber};
use crate::wire::{Attribute, Datatype, Service};

/// The longest `string` attribute answer, in characters.
pub const STRING_LIMIT: usize = 200;
/// The longest `text` attribute answer, in characters.
pub const TEXT_LIMIT: usize = 2000;

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

/// A service's request-form attributes in the order the form asks them:
/// by `order`, attributes without one last, ties in feed order.
pub fn form_attributes(service: &Service) -> Vec<&Attribute> {
    let mut attributes: Vec<&Attribute> = service.attributes.iter().collect();
    attributes.sort_by_key(|a| a.order.unwrap_or(i64::MAX));
    attributes
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
            Datatype::Number => {
                AttributeAnswer::Number(parse_number(value).map_err(|NotANumber| {
                    FormValueError::NotANumber {
                        value: value.to_owned(),
                    }
                })?)
            }
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
    fn the_form_asks_attributes_by_their_order() {
        let mut attributes = form();
        let orders = [None, Some(2), Some(1), None];
        for (a, order) in attributes.iter_mut().zip(orders) {
            a.order = order;
        }
        let service: Service = serde_json::from_value(serde_json::json!({
            "id": "s", "name": "S", "category": "c", "organization_id": "o"
        }))
        .unwrap();
        let service = Service {
            attributes: attributes.clone(),
            ..service
        };
        let codes: Vec<&str> = form_attributes(&service)
            .iter()
            .map(|a| a.code.as_str())
            .collect();
        let expected: Vec<&str> = [2, 1, 0, 3, 4, 5]
            .iter()
            .filter_map(|&i| attributes.get(i))
            .map(|a| a.code.as_str())
            .collect();
        assert_eq!(codes, expected, "ordered first, the rest in feed order");
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
}
