//! Text normalisation and the character classes that tokens are made of.

/// Appends the normalised form of `text` to `out`: full-width ASCII folded
/// to half-width, lowercase, every run of whitespace turned into one space,
/// no space at either end.
pub(super) fn normalize_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    for c in text.chars() {
        // Most text is ASCII, and Han needs no folding: only the rest is
        // looked up in the width table.
        let c = if c.is_ascii() || is_han(c) {
            c
        } else {
            fold_width(c)
        };
        if c.is_whitespace() {
            pending_space = out.len() > start;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
}

/// The normalised form of `text` (see [`normalize_into`]).
pub(super) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Whether `c` is a Han ideograph (CJK Unified Ideographs with their
/// extensions, compatibility ideographs, and 〇).
pub(super) fn is_han(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x2_0000..=0x3_134F
    )
}

/// Whether `c` belongs to a word: a letter or digit that is not Han.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// A piece of a normalised query that must match on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Atom<'q> {
    /// A run of Han characters, matched as a substring.
    Han(&'q str),
    /// A run of word characters, matched as an English word prefix (with
    /// typo tolerance) and, when it is plain ASCII letters, as pinyin.
    Word(&'q str),
}

/// Splits a normalised query into atoms, in order, keeping at most `max`.
pub(super) fn atoms(query: &str, max: usize) -> Vec<Atom<'_>> {
    let mut out = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    for (i, c) in query.char_indices() {
        let class = if is_han(c) {
            Some(true)
        } else if is_word_char(c) {
            Some(false)
        } else {
            None
        };
        match (current, class) {
            (Some((_, han)), Some(now)) if han == now => {}
            (Some((start, han)), _) => {
                push_atom(&mut out, query, start, i, han);
                current = class.map(|han| (i, han));
            }
            (None, _) => current = class.map(|han| (i, han)),
        }
        if out.len() >= max {
            return out;
        }
    }
    if let Some((start, han)) = current {
        push_atom(&mut out, query, start, query.len(), han);
    }
    out.truncate(max);
    out
}

fn push_atom<'q>(out: &mut Vec<Atom<'q>>, query: &'q str, start: usize, end: usize, han: bool) {
    if let Some(s) = query.get(start..end) {
        out.push(if han { Atom::Han(s) } else { Atom::Word(s) });
    }
}

/// Folds full-width ASCII forms and the ideographic space to their
/// half-width counterparts.
fn fold_width(c: char) -> char {
    match u32::from(c) {
        0x3000 => ' ',
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}
