//! Any text offered as a shard must combine with its index into a feed or
//! give an error, never panic; a combined feed must be decided without
//! panicking. The index is the worked example's, split
//! (`core/tests/data/sharded/`).
#![no_main]

use caidan_core::date::Date;
use caidan_core::{decide_all, Answers, Feed};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(index) = Feed::parse(include_str!("../../tests/data/sharded/index.json")) else {
        return;
    };
    for entry in index.shards() {
        if let Ok(feed) = index.with_shard(&entry.region, text) {
            if let Ok(today) = Date::parse("2026-03-15") {
                let _ = decide_all(&feed, &Answers::new(&feed), today);
            }
        }
    }
});
