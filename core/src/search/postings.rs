//! Posting lists grouped by a small integer key (a hash bucket or a dense
//! key), built with one counting sort, and a fast hasher for build-time maps.

use std::hash::{BuildHasherDefault, Hasher};

/// Where an indexed character occurs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Posting {
    /// The text it occurs in.
    pub text: u32,
    /// Its byte offset in the index's text buffer.
    pub at: u32,
}

/// Where a Han character with known pinyin occurs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct PinyinPosting {
    /// The text it occurs in.
    pub text: u32,
    /// Its byte offset in the index's text buffer.
    pub at: u32,
    /// Its place in the index's list of syllables, where the syllables of
    /// the characters that follow it come next.
    pub syllable: u32,
}

/// Posting lists for the keys `0..len`, stored back to back.
#[derive(Clone, Debug)]
pub(super) struct Buckets<T> {
    starts: Vec<u32>,
    list: Vec<T>,
}

impl<T> Default for Buckets<T> {
    fn default() -> Self {
        Buckets {
            starts: Vec::new(),
            list: Vec::new(),
        }
    }
}

impl<T: Copy> Buckets<T> {
    /// Groups `items` by `keys` (one per item, each below `len`; others are
    /// dropped). Within a key, items keep their order.
    pub fn build(len: usize, keys: &[u32], items: &[T]) -> Buckets<T> {
        let (starts, order) = group_by_key(len, keys);
        let list = order
            .iter()
            .filter_map(|&i| items.get(i as usize).copied())
            .collect();
        Buckets { starts, list }
    }

    /// The postings of the keys `lo..hi`.
    pub fn range(&self, lo: usize, hi: usize) -> &[T] {
        let start = self.starts.get(lo).copied().unwrap_or(0) as usize;
        let end = self.starts.get(hi).copied().unwrap_or(0) as usize;
        self.list.get(start..end).unwrap_or(&[])
    }

    /// The postings of `key`.
    pub fn get(&self, key: usize) -> &[T] {
        self.range(key, key + 1)
    }
}

/// A counting sort: the positions of `keys` grouped by key (`0..len`,
/// stable within a key), and where each key's group starts (`len + 1`
/// entries). Keys at or past `len` are dropped.
pub(super) fn group_by_key(len: usize, keys: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let mut starts = vec![0u32; len + 1];
    for &key in keys {
        if let Some(count) = starts.get_mut(key as usize + 1) {
            *count += 1;
        }
    }
    let mut total = 0;
    for start in starts.iter_mut() {
        total += *start;
        *start = total;
    }
    let mut next = starts.clone();
    let mut order = vec![0u32; total as usize];
    for (i, &key) in keys.iter().enumerate() {
        if let Some(slot) = next.get_mut(key as usize) {
            if let Some(place) = order.get_mut(*slot as usize) {
                *place = i as u32;
                *slot += 1;
            }
        }
    }
    (starts, order)
}

/// Sorts ids by `order`; the one sort the index needs, so it is compiled
/// once.
pub(super) fn sort_ids(ids: &mut [u32], order: &dyn Fn(u32, u32) -> std::cmp::Ordering) {
    ids.sort_unstable_by(|a, b| order(*a, *b));
}

/// How many hash-bucket bits suit `n` entries: about two per bucket, from
/// 64 to 65,536 buckets.
pub(super) fn bucket_bits(n: usize) -> u32 {
    (usize::BITS - (n / 2).leading_zeros()).clamp(6, 16)
}

/// The bucket of `value` among `1 << bits`.
pub(super) fn bucket(value: u64, bits: u32) -> u32 {
    let mixed = value.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - bits)) as u32
}

/// A fast, non-cryptographic hasher for the index's build-time maps.
pub(crate) type FastBuild = BuildHasherDefault<FastHasher>;

/// See [`FastBuild`].
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (slot, b) in word.iter_mut().zip(rest) {
                *slot = *b;
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
