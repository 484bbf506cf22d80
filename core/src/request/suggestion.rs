//! A resident's note that what they need is not on the menu (需求导向).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::date::DateTime;

/// The longest demand suggestion, in characters.
pub const SUGGESTION_LIMIT: usize = 500;

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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What, region, and the expected normalised pair or message.
    type SuggestionCase<'a> = (
        &'a str,
        Option<&'a str>,
        Result<(&'a str, Option<&'a str>), &'a str>,
    );

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).unwrap()
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
        }
    }
}
