//! Regions, organisations and locations: what a feed's services refer to.

use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

use crate::data::{
    ACCESSIBILITY, BRANDS, COMMUNITY_STEMS, COMMUNITY_SUFFIXES, DISTRICTS, HUB_FIELDS,
    LOCATION_KINDS, ORGANIZATION_KINDS, ROADS, STEMS, STREET_MODIFIERS,
};
use crate::rng::Rng;
use crate::values::{coordinate, phone, text};
use crate::{SynthOptions, STREAM_LOCATIONS, STREAM_ORGANIZATIONS, STREAM_REGIONS};

/// One region below the city.
pub(crate) struct Place {
    code: String,
    zh: String,
    en: String,
    /// The name without its level word, used in addresses and location names.
    short_zh: String,
    short_en: String,
    lat: f64,
    lon: f64,
    parent: usize,
    pub(crate) children: Vec<usize>,
}

/// The region tree, organisations and locations a feed's services refer to.
pub(crate) struct World {
    /// In a national-shaped feed, the cities the districts lie in; empty in
    /// one city's feed.
    pub(crate) cities: Vec<Place>,
    pub(crate) districts: Vec<Place>,
    pub(crate) streets: Vec<Place>,
    pub(crate) communities: Vec<Place>,
    pub(crate) organizations: Vec<Value>,
    pub(crate) organization_ids: Vec<String>,
    pub(crate) hubs: Vec<usize>,
    pub(crate) grassroots: Vec<usize>,
    pub(crate) locations: Vec<Value>,
    pub(crate) location_ids: Vec<String>,
    pub(crate) locations_by_district: Vec<Vec<usize>>,
    /// In a national-shaped feed, the organisations of each district (a
    /// national menu's providers work where they are based).
    pub(crate) organizations_by_district: Vec<Vec<usize>>,
}

/// A region a service or rule may name.
#[derive(Clone, Copy)]
pub(crate) enum RegionRef {
    City,
    District(usize),
    Street(usize),
    Community(usize),
}

impl World {
    pub(crate) fn build(options: &SynthOptions) -> Self {
        let mut world = World {
            cities: Vec::new(),
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
            organizations_by_district: Vec::new(),
        };
        world.build_regions(options);
        world.build_organizations(options);
        world.build_locations(options);
        world
    }

    fn build_regions(&mut self, options: &SynthOptions) {
        let mut rng = Rng::new(options.seed, STREAM_REGIONS);
        if let Some(n) = options.districts {
            return self.build_national_regions(&mut rng, n.max(1));
        }
        let district_count = (options.services / 700).clamp(3, DISTRICTS.len());
        let stem_order = rng.sample(STEMS.len(), STEMS.len());
        for (d, &(suffix, zh, en, lat, lon)) in DISTRICTS.iter().take(district_count).enumerate() {
            let district = Place {
                code: format!("1101{suffix}"),
                zh: format!("{zh}区"),
                en: format!("{en} District"),
                short_zh: zh.to_string(),
                short_en: en.to_string(),
                lat,
                lon,
                parent: 0,
                children: Vec::new(),
            };
            self.build_district(&mut rng, d, district, &stem_order, (6, 12), (5, 15));
        }
    }

    /// A country's shape: cities of about ten districts each, a district
    /// of 8 to 19 streets, a street of 8 to 21 communities (the national
    /// averages are some 14 streets a district and 15 communities a street).
    fn build_national_regions(&mut self, rng: &mut Rng, district_count: usize) {
        let stem_order = rng.sample(STEMS.len(), STEMS.len());
        let city_count = district_count.div_ceil(10);
        for k in 0..city_count {
            let (zh, en) = STEMS[(k * 7 + 3) % STEMS.len()];
            let lap = k / STEMS.len();
            let (zh, en) = if lap == 0 {
                (zh.to_string(), en.to_string())
            } else {
                (format!("{zh}{}", lap + 1), format!("{en} {}", lap + 1))
            };
            self.cities.push(Place {
                code: format!("{:02}{:02}00", 11 + k / 30, 1 + k % 30),
                zh: format!("{zh}市"),
                en: format!("{en} City"),
                short_zh: zh,
                short_en: en,
                lat: 22.0 + (k * 7 % 20) as f64 + rng.jitter(0.5),
                lon: 100.0 + (k * 13 % 25) as f64 + rng.jitter(0.5),
                parent: 0,
                children: Vec::new(),
            });
        }
        for d in 0..district_count {
            let k = d / 10;
            let (lat, lon, city_zh, city_en) = match self.cities.get(k) {
                Some(c) => (c.lat, c.lon, c.short_zh.clone(), c.short_en.clone()),
                None => (30.0, 110.0, String::new(), String::new()),
            };
            let (_, zh, en, _, _) = DISTRICTS[d % DISTRICTS.len()];
            let district = Place {
                code: format!("{:02}{:02}{:02}", 11 + k / 30, 1 + k % 30, d % 10 + 1),
                zh: format!("{city_zh}{zh}区"),
                en: format!("{city_en} {en} District"),
                short_zh: format!("{city_zh}{zh}"),
                short_en: format!("{city_en} {en}"),
                lat: lat + rng.jitter(0.2),
                lon: lon + rng.jitter(0.2),
                parent: k,
                children: Vec::new(),
            };
            if let Some(c) = self.cities.get_mut(k) {
                c.children.push(d);
            }
            self.build_district(rng, d, district, &stem_order, (8, 19), (8, 21));
        }
    }

