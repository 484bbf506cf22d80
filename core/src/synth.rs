//! Deterministic synthetic feeds for benchmarks, scale tests and `caidan gen`.
//!
//! [`generate`] builds a complete feed document (see FEED.md) from a service
//! count and a seed. The same options always give the same document: all
//! randomness comes from a small seeded generator in this module, never from
//! the operating system or the clock. Every feed it produces is valid: ids are
//! unique within their lists, every reference resolves, every text carries both
//! locales, and every rule is well typed against the feed's own facts.
//!
//! Sizes follow the service count: one district per 700 services (3 to 16),
//! one organisation per 25 services (at least 5, one in ten a hub) and one
//! location per 5 services (at least 3). The distributions imitate a real city
//! menu: elderly care and health are the most common categories, most services
//! are active, about four in five have an eligibility rule and about half cost
//! something.

use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// Options for a synthetic feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthOptions {
    /// How many services the feed lists.
    pub services: usize,
    /// The seed: the same seed and service count give the same feed.
    pub seed: u64,
}

/// A valid feed document with `services` services, the same for the same options.
///
/// The document has regions from the city down to communities, eleven
/// categories, the ten facts the rules ask about, organisations, locations and
/// the services themselves. It never fails and never panics, whatever the
/// options; `services: 0` gives a feed with an empty service list.
pub fn generate(options: &SynthOptions) -> Value {
    let seed = options.seed;
    let world = World::build(options);
    let mut rng = Rng::new(seed, STREAM_SERVICES);
    let services: Vec<Value> = (0..options.services)
        .map(|index| service(&mut rng, &world, index))
        .collect();

    // The large lists are moved in, not passed through `json!`, which would
    // copy them value by value.
    let header = json!({
        "caidan_feed": "1.0",
        "id": format!("synthetic-{seed}"),
        "version": "2026.1.0",
        "published_at": "2025-12-28T09:00:00+08:00",
        "title": text(
            format!("北京市政府购买服务菜单（合成数据，种子 {seed}）"),
            format!("Beijing public service menu (synthetic, seed {seed})"),
        ),
        "publisher": {
            "name": text("北京市社会建设工作办公室（合成数据）", "Beijing Social Construction Office (synthetic)"),
            "phone": "tel:010-12345",
            "url": "https://caidan.example.org/",
        },
        "default_locale": "zh-CN",
        "locales": ["zh-CN", "en"],
        "currency": "CNY",
        "valid_from": "2026-01-01",
        "valid_until": "2027-12-31",
        "intake": { "kind": "voucher", "hotline": "tel:010-12345" },
        "notices": [{
            "text": text("本菜单为合成数据，仅供测试使用。", "This menu is synthetic data, for testing only."),
            "severity": "info",
        }],
    });
    let mut feed = match header {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    feed.insert("regions".into(), Value::Array(world.regions_json()));
    feed.insert("categories".into(), Value::Array(categories_json()));
    feed.insert("facts".into(), Value::Array(facts_json()));
    feed.insert("organizations".into(), Value::Array(world.organizations));
    feed.insert("locations".into(), Value::Array(world.locations));
    feed.insert("services".into(), Value::Array(services));
    Value::Object(feed)
}

// The generator streams: each part of the feed draws from its own stream, so a
// change in one part leaves the others as they were.
const STREAM_REGIONS: u64 = 1;
const STREAM_ORGANIZATIONS: u64 = 2;
const STREAM_LOCATIONS: u64 = 3;
const STREAM_SERVICES: u64 = 4;

/// A SplitMix64 generator: small, fast, and good enough for synthetic data.
struct Rng {
    state: u64,
}

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        let mut mixer = Rng {
            state: seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03),
        };
        Rng {
            state: mixer.next_u64(),
        }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, or 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    /// A number in `[-spread, spread)`.
    fn jitter(&mut self, spread: f64) -> f64 {
        (self.unit() * 2.0 - 1.0) * spread
    }

    /// An element of a non-empty table of this module.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given weights (the last index if all are 0).
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut target = self.below(total as usize) as u64;
        for (index, &weight) in weights.iter().enumerate() {
            if target < u64::from(weight) {
                return index;
            }
            target -= u64::from(weight);
        }
        weights.len().saturating_sub(1)
    }

    /// `count` distinct indices of `0..n` in random order (fewer if `n` is smaller).
    fn sample(&mut self, n: usize, count: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let count = count.min(n);
        for i in 0..count {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(count);
        all
    }
}

/// A Text in both locales.
fn text(zh: impl Into<String>, en: impl Into<String>) -> Value {
    let mut map = Map::new();
    map.insert("zh-CN".into(), Value::String(zh.into()));
    map.insert("en".into(), Value::String(en.into()));
    Value::Object(map)
}

