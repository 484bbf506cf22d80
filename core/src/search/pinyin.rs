//! Toneless pinyin of Han characters and the matching of typed pinyin
//! (full syllables, initials, or a mix, the last syllable possibly cut
//! short) against runs of Han text.
//!
//! The table is generated at build time (see `build.rs`): the GB2312 Han
//! characters, each with its most common reading.

include!(concat!(env!("OUT_DIR"), "/pinyin_table.rs"));

/// Toneless pinyin of one Han character, if known (e.g. '助' → "zhu").
///
/// Known characters are those of GB2312 (everyday simplified Chinese); a
/// character with several readings gets its most common one. Syllables are
/// lowercase ASCII, with `ü` written `v` (`绿` → "lv").
pub fn pinyin_of(c: char) -> Option<&'static str> {
    syllable(usize::from(syllable_index(c)?))
}

/// Letters in a key of the initials index: 26 letters and "no character".
pub(super) const KEY_LETTERS: u32 = 27;
/// How many characters an initials key spans.
pub(super) const KEY_CHARS: u32 = 3;
/// The number of distinct initials keys.
pub(super) const KEY_SPACE: usize = (KEY_LETTERS * KEY_LETTERS * KEY_LETTERS) as usize;
/// The longest pinyin query atom that is matched as pinyin.
pub(super) const MAX_QUERY: usize = 63;

/// The initials-index letter code of the first letter of syllable `index`
/// (1 for `a`).
pub(super) fn letter_code(index: u16) -> u32 {
    match syllable(usize::from(index)).and_then(|s| s.as_bytes().first()) {
        Some(b) if b.is_ascii_lowercase() => u32::from(b - b'a') + 1,
        _ => 0,
    }
}

/// The ranges of initials keys under which every match of `query` (ASCII
/// lowercase letters) must be indexed, sorted and disjoint.
pub(super) fn key_ranges(query: &[u8]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    plan(query, 0, 0, 0, &mut ranges);
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        let at = merged.partition_point(|r| r.0 < lo);
        merged.insert(at, (lo, hi));
    }
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(merged.len());
    for (lo, hi) in merged {
        match out.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

/// Ends a run in a list of syllable indices.
pub(super) const END_OF_RUN: u16 = u16::MAX;

/// How typed pinyin matched a run of Han characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PinyinMatch {
    /// How many characters matched. Every character in the table is in
    /// U+4E00..U+9FFF, so each takes three bytes in UTF-8.
    pub chars: usize,
    /// Every character but the last was typed as its full syllable.
    pub full: bool,
    /// The last character was typed in full too.
    pub complete: bool,
}

/// The UTF-8 length of every character in the table.
pub(super) const CHAR_BYTES: usize = 3;

/// Matches `query` (ASCII lowercase letters, at most [`MAX_QUERY`]) against
/// the start of a run of Han characters, given as syllable indices (see
/// [`syllable_index`]) up to [`END_OF_RUN`] or the end of `run`.
///
/// Each character is typed as its full syllable, its first letter, or its
/// initial `zh`/`ch`/`sh`; the last one may be any prefix of its syllable.
/// The best match wins: full syllables over initials, then the shortest.
pub(super) fn match_start(query: &[u8], run: &[u16]) -> Option<PinyinMatch> {
    let n = query.len();
    if n == 0 || n > MAX_QUERY {
        return None;
    }
    let limit: u64 = (1u64 << n) - 1;
    // Bit `i` set: the query's first `i` letters are consumed so far.
    let mut any: u64 = 1;
    let mut full: u64 = 1;
    let mut best: Option<(u8, PinyinMatch)> = None;
    for (k, &index) in run.iter().enumerate() {
        let Some(syllable) = syllable(usize::from(index)).map(str::as_bytes) else {
            break;
        };
        let (mut next_any, mut next_full) = (0u64, 0u64);
        let mut bits = any;
        while bits != 0 {
            let at = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let Some(rest) = query.get(at..) else {
                continue;
            };
            let on_full = full >> at & 1 == 1;
            if !rest.is_empty() && has_prefix(syllable, rest) {
                let found = PinyinMatch {
                    chars: k + 1,
                    full: on_full,
                    complete: rest.len() == syllable.len(),
                };
                let rank = u8::from(found.full) * 2 + u8::from(found.full && found.complete);
                if best.is_none_or(|(r, _)| rank > r) {
                    best = Some((rank, found));
                }
                continue;
            }
            if rest.len() > syllable.len() && has_prefix(rest, syllable) {
                next_any |= 1 << (at + syllable.len());
                if on_full {
                    next_full |= 1 << (at + syllable.len());
                }
            }
            if syllable.len() > 1 && rest.first() == syllable.first() && rest.len() > 1 {
                next_any |= 1 << (at + 1);
            }
            if syllable.len() > 2
                && syllable.get(1) == Some(&b'h')
                && rest.get(..2) == syllable.get(..2)
            {
                next_any |= 1 << (at + 2);
            }
        }
        any = next_any & limit;
        full = next_full & limit;
        if any == 0 {
            break;
        }
    }
    best.map(|(_, m)| m)
}

