//! Sharded feeds (FEED.md, "Sharded feeds"): an index that a resident
//! downloads whole, and one shard per district that they download only for
//! the district they live in.
//!
//! The index is an ordinary feed document with a `shards` list: parsed with
//! [`Feed::parse`] it is the menu of the services offered everywhere. One
//! shard combined with it ([`Feed::with_shard`]) is an ordinary checked
//! [`Feed`] again, the one decisions, search and requests already use: the
//! index's region tree down to every district, the shard's streets and
//! communities, and the services of both. A rule that names another district
//! therefore still evaluates correctly: the tree says a community of this
//! district is not within it.
//!
//! Invariants:
//! - Combining checks everything a single feed's validation checks, and that
//!   the shard belongs to this index (feed id, version, district, sizes);
//!   it does not check the shard's SHA-256, which the caller has already
//!   checked over the bytes it received (the app with WebCrypto, the
//!   publisher's tool with [`sha256_hex`]).
//! - A diagnostic about a part of the shard names the shard:
//!   `shard(110105).services[3](meal).cost.amount`.

#[cfg(feature = "publisher")]
pub mod split;

use crate::feed::MAX_FEED_BYTES;
use crate::feed::{check_version, deserialize, Capped, Diagnostic, Feed, FeedError, Validator};
use crate::wire::{RegionLevel, ShardDoc, ShardRef};

/// The format version a shard (and an index) is written in.
pub const SHARD_FORMAT: &str = "1.1";

/// Why a shard could not be combined with its index.
#[derive(Debug, thiserror::Error)]
pub enum ShardError {
    /// The index lists no shard for the district.
    #[error("the index lists no shard for district `{region}`")]
    NotListed { region: String },
    /// The shard's bytes are not those the index lists: another size or
    /// another SHA-256. A reader shows no part of it.
    #[error("the shard of district `{region}` is not the one the index lists: {reason}")]
    Tampered { region: String, reason: String },
    /// The shard is not a JSON document of the right shape.
    #[error("the shard of district `{region}` is unreadable: {source}")]
    Unreadable { region: String, source: FeedError },
    /// The shard does not belong to this index, or the combined feed has
    /// problems; every problem found is listed, with paths that name the
    /// shard.
    #[error("the shard of district `{region}` has {} problem(s)", errors.len())]
    Invalid {
        region: String,
        errors: Vec<Diagnostic>,
        warnings: Vec<Diagnostic>,
    },
}

impl ShardError {
    /// The individual problems, as diagnostics.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            ShardError::Invalid { errors, .. } => errors.clone(),
            ShardError::Unreadable { region, source } => source
                .diagnostics()
                .into_iter()
                .map(|d| Diagnostic {
                    path: in_shard(region, &d.path),
                    message: d.message,
                })
                .collect(),
            other => vec![Diagnostic {
                path: String::new(),
                message: other.to_string(),
            }],
        }
    }
}

impl Feed {
    /// The index's entry for a district's shard.
    pub fn shard_ref(&self, district: &str) -> Option<&ShardRef> {
        self.shards().iter().find(|s| s.region == district)
    }

    /// The districts a resident can choose from: those the index lists a
    /// shard for, in the order of its regions.
    pub fn shard_districts(&self) -> impl Iterator<Item = &crate::wire::Region> {
        let listed: std::collections::HashSet<&str> =
            self.shards().iter().map(|s| s.region.as_str()).collect();
        self.regions()
            .iter()
            .filter(move |r| r.level == RegionLevel::District && listed.contains(r.code.as_str()))
    }

    /// The district a region lies in (the region itself when it is one);
    /// `None` for a region above district level or unknown to the tree.
    pub fn district_of(&self, code: &str) -> Option<&str> {
        let tree = self.region_tree();
        let mut at = tree.get(code);
        // The tree is acyclic (validated); the bound guards misuse anyway.
        for _ in 0..=self.regions().len() {
            let region = self.regions().get(at?)?;
            if region.level == RegionLevel::District {
                return Some(&region.code);
            }
            at = tree.parent(at?);
        }
        None
    }

