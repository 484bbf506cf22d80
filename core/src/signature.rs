//! Signed feeds: where a feed's detached signature lives and how its text
//! and a deployment's public keys are read (FEED.md, "Signed feeds").
//!
//! A signed feed `X` has its signature at `X.sig`: the standard base64 of
//! the 64-byte Ed25519 signature over the exact bytes of `X`. A deployment
//! lists the public keys it trusts in `caidan.json`'s `feed_keys`, each the
//! standard base64 of a 32-byte raw Ed25519 public key.
//!
//! Only the formats are here. Checking a signature is cryptography, which
//! the browser (WebCrypto) and the publishers' CLI do; core stays free of
//! it, as of IO.

use thiserror::Error;

/// What is added to a feed's path to find its signature.
pub const SIGNATURE_SUFFIX: &str = ".sig";

/// The length of an Ed25519 signature, in bytes.
pub const SIGNATURE_BYTES: usize = 64;

/// The length of a raw Ed25519 public key, in bytes.
pub const PUBLIC_KEY_BYTES: usize = 32;

/// The most characters a signature file may have: its 88 characters of
/// base64 and generous room for line breaks and spaces around them.
pub const MAX_SIGNATURE_CHARS: usize = 1024;

/// Why a signature or a public key could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SignatureError {
    /// The text is far longer than any signature.
    #[error("it is {chars} characters long; a signature file has about 88")]
    TooLong { chars: usize },
    /// The text is not standard base64 with padding.
    #[error("it is not standard base64 (`A-Z a-z 0-9 + /`, padded with `=`)")]
    NotBase64,
    /// The base64 decodes to the wrong number of bytes.
    #[error("it holds {found} bytes, not the {expected} of an Ed25519 {what}")]
    WrongLength {
        what: &'static str,
        expected: usize,
        found: usize,
    },
}

/// The URL of the signature of the feed at `feed_url`: `.sig` added to the
/// end of the path, before any `?query`, which is kept (a fragment is
/// dropped: it is never sent). `https://x.gov/menu.json?v=3` is signed at
/// `https://x.gov/menu.json.sig?v=3`.
pub fn signature_url(feed_url: &str) -> String {
    let without_fragment = feed_url.split('#').next().unwrap_or_default();
    match without_fragment.split_once('?') {
        Some((path, query)) => format!("{path}{SIGNATURE_SUFFIX}?{query}"),
        None => format!("{without_fragment}{SIGNATURE_SUFFIX}"),
    }
}

/// Reads a signature file: the standard base64 of 64 bytes, decoded as
/// the browser's `atob` does (see `decode_base64`): ASCII white space
/// anywhere in it is ignored (a trailing newline, or the line breaks of a
/// `base64` that wraps its output), and so is missing padding.
pub fn parse_signature(text: &str) -> Result<[u8; SIGNATURE_BYTES], SignatureError> {
    if text.len() > MAX_SIGNATURE_CHARS {
        return Err(SignatureError::TooLong {
            chars: text.chars().count(),
        });
    }
    decode_exact(text, "signature")
}

/// Reads a public key as `feed_keys` lists it: the standard base64 of the 32
/// raw bytes (44 characters), decoded as a signature is.
pub fn parse_public_key(text: &str) -> Result<[u8; PUBLIC_KEY_BYTES], SignatureError> {
    if text.len() > MAX_SIGNATURE_CHARS {
        return Err(SignatureError::TooLong {
            chars: text.chars().count(),
        });
    }
    decode_exact(text, "public key")
}

/// Decodes base64 into exactly `N` bytes.
fn decode_exact<const N: usize>(text: &str, what: &'static str) -> Result<[u8; N], SignatureError> {
    let mut out = [0u8; N];
    let found = decode_base64(text, &mut out)?;
    if found != N {
        return Err(SignatureError::WrongLength {
            what,
            expected: N,
            found,
        });
    }
    Ok(out)
}

