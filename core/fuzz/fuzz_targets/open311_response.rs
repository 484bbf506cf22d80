//! Whatever an intake server answers must be read or refused, never
//! panic: the body of a `POST requests.json` and of a status request.
#![no_main]

use caidan_core::open311::{parse_post_response, parse_status};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| {
    // An empty list reads as no requests (the caller decides what that
    // means); every request read has an id or a token.
    if let Ok(posted) = parse_post_response(body) {
        for p in &posted {
            assert!(
                p.service_request_id.is_some() || p.token.is_some(),
                "a posted request has an id or a token"
            );
        }
    }
    if let Ok(status) = parse_status(body) {
        let _ = status.updated_at();
        let _ = status.expected_at();
        let _ = status.status.event();
        assert_eq!(
            caidan_core::open311::RemoteState::parse(status.status.as_str()),
            Some(status.status)
        );
    }
});
