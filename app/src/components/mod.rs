//! Reusable pieces of the interface, one component per file.

mod error_page;
mod header;
mod loading;

pub use error_page::ErrorPage;
pub use header::Header;
pub use loading::Loading;
