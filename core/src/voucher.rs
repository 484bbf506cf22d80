//! Vouchers: short human codes for request ids, such as `7KQ2-M9XD-4T`.
//!
//! A resident shows a voucher at the community service centre or reads it
//! out on the hotline, so it uses only Crockford's base-32 alphabet
//! (`0123456789ABCDEFGHJKMNPQRSTVWXYZ`: no I, L, O or U) and ends with a
//! check character from the same alphabet. Nine data characters carry a
//! request id below 2^45, most significant first; the tenth is the check
//! character; the ten are grouped 4-4-2.
//!
//! # The check character
//!
//! The check uses the Damm algorithm over the quasigroup of order 32 given by
//! `x ∘ y = a·x ⊕ y`, where `·` and `⊕` are multiplication and addition in
//! the field GF(2^5) (built on the irreducible polynomial `t^5 + t^2 + 1`)
//! and `a = t` (the element `2`). Reading a code left to right,
//! `r₀ = 0, rᵢ = rᵢ₋₁ ∘ xᵢ`, and the check character `c` is chosen so that
//! `r₉ ∘ c = 0`, that is `c = a·r₉`. A code is valid when the final `r` is 0.
//!
//! Why it catches every single substitution and every adjacent swap:
//!
//! 1. `∘` is a quasigroup. For fixed `x`, `y ↦ a·x ⊕ y` is a bijection
//!    (adding a constant). For fixed `y`, `x ↦ a·x ⊕ y` is a bijection
//!    because `a ≠ 0` and multiplication by a non-zero field element is
//!    invertible.
//! 2. It is totally anti-symmetric: `(c ∘ x) ∘ y = a²·c ⊕ a·x ⊕ y`, so
//!    `(c ∘ x) ∘ y = (c ∘ y) ∘ x` gives `a·x ⊕ y = a·y ⊕ x`, that is
//!    `(a ⊕ 1)·x = (a ⊕ 1)·y`; since `a ≠ 1`, `a ⊕ 1 ≠ 0` and `x = y`.
//! 3. Substituting `xᵢ` by `x'ᵢ ≠ xᵢ` changes `rᵢ` (by 1, second argument),
//!    and every later step maps different states to different states (by 1,
//!    first argument), so the final state is not 0. This covers the check
//!    character too.
//! 4. Swapping two adjacent different characters `x ≠ y` leaves `rᵢ₋₁`
//!    alone, changes `rᵢ₊₁` (by 2), and the rest follows as in 3.
//!
//! The tests check 1 and 2 for all 32³ triples, and detection over many
//! real codes.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use thiserror::Error;

/// The largest id a voucher can carry is `ID_LIMIT - 1`.
pub const ID_LIMIT: u64 = 1 << 45;

/// A request's voucher in its canonical form (`7KQ2-M9XD-4T`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Voucher {
    code: String,
    id: u64,
}

/// Why an id cannot be encoded or a code cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum VoucherError {
    /// The id needs more than 45 bits.
    #[error("request id `{id}` is too large for a voucher: it must be below 2^45")]
    TooLarge { id: u64 },
    /// A character that is not in the alphabet (nor an accepted look-alike).
    #[error("`{character}` at position {position} is not a voucher character")]
    Character { character: char, position: usize },
    /// Too few or too many characters (hyphens and spaces not counted).
    #[error("a voucher has 10 characters, `{input}` has {count}")]
    Length { input: String, count: usize },
    /// The check character does not match: some character was misread.
    #[error("the code `{input}` has a typo: check it against the voucher")]
    Typo { input: String },
}

/// Encodes a request id as a voucher.
pub fn encode(id: u64) -> Result<Voucher, VoucherError> {
    if id >= ID_LIMIT {
        return Err(VoucherError::TooLarge { id });
    }
    let mut data = [0u8; DATA_LEN];
    for (i, s) in data.iter_mut().enumerate() {
        let shift = 5 * (DATA_LEN - 1 - i);
        // Masked to five bits, so the cast is exact.
        *s = ((id >> shift) & 31) as u8;
    }
    let check = times_a(damm(&data));
    let mut code = String::with_capacity(CODE_LEN + 2);
    for (i, &s) in data.iter().chain([&check]).enumerate() {
        if i == 4 || i == 8 {
            code.push('-');
        }
        code.extend(ALPHABET.get(usize::from(s & 31)).map(|&b| char::from(b)));
    }
    Ok(Voucher { code, id })
}

