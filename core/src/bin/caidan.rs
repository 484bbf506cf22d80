//! `caidan`: the feed publishers' tool. Checks a feed, evaluates its rules
//! for sample answers, searches it, generates synthetic feeds, signs feeds
//! (FEED.md, "Signed feeds"), and converts between feeds, Open Referral
//! HSDS 3 and Open311 GeoReport v2 service lists (FEED.md, "HSDS 3").
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

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use caidan_core::catalogue::Catalogue;
use caidan_core::date::{Date, DateTime};
use caidan_core::deploy::DeployConfig;
use caidan_core::feed::MAX_FEED_BYTES;
use caidan_core::hsds;
use caidan_core::open311::services;
use caidan_core::shard::sha256_hex;
use caidan_core::shard::split::{split, INDEX_FILE};
use caidan_core::signature::{parse_public_key, parse_signature, SIGNATURE_SUFFIX};
use caidan_core::{decide, decide_all, Answers, Diagnostic, Feed, FeedError};
use caidan_synth::SynthOptions;
use clap::{Parser, Subcommand};
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, KeypairBytes};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

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
    /// Validate a feed and print a one-line summary. Given a sharded feed's
    /// index, check the whole sharded feed: every shard's size and SHA-256,
    /// and every shard combined with the index.
    Check {
        /// The feed file, or a sharded feed's `index.json`.
        feed: PathBuf,
    },
    /// Split a single-document feed into an index (`OUT/index.json`) and one
    /// content-addressed shard per district (`OUT/shards/`).
    Split {
        /// The feed file; it may be larger than a resident's app reads.
        feed: PathBuf,
        /// The folder to write into (made if missing).
        #[arg(long)]
        out: PathBuf,
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
        /// A national-shaped feed with this many districts across several
        /// cities (printed compact: too large for one document, it is made
        /// to be split with `caidan split`).
        #[arg(long)]
        districts: Option<usize>,
    },
    /// Write a built app's Content-Security-Policy into its `index.html`,
    /// from its deployment config, and print the header form of the policy
    /// (with `frame-ancestors`) for hosts that can send headers. The pages
    /// the build drew beside it (`<path>.html` with a first view) get the
    /// same policy, or are removed when their view was drawn for another
    /// config.
    Csp {
        /// The deployment config (`caidan.json`).
        config: PathBuf,
        /// The built `index.html`, rewritten in place.
        index: PathBuf,
    },
    /// Make an Ed25519 key pair for signing feeds: the private key goes to
    /// `feed-signing-key.pem` (PKCS#8, readable by its owner only, never
    /// overwritten); the public key, as `caidan.json`'s `feed_keys` lists
    /// it, is printed.
    Keygen {
        /// The folder to write the private key into (made if missing).
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Sign a feed's exact bytes: write the signature to `FEED.sig` beside
    /// it, and print it.
    Sign {
        /// The feed file, as it will be served.
        feed: PathBuf,
        /// The private key (PKCS#8 PEM, from `caidan keygen` or OpenSSL).
        #[arg(long)]
        key: PathBuf,
    },
    /// Open Referral HSDS 3: export a feed's services, or import HSDS
    /// services as the start of a feed.
    Hsds {
        #[command(subcommand)]
        command: HsdsCommand,
    },
    /// Open311 GeoReport v2.
    Open311 {
        #[command(subcommand)]
        command: Open311Command,
    },
    /// Check a feed's signature (`FEED.sig`) as the app will: it must verify
    /// with one of the public keys.
    Verify {
        /// The feed file, as it will be served.
        feed: PathBuf,
        /// A public key as `feed_keys` lists it; repeat for several.
        #[arg(long = "key")]
        keys: Vec<String>,
        /// Take the keys from a deployment config (`caidan.json`) instead.
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum HsdsCommand {
    /// Print the feed's services as one page of an HSDS 3 service list.
    Export {
        /// The feed file.
        feed: PathBuf,
        /// Write texts in this locale where they have it (the feed's default
        /// locale otherwise).
        #[arg(long)]
        locale: Option<String>,
        /// The ISO 3166-1 country code of every address.
        #[arg(long, default_value = "CN")]
        country: String,
    },
    /// Read HSDS 3 services (one service, a list, or a page with
    /// `contents`) and print a feed; what is left to decide by hand goes to
    /// standard error.
    Import {
        /// The HSDS JSON file.
        file: PathBuf,
        /// The feed's id.
        #[arg(long, default_value = "hsds-import")]
        id: String,
        /// The feed's title.
        #[arg(long, default_value = "Imported services")]
        title: String,
        /// The language the HSDS text is in: the feed's default locale.
        #[arg(long, default_value = "en")]
        locale: String,
        /// The feed's `published_at` (RFC 3339); now by default.
        #[arg(long)]
        published_at: Option<String>,
    },
}

#[derive(Subcommand)]
enum Open311Command {
    /// Write the menu as a GeoReport v2 service list: `DIR/services.json`
    /// and `DIR/services/{code}.json` for every service code.
    Services {
        /// The feed file.
        feed: PathBuf,
        /// The folder to write into (made if missing).
        #[arg(long)]
        out: PathBuf,
        /// Write texts in this locale where they have it.
        #[arg(long)]
        locale: Option<String>,
    },
}

/// The file `caidan keygen` writes the private key to.
const KEY_FILE: &str = "feed-signing-key.pem";

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
            if f.is_sharded() {
                return check_sharded(&feed, &f);
            }
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
        Command::Gen {
            services,
            seed,
            districts,
        } => {
            let doc = caidan_synth::generate(&SynthOptions {
                services,
                seed,
                districts,
            });
            if districts.is_some() {
                let mut out = std::io::stdout().lock();
                serde_json::to_writer(&mut out, &doc)
                    .map_err(|e| Failure::Unreadable(format!("cannot print JSON: {e}")))?;
                let _ = writeln!(out);
            } else {
                print_json(&doc);
            }
            Ok(())
        }
        Command::Split { feed, out } => split_feed(&feed, &out),
        Command::Csp { config, index } => csp(&config, &index),
        Command::Keygen { out } => keygen(&out),
        Command::Sign { feed, key } => sign(&feed, &key),
        Command::Verify { feed, keys, config } => verify(&feed, keys, config.as_deref()),
        Command::Hsds {
            command:
                HsdsCommand::Export {
                    feed,
                    locale,
                    country,
                },
        } => {
            let f = load(&feed)?;
            let options = hsds::ExportOptions { locale, country };
            print_json(&hsds::export(&f, &options));
            Ok(())
        }
        Command::Hsds {
            command:
                HsdsCommand::Import {
                    file,
                    id,
                    title,
                    locale,
                    published_at,
                },
        } => hsds_import(&file, id, title, locale, published_at),
        Command::Open311 {
            command: Open311Command::Services { feed, out, locale },
        } => open311_services(&feed, &out, locale.as_deref()),
    }
}