/// Adds the key ranges for matches of `query` from byte `at` on, starting
/// at character `depth` of the key, with `key` holding the letters of the
/// characters before.
fn plan(query: &[u8], at: usize, depth: u32, key: usize, ranges: &mut Vec<(usize, usize)>) {
    if depth == KEY_CHARS {
        ranges.push((key, key + 1));
        return;
    }
    let Some(rest) = query.get(at..).filter(|r| !r.is_empty()) else {
        // The query ends here: any characters (or none) may follow.
        let span = KEY_LETTERS.pow(KEY_CHARS - depth) as usize;
        ranges.push((key * span, (key + 1) * span));
        return;
    };
    let Some(&first) = rest.first() else {
        return;
    };
    if !first.is_ascii_lowercase() || !is_syllable_prefix(std::slice::from_ref(&first)) {
        return;
    }
    let key = key * KEY_LETTERS as usize + (u32::from(first - b'a') + 1) as usize;
    // Bit `n` set: the character may take the next `n` letters.
    let mut steps: u64 = 1 << 1;
    if is_syllable_prefix(rest) {
        steps |= 1 << rest.len();
    }
    if rest.get(1) == Some(&b'h') && matches!(first, b'z' | b'c' | b's') {
        steps |= 1 << 2;
    }
    for n in 2..=rest.len().min(6) {
        if rest.get(..n).is_some_and(is_syllable) {
            steps |= 1 << n;
        }
    }
    while steps != 0 {
        let n = steps.trailing_zeros() as usize;
        steps &= steps - 1;
        plan(query, at + n, depth + 1, key, ranges);
    }
}

/// Whether `s` starts with `prefix`; for the short slices here, cheaper
/// than a call to `memcmp`.
fn has_prefix(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s.iter().zip(prefix).all(|(a, b)| a == b)
}

/// Whether `s` is one of the syllables.
fn is_syllable(s: &[u8]) -> bool {
    syllable(lower_bound(s)).is_some_and(|found| found.as_bytes() == s)
}

/// Whether some syllable starts with `s`.
fn is_syllable_prefix(s: &[u8]) -> bool {
    syllable(lower_bound(s)).is_some_and(|found| found.as_bytes().starts_with(s))
}

/// The index of the first syllable not less than `s`.
fn lower_bound(s: &[u8]) -> usize {
    let (mut lo, mut hi) = (0, SYLLABLE_ENDS.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if syllable(mid).is_some_and(|m| m.as_bytes() < s) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The syllable with index `index` in the sorted list.
fn syllable(index: usize) -> Option<&'static str> {
    let end = usize::from(*SYLLABLE_ENDS.get(index)?);
    let start = match index.checked_sub(1) {
        Some(prev) => usize::from(*SYLLABLE_ENDS.get(prev)?),
        None => 0,
    };
    SYLLABLES.get(start..end)
}

/// The syllable index of `c` in the table, if it is there.
pub(super) fn syllable_index(c: char) -> Option<u16> {
    let offset = usize::try_from(u32::from(c).checked_sub(HAN_FIRST)?).ok()?;
    let word_at = offset / 64;
    let word = *HAN_BITS.get(word_at)?;
    let bit = offset % 64;
    if word >> bit & 1 == 0 {
        return None;
    }
    let block = word_at / RANK_BLOCK;
    let mut rank = usize::from(*HAN_RANKS.get(block)?);
    for w in HAN_BITS.get(block * RANK_BLOCK..word_at)? {
        rank += w.count_ones() as usize;
    }
    rank += (word & ((1u64 << bit) - 1)).count_ones() as usize;
    if rank >= HAN_CHARS {
        return None;
    }
    let at = rank * SYLLABLE_BITS;
    let &[a, b, c] = HAN_SYLLABLES.get(at / 8..at / 8 + 3)? else {
        return None;
    };
    let raw = u32::from_le_bytes([a, b, c, 0]) >> (at % 8);
    u16::try_from(raw & ((1 << SYLLABLE_BITS) - 1)).ok()
}
