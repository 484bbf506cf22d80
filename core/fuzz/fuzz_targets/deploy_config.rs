//! `caidan.json` and `?feed=`: any config must parse or be refused, and a
//! requested feed it accepts must, as a browser reads the URL, come from
//! the page's own origin or an origin the config allows; so must an intake
//! endpoint it accepts. The input is the
//! config, then a NUL, then the requested feed.
#![no_main]

use caidan_core::deploy::DeployConfig;
use libfuzzer_sys::fuzz_target;
use url::Url;

const PAGE: &str = "http://127.0.0.1:8080/services";

fuzz_target!(|input: &str| {
    let (config, requested) = match input.split_once('\0') {
        Some((config, requested)) => (config, Some(requested)),
        None => (input, None),
    };
    let Ok(config) = DeployConfig::parse(config) else {
        return;
    };
    let Ok(page) = Url::parse(PAGE) else {
        return;
    };
    // The browser's parser, as the app hands it to core.
    let resolve = |u: &str| page.join(u).ok().map(String::from);
    let Ok(url) = config.feed_url(requested, &page.origin().ascii_serialization(), resolve) else {
        return;
    };
    if requested.is_none_or(|r| r.trim().is_empty()) {
        return;
    }
    // The same resolution a browser's `fetch(url)` makes.
    let Ok(fetched) = page.join(&url) else {
        // A URL the browser cannot resolve is never fetched.
        return;
    };
    let origin = fetched.origin();
    let allowed = origin == page.origin()
        || config
            .allowed_origins
            .iter()
            .filter_map(|a| Url::parse(a).ok())
            .any(|a| a.origin() == origin);
    assert!(
        allowed,
        "`{url}` is fetched from {}, which the config does not allow",
        origin.ascii_serialization()
    );
    if let Ok(intake) = config.intake_url(
        requested.unwrap_or_default(),
        &page.origin().ascii_serialization(),
        resolve,
    ) {
        let Ok(to) = Url::parse(&intake) else {
            panic!("an accepted intake `{intake}` is not a URL");
        };
        let allowed = to.origin() == page.origin()
            || config
                .allowed_intake_origins
                .iter()
                .filter_map(|a| Url::parse(a).ok())
                .any(|a| a.origin() == to.origin());
        assert!(
            allowed,
            "the intake `{intake}` is not one the config allows"
        );
    }
});
