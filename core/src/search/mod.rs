//! Service search over names, keywords, categories, organisations and
//! summaries, in every locale the feed carries.
//!
//! A query is normalised (case, full-width forms, whitespace) and split into
//! atoms: runs of Han characters and runs of letters or digits. Every atom
//! must match somewhere in a service:
//!
//! - Han runs match as substrings;
//! - words match English words by prefix, with one typo allowed for words
//!   of five letters or more;
//! - words of plain letters also match Han text by pinyin: full syllables
//!   (`zhucan`), initials (`zc`) or a mix, the last syllable possibly cut
//!   short (`zhuc`).
//!
//! Ranking: an exact name first, then a name that starts with or contains
//! the query, then keywords, category, organisation and summary; direct
//! matches above pinyin above typos; texts in the reader's locale a little
//! higher; ties in the order the services were given.
//!
//! Nothing is scanned linearly per query: Han characters and character
//! pairs, pinyin initials of three consecutive characters, and the sorted
//! word list are indexed when the index is built.

mod normalize;
mod pinyin;
mod postings;
mod terms;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};

use normalize::{atoms, is_han, is_word_char, normalize, normalize_into, Atom};
use postings::{bucket, bucket_bits, group_by_key, Buckets, PinyinPosting, Posting};
use terms::Terms;

pub use pinyin::pinyin_of;
pub(crate) use postings::FastBuild;

/// The part of a service a text comes from; it decides how much a match
/// there counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The service's name.
    Name,
    /// One of the service's keywords.
    Keyword,
    /// The name of the service's category.
    Category,
    /// The name of the organisation that provides the service.
    Organization,
    /// The service's summary.
    Summary,
}

/// The searchable texts of one service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchDoc<'a> {
    /// Each text with its field and locale tag (`None` when unknown).
    pub texts: Vec<(Field, Option<&'a str>, &'a str)>,
}

/// A service that matches a query.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// The service's position in the order given to [`SearchIndex::build`].
    pub doc: usize,
    /// How well it matches; higher is better, comparable within one query.
    pub score: f32,
}

/// A page of hits ([`SearchIndex::search_page`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// How many docs match and are kept, on this page or after it.
    pub total: usize,
    /// The best of them, best first.
    pub hits: Vec<Hit>,
}

/// The docs that match a query, with their scores.
struct Matching {
    docs: Vec<u32>,
    /// Each doc's score, by doc.
    scores: Vec<f32>,
}

/// An index over services' texts, built once per feed.
#[derive(Clone, Default)]
pub struct SearchIndex {
    doc_count: usize,
    /// The normalised distinct texts, back to back.
    buf: String,
    /// Text `t` is `buf[text_starts[t]..text_starts[t + 1]]`.
    text_starts: Vec<u32>,
    /// The uses of text `t`, grouped by field and locale, are
    /// `runs[run_starts[t]..run_starts[t + 1]]`.
    run_starts: Vec<u32>,
    runs: Vec<Run>,
    /// The docs of run `r` are `run_docs[r.start..r.end]`.
    run_docs: Vec<u32>,
    /// The name texts of doc `d` are `names[name_starts[d]..name_starts[d + 1]]`.
    name_starts: Vec<u32>,
    names: Vec<u32>,
    /// Locale tags, lowercase; a use refers to one by index.
    locales: Vec<String>,
    /// Han characters, by hash bucket.
    han1: Buckets<Posting>,
    han1_bits: u32,
    /// Pairs of neighbouring Han characters (at the first one), by hash bucket.
    han2: Buckets<Posting>,
    han2_bits: u32,
    /// Han characters by the pinyin initials of them and the next two.
    initials: Buckets<PinyinPosting>,
    /// The syllable indices of the runs of Han characters with known
    /// pinyin, each run followed by `pinyin::END_OF_RUN`.
    syllables: Vec<u16>,
    terms: Terms,
}

/// A [`SearchIndex`] being built a doc at a time, so that a caller can
/// stop between docs ([`crate::catalogue::CatalogueBuilder`]); what it builds
/// does not depend on where it stopped.
pub struct IndexBuilder<'a> {
    index: SearchIndex,
    known: HashMap<Known<'a>, u32, FastBuild>,
    uses: Vec<(u32, Use)>,
    /// Once every doc is in: the texts' indices under way.
    texts: Option<TextIndexer>,
}

