//! Caidan's policy rules, as pure Rust.
//!
//! `caidan-core` turns a published menu feed into checked domain data and
//! answers the questions a resident has about it: what is on the menu where
//! I live, what am I entitled to, what would I pay, who goes first, and how
//! do I place and follow a request. The same code runs natively (tests,
//! benchmarks, the `caidan` command-line tool for feed publishers) and inside
//! the browser app as WebAssembly.
//!
//! Invariants:
//! - No web, async, IO, clock or randomness: callers pass in the feed text,
//!   today's date, the current time and fresh ids. Nothing here can fail for
//!   a reason outside its input.
//! - Nothing panics on input: feed, answers, rules and vouchers are hostile
//!   until validated, and every problem comes back as an error with a path.
//! - Decisions carry their reasons; a rule that cannot be evaluated is
//!   *unknown*, never an error at evaluation time.
#![forbid(unsafe_code)]
// Input reaches nearly every function, so nothing outside tests may panic
// on it: no `unwrap`, `expect`, `panic!` or unchecked indexing (of slices or
// of strings, which also panics inside a character).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

pub mod answers;
pub mod catalogue;
#[cfg(feature = "csp")]
pub mod csp;
pub mod date;
pub mod decision;
pub mod deploy;
pub mod feed;
pub mod geo;
#[cfg(feature = "hsds")]
pub mod hsds;
mod input;
pub mod intake;
pub mod menu;
pub mod open311;
pub mod request;
pub mod rule;
pub mod search;
pub mod shard;
pub mod signature;
pub mod store;
pub mod text;
pub mod voucher;
pub mod wire;

pub use answers::{answer_from_input, AnswerError, AnswerProblem, Answers, Slot};
pub use decision::{
    decide, decide_all, CostDecision, Decision, Outcome, Priority, ShownCost, Unavailability,
};
pub use feed::{Diagnostic, FactIndex, Feed, FeedError, ServiceIndex};
pub use shard::ShardError;
pub use text::Text;
