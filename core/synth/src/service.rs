//! Categories and the services themselves: names, texts, places, cost,
//! priority, limits, capacity and request-form attributes.

use serde_json::{json, Map, Value};

use crate::data::{
    Category, Core, ATTRIBUTES, CATEGORIES, CATEGORY_WEIGHTS, DESCRIPTION_SENTENCES,
    FUNDING_SOURCES, LIMITS, NAME_PREFIXES, NAME_SUFFIXES, PERCENTS, PRIORITY_FACTS, SUBSIDY_FACTS,
    SUMMARY_EXTRAS, UNITS,
};
use crate::rng::Rng;
use crate::rules::{Fact, Rule, RuleGen};
use crate::values::{capitalize, date, phone, text, word_count};
use crate::world::{RegionRef, World};

pub(crate) fn categories_json() -> Vec<Value> {
    CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "id": c.id,
                "name": text(c.zh, c.en),
                "description": text(c.description_zh, c.description_en),
                "icon": c.icon,
                "order": i + 1,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Services.

/// The service at `index` (0-based), drawing from the services stream.
pub(crate) fn service(rng: &mut Rng, world: &World, index: usize) -> Value {
    let category_index = rng.weighted(&CATEGORY_WEIGHTS);
    let category = &CATEGORIES[category_index];
    let core = rng.pick(category.cores);
    let target = rng.pick(category.targets);
    let mut s = Map::new();
    s.insert("id".into(), json!(format!("svc-{:05}", index + 1)));

    // Name: prefix, core, suffix.
    let (mut prefix_zh, mut prefix_en) = *rng.pick(NAME_PREFIXES);
    if core.zh.contains(prefix_zh) || core.en.contains(prefix_en) {
        (prefix_zh, prefix_en) = ("", "");
    }
    let (suffix_zh, suffix_en) = *rng.pick(NAME_SUFFIXES);
    let name_en = [prefix_en, core.en, suffix_en]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    s.insert(
        "name".into(),
        text(
            format!("{prefix_zh}{}{suffix_zh}", core.zh),
            capitalize(&name_en),
        ),
    );
    let (summary_zh, summary_en) = summary(rng, core, target);
    let (description_zh, description_en) = description(rng, &summary_zh, &summary_en);
    s.insert("summary".into(), text(summary_zh, summary_en));
    s.insert("description".into(), text(description_zh, description_en));
    s.insert("category".into(), json!(category.id));
    s.insert("keywords".into(), json!(keywords(rng, category, core)));

    // A national menu's services are local: a provider of one district
    // serves it and perhaps its neighbours.
    let home = (!world.cities.is_empty()).then(|| rng.below(world.districts.len()));
    let organization = match home.map(|d| &world.organizations_by_district[d]) {
        Some(local) if !local.is_empty() => *rng.pick(local),
        _ if rng.chance(0.1) || world.grassroots.is_empty() => *rng.pick(&world.hubs),
        _ => *rng.pick(&world.grassroots),
    };
    s.insert(
        "organization_id".into(),
        json!(world.organization_ids[organization]),
    );

    // Service areas first: locations and residence clauses follow them.
    let areas = match home {
        Some(d) => national_service_areas(rng, world, d),
        None => service_areas(rng, world),
    };
    let mut nearby: Vec<usize> = Vec::new();
    let mut districts: Vec<usize> = areas.iter().filter_map(|&a| world.district_of(a)).collect();
    districts.sort_unstable();
    districts.dedup();
    if districts.is_empty() {
        districts = (0..world.districts.len()).collect();
    }
    for d in districts {
        nearby.extend(&world.locations_by_district[d]);
    }
    if nearby.is_empty() {
        nearby = (0..world.location_ids.len()).collect();
    }
    let location_count = [0, 1, 1, 1, 2, 3][rng.below(6)];
    let location_ids: Vec<&str> = rng
        .sample(nearby.len(), location_count)
        .into_iter()
        .map(|i| world.location_ids[nearby[i]].as_str())
        .collect();
    s.insert(
        "delivery".into(),
        json!(delivery(rng, !location_ids.is_empty())),
    );
    s.insert("location_ids".into(), json!(location_ids));
    let area_codes: Vec<&str> = areas.iter().map(|&a| world.region(a).0).collect();
    s.insert("service_areas".into(), json!(area_codes));

    let status = match rng.below(1000) {
        0..=24 => "temporarily_closed",
        25..=44 => "inactive",
        45..=49 => "defunct",
        _ => "active",
    };
    s.insert("status".into(), json!(status));
    let roll = rng.below(100);
    let window = match roll {
        0..=2 => Some((date(2025, 1, 1), Some(date(2025, 12, 31)))),
        3..=4 => Some((date(2027, rng.range(1, 6), 1), Some(date(2027, 12, 31)))),
        5..=64 => Some((date(2026, 1, 1), Some(date(2026, 12, 31)))),
        65..=79 => Some((
            date(2026, rng.range(2, 9), 1),
            Some(if rng.chance(0.5) {
                date(2026, 12, 31)
            } else {
                date(2027, 6, 30)
            }),
        )),
        80..=89 => Some((date(2025, rng.range(1, 12), 1), None)),
        _ => None,
    };
    if let Some((from, until)) = window {
        s.insert("valid_from".into(), json!(from));
        if let Some(until) = until {
            s.insert("valid_until".into(), json!(until));
        }
    }

    let mut rules = RuleGen {
        rng: &mut *rng,
        world,
        areas: &areas,
        weights: &category.facts,
    };
    let eligibility = if rules.rng.chance(0.8) {
        Some(rules.eligibility())
    } else {
        None
    };
    if let Some(rule) = &eligibility {
        s.insert("eligibility".into(), json!(rule.render()));
        let (zh, en) = rule.describe();
        s.insert(
            "eligibility_description".into(),
            text(format!("面向{zh}的居民。"), format!("For residents {en}.")),
        );
    }
    let unit = UNITS[core.unit];
    if rules.rng.chance(0.5) {
        let cost = cost(&mut rules, unit);
        s.insert("cost".into(), cost);
    }
    if rules.rng.chance(0.2) {
        let priority = priority(&mut rules);
        s.insert("priority".into(), priority);
    }
    if rng.chance(0.15) {
        let (count, period) = *rng.pick(LIMITS);
        s.insert(
            "limits".into(),
            json!({ "per_resident": { "count": count, "period": period } }),
        );
    }
    if rng.chance(0.3) {
        let maximum = rng.range(10, 200);
        let available = if rng.chance(0.1) {
            0
        } else {
            rng.range(1, maximum)
        };
        s.insert(
            "capacity".into(),
            json!({
                "available": available,
                "maximum": maximum,
                "unit": text("个名额", "places"),
                "updated": format!("{}T08:00:00+08:00", date(2026, rng.range(1, 11), rng.range(1, 28))),
            }),
        );
    }
    if rng.chance(0.3) {
        s.insert("attributes".into(), attributes(rng));
    }
    if let Some(rule) = &eligibility {
        if rng.chance(0.7) {
            s.insert("required_documents".into(), required_documents(rule));
        }
    }
    if rng.chance(0.5) {
        let (zh, en) = *rng.pick(FUNDING_SOURCES);
        s.insert(
            "funding".into(),
            json!({ "source": text(zh, en), "year": 2026 }),
        );
    }
    if rng.chance(0.4) {
        s.insert("contact_phone".into(), json!(phone(rng)));
    }
    Value::Object(s)
}

/// One to three distinct districts or streets, or now and then the whole city.
fn service_areas(rng: &mut Rng, world: &World) -> Vec<RegionRef> {
    if rng.chance(0.1) {
        return vec![RegionRef::City];
    }
    let count = [1, 1, 1, 1, 1, 1, 2, 2, 2, 3][rng.below(10)];
    let mut areas: Vec<RegionRef> = Vec::with_capacity(count);
    let mut codes: Vec<&str> = Vec::with_capacity(count);
    for _ in 0..count * 4 {
        if areas.len() == count {
            break;
        }
        let area = if rng.chance(0.4) {
            RegionRef::District(rng.below(world.districts.len()))
        } else {
            RegionRef::Street(rng.below(world.streets.len()))
        };
        let code = world.region(area).0;
        if !codes.contains(&code) {
            codes.push(code);
            areas.push(area);
        }
    }
    areas
}

/// One to three areas in and around district `home`: the district or one
/// of its streets, and now and then a neighbouring district of the same
/// city; one service in a thousand serves the whole (first) city.
fn national_service_areas(rng: &mut Rng, world: &World, home: usize) -> Vec<RegionRef> {
    if rng.chance(0.001) {
        return vec![RegionRef::City];
    }
    let count = [1, 1, 1, 1, 1, 1, 1, 2, 2, 3][rng.below(10)];
    let city_start = home - home % 10;
    let city_end = (city_start + 10).min(world.districts.len());
    let mut areas: Vec<RegionRef> = Vec::with_capacity(count);
    let mut codes: Vec<&str> = Vec::with_capacity(count);
    for n in 0..count * 4 {
        if areas.len() == count {
            break;
        }
        let district = if n == 0 {
            home
        } else {
            city_start + rng.below(city_end - city_start)
        };
        let area = if rng.chance(0.5) {
            RegionRef::District(district)
        } else {
            RegionRef::Street(*rng.pick(&world.districts[district].children))
        };
        let code = world.region(area).0;
        if !codes.contains(&code) {
            codes.push(code);
            areas.push(area);
        }
    }
    areas
}

/// How a service is delivered: at a centre exactly when it has a location,
/// at home when it has none.
fn delivery(rng: &mut Rng, has_location: bool) -> Vec<&'static str> {
    let mut modes = Vec::new();
    if rng.chance(0.45) || !has_location {
        modes.push("home");
    }
    if has_location {
        modes.push("centre");
    }
    if rng.chance(0.25) {
        modes.push("phone");
    }
    if rng.chance(0.2) {
        modes.push("online");
    }
    modes
}