impl<'a> IndexBuilder<'a> {
    /// An index of no docs yet.
    pub fn new() -> IndexBuilder<'a> {
        IndexBuilder {
            index: SearchIndex {
                text_starts: vec![0],
                ..SearchIndex::default()
            },
            known: HashMap::default(),
            uses: Vec::new(),
            texts: None,
        }
    }

    /// Adds the next doc, numbered after those added before it.
    pub fn add(&mut self, doc: SearchDoc<'a>) {
        self.add_texts(doc.texts);
    }

    /// Adds the next doc, given as its texts ([`SearchDoc::texts`]).
    pub fn add_texts(
        &mut self,
        texts: impl IntoIterator<Item = (Field, Option<&'a str>, &'a str)>,
    ) {
        let index = &mut self.index;
        let Ok(doc_id) = u32::try_from(index.doc_count) else {
            return;
        };
        index.doc_count += 1;
        for (field, locale, raw) in texts {
            let key = Known {
                hash: FastBuild::default().hash_one(raw),
                text: raw,
            };
            let text = *self.known.entry(key).or_insert_with(|| index.add_text(raw));
            if text == NO_TEXT {
                continue;
            }
            let locale = index.locale_id(locale);
            self.uses.push((
                text,
                Use {
                    doc: doc_id,
                    locale,
                    field,
                },
            ));
        }
    }

    /// Once every doc is added: does about `budget` units of the work on
    /// all of them (grouping the uses is one unit, indexing a few texts
    /// another, then each of the word list and the three lookups); `true`
    /// once it is all done and [`IndexBuilder::finish`] has nothing left.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut left = budget.max(1);
        loop {
            match &mut self.texts {
                None => {
                    self.index.group_uses(&self.uses);
                    self.uses = Vec::new();
                    self.texts = Some(TextIndexer::new(&self.index));
                }
                Some(texts) if texts.next < self.index.text_count() as u32 => {
                    texts.texts(&self.index, left.saturating_mul(TEXTS_PER_UNIT));
                    return false;
                }
                Some(texts) => {
                    if texts.build(&mut self.index) {
                        return true;
                    }
                }
            }
            left -= 1;
            if left == 0 {
                return false;
            }
        }
    }

    /// The index of every doc added, once [`IndexBuilder::step`] has
    /// done its work (or doing the rest of it now).
    pub fn finish(mut self) -> SearchIndex {
        while !self.step(usize::MAX) {}
        self.index
    }
}

/// A raw text as a key of [`IndexBuilder`]'s map of the texts seen, with
/// its hash computed once: growing the map then hashes no text again.
#[derive(Clone, Copy, Debug)]
struct Known<'a> {
    hash: u64,
    text: &'a str,
}

impl PartialEq for Known<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.text == other.text
    }
}

impl Eq for Known<'_> {}

impl Hash for Known<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// How many texts [`IndexBuilder::step`] indexes for a unit of work: about
/// as long as adding a doc.
const TEXTS_PER_UNIT: usize = 4;

impl Default for IndexBuilder<'_> {
    fn default() -> Self {
        IndexBuilder::new()
    }
}

