//! Splitting a single-document feed into an index and district shards, and
//! merging them back: the publisher's side of FEED.md, "Sharded feeds".
//!
//! Splitting works on the checked [`Feed`] (to know the region tree, each
//! service's areas and the regions its rules name) and on the document as
//! JSON (so that every field, known or not, is carried over unchanged).
//!
//! - A region at district level or above goes to the index; a street or
//!   community to its district's shard.
//! - A service whose areas include a region above district level, or that
//!   has no areas, is offered everywhere: it goes to the index. Any other
//!   service goes to the shard of each district its areas lie in, once.
//! - An organisation or location goes to the index when a service there
//!   needs it (or nothing needs it and it lies in no district); otherwise to
//!   each shard whose services need it. A hub goes where its members go.
//! - A street or community of another district that a part names (in a
//!   service area, a rule or a location) is copied into that part with its
//!   parents up to the district, so every part resolves on its own with the
//!   index; merging lists each region once.
//!
//! The output is deterministic: the same feed gives the same bytes, so a
//! shard whose district did not change keeps its name and its cache.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::{Map, Value};

use super::{sha256_hex, SHARD_FORMAT};
use crate::feed::{Feed, ServiceIndex};
use crate::rule::Rule;
use crate::rule::{Operand, Part};
use crate::wire::RegionLevel;

/// A sharded feed ready to write: the index and the shards, each with the
/// path it is written to, relative to the output folder.
#[derive(Debug, Clone)]
pub struct Sharded {
    /// The index, written to [`INDEX_FILE`].
    pub index: String,
    /// The shards, in the index's order.
    pub shards: Vec<ShardFile>,
}

/// One shard file.
#[derive(Debug, Clone)]
pub struct ShardFile {
    /// The district it covers.
    pub region: String,
    /// Where it goes, relative to the index (`shards/110101-<hash>.json`).
    pub url: String,
    /// Its bytes.
    pub text: String,
}

/// The index's file name in the output folder.
pub const INDEX_FILE: &str = "index.json";

/// Why a feed could not be split.
#[derive(Debug, thiserror::Error)]
pub enum SplitError {
    /// The document is not the one the feed was parsed from.
    #[error("the document does not match the feed: {0}")]
    Mismatch(String),
    /// A street or community lies in no district, so no shard can hold it.
    #[error("region `{0}` lies in no district; a sharded feed needs every street and community inside a district")]
    NoDistrict(String),
    /// The feed has no district at all.
    #[error("the feed has no district to split by")]
    NoDistricts,
    /// The feed is already an index.
    #[error("the feed is already sharded")]
    AlreadySharded,
}

/// What one part (the index or a shard) lists, by position in the feed.
#[derive(Default)]
struct Lists {
    regions: Vec<usize>,
    organizations: Vec<usize>,
    locations: Vec<usize>,
    services: Vec<usize>,
}

/// Where a part of the feed goes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
enum Part0 {
    Index,
    /// A district, by its position in the feed's regions.
    Shard(usize),
}