/// Reads a voucher back into the request id.
///
/// Lenient the Crockford way: case does not matter, hyphens and spaces
/// (also the ideographic space) are ignored, `O` reads as `0`, `I` and `L`
/// as `1`, and full-width letters and digits from a Chinese input method
/// read as their ASCII forms. `U` and every other symbol are refused, with
/// their position in `input` (counting from 1).
pub fn decode(input: &str) -> Result<u64, VoucherError> {
    let mut symbols = Vec::with_capacity(CODE_LEN);
    for (index, raw) in input.chars().enumerate() {
        let c = narrow(raw);
        if matches!(c, '-' | ' ' | '\u{3000}') {
            continue;
        }
        let symbol = symbol_value(c).ok_or(VoucherError::Character {
            character: raw,
            position: index + 1,
        })?;
        symbols.push(symbol);
    }
    if symbols.len() != CODE_LEN {
        return Err(VoucherError::Length {
            input: input.to_owned(),
            count: symbols.len(),
        });
    }
    if damm(&symbols) != 0 {
        return Err(VoucherError::Typo {
            input: input.to_owned(),
        });
    }
    Ok(symbols
        .iter()
        .take(DATA_LEN)
        .fold(0u64, |acc, &s| (acc << 5) | u64::from(s)))
}

impl Voucher {
    /// Reads a code leniently (see [`decode`]) into its canonical form.
    pub fn parse(input: &str) -> Result<Voucher, VoucherError> {
        encode(decode(input)?)
    }

    /// The canonical code, `XXXX-XXXX-XX`.
    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// The request id the voucher carries.
    pub fn id(&self) -> u64 {
        self.id
    }
}

impl fmt::Display for Voucher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

impl Serialize for Voucher {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code)
    }
}

impl<'de> Deserialize<'de> for Voucher {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Voucher::parse(&s).map_err(de::Error::custom)
    }
}

/// Crockford's base-32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Data characters in a voucher.
const DATA_LEN: usize = 9;
/// Characters in a voucher, check character included.
const CODE_LEN: usize = DATA_LEN + 1;

/// Multiplies by `a = t` in GF(2^5) modulo `t^5 + t^2 + 1`.
fn times_a(x: u8) -> u8 {
    let shifted = (x & 31) << 1;
    if shifted & 32 != 0 {
        (shifted ^ 0b10_0101) & 31
    } else {
        shifted
    }
}

/// The quasigroup operation `x ∘ y = a·x ⊕ y`.
fn op(x: u8, y: u8) -> u8 {
    times_a(x) ^ (y & 31)
}

/// The Damm interim state after reading `symbols`.
fn damm(symbols: &[u8]) -> u8 {
    symbols.iter().fold(0, |r, &s| op(r, s))
}