impl SearchIndex {
    /// Builds the index; docs are numbered in the order given. Texts that
    /// are empty after normalisation are ignored.
    pub fn build<'a>(docs: impl IntoIterator<Item = SearchDoc<'a>>) -> SearchIndex {
        let mut builder = IndexBuilder::new();
        for doc in docs {
            builder.add(doc);
        }
        builder.finish()
    }

    /// Matching docs, best first, ties by doc order, at most `limit`.
    /// `locale` boosts texts in that locale. An empty or blank query finds
    /// nothing. Only the first [`MAX_QUERY_CHARS`] characters and the first
    /// eight atoms of a query are used.
    pub fn search(&self, query: &str, locale: Option<&str>, limit: usize) -> Vec<Hit> {
        if limit == 0 {
            return Vec::new();
        }
        self.search_page(query, locale, &|_| true, limit).hits
    }

    /// The first `limit` of the matching docs that `keep` accepts, as
    /// [`SearchIndex::search`] ranks them, with how many it accepts in all.
    /// Only those hits are ranked, so a page of a long list of hits costs
    /// little more than counting them.
    pub fn search_page(
        &self,
        query: &str,
        locale: Option<&str>,
        keep: &dyn Fn(usize) -> bool,
        limit: usize,
    ) -> Page {
        let found = self.matching(query, locale, keep);
        let total = found.docs.len();
        Page {
            total,
            hits: best_hits(found.docs, &found.scores, limit),
        }
    }

    /// Every doc that matches `query` and that `keep` accepts, in no
    /// particular order, with the scores of all docs (by doc).
    fn matching(
        &self,
        query: &str,
        locale: Option<&str>,
        keep: &dyn Fn(usize) -> bool,
    ) -> Matching {
        let none = Matching {
            docs: Vec::new(),
            scores: Vec::new(),
        };
        if self.doc_count == 0 {
            return none;
        }
        let query = normalize(cut(query, MAX_QUERY_CHARS));
        let atoms = atoms(&query, MAX_ATOMS);
        if atoms.is_empty() {
            return none;
        }
        let boosts: Vec<f32> = self
            .locales
            .iter()
            .map(|tag| match locale {
                Some(want) if same_locale(want, tag) => LOCALE_BOOST,
                _ => 1.0,
            })
            .collect();

        let mut grades = Grades::new(self.text_count());
        let mut doc_best = vec![0f32; self.doc_count];
        let mut touched = Vec::new();
        let mut total = vec![0f32; self.doc_count];
        let mut matched = vec![0u8; self.doc_count];
        let mut found = Vec::new();
        // With several atoms, the whole query is compared with names below.
        let single = atoms.len() == 1;
        for (k, atom) in atoms.iter().enumerate() {
            match *atom {
                Atom::Han(han) => self.match_han(han, &mut grades),
                Atom::Word(word) => self.match_word(word, &mut grades),
            }
            for text in std::mem::take(&mut grades.touched) {
                let grade = grades.take(text);
                for run in self.runs_of(text) {
                    let boost = boosts.get(usize::from(run.locale)).copied().unwrap_or(1.0);
                    let mut score = field_weight(run.field) * grade * boost;
                    if single && run.field == Field::Name && grade >= EXACT {
                        score += EXACT_NAME_BONUS;
                    }
                    let docs = self
                        .run_docs
                        .get(run.start as usize..run.end as usize)
                        .unwrap_or(&[]);
                    for &doc in docs {
                        if let Some(best) = doc_best.get_mut(doc as usize) {
                            if *best == 0.0 {
                                touched.push(doc);
                            }
                            if score > *best {
                                *best = score;
                            }
                        }
                    }
                }
            }
            let last = k + 1 == atoms.len();
            let mut advanced = false;
            for doc in touched.drain(..) {
                let d = doc as usize;
                let best = doc_best.get_mut(d).map(std::mem::take).unwrap_or(0.0);
                if let (Some(count), Some(sum)) = (matched.get_mut(d), total.get_mut(d)) {
                    if usize::from(*count) == k {
                        *count += 1;
                        *sum += best;
                        advanced = true;
                        if last {
                            found.push(doc);
                        }
                    }
                }
            }
            if !advanced {
                return none;
            }
        }

        found.retain(|&doc| keep(doc as usize));
        let compact_query = (atoms.len() > 1).then(|| compact(&query));
        if let Some(whole) = &compact_query {
            for &doc in &found {
                let d = doc as usize;
                if self.names_of(d).any(|t| compacts_to(self.text(t), whole)) {
                    if let Some(score) = total.get_mut(d) {
                        *score += EXACT_NAME_BONUS;
                    }
                }
            }
        }
        Matching {
            docs: found,
            scores: total,
        }
    }
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("docs", &self.doc_count)
            .field("texts", &self.text_count())
            .field("words", &self.terms.len())
            .finish_non_exhaustive()
    }
}

/// The most characters of a query that are searched for; the rest is
/// ignored. Nobody types more into a search box, and a pasted page must not
/// cost a typo search per word of it.
pub const MAX_QUERY_CHARS: usize = 200;

/// The first `max` characters of `s`.
fn cut(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((end, _)) => s.get(..end).unwrap_or(s),
        None => s,
    }
}

/// Marks a raw text that normalises to nothing.
const NO_TEXT: u32 = u32::MAX;
/// Marks a use whose locale is unknown.
const NO_LOCALE: u16 = u16::MAX;
/// Atoms past this many are ignored.
const MAX_ATOMS: usize = 8;
/// Han pairs of a query atom considered when choosing the rarest.
const MAX_PAIRS: usize = 64;
/// Words this long or longer (in characters) are looked up with one typo.
const FUZZY_MIN: usize = 5;

// A text's grade for an atom is its place factor times its kind factor, in
// (0, 1]; exactly 1 only when the atom is the whole text (typed as is, or
// as its full pinyin). A doc's score for an atom is the best, over its
// texts, of field weight times grade times locale boost, plus the exact-name
// bonus for an exact name; its score for the query is the sum over atoms.

