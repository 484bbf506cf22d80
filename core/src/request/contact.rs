//! How to reach the resident: a name and a mainland China phone number.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::input::narrow;

/// The longest contact name, in characters.
pub const NAME_LIMIT: usize = 50;

/// How to reach the resident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    /// A normalised number, as [`validate_phone`] returns it.
    pub phone: String,
}

/// Why a contact is not usable.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ContactError {
    /// The name is blank.
    #[error("enter a name")]
    NameMissing,
    /// The name is longer than [`NAME_LIMIT`].
    #[error("the name has {length} characters, the limit is {limit}")]
    NameTooLong { length: usize, limit: usize },
    /// The name has a line break or another control character.
    #[error("the name must be on one line")]
    NameMultiline,
    /// The phone number is not valid.
    #[error(transparent)]
    Phone(#[from] PhoneError),
}

/// Why a text is not a mainland China phone number.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PhoneError {
    /// Nothing was entered.
    #[error("enter a phone number")]
    Empty,
    /// A character other than digits, spaces, hyphens, brackets and a
    /// leading `+`.
    #[error("`{character}` cannot be part of a phone number: use digits, spaces and hyphens")]
    Character { input: String, character: char },
    /// A country code other than +86.
    #[error("`{input}` is not a mainland China number: only +86 numbers are accepted")]
    Foreign { input: String },
    /// A number starting with 1 but not 11 digits long.
    #[error("`{input}` is not a mobile number: it has {count} digits, a mobile number has 11")]
    MobileLength { input: String, count: usize },
    /// An 11-digit number starting with 10, 11 or 12.
    #[error("`{input}` is not a mobile number: mobile numbers start with 13 to 19")]
    MobilePrefix { input: String },
    /// A number starting with 0 whose area code does not exist.
    #[error("`{input}` has no valid area code: write it like `010-12345678` or `0755-1234567`")]
    AreaCode { input: String },
    /// A landline number of the wrong length after the area code.
    #[error("`{input}` is not a landline number: after the area code `{area}` come 7 or 8 digits, not {count}")]
    LandlineLength {
        input: String,
        area: String,
        count: usize,
    },
    /// A local landline number without its area code.
    #[error("`{input}` needs its area code in front, like `010-12345678`")]
    MissingAreaCode { input: String },
    /// Anything else.
    #[error("`{input}` is not a phone number: write a mobile number of 11 digits or a landline number with its area code")]
    NotAPhone { input: String },
}