fn hsds_import(
    file: &Path,
    feed_id: String,
    title: String,
    locale: String,
    published_at: Option<String>,
) -> Result<(), Failure> {
    let published_at = match published_at {
        Some(t) => {
            DateTime::parse(&t).map_err(|e| invalid("--published-at", e.to_string()))?;
            t
        }
        None => {
            let millis = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0);
            DateTime::from_unix_millis(millis - millis % 1000, 8 * 60)
                .map_err(|e| invalid("--published-at", e.to_string()))?
                .to_string()
        }
    };
    let text = read(file)?;
    let options = hsds::ImportOptions {
        feed_id,
        title,
        locale,
        published_at,
    };
    let imported = hsds::import(&text, &options).map_err(|e| match e {
        hsds::ImportError::Invalid { path, message } => Failure::Invalid(vec![Diagnostic {
            path: format!("{}: {path}", file.display()),
            message,
        }]),
        e => Failure::Unreadable(format!("{}: {e}", file.display())),
    })?;
    // What was made must be a feed the app reads; if not, that is this
    // tool's mistake, reported rather than printed.
    let out = serde_json::to_string_pretty(&imported.feed)
        .map_err(|e| Failure::Unreadable(format!("cannot print JSON: {e}")))?;
    if let Err(e) = Feed::parse(&out) {
        let mut d = e.diagnostics();
        d.insert(
            0,
            Diagnostic {
                path: file.display().to_string(),
                message: "the imported feed does not check; please report this".into(),
            },
        );
        return Err(Failure::Invalid(d));
    }
    for w in &imported.warnings {
        eprintln!("warning: {}: {w}", file.display());
    }
    if !imported.not_imported.is_empty() {
        eprintln!(
            "note: HSDS fields a feed has no place for, not imported: {}",
            imported.not_imported.join(", ")
        );
    }
    for n in &imported.notes {
        eprintln!("todo: feed: {n}");
    }
    for s in &imported.services {
        for t in &s.todo {
            eprintln!("todo: service {}: {t}", s.id);
        }
    }
    println!("{out}");
    Ok(())
}