/// The grade of an atom that is the whole text.
const EXACT: f32 = 1.0;
/// Place factor: the match is the whole text.
const WHOLE: f32 = 1.0;
/// Place factor: the match starts the text.
const PREFIX: f32 = 0.8;
/// Place factor: the match starts a word or a run of Han characters.
const WORD_START: f32 = 0.7;
/// Place factor: the match is inside a run of Han characters.
const INSIDE: f32 = 0.5;
/// Kind factor: the word is the start of a longer word.
const WORD_PREFIX: f32 = 0.9;
/// Kind factor: the word matched with one typo.
const TYPO: f32 = 0.6;
/// Kind factor: pinyin in full syllables.
const PINYIN_FULL: f32 = 0.9;
/// Kind factor: pinyin in full syllables, the last one cut short.
const PINYIN_CUT: f32 = 0.85;
/// Kind factor: pinyin with initials for some characters.
const PINYIN_INITIALS: f32 = 0.75;

/// The factor for texts in the reader's locale.
const LOCALE_BOOST: f32 = 1.25;
/// Added for a name that is exactly the query, so it ranks first.
const EXACT_NAME_BONUS: f32 = 1000.0;

/// How much a match in `field` counts. A name match anywhere (at least 50)
/// outweighs a whole keyword (45), and so on down the fields.
fn field_weight(field: Field) -> f32 {
    match field {
        Field::Name => 100.0,
        Field::Keyword => 45.0,
        Field::Category => 30.0,
        Field::Organization => 22.0,
        Field::Summary => 15.0,
    }
}

/// One appearance of a text in a doc.
#[derive(Clone, Copy, Debug)]
struct Use {
    doc: u32,
    locale: u16,
    field: Field,
}

/// Docs in which a text is used in the same field and locale: the docs
/// are `run_docs[start..end]` of the index.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: u32,
    end: u32,
    field: Field,
    locale: u16,
}

/// Up to this limit, the best hits are kept in order as docs are offered;
/// past it, the best are selected from all docs, then sorted.
const SMALL_LIMIT: usize = 32;

/// The best `limit` of `docs` as hits, best first: higher score, then
/// earlier doc.
fn best_hits(mut docs: Vec<u32>, scores: &[f32], limit: usize) -> Vec<Hit> {
    let score = |doc: u32| scores.get(doc as usize).copied().unwrap_or(0.0);
    let order = |a: u32, b: u32| score(b).total_cmp(&score(a)).then(a.cmp(&b));
    if limit > SMALL_LIMIT {
        // Sorting plain keys is several times faster than sorting ids by
        // a comparison that looks their scores up; and only the keys that
        // make the cut are sorted.
        let mut keys: Vec<u64> = docs.iter().map(|&doc| rank_key(score(doc), doc)).collect();
        if limit < keys.len() {
            keys.select_nth_unstable(limit);
            keys.truncate(limit);
        }
        keys.sort_unstable();
        docs = keys.into_iter().map(|key| key as u32).collect();
    } else {
        let mut best: Vec<u32> = Vec::with_capacity(limit + 1);
        for doc in docs {
            let full = best.len() >= limit;
            if full && best.last().is_none_or(|&worst| order(doc, worst).is_ge()) {
                continue;
            }
            let at = best.partition_point(|&b| order(b, doc).is_lt());
            best.insert(at, doc);
            if full {
                best.pop();
            }
        }
        docs = best;
    }
    docs.into_iter()
        .map(|doc| Hit {
            doc: doc as usize,
            score: score(doc),
        })
        .collect()
}

/// A key that sorts as `best_hits` orders docs: higher score first (in
/// `f32::total_cmp`'s order), then earlier doc.
fn rank_key(score: f32, doc: u32) -> u64 {
    let bits = score.to_bits();
    // As unsigned numbers, these are in total_cmp's order, lowest first.
    let ascending = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    };
    u64::from(!ascending) << 32 | u64::from(doc)
}

/// The best grade of each text for the current atom.
struct Grades {
    grade: Vec<f32>,
    touched: Vec<u32>,
}

impl Grades {
    fn new(texts: usize) -> Grades {
        Grades {
            grade: vec![0.0; texts],
            touched: Vec::new(),
        }
    }

    fn add(&mut self, text: u32, grade: f32) {
        if let Some(slot) = self.grade.get_mut(text as usize) {
            if *slot == 0.0 {
                self.touched.push(text);
            }
            if grade > *slot {
                *slot = grade;
            }
        }
    }

    fn take(&mut self, text: u32) -> f32 {
        self.grade
            .get_mut(text as usize)
            .map(std::mem::take)
            .unwrap_or(0.0)
    }
}

