//! End-to-end test harness for Caidan: the built app (Trunk's `dist/`) served
//! over real HTTP by a loopback static server, driven in real headless
//! Chromium through chromedriver.
//!
//! Tests select elements as a user would, by role and accessible name
//! (`find_link("Go to the menu")`, `wait_for_heading(Some(1), "Page not
//! found")`), never by CSS class. Each test starts its own server and its
//! own chromedriver on free ports, so tests run in parallel, and dropping the
//! [`Harness`] closes Chromium even when the test panics.
//!
//! ```no_run
//! # async fn example() {
//! let h = caidan_tests::Harness::start().await;
//! h.open("/no/such/page?lang=en").await;
//! h.wait_for_heading(Some(1), "Page not found").await;
//! # }
//! ```
//!
//! Beyond queries, a test can read the page ([`Browser::wait_for_path`],
//! [`Browser::field_kind`], …), check pages with axe-core ([`AxeTour`],
//! [`Browser::assert_no_axe_violations`]), walk it with the keyboard alone
//! ([`Browser::press_tab`], [`Browser::tab_to`], [`Browser::type_text`]) and
//! run it on an emulated slow phone ([`Browser::throttle_cpu`]). Request
//! tests send to a loopback GeoReport v2 intake ([`Open311Mock`]). Steps
//! that several test files take on the way (answering a question page,
//! tabbing to a control, the sample feed's words) are in [`journey`].
//!
//! Invariants: the harness never builds the app (the test script does) and
//! never talks to the network beyond 127.0.0.1.

#![forbid(unsafe_code)]

pub mod app;
pub mod axe;
pub mod browser;
pub mod harness;
pub mod http;
pub mod journey;
pub mod keyboard;
mod loopback;
pub mod offline;
pub mod open311;
pub mod page;
pub mod server;
pub mod site;
pub mod timing;

pub use app::{dist_dir, feed_bytes, feed_json, feed_service, sample_feed};
pub use axe::{AxeTour, AxeViolation, AXE_WCAG_TAGS};
pub use browser::{
    contains, query, string_pairs, strings, wait_timeout, Browser, BrowserStartError, LinkInfo,
    Match, Name, Query, Role,
};
pub use fantoccini::elements::Element;
pub use fantoccini::key::Key;
pub use fantoccini::Locator;
pub use harness::Harness;
pub use keyboard::{Focused, TabToError};
pub use open311::{open311_demo_feed, Open311Mock, PostMode, Posted, ServiceRequest};
pub use server::{ServerBuilder, StaticServer};
