//! The feed as it travels: serde structs that mirror FEED.md field by field.
//!
//! These types say nothing about validity. Required scalars default to empty
//! so that validation can report every missing field at once instead of
//! stopping at the first; [`crate::feed::Feed::parse`] turns a document into a
//! checked [`crate::feed::Feed`].

use serde::Deserialize;

use crate::text::Text;

/// The whole feed document.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct FeedDoc {
    #[serde(default)]
    pub caidan_feed: String,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub published_at: String,
    #[serde(default)]
    pub title: Text,
    #[serde(default)]
    pub publisher: Option<Publisher>,
    #[serde(default)]
    pub default_locale: String,
    #[serde(default)]
    pub locales: Vec<String>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub valid_from: Option<String>,
    #[serde(default)]
    pub valid_until: Option<String>,
    #[serde(default)]
    pub intake: Option<Intake>,
    #[serde(default)]
    pub notices: Vec<Notice>,
    // `None` when absent, so that a missing list is reported as such.
    #[serde(default)]
    pub regions: Option<Vec<Region>>,
    #[serde(default)]
    pub categories: Option<Vec<Category>>,
    #[serde(default)]
    pub facts: Option<Vec<Fact>>,
    #[serde(default)]
    pub organizations: Option<Vec<Organization>>,
    #[serde(default)]
    pub locations: Vec<Location>,
    #[serde(default)]
    pub services: Option<Vec<Service>>,
    /// In a sharded feed's index, one entry per district shard (FEED.md,
    /// "Sharded feeds"); empty in a single-document feed.
    #[serde(default)]
    pub shards: Vec<ShardRef>,
}

/// An index's entry for one district's shard.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ShardRef {
    /// The district the shard covers.
    #[serde(default)]
    pub region: String,
    /// Where the shard is, relative to the index.
    #[serde(default)]
    pub url: String,
    /// The SHA-256 of the shard file's bytes, in lowercase hex.
    #[serde(default)]
    pub sha256: String,
    /// The shard file's size in bytes.
    #[serde(default)]
    pub bytes: u64,
    /// How many services the shard lists.
    #[serde(default)]
    pub services: u64,
}

/// One district's shard of a sharded feed: the streets and communities of
/// the district, and the services, organisations and locations that serve
/// it (FEED.md, "Sharded feeds").
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ShardDoc {
    #[serde(default)]
    pub caidan_shard: String,
    /// The feed's `id`, as in the index.
    #[serde(default)]
    pub feed: String,
    /// The feed's `version`, as in the index.
    #[serde(default)]
    pub version: String,
    /// The district this shard covers.
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub regions: Vec<Region>,
    #[serde(default)]
    pub organizations: Vec<Organization>,
    #[serde(default)]
    pub locations: Vec<Location>,
    #[serde(default)]
    pub services: Vec<Service>,
}

/// Who publishes the feed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Publisher {
    #[serde(default)]
    pub name: Text,
    pub phone: Option<String>,
    pub url: Option<String>,
}

/// Where requests go.
#[derive(Clone, Debug, Deserialize)]
pub struct Intake {
    pub kind: IntakeKind,
    pub hotline: Option<String>,
    pub endpoint: Option<String>,
    pub jurisdiction_id: Option<String>,
    pub api_key: Option<String>,
    /// The Open311 server drops a second submission with the same
    /// idempotency key, and its CORS allows the `Idempotency-Key` header.
    #[serde(default)]
    pub deduplicates: bool,
}

/// The kind of intake channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IntakeKind {
    Voucher,
    Open311,
}

/// A notice shown on the home page.
#[derive(Clone, Debug, Deserialize)]
pub struct Notice {
    #[serde(default)]
    pub text: Text,
    #[serde(default)]
    pub severity: Severity,
}

/// How prominent a notice is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Info,
    Warning,
}

/// A node of the region tree.
#[derive(Clone, Debug, Deserialize)]
pub struct Region {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: Text,
    pub level: RegionLevel,
    pub parent: Option<String>,
    pub centroid: Option<[f64; 2]>,
}

/// Administrative level, from the city down to the community.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionLevel {
    City,
    District,
    Street,
    Community,
}

impl RegionLevel {
    /// The level's name as written in the feed.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::City => "city",
            RegionLevel::District => "district",
            RegionLevel::Street => "street",
            RegionLevel::Community => "community",
        }
    }
}

/// A service category.
#[derive(Clone, Debug, Deserialize)]
pub struct Category {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    pub icon: Option<String>,
    pub order: Option<i64>,
}

/// A question the rules may ask about the resident.
#[derive(Clone, Debug, Deserialize)]
pub struct Fact {
    #[serde(default)]
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FactType,
    #[serde(default)]
    pub question: Text,
    #[serde(default)]
    pub help: Text,
    #[serde(default)]
    pub unit: Text,
    #[serde(default)]
    pub sensitive: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    pub level: Option<RegionLevel>,
}

/// The type of a fact's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactType {
    Boolean,
    Integer,
    Number,
    Choice,
    Region,
    Date,
}

/// One option of a `choice` fact.
#[derive(Clone, Debug, Deserialize)]
pub struct ChoiceOption {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub label: Text,
}

/// A provider or a hub.
#[derive(Clone, Debug, Deserialize)]
pub struct Organization {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub description: Text,
    pub kind: Option<OrganizationKind>,
    pub parent_organization_id: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub rating: Option<Rating>,
}

