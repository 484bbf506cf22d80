//! Any input must decode to an id or be refused, never panic; a decoded id
//! must encode to a code that decodes to the same id.
#![no_main]

use caidan_core::voucher::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(id) = decode(input) {
        let voucher = encode(id);
        assert!(voucher.is_ok(), "decoded id {id} does not encode");
        if let Ok(v) = voucher {
            assert_eq!(decode(v.as_str()), Ok(id), "`{input}` does not round-trip");
        }
    }
});