/// Splits a checked feed and the JSON document it was parsed from.
pub fn split(feed: &Feed, doc: Value) -> Result<Sharded, SplitError> {
    if feed.is_sharded() {
        return Err(SplitError::AlreadySharded);
    }
    let Value::Object(mut doc) = doc else {
        return Err(SplitError::Mismatch("not an object".into()));
    };
    let mut take = |key: &str| match doc.remove(key) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    };
    let region_values = take("regions");
    let organization_values = take("organizations");
    let location_values = take("locations");
    let service_values = take("services");
    let regions = feed.regions();
    if region_values.len() != regions.len()
        || organization_values.len() != feed.organizations().len()
        || location_values.len() != feed.locations().len()
        || service_values.len() != feed.services().len()
    {
        return Err(SplitError::Mismatch("the lists differ in length".into()));
    }
    let tree = feed.region_tree();

    // Each region's district (itself for a district), or none above.
    let mut district: Vec<Option<usize>> = Vec::with_capacity(regions.len());
    for (i, r) in regions.iter().enumerate() {
        let mut at = Some(i);
        let mut found = None;
        for _ in 0..8 {
            let Some(a) = at else { break };
            match regions.get(a).map(|r| r.level) {
                Some(RegionLevel::District) => {
                    found = Some(a);
                    break;
                }
                Some(RegionLevel::City) | None => break,
                _ => at = tree.parent(a),
            }
        }
        if found.is_none() && matches!(r.level, RegionLevel::Street | RegionLevel::Community) {
            return Err(SplitError::NoDistrict(r.code.clone()));
        }
        district.push(found);
    }
    let districts: Vec<usize> = regions
        .iter()
        .enumerate()
        .filter(|(_, r)| r.level == RegionLevel::District)
        .map(|(i, _)| i)
        .collect();
    if districts.is_empty() {
        return Err(SplitError::NoDistricts);
    }
    let region_part = |i: usize| match regions.get(i).map(|r| r.level) {
        Some(RegionLevel::Street | RegionLevel::Community) => district
            .get(i)
            .copied()
            .flatten()
            .map_or(Part0::Index, Part0::Shard),
        _ => Part0::Index,
    };

    // Services: where each goes, and what each needs.
    let org_index: HashMap<&str, usize> = feed
        .organizations()
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let loc_index: HashMap<&str, usize> = feed
        .locations()
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();
    let mut parts_of_service: Vec<Vec<Part0>> = Vec::with_capacity(service_values.len());
    let mut org_parts: Vec<BTreeSet<Part0>> = vec![BTreeSet::new(); org_index.len()];
    let mut loc_parts: Vec<BTreeSet<Part0>> = vec![BTreeSet::new(); loc_index.len()];
    let mut named: HashMap<Part0, BTreeSet<usize>> = HashMap::new();
    for (i, s) in feed.services().iter().enumerate() {
        let index = ServiceIndex(i);
        let areas = feed
            .compiled(index)
            .map(|c| c.areas.as_slice())
            .unwrap_or_default();
        let everywhere = areas.is_empty()
            || areas.iter().any(|&a| {
                regions
                    .get(a)
                    .is_none_or(|r| r.level < RegionLevel::District)
            });
        let parts: Vec<Part0> = if everywhere {
            vec![Part0::Index]
        } else {
            let set: BTreeSet<Part0> = areas
                .iter()
                .filter_map(|&a| district.get(a).copied().flatten())
                .map(Part0::Shard)
                .collect();
            set.into_iter().collect()
        };
        let mut codes: Vec<usize> = areas.to_vec();
        if let Some(rules) = feed.rules(index) {
            let all = rules
                .eligibility
                .into_iter()
                .chain(rules.subsidies)
                .chain(rules.priority);
            for rule in all {
                rule_regions(rule, feed, &mut codes);
            }
        }
        for &p in &parts {
            if let Some(&o) = org_index.get(s.organization_id.as_str()) {
                if let Some(set) = org_parts.get_mut(o) {
                    set.insert(p);
                }
            }
            for l in &s.location_ids {
                if let Some(set) = loc_index
                    .get(l.as_str())
                    .and_then(|&l| loc_parts.get_mut(l))
                {
                    set.insert(p);
                }
            }
            named.entry(p).or_default().extend(codes.iter().copied());
        }
        parts_of_service.push(parts);
    }
    // A hub goes wherever one of its members goes.
    for _ in 0..4 {
        let mut changed = false;
        for (i, o) in feed.organizations().iter().enumerate() {
            let Some(hub) = o
                .parent_organization_id
                .as_deref()
                .and_then(|p| org_index.get(p))
            else {
                continue;
            };
            let member = org_parts.get(i).cloned().unwrap_or_default();
            if let Some(set) = org_parts.get_mut(*hub) {
                let before = set.len();
                set.extend(member);
                changed |= set.len() != before;
            }
        }
        if !changed {
            break;
        }
    }
    // What nothing needs stays where it lies: a location in its district,
    // the rest in the index.
    for set in &mut org_parts {
        if set.is_empty() {
            set.insert(Part0::Index);
        }
    }
    for (i, l) in feed.locations().iter().enumerate() {
        if let Some(set) = loc_parts.get_mut(i) {
            if set.is_empty() {
                let part = l
                    .region
                    .as_deref()
                    .and_then(|r| tree.get(r))
                    .map_or(Part0::Index, region_part);
                set.insert(part);
            }
        }
    }
    // What the index holds, no shard repeats.
    for set in org_parts.iter_mut().chain(loc_parts.iter_mut()) {
        if set.contains(&Part0::Index) {
            set.retain(|&p| p == Part0::Index);
        }
    }
    for (i, l) in feed.locations().iter().enumerate() {
        if let (Some(r), Some(set)) = (
            l.region.as_deref().and_then(|r| tree.get(r)),
            loc_parts.get(i),
        ) {
            for &p in set {
                named.entry(p).or_default().insert(r);
            }
        }
    }

    // Regions: each part's own, and the streets and communities of other
    // districts it names, with their parents up to the district.
    let mut region_sets: HashMap<Part0, BTreeSet<usize>> = HashMap::new();
    for i in 0..regions.len() {
        region_sets.entry(region_part(i)).or_default().insert(i);
    }
    for (part, codes) in &named {
        for &c in codes {
            if region_part(c) == Part0::Index || region_part(c) == *part {
                continue;
            }
            let mut at = Some(c);
            while let Some(a) = at {
                if region_part(a) == Part0::Index {
                    break;
                }
                region_sets.entry(*part).or_default().insert(a);
                at = tree.parent(a);
            }
        }
    }

    // One pass over each list notes, for every part, the positions of the
    // items it lists, in feed order: the work grows with the feed, not with
    // the feed times the number of districts. A part's items are copied
    // only when it is written, so one shard's copies are in memory at once.
    let mut lists: HashMap<Part0, Lists> = HashMap::new();
    for (part, set) in &region_sets {
        lists
            .entry(*part)
            .or_default()
            .regions
            .extend(set.iter().copied());
    }
    for (i, set) in org_parts.iter().enumerate() {
        for part in set {
            lists.entry(*part).or_default().organizations.push(i);
        }
    }
    for (i, set) in loc_parts.iter().enumerate() {
        for part in set {
            lists.entry(*part).or_default().locations.push(i);
        }
    }
    for (i, parts) in parts_of_service.iter().enumerate() {
        for part in parts {
            lists.entry(*part).or_default().services.push(i);
        }
    }
    let copy = |values: &[Value], positions: &[usize]| -> Vec<Value> {
        positions
            .iter()
            .filter_map(|&i| values.get(i).cloned())
            .collect()
    };
    let mut list_for = |part: Part0| -> [Vec<Value>; 4] {
        let l = lists.remove(&part).unwrap_or_default();
        [
            copy(&region_values, &l.regions),
            copy(&organization_values, &l.organizations),
            copy(&location_values, &l.locations),
            copy(&service_values, &l.services),
        ]
    };

    let mut shards = Vec::with_capacity(districts.len());
    let mut refs = Vec::with_capacity(districts.len());
    for &d in &districts {
        let code = regions.get(d).map(|r| r.code.clone()).unwrap_or_default();
        let [r, o, l, s] = list_for(Part0::Shard(d));
        let services = s.len();
        let mut shard = Map::new();
        shard.insert("caidan_shard".into(), Value::from(SHARD_FORMAT));
        shard.insert("feed".into(), Value::from(feed.id()));
        shard.insert("version".into(), Value::from(feed.version()));
        shard.insert("region".into(), Value::from(code.as_str()));
        shard.insert("regions".into(), Value::Array(r));
        shard.insert("organizations".into(), Value::Array(o));
        shard.insert("locations".into(), Value::Array(l));
        shard.insert("services".into(), Value::Array(s));
        let text = Value::Object(shard).to_string();
        let hash = sha256_hex(text.as_bytes());
        let short: String = hash.chars().take(16).collect();
        let url = format!("shards/{code}-{short}.json");
        let mut entry = Map::new();
        entry.insert("region".into(), Value::from(code.as_str()));
        entry.insert("url".into(), Value::from(url.as_str()));
        entry.insert("sha256".into(), Value::from(hash));
        entry.insert("bytes".into(), Value::from(text.len()));
        entry.insert("services".into(), Value::from(services));
        refs.push(Value::Object(entry));
        shards.push(ShardFile {
            region: code,
            url,
            text,
        });
    }
    let [r, o, l, s] = list_for(Part0::Index);
    doc.insert("caidan_feed".into(), Value::from(SHARD_FORMAT));
    doc.insert("regions".into(), Value::Array(r));
    doc.insert("organizations".into(), Value::Array(o));
    doc.insert("locations".into(), Value::Array(l));
    doc.insert("services".into(), Value::Array(s));
    doc.insert("shards".into(), Value::Array(refs));
    Ok(Sharded {
        index: Value::Object(doc).to_string(),
        shards,
    })
}