/// A summary in both locales: a base sentence and a few extra clauses.
fn summary(rng: &mut Rng, core: &Core, target: &(&str, &str)) -> (String, String) {
    let (target_zh, target_en) = *target;
    let (mut zh, mut en) = match rng.below(3) {
        0 => (
            format!("为{target_zh}提供{}", core.zh),
            format!("Provides {} for {target_en}", core.en),
        ),
        1 => (
            format!("面向{target_zh}的{}服务", core.zh),
            format!("{} for {target_en}", capitalize(core.en)),
        ),
        _ => (
            format!("{}，帮助{target_zh}解决实际困难", core.zh),
            format!(
                "{}, helping {target_en} with everyday problems",
                capitalize(core.en)
            ),
        ),
    };
    // Lengths stay within 10 to 60 characters in Chinese and 5 to 30 words
    // in English, counting the final full stop. Most summaries are short; a
    // few run to the limit.
    let wanted = 10 + (rng.unit() * rng.unit() * 50.0) as usize;
    for (n, i) in rng
        .sample(SUMMARY_EXTRAS.len(), SUMMARY_EXTRAS.len())
        .into_iter()
        .enumerate()
    {
        let zh_len = zh.chars().count() + 1;
        let needed = n == 0 || zh_len < wanted || zh_len < 10 || word_count(&en) < 5;
        if !needed {
            break;
        }
        let (extra_zh, extra_en) = SUMMARY_EXTRAS[i];
        if zh_len + extra_zh.chars().count() <= 60 && word_count(&en) + word_count(extra_en) <= 30 {
            zh.push_str(extra_zh);
            en.push_str(extra_en);
        }
    }
    zh.push('。');
    en.push('.');
    (zh, en)
}

