//! HSDS 3 as it is read: the fields an import maps, everything optional.
//! Every other field is ignored and reported (see [`super::import`]).

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct Service {
    pub id: Option<String>,
    pub name: Option<String>,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub status: Option<String>,
    pub fees_description: Option<String>,
    pub eligibility_description: Option<String>,
    pub minimum_age: Option<f64>,
    pub maximum_age: Option<f64>,
    pub organization_id: Option<String>,
    pub organization: Option<Organization>,
    pub phones: Option<Vec<Phone>>,
    pub schedules: Option<Vec<Schedule>>,
    pub service_areas: Option<Vec<ServiceArea>>,
    pub service_at_locations: Option<Vec<ServiceAtLocation>>,
    pub cost_options: Option<Vec<CostOption>>,
    pub required_documents: Option<Vec<RequiredDocument>>,
    pub funding: Option<Vec<Funding>>,
    pub attributes: Option<Vec<Attribute>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Organization {
    pub id: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub parent_organization_id: Option<String>,
    pub phones: Option<Vec<Phone>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Phone {
    pub number: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Schedule {
    pub freq: Option<String>,
    pub byday: Option<String>,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ServiceArea {
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ServiceAtLocation {
    pub location_id: Option<String>,
    pub location: Option<Location>,
    pub schedules: Option<Vec<Schedule>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Location {
    pub id: Option<String>,
    pub name: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub addresses: Option<Vec<Address>>,
    pub phones: Option<Vec<Phone>>,
    pub schedules: Option<Vec<Schedule>>,
    pub accessibility: Option<Vec<Accessibility>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Address {
    pub address_1: Option<String>,
    pub address_2: Option<String>,
    pub city: Option<String>,
    pub state_province: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Accessibility {
    pub description: Option<String>,
    pub details: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CostOption {
    pub option: Option<String>,
    pub currency: Option<String>,
    pub amount: Option<f64>,
    pub amount_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RequiredDocument {
    pub document: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Funding {
    pub source: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Attribute {
    pub taxonomy_term: Option<TaxonomyTerm>,
}

#[derive(Debug, Default, Deserialize)]
pub struct TaxonomyTerm {
    pub id: Option<String>,
    pub code: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
}