/// The regions a rule names, by position in the feed's regions: `within`
/// targets, and strings compared with a region fact.
fn rule_regions(rule: &Rule, feed: &Feed, out: &mut Vec<usize>) {
    let tree = feed.region_tree();
    rule.walk(|part, _| match part {
        Part::Within { region, .. } => out.extend(tree.get(region)),
        Part::Compare { lhs, rhs, .. } => {
            for o in [lhs, rhs] {
                if let Operand::Text(t) = o {
                    out.extend(tree.get(t));
                }
            }
        }
        Part::In { items, .. } => {
            for o in items {
                if let Operand::Text(t) = o {
                    out.extend(tree.get(t));
                }
            }
        }
        _ => {}
    });
}

/// Merges an index and its shards (as JSON documents) back into one
/// single-document feed: the index without its `shards`, then each shard's
/// lists, each region, organisation and location listed once.
pub fn merge(index: &Value, shards: &[Value]) -> Value {
    let mut doc = match index {
        Value::Object(map) => map.clone(),
        _ => Map::new(),
    };
    doc.remove("shards");
    for (list, key) in [
        ("regions", "code"),
        ("organizations", "id"),
        ("locations", "id"),
        ("services", "id"),
    ] {
        let mut items = match doc.remove(list) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        };
        let mut seen: HashSet<String> = items.iter().map(|v| id_of(v, key)).collect();
        for shard in shards {
            if let Some(Value::Array(more)) = shard.get(list) {
                for v in more {
                    if seen.insert(id_of(v, key)) {
                        items.push(v.clone());
                    }
                }
            }
        }
        doc.insert(list.into(), Value::Array(items));
    }
    Value::Object(doc)
}

fn id_of(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}