/// The summary followed by two to five standard sentences.
fn description(rng: &mut Rng, summary_zh: &str, summary_en: &str) -> (String, String) {
    let mut zh = summary_zh.to_string();
    let mut en = summary_en.to_string();
    let count = rng.range(2, 5);
    for i in rng.sample(DESCRIPTION_SENTENCES.len(), count) {
        let (sentence_zh, sentence_en) = DESCRIPTION_SENTENCES[i];
        zh.push_str(sentence_zh);
        en.push(' ');
        en.push_str(sentence_en);
    }
    (zh, en)
}

/// Two to six keywords: what the service does, then words of its category.
fn keywords(rng: &mut Rng, category: &Category, core: &Core) -> Vec<String> {
    let count = rng.range(2, 6);
    let mut words = vec![core.zh.to_string(), core.en.to_string()];
    for i in rng.sample(category.keywords.len(), category.keywords.len()) {
        if words.len() >= count {
            break;
        }
        let (zh, en) = category.keywords[i];
        for word in [zh, en] {
            if words.len() < count && !words.iter().any(|w| w == word) {
                words.push(word.to_string());
            }
        }
    }
    words
}

/// A cost per `unit` with up to three subsidies, the most generous first;
/// the last one sometimes applies to everyone (`"when": "true"`).
fn cost(rules: &mut RuleGen<'_>, unit: (&str, &str, usize, usize)) -> Value {
    let (unit_zh, unit_en, low, high) = unit;
    let rng = &mut *rules.rng;
    let raw = rng.range(low, high);
    let amount = if raw >= 50 {
        json!(raw / 5 * 5)
    } else if rng.chance(0.15) && raw < high {
        json!(raw as f64 + 0.5)
    } else {
        json!(raw)
    };
    let subsidy_count = rng.weighted(&[25, 35, 25, 15]);
    let with_default = subsidy_count > 0 && rng.chance(0.3);
    let mut percents: Vec<u32> = rng
        .sample(PERCENTS.len(), subsidy_count)
        .into_iter()
        .map(|i| PERCENTS[i])
        .collect();
    percents.sort_unstable_by(|a, b| b.cmp(a));
    let mut subsidies = Vec::new();
    for (i, &percent) in percents.iter().enumerate() {
        let last = i + 1 == percents.len();
        let (when, label) = if last && with_default {
            ("true".to_string(), subsidy_label(None))
        } else {
            let rule = rules.small(&SUBSIDY_FACTS);
            (rule.render(), subsidy_label(rule.first_fact()))
        };
        subsidies.push(json!({
            "when": when,
            "covers_percent": percent,
            "label": text(format!("{}{percent}%", label.0), format!("{}: {percent}%", label.1)),
        }));
    }
    let mut cost = Map::new();
    cost.insert("amount".into(), amount);
    cost.insert("unit".into(), text(unit_zh, unit_en));
    if !subsidies.is_empty() {
        cost.insert("subsidies".into(), Value::Array(subsidies));
    }
    Value::Object(cost)
}

