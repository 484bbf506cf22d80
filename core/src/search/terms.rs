//! The sorted dictionary of words with their postings: prefix look-up and
//! a typo-tolerant walk that treats the sorted list as a trie.

use super::postings::{group_by_key, sort_ids};

/// The word starts its text.
pub(super) const FIRST: u32 = 1;
/// The word is its whole text.
pub(super) const ONLY: u32 = 2;
const FLAG_BITS: u32 = 2;
/// Text ids must stay below this to pack with the flags into a `u32`.
pub(super) const MAX_TEXTS: usize = 1 << (u32::BITS - FLAG_BITS);

/// The longest word (in characters) that is looked up with typos.
pub(super) const MAX_FUZZY: usize = 32;

/// Distinct words in byte order, each with the texts it occurs in.
#[derive(Clone, Debug, Default)]
pub(super) struct Terms {
    text: String,
    ends: Vec<u32>,
    starts: Vec<u32>,
    list: Vec<u32>,
}

impl Terms {
    /// Builds the dictionary from `words` (term id → word) and
    /// `occurrences` (term id, text, flags), in text order.
    pub fn build(words: &[&str], occurrences: &[(u32, u32, u32)]) -> Terms {
        let word = |id: u32| words.get(id as usize).copied().unwrap_or("");
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        sort_ids(&mut order, &|a, b| word(a).cmp(word(b)));
        let mut rank = vec![0u32; words.len()];
        let mut text = String::new();
        let mut ends = Vec::with_capacity(words.len());
        for (r, &id) in order.iter().enumerate() {
            if let Some(slot) = rank.get_mut(id as usize) {
                *slot = r as u32;
            }
            text.push_str(word(id));
            ends.push(text.len() as u32);
        }

        let keys: Vec<u32> = occurrences
            .iter()
            .map(|&(id, _, _)| rank.get(id as usize).copied().unwrap_or(u32::MAX))
            .collect();
        let (starts, positions) = group_by_key(words.len(), &keys);
        let sorted: Vec<u32> = positions
            .iter()
            .filter_map(|&i| occurrences.get(i as usize))
            .map(|&(_, text_id, flags)| text_id << FLAG_BITS | flags)
            .collect();

        // One entry per (term, text), with the flags of all occurrences.
        let mut list = Vec::with_capacity(sorted.len());
        let mut new_starts = Vec::with_capacity(starts.len());
        new_starts.push(0);
        for window in starts.windows(2) {
            let &[lo, hi] = window else {
                continue;
            };
            let first_new = list.len();
            for &entry in sorted.get(lo as usize..hi as usize).unwrap_or(&[]) {
                let same_text = list.len() > first_new
                    && list.last().map(|last| last >> FLAG_BITS) == Some(entry >> FLAG_BITS);
                match list.last_mut() {
                    Some(last) if same_text => *last |= entry,
                    _ => list.push(entry),
                }
            }
            new_starts.push(list.len() as u32);
        }
        Terms {
            text,
            ends,
            starts: new_starts,
            list,
        }
    }

    /// The number of distinct words.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The word with index `i`.
    pub fn term(&self, i: usize) -> &str {
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = match i.checked_sub(1) {
            Some(prev) => self.ends.get(prev).copied().unwrap_or(0) as usize,
            None => 0,
        };
        self.text.get(start..end).unwrap_or("")
    }

