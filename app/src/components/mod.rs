//! Reusable pieces of the interface, one component per file.

mod attribute_field;
mod district_chooser;
mod district_loading;
mod error_page;
mod error_summary;
pub(crate) mod field;
mod header;
pub(crate) mod loading;
mod network_banner;
mod phone;
mod question_form;
mod service_list;

pub use attribute_field::{attribute_id, AttributeField};
pub use district_chooser::DistrictChooser;
pub use district_loading::DistrictLoading;
pub use error_page::ErrorPage;
pub use error_summary::ErrorSummary;
pub use field::{FieldAria, FormErrors, FormGroup, LabelStyle};
pub use header::Header;
pub use loading::Loading;
pub use network_banner::NetworkBanner;
pub use phone::Phone;
pub use question_form::QuestionForm;
pub use service_list::ServiceList;