/// Decodes base64 into `out` as the WHATWG Infra standard's
/// "forgiving-base64 decode" does (the browser's `atob`), and returns how
/// many bytes it holds (only as many as fit are written): ASCII white space
/// anywhere is ignored, the standard alphabet (`A-Z a-z 0-9 + /`) only,
/// padding `=` optional but, when there, one or two at the very end of a
/// multiple of four; the unused low bits of the last character are not
/// checked. The app checks signatures with `atob` in the browser, so
/// publishers' tools and the app read a signature the same way.
///
/// Written here rather than taken from the `base64` crate, which has no
/// such mode; the tests check it against the crate.
fn decode_base64(text: &str, out: &mut [u8]) -> Result<usize, SignatureError> {
    let symbols = || text.bytes().filter(|b| !b.is_ascii_whitespace());
    let count = symbols().count();
    let padding = if count.is_multiple_of(4) {
        symbols().rev().take(2).take_while(|&b| b == b'=').count()
    } else {
        0
    };
    let data = count - padding;
    if data % 4 == 1 {
        return Err(SignatureError::NotBase64);
    }
    let (mut bytes, mut buffer, mut bits) = (0usize, 0u32, 0u32);
    for symbol in symbols().take(data) {
        buffer = (buffer << 6) | u32::from(sextet(symbol).ok_or(SignatureError::NotBase64)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            if let Some(byte) = out.get_mut(bytes) {
                *byte = (buffer >> bits) as u8;
            }
            bytes += 1;
            buffer &= (1 << bits) - 1;
        }
    }
    Ok(bytes)
}