/// Checks and normalises a mainland China phone number.
///
/// Accepted: mobile numbers `1[3-9]` plus nine digits, and landline numbers
/// `0` + area code + 7 or 8 digits, where the area code has two digits when
/// it starts with 1 or 2 (`010`, `020`–`029`) and three otherwise (`0755`),
/// as in China's numbering plan. Spaces, hyphens and brackets may appear
/// anywhere; full-width digits from a Chinese input method are read as ASCII;
/// a `+86` or `0086` prefix is allowed (the area code's `0` is then dropped,
/// as in `+86 10 12345678`).
///
/// Mobile numbers come back as 11 digits (`13812345678`), landlines as
/// `0AA-NNNNNNNN` (`010-12345678`, `0755-1234567`).
pub fn validate_phone(input: &str) -> Result<String, PhoneError> {
    let owned = || input.to_owned();
    let mut digits = String::new();
    let mut plus = false;
    let mut seen_anything = false;
    for raw in input.chars() {
        match narrow(raw) {
            c @ '0'..='9' => {
                digits.push(c);
                seen_anything = true;
            }
            ' ' | '-' | '\u{3000}' | '(' | ')' | '\t' => {}
            '+' if !plus && digits.is_empty() => {
                plus = true;
                seen_anything = true;
            }
            _ => {
                return Err(PhoneError::Character {
                    input: owned(),
                    character: raw,
                })
            }
        }
    }
    if !seen_anything {
        return Err(PhoneError::Empty);
    }
    let international = if plus {
        match digits.strip_prefix("86") {
            Some(rest) => Some(rest),
            None => return Err(PhoneError::Foreign { input: owned() }),
        }
    } else if let Some(rest) = digits.strip_prefix("0086") {
        Some(rest)
    } else if digits.len() == 13 && digits.starts_with("861") {
        digits.get(2..)
    } else if digits.starts_with("00") {
        return Err(PhoneError::Foreign { input: owned() });
    } else {
        None
    };
    let national = match international {
        // After a country code the trunk `0` of an area code is dropped;
        // Beijing's `10` looks like a mobile prefix but is shorter.
        Some(rest) if rest.starts_with("10") && rest.len() < 11 => format!("0{rest}"),
        Some(rest) if rest.starts_with('1') => rest.to_owned(),
        Some(rest) if rest.is_empty() || rest.starts_with('0') => {
            return Err(PhoneError::NotAPhone { input: owned() })
        }
        Some(rest) => format!("0{rest}"),
        None => digits.clone(),
    };
    let count = national.len();
    let bytes = national.as_bytes();
    match bytes.first() {
        Some(b'1') => {
            if count != 11 {
                return Err(PhoneError::MobileLength {
                    input: owned(),
                    count,
                });
            }
            if !matches!(bytes.get(1), Some(b'3'..=b'9')) {
                return Err(PhoneError::MobilePrefix { input: owned() });
            }
            Ok(national)
        }
        Some(b'0') => {
            let area_len = match bytes.get(1) {
                Some(b'1') if bytes.get(2) == Some(&b'0') => 3,
                Some(b'2') => 3,
                Some(b'3'..=b'9') => 4,
                _ => return Err(PhoneError::AreaCode { input: owned() }),
            };
            let (area, subscriber) = match (national.get(..area_len), national.get(area_len..)) {
                (Some(a), Some(s)) => (a, s),
                _ => return Err(PhoneError::AreaCode { input: owned() }),
            };
            if !(7..=8).contains(&subscriber.len()) {
                return Err(PhoneError::LandlineLength {
                    input: owned(),
                    area: area.to_owned(),
                    count: subscriber.len(),
                });
            }
            Ok(format!("{area}-{subscriber}"))
        }
        Some(_) if (7..=8).contains(&count) => Err(PhoneError::MissingAreaCode { input: owned() }),
        _ => Err(PhoneError::NotAPhone { input: owned() }),
    }
}