    /// Checks a fetched shard's size and SHA-256 digest (computed by the
    /// caller over the bytes received, with WebCrypto in the app) against
    /// the index, before anything parses it.
    pub fn check_shard_digest(
        &self,
        district: &str,
        bytes: usize,
        sha256: &[u8],
    ) -> Result<(), ShardError> {
        let region = district.to_string();
        let Some(entry) = self.shard_ref(district) else {
            return Err(ShardError::NotListed { region });
        };
        if entry.bytes != bytes as u64 {
            return Err(ShardError::Tampered {
                region,
                reason: format!("it is {bytes} bytes; the index says {}", entry.bytes),
            });
        }
        let found = hex(sha256);
        if found != entry.sha256 {
            return Err(ShardError::Tampered {
                region,
                reason: format!(
                    "its SHA-256 is `{found}`; the index says `{}`",
                    entry.sha256
                ),
            });
        }
        Ok(())
    }

    /// Combines this index with the shard of `district` (its file's text,
    /// whose SHA-256 the caller has checked) into one checked feed.
    ///
    /// `self` must be the index as parsed, not an index already combined
    /// with a shard.
    pub fn with_shard(&self, district: &str, text: &str) -> Result<Feed, ShardError> {
        let region = district.to_string();
        let Some(entry) = self.shard_ref(district) else {
            return Err(ShardError::NotListed { region });
        };
        if text.len() > MAX_FEED_BYTES {
            return Err(ShardError::Unreadable {
                region,
                source: FeedError::TooLarge {
                    size: text.len(),
                    limit: MAX_FEED_BYTES,
                },
            });
        }
        let mut read_warnings = Capped::default();
        let shard: ShardDoc = match deserialize(text, &mut read_warnings) {
            Ok(doc) => doc,
            Err(source) => return Err(ShardError::Unreadable { region, source }),
        };
        let mut errors = Capped::default();
        let mut error = |path: String, message: String| {
            errors.push(|| Diagnostic { path, message });
        };
        if self.loaded_shard().is_some() {
            error(
                String::new(),
                "a shard is combined with its index, not with a feed that already has one".into(),
            );
        }
        if shard.caidan_shard.is_empty() {
            error(
                in_shard(district, "caidan_shard"),
                "missing required field".into(),
            );
        } else if let Err(e) = check_version(&shard.caidan_shard) {
            error(in_shard(district, "caidan_shard"), e.to_string());
        }
        if shard.feed != self.id() {
            error(
                in_shard(district, "feed"),
                format!("the shard is of feed `{}`, not `{}`", shard.feed, self.id()),
            );
        }
        if shard.version != self.version() {
            error(
                in_shard(district, "version"),
                format!(
                    "the shard is of version `{}`, the index of `{}`",
                    shard.version,
                    self.version()
                ),
            );
        }
        if shard.region != district {
            error(
                in_shard(district, "region"),
                format!("the shard covers `{}`, not `{district}`", shard.region),
            );
        }
        if entry.bytes != text.len() as u64 {
            error(
                in_shard(district, ""),
                format!(
                    "the shard is {} bytes; the index says {}",
                    text.len(),
                    entry.bytes
                ),
            );
        }
        if entry.services != shard.services.len() as u64 {
            error(
                in_shard(district, "services"),
                format!(
                    "the shard lists {} services; the index says {}",
                    shard.services.len(),
                    entry.services
                ),
            );
        }
        for (i, r) in shard.regions.iter().enumerate() {
            if !matches!(r.level, RegionLevel::Street | RegionLevel::Community) {
                error(
                    in_shard(district, &format!("regions[{i}]({}).level", r.code)),
                    format!(
                        "a shard lists streets and communities; the index lists every `{}`",
                        r.level.as_str()
                    ),
                );
            }
        }

        // The combined document: the index, then the shard. A region the
        // index already lists (a street it borrowed for one of its own
        // services) is listed once.
        let mut doc = self.doc().clone();
        let mut regions = doc.regions.take().unwrap_or_default();
        let index_regions = regions.len();
        let known: std::collections::HashSet<String> =
            regions.iter().map(|r| r.code.clone()).collect();
        let mut region_origin = Vec::new();
        for (i, r) in shard.regions.into_iter().enumerate() {
            if !known.contains(&r.code) {
                region_origin.push(i);
                regions.push(r);
            }
        }
        doc.regions = Some(regions);
        let mut organizations = doc.organizations.take().unwrap_or_default();
        let index_organizations = organizations.len();
        organizations.extend(shard.organizations);
        doc.organizations = Some(organizations);
        let index_locations = doc.locations.len();
        doc.locations.extend(shard.locations);
        let mut services = doc.services.take().unwrap_or_default();
        let index_services = services.len();
        services.extend(shard.services);
        doc.services = Some(services);

        let origin = Origin {
            district,
            index_regions,
            region_origin: &region_origin,
            index_organizations,
            index_locations,
            index_services,
        };
        let mut warnings = Capped::default();
        for d in read_warnings.finish("warning") {
            warnings.push(|| Diagnostic {
                path: in_shard(district, &d.path),
                message: d.message,
            });
        }
        let combined = Validator::new(&doc, warnings).run(doc);
        if let Ok(feed) = &combined {
            for (i, s) in feed.services().iter().enumerate().skip(index_services) {
                if let Some(problem) = misplaced(feed, s, district) {
                    let path = format!("services[{}]({}).service_areas", i - index_services, s.id);
                    error(in_shard(district, &path), problem);
                }
            }
        }
        match combined {
            Ok(mut feed) if errors.is_empty() => {
                feed.shard = Some(region);
                let warnings = std::mem::take(&mut feed.warnings)
                    .into_iter()
                    .map(|d| origin.locate(d))
                    .collect();
                feed.warnings = warnings;
                Ok(feed)
            }
            Ok(feed) => Err(ShardError::Invalid {
                region,
                errors: errors.finish("problem"),
                warnings: feed
                    .warnings
                    .into_iter()
                    .map(|d| origin.locate(d))
                    .collect(),
            }),
            Err(FeedError::Invalid {
                errors: found,
                warnings,
            }) => {
                for d in found {
                    let d = origin.locate(d);
                    errors.push(|| d);
                }
                Err(ShardError::Invalid {
                    region,
                    errors: errors.finish("problem"),
                    warnings: warnings.into_iter().map(|d| origin.locate(d)).collect(),
                })
            }
            Err(source) => Err(ShardError::Unreadable { region, source }),
        }
    }
}