/// The value of one base64 symbol.
fn sextet(symbol: u8) -> Option<u8> {
    match symbol {
        b'A'..=b'Z' => Some(symbol - b'A'),
        b'a'..=b'z' => Some(symbol - b'a' + 26),
        b'0'..=b'9' => Some(symbol - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
    use base64::engine::DecodePaddingMode;
    use base64::{alphabet, Engine};
    use proptest::prelude::*;

    use super::*;

    /// The crate's standard engine without padding, as lenient about
    /// unused bits as forgiving-base64.
    const UNPADDED: GeneralPurpose = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireNone),
    );

    /// Forgiving-base64 decode as the Infra standard words it, the decoding
    /// itself left to the crate.
    fn forgiving(text: &str) -> Option<Vec<u8>> {
        let data: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let data = match data.len() % 4 {
            0 => data
                .strip_suffix("==")
                .or_else(|| data.strip_suffix('='))
                .unwrap_or(&data),
            _ => &data,
        };
        UNPADDED.decode(data).ok()
    }

    /// What [`decode_base64`] makes of `text`, for texts of up to 100 bytes.
    fn decode(text: &str) -> Option<Vec<u8>> {
        let mut out = [0u8; 100];
        let n = decode_base64(text, &mut out).ok()?;
        Some(out.get(..n)?.to_vec())
    }

    fn check_url(feed: &str, expected: &str) {
        assert_eq!(signature_url(feed), expected, "feed {feed:?}");
    }

    #[test]
    fn the_signature_is_beside_the_feed_before_any_query() {
        check_url(
            "https://x.gov/feeds/menu.json",
            "https://x.gov/feeds/menu.json.sig",
        );
        check_url(
            "https://x.gov/menu.json?v=3&lang=en",
            "https://x.gov/menu.json.sig?v=3&lang=en",
        );
        check_url("https://x.gov/menu.json#top", "https://x.gov/menu.json.sig");
        check_url(
            "https://x.gov/menu.json?v=3#a?b",
            "https://x.gov/menu.json.sig?v=3",
        );
        check_url("https://x.gov/feeds/", "https://x.gov/feeds/.sig");
        check_url("/feeds/sample.json", "/feeds/sample.json.sig");
    }

    fn check_signature(text: &str, expected: Result<[u8; 64], SignatureError>) {
        assert_eq!(parse_signature(text), expected, "text {text:?}");
    }

    #[test]
    fn signature_files_as_publishers_write_them() {
        let sig: [u8; 64] = std::array::from_fn(|i| (i * 7 + 3) as u8);
        let b64 = STANDARD.encode(sig);
        assert_eq!(b64.len(), 88);
        // `base64 -w0`, `caidan sign` (a newline), CRLF, and `base64`
        // wrapping at 76 characters.
        check_signature(&b64, Ok(sig));
        check_signature(&format!("{b64}\n"), Ok(sig));
        check_signature(&format!("  {b64}\r\n"), Ok(sig));
        check_signature(&format!("{}\n{}\n", &b64[..76], &b64[76..]), Ok(sig));
        // Padding may be left out, as `atob` allows.
        check_signature(&b64.replace('=', ""), Ok(sig));
        check_signature(&format!("{b64}="), Err(SignatureError::NotBase64));
        check_signature(&format!("={}", &b64[..87]), Err(SignatureError::NotBase64));
        check_signature(&b64[..85], Err(SignatureError::NotBase64));
        check_signature(
            "",
            Err(SignatureError::WrongLength {
                what: "signature",
                expected: 64,
                found: 0,
            }),
        );
        check_signature(
            &format!("{}-{}", &b64[..10], &b64[11..]),
            Err(SignatureError::NotBase64), // URL-safe base64 is not standard
        );
        check_signature(
            "<!doctype html><html></html>",
            Err(SignatureError::NotBase64), // a host's page for a missing file
        );
        check_signature(
            &STANDARD.encode([1u8; 32]),
            Err(SignatureError::WrongLength {
                what: "signature",
                expected: 64,
                found: 32,
            }),
        );
        check_signature(
            &" ".repeat(2000),
            Err(SignatureError::TooLong { chars: 2000 }),
        );
    }

    #[test]
    fn public_keys_as_feed_keys_lists_them() {
        let key: [u8; 32] = std::array::from_fn(|i| 255 - i as u8);
        let b64 = STANDARD.encode(key);
        assert_eq!(parse_public_key(&b64), Ok(key));
        assert_eq!(parse_public_key(&format!(" {b64} ")), Ok(key));
        assert_eq!(
            parse_public_key(&STANDARD.encode([0u8; 64])),
            Err(SignatureError::WrongLength {
                what: "public key",
                expected: 32,
                found: 64
            })
        );
    }

    /// Every key `DeployConfig::parse` accepts is readable here, even one
    /// whose last character has unused bits set.
    #[test]
    fn every_key_the_deployment_accepts_is_read() {
        let config = crate::deploy::DeployConfig::parse(
            r#"{"default_feed": "/f.json", "feed_keys": ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB="]}"#,
        )
        .unwrap();
        assert_eq!(parse_public_key(&config.feed_keys[0]), Ok([0u8; 32]));
    }

    /// What Node's `atob` (the browser's) makes of these, byte values
    /// joined, or `None` where it throws.
    #[test]
    fn reads_edge_cases_as_atob_does() {
        let cases: &[(&str, Option<&[u8]>)] = &[
            ("AA=", None),
            ("AAA=", Some(&[0, 0])),
            ("A===", None),
            ("AA==", Some(&[0])),
            ("AB", Some(&[0])),
            ("AB==", Some(&[0])),
            ("A", None),
            ("AAAAA===", None),
            ("AA\n==", Some(&[0])),
            ("0+AaAa0aaA=", None),
            ("AAA=\n", Some(&[0, 0])),
            ("=AAA", None),
            ("AA=A", None),
            ("AAAA=", None),
            ("", Some(&[])),
            (" \t", Some(&[])),
        ];
        for (text, expected) in cases {
            assert_eq!(decode(text).as_deref(), *expected, "text {text:?}");
        }
    }

    proptest! {
        #[test]
        fn decodes_what_the_base64_crate_encodes(bytes in proptest::collection::vec(any::<u8>(), 1..100)) {
            prop_assert_eq!(decode(&STANDARD.encode(&bytes)), Some(bytes));
        }

        #[test]
        fn decodes_any_text_as_forgiving_base64(text in "[A-Za-z0-9+/= \n-]{0,12}") {
            prop_assert_eq!(decode(&text), forgiving(&text), "text {:?}", text);
        }

        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = parse_signature(&text);
            let _ = parse_public_key(&text);
            let _ = signature_url(&text);
        }
    }
}