    /// Adds district `d` with its streets and their communities.
    fn build_district(
        &mut self,
        rng: &mut Rng,
        d: usize,
        mut district: Place,
        stem_order: &[usize],
        streets: (usize, usize),
        communities: (usize, usize),
    ) {
        let (lat, lon) = (district.lat, district.lon);
        let district_code = district.code.clone();
        {
            let street_count = rng.range(streets.0, streets.1);
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
                let community_count = rng.range(communities.0, communities.1);
                let mut used = BTreeSet::new();
                for c in 0..community_count {
                    let (name_zh, name_en) = community_name(rng, &street, &mut used, c);
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
        let national = options.districts.is_some();
        self.organizations_by_district = vec![Vec::new(); self.districts.len()];
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
            self.organizations_by_district[h % self.districts.len()].push(self.organizations.len());
            self.hubs.push(self.organizations.len());
            self.organization_ids.push(id);
            self.organizations.push(Value::Object(org));
        }
        for o in hub_count..count {
            let kind_index = rng.weighted(&[35, 35, 20, 10]);
            let (kind, suffixes) = ORGANIZATION_KINDS[kind_index];
            let (suffix_zh, suffix_en) = *rng.pick(suffixes);
            let (brand_zh, brand_en) = *rng.pick(BRANDS);
            let district = if national {
                &self.districts[o % self.districts.len()]
            } else {
                rng.pick(&self.districts)
            };
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
                // A national menu's groups join a hub of their own district
                // when it has one.
                let local: Vec<usize> = self.organizations_by_district[o % self.districts.len()]
                    .iter()
                    .copied()
                    .filter(|&i| i < hub_count)
                    .collect();
                let hub = if national && !local.is_empty() {
                    *rng.pick(&local)
                } else {
                    *rng.pick(&self.hubs)
                };
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
            if national {
                self.organizations_by_district[o % self.districts.len()]
                    .push(self.organizations.len());
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

    pub(crate) fn regions_json(&self) -> Vec<Value> {
        let mut regions = Vec::with_capacity(
            1 + self.districts.len() + self.streets.len() + self.communities.len(),
        );
        if !self.cities.is_empty() {
            for city in &self.cities {
                regions.push(json!({
                    "code": city.code,
                    "name": text(city.zh.as_str(), city.en.as_str()),
                    "level": "city",
                    "centroid": [coordinate(city.lat), coordinate(city.lon)],
                }));
                for &d in &city.children {
                    self.district_json(&mut regions, &self.districts[d], &city.code);
                }
            }
            return regions;
        }
        regions.push(json!({
            "code": CITY_CODE,
            "name": text("北京市", "Beijing"),
            "level": "city",
            "centroid": [39.9042, 116.4074],
        }));
        for district in &self.districts {
            self.district_json(&mut regions, district, CITY_CODE);
        }
        regions
    }

    fn district_json(&self, regions: &mut Vec<Value>, district: &Place, parent: &str) {
        {
            regions.push(region_json(district, "district", parent));
            for &s in &district.children {
                let street = &self.streets[s];
                regions.push(region_json(street, "street", &district.code));
                for &c in &street.children {
                    regions.push(region_json(&self.communities[c], "community", &street.code));
                }
            }
        }
    }

    pub(crate) fn region(&self, region: RegionRef) -> (&str, &str, &str) {
        match region {
            RegionRef::City => match self.cities.first() {
                Some(city) => place_names(city),
                None => (CITY_CODE, "北京市", "Beijing"),
            },
            RegionRef::District(i) => place_names(&self.districts[i]),
            RegionRef::Street(i) => place_names(&self.streets[i]),
            RegionRef::Community(i) => place_names(&self.communities[i]),
        }
    }

    pub(crate) fn district_of(&self, region: RegionRef) -> Option<usize> {
        match region {
            RegionRef::City => None,
            RegionRef::District(i) => Some(i),
            RegionRef::Street(i) => Some(self.streets[i].parent),
            RegionRef::Community(i) => Some(self.streets[self.communities[i].parent].parent),
        }
    }

    /// A region at or below `area`, for a `residence` clause.
    pub(crate) fn region_below(&self, rng: &mut Rng, area: RegionRef) -> RegionRef {
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