fn subsidy_label(fact: Option<Fact>) -> (&'static str, &'static str) {
    match fact {
        None => ("普惠补贴", "General subsidy"),
        Some(Fact::IncomeStatus) => ("困难群体补贴", "Hardship subsidy"),
        Some(Fact::Age) => ("高龄补贴", "Old-age subsidy"),
        Some(Fact::DisabilityGrade) => ("残疾人补贴", "Disability subsidy"),
        Some(Fact::Hukou) => ("户籍居民补贴", "Local resident subsidy"),
        Some(Fact::MonthlyIncome) => ("低收入补贴", "Low-income subsidy"),
        Some(Fact::LivingAlone) => ("独居补贴", "Living-alone subsidy"),
        Some(_) => ("专项补贴", "Targeted subsidy"),
    }
}

/// One or two priority entries, `urgent` before `high`.
fn priority(rules: &mut RuleGen<'_>) -> Value {
    let levels: &[&str] = if rules.rng.chance(0.3) {
        &["urgent", "high"]
    } else if rules.rng.chance(0.4) {
        &["urgent"]
    } else {
        &["high"]
    };
    let entries: Vec<Value> = levels
        .iter()
        .map(|level| {
            let rule = rules.small(&PRIORITY_FACTS);
            let (zh, en) = match rule.first_fact() {
                Some(Fact::Age) => ("年长居民优先", "Older residents come first"),
                Some(Fact::LivingAlone) => ("独居居民优先", "Residents living alone come first"),
                Some(Fact::DisabilityGrade) => (
                    "重度残疾人优先",
                    "Residents with severe disabilities come first",
                ),
                Some(Fact::IncomeStatus) => ("困难家庭优先", "Households in hardship come first"),
                Some(Fact::HasChildUnder6) => (
                    "有婴幼儿的家庭优先",
                    "Families with young children come first",
                ),
                Some(Fact::EmploymentStatus | Fact::UnemployedSince) => {
                    ("长期失业人员优先", "The long-term unemployed come first")
                }
                _ => ("急需者优先", "Urgent needs come first"),
            };
            json!({ "when": rule.render(), "level": level, "reason": text(zh, en) })
        })
        .collect();
    Value::Array(entries)
}

/// One to four request-form attributes with distinct codes.
fn attributes(rng: &mut Rng) -> Value {
    let count = rng.range(1, 4);
    let chosen = rng.sample(ATTRIBUTES.len(), count);
    let list: Vec<Value> = chosen
        .into_iter()
        .enumerate()
        .map(|(order, i)| {
            let def = &ATTRIBUTES[i];
            let mut attribute = Map::new();
            attribute.insert("code".into(), json!(def.code));
            attribute.insert("datatype".into(), json!(def.datatype));
            attribute.insert("required".into(), json!(rng.chance(0.6)));
            attribute.insert("order".into(), json!(order + 1));
            attribute.insert("description".into(), text(def.zh, def.en));
            if !def.values.is_empty() {
                let values: Vec<Value> = def
                    .values
                    .iter()
                    .map(|&(key, zh, en)| json!({ "key": key, "name": text(zh, en) }))
                    .collect();
                attribute.insert("values".into(), Value::Array(values));
            }
            Value::Object(attribute)
        })
        .collect();
    Value::Array(list)
}

/// The documents that prove what `rule` asks about.
fn required_documents(rule: &Rule) -> Value {
    let mut facts = Vec::new();
    rule.facts(&mut facts);
    let mut documents = vec![text("居民身份证", "Resident identity card")];
    if facts.contains(&Fact::Residence) || facts.contains(&Fact::Hukou) {
        documents.push(text(
            "户口簿或居住证",
            "Household register or residence permit",
        ));
    }
    if facts.contains(&Fact::IncomeStatus) || facts.contains(&Fact::MonthlyIncome) {
        documents.push(text(
            "低保证、低收入证明或收入证明",
            "Dibao or low-income certificate, or proof of income",
        ));
    }
    if facts.contains(&Fact::DisabilityGrade) {
        documents.push(text("残疾人证", "Disability certificate"));
    }
    if facts.contains(&Fact::EmploymentStatus) || facts.contains(&Fact::UnemployedSince) {
        documents.push(text("就业创业证", "Employment and entrepreneurship card"));
    }
    Value::Array(documents)
}