fn open311_services(feed: &Path, out: &Path, locale: Option<&str>) -> Result<(), Failure> {
    let f = load(feed)?;
    let dir = out.join("services");
    std::fs::create_dir_all(&dir)
        .map_err(|e| Failure::Unreadable(format!("{}: cannot create: {e}", dir.display())))?;
    let write = |path: PathBuf, value: &serde_json::Value| {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| Failure::Unreadable(format!("cannot print JSON: {e}")))?;
        std::fs::write(&path, format!("{text}\n"))
            .map_err(|e| Failure::Unreadable(format!("{}: cannot write: {e}", path.display())))
    };
    let list = services::service_list(&f, locale);
    write(out.join("services.json"), &list)?;
    let definitions = services::service_definitions(&f, locale);
    for (code, definition) in &definitions {
        // Service codes are feed ids (`A-Z a-z 0-9 . _ -`), so a file name
        // made from one stays in the folder.
        write(dir.join(format!("{code}.json")), definition)?;
    }
    println!(
        "wrote {} and {} service definitions in {}",
        out.join("services.json").display(),
        definitions.len(),
        dir.display()
    );
    Ok(())
}

fn keygen(out: &Path) -> Result<(), Failure> {
    let mut seed = [0u8; ed25519_dalek::SECRET_KEY_LENGTH];
    getrandom::fill(&mut seed)
        .map_err(|e| Failure::Unreadable(format!("no randomness from the system: {e}")))?;
    let key = SigningKey::from_bytes(&seed);
    // PKCS#8 v1 (no public key inside), the form `openssl genpkey` writes:
    // OpenSSL 3.0 cannot read the v2 form `SigningKey` would write.
    let pem = KeypairBytes {
        secret_key: seed,
        public_key: None,
    }
    .to_pkcs8_pem(LineEnding::LF)
    .map_err(|e| Failure::Unreadable(format!("cannot encode the key: {e}")))?;
    seed.fill(0);
    std::fs::create_dir_all(out)
        .map_err(|e| Failure::Unreadable(format!("{}: cannot create: {e}", out.display())))?;
    let path = out.join(KEY_FILE);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = match options.open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(invalid(
                &path.display().to_string(),
                "already exists: a signing key is never overwritten; move it away or use --out"
                    .into(),
            ))
        }
        Err(e) => {
            return Err(Failure::Unreadable(format!(
                "{}: cannot write: {e}",
                path.display()
            )))
        }
    };
    file.write_all(pem.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Failure::Unreadable(format!("{}: cannot write: {e}", path.display())))?;
    eprintln!(
        "wrote {}: keep it secret. List the public key below in caidan.json's `feed_keys`.",
        path.display()
    );
    println!("{}", BASE64.encode(key.verifying_key().as_bytes()));
    Ok(())
}