impl SearchIndex {
    fn text_count(&self) -> usize {
        self.text_starts.len().saturating_sub(1)
    }

    /// The byte range of text `t` in `buf`.
    fn bounds(&self, t: u32) -> (usize, usize) {
        let t = t as usize;
        let start = self.text_starts.get(t).copied().unwrap_or(0) as usize;
        let end = self.text_starts.get(t + 1).copied().unwrap_or(0) as usize;
        (start, end.max(start))
    }

    fn text(&self, t: u32) -> &str {
        let (start, end) = self.bounds(t);
        self.buf.get(start..end).unwrap_or("")
    }

    fn runs_of(&self, t: u32) -> &[Run] {
        let t = t as usize;
        let lo = self.run_starts.get(t).copied().unwrap_or(0) as usize;
        let hi = self.run_starts.get(t + 1).copied().unwrap_or(0) as usize;
        self.runs.get(lo..hi).unwrap_or(&[])
    }

    fn names_of(&self, d: usize) -> impl Iterator<Item = u32> + '_ {
        let lo = self.name_starts.get(d).copied().unwrap_or(0) as usize;
        let hi = self.name_starts.get(d + 1).copied().unwrap_or(0) as usize;
        self.names.get(lo..hi).unwrap_or(&[]).iter().copied()
    }

    /// Normalises `raw` into the buffer as a new text and returns its id,
    /// or [`NO_TEXT`] when nothing is left of it (or the index is full: 4 GiB
    /// of text or 2^30 texts).
    fn add_text(&mut self, raw: &str) -> u32 {
        let before = self.buf.len();
        normalize_into(raw, &mut self.buf);
        let id = self.text_count();
        match u32::try_from(self.buf.len()) {
            Ok(end) if self.buf.len() > before && id < terms::MAX_TEXTS => {
                self.text_starts.push(end);
                id as u32
            }
            _ => {
                self.buf.truncate(before);
                NO_TEXT
            }
        }
    }

    fn locale_id(&mut self, locale: Option<&str>) -> u16 {
        let Some(tag) = locale else {
            return NO_LOCALE;
        };
        if let Some(i) = self
            .locales
            .iter()
            .position(|known| known.eq_ignore_ascii_case(tag))
        {
            return u16::try_from(i).unwrap_or(NO_LOCALE);
        }
        match u16::try_from(self.locales.len()) {
            Ok(i) if i != NO_LOCALE => {
                self.locales.push(tag.to_ascii_lowercase());
                i
            }
            _ => NO_LOCALE,
        }
    }

    /// Groups the uses by text, then in runs of one field and locale, and
    /// the name texts by doc.
    fn group_uses(&mut self, uses: &[(u32, Use)]) {
        let (starts, mut grouped) = group(self.text_count(), uses);
        let kind = |u: &Use| (u.field as u8, u.locale);
        self.run_starts = Vec::with_capacity(starts.len());
        self.run_starts.push(0);
        self.runs = Vec::new();
        self.run_docs = Vec::with_capacity(grouped.len());
        for window in starts.windows(2) {
            let &[lo, hi] = window else {
                continue;
            };
            let Some(text_uses) = grouped.get_mut(lo as usize..hi as usize) else {
                continue;
            };
            if !text_uses.is_sorted_by_key(kind) {
                text_uses.sort_by_key(kind);
            }
            let first_run = self.runs.len();
            for u in text_uses.iter() {
                let end = self.run_docs.len() as u32;
                let ours = self.runs.len() > first_run;
                match self.runs.last_mut() {
                    Some(run) if ours && (run.field, run.locale) == (u.field, u.locale) => {
                        run.end = end + 1;
                    }
                    _ => self.runs.push(Run {
                        start: end,
                        end: end + 1,
                        field: u.field,
                        locale: u.locale,
                    }),
                }
                self.run_docs.push(u.doc);
            }
            self.run_starts.push(self.runs.len() as u32);
        }
        let names: Vec<(u32, u32)> = uses
            .iter()
            .filter(|(_, u)| u.field == Field::Name)
            .map(|&(text, u)| (u.doc, text))
            .collect();
        let (starts, grouped) = group(self.doc_count, &names);
        self.name_starts = starts;
        self.names = grouped;
    }

    /// Grades the texts that contain the Han run `atom`.
    fn match_han(&self, atom: &str, grades: &mut Grades) {
        let chars: Vec<(usize, char)> = atom.char_indices().take(MAX_PAIRS + 1).collect();
        let (candidates, back) = match chars.as_slice() {
            [] => return,
            [(_, c)] => (
                self.han1
                    .get(bucket(u64::from(*c), self.han1_bits) as usize),
                0,
            ),
            _ => chars
                .windows(2)
                .filter_map(|w| match w {
                    [(at, a), (_, b)] => Some((
                        self.han2.get(bucket(pair(*a, *b), self.han2_bits) as usize),
                        *at,
                    )),
                    _ => None,
                })
                .min_by_key(|(list, _)| list.len())
                .unwrap_or((&[], 0)),
        };
        for p in candidates {
            let Some(start) = (p.at as usize).checked_sub(back) else {
                continue;
            };
            let (ts, te) = self.bounds(p.text);
            let end = start + atom.len();
            if start < ts || end > te || self.buf.get(start..end) != Some(atom) {
                continue;
            }
            let grade = self.place(p.text, start, end, is_han);
            grades.add(p.text, grade);
        }
    }

    /// Grades the texts that match the word `atom`: English words by prefix
    /// or with a typo, Han text by pinyin.
    fn match_word(&self, atom: &str, grades: &mut Grades) {
        let range = self.terms.prefix_range(atom);
        for i in range.clone() {
            let exact = self.terms.term(i).len() == atom.len();
            for (text, flags) in self.terms.entries(i) {
                let grade = match (exact, flags & terms::ONLY != 0, flags & terms::FIRST != 0) {
                    (true, true, _) => EXACT,
                    (true, false, true) => PREFIX,
                    (true, false, false) => WORD_START,
                    (false, _, true) => PREFIX * WORD_PREFIX,
                    (false, _, false) => WORD_START * WORD_PREFIX,
                };
                grades.add(text, grade);
            }
        }

        let chars: Vec<char> = atom.chars().take(terms::MAX_FUZZY + 1).collect();
        if (FUZZY_MIN..=terms::MAX_FUZZY).contains(&chars.len())
            && chars.iter().all(|c| c.is_alphabetic())
        {
            let mut found = Vec::new();
            self.terms.fuzzy(&chars, &mut found);
            for i in found.into_iter().filter(|i| !range.contains(i)) {
                for (text, flags) in self.terms.entries(i) {
                    let place = if flags & terms::ONLY != 0 {
                        WHOLE
                    } else if flags & terms::FIRST != 0 {
                        PREFIX
                    } else {
                        WORD_START
                    };
                    grades.add(text, place * TYPO);
                }
            }
        }

        let bytes = atom.as_bytes();
        if (2..=pinyin::MAX_QUERY).contains(&bytes.len())
            && bytes.iter().all(u8::is_ascii_lowercase)
        {
            self.match_pinyin(bytes, grades);
        }
    }

    /// Grades the texts whose Han runs match the typed pinyin `atom`.
    fn match_pinyin(&self, atom: &[u8], grades: &mut Grades) {
        for (lo, hi) in pinyin::key_ranges(atom) {
            for p in self.initials.range(lo, hi) {
                let Some(m) = self
                    .syllables
                    .get(p.syllable as usize..)
                    .and_then(|run| pinyin::match_start(atom, run))
                else {
                    continue;
                };
                let at = p.at as usize;
                let end = at + m.chars * pinyin::CHAR_BYTES;
                let place = self.place(p.text, at, end, is_han);
                let grade = match (m.full, m.complete) {
                    (true, true) if place >= WHOLE => EXACT,
                    (true, true) => place * PINYIN_FULL,
                    (true, false) => place * PINYIN_CUT,
                    (false, _) => place * PINYIN_INITIALS,
                };
                grades.add(p.text, grade);
            }
        }
    }

    /// How good a match at `start..end` of text `t` is by its place: the
    /// whole text, its start, the start of a run of `same` characters, or
    /// inside one.
    fn place(&self, t: u32, start: usize, end: usize, same: fn(char) -> bool) -> f32 {
        let (ts, te) = self.bounds(t);
        if start == ts {
            return if end == te { WHOLE } else { PREFIX };
        }
        let before = self
            .buf
            .get(ts..start)
            .and_then(|head| head.chars().next_back());
        if before.is_some_and(same) {
            INSIDE
        } else {
            WORD_START
        }
    }
}

