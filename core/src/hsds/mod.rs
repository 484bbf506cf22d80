//! Open Referral HSDS 3: a feed's services as HSDS `service` objects
//! ([`export`]), and HSDS services as the start of a feed ([`import`]).
//! FEED.md, "HSDS 3", says what maps to what and what each direction loses.
//!
//! Invariants:
//! - No IO and no clock: the caller passes the text, and the time an
//!   imported feed is published at.
//! - Exports are stable: every HSDS id is a UUID v5 of the feed's id and the
//!   object's own id ([`export::NAMESPACE`]), so the same feed exports the
//!   same bytes.
//! - An import never panics on input: bad input is an [`ImportError`] with
//!   the path of the field, and what it makes is a feed `Feed::parse`
//!   accepts.

mod ages;
mod export;
mod import;
mod wire;

pub use ages::{age_range, AgeRange};
pub use export::{export, object_id, ExportOptions, NAMESPACE};
pub use import::{import, ImportError, ImportOptions, Imported, ServiceNotes, ROOT_REGION};