fn sign(feed: &Path, key_path: &Path) -> Result<(), Failure> {
    let pem = read(key_path)?;
    let key = SigningKey::from_pkcs8_pem(&pem).map_err(|e| {
        invalid(
            &key_path.display().to_string(),
            format!("not an Ed25519 private key in PKCS#8 PEM (`BEGIN PRIVATE KEY`): {e}"),
        )
    })?;
    let bytes = read_bytes(feed)?;
    let signature = BASE64.encode(key.sign(&bytes).to_bytes());
    let sig_path = signature_path(feed);
    std::fs::write(&sig_path, format!("{signature}\n"))
        .map_err(|e| Failure::Unreadable(format!("{}: cannot write: {e}", sig_path.display())))?;
    eprintln!(
        "wrote {}, for the public key {}",
        sig_path.display(),
        BASE64.encode(key.verifying_key().as_bytes())
    );
    println!("{signature}");
    Ok(())
}

fn verify(feed: &Path, mut keys: Vec<String>, config: Option<&Path>) -> Result<(), Failure> {
    if let Some(config) = config {
        let deploy = DeployConfig::parse(&read(config)?)
            .map_err(|e| invalid(&config.display().to_string(), e.to_string()))?;
        keys.extend(deploy.feed_keys);
    }
    if keys.is_empty() {
        return Err(invalid(
            "--key",
            "no public key: give --key or a --config that lists `feed_keys`".into(),
        ));
    }
    let mut verifying = Vec::new();
    for k in &keys {
        let bytes = parse_public_key(k).map_err(|e| invalid("--key", format!("`{k}`: {e}")))?;
        let key = VerifyingKey::from_bytes(&bytes)
            .map_err(|_| invalid("--key", format!("`{k}` is not an Ed25519 public key")))?;
        verifying.push((k, key));
    }
    let bytes = read_bytes(feed)?;
    let sig_path = signature_path(feed);
    let sig_text = read(&sig_path)?;
    let signature = parse_signature(&sig_text)
        .map(|s| Signature::from_bytes(&s))
        .map_err(|e| invalid(&sig_path.display().to_string(), e.to_string()))?;
    match verifying
        .iter()
        .find(|(_, key)| key.verify_strict(&bytes, &signature).is_ok())
    {
        Some((k, _)) => {
            println!("ok: {} is signed by {k}", feed.display());
            Ok(())
        }
        None => Err(invalid(
            &sig_path.display().to_string(),
            format!(
                "does not verify over the bytes of `{}` with {}",
                feed.display(),
                if keys.len() == 1 {
                    "the key".to_string()
                } else {
                    format!("any of the {} keys", keys.len())
                }
            ),
        )),
    }
}

/// Where a feed's signature file is: its name with `.sig` added.
/// The largest single document `caidan split` reads: a national feed as one
/// document is far beyond what a resident's app reads (FEED.md, "Limits"),
/// which is why it is split.
const MAX_SPLIT_BYTES: usize = 1 << 30;

fn split_feed(path: &Path, out: &Path) -> Result<(), Failure> {
    let text = read(path)?;
    let feed = parse_feed(path, &text, MAX_SPLIT_BYTES)?;
    let doc: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Failure::Unreadable(format!("{}: {e}", path.display())))?;
    drop(text);
    let sharded = split(&feed, doc).map_err(|e| invalid("", e.to_string()))?;
    let write = |name: &Path, bytes: &str| {
        if let Some(dir) = name.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure::Unreadable(format!("{}: cannot create: {e}", dir.display()))
            })?;
        }
        std::fs::write(name, bytes)
            .map_err(|e| Failure::Unreadable(format!("{}: cannot write: {e}", name.display())))
    };
    for shard in &sharded.shards {
        write(&out.join(&shard.url), &shard.text)?;
    }
    write(&out.join(INDEX_FILE), &sharded.index)?;
    let largest = sharded.shards.iter().map(|s| s.text.len()).max();
    let index = Feed::parse(&sharded.index).map_err(|e| Failure::Invalid(e.diagnostics()))?;
    println!(
        "ok: {} version {}: {} bytes of index with {} services offered everywhere; {} shards, the largest {} bytes",
        index.id(),
        index.version(),
        sharded.index.len(),
        index.services().len(),
        sharded.shards.len(),
        largest.unwrap_or(0)
    );
    Ok(())
}

