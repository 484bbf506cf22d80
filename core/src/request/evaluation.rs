//! A resident's rating of a service they received (群众评单).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest evaluation comment, in characters.
pub const COMMENT_LIMIT: usize = 500;

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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn satisfaction_levels_have_names_and_scores() {
        let cases = [
            (Satisfaction::VerySatisfied, "very_satisfied", 5),
            (Satisfaction::Satisfied, "satisfied", 4),
            (Satisfaction::Neutral, "neutral", 3),
            (Satisfaction::Dissatisfied, "dissatisfied", 2),
            (Satisfaction::VeryDissatisfied, "very_dissatisfied", 1),
        ];
        for (level, name, score) in cases {
            assert_eq!(level.as_str(), name);
            assert_eq!(level.score(), score);
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
}