/// Maps a full-width ASCII form (U+FF01 to U+FF5E) to ASCII.
fn narrow(c: char) -> char {
    match u32::from(c) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The value of a (possibly look-alike) character, or `None`.
fn symbol_value(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    let byte = u8::try_from(c).ok()?;
    let index = ALPHABET.iter().position(|&a| a == byte)?;
    u8::try_from(index).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_operation_is_a_totally_anti_symmetric_quasigroup() {
        for x in 0..32u8 {
            let mut rows = [false; 32];
            let mut cols = [false; 32];
            for y in 0..32u8 {
                rows[usize::from(op(x, y))] = true;
                cols[usize::from(op(y, x))] = true;
            }
            assert!(
                rows.iter().all(|&seen| seen),
                "row {x} is not a permutation"
            );
            assert!(
                cols.iter().all(|&seen| seen),
                "column {x} is not a permutation"
            );
        }
        for c in 0..32u8 {
            for x in 0..32u8 {
                for y in 0..32u8 {
                    if x != y {
                        assert_ne!(op(op(c, x), y), op(op(c, y), x), "c={c} x={x} y={y}");
                    }
                }
            }
        }
    }

    fn check_encode(id: u64, expected: Result<&str, &str>) {
        let got = encode(id)
            .map(|v| v.as_str().to_owned())
            .map_err(|e| e.to_string());
        let expected = expected.map(str::to_owned).map_err(str::to_owned);
        assert_eq!(got, expected, "id {id}");
    }

    #[test]
    fn ids_encode_to_grouped_codes() {
        let cases: &[(u64, Result<&str, &str>)] = &[
            (0, Ok("0000-0000-00")),
            (1, Ok("0000-0000-12")),
            (31, Ok("0000-0000-ZV")),
            (ID_LIMIT - 1, Ok("ZZZZ-ZZZZ-ZX")),
            (
                ID_LIMIT,
                Err("request id `35184372088832` is too large for a voucher: it must be below 2^45"),
            ),
            (
                u64::MAX,
                Err("request id `18446744073709551615` is too large for a voucher: it must be below 2^45"),
            ),
        ];
        for (id, expected) in cases {
            check_encode(*id, *expected);
        }
    }

    fn check_decode(input: &str, expected: Result<u64, &str>) {
        let got = decode(input).map_err(|e| e.to_string());
        let expected = expected.map_err(str::to_owned);
        assert_eq!(got, expected, "input `{input}`");
    }

    #[test]
    fn decoding_is_lenient_the_crockford_way() {
        let code = encode(123_456_789).unwrap();
        assert_eq!(code.as_str(), "0003-NQK8-N1");
        let cases: &[(&str, Result<u64, &str>)] = &[
            ("0003-NQK8-N1", Ok(123_456_789)),
            ("0003NQK8N1", Ok(123_456_789)),
            ("0003 nqk8 n1", Ok(123_456_789)),
            ("  000-3nq-k8n1 ", Ok(123_456_789)),
            ("oOo3-NQK8-N1", Ok(123_456_789)),
            ("０００３－ＮＱＫ８－Ｎ１", Ok(123_456_789)),
            ("0000-0000-12", Ok(1)),
            ("0000-0000-I2", Ok(1)),
            ("0000-0000-l2", Ok(1)),
            (
                "0003-NQK8-N2",
                Err("the code `0003-NQK8-N2` has a typo: check it against the voucher"),
            ),
            (
                "0003-NQ8K-N1",
                Err("the code `0003-NQ8K-N1` has a typo: check it against the voucher"),
            ),
            (
                "0003-NQKU-N1",
                Err("`U` at position 9 is not a voucher character"),
            ),
            (
                "0003-NQK8-N1!",
                Err("`!` at position 13 is not a voucher character"),
            ),
            (
                "0003_NQK8_N1",
                Err("`_` at position 5 is not a voucher character"),
            ),
            ("菜单", Err("`菜` at position 1 is not a voucher character")),
            (
                "0003-NQK8-N",
                Err("a voucher has 10 characters, `0003-NQK8-N` has 9"),
            ),
            (
                "0003-NQK8-N1E",
                Err("a voucher has 10 characters, `0003-NQK8-N1E` has 11"),
            ),
            ("", Err("a voucher has 10 characters, `` has 0")),
            (" - ", Err("a voucher has 10 characters, ` - ` has 0")),
        ];
        for (input, expected) in cases {
            check_decode(input, *expected);
        }
    }

    /// Ids spread over the whole range, edges included.
    fn sample_ids() -> impl Iterator<Item = u64> {
        let edges = [0, 1, 2, 31, 32, 1023, 1024, ID_LIMIT - 2, ID_LIMIT - 1];
        // A fixed multiplicative sequence visits the range without randomness.
        let spread = (0..3000u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) % ID_LIMIT);
        edges.into_iter().chain(spread)
    }

    fn plain(v: &Voucher) -> Vec<u8> {
        v.as_str().bytes().filter(|&b| b != b'-').collect()
    }

    #[test]
    fn every_single_substitution_is_caught() {
        for id in sample_ids() {
            let code = plain(&encode(id).unwrap());
            for position in 0..CODE_LEN {
                for &replacement in ALPHABET {
                    if code[position] == replacement {
                        continue;
                    }
                    let mut typo = code.clone();
                    typo[position] = replacement;
                    let typo = String::from_utf8(typo).unwrap();
                    assert!(
                        matches!(decode(&typo), Err(VoucherError::Typo { .. })),
                        "id {id}: `{typo}` was accepted"
                    );
                }
            }
        }
    }

    #[test]
    fn every_adjacent_swap_is_caught() {
        for id in sample_ids() {
            let code = plain(&encode(id).unwrap());
            for position in 0..CODE_LEN - 1 {
                if code[position] == code[position + 1] {
                    continue;
                }
                let mut typo = code.clone();
                typo.swap(position, position + 1);
                let typo = String::from_utf8(typo).unwrap();
                assert!(
                    matches!(decode(&typo), Err(VoucherError::Typo { .. })),
                    "id {id}: `{typo}` was accepted"
                );
            }
        }
    }

    #[test]
    fn vouchers_serialize_as_their_code() {
        let v = encode(42).unwrap();
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, format!("\"{}\"", v.as_str()));
        let back: Voucher = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
        assert!(serde_json::from_str::<Voucher>("\"0000-0000-00X\"").is_err());
    }

    proptest! {
        #[test]
        fn codes_round_trip(id in 0..ID_LIMIT) {
            let v = encode(id).unwrap();
            prop_assert_eq!(v.as_str().len(), 12);
            prop_assert!(v.as_str().bytes().all(|b| b == b'-' || ALPHABET.contains(&b)));
            prop_assert_eq!(decode(v.as_str()), Ok(id));
            prop_assert_eq!(decode(&v.as_str().to_lowercase()), Ok(id));
            prop_assert_eq!(Voucher::parse(v.as_str()), Ok(v.clone()));
        }

        #[test]
        fn decoding_never_panics(s in "\\PC{0,20}") {
            let _ = decode(&s);
        }
    }
}
