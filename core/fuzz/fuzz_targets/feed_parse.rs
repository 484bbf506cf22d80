//! Any text must parse to a feed or to an error, never panic; a feed that
//! parses must be decided and searched without panicking. The sliced reader
//! (`FeedReader`, at a budget taken from the input's first byte) must give
//! the one-pass result: the same feed or the same error.
#![no_main]

use caidan_core::catalogue::Catalogue;
use caidan_core::date::Date;
use caidan_core::feed::FeedReader;
use caidan_core::{decide_all, Answers, Feed};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let budget = usize::from(data.first().copied().unwrap_or(0) % 16) + 1;
    let one = Feed::parse(text);
    let sliced = FeedReader::new(text).finish(budget);
    match (&one, &sliced) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.services().len(), b.services().len());
            assert_eq!(a.warnings(), b.warnings());
            assert_eq!(format!("{:?}", a.services()), format!("{:?}", b.services()));
        }
        (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
        _ => panic!("the sliced reader disagrees: {one:?} against {sliced:?}"),
    }
    let Ok(feed) = one else {
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