/// Why a service listed in the shard of `district` does not belong there,
/// if it does not: a shard lists the services that serve part of its
/// district, and only at district level or below (the index has the rest).
fn misplaced(feed: &Feed, service: &crate::wire::Service, district: &str) -> Option<String> {
    if service.service_areas.is_empty() {
        return Some(
            "a service with no service areas is offered everywhere: it belongs in the index".into(),
        );
    }
    let tree = feed.region_tree();
    if let Some(wide) = service.service_areas.iter().find(|a| {
        feed.region_level(a)
            .is_some_and(|l| l < RegionLevel::District)
    }) {
        return Some(format!(
            "`{wide}` is above district level: a service offered there belongs in the index"
        ));
    }
    let serves = service
        .service_areas
        .iter()
        .any(|a| tree.code_within(a, district));
    (!serves).then(|| {
        format!(
            "the service does not serve district `{district}`: it belongs in the shards of the districts it serves"
        )
    })
}

/// The path of `path` inside the shard of `district`.
fn in_shard(district: &str, path: &str) -> String {
    if path.is_empty() {
        format!("shard({district})")
    } else {
        format!("shard({district}).{path}")
    }
}

/// Where each list of a combined document came from, to turn its paths back
/// into paths in the index or the shard.
struct Origin<'a> {
    district: &'a str,
    index_regions: usize,
    region_origin: &'a [usize],
    index_organizations: usize,
    index_locations: usize,
    index_services: usize,
}

impl Origin<'_> {
    fn locate(&self, d: Diagnostic) -> Diagnostic {
        for list in ["regions", "organizations", "locations", "services"] {
            let Some((number, rest)) = d
                .path
                .strip_prefix(list)
                .and_then(|p| p.strip_prefix('['))
                .and_then(|p| p.split_once(']'))
            else {
                continue;
            };
            let Ok(n) = number.parse::<usize>() else {
                continue;
            };
            let in_shard_at = match list {
                "regions" => n
                    .checked_sub(self.index_regions)
                    .map(|k| self.region_origin.get(k).copied().unwrap_or(k)),
                "organizations" => n.checked_sub(self.index_organizations),
                "locations" => n.checked_sub(self.index_locations),
                _ => n.checked_sub(self.index_services),
            };
            return match in_shard_at {
                Some(k) => Diagnostic {
                    path: in_shard(self.district, &format!("{list}[{k}]{rest}")),
                    message: d.message,
                },
                None => d,
            };
        }
        d
    }
}

/// Bytes in lowercase hex.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut hex = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// The SHA-256 of `bytes`, in lowercase hex, as an index lists it.
#[cfg(feature = "publisher")]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}
