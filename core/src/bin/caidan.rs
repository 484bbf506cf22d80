//! `caidan`: the feed publishers' tool. Checks a feed, evaluates its rules
//! for sample answers, searches it, and generates synthetic feeds.
//!
//! Exit codes: 0 success; 1 invalid input (feed, answers or arguments), one
//! `error: PATH: message` line per problem on stderr; 2 unreadable input or
//! not a feed at all.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use caidan_core::catalogue::Catalogue;
use caidan_core::date::Date;
use caidan_core::{decide, decide_all, Answers, Diagnostic, Feed, FeedError};
use caidan_synth::SynthOptions;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "caidan",
    version,
    about = "Check and try out a Caidan menu feed"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a feed and print a one-line summary.
    Check {
        /// The feed file.
        feed: PathBuf,
    },
    /// Decide one service for a set of answers, as JSON.
    Eval {
        /// The feed file.
        feed: PathBuf,
        /// The service id.
        #[arg(long)]
        service: String,
        /// A JSON object from fact id to answer (`null` = "I don't know").
        #[arg(long)]
        answers: Option<PathBuf>,
        /// The date to decide on (YYYY-MM-DD); today in China Standard Time by default.
        #[arg(long)]
        date: Option<String>,
    },
    /// Decide every service, as a JSON array in feed order.
    Menu {
        /// The feed file.
        feed: PathBuf,
        /// A JSON object from fact id to answer (`null` = "I don't know").
        #[arg(long)]
        answers: Option<PathBuf>,
        /// The date to decide on (YYYY-MM-DD); today in China Standard Time by default.
        #[arg(long)]
        date: Option<String>,
    },
    /// Search the services, best first, as a JSON array of ids and scores.
    Search {
        /// The feed file.
        feed: PathBuf,
        /// What to look for: Chinese, pinyin, initials or English.
        query: String,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Favour texts in this locale (e.g. `en`).
        #[arg(long)]
        locale: Option<String>,
    },
    /// Print a synthetic, valid feed (the same for the same seed).
    Gen {
        /// How many services.
        #[arg(long)]
        services: usize,
        /// The seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// A failure, with the exit code it maps to.
enum Failure {
    /// Exit 1: the input is there but wrong.
    Invalid(Vec<Diagnostic>),
    /// Exit 2: the input cannot be read or is not a feed at all.
    Unreadable(String),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid(diagnostics)) => {
            for d in diagnostics {
                eprintln!("error: {d}");
            }
            ExitCode::from(1)
        }
        Err(Failure::Unreadable(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Check { feed } => {
            let f = load(&feed)?;
            for w in f.warnings() {
                eprintln!("warning: {w}");
            }
            println!(
                "ok: {} version {}: {} services, {} categories, {} organizations, {} locations, {} regions, {} facts; {} warning{}",
                f.id(),
                f.version(),
                f.services().len(),
                f.categories().len(),
                f.organizations().len(),
                f.locations().len(),
                f.regions().len(),
                f.facts().len(),
                f.warnings().len(),
                if f.warnings().len() == 1 { "" } else { "s" }
            );
            Ok(())
        }
        Command::Eval {
            feed,
            service,
            answers,
            date,
        } => {
            let today = date_arg(date.as_deref())?;
            let f = load(&feed)?;
            let a = load_answers(&f, answers.as_deref())?;
            let index = f.service_index(&service).ok_or_else(|| {
                invalid("--service", format!("no service `{service}` in this feed"))
            })?;
            let d = decide(&f, index, &a, today)
                .ok_or_else(|| invalid("--service", format!("no service `{service}`")))?;
            print_json(&d.to_json(&f, &a));
            Ok(())
        }
        Command::Menu {
            feed,
            answers,
            date,
        } => {
            let today = date_arg(date.as_deref())?;
            let f = load(&feed)?;
            let a = load_answers(&f, answers.as_deref())?;
            let all: Vec<_> = decide_all(&f, &a, today)
                .iter()
                .map(|d| d.to_json(&f, &a))
                .collect();
            print_json(&serde_json::Value::Array(all));
            Ok(())
        }
        Command::Search {
            feed,
            query,
            limit,
            locale,
        } => {
            let f = load(&feed)?;
            let catalogue = Catalogue::build(&f);
            let hits: Vec<_> = catalogue
                .search(&query, locale.as_deref(), limit)
                .into_iter()
                .filter_map(|hit| {
                    let s = f.service_at(hit.service)?;
                    Some(serde_json::json!({ "id": s.id, "score": (f64::from(hit.score) * 1000.0).round() / 1000.0 }))
                })
                .collect();
            print_json(&serde_json::Value::Array(hits));
            Ok(())
        }
        Command::Gen { services, seed } => {
            let doc = caidan_synth::generate(&SynthOptions { services, seed });
            print_json(&doc);
            Ok(())
        }
    }
}

fn print_json(value: &serde_json::Value) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: cannot print JSON: {e}"),
    }
}

fn invalid(path: &str, message: String) -> Failure {
    Failure::Invalid(vec![Diagnostic {
        path: path.to_string(),
        message,
    }])
}

fn read(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Unreadable(format!("{}: cannot read: {e}", path.display())))?;
    String::from_utf8(bytes)
        .map_err(|e| Failure::Unreadable(format!("{}: not UTF-8: {e}", path.display())))
}

fn load(path: &Path) -> Result<Feed, Failure> {
    let text = read(path)?;
    Feed::parse(&text).map_err(|e| match e {
        FeedError::Invalid { errors, warnings } => {
            for w in warnings {
                eprintln!("warning: {w}");
            }
            Failure::Invalid(errors)
        }
        e if e.is_unreadable() => Failure::Unreadable(format!("{}: {e}", path.display())),
        e => Failure::Invalid(e.diagnostics()),
    })
}

fn load_answers(feed: &Feed, path: Option<&Path>) -> Result<Answers, Failure> {
    let Some(path) = path else {
        return Ok(Answers::new(feed));
    };
    let text = read(path)?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Failure::Unreadable(format!("{}: not JSON: {e}", path.display())))?;
    Answers::from_json(feed, &json).map_err(|errors| {
        Failure::Invalid(
            errors
                .into_iter()
                .map(|e| Diagnostic {
                    path: format!("{}", path.display()),
                    message: e.to_string(),
                })
                .collect(),
        )
    })
}

fn date_arg(date: Option<&str>) -> Result<Date, Failure> {
    match date {
        Some(d) => Date::parse(d).map_err(|e| invalid("--date", e.to_string())),
        None => {
            // Feeds are published for Chinese cities: today in UTC+08:00.
            let secs = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0);
            Date::from_days((secs + 8 * 3600).div_euclid(86_400))
                .ok_or_else(|| invalid("--date", "the system clock is out of range".into()))
        }
    }
}