/// Groups the values of `items` (key, value) by key `0..len`; returns where
/// each key's group starts (`len + 1` entries) and the values, in their
/// original order within a key.
fn group<T: Copy>(len: usize, items: &[(u32, T)]) -> (Vec<u32>, Vec<T>) {
    let keys: Vec<u32> = items.iter().map(|&(key, _)| key).collect();
    let (starts, order) = group_by_key(len, &keys);
    let values = order
        .iter()
        .filter_map(|&i| items.get(i as usize).map(|&(_, value)| value))
        .collect();
    (starts, values)
}

/// The hash input for a pair of neighbouring characters.
fn pair(a: char, b: char) -> u64 {
    u64::from(a) << 32 | u64::from(b)
}

/// Hash buckets, among `1 << bits`, for hash inputs.
fn hashed(values: &[u64], bits: u32) -> Vec<u32> {
    values.iter().map(|&value| bucket(value, bits)).collect()
}

/// The character, initials and word indices over an index's texts, built
/// a number of texts at a time ([`IndexBuilder::step`]).
struct TextIndexer {
    /// The next text to index.
    next: u32,
    han1: Vec<Posting>,
    han1_keys: Vec<u64>,
    han2: Vec<Posting>,
    han2_keys: Vec<u64>,
    initials: Initials,
    /// Each distinct word as its first place in the index's `buf`.
    words: Vec<(usize, usize)>,
    /// Word ids by [`short_word`] key, and of longer words by word.
    short_ids: HashMap<u128, u32, FastBuild>,
    long_ids: HashMap<Box<str>, u32, FastBuild>,
    occurrences: Vec<(u32, u32, u32)>,
    run: Vec<(u32, u16)>,
    /// How many of the word list and the three lookups are built.
    built: u8,
}

