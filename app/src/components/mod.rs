//! Reusable pieces of the interface, one component per file.

mod error_page;
mod error_summary;
mod header;
mod loading;
mod question_form;
mod service_list;

pub use error_page::ErrorPage;
pub use error_summary::ErrorSummary;
pub use header::Header;
pub use loading::Loading;
pub use question_form::QuestionForm;
pub use service_list::ServiceList;
