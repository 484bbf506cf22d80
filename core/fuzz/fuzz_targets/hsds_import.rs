//! HSDS documents come from other systems: any text must be imported or
//! refused with an error, never panic; a feed an import makes must be one
//! `Feed::parse` accepts, and must export again.
#![no_main]

use caidan_core::hsds::{export, import, ExportOptions, ImportOptions};
use caidan_core::Feed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let options = ImportOptions {
        feed_id: "fuzz".into(),
        title: "Fuzz".into(),
        locale: "en".into(),
        published_at: "2026-11-29T08:00:00+08:00".into(),
    };
    let Ok(imported) = import(text, &options) else {
        return;
    };
    let feed = Feed::parse(&imported.feed.to_string())
        .unwrap_or_else(|e| panic!("an import made a feed that does not check: {e:?}"));
    let _ = export(&feed, &ExportOptions::default());
});