impl TextIndexer {
    fn new(index: &SearchIndex) -> TextIndexer {
        // A Han character takes three bytes: this bounds how many there are.
        let most = index.buf.len() / 3;
        TextIndexer {
            next: 0,
            han1: Vec::with_capacity(most),
            han1_keys: Vec::with_capacity(most),
            han2: Vec::with_capacity(most),
            han2_keys: Vec::with_capacity(most),
            initials: Initials {
                keys: Vec::with_capacity(most),
                postings: Vec::with_capacity(most),
                syllables: Vec::with_capacity(most),
            },
            words: Vec::new(),
            short_ids: HashMap::default(),
            long_ids: HashMap::default(),
            occurrences: Vec::with_capacity(index.buf.len() / 8),
            run: Vec::new(),
            built: 0,
        }
    }

    /// Indexes up to `count` more texts.
    fn texts(&mut self, index: &SearchIndex, count: usize) {
        let total = index.text_count() as u32;
        let end = u32::try_from(count)
            .map_or(total, |c| self.next.saturating_add(c))
            .min(total);
        for t in self.next..end {
            self.text(index, t);
        }
        self.next = end;
    }

    fn text(&mut self, index: &SearchIndex, t: u32) {
        let (start, end) = index.bounds(t);
        let text = index.buf.get(start..end).unwrap_or("");
        if text.is_ascii() {
            self.ascii_words(text, start, t);
            return;
        }
        let mut previous: Option<(char, u32)> = None;
        let mut word_start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let at = (start + i) as u32;
            // ASCII is never Han: it only ends a run, or is part of a word.
            let han = !c.is_ascii() && is_han(c);
            if han {
                self.han1_keys.push(u64::from(c));
                self.han1.push(Posting { text: t, at });
                if let Some((p, p_at)) = previous {
                    self.han2_keys.push(pair(p, c));
                    self.han2.push(Posting { text: t, at: p_at });
                }
                previous = Some((c, at));
                match pinyin::syllable_index(c) {
                    Some(syllable) => self.run.push((at, syllable)),
                    None => flush_run(t, &mut self.run, &mut self.initials),
                }
            } else {
                previous = None;
                flush_run(t, &mut self.run, &mut self.initials);
            }
            let in_word = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                !han && is_word_char(c)
            };
            match (word_start, in_word) {
                (None, true) => word_start = Some(i),
                (Some(ws), false) => {
                    self.word(text, start, t, ws, i);
                    word_start = None;
                }
                _ => {}
            }
        }
        flush_run(t, &mut self.run, &mut self.initials);
        if let Some(ws) = word_start {
            self.word(text, start, t, ws, text.len());
        }
    }

    /// Records the words of text `t`, all ASCII (so without Han
    /// characters), which begins at `offset` in the index's `buf`.
    fn ascii_words(&mut self, text: &str, offset: usize, t: u32) {
        let mut word_start: Option<usize> = None;
        for (i, b) in text.bytes().enumerate() {
            match (word_start, b.is_ascii_alphanumeric()) {
                (None, true) => word_start = Some(i),
                (Some(ws), false) => {
                    self.word(text, offset, t, ws, i);
                    word_start = None;
                }
                _ => {}
            }
        }
        if let Some(ws) = word_start {
            self.word(text, offset, t, ws, text.len());
        }
    }

    /// Records the word `text[start..end]` of text `t`, which begins at
    /// `offset` in the index's `buf`.
    fn word(&mut self, text: &str, offset: usize, t: u32, start: usize, end: usize) {
        let Some(word) = text.get(start..end) else {
            return;
        };
        let next = self.words.len() as u32;
        let id = match short_word(word) {
            Some(key) => *self.short_ids.entry(key).or_insert(next),
            None => match self.long_ids.get(word) {
                Some(&id) => id,
                None => {
                    self.long_ids.insert(word.into(), next);
                    next
                }
            },
        };
        if id == next {
            self.words.push((offset + start, offset + end));
        }
        let mut flags = 0;
        if start == 0 {
            flags |= terms::FIRST;
            if end == text.len() {
                flags |= terms::ONLY;
            }
        }
        self.occurrences.push((id, t, flags));
    }

    /// Once every text is in, builds the next of the word list and the
    /// three lookups; `true` once all four are in the index.
    fn build(&mut self, index: &mut SearchIndex) -> bool {
        match self.built {
            0 => {
                let words: Vec<&str> = self
                    .words
                    .iter()
                    .map(|&(start, end)| index.buf.get(start..end).unwrap_or(""))
                    .collect();
                index.terms = Terms::build(&words, &self.occurrences);
                self.occurrences = Vec::new();
            }
            1 => {
                index.han1_bits = bucket_bits(self.han1.len());
                let keys = hashed(&self.han1_keys, index.han1_bits);
                index.han1 = Buckets::build(1 << index.han1_bits, &keys, &self.han1);
                (self.han1, self.han1_keys) = (Vec::new(), Vec::new());
            }
            2 => {
                index.han2_bits = bucket_bits(self.han2.len());
                let keys = hashed(&self.han2_keys, index.han2_bits);
                index.han2 = Buckets::build(1 << index.han2_bits, &keys, &self.han2);
                (self.han2, self.han2_keys) = (Vec::new(), Vec::new());
            }
            3 => {
                let initials = std::mem::take(&mut self.initials);
                index.initials =
                    Buckets::build(pinyin::KEY_SPACE, &initials.keys, &initials.postings);
                index.syllables = initials.syllables;
            }
            _ => return true,
        }
        self.built += 1;
        self.built >= 4
    }
}