/// A coordinate rounded to six decimals (about 0.1 m).
fn coordinate(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

fn phone(rng: &mut Rng) -> String {
    format!(
        "tel:010-{}{:03}-{:04}",
        rng.range(5, 8),
        rng.below(1000),
        rng.below(10000)
    )
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn date(year: usize, month: usize, day: usize) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

// ---------------------------------------------------------------------------
// Regions, organisations and locations.

/// One region below the city.
struct Place {
    code: String,
    zh: String,
    en: String,
    /// The name without its level word, used in addresses and location names.
    short_zh: String,
    short_en: String,
    lat: f64,
    lon: f64,
    parent: usize,
    children: Vec<usize>,
}

/// The region tree, organisations and locations a feed's services refer to.
struct World {
    districts: Vec<Place>,
    streets: Vec<Place>,
    communities: Vec<Place>,
    organizations: Vec<Value>,
    organization_ids: Vec<String>,
    hubs: Vec<usize>,
    grassroots: Vec<usize>,
    locations: Vec<Value>,
    location_ids: Vec<String>,
    locations_by_district: Vec<Vec<usize>>,
}

/// A region a service or rule may name.
#[derive(Clone, Copy)]
enum RegionRef {
    City,
    District(usize),
    Street(usize),
    Community(usize),
}

impl World {
    fn build(options: &SynthOptions) -> Self {
        let mut world = World {
            districts: Vec::new(),
            streets: Vec::new(),
            communities: Vec::new(),
            organizations: Vec::new(),
            organization_ids: Vec::new(),
            hubs: Vec::new(),
            grassroots: Vec::new(),
            locations: Vec::new(),
            location_ids: Vec::new(),
            locations_by_district: Vec::new(),
        };
        world.build_regions(options);
        world.build_organizations(options);
        world.build_locations(options);
        world
    }

    fn build_regions(&mut self, options: &SynthOptions) {
        let mut rng = Rng::new(options.seed, STREAM_REGIONS);
        let district_count = (options.services / 700).clamp(3, DISTRICTS.len());
        let stem_order = rng.sample(STEMS.len(), STEMS.len());
        for (d, &(suffix, zh, en, lat, lon)) in DISTRICTS.iter().take(district_count).enumerate() {
            let district_code = format!("1101{suffix}");
            let street_count = rng.range(6, 12);
            let mut district = Place {
                code: district_code.clone(),
                zh: format!("{zh}区"),
                en: format!("{en} District"),
                short_zh: zh.to_string(),
                short_en: en.to_string(),
                lat,
                lon,
                parent: 0,
                children: Vec::new(),
            };
            for s in 0..street_count {
                let global = self.streets.len();
                let round = global / STEMS.len();
                let (stem_zh, stem_en) = STEMS[stem_order[global % STEMS.len()]];
                let (short_zh, short_en) = if round == 0 {
                    (stem_zh.to_string(), stem_en.to_string())
                } else {
                    let (mod_zh, mod_en) = STREET_MODIFIERS[(round - 1) % STREET_MODIFIERS.len()];
                    let lap = (round - 1) / STREET_MODIFIERS.len();
                    if lap == 0 {
                        (format!("{stem_zh}{mod_zh}"), format!("{stem_en}{mod_en}"))
                    } else {
                        (
                            format!("{stem_zh}{mod_zh}{}", lap + 1),
                            format!("{stem_en}{mod_en} {}", lap + 1),
                        )
                    }
                };
                let street_code = format!("{district_code}{:03}", s + 1);
                let street_lat = lat + rng.jitter(0.04);
                let street_lon = lon + rng.jitter(0.05);
                let mut street = Place {
                    code: street_code.clone(),
                    zh: format!("{short_zh}街道"),
                    en: format!("{short_en} Subdistrict"),
                    short_zh,
                    short_en,
                    lat: street_lat,
                    lon: street_lon,
                    parent: d,
                    children: Vec::new(),
                };
                let community_count = rng.range(5, 15);
                let mut used = BTreeSet::new();
                for c in 0..community_count {
                    let (name_zh, name_en) = community_name(&mut rng, &street, &mut used, c);
                    street.children.push(self.communities.len());
                    self.communities.push(Place {
                        code: format!("{street_code}{:03}", c + 1),
                        zh: format!("{name_zh}社区"),
                        en: format!("{name_en} Community"),
                        short_zh: name_zh,
                        short_en: name_en,
                        lat: street_lat + rng.jitter(0.008),
                        lon: street_lon + rng.jitter(0.01),
                        parent: global,
                        children: Vec::new(),
                    });
                }
                district.children.push(global);
                self.streets.push(street);
            }
            self.districts.push(district);
        }
    }

    fn build_organizations(&mut self, options: &SynthOptions) {
        let mut rng = Rng::new(options.seed, STREAM_ORGANIZATIONS);
        let count = (options.services / 25).max(5);
        let hub_count = (count / 10).max(1);
        for h in 0..hub_count {
            let district = &self.districts[h % self.districts.len()];
            let lap = h / self.districts.len();
            let (field_zh, field_en) = HUB_FIELDS[lap % HUB_FIELDS.len()];
            let number = lap / HUB_FIELDS.len();
            let (number_zh, number_en) = if number == 0 {
                (String::new(), String::new())
            } else {
                (format!("第{}", number + 1), format!(" No. {}", number + 1))
            };
            let id = format!("hub-{:03}", h + 1);
            let field_en = if field_en.is_empty() {
                String::new()
            } else {
                format!(" {field_en}")
            };
            let name = text(
                format!("{}{field_zh}社会组织联合会{number_zh}", district.zh),
                format!(
                    "{}{field_en} Federation of Social Organisations{number_en}",
                    district.short_en
                ),
            );
            let founded = rng.range(2008, 2016);
            let description = text(
                format!(
                    "枢纽型社会组织，成立于{founded}年，联系和带动{}的基层社会组织承接政府购买服务项目。",
                    district.zh
                ),
                format!(
                    "A hub organisation founded in {founded}; it bundles the projects of grassroots groups in {} and leads their delivery.",
                    district.en
                ),
            );
            let mut org = Map::new();
            org.insert("id".into(), json!(id));
            org.insert("name".into(), name);
            org.insert("description".into(), description);
            org.insert("kind".into(), json!("hub"));
            org.insert("phone".into(), json!(phone(&mut rng)));
            org.insert("url".into(), json!(format!("https://{id}.example.org/")));
            if rng.chance(0.85) {
                org.insert("rating".into(), rating(&mut rng));
            }
            self.hubs.push(self.organizations.len());
            self.organization_ids.push(id);
            self.organizations.push(Value::Object(org));
        }
        for o in hub_count..count {
            let kind_index = rng.weighted(&[35, 35, 20, 10]);
            let (kind, suffixes) = ORGANIZATION_KINDS[kind_index];
            let (suffix_zh, suffix_en) = *rng.pick(suffixes);
            let (brand_zh, brand_en) = *rng.pick(BRANDS);
            let district = rng.pick(&self.districts);
            let id = format!("org-{:04}", o - hub_count + 1);
            let name = text(
                format!("{}{brand_zh}{suffix_zh}", district.zh),
                format!("{} {brand_en} {suffix_en}", district.short_en),
            );
            let founded = rng.range(2005, 2024);
            let description = text(
                format!("成立于{founded}年，扎根{}，承接政府购买的社区公共服务项目。", district.zh),
                format!(
                    "Founded in {founded} and rooted in {}, it delivers community services bought by the government.",
                    district.en
                ),
            );
            let mut org = Map::new();
            org.insert("id".into(), json!(id));
            org.insert("name".into(), name);
            org.insert("description".into(), description);
            org.insert("kind".into(), json!(kind));
            if kind != "public_institution" && rng.chance(0.6) {
                let hub = *rng.pick(&self.hubs);
                org.insert(
                    "parent_organization_id".into(),
                    json!(self.organization_ids[hub]),
                );
            }
            org.insert("phone".into(), json!(phone(&mut rng)));
            if rng.chance(0.6) {
                org.insert("url".into(), json!(format!("https://{id}.example.org/")));
            }
            if rng.chance(0.8) {
                org.insert("rating".into(), rating(&mut rng));
            }
            self.grassroots.push(self.organizations.len());
            self.organization_ids.push(id);
            self.organizations.push(Value::Object(org));
        }
    }

    fn build_locations(&mut self, options: &SynthOptions) {
        let mut rng = Rng::new(options.seed, STREAM_LOCATIONS);
        let count = (options.services / 5).max(3);
        self.locations_by_district = vec![Vec::new(); self.districts.len()];
        for l in 0..count {
            let community_index = rng.below(self.communities.len());
            let community = &self.communities[community_index];
            let street = &self.streets[community.parent];
            let district = &self.districts[street.parent];
            let (kind_zh, kind_en) = *rng.pick(LOCATION_KINDS);
            let (road_zh, road_en) = *rng.pick(ROADS);
            let number = rng.range(1, 199);
            let id = format!("loc-{:05}", l + 1);
            let mut location = Map::new();
            location.insert("id".into(), json!(id));
            location.insert(
                "name".into(),
                text(
                    format!("{}社区{kind_zh}", community.short_zh),
                    format!("{} {kind_en}", community.short_en),
                ),
            );
            location.insert(
                "address".into(),
                text(
                    format!(
                        "北京市{}{}{road_zh}{number}号",
                        district.zh, street.short_zh
                    ),
                    format!(
                        "{number} {} {road_en}, {}, Beijing",
                        street.short_en, district.en
                    ),
                ),
            );
            location.insert("region".into(), json!(community.code));
            location.insert(
                "latitude".into(),
                json!(coordinate(community.lat + rng.jitter(0.003))),
            );
            location.insert(
                "longitude".into(),
                json!(coordinate(community.lon + rng.jitter(0.004))),
            );
            if rng.chance(0.7) {
                location.insert("phone".into(), json!(phone(&mut rng)));
            }
            location.insert("schedules".into(), schedules(&mut rng));
            if rng.chance(0.5) {
                let (zh, en) = *rng.pick(ACCESSIBILITY);
                location.insert("accessibility".into(), text(zh, en));
            }
            self.locations_by_district[street.parent].push(l);
            self.location_ids.push(id);
            self.locations.push(Value::Object(location));
        }
    }

    fn regions_json(&self) -> Vec<Value> {
        let mut regions = Vec::with_capacity(
            1 + self.districts.len() + self.streets.len() + self.communities.len(),
        );
        regions.push(json!({
            "code": CITY_CODE,
            "name": text("北京市", "Beijing"),
            "level": "city",
            "centroid": [39.9042, 116.4074],
        }));
        for district in &self.districts {
            regions.push(region_json(district, "district", CITY_CODE));
            for &s in &district.children {
                let street = &self.streets[s];
                regions.push(region_json(street, "street", &district.code));
                for &c in &street.children {
                    regions.push(region_json(&self.communities[c], "community", &street.code));
                }
            }
        }
        regions
    }

    fn region(&self, region: RegionRef) -> (&str, &str, &str) {
        match region {
            RegionRef::City => (CITY_CODE, "北京市", "Beijing"),
            RegionRef::District(i) => place_names(&self.districts[i]),
            RegionRef::Street(i) => place_names(&self.streets[i]),
            RegionRef::Community(i) => place_names(&self.communities[i]),
        }
    }

    fn district_of(&self, region: RegionRef) -> Option<usize> {
        match region {
            RegionRef::City => None,
            RegionRef::District(i) => Some(i),
            RegionRef::Street(i) => Some(self.streets[i].parent),
            RegionRef::Community(i) => Some(self.streets[self.communities[i].parent].parent),
        }
    }

    /// A region at or below `area`, for a `residence` clause.
    fn region_below(&self, rng: &mut Rng, area: RegionRef) -> RegionRef {
        let area = match area {
            RegionRef::City => RegionRef::District(rng.below(self.districts.len())),
            other => other,
        };
        match area {
            RegionRef::District(d) if rng.chance(0.5) => {
                let streets = &self.districts[d].children;
                let s = *rng.pick(streets);
                if rng.chance(0.5) {
                    RegionRef::Street(s)
                } else {
                    RegionRef::Community(*rng.pick(&self.streets[s].children))
                }
            }
            RegionRef::Street(s) if rng.chance(0.5) => {
                RegionRef::Community(*rng.pick(&self.streets[s].children))
            }
            other => other,
        }
    }
}

const CITY_CODE: &str = "110000";

fn place_names(place: &Place) -> (&str, &str, &str) {
    (&place.code, &place.zh, &place.en)
}

fn region_json(place: &Place, level: &str, parent: &str) -> Value {
    json!({
        "code": place.code,
        "name": text(place.zh.as_str(), place.en.as_str()),
        "level": level,
        "parent": parent,
        "centroid": [coordinate(place.lat), coordinate(place.lon)],
    })
}

/// A community name unique within its street.
fn community_name(
    rng: &mut Rng,
    street: &Place,
    used: &mut BTreeSet<String>,
    index: usize,
) -> (String, String) {
    for _ in 0..16 {
        let (stem_zh, stem_en) = if rng.chance(0.35) {
            (street.short_zh.clone(), street.short_en.clone())
        } else if rng.chance(0.5) {
            let (zh, en) = *rng.pick(COMMUNITY_STEMS);
            (zh.to_string(), en.to_string())
        } else {
            let (zh, en) = *rng.pick(STEMS);
            (zh.to_string(), en.to_string())
        };
        let (suffix_zh, suffix_en) = *rng.pick(COMMUNITY_SUFFIXES);
        let zh = format!("{stem_zh}{suffix_zh}");
        if used.insert(zh.clone()) {
            let en = if suffix_en.is_empty() {
                stem_en
            } else {
                format!("{stem_en} {suffix_en}")
            };
            return (zh, en);
        }
    }
    let zh = format!("{}{}号院", street.short_zh, index + 1);
    used.insert(zh.clone());
    (zh, format!("{} Compound {}", street.short_en, index + 1))
}

fn rating(rng: &mut Rng) -> Value {
    // Scores cluster between 4 and 5, as published evaluations do.
    let score = 5.0 - rng.unit() * rng.unit() * 2.0;
    json!({
        "score": (score * 10.0).round() / 10.0,
        "count": rng.range(5, 600),
        "period": "2026",
    })
}

fn schedules(rng: &mut Rng) -> Value {
    const WEEKDAYS: &str = "MO,TU,WE,TH,FR";
    match rng.weighted(&[45, 20, 15, 10, 10]) {
        0 => json!([{ "byday": WEEKDAYS, "opens_at": "08:30", "closes_at": "17:30" }]),
        1 => json!([
            { "byday": WEEKDAYS, "opens_at": "09:00", "closes_at": "11:30" },
            { "byday": WEEKDAYS, "opens_at": "13:30", "closes_at": "17:00" },
        ]),
        2 => json!([
            { "byday": WEEKDAYS, "opens_at": "08:00", "closes_at": "18:00" },
            { "byday": "SA,SU", "opens_at": "09:00", "closes_at": "16:00" },
        ]),
        3 => json!([{ "byday": "MO,WE,FR", "opens_at": "09:00", "closes_at": "16:00" }]),
        _ => {
            json!([{ "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "07:00", "closes_at": "19:00" }])
        }
    }
}

// ---------------------------------------------------------------------------
// Categories and facts.

fn categories_json() -> Vec<Value> {
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

fn facts_json() -> Vec<Value> {
    let options = |keys: &[(&str, &str, &str)]| -> Vec<Value> {
        keys.iter()
            .map(|&(key, zh, en)| json!({ "key": key, "label": text(zh, en) }))
            .collect()
    };
    vec![
        json!({
            "id": "residence", "type": "region", "level": "community",
            "question": text("您住在哪个社区？", "Which community do you live in?"),
            "help": text("选择您实际居住的社区。", "Choose the community where you actually live."),
        }),
        json!({
            "id": "age", "type": "integer", "min": 0, "max": 130,
            "question": text("您今年多大年龄？", "How old are you?"),
            "unit": text("岁", "years"),
            "sensitive": false,
        }),
        json!({
            "id": "living_alone", "type": "boolean",
            "question": text("您是否独自居住？", "Do you live alone?"),
        }),
        json!({
            "id": "income_status", "type": "choice", "sensitive": true,
            "question": text("您家庭的收入认定情况是？", "What is your household's income status?"),
            "options": options(INCOME_STATUSES),
        }),
        json!({
            "id": "disability_grade", "type": "integer", "min": 1, "max": 4, "sensitive": true,
            "question": text("您的残疾人证上的残疾等级是？", "What grade is on your disability certificate?"),
            "help": text("一级最重，四级最轻。", "Grade 1 is the most severe, grade 4 the least."),
        }),
        json!({
            "id": "hukou", "type": "choice",
            "question": text("您的户籍在本市吗？", "Is your household registration (hukou) in Beijing?"),
            "options": options(HUKOU),
        }),
        json!({
            "id": "employment_status", "type": "choice",
            "question": text("您目前的就业状态是？", "What is your employment status?"),
            "options": options(EMPLOYMENT_STATUSES),
        }),
        json!({
            "id": "unemployed_since", "type": "date",
            "question": text("您从哪一天开始失业？", "Since when have you been unemployed?"),
        }),
        json!({
            "id": "monthly_income", "type": "number", "min": 0, "sensitive": true,
            "question": text("您每月的收入是多少？", "What is your monthly income?"),
            "unit": text("元", "yuan"),
        }),
        json!({
            "id": "has_child_under_6", "type": "boolean",
            "question": text("您家中是否有6岁以下的儿童？", "Is there a child under 6 in your household?"),
        }),
    ]
}

// ---------------------------------------------------------------------------
// Services.

/// The service at `index` (0-based), drawing from the services stream.
fn service(rng: &mut Rng, world: &World, index: usize) -> Value {
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

    let organization = if rng.chance(0.1) || world.grassroots.is_empty() {
        *rng.pick(&world.hubs)
    } else {
        *rng.pick(&world.grassroots)
    };
    s.insert(
        "organization_id".into(),
        json!(world.organization_ids[organization]),
    );

    // Service areas first: locations and residence clauses follow them.
    let areas = service_areas(rng, world);
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

// ---------------------------------------------------------------------------
// Rules.

/// The facts of every synthetic feed, in the order of [`facts_json`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fact {
    Residence,
    Age,
    LivingAlone,
    IncomeStatus,
    DisabilityGrade,
    Hukou,
    EmploymentStatus,
    UnemployedSince,
    MonthlyIncome,
    HasChildUnder6,
}

const FACTS: [Fact; 10] = [
    Fact::Residence,
    Fact::Age,
    Fact::LivingAlone,
    Fact::IncomeStatus,
    Fact::DisabilityGrade,
    Fact::Hukou,
    Fact::EmploymentStatus,
    Fact::UnemployedSince,
    Fact::MonthlyIncome,
    Fact::HasChildUnder6,
];

impl Fact {
    fn id(self) -> &'static str {
        match self {
            Fact::Residence => "residence",
            Fact::Age => "age",
            Fact::LivingAlone => "living_alone",
            Fact::IncomeStatus => "income_status",
            Fact::DisabilityGrade => "disability_grade",
            Fact::Hukou => "hukou",
            Fact::EmploymentStatus => "employment_status",
            Fact::UnemployedSince => "unemployed_since",
            Fact::MonthlyIncome => "monthly_income",
            Fact::HasChildUnder6 => "has_child_under_6",
        }
    }
}

/// An operator of a clause, with the negated forms used only in wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Within,
    NotWithin,
    Bare,
    NotBare,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::In | Op::NotIn => "in",
            Op::Within | Op::NotWithin => "within",
            Op::Bare | Op::NotBare => "",
        }
    }

    fn negate(self) -> Op {
        match self {
            Op::Eq => Op::Ne,
            Op::Ne => Op::Eq,
            Op::Lt => Op::Ge,
            Op::Le => Op::Gt,
            Op::Gt => Op::Le,
            Op::Ge => Op::Lt,
            Op::In => Op::NotIn,
            Op::NotIn => Op::In,
            Op::Within => Op::NotWithin,
            Op::NotWithin => Op::Within,
            Op::Bare => Op::NotBare,
            Op::NotBare => Op::Bare,
        }
    }

    /// The operator with its operands swapped (`60 <= age` for `age >= 60`).
    fn swap(self) -> Op {
        match self {
            Op::Lt => Op::Gt,
            Op::Le => Op::Ge,
            Op::Gt => Op::Lt,
            Op::Ge => Op::Le,
            other => other,
        }
    }
}

/// The literal side of a clause.
#[derive(Debug, Clone)]
enum Lit {
    None,
    Int(i64),
    Bool(bool),
    Key(&'static str),
    Keys(Vec<&'static str>),
    Ints(Vec<i64>),
    Date(String),
    Region {
        code: String,
        zh: String,
        en: String,
    },
}

impl Lit {
    fn render(&self) -> String {
        match self {
            Lit::None => String::new(),
            Lit::Int(n) => n.to_string(),
            Lit::Bool(b) => b.to_string(),
            Lit::Key(k) => format!("\"{k}\""),
            Lit::Keys(keys) => {
                let items: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
                format!("[{}]", items.join(", "))
            }
            Lit::Ints(ints) => {
                let items: Vec<String> = ints.iter().map(i64::to_string).collect();
                format!("[{}]", items.join(", "))
            }
            Lit::Date(d) => format!("\"{d}\""),
            Lit::Region { code, .. } => format!("\"{code}\""),
        }
    }
}

/// One clause: a fact, an operator and a literal.
#[derive(Debug, Clone)]
struct Clause {
    fact: Fact,
    op: Op,
    lit: Lit,
    /// Written with the literal first, as in `60 <= age`.
    reversed: bool,
}

impl Clause {
    fn render(&self) -> String {
        let fact = self.fact.id();
        match self.op {
            Op::Bare => fact.to_string(),
            _ if self.reversed => {
                format!("{} {} {fact}", self.lit.render(), self.op.swap().symbol())
            }
            op => format!("{fact} {} {}", op.symbol(), self.lit.render()),
        }
    }
}

/// A rule as a tree, rendered to the rule language and to words.
#[derive(Debug, Clone)]
enum Rule {
    Clause(Clause),
    /// Conjunction; the flag asks for parentheses even where `or` binds looser.
    All(Vec<Rule>, bool),
    Any(Vec<Rule>),
    Not(Box<Rule>),
}

impl Rule {
    fn render(&self) -> String {
        match self {
            Rule::Clause(clause) => clause.render(),
            Rule::All(children, _) => children
                .iter()
                .map(|child| match child {
                    Rule::Any(_) | Rule::All(..) => format!("({})", child.render()),
                    _ => child.render(),
                })
                .collect::<Vec<_>>()
                .join(" and "),
            Rule::Any(children) => children
                .iter()
                .map(|child| match child {
                    Rule::Any(_) | Rule::All(_, true) => format!("({})", child.render()),
                    _ => child.render(),
                })
                .collect::<Vec<_>>()
                .join(" or "),
            Rule::Not(child) => match &**child {
                Rule::Clause(c) if c.op == Op::Bare => format!("not {}", child.render()),
                _ => format!("not ({})", child.render()),
            },
        }
    }

    /// The rule in words, as a phrase that follows "residents".
    fn describe(&self) -> (String, String) {
        match self {
            Rule::Clause(clause) => phrase(clause.fact, clause.op, &clause.lit),
            Rule::All(children, _) => join_phrases(children, "且", " and "),
            Rule::Any(children) => join_phrases(children, "或", " or "),
            Rule::Not(child) => match &**child {
                Rule::Clause(clause) => phrase(clause.fact, clause.op.negate(), &clause.lit),
                other => {
                    let (zh, en) = other.describe();
                    (
                        format!("不属于（{zh}）情形"),
                        format!("other than those ({en})"),
                    )
                }
            },
        }
    }

    fn facts(&self, out: &mut Vec<Fact>) {
        match self {
            Rule::Clause(clause) => out.push(clause.fact),
            Rule::All(children, _) | Rule::Any(children) => {
                for child in children {
                    child.facts(out);
                }
            }
            Rule::Not(child) => child.facts(out),
        }
    }

    fn first_fact(&self) -> Option<Fact> {
        let mut facts = Vec::new();
        self.facts(&mut facts);
        facts.first().copied()
    }
}

fn join_phrases(children: &[Rule], zh_joiner: &str, en_joiner: &str) -> (String, String) {
    let mut zh_parts = Vec::with_capacity(children.len());
    let mut en_parts = Vec::with_capacity(children.len());
    for child in children {
        let (zh, en) = child.describe();
        if matches!(child, Rule::All(..) | Rule::Any(_)) {
            zh_parts.push(format!("（{zh}）"));
            en_parts.push(format!("({en})"));
        } else {
            zh_parts.push(zh);
            en_parts.push(en);
        }
    }
    (zh_parts.join(zh_joiner), en_parts.join(en_joiner))
}

/// The words for one clause (or its negation, through a negated operator).
fn phrase(fact: Fact, op: Op, lit: &Lit) -> (String, String) {
    match (fact, lit) {
        (Fact::Age, Lit::Int(t)) => match op {
            Op::Ge => (format!("年满{t}周岁"), format!("aged {t} or over")),
            Op::Gt => (format!("超过{t}周岁"), format!("older than {t}")),
            Op::Lt => (format!("未满{t}周岁"), format!("under {t}")),
            Op::Le => (format!("不超过{t}周岁"), format!("aged {t} or under")),
            Op::Ne => (format!("不是{t}周岁"), format!("not aged {t}")),
            _ => (format!("{t}周岁"), format!("aged {t}")),
        },
        (Fact::LivingAlone | Fact::HasChildUnder6, _) => {
            let value = match (op, lit) {
                (Op::Eq, Lit::Bool(b)) => *b,
                (Op::Ne, Lit::Bool(b)) => !*b,
                (Op::NotBare, _) => false,
                _ => true,
            };
            let (yes_zh, yes_en, no_zh, no_en) = if fact == Fact::LivingAlone {
                ("独居", "living alone", "非独居", "not living alone")
            } else {
                (
                    "家中有6岁以下儿童",
                    "with a child under 6",
                    "家中没有6岁以下儿童",
                    "without a child under 6",
                )
            };
            if value {
                (yes_zh.to_string(), yes_en.to_string())
            } else {
                (no_zh.to_string(), no_en.to_string())
            }
        }
        (Fact::Hukou, Lit::Key(key)) => {
            let local = (*key == "local") == matches!(op, Op::Eq | Op::In);
            let (zh, en) = if local {
                ("本市户籍", "with Beijing hukou")
            } else {
                ("非本市户籍", "with hukou elsewhere")
            };
            (zh.to_string(), en.to_string())
        }
        (Fact::IncomeStatus, Lit::Key("none")) if op == Op::Ne => (
            "有低保、低收入或特困认定".to_string(),
            "with a dibao, low-income or special hardship status".to_string(),
        ),
        (Fact::IncomeStatus | Fact::EmploymentStatus, _) => {
            let keys: Vec<&str> = match lit {
                Lit::Key(k) => vec![*k],
                Lit::Keys(keys) => keys.clone(),
                _ => Vec::new(),
            };
            let table = if fact == Fact::IncomeStatus {
                INCOME_PHRASES
            } else {
                EMPLOYMENT_PHRASES
            };
            let labels: Vec<(&str, &str)> = keys
                .iter()
                .filter_map(|k| table.iter().find(|(key, _, _)| key == k))
                .map(|&(_, zh, en)| (zh, en))
                .collect();
            let zh = labels.iter().map(|l| l.0).collect::<Vec<_>>().join("或");
            let en = labels.iter().map(|l| l.1).collect::<Vec<_>>().join(" or ");
            if matches!(op, Op::Ne | Op::NotIn) {
                (format!("不属于{zh}"), format!("not {en}"))
            } else {
                (format!("属于{zh}"), en)
            }
        }
        (Fact::DisabilityGrade, Lit::Int(g)) => match op {
            Op::Le => grade_range(1, *g),
            Op::Lt => grade_range(1, g - 1),
            Op::Ge => grade_range(*g, 4),
            Op::Gt => grade_range(g + 1, 4),
            Op::Ne => (
                format!("残疾等级不是{g}级"),
                format!("whose disability grade is not {g}"),
            ),
            _ => grade_range(*g, *g),
        },
        (Fact::DisabilityGrade, Lit::Ints(grades)) => {
            let zh = grades
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join("、");
            let en = grades
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(" or ");
            if op == Op::NotIn {
                (
                    format!("残疾等级不是{zh}级"),
                    format!("whose disability grade is not {en}"),
                )
            } else {
                (
                    format!("残疾等级为{zh}级"),
                    format!("with a disability of grade {en}"),
                )
            }
        }
        (Fact::UnemployedSince, Lit::Date(d)) => match op {
            Op::Le => (
                format!("于{d}或之前失业"),
                format!("unemployed since {d} or earlier"),
            ),
            Op::Lt => (
                format!("于{d}之前失业"),
                format!("unemployed since before {d}"),
            ),
            Op::Ge => (
                format!("于{d}或之后失业"),
                format!("unemployed since {d} or later"),
            ),
            Op::Gt => (
                format!("于{d}之后失业"),
                format!("unemployed since after {d}"),
            ),
            Op::Ne => (
                format!("并非于{d}失业"),
                format!("not unemployed since {d}"),
            ),
            _ => (format!("于{d}失业"), format!("unemployed since {d}")),
        },
        (Fact::MonthlyIncome, Lit::Int(x)) => match op {
            Op::Lt => (
                format!("月收入低于{x}元"),
                format!("with a monthly income below {x} yuan"),
            ),
            Op::Le => (
                format!("月收入不超过{x}元"),
                format!("with a monthly income of {x} yuan or less"),
            ),
            Op::Gt => (
                format!("月收入高于{x}元"),
                format!("with a monthly income above {x} yuan"),
            ),
            Op::Ge => (
                format!("月收入不低于{x}元"),
                format!("with a monthly income of {x} yuan or more"),
            ),
            Op::Ne => (
                format!("月收入不是{x}元"),
                format!("with a monthly income other than {x} yuan"),
            ),
            _ => (
                format!("月收入为{x}元"),
                format!("with a monthly income of {x} yuan"),
            ),
        },
        (Fact::Residence, Lit::Region { zh, en, .. }) => {
            if matches!(op, Op::NotWithin | Op::Ne) {
                (format!("不居住在{zh}"), format!("not living in {en}"))
            } else {
                (format!("居住在{zh}"), format!("living in {en}"))
            }
        }
        (fact, _) => (fact.id().to_string(), fact.id().replace('_', " ")),
    }
}

fn grade_range(low: i64, high: i64) -> (String, String) {
    if low >= high {
        (
            format!("残疾等级为{low}级"),
            format!("with a grade {low} disability"),
        )
    } else {
        (
            format!("残疾等级为{low}至{high}级"),
            format!("with a disability of grade {low} to {high}"),
        )
    }
}

/// Builds rules for one service.
struct RuleGen<'a> {
    rng: &'a mut Rng,
    world: &'a World,
    areas: &'a [RegionRef],
    weights: &'a [u32; 10],
}

/// How often each fact appears in subsidy conditions, in the order of [`FACTS`].
const SUBSIDY_FACTS: [u32; 10] = [0, 25, 8, 40, 15, 10, 0, 0, 10, 0];
/// How often each fact appears in priority conditions, in the order of [`FACTS`].
const PRIORITY_FACTS: [u32; 10] = [0, 30, 35, 15, 20, 0, 4, 4, 0, 10];

impl RuleGen<'_> {
    /// An eligibility rule of 1 to 6 clauses and depth 1 to 4.
    fn eligibility(&mut self) -> Rule {
        let clauses = 1 + self.rng.weighted(&[22, 30, 22, 13, 8, 5]);
        let depth = match clauses {
            1 => 1 + usize::from(self.rng.chance(0.2)),
            2 => 2 + usize::from(self.rng.chance(0.2)),
            _ => 2 + self.rng.weighted(&[40, 35, 25]),
        };
        let any = self.rng.chance(0.2);
        let weights = *self.weights;
        self.node(clauses, depth, any, &weights, &mut Vec::new())
    }

    /// A subsidy or priority condition of 1 or 2 clauses.
    fn small(&mut self, weights: &[u32; 10]) -> Rule {
        let clauses = if self.rng.chance(0.7) { 1 } else { 2 };
        let depth = if self.rng.chance(0.15) { 3 } else { 2 };
        let any = self.rng.chance(0.25);
        self.node(clauses, depth, any, weights, &mut Vec::new())
    }

    /// A rule of exactly `clauses` clauses and at most `depth` levels, whose
    /// top connective is `or` when `any` is set. `used` holds the facts the
    /// rule already asks about, which later clauses avoid where they can.
    fn node(
        &mut self,
        clauses: usize,
        depth: usize,
        any: bool,
        weights: &[u32; 10],
        used: &mut Vec<Fact>,
    ) -> Rule {
        if clauses <= 1 || depth <= 1 {
            return self.leaf(depth, weights, used);
        }
        let count = if depth == 2 {
            clauses
        } else {
            self.rng.range(2, clauses)
        };
        let mut sizes = vec![1; count];
        for _ in count..clauses {
            sizes[self.rng.below(count)] += 1;
        }
        let mut children = Vec::with_capacity(count);
        for size in sizes {
            let child = if size == 1 {
                self.leaf(depth - 1, weights, used)
            } else if depth >= 4 && self.rng.chance(0.2) {
                let inner_any = self.rng.chance(0.5);
                Rule::Not(Box::new(self.node(
                    size,
                    depth - 2,
                    inner_any,
                    weights,
                    used,
                )))
            } else {
                self.node(size, depth - 1, !any, weights, used)
            };
            children.push(child);
        }
        if any {
            Rule::Any(children)
        } else {
            Rule::All(children, self.rng.chance(0.7))
        }
    }

    /// One clause on a fact not yet in `used`, negated now and then when
    /// `depth` leaves room for a `not`.
    fn leaf(&mut self, depth: usize, weights: &[u32; 10], used: &mut Vec<Fact>) -> Rule {
        let mut fact = FACTS[self.rng.weighted(weights)];
        for _ in 0..16 {
            if !used.iter().any(|&u| u == fact || clashes(u, fact)) {
                break;
            }
            fact = FACTS[self.rng.weighted(weights)];
        }
        let (clause, negate) = self.clause(fact, used);
        used.push(fact);
        // A `not` now and then, where it reads naturally.
        let natural = match (clause.op, &clause.lit) {
            (Op::Eq, Lit::Bool(_)) => false,
            (op, _) => matches!(op, Op::Eq | Op::In | Op::Within | Op::Ge | Op::Le),
        };
        let negate = depth >= 2 && (negate || (natural && self.rng.chance(0.05)));
        if negate {
            Rule::Not(Box::new(Rule::Clause(clause)))
        } else {
            Rule::Clause(clause)
        }
    }

    /// A clause on `fact` with a realistic threshold, and whether it reads
    /// best under a `not`.
    fn clause(&mut self, fact: Fact, used: &[Fact]) -> (Clause, bool) {
        let rng = &mut *self.rng;
        let mut negate = false;
        let (op, lit) = match fact {
            Fact::Residence => {
                let area = if self.areas.is_empty() {
                    RegionRef::City
                } else {
                    *rng.pick(self.areas)
                };
                let area = if rng.chance(0.75) {
                    area
                } else {
                    RegionRef::District(rng.below(self.world.districts.len()))
                };
                let region = self.world.region_below(rng, area);
                let op = match region {
                    RegionRef::Community(_) if rng.chance(0.4) => Op::Eq,
                    _ => Op::Within,
                };
                let (code, zh, en) = self.world.region(region);
                let lit = Lit::Region {
                    code: code.to_string(),
                    zh: zh.to_string(),
                    en: en.to_string(),
                };
                (op, lit)
            }
            Fact::Age => {
                let style = match self.weights[fact_index(Fact::HasChildUnder6)] {
                    w if w >= 20 => rng.weighted(&[10, 60, 30]),
                    _ if self.weights[fact_index(Fact::EmploymentStatus)] >= 20 => {
                        rng.weighted(&[10, 10, 80])
                    }
                    _ => rng.weighted(&[75, 10, 15]),
                };
                match style {
                    0 => {
                        let t = *rng.pick(&[60, 60, 60, 65, 70, 75, 80, 80, 90]);
                        (if rng.chance(0.85) { Op::Ge } else { Op::Gt }, Lit::Int(t))
                    }
                    1 => {
                        if rng.chance(0.5) {
                            (Op::Lt, Lit::Int(*rng.pick(&[3, 6, 14, 16, 18])))
                        } else {
                            (Op::Le, Lit::Int(*rng.pick(&[6, 12, 14, 18])))
                        }
                    }
                    _ => match rng.below(4) {
                        0 => (Op::Ge, Lit::Int(*rng.pick(&[16, 18]))),
                        1 => (Op::Lt, Lit::Int(*rng.pick(&[60, 65]))),
                        2 => (Op::Le, Lit::Int(*rng.pick(&[35, 45, 50]))),
                        _ => (Op::Gt, Lit::Int(*rng.pick(&[16, 40]))),
                    },
                }
            }
            Fact::LivingAlone | Fact::HasChildUnder6 => match rng.weighted(&[65, 17, 10, 3, 5]) {
                0 => (Op::Bare, Lit::None),
                1 => (Op::Eq, Lit::Bool(true)),
                2 => (Op::Eq, Lit::Bool(false)),
                3 => (Op::Ne, Lit::Bool(false)),
                _ => {
                    negate = true;
                    (Op::Bare, Lit::None)
                }
            },
            Fact::IncomeStatus => match rng.weighted(&[35, 45, 20]) {
                0 => (Op::Eq, Lit::Key(INCOME_KEYS[rng.weighted(&[2, 1, 1])])),
                1 => {
                    let sets: &[&[&'static str]] = &[
                        &["dibao", "low_income"],
                        &["dibao", "low_income"],
                        &["dibao", "special_hardship"],
                        &["dibao", "low_income", "special_hardship"],
                        &["low_income"],
                    ];
                    (Op::In, Lit::Keys(rng.pick(sets).to_vec()))
                }
                _ => (Op::Ne, Lit::Key("none")),
            },
            Fact::DisabilityGrade => match rng.weighted(&[40, 15, 10, 20, 6, 5, 4]) {
                0 => (Op::Le, Lit::Int(*rng.pick(&[2, 2, 3]))),
                1 => (Op::Eq, Lit::Int(*rng.pick(&[1, 2]))),
                2 => (Op::Lt, Lit::Int(3)),
                3 => {
                    let sets: &[&[i64]] = &[&[1, 2], &[1, 2], &[1, 2, 3], &[3, 4]];
                    (Op::In, Lit::Ints(rng.pick(sets).to_vec()))
                }
                4 => (Op::Ge, Lit::Int(3)),
                5 => (Op::Gt, Lit::Int(2)),
                _ => (Op::Ne, Lit::Int(4)),
            },
            Fact::Hukou => match rng.weighted(&[55, 15, 25, 5]) {
                0 => (Op::Eq, Lit::Key("local")),
                1 => (Op::Ne, Lit::Key("nonlocal")),
                2 => {
                    negate = true;
                    (Op::Eq, Lit::Key("nonlocal"))
                }
                _ => (Op::Eq, Lit::Key("nonlocal")),
            },
            Fact::EmploymentStatus => match rng.weighted(&[
                40,
                15,
                20,
                15,
                if used.contains(&Fact::Age) { 0 } else { 10 },
            ]) {
                0 => (Op::Eq, Lit::Key("unemployed")),
                1 => (Op::In, Lit::Keys(vec!["unemployed", "retired"])),
                2 => (Op::Ne, Lit::Key("employed")),
                3 => (Op::Eq, Lit::Key("retired")),
                _ => (Op::Eq, Lit::Key("student")),
            },
            Fact::UnemployedSince => {
                let op = [Op::Le, Op::Lt, Op::Ge, Op::Gt][rng.weighted(&[60, 20, 12, 8])];
                let (year, month) = if rng.chance(0.3) {
                    (2025, rng.range(6, 12))
                } else {
                    (2026, rng.range(1, 10))
                };
                let day = if rng.chance(0.7) { 1 } else { rng.range(2, 28) };
                (op, Lit::Date(date(year, month, day)))
            }
            Fact::MonthlyIncome => {
                let x = *rng.pick(&[
                    1450, 2000, 2175, 2420, 2540, 2900, 3000, 3500, 4000, 5000, 6000,
                ]);
                let op = [Op::Lt, Op::Le, Op::Ge, Op::Gt][rng.weighted(&[60, 25, 10, 5])];
                (op, Lit::Int(x))
            }
        };
        let reversed =
            matches!(lit, Lit::Int(_)) && op != Op::Eq && op != Op::Ne && rng.chance(0.04);
        (
            Clause {
                fact,
                op,
                lit,
                reversed,
            },
            negate,
        )
    }
}

/// Facts that make an odd pair in one rule.
fn clashes(a: Fact, b: Fact) -> bool {
    matches!(
        (a, b),
        (Fact::LivingAlone, Fact::HasChildUnder6) | (Fact::HasChildUnder6, Fact::LivingAlone)
    )
}

fn fact_index(fact: Fact) -> usize {
    FACTS.iter().position(|&f| f == fact).unwrap_or(0)
}

// ---------------------------------------------------------------------------
// Tables.

/// District code suffix, name, name in pinyin, centroid.
const DISTRICTS: &[(&str, &str, &str, f64, f64)] = &[
    ("01", "东城", "Dongcheng", 39.9288, 116.4164),
    ("02", "西城", "Xicheng", 39.9123, 116.3660),
    ("05", "朝阳", "Chaoyang", 39.9215, 116.4864),
    ("06", "丰台", "Fengtai", 39.8586, 116.2870),
    ("07", "石景山", "Shijingshan", 39.9146, 116.2229),
    ("08", "海淀", "Haidian", 39.9593, 116.2980),
    ("09", "门头沟", "Mentougou", 39.9405, 116.1021),
    ("11", "房山", "Fangshan", 39.7486, 116.1433),
    ("12", "通州", "Tongzhou", 39.9092, 116.6566),
    ("13", "顺义", "Shunyi", 40.1302, 116.6545),
    ("14", "昌平", "Changping", 40.2208, 116.2312),
    ("15", "大兴", "Daxing", 39.7268, 116.3414),
    ("16", "怀柔", "Huairou", 40.3160, 116.6319),
    ("17", "平谷", "Pinggu", 40.1406, 117.1214),
    ("18", "密云", "Miyun", 40.3762, 116.8432),
    ("19", "延庆", "Yanqing", 40.4565, 115.9850),
];

/// Place-name stems for streets and communities.
const STEMS: &[(&str, &str)] = &[
    ("安定门", "Andingmen"),
    ("和平里", "Hepingli"),
    ("望京", "Wangjing"),
    ("双井", "Shuangjing"),
    ("交道口", "Jiaodaokou"),
    ("东四", "Dongsi"),
    ("朝阳门", "Chaoyangmen"),
    ("建国门", "Jianguomen"),
    ("东直门", "Dongzhimen"),
    ("景山", "Jingshan"),
    ("北新桥", "Beixinqiao"),
    ("东华门", "Donghuamen"),
    ("天坛", "Tiantan"),
    ("龙潭", "Longtan"),
    ("永定门外", "Yongdingmenwai"),
    ("体育馆路", "Tiyuguanlu"),
    ("前门", "Qianmen"),
    ("崇文门外", "Chongwenmenwai"),
    ("什刹海", "Shichahai"),
    ("德胜", "Desheng"),
    ("新街口", "Xinjiekou"),
    ("月坛", "Yuetan"),
    ("展览路", "Zhanlanlu"),
    ("金融街", "Jinrongjie"),
    ("广安门内", "Guanganmennei"),
    ("牛街", "Niujie"),
    ("白纸坊", "Baizhifang"),
    ("椿树", "Chunshu"),
    ("陶然亭", "Taoranting"),
    ("大栅栏", "Dashilan"),
    ("天桥", "Tianqiao"),
    ("建外", "Jianwai"),
    ("呼家楼", "Hujialou"),
    ("三里屯", "Sanlitun"),
    ("团结湖", "Tuanjiehu"),
    ("麦子店", "Maizidian"),
    ("劲松", "Jinsong"),
    ("潘家园", "Panjiayuan"),
    ("垡头", "Fatou"),
    ("亚运村", "Yayuncun"),
    ("小关", "Xiaoguan"),
    ("大屯", "Datun"),
    ("奥运村", "Aoyuncun"),
    ("酒仙桥", "Jiuxianqiao"),
    ("八里庄", "Balizhuang"),
    ("六里屯", "Liulitun"),
    ("右安门", "Youanmen"),
    ("方庄", "Fangzhuang"),
    ("卢沟桥", "Lugouqiao"),
    ("马家堡", "Majiapu"),
    ("八宝山", "Babaoshan"),
    ("鲁谷", "Lugu"),
    ("苹果园", "Pingguoyuan"),
    ("万寿路", "Wanshoulu"),
    ("羊坊店", "Yangfangdian"),
    ("甘家口", "Ganjiakou"),
    ("紫竹院", "Zizhuyuan"),
    ("北下关", "Beixiaguan"),
    ("学院路", "Xueyuanlu"),
    ("中关村", "Zhongguancun"),
    ("青龙桥", "Qinglongqiao"),
    ("清河", "Qinghe"),
    ("上地", "Shangdi"),
    ("回龙观", "Huilongguan"),
    ("天通苑", "Tiantongyuan"),
    ("城北", "Chengbei"),
    ("永顺", "Yongshun"),
    ("梨园", "Liyuan"),
    ("旺泉", "Wangquan"),
    ("兴丰", "Xingfeng"),
    ("林校路", "Linxiaolu"),
    ("清源", "Qingyuan"),
    ("黄村", "Huangcun"),
    ("亦庄", "Yizhuang"),
    ("良乡", "Liangxiang"),
    ("拱辰", "Gongchen"),
    ("大峪", "Dayu"),
    ("城子", "Chengzi"),
    ("泉河", "Quanhe"),
    ("龙山", "Longshan"),
    ("滨河", "Binhe"),
    ("鼓楼", "Gulou"),
    ("香水园", "Xiangshuiyuan"),
    ("儒林", "Rulin"),
];

/// Told apart streets that reuse a stem.
const STREET_MODIFIERS: &[(&str, &str)] =
    &[("东", "dong"), ("西", "xi"), ("南", "nan"), ("北", "bei")];

/// Stems found only in community names.
const COMMUNITY_STEMS: &[(&str, &str)] = &[
    ("幸福", "Xingfu"),
    ("和谐", "Hexie"),
    ("光明", "Guangming"),
    ("团结", "Tuanjie"),
    ("青年", "Qingnian"),
    ("百子湾", "Baiziwan"),
    ("甜水园", "Tianshuiyuan"),
    ("红庙", "Hongmiao"),
    ("水碓子", "Shuiduizi"),
    ("金台", "Jintai"),
    ("延静里", "Yanjingli"),
    ("花家地", "Huajiadi"),
    ("安华", "Anhua"),
    ("柳芳", "Liufang"),
    ("左家庄", "Zuojiazhuang"),
    ("新源", "Xinyuan"),
    ("枣园", "Zaoyuan"),
    ("桃园", "Taoyuan"),
    ("玉桥", "Yuqiao"),
    ("育新", "Yuxin"),
];

const COMMUNITY_SUFFIXES: &[(&str, &str)] = &[
    ("", ""),
    ("东里", "Dongli"),
    ("西里", "Xili"),
    ("北里", "Beili"),
    ("南里", "Nanli"),
    ("一区", "Yiqu"),
    ("二区", "Erqu"),
    ("三区", "Sanqu"),
    ("北街", "Beijie"),
    ("南街", "Nanjie"),
    ("中街", "Zhongjie"),
    ("花园", "Huayuan"),
    ("小区", "Xiaoqu"),
    ("新村", "Xincun"),
    ("家园", "Jiayuan"),
    ("东区", "Dongqu"),
    ("西区", "Xiqu"),
];

const HUB_FIELDS: &[(&str, &str)] = &[
    ("", ""),
    ("养老服务", "Elderly Care"),
    ("社会工作", "Social Work"),
    ("志愿服务", "Volunteer"),
    ("助残服务", "Disability Services"),
];

/// Organisation kinds with their name endings.
type NameEndings = &'static [(&'static str, &'static str)];
const ORGANIZATION_KINDS: &[(&str, NameEndings)] = &[
    (
        "social_work_firm",
        &[
            ("社会工作事务所", "Social Work Firm"),
            ("社工服务中心", "Social Work Service Centre"),
        ],
    ),
    (
        "social_organization",
        &[
            ("志愿服务协会", "Volunteer Association"),
            ("公益服务中心", "Charity Service Centre"),
            ("邻里互助会", "Neighbourhood Mutual Aid Society"),
            ("心理咨询服务中心", "Counselling Centre"),
        ],
    ),
    (
        "enterprise",
        &[
            ("养老服务有限公司", "Elderly Care Co., Ltd."),
            ("家政服务有限公司", "Housekeeping Services Co., Ltd."),
            ("健康管理有限公司", "Health Management Co., Ltd."),
        ],
    ),
    (
        "public_institution",
        &[
            ("社区卫生服务中心", "Community Health Service Centre"),
            ("职业技能培训学校", "Vocational Skills School"),
            ("文化馆", "Cultural Centre"),
        ],
    ),
];

const BRANDS: &[(&str, &str)] = &[
    ("心阳", "Xinyang"),
    ("仁爱", "Renai"),
    ("和熙", "Hexi"),
    ("益众", "Yizhong"),
    ("乐龄", "Leling"),
    ("恒爱", "Hengai"),
    ("启明", "Qiming"),
    ("同心", "Tongxin"),
    ("博爱", "Boai"),
    ("康乐", "Kangle"),
    ("春晖", "Chunhui"),
    ("晨光", "Chenguang"),
    ("德润", "Derun"),
    ("众合", "Zhonghe"),
    ("惠民", "Huimin"),
    ("安康", "Ankang"),
    ("馨苑", "Xinyuan"),
    ("睦邻", "Mulin"),
    ("暖阳", "Nuanyang"),
    ("长青", "Changqing"),
    ("友善", "Youshan"),
    ("融爱", "Rongai"),
    ("福寿", "Fushou"),
    ("青松", "Qingsong"),
];

const LOCATION_KINDS: &[(&str, &str)] = &[
    ("养老服务驿站", "Elderly Care Station"),
    ("服务站", "Community Service Station"),
    ("党群服务中心", "Community Centre"),
    ("社工站", "Social Work Station"),
    ("卫生服务站", "Health Station"),
    ("文化活动室", "Cultural Activity Room"),
    ("残疾人温馨家园", "Disability Day Centre"),
    ("就业服务站", "Employment Service Station"),
];

const ROADS: &[(&str, &str)] = &[
    ("大街", "Street"),
    ("路", "Road"),
    ("胡同", "Hutong"),
    ("北里", "Beili"),
    ("西路", "West Road"),
    ("东路", "East Road"),
];

const ACCESSIBILITY: &[(&str, &str)] = &[
    (
        "无障碍坡道，一层服务",
        "Step-free ramp, services on the ground floor",
    ),
    ("有电梯和无障碍卫生间", "Lift and accessible toilet"),
    (
        "可借用轮椅，设有盲道",
        "Wheelchairs to borrow, tactile paving",
    ),
];

/// A category with what its services look like.
struct Category {
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    description_zh: &'static str,
    description_en: &'static str,
    icon: &'static str,
    /// How often each fact appears in its rules, in the order of [`FACTS`].
    facts: [u32; 10],
    cores: &'static [Core],
    targets: &'static [(&'static str, &'static str)],
    keywords: &'static [(&'static str, &'static str)],
}

/// What a service does, with the index of its cost unit in [`UNITS`].
struct Core {
    zh: &'static str,
    en: &'static str,
    unit: usize,
}

const fn core(zh: &'static str, en: &'static str, unit: usize) -> Core {
    Core { zh, en, unit }
}

/// Cost units with the range of amounts charged per unit.
const UNITS: &[(&str, &str, usize, usize)] = &[
    ("次", "visit", 10, 200),
    ("小时", "hour", 30, 120),
    ("餐", "meal", 5, 30),
    ("月", "month", 100, 500),
    ("课时", "lesson", 10, 80),
    ("项", "item", 5, 500),
];

/// How often each category occurs: Zipf-like, elderly care first, then health.
const CATEGORY_WEIGHTS: [u32; 11] = [1000, 333, 111, 91, 167, 125, 500, 100, 143, 250, 200];

const CATEGORIES: &[Category] = &[
    Category {
        id: "elderly",
        zh: "养老服务",
        en: "Elderly care",
        description_zh: "居家和社区养老服务",
        description_en: "Care for older people at home and in the community",
        icon: "🧓",
        facts: [10, 40, 20, 15, 8, 5, 2, 0, 6, 0],
        cores: &[
            core("助餐", "meal assistance", 2),
            core("助浴", "bathing assistance", 0),
            core("助洁", "home cleaning", 1),
            core("助医", "medical escort", 0),
            core("日间照料", "day care", 3),
            core("居家照护", "home care", 1),
            core("适老化改造", "home adaptation for older people", 5),
            core("紧急呼叫", "emergency call", 3),
            core("探访关爱", "befriending visits", 0),
            core("老年人能力评估", "care needs assessment", 5),
        ],
        targets: &[
            ("老年人", "older people"),
            ("高龄老人", "people over 80"),
            ("独居老人", "older people living alone"),
            ("失能老人", "older people needing long-term care"),
        ],
        keywords: &[
            ("养老", "elderly care"),
            ("老年人", "older people"),
            ("居家", "at home"),
            ("照护", "care"),
        ],
    },
    Category {
        id: "disability",
        zh: "助残服务",
        en: "Disability support",
        description_zh: "残疾人康复、托养与无障碍服务",
        description_en: "Rehabilitation, residential support and accessibility",
        icon: "♿",
        facts: [10, 10, 5, 12, 40, 8, 5, 0, 5, 2],
        cores: &[
            core("康复训练", "rehabilitation training", 1),
            core("辅具适配", "assistive device fitting", 5),
            core("托养", "residential support", 3),
            core("无障碍改造", "accessibility adaptation", 5),
            core("职业康复", "vocational rehabilitation", 4),
            core("手语翻译", "sign language interpreting", 1),
        ],
        targets: &[
            ("残疾人", "people with disabilities"),
            ("残疾儿童", "children with disabilities"),
            ("重度残疾人", "people with severe disabilities"),
        ],
        keywords: &[
            ("助残", "disability"),
            ("康复", "rehabilitation"),
            ("无障碍", "accessibility"),
        ],
    },
    Category {
        id: "psychological",
        zh: "心理服务",
        en: "Psychological support",
        description_zh: "社会心理服务与心理援助",
        description_en: "Counselling and psychological support",
        icon: "💬",
        facts: [15, 15, 15, 10, 5, 5, 8, 3, 3, 8],
        cores: &[
            core("心理咨询", "counselling", 1),
            core("爱心传递热线", "support hotline", 0),
            core("情绪疏导", "emotional support", 0),
            core("危机干预", "crisis intervention", 0),
            core("家庭关系辅导", "family relationship guidance", 1),
        ],
        targets: &[
            ("居民", "residents"),
            ("青少年", "young people"),
            ("困难家庭", "families in difficulty"),
        ],
        keywords: &[
            ("心理", "mental health"),
            ("咨询", "counselling"),
            ("倾听", "listening"),
        ],
    },
    Category {
        id: "social_work",
        zh: "社会工作",
        en: "Social work",
        description_zh: "专业社工岗位与个案服务",
        description_en: "Professional social workers and case work",
        icon: "🤝",
        facts: [12, 10, 10, 25, 8, 8, 8, 2, 10, 8],
        cores: &[
            core("个案管理", "case management", 0),
            core("社工驻点", "community social worker", 0),
            core("困境儿童关爱", "care for children in difficulty", 0),
            core("矛盾调解", "mediation", 0),
            core("志愿者培育", "volunteer development", 4),
        ],
        targets: &[
            ("困难群众", "people in hardship"),
            ("困境儿童", "children in difficulty"),
            ("社区居民", "local residents"),
        ],
        keywords: &[
            ("社工", "social work"),
            ("个案", "case work"),
            ("志愿者", "volunteers"),
        ],
    },
    Category {
        id: "employment",
        zh: "就业服务",
        en: "Employment",
        description_zh: "职业指导、技能培训与就业援助",
        description_en: "Careers advice, skills training and job help",
        icon: "💼",
        facts: [10, 20, 0, 8, 5, 15, 30, 20, 8, 4],
        cores: &[
            core("职业指导", "career guidance", 0),
            core("技能培训", "skills training", 4),
            core("岗位推荐", "job matching", 0),
            core("创业指导", "start-up coaching", 1),
            core("就业援助", "employment assistance", 0),
        ],
        targets: &[
            ("失业人员", "unemployed people"),
            ("高校毕业生", "new graduates"),
            ("就业困难人员", "people who find it hard to get work"),
        ],
        keywords: &[
            ("就业", "jobs"),
            ("培训", "training"),
            ("求职", "job search"),
        ],
    },
    Category {
        id: "education",
        zh: "教育服务",
        en: "Education",
        description_zh: "托育、课后服务与终身学习",
        description_en: "Childcare, after-school care and lifelong learning",
        icon: "📚",
        facts: [12, 25, 0, 10, 5, 15, 8, 0, 5, 25],
        cores: &[
            core("课后托管", "after-school care", 3),
            core("家庭教育指导", "parenting guidance", 4),
            core("早期教育", "early childhood education", 4),
            core("学业辅导", "tutoring", 4),
            core("老年大学课程", "senior university courses", 4),
        ],
        targets: &[
            ("儿童", "children"),
            ("家长", "parents"),
            ("青少年", "teenagers"),
        ],
        keywords: &[
            ("教育", "education"),
            ("托育", "childcare"),
            ("学习", "learning"),
        ],
    },
    Category {
        id: "health",
        zh: "医疗卫生",
        en: "Health",
        description_zh: "基本医疗、护理与健康管理",
        description_en: "Primary care, nursing and health management",
        icon: "🩺",
        facts: [10, 35, 10, 12, 15, 8, 3, 0, 5, 6],
        cores: &[
            core("家庭医生签约", "family doctor contract", 3),
            core("慢病管理", "chronic disease management", 3),
            core("上门护理", "home nursing", 0),
            core("健康体检", "health check", 5),
            core("康复护理", "rehabilitation nursing", 1),
            core("中医理疗", "traditional Chinese medicine therapy", 0),
            core("健康讲座", "health talks", 0),
        ],
        targets: &[
            ("居民", "residents"),
            ("慢性病患者", "people with chronic illnesses"),
            ("老年人", "older people"),
            ("孕产妇", "pregnant women and new mothers"),
        ],
        keywords: &[
            ("医疗", "health care"),
            ("护理", "nursing"),
            ("健康", "health"),
            ("医生", "doctor"),
        ],
    },
    Category {
        id: "housing",
        zh: "住房保障",
        en: "Housing",
        description_zh: "住房保障与老旧小区服务",
        description_en: "Housing support and help in old residential compounds",
        icon: "🏠",
        facts: [12, 8, 8, 25, 8, 20, 3, 0, 20, 4],
        cores: &[
            core(
                "公租房申请协助",
                "public rental housing application help",
                0,
            ),
            core("住房维修", "home repairs", 5),
            core(
                "老旧小区自我服务管理",
                "self-management of old residential compounds",
                3,
            ),
            core("租房补贴咨询", "rent subsidy advice", 0),
            core("加装电梯协调", "lift installation coordination", 5),
        ],
        targets: &[
            ("住房困难家庭", "families short of housing"),
            ("老旧小区居民", "residents of old compounds"),
            ("新市民", "newcomers to the city"),
        ],
        keywords: &[
            ("住房", "housing"),
            ("公租房", "public rental housing"),
            ("维修", "repairs"),
        ],
    },
    Category {
        id: "culture_sports",
        zh: "文化体育",
        en: "Culture and sports",
        description_zh: "群众文化活动与全民健身",
        description_en: "Community culture and sport for all",
        icon: "🎭",
        facts: [30, 30, 5, 5, 8, 5, 5, 0, 2, 8],
        cores: &[
            core("健身指导", "fitness coaching", 4),
            core("文艺培训", "arts classes", 4),
            core("社区读书会", "community reading club", 0),
            core("广场舞", "square dancing", 4),
            core("书法绘画", "calligraphy and painting", 4),
            core("太极拳", "tai chi", 4),
        ],
        targets: &[
            ("居民", "residents"),
            ("老年人", "older people"),
            ("青少年", "young people"),
        ],
        keywords: &[
            ("文化", "culture"),
            ("体育", "sport"),
            ("活动", "activities"),
        ],
    },
    Category {
        id: "community_life",
        zh: "社区生活",
        en: "Community life",
        description_zh: "一刻钟便民服务圈",
        description_en: "Everyday services within a 15-minute walk",
        icon: "🏘️",
        facts: [35, 20, 12, 10, 5, 5, 3, 0, 5, 5],
        cores: &[
            core("便民维修", "handy repairs", 0),
            core("家政", "housekeeping", 1),
            core("代购代办", "errands", 0),
            core("理发", "haircuts", 0),
            core("法律咨询", "legal advice", 0),
            core("垃圾分类指导", "waste sorting guidance", 0),
            core("楼宇五站合一", "office building service stations", 0),
        ],
        targets: &[
            ("社区居民", "local residents"),
            ("老年人", "older people"),
            ("上班族", "working people"),
        ],
        keywords: &[
            ("便民", "convenience"),
            ("社区", "community"),
            ("一刻钟", "15 minutes"),
        ],
    },
    Category {
        id: "social_security",
        zh: "社会保障",
        en: "Social security",
        description_zh: "社会救助、社会保险与帮扶",
        description_en: "Social assistance, insurance and hardship support",
        icon: "🛡️",
        facts: [10, 10, 5, 35, 8, 15, 10, 5, 20, 3],
        cores: &[
            core("低保申办", "dibao application", 5),
            core("临时救助", "temporary assistance", 5),
            core("医保代办", "medical insurance help", 0),
            core("养老保险咨询", "pension insurance advice", 0),
            core("困难帮扶", "hardship support", 3),
        ],
        targets: &[
            ("困难家庭", "households in hardship"),
            ("低保家庭", "dibao households"),
            ("居民", "residents"),
        ],
        keywords: &[
            ("社保", "social security"),
            ("救助", "assistance"),
            ("低保", "dibao"),
        ],
    },
];

const NAME_PREFIXES: &[(&str, &str)] = &[
    ("社区", "community"),
    ("社区", "community"),
    ("邻里", "neighbourhood"),
    ("暖心", "warm-hearted"),
    ("爱心", "caring"),
    ("阳光", "sunshine"),
    ("一刻钟", "15-minute"),
    ("普惠", "universal"),
    ("", ""),
];

const NAME_SUFFIXES: &[(&str, &str)] = &[
    ("服务", "service"),
    ("服务", "service"),
    ("项目", "project"),
    ("计划", "programme"),
    ("行动", "campaign"),
    ("", ""),
];

const SUMMARY_EXTRAS: &[(&str, &str)] = &[
    ("，提供上门服务", ", with home visits"),
    ("，工作日开放", ", open on weekdays"),
    (
        "，由专业社工提供",
        ", delivered by professional social workers",
    ),
    ("，需提前预约", ", by appointment"),
    ("，覆盖辖区各街道", ", across all subdistricts"),
    (
        "，困难群体可享受补贴",
        ", with subsidies for people in hardship",
    ),
    ("，可电话咨询", ", with advice by phone"),
    (
        "，名额有限，先到先得",
        ", places are limited, first come first served",
    ),
    ("，急需者优先安排", ", urgent needs come first"),
    (
        "，服务质量接受居民评价",
        ", rated by the residents who use it",
    ),
];

const DESCRIPTION_SENTENCES: &[(&str, &str)] = &[
    (
        "服务由政府购买，社会组织承接，居民按需点单。",
        "The government buys the service, a social organisation delivers it, and residents order what they need.",
    ),
    (
        "服务人员均经过专业培训并持证上岗。",
        "All staff are trained and certified.",
    ),
    (
        "如需帮助，请联系所在社区服务站。",
        "For help, contact your community service station.",
    ),
    (
        "服务结束后，居民可对服务质量进行评价。",
        "After the service, residents can rate its quality.",
    ),
    (
        "本项目由社会建设专项资金支持。",
        "The project is paid for by the social construction fund.",
    ),
    (
        "办理时请携带本人身份证件。",
        "Please bring your identity card.",
    ),
    (
        "有特殊困难的居民可优先安排。",
        "Residents with urgent needs are served first.",
    ),
    (
        "具体服务时间以预约确认为准。",
        "Times are confirmed when you book.",
    ),
    (
        "本服务遵循需求导向、服务均等的原则。",
        "The service follows the principles of meeting demand and equal access.",
    ),
];

const INCOME_STATUSES: &[(&str, &str, &str)] = &[
    ("dibao", "低保", "Minimum living allowance (dibao)"),
    ("low_income", "低收入", "Low income"),
    ("special_hardship", "特困", "Special hardship"),
    ("none", "以上都不是", "None of these"),
];

const HUKOU: &[(&str, &str, &str)] = &[
    ("local", "本市户籍", "Beijing hukou"),
    ("nonlocal", "非本市户籍", "Hukou elsewhere"),
];

const EMPLOYMENT_STATUSES: &[(&str, &str, &str)] = &[
    ("employed", "在职", "Employed"),
    ("unemployed", "失业", "Unemployed"),
    ("retired", "退休", "Retired"),
    ("student", "在校学生", "Student"),
];

const INCOME_PHRASES: &[(&str, &str, &str)] = &[
    (
        "dibao",
        "低保家庭",
        "receiving dibao (minimum living allowance)",
    ),
    ("low_income", "低收入家庭", "in a low-income household"),
    ("special_hardship", "特困人员", "in special hardship"),
    ("none", "无上述困难情形", "with none of these statuses"),
];

const EMPLOYMENT_PHRASES: &[(&str, &str, &str)] = &[
    ("employed", "在职人员", "in work"),
    ("unemployed", "失业人员", "out of work"),
    ("retired", "退休人员", "retired"),
    ("student", "在校学生", "in education"),
];

/// The income statuses a clause may single out.
const INCOME_KEYS: [&str; 3] = ["dibao", "low_income", "special_hardship"];

const PERCENTS: &[u32] = &[10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100];

const LIMITS: &[(u32, &str)] = &[
    (1, "day"),
    (1, "week"),
    (2, "week"),
    (4, "month"),
    (30, "month"),
    (1, "year"),
    (2, "year"),
    (12, "year"),
];

const FUNDING_SOURCES: &[(&str, &str)] = &[
    ("北京市社会建设专项资金", "Beijing social construction fund"),
    (
        "区级政府购买服务资金",
        "District fund for purchased services",
    ),
    ("福利彩票公益金", "Welfare lottery fund"),
];

/// A request-form attribute and its values for the list types.
struct AttributeDef {
    code: &'static str,
    datatype: &'static str,
    zh: &'static str,
    en: &'static str,
    values: &'static [(&'static str, &'static str, &'static str)],
}

const ATTRIBUTES: &[AttributeDef] = &[
    AttributeDef {
        code: "preferred_time",
        datatype: "datetime",
        zh: "期望服务时间",
        en: "Preferred time",
        values: &[],
    },
    AttributeDef {
        code: "household_size",
        datatype: "number",
        zh: "家庭人口数",
        en: "People in the household",
        values: &[],
    },
    AttributeDef {
        code: "contact_name",
        datatype: "string",
        zh: "联系人姓名",
        en: "Contact name",
        values: &[],
    },
    AttributeDef {
        code: "notes",
        datatype: "text",
        zh: "补充说明",
        en: "Anything else we should know",
        values: &[],
    },
    AttributeDef {
        code: "diet",
        datatype: "singlevaluelist",
        zh: "饮食要求",
        en: "Diet",
        values: &[
            ("normal", "普通", "Normal"),
            ("soft", "软食", "Soft food"),
            ("low_salt", "低盐", "Low salt"),
            ("diabetic", "糖尿病餐", "Diabetic"),
        ],
    },
    AttributeDef {
        code: "mobility",
        datatype: "singlevaluelist",
        zh: "行动能力",
        en: "Mobility",
        values: &[
            ("independent", "可独立行走", "Walks unaided"),
            ("walker", "需助行器", "Uses a walking aid"),
            ("wheelchair", "使用轮椅", "Uses a wheelchair"),
            ("bedbound", "卧床", "Confined to bed"),
        ],
    },
    AttributeDef {
        code: "needs",
        datatype: "multivaluelist",
        zh: "需要的帮助",
        en: "Help needed",
        values: &[
            ("meals", "助餐", "Meals"),
            ("cleaning", "助洁", "Cleaning"),
            ("bathing", "助浴", "Bathing"),
            ("escort", "陪同就医", "Escort to the doctor"),
            ("shopping", "代购", "Shopping"),
        ],
    },
    AttributeDef {
        code: "topics",
        datatype: "multivaluelist",
        zh: "关注的主题",
        en: "Topics",
        values: &[
            ("health", "健康", "Health"),
            ("law", "法律", "Law"),
            ("family", "家庭", "Family"),
            ("work", "就业", "Work"),
        ],
    },
    AttributeDef {
        code: "language",
        datatype: "singlevaluelist",
        zh: "沟通语言",
        en: "Language",
        values: &[
            ("putonghua", "普通话", "Putonghua"),
            ("dialect", "方言", "Local dialect"),
            ("sign", "手语", "Sign language"),
            ("english", "英语", "English"),
        ],
    },
    AttributeDef {
        code: "visit_address",
        datatype: "string",
        zh: "上门地址",
        en: "Address for home visits",
        values: &[],
    },
    AttributeDef {
        code: "hours_per_week",
        datatype: "number",
        zh: "每周服务小时数",
        en: "Hours a week",
        values: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap, HashSet};

    fn feed(services: usize, seed: u64) -> Value {
        generate(&SynthOptions { services, seed })
    }

    fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
        value[key].as_array().map(Vec::as_slice).unwrap_or(&[])
    }

    fn string<'a>(value: &'a Value, key: &str) -> &'a str {
        value[key].as_str().unwrap_or("")
    }

    // -----------------------------------------------------------------------
    // A small checker for the rule language of FEED.md, independent of the
    // generator: it parses every rule, checks its types against the feed's
    // facts and regions, and records which constructs it met.

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Ty {
        Boolean,
        Integer,
        Number,
        Choice,
        Region,
        Date,
    }

    struct Schema {
        facts: HashMap<String, (Ty, Vec<String>)>,
        regions: HashSet<String>,
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Tok {
        Word(String),
        Num(String),
        Str(String),
        Sym(&'static str),
    }

    fn lex(rule: &str) -> Result<Vec<Tok>, String> {
        let chars: Vec<char> = rule.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            let next = chars.get(i + 1).copied();
            if c == ' ' {
                i += 1;
            } else if c.is_ascii_digit() {
                let start = i;
                while chars
                    .get(i)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '.')
                {
                    i += 1;
                }
                tokens.push(Tok::Num(chars[start..i].iter().collect()));
            } else if c.is_ascii_alphabetic() || c == '_' {
                let start = i;
                while chars
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || "._-".contains(*c))
                {
                    i += 1;
                }
                tokens.push(Tok::Word(chars[start..i].iter().collect()));
            } else if c == '"' {
                let start = i + 1;
                i = start;
                while chars.get(i).is_some_and(|c| *c != '"') {
                    i += 1;
                }
                if i >= chars.len() {
                    return Err(format!("unterminated string in `{rule}`"));
                }
                tokens.push(Tok::Str(chars[start..i].iter().collect()));
                i += 1;
            } else {
                let (symbol, width) = match (c, next) {
                    ('=', Some('=')) => ("==", 2),
                    ('!', Some('=')) => ("!=", 2),
                    ('<', Some('=')) => ("<=", 2),
                    ('>', Some('=')) => (">=", 2),
                    ('<', _) => ("<", 1),
                    ('>', _) => (">", 1),
                    ('(', _) => ("(", 1),
                    (')', _) => (")", 1),
                    ('[', _) => ("[", 1),
                    (']', _) => ("]", 1),
                    (',', _) => (",", 1),
                    _ => return Err(format!("unexpected `{c}` in `{rule}`")),
                };
                tokens.push(Tok::Sym(symbol));
                i += width;
            }
        }
        Ok(tokens)
    }

    #[derive(Debug, Clone, Copy)]
    struct Shape {
        depth: usize,
        clauses: usize,
        bare_and: bool,
    }

    const ATOM: Shape = Shape {
        depth: 1,
        clauses: 1,
        bare_and: false,
    };

    enum Operand {
        Fact(String),
        Num(String),
        Str(String),
        Bool(bool),
        Group(Shape),
    }

    struct Parser<'a> {
        tokens: Vec<Tok>,
        pos: usize,
        schema: &'a Schema,
        seen: &'a mut BTreeSet<&'static str>,
    }

    const KEYWORDS: &[&str] = &["and", "or", "not", "in", "within", "true", "false"];

    fn parse_rule(
        rule: &str,
        schema: &Schema,
        seen: &mut BTreeSet<&'static str>,
    ) -> Result<Shape, String> {
        let mut parser = Parser {
            tokens: lex(rule)?,
            pos: 0,
            schema,
            seen,
        };
        let shape = parser.or()?;
        if parser.pos != parser.tokens.len() {
            return Err(format!("trailing tokens in `{rule}`"));
        }
        Ok(shape)
    }

    fn combine(parts: &[Shape]) -> Shape {
        Shape {
            depth: 1 + parts.iter().map(|p| p.depth).max().unwrap_or(0),
            clauses: parts.iter().map(|p| p.clauses).sum(),
            bare_and: false,
        }
    }

    fn is_date(s: &str) -> bool {
        let b = s.as_bytes();
        let month = s.get(5..7).and_then(|m| m.parse::<u32>().ok());
        let day = s.get(8..10).and_then(|d| d.parse::<u32>().ok());
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && s.get(0..4).is_some_and(|y| y.parse::<u32>().is_ok())
            && month.is_some_and(|m| (1..=12).contains(&m))
            && day.is_some_and(|d| (1..=31).contains(&d))
    }

    impl Parser<'_> {
        fn peek(&self) -> Option<&Tok> {
            self.tokens.get(self.pos)
        }

        fn at_word(&self, word: &str) -> bool {
            matches!(self.peek(), Some(Tok::Word(w)) if w == word)
        }

        fn expect(&mut self, symbol: &str) -> Result<(), String> {
            match self.peek() {
                Some(Tok::Sym(s)) if *s == symbol => {
                    self.pos += 1;
                    Ok(())
                }
                other => Err(format!("expected `{symbol}`, found {other:?}")),
            }
        }

        fn or(&mut self) -> Result<Shape, String> {
            let mut parts = vec![self.and()?];
            while self.at_word("or") {
                self.pos += 1;
                parts.push(self.and()?);
            }
            if parts.len() == 1 {
                return Ok(parts[0]);
            }
            self.seen.insert("or");
            if parts.iter().any(|p| p.bare_and) {
                self.seen.insert("and inside or without parentheses");
            }
            Ok(combine(&parts))
        }

        fn and(&mut self) -> Result<Shape, String> {
            let mut parts = vec![self.not()?];
            while self.at_word("and") {
                self.pos += 1;
                parts.push(self.not()?);
            }
            if parts.len() == 1 {
                return Ok(parts[0]);
            }
            self.seen.insert("and");
            Ok(Shape {
                bare_and: true,
                ..combine(&parts)
            })
        }

        fn not(&mut self) -> Result<Shape, String> {
            if self.at_word("not") {
                self.pos += 1;
                self.seen.insert("not");
                let inner = self.not()?;
                return Ok(Shape {
                    depth: inner.depth + 1,
                    clauses: inner.clauses,
                    bare_and: false,
                });
            }
            self.compare()
        }

        fn operand(&mut self) -> Result<Operand, String> {
            let token = self.peek().cloned();
            self.pos += 1;
            match token {
                Some(Tok::Word(w)) if w == "true" => Ok(Operand::Bool(true)),
                Some(Tok::Word(w)) if w == "false" => Ok(Operand::Bool(false)),
                Some(Tok::Word(w)) if KEYWORDS.contains(&w.as_str()) => {
                    Err(format!("keyword `{w}` where an operand belongs"))
                }
                Some(Tok::Word(w)) if self.schema.facts.contains_key(&w) => Ok(Operand::Fact(w)),
                Some(Tok::Word(w)) => Err(format!("unknown fact `{w}`")),
                Some(Tok::Num(n)) => Ok(Operand::Num(n)),
                Some(Tok::Str(s)) => Ok(Operand::Str(s)),
                Some(Tok::Sym("(")) => {
                    let shape = self.or()?;
                    self.expect(")")?;
                    Ok(Operand::Group(shape))
                }
                other => Err(format!("unexpected {other:?}")),
            }
        }

        fn compare(&mut self) -> Result<Shape, String> {
            let lhs = self.operand()?;
            if let Some(Tok::Sym(op @ ("==" | "!=" | "<" | "<=" | ">" | ">="))) = self.peek() {
                let op: &'static str = op;
                self.pos += 1;
                let rhs = self.operand()?;
                self.check_compare(lhs, op, rhs)?;
                return Ok(ATOM);
            }
            if self.at_word("in") {
                self.pos += 1;
                self.check_in(lhs)?;
                return Ok(ATOM);
            }
            if self.at_word("within") {
                self.pos += 1;
                let Operand::Fact(fact) = lhs else {
                    return Err("`within` after a literal".into());
                };
                let region = self.operand()?;
                match (self.schema.facts[&fact].0, region) {
                    (Ty::Region, Operand::Str(code)) if self.schema.regions.contains(&code) => {
                        self.seen.insert("within");
                        return Ok(ATOM);
                    }
                    _ => return Err(format!("bad `within` on `{fact}`")),
                }
            }
            match lhs {
                Operand::Fact(fact) if self.schema.facts[&fact].0 == Ty::Boolean => {
                    self.seen.insert("bare boolean");
                    Ok(ATOM)
                }
                Operand::Bool(value) => {
                    self.seen.insert(if value { "true" } else { "false" });
                    Ok(ATOM)
                }
                Operand::Group(shape) => {
                    self.seen.insert("parentheses");
                    Ok(Shape {
                        bare_and: false,
                        ..shape
                    })
                }
                _ => Err("a non-boolean operand used as a condition".into()),
            }
        }

        fn check_compare(
            &mut self,
            lhs: Operand,
            op: &'static str,
            rhs: Operand,
        ) -> Result<(), String> {
            let (fact, literal) = match (lhs, rhs) {
                (Operand::Fact(fact), literal) => (fact, literal),
                (literal, Operand::Fact(fact)) => {
                    self.seen.insert("literal on the left");
                    (fact, literal)
                }
                _ => return Err("a comparison without a fact".into()),
            };
            let (ty, options) = &self.schema.facts[&fact];
            let equality = op == "==" || op == "!=";
            let ok = match (ty, &literal) {
                (Ty::Integer, Operand::Num(n)) => !n.contains('.'),
                (Ty::Number, Operand::Num(_)) => true,
                (Ty::Boolean, Operand::Bool(b)) => {
                    self.seen.insert(if *b { "true" } else { "false" });
                    equality
                }
                (Ty::Choice, Operand::Str(key)) => equality && options.contains(key),
                (Ty::Date, Operand::Str(d)) => {
                    self.seen.insert("date");
                    is_date(d)
                }
                (Ty::Region, Operand::Str(code)) => {
                    self.seen.insert("region ==");
                    op == "==" && self.schema.regions.contains(code)
                }
                _ => false,
            };
            if !ok {
                return Err(format!("bad comparison `{op}` on `{fact}`"));
            }
            match literal {
                Operand::Num(_) => self.seen.insert("number"),
                Operand::Str(_) => self.seen.insert("string"),
                _ => false,
            };
            self.seen.insert(op);
            Ok(())
        }

        fn check_in(&mut self, lhs: Operand) -> Result<(), String> {
            let Operand::Fact(fact) = lhs else {
                return Err("`in` after a literal".into());
            };
            self.expect("[")?;
            let mut items = Vec::new();
            loop {
                match self.operand()? {
                    Operand::Num(n) => items.push(Operand::Num(n)),
                    Operand::Str(s) => items.push(Operand::Str(s)),
                    _ => return Err("a list item that is not a literal".into()),
                }
                if self.peek() == Some(&Tok::Sym(",")) {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            self.expect("]")?;
            let (ty, options) = &self.schema.facts[&fact];
            let ok = items.iter().all(|item| match (ty, item) {
                (Ty::Choice, Operand::Str(key)) => options.contains(key),
                (Ty::Integer, Operand::Num(n)) => !n.contains('.'),
                _ => false,
            });
            if !ok {
                return Err(format!("bad list for `{fact}`"));
            }
            self.seen.insert("in");
            self.seen.insert("list");
            Ok(())
        }
    }

    // -----------------------------------------------------------------------
    // A walk over the whole feed.

    /// What a walk over a feed found.
    #[derive(Default)]
    struct Report {
        problems: Vec<String>,
        constructs: BTreeSet<&'static str>,
        datatypes: BTreeSet<String>,
    }

    const TEXT_KEYS: &[&str] = &[
        "title",
        "name",
        "description",
        "summary",
        "question",
        "help",
        "unit",
        "label",
        "reason",
        "address",
        "accessibility",
        "eligibility_description",
        "text",
        "source",
    ];

    /// The facts and region codes of a feed, for the rule checker. A fact of
    /// an unknown type is left out, so rules naming it fail.
    fn schema(feed: &Value) -> Schema {
        let mut schema = Schema {
            facts: HashMap::new(),
            regions: list(feed, "regions")
                .iter()
                .map(|r| string(r, "code").to_string())
                .collect(),
        };
        for fact in list(feed, "facts") {
            let ty = match string(fact, "type") {
                "boolean" => Ty::Boolean,
                "integer" => Ty::Integer,
                "number" => Ty::Number,
                "choice" => Ty::Choice,
                "region" => Ty::Region,
                "date" => Ty::Date,
                _ => continue,
            };
            let options = list(fact, "options")
                .iter()
                .map(|o| string(o, "key").to_string())
                .collect();
            schema
                .facts
                .insert(string(fact, "id").to_string(), (ty, options));
        }
        schema
    }

    fn is_id(id: &str) -> bool {
        (1..=64).contains(&id.len())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    }

    fn check_texts(value: &Value, path: &str, problems: &mut Vec<String>) {
        let is_text = |v: &Value| {
            v.as_object().is_some_and(|o| {
                o.len() == 2
                    && ["zh-CN", "en"].iter().all(|l| {
                        o.get(*l)
                            .and_then(Value::as_str)
                            .is_some_and(|s| !s.trim().is_empty())
                    })
            })
        };
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let child_path = format!("{path}.{key}");
                    if TEXT_KEYS.contains(&key.as_str()) && !is_text(child) {
                        problems.push(format!("{child_path} is not a text in both locales"));
                    }
                    if key == "required_documents" {
                        let all = child.as_array().is_some_and(|a| a.iter().all(is_text));
                        if !all {
                            problems.push(format!("{child_path} holds a bad text"));
                        }
                    }
                    if ["phone", "hotline", "contact_phone"].contains(&key.as_str())
                        && !child.as_str().is_some_and(|s| s.starts_with("tel:"))
                    {
                        problems.push(format!("{child_path} is not a tel: url"));
                    }
                    if key == "url" && !child.as_str().is_some_and(|s| s.starts_with("https://")) {
                        problems.push(format!("{child_path} is not an https url"));
                    }
                    if !is_text(child) {
                        check_texts(child, &child_path, problems);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_texts(item, &format!("{path}[{i}]"), problems);
                }
            }
            _ => {}
        }
    }

    fn unique_ids(
        feed: &Value,
        list_key: &str,
        id_key: &str,
        problems: &mut Vec<String>,
    ) -> HashSet<String> {
        let mut ids = HashSet::new();
        for item in list(feed, list_key) {
            let id = string(item, id_key);
            if !is_id(id) {
                problems.push(format!("{list_key}: bad id `{id}`"));
            }
            if !ids.insert(id.to_string()) {
                problems.push(format!("{list_key}: duplicate id `{id}`"));
            }
        }
        ids
    }

    fn in_beijing(lat: Option<f64>, lon: Option<f64>) -> bool {
        lat.is_some_and(|l| (39.4..41.1).contains(&l))
            && lon.is_some_and(|l| (115.4..117.6).contains(&l))
    }

    fn inspect(feed: &Value) -> Report {
        let mut report = Report::default();
        let p = &mut report.problems;
        check_texts(feed, "feed", p);
        for key in [
            "caidan_feed",
            "id",
            "version",
            "published_at",
            "title",
            "default_locale",
            "intake",
        ] {
            if feed[key].is_null() {
                p.push(format!("missing `{key}`"));
            }
        }

        // Regions: unique codes, parents that exist one level up, code prefixes.
        let regions = unique_ids(feed, "regions", "code", p);
        let levels: HashMap<&str, &str> = list(feed, "regions")
            .iter()
            .map(|r| (string(r, "code"), string(r, "level")))
            .collect();
        for region in list(feed, "regions") {
            let code = string(region, "code");
            let level = string(region, "level");
            let (parent_level, length) = match level {
                "city" => ("", 6),
                "district" => ("city", 6),
                "street" => ("district", 9),
                "community" => ("street", 12),
                other => {
                    p.push(format!("region `{code}`: bad level `{other}`"));
                    continue;
                }
            };
            if code.len() != length || !code.chars().all(|c| c.is_ascii_digit()) {
                p.push(format!("region `{code}`: bad code"));
            }
            let parent = region["parent"].as_str();
            match parent {
                None if level == "city" => {}
                Some(parent) if levels.get(parent) == Some(&parent_level) => {
                    if level != "district" && !code.starts_with(parent) {
                        p.push(format!("region `{code}`: code outside parent `{parent}`"));
                    }
                }
                _ => p.push(format!("region `{code}`: bad parent {parent:?}")),
            }
            let centroid = &region["centroid"];
            if !in_beijing(centroid[0].as_f64(), centroid[1].as_f64()) {
                p.push(format!("region `{code}`: centroid outside Beijing"));
            }
        }

        let categories = unique_ids(feed, "categories", "id", p);
        unique_ids(feed, "facts", "id", p);
        let schema = schema(feed);
        if schema.facts.len() != list(feed, "facts").len() {
            p.push("a fact of an unknown type".into());
        }
        if schema.facts.get("residence").map(|f| f.0) != Some(Ty::Region) {
            p.push("no region fact `residence`".into());
        }

        // Organisations: parents are hubs.
        let organizations = unique_ids(feed, "organizations", "id", p);
        let hubs: HashSet<&str> = list(feed, "organizations")
            .iter()
            .filter(|o| string(o, "kind") == "hub")
            .map(|o| string(o, "id"))
            .collect();
        for org in list(feed, "organizations") {
            if let Some(parent) = org["parent_organization_id"].as_str() {
                if !hubs.contains(parent) {
                    p.push(format!(
                        "organization `{}`: parent `{parent}` is not a hub",
                        string(org, "id")
                    ));
                }
            }
            let kinds = [
                "hub",
                "social_work_firm",
                "social_organization",
                "enterprise",
                "public_institution",
            ];
            if !kinds.contains(&string(org, "kind")) {
                p.push(format!("organization `{}`: bad kind", string(org, "id")));
            }
        }

        // Locations: in a community, near Beijing, with schedules.
        let locations = unique_ids(feed, "locations", "id", p);
        for location in list(feed, "locations") {
            let id = string(location, "id");
            if levels.get(string(location, "region")) != Some(&"community") {
                p.push(format!("location `{id}`: region is not a community"));
            }
            if !in_beijing(
                location["latitude"].as_f64(),
                location["longitude"].as_f64(),
            ) {
                p.push(format!("location `{id}`: outside Beijing"));
            }
            if list(location, "schedules").is_empty() {
                p.push(format!("location `{id}`: no schedules"));
            }
        }

        unique_ids(feed, "services", "id", p);
        for service in list(feed, "services") {
            let id = string(service, "id");
            if !categories.contains(string(service, "category")) {
                p.push(format!("service `{id}`: unknown category"));
            }
            if !organizations.contains(string(service, "organization_id")) {
                p.push(format!("service `{id}`: unknown organization"));
            }
            let location_ids: Vec<&str> = list(service, "location_ids")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let distinct: HashSet<&&str> = location_ids.iter().collect();
            if location_ids.len() > 3 || distinct.len() != location_ids.len() {
                p.push(format!("service `{id}`: bad location_ids"));
            }
            if location_ids.iter().any(|l| !locations.contains(*l)) {
                p.push(format!("service `{id}`: unknown location"));
            }
            let areas = list(service, "service_areas");
            if !(1..=3).contains(&areas.len())
                || areas.iter().any(|a| {
                    !a.as_str().is_some_and(|code| {
                        regions.contains(code)
                            && ["city", "district", "street"]
                                .contains(levels.get(code).unwrap_or(&""))
                    })
                })
            {
                p.push(format!("service `{id}`: bad service_areas"));
            }
            let delivery = list(service, "delivery");
            if delivery.is_empty()
                || delivery.iter().any(|d| {
                    !["home", "centre", "phone", "online"].contains(&d.as_str().unwrap_or(""))
                })
            {
                p.push(format!("service `{id}`: bad delivery"));
            }
            if !["active", "inactive", "temporarily_closed", "defunct"]
                .contains(&string(service, "status"))
            {
                p.push(format!("service `{id}`: bad status"));
            }
            for key in ["valid_from", "valid_until"] {
                if let Some(d) = service[key].as_str() {
                    if !is_date(d) {
                        p.push(format!("service `{id}`: bad {key}"));
                    }
                }
            }
            if !(2..=6).contains(&list(service, "keywords").len()) {
                p.push(format!("service `{id}`: keywords"));
            }
            let summary = &service["summary"];
            let zh = summary["zh-CN"].as_str().unwrap_or("").chars().count();
            let en = word_count(summary["en"].as_str().unwrap_or(""));
            if !(10..=60).contains(&zh) || !(5..=30).contains(&en) {
                p.push(format!(
                    "service `{id}`: summary of {zh} characters, {en} words"
                ));
            }
            let description = service["description"]["zh-CN"]
                .as_str()
                .unwrap_or("")
                .chars()
                .count();
            if description <= zh {
                p.push(format!(
                    "service `{id}`: description not longer than summary"
                ));
            }

            // Rules.
            let mut rules: Vec<(String, &str)> = Vec::new();
            if let Some(rule) = service["eligibility"].as_str() {
                rules.push(("eligibility".into(), rule));
                match parse_rule(rule, &schema, &mut report.constructs) {
                    Ok(shape)
                        if (1..=4).contains(&shape.depth) && (1..=6).contains(&shape.clauses) => {}
                    Ok(shape) => p.push(format!(
                        "service `{id}`: eligibility `{rule}` has shape {shape:?}"
                    )),
                    Err(_) => {}
                }
            }
            let cost = &service["cost"];
            if !cost.is_null() {
                let amount = cost["amount"].as_f64().unwrap_or(0.0);
                if !(5.0..=500.0).contains(&amount) {
                    p.push(format!("service `{id}`: amount {amount}"));
                }
                let subsidies = list(cost, "subsidies");
                if subsidies.len() > 3 {
                    p.push(format!("service `{id}`: too many subsidies"));
                }
                for (i, subsidy) in subsidies.iter().enumerate() {
                    rules.push((format!("cost.subsidies[{i}].when"), string(subsidy, "when")));
                    let percent = subsidy["covers_percent"].as_u64().unwrap_or(0);
                    if !(10..=100).contains(&percent) {
                        p.push(format!("service `{id}`: covers_percent {percent}"));
                    }
                }
            }
            for (i, priority) in list(service, "priority").iter().enumerate() {
                rules.push((format!("priority[{i}].when"), string(priority, "when")));
                if !["urgent", "high"].contains(&string(priority, "level")) {
                    p.push(format!("service `{id}`: priority level"));
                }
            }
            for (path, rule) in rules {
                if let Err(e) = parse_rule(rule, &schema, &mut report.constructs) {
                    p.push(format!("service `{id}`: {path} `{rule}`: {e}"));
                }
            }

            let limits = &service["limits"]["per_resident"];
            if !service["limits"].is_null()
                && (limits["count"].as_u64().unwrap_or(0) == 0
                    || !["day", "week", "month", "year"].contains(&string(limits, "period")))
            {
                p.push(format!("service `{id}`: bad limits"));
            }
            let capacity = &service["capacity"];
            if !capacity.is_null() && capacity["available"].as_u64() > capacity["maximum"].as_u64()
            {
                p.push(format!("service `{id}`: capacity over maximum"));
            }
            let mut codes = HashSet::new();
            for attribute in list(service, "attributes") {
                let datatype = string(attribute, "datatype");
                report.datatypes.insert(datatype.to_string());
                if !codes.insert(string(attribute, "code")) {
                    p.push(format!("service `{id}`: duplicate attribute code"));
                }
                let keys: Vec<&str> = list(attribute, "values")
                    .iter()
                    .map(|v| string(v, "key"))
                    .collect();
                let distinct: HashSet<&&str> = keys.iter().collect();
                let is_list = datatype.ends_with("valuelist");
                if is_list == keys.is_empty() || distinct.len() != keys.len() {
                    p.push(format!("service `{id}`: bad values for `{datatype}`"));
                }
                if ![
                    "string",
                    "number",
                    "datetime",
                    "text",
                    "singlevaluelist",
                    "multivaluelist",
                ]
                .contains(&datatype)
                {
                    p.push(format!("service `{id}`: unknown datatype `{datatype}`"));
                }
            }
        }
        report
    }

    // -----------------------------------------------------------------------
    // Tests.

    /// The checker itself: whether it accepts `rule` against a sample feed.
    fn check_rule(rule: &str, expected: bool) {
        let schema = schema(&feed(0, 1));
        let result = parse_rule(rule, &schema, &mut BTreeSet::new());
        assert_eq!(result.is_ok(), expected, "`{rule}`: {result:?}");
    }

    #[test]
    fn the_checker_rejects_ill_typed_rules() {
        check_rule(
            "age >= 60 and (living_alone or disability_grade <= 2)",
            true,
        );
        check_rule("not (hukou == \"nonlocal\") or 60 <= age", true);
        check_rule("residence within \"110101\"", true);
        check_rule("unemployed_since <= \"2026-06-01\"", true);
        check_rule("true", true);
        check_rule("age >= \"60\"", false);
        check_rule("age >= 60.5", false);
        check_rule("living_alone > 1", false);
        check_rule("income_status == \"rich\"", false);
        check_rule("income_status < \"dibao\"", false);
        check_rule("hukou in [1, 2]", false);
        check_rule("age within \"110101\"", false);
        check_rule("residence within \"999999\"", false);
        check_rule("residence != \"110101\"", false);
        check_rule("unemployed_since <= \"2026-13-01\"", false);
        check_rule("height > 2", false);
        check_rule("age", false);
        check_rule("(age >= 60", false);
        check_rule("age >= 60 and", false);
    }

    #[test]
    fn same_seed_gives_the_same_feed() {
        for (services, seed) in [(0, 0), (10, 7), (1000, 42)] {
            let a = serde_json::to_string(&feed(services, seed)).unwrap_or_default();
            let b = serde_json::to_string(&feed(services, seed)).unwrap_or_default();
            assert!(!a.is_empty());
            assert_eq!(a, b, "services {services}, seed {seed}");
        }
    }

    #[test]
    fn different_seeds_give_different_feeds() {
        let a = feed(100, 1);
        let b = feed(100, 2);
        assert_ne!(a["id"], b["id"]);
        assert_ne!(a["services"], b["services"]);
        assert_ne!(a["regions"], b["regions"]);
        assert_ne!(a["organizations"], b["organizations"]);
    }

    /// Counts of services, organisations (hubs), locations and districts.
    fn check(services: usize, expected: (usize, usize, usize, usize, usize)) {
        let feed = feed(services, 2026);
        let districts = list(&feed, "regions")
            .iter()
            .filter(|r| string(r, "level") == "district")
            .count();
        let hubs = list(&feed, "organizations")
            .iter()
            .filter(|o| string(o, "kind") == "hub")
            .count();
        let actual = (
            list(&feed, "services").len(),
            list(&feed, "organizations").len(),
            hubs,
            list(&feed, "locations").len(),
            districts,
        );
        assert_eq!(actual, expected, "services {services}");
        let report = inspect(&feed);
        assert!(
            report.problems.is_empty(),
            "services {services}: {:#?}",
            &report.problems[..report.problems.len().min(20)]
        );
        assert_eq!(list(&feed, "categories").len(), 11);
        assert_eq!(list(&feed, "facts").len(), 10);
    }

    #[test]
    fn counts_follow_the_options() {
        check(0, (0, 5, 1, 3, 3));
        check(1, (1, 5, 1, 3, 3));
        check(10, (10, 5, 1, 3, 3));
        check(1000, (1000, 40, 4, 200, 3));
        check(2100, (2100, 84, 8, 420, 3));
        check(10_000, (10_000, 400, 40, 2000, 14));
        check(20_000, (20_000, 800, 80, 4000, 16));
    }

    #[test]
    fn feeds_are_valid_for_many_seeds() {
        for seed in [0, 1, 2, 3, u64::MAX, 0x5EED] {
            let report = inspect(&feed(300, seed));
            assert!(
                report.problems.is_empty(),
                "seed {seed}: {:#?}",
                report.problems
            );
        }
    }

    #[test]
    fn every_construct_and_datatype_appears() {
        let report = inspect(&feed(1000, 2026));
        assert!(report.problems.is_empty(), "{:#?}", report.problems);
        let constructs: BTreeSet<&str> = [
            "and",
            "or",
            "not",
            "parentheses",
            "and inside or without parentheses",
            "==",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            "in",
            "list",
            "within",
            "region ==",
            "bare boolean",
            "true",
            "false",
            "number",
            "string",
            "date",
            "literal on the left",
        ]
        .into_iter()
        .collect();
        let missing: Vec<&&str> = constructs.difference(&report.constructs).collect();
        assert!(missing.is_empty(), "missing constructs: {missing:?}");
        let datatypes: BTreeSet<String> = [
            "string",
            "number",
            "datetime",
            "text",
            "singlevaluelist",
            "multivaluelist",
        ]
        .iter()
        .map(|d| d.to_string())
        .collect();
        assert_eq!(report.datatypes, datatypes);
    }

    #[test]
    fn eligibility_shapes_cover_every_depth_and_size() {
        let feed = feed(1000, 9);
        let schema_report = inspect(&feed);
        assert!(schema_report.problems.is_empty());
        let schema = schema(&feed);
        let mut depths = BTreeSet::new();
        let mut sizes = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for service in list(&feed, "services") {
            if let Some(rule) = service["eligibility"].as_str() {
                if let Ok(shape) = parse_rule(rule, &schema, &mut seen) {
                    depths.insert(shape.depth);
                    sizes.insert(shape.clauses);
                }
            }
        }
        assert_eq!(depths, (1..=4).collect());
        assert_eq!(sizes, (1..=6).collect());
    }

    fn share(services: &[Value], predicate: impl Fn(&Value) -> bool) -> f64 {
        services.iter().filter(|s| predicate(s)).count() as f64 / services.len() as f64
    }

    #[test]
    fn distributions_look_like_a_city_menu() {
        let feed = feed(10_000, 2026);
        let services = list(&feed, "services");
        let cases: Vec<(&str, f64, f64, f64)> = vec![
            (
                "eligibility",
                share(services, |s| !s["eligibility"].is_null()),
                0.77,
                0.83,
            ),
            (
                "cost",
                share(services, |s| !s["cost"].is_null()),
                0.47,
                0.53,
            ),
            (
                "priority",
                share(services, |s| !s["priority"].is_null()),
                0.18,
                0.22,
            ),
            (
                "limits",
                share(services, |s| !s["limits"].is_null()),
                0.13,
                0.17,
            ),
            (
                "capacity",
                share(services, |s| !s["capacity"].is_null()),
                0.28,
                0.32,
            ),
            (
                "attributes",
                share(services, |s| !s["attributes"].is_null()),
                0.28,
                0.32,
            ),
            (
                "not active",
                share(services, |s| string(s, "status") != "active"),
                0.04,
                0.06,
            ),
            (
                "window outside 2026",
                share(services, |s| {
                    string(s, "valid_until").starts_with("2025")
                        || string(s, "valid_from").starts_with("2027")
                }),
                0.04,
                0.06,
            ),
            (
                "city-wide",
                share(services, |s| {
                    list(s, "service_areas").iter().any(|a| a == "110000")
                }),
                0.08,
                0.12,
            ),
        ];
        for (name, actual, low, high) in cases {
            assert!((low..=high).contains(&actual), "{name}: {actual}");
        }
        let with_capacity: Vec<Value> = services
            .iter()
            .filter(|s| !s["capacity"].is_null())
            .cloned()
            .collect();
        let full = share(&with_capacity, |s| s["capacity"]["available"] == 0);
        assert!((0.07..=0.13).contains(&full), "full: {full}");

        let mut by_category: BTreeMap<&str, usize> = BTreeMap::new();
        for service in services {
            *by_category.entry(string(service, "category")).or_default() += 1;
        }
        let mut ranked: Vec<(&str, usize)> = by_category.into_iter().collect();
        ranked.sort_by_key(|entry| std::cmp::Reverse(entry.1));
        assert_eq!(ranked.len(), 11);
        assert_eq!(ranked[0].0, "elderly");
        assert_eq!(ranked[1].0, "health");
        let rated = share(list(&feed, "organizations"), |o| !o["rating"].is_null());
        assert!((0.7..=0.9).contains(&rated), "rated: {rated}");
    }

    #[test]
    fn prints_the_time_for_ten_thousand_services() {
        let start = std::time::Instant::now();
        let feed = feed(10_000, 1);
        let generated = start.elapsed();
        let json = serde_json::to_string(&feed).unwrap_or_default();
        println!(
            "10000 services: generated in {generated:?}, serialised in {:?}, {} bytes",
            start.elapsed() - generated,
            json.len()
        );
    }
}