/// Checks a sharded feed whole: each shard's size and hash, then each shard
/// combined with the index. Problems are listed once, by the shard they are in.
fn check_sharded(index_path: &Path, index: &Feed) -> Result<(), Failure> {
    for w in index.warnings() {
        eprintln!("warning: {w}");
    }
    let dir = index_path.parent().unwrap_or(Path::new("."));
    let mut errors: Vec<Diagnostic> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut warnings = 0usize;
    let mut services = index.services().len();
    let mut copies = Copies::default();
    for (i, entry) in index.shards().iter().enumerate() {
        let at = format!("shards[{i}]({})", entry.region);
        let bytes = match std::fs::read(dir.join(&entry.url)) {
            Ok(bytes) => bytes,
            Err(e) => {
                errors.push(Diagnostic {
                    path: format!("{at}.url"),
                    message: format!("cannot read `{}`: {e}", entry.url),
                });
                continue;
            }
        };
        let hash = sha256_hex(&bytes);
        if hash != entry.sha256 {
            errors.push(Diagnostic {
                path: format!("{at}.sha256"),
                message: format!(
                    "`{}` has SHA-256 `{hash}`, not the `{}` the index lists",
                    entry.url, entry.sha256
                ),
            });
            continue;
        }
        let Ok(text) = String::from_utf8(bytes) else {
            errors.push(Diagnostic {
                path: format!("shard({})", entry.region),
                message: format!("`{}` is not UTF-8", entry.url),
            });
            continue;
        };
        copies.compare(&entry.region, &text, &mut errors);
        match index.with_shard(&entry.region, &text) {
            Ok(combined) => {
                services += combined.services().len() - index.services().len();
                for w in combined.warnings() {
                    if seen.insert(w.to_string()) {
                        warnings += 1;
                        eprintln!("warning: {w}");
                    }
                }
            }
            Err(e) => {
                for d in e.diagnostics() {
                    if seen.insert(d.to_string()) {
                        errors.push(d);
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    let warnings = warnings + index.warnings().len();
    println!(
        "ok: {} version {}: sharded, {} shards; {} services offered everywhere and {} in shards (counting each shard's copy); {} warning{}",
        index.id(),
        index.version(),
        index.shards().len(),
        index.services().len(),
        services - index.services().len(),
        warnings,
        if warnings == 1 { "" } else { "s" }
    );
    Ok(())
}

/// What the shards say about each region, organisation, location and
/// service that several of them list: every copy must be the same, or a
/// resident would see a provider differently depending on where they live.
#[derive(Default)]
struct Copies {
    seen: std::collections::HashMap<(&'static str, String), (String, String)>,
}

impl Copies {
    fn compare(&mut self, district: &str, text: &str, errors: &mut Vec<Diagnostic>) {
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else {
            return;
        };
        for (list, key) in [
            ("regions", "code"),
            ("organizations", "id"),
            ("locations", "id"),
            ("services", "id"),
        ] {
            let items = doc.get(list).and_then(|v| v.as_array());
            for (i, item) in items.into_iter().flatten().enumerate() {
                let id = item.get(key).and_then(|v| v.as_str()).unwrap_or_default();
                let hash = sha256_hex(item.to_string().as_bytes());
                match self.seen.get(&(list, id.to_string())) {
                    Some((first, h)) if *h != hash => errors.push(Diagnostic {
                        path: format!("shard({district}).{list}[{i}]({id})"),
                        message: format!("differs from its copy in shard({first})"),
                    }),
                    Some(_) => {}
                    None => {
                        self.seen
                            .insert((list, id.to_string()), (district.to_string(), hash));
                    }
                }
            }
        }
    }
}

/// `caidan csp`: the policy into `index` and into every page drawn beside
/// it; such a page whose view is dropped (drawn for another config) is
/// removed, so the host serves the app's `index.html` at its path.
fn csp(config: &Path, index: &Path) -> Result<(), Failure> {
    let config_text = read(config)?;
    let deploy = DeployConfig::parse(&config_text)
        .map_err(|e| invalid(&config.display().to_string(), e.to_string()))?;
    let mut pages = Vec::new();
    if let Some(folder) = index.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        drawn_pages(folder, index, &mut pages)?;
    }
    let mut scripts: Vec<String> = Vec::new();
    for (path, is_index) in
        std::iter::once((index.to_path_buf(), true)).chain(pages.into_iter().map(|p| (p, false)))
    {
        let page = caidan_core::csp::keep_first_view_of(&read(&path)?, &config_text);
        if !is_index && !caidan_core::csp::has_first_view(&page) {
            std::fs::remove_file(&path).map_err(|e| {
                Failure::Unreadable(format!("{}: cannot remove: {e}", path.display()))
            })?;
            continue;
        }
        let (page, _) = caidan_core::csp::apply(&page, &deploy)
            .map_err(|e| invalid(&path.display().to_string(), e.to_string()))?;
        // The header allows every page's scripts (a hash once, however
        // many pages carry the script).
        scripts.extend(
            caidan_core::csp::inline_scripts(&page)
                .into_iter()
                .map(String::from),
        );
        std::fs::write(&path, page)
            .map_err(|e| Failure::Unreadable(format!("{}: cannot write: {e}", path.display())))?;
    }
    let scripts: Vec<&str> = scripts.iter().map(String::as_str).collect();
    let header = caidan_core::csp::policy(&deploy, &scripts, true);
    println!("Content-Security-Policy: {header}");
    Ok(())
}

/// Every `.html` file under `folder` other than `index` that carries a
/// first view (scripts/first-view/snapshot.mjs), in a stable order.
fn drawn_pages(folder: &Path, index: &Path, found: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let unreadable =
        |e: std::io::Error| Failure::Unreadable(format!("{}: cannot list: {e}", folder.display()));
    let mut entries = std::fs::read_dir(folder)
        .map_err(unreadable)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(unreadable)?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type().map_err(unreadable)?;
        if kind.is_dir() {
            drawn_pages(&path, index, found)?;
        } else if kind.is_file()
            && path.extension().is_some_and(|e| e == "html")
            && !same_file(&path, index)
            && caidan_core::csp::has_first_view(&read(&path)?)
        {
            found.push(path);
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn signature_path(feed: &Path) -> PathBuf {
    let mut name = feed.as_os_str().to_owned();
    name.push(SIGNATURE_SUFFIX);
    PathBuf::from(name)
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

fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path)
        .map_err(|e| Failure::Unreadable(format!("{}: cannot read: {e}", path.display())))
}

fn read(path: &Path) -> Result<String, Failure> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes)
        .map_err(|e| Failure::Unreadable(format!("{}: not UTF-8: {e}", path.display())))
}

fn load(path: &Path) -> Result<Feed, Failure> {
    let text = read(path)?;
    parse_feed(path, &text, MAX_FEED_BYTES)
}

fn parse_feed(path: &Path, text: &str, limit: usize) -> Result<Feed, Failure> {
    Feed::parse_with_limit(text, limit).map_err(|e| match e {
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