impl Contact {
    /// A contact with a trimmed name and a normalised phone number; every
    /// problem is returned.
    pub fn new(name: &str, phone: &str) -> Result<Contact, Vec<ContactError>> {
        let mut errors = Vec::new();
        let name = name.trim();
        let length = name.chars().count();
        if name.is_empty() {
            errors.push(ContactError::NameMissing);
        } else if length > NAME_LIMIT {
            errors.push(ContactError::NameTooLong {
                length,
                limit: NAME_LIMIT,
            });
        }
        if name.chars().any(char::is_control) {
            errors.push(ContactError::NameMultiline);
        }
        let phone = match validate_phone(phone) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e.into());
                String::new()
            }
        };
        if errors.is_empty() {
            Ok(Contact {
                name: name.to_owned(),
                phone,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_phone(input: &str, expected: Result<&str, &str>) {
        let got = validate_phone(input).map_err(|e| e.to_string());
        let expected = expected.map(str::to_owned).map_err(str::to_owned);
        assert_eq!(got, expected, "input `{input}`");
    }

    #[test]
    fn phone_numbers_validate_and_normalise() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("13812345678", Ok("13812345678")),
            ("138 1234 5678", Ok("13812345678")),
            ("138-1234-5678", Ok("13812345678")),
            ("+86 138 1234 5678", Ok("13812345678")),
            ("+8613812345678", Ok("13812345678")),
            ("0086 13812345678", Ok("13812345678")),
            ("8613812345678", Ok("13812345678")),
            ("１３８１２３４５６７８", Ok("13812345678")),
            ("19912345678", Ok("19912345678")),
            ("010-12345678", Ok("010-12345678")),
            ("01012345678", Ok("010-12345678")),
            ("(010) 1234 5678", Ok("010-12345678")),
            ("021-1234567", Ok("021-1234567")),
            ("0755-1234567", Ok("0755-1234567")),
            ("0755-12345678", Ok("0755-12345678")),
            ("075512345678", Ok("0755-12345678")),
            ("+86 10 12345678", Ok("010-12345678")),
            ("+86 755 1234 5678", Ok("0755-12345678")),
            ("0086-21-12345678", Ok("021-12345678")),
            ("", Err("enter a phone number")),
            ("  - ", Err("enter a phone number")),
            (
                "138x1234",
                Err("`x` cannot be part of a phone number: use digits, spaces and hyphens"),
            ),
            (
                "138.1234.5678",
                Err("`.` cannot be part of a phone number: use digits, spaces and hyphens"),
            ),
            (
                "+1 415 555 0100",
                Err("`+1 415 555 0100` is not a mainland China number: only +86 numbers are accepted"),
            ),
            (
                "00852 1234 5678",
                Err("`00852 1234 5678` is not a mainland China number: only +86 numbers are accepted"),
            ),
            (
                "1381234567",
                Err("`1381234567` is not a mobile number: it has 10 digits, a mobile number has 11"),
            ),
            (
                "138123456789",
                Err("`138123456789` is not a mobile number: it has 12 digits, a mobile number has 11"),
            ),
            (
                "12812345678",
                Err("`12812345678` is not a mobile number: mobile numbers start with 13 to 19"),
            ),
            (
                "011-12345678",
                Err("`011-12345678` has no valid area code: write it like `010-12345678` or `0755-1234567`"),
            ),
            (
                "010-123456",
                Err("`010-123456` is not a landline number: after the area code `010` come 7 or 8 digits, not 6"),
            ),
            (
                "0755-123456789",
                Err("`0755-123456789` is not a landline number: after the area code `0755` come 7 or 8 digits, not 9"),
            ),
            (
                "0",
                Err("`0` has no valid area code: write it like `010-12345678` or `0755-1234567`"),
            ),
            (
                "12345678",
                Err("`12345678` is not a mobile number: it has 8 digits, a mobile number has 11"),
            ),
            (
                "6512 0000",
                Err("`6512 0000` needs its area code in front, like `010-12345678`"),
            ),
            (
                "+",
                Err("`+` is not a mainland China number: only +86 numbers are accepted"),
            ),
            (
                "+86",
                Err("`+86` is not a phone number: write a mobile number of 11 digits or a landline number with its area code"),
            ),
            (
                "99",
                Err("`99` is not a phone number: write a mobile number of 11 digits or a landline number with its area code"),
            ),
            (
                "+86 0755 1234567",
                Err("`+86 0755 1234567` is not a phone number: write a mobile number of 11 digits or a landline number with its area code"),
            ),
            (
                "++8613812345678",
                Err("`+` cannot be part of a phone number: use digits, spaces and hyphens"),
            ),
        ];
        for (input, expected) in cases {
            check_phone(input, *expected);
        }
    }

    #[test]
    fn contacts_report_every_problem() {
        assert_eq!(
            Contact::new("  王小明 ", "138 1234 5678"),
            Ok(Contact {
                name: "王小明".into(),
                phone: "13812345678".into()
            })
        );
        let errors = Contact::new(" ", "12").unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "enter a name",
                "`12` is not a mobile number: it has 2 digits, a mobile number has 11"
            ]
        );
        let long = "名".repeat(51);
        assert_eq!(
            Contact::new(&long, "13812345678"),
            Err(vec![ContactError::NameTooLong {
                length: 51,
                limit: 50
            }])
        );
        assert_eq!(
            Contact::new("王\n小明", "13812345678"),
            Err(vec![ContactError::NameMultiline])
        );
    }
}
