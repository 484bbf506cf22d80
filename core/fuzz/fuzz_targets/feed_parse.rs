//! Any text must parse to a feed or to an error, never panic; a feed that
//! parses must be decided and searched without panicking.
#![no_main]

use caidan_core::catalogue::Catalogue;
use caidan_core::date::Date;
use caidan_core::{decide_all, Answers, Feed};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(feed) = Feed::parse(text) else {
        return;
    };
    if let Ok(today) = Date::parse("2026-03-15") {
        let _ = decide_all(&feed, &Answers::new(&feed), today);
    }
    let catalogue = Catalogue::build(&feed);
    for query in ["助餐", "zc", "meal", "rehabilitaton"] {
        let _ = catalogue.search(query, None, 5);
    }
});