/// What sort of organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    Hub,
    SocialWorkFirm,
    SocialOrganization,
    Enterprise,
    PublicInstitution,
}

/// The published result of residents' evaluations.
#[derive(Clone, Debug, Deserialize)]
pub struct Rating {
    pub score: f64,
    pub count: u64,
    pub period: Option<String>,
}

/// A place where a service is delivered.
#[derive(Clone, Debug, Deserialize)]
pub struct Location {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub address: Text,
    pub region: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub phone: Option<String>,
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    #[serde(default)]
    pub accessibility: Text,
}

/// Weekly opening hours.
#[derive(Clone, Debug, Deserialize)]
pub struct Schedule {
    #[serde(default)]
    pub byday: String,
    #[serde(default)]
    pub opens_at: String,
    #[serde(default)]
    pub closes_at: String,
}

/// One item on the menu.
#[derive(Clone, Debug, Deserialize)]
pub struct Service {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub summary: Text,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub organization_id: String,
    #[serde(default)]
    pub location_ids: Vec<String>,
    #[serde(default)]
    pub delivery: Vec<Delivery>,
    #[serde(default)]
    pub service_areas: Vec<String>,
    #[serde(default)]
    pub status: Status,
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
    pub eligibility: Option<String>,
    #[serde(default)]
    pub eligibility_description: Text,
    pub cost: Option<Cost>,
    #[serde(default)]
    pub priority: Vec<PriorityRule>,
    pub limits: Option<Limits>,
    pub capacity: Option<Capacity>,
    #[serde(default)]
    pub attributes: Vec<Attribute>,
    #[serde(default)]
    pub required_documents: Vec<Text>,
    pub funding: Option<Funding>,
    pub contact_phone: Option<String>,
}

/// How a service reaches the resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Delivery {
    Home,
    Centre,
    Phone,
    Online,
}

impl Delivery {
    /// Every mode, in display order.
    pub const ALL: [Delivery; 4] = [
        Delivery::Home,
        Delivery::Centre,
        Delivery::Phone,
        Delivery::Online,
    ];

    /// The mode's name as written in the feed.
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Home => "home",
            Delivery::Centre => "centre",
            Delivery::Phone => "phone",
            Delivery::Online => "online",
        }
    }
}

/// HSDS service status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Active,
    Inactive,
    TemporarilyClosed,
    Defunct,
}

/// What a service costs and who gets help paying.
#[derive(Clone, Debug, Deserialize)]
pub struct Cost {
    pub amount: f64,
    #[serde(default)]
    pub unit: Text,
    #[serde(default)]
    pub subsidies: Vec<Subsidy>,
}

/// A share of the cost paid for residents matching `when`.
#[derive(Clone, Debug, Deserialize)]
pub struct Subsidy {
    #[serde(default)]
    pub when: String,
    pub covers_percent: f64,
    #[serde(default)]
    pub label: Text,
}

/// Who goes first.
#[derive(Clone, Debug, Deserialize)]
pub struct PriorityRule {
    #[serde(default)]
    pub when: String,
    pub level: PriorityLevel,
    #[serde(default)]
    pub reason: Text,
}

/// How urgent a request is; `Urgent` ranks above `High`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PriorityLevel {
    High,
    Urgent,
}

impl PriorityLevel {
    /// The level's name as written in the feed.
    pub fn as_str(self) -> &'static str {
        match self {
            PriorityLevel::High => "high",
            PriorityLevel::Urgent => "urgent",
        }
    }
}

/// Per-resident request limits.
#[derive(Clone, Debug, Deserialize)]
pub struct Limits {
    pub per_resident: Option<PerResident>,
}

/// At most `count` requests per `period`.
#[derive(Clone, Debug, Deserialize)]
pub struct PerResident {
    pub count: u32,
    pub period: Period,
}

/// A calendar period for limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
    Year,
}

impl Period {
    /// The period's name as written in the feed.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        }
    }
}

/// Places left (HSDS `service_capacity`).
#[derive(Clone, Debug, Deserialize)]
pub struct Capacity {
    pub available: u32,
    pub maximum: Option<u32>,
    #[serde(default)]
    pub unit: Text,
    pub updated: Option<String>,
}

/// An Open311 service-definition attribute: one field of the request form.
#[derive(Clone, Debug, Deserialize)]
pub struct Attribute {
    #[serde(default)]
    pub code: String,
    pub datatype: Datatype,
    #[serde(default)]
    pub required: bool,
    pub order: Option<i64>,
    #[serde(default)]
    pub description: Text,
    #[serde(default)]
    pub values: Vec<AttributeValue>,
}

/// Open311 attribute datatypes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Datatype {
    String,
    Number,
    Datetime,
    Text,
    Singlevaluelist,
    Multivaluelist,
}

impl Datatype {
    /// Whether the attribute offers a list of values.
    pub fn is_list(self) -> bool {
        matches!(self, Datatype::Singlevaluelist | Datatype::Multivaluelist)
    }
}

/// One value of a list attribute.
#[derive(Clone, Debug, Deserialize)]
pub struct AttributeValue {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub name: Text,
}

/// Where the money comes from.
#[derive(Clone, Debug, Deserialize)]
pub struct Funding {
    #[serde(default)]
    pub source: Text,
    pub year: Option<i32>,
}