    /// The texts word `i` occurs in, with its flags there.
    pub fn entries(&self, i: usize) -> impl Iterator<Item = (u32, u32)> + '_ {
        let lo = self.starts.get(i).copied().unwrap_or(0) as usize;
        let hi = self.starts.get(i + 1).copied().unwrap_or(0) as usize;
        self.list
            .get(lo..hi)
            .unwrap_or(&[])
            .iter()
            .map(|&e| (e >> FLAG_BITS, e & ((1 << FLAG_BITS) - 1)))
    }

    /// The indices of the words that start with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let lo = partition_point(0, self.len(), |i| self.term(i) < prefix);
        let hi = partition_point(lo, self.len(), |i| self.term(i).starts_with(prefix));
        lo..hi
    }

    /// Adds to `found` the indices of the words within one edit (insertion,
    /// deletion, substitution, or swap of neighbours) of `word`, or having a
    /// prefix within one edit of it. `word` has at most [`MAX_FUZZY`]
    /// characters.
    pub fn fuzzy(&self, word: &[char], found: &mut Vec<usize>) {
        let m = word.len();
        if m == 0 || m > MAX_FUZZY {
            return;
        }
        let mut row = [0u8; MAX_FUZZY + 1];
        for (k, cell) in row.iter_mut().enumerate().take(m + 1) {
            *cell = k as u8;
        }
        self.walk(0..self.len(), 0, 0, &row, None, word, found);
    }

    /// Visits the words in `range`, which share their first `depth` bytes
    /// (`chars` characters), with `row` the edit distances of that shared
    /// prefix to each prefix of `word`, and `before` the row and character
    /// one step up.
    ///
    /// Only distances of at most one matter, and the distance between
    /// prefixes of `i` and `k` characters is at least `|i - k|`: so only the
    /// cells with `k` within one of the prefix's length are computed, and
    /// the others are left as far as can be. A cell of at most one depends
    /// only on cells of at most one, so every decision is the same as with
    /// the whole row.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        range: std::ops::Range<usize>,
        depth: usize,
        chars: usize,
        row: &[u8; MAX_FUZZY + 1],
        before: Option<(&[u8; MAX_FUZZY + 1], char)>,
        word: &[char],
        found: &mut Vec<usize>,
    ) {
        let m = word.len();
        let mut i = range.start;
        while i < range.end {
            let term = self.term(i);
            let Some(c) = term.get(depth..).and_then(|rest| rest.chars().next()) else {
                i += 1;
                continue;
            };
            let end = depth + c.len_utf8();
            let key = term.get(depth..end);
            // The words that go on with `c`; an ASCII `c` is one byte, so
            // comparing that byte is enough.
            let j = if c.is_ascii() {
                let byte = Some(&(c as u8));
                partition_point(i, range.end, |k| self.term(k).as_bytes().get(depth) == byte)
            } else {
                partition_point(i, range.end, |k| self.term(k).get(depth..end) == key)
            };

            let mut next = [u8::MAX; MAX_FUZZY + 1];
            next[0] = at(row, 0).saturating_add(1);
            let mut lowest = next[0];
            // This row is for a prefix of `chars + 1` characters.
            for k in chars.max(1)..=(chars + 2).min(m).min(MAX_FUZZY) {
                let cost = u8::from(word.get(k - 1) != Some(&c));
                let mut cell = (at(row, k - 1).saturating_add(cost))
                    .min(at(row, k).saturating_add(1))
                    .min(at(&next, k - 1).saturating_add(1));
                if let Some((above, prev)) = before {
                    if k >= 2 && word.get(k - 1) == Some(&prev) && word.get(k - 2) == Some(&c) {
                        cell = cell.min(at(above, k - 2).saturating_add(1));
                    }
                }
                if let Some(slot) = next.get_mut(k) {
                    *slot = cell;
                }
                lowest = lowest.min(cell);
            }
            if at(&next, m) <= 1 {
                found.extend(i..j);
            } else if lowest <= 1 {
                self.walk(i..j, end, chars + 1, &next, Some((row, c)), word, found);
            }
            i = j;
        }
    }
}

/// The first index in `lo..hi` where `pred` is false, given that it is true
/// before that index and false from it on.
fn partition_point(mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Cell `k` of an edit-distance row; past the end, as far as can be.
fn at(row: &[u8], k: usize) -> u8 {
    row.get(k).copied().unwrap_or(u8::MAX)
}
