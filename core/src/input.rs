//! Reading what people type: full-width forms from a Chinese input method,
//! spaces and thousands separators. Every typed number in the crate (a fact
//! answer, a request form's `number` attribute) is read here.

/// Maps a full-width ASCII form (U+FF01 to U+FF5E) to ASCII.
pub(crate) fn narrow(c: char) -> char {
    match u32::from(c) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A typed text that is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NotANumber;

/// Parses a number typed by a person: full-width forms, spaces and
/// thousands separators are allowed; infinities and NaN are not.
pub(crate) fn parse_number(value: &str) -> Result<f64, NotANumber> {
    let cleaned: String = value
        .chars()
        .map(narrow)
        .map(|c| if c == '−' { '-' } else { c })
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '_'))
        .collect();
    let is_numeric = cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match cleaned.parse::<f64>() {
        Ok(n) if is_numeric && n.is_finite() => Ok(n),
        _ => Err(NotANumber),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_type_them() {
        let cases: &[(&str, Option<f64>)] = &[
            ("85", Some(85.0)),
            ("８５", Some(85.0)),
            ("1,200.5", Some(1200.5)),
            ("1，200", Some(1200.0)),
            ("−3", Some(-3.0)),
            (" 7 ", Some(7.0)),
            ("", None),
            ("inf", None),
            ("NaN", None),
            ("12abc", None),
            ("0x10", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_number(input).ok(), *expected, "input `{input}`");
        }
    }
}