/// A word of at most 15 bytes as one number (its bytes, then its length
/// in the last byte), so that looking it up hashes and compares no string.
fn short_word(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() >= 16 {
        return None;
    }
    let key = bytes
        .iter()
        .rev()
        .fold(0u128, |key, &b| key << 8 | u128::from(b));
    Some(key | (bytes.len() as u128) << 120)
}

/// The initials index and syllable list while they are built.
#[derive(Default)]
struct Initials {
    keys: Vec<u32>,
    postings: Vec<PinyinPosting>,
    syllables: Vec<u16>,
}

/// Adds initials-index entries and syllables for a finished run of Han
/// characters with known pinyin (offset, syllable index), then clears it.
fn flush_run(t: u32, run: &mut Vec<(u32, u16)>, initials: &mut Initials) {
    if run.is_empty() {
        return;
    }
    let letters = pinyin::KEY_LETTERS;
    let letter = |k: usize| run.get(k).map_or(0, |&(_, s)| pinyin::letter_code(s));
    for (k, &(at, syllable)) in run.iter().enumerate() {
        initials
            .keys
            .push((letter(k) * letters + letter(k + 1)) * letters + letter(k + 2));
        initials.postings.push(PinyinPosting {
            text: t,
            at,
            syllable: initials.syllables.len() as u32,
        });
        initials.syllables.push(syllable);
    }
    initials.syllables.push(pinyin::END_OF_RUN);
    run.clear();
}

/// Records the word `text[start..end]` of text `t`.
/// Whether the locale tags name the same locale, or the same language when
/// one of them has no region (`zh` and `zh-CN`).
fn same_locale(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let (pa, pb) = (primary(a), primary(b));
    !pa.is_empty() && pa == pb && (pa.len() == a.len() || pb.len() == b.len())
}

/// `text` with only its letters, digits and Han characters.
fn compact(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether [`compact`] of `text` is `compacted`, without making it.
fn compacts_to(text: &str, compacted: &str) -> bool {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .eq(compacted.chars())
}
