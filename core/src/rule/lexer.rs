//! Splits rule text into tokens, one at a time, so that the parser reports
//! the leftmost error.

use std::borrow::Cow;

use super::{RuleError, RuleErrorKind};

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// The operator as written in a rule.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// Whether the operator orders its operands (rather than testing equality).
    pub(crate) fn is_ordering(self) -> bool {
        !matches!(self, CmpOp::Eq | CmpOp::Ne)
    }
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokenKind<'s> {
    Ident(&'s str),
    Number(f64),
    /// A string literal: a slice of the rule unless it has escapes.
    Str(Cow<'s, str>),
    Cmp(CmpOp),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    And,
    Or,
    Not,
    In,
    Within,
    True,
    False,
    End,
}

/// A token and where it is: byte offsets for slicing, a character column for errors.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token<'s> {
    pub(crate) kind: TokenKind<'s>,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) column: usize,
}

/// A cursor over the rule text.
pub(crate) struct Lexer<'s> {
    src: &'s str,
    pos: usize,
    column: usize,
}

impl<'s> Lexer<'s> {
    pub(crate) fn new(src: &'s str) -> Lexer<'s> {
        Lexer {
            src,
            pos: 0,
            column: 1,
        }
    }

    /// The next token, or `End` at the end of the text.
    pub(crate) fn next_token(&mut self) -> Result<Token<'s>, RuleError> {
        loop {
            match self.src.as_bytes().get(self.pos) {
                // ASCII whitespace as `char::is_whitespace` has it.
                Some(b'\t'..=b'\r' | b' ') => {
                    self.pos += 1;
                    self.column += 1;
                }
                Some(b) if !b.is_ascii() => match self.peek() {
                    Some(c) if c.is_whitespace() => self.bump(c),
                    _ => break,
                },
                _ => break,
            }
        }
        let start = self.pos;
        let column = self.column;
        let Some(c) = self.peek() else {
            return Ok(self.token(TokenKind::End, start, column));
        };
        let error = |kind| RuleError { column, kind };
        let kind = match c {
            '(' | ')' | '[' | ']' | ',' => {
                self.bump(c);
                match c {
                    '(' => TokenKind::LParen,
                    ')' => TokenKind::RParen,
                    '[' => TokenKind::LBracket,
                    ']' => TokenKind::RBracket,
                    _ => TokenKind::Comma,
                }
            }
            '=' | '!' | '<' | '>' => {
                self.bump(c);
                let followed_by_equals = self.peek() == Some('=');
                if followed_by_equals {
                    self.bump('=');
                }
                let op = match (c, followed_by_equals) {
                    ('=', true) => CmpOp::Eq,
                    ('=', false) => return Err(error(RuleErrorKind::SingleEquals)),
                    ('!', true) => CmpOp::Ne,
                    ('!', false) => return Err(error(RuleErrorKind::UnexpectedChar('!'))),
                    ('<', true) => CmpOp::Le,
                    ('<', false) => CmpOp::Lt,
                    ('>', true) => CmpOp::Ge,
                    _ => CmpOp::Gt,
                };
                TokenKind::Cmp(op)
            }
            '"' => self.string(column)?,
            c if is_id_char(c) => self.word(column)?,
            other => return Err(error(RuleErrorKind::UnexpectedChar(other))),
        };
        Ok(self.token(kind, start, column))
    }

    fn token(&self, kind: TokenKind<'s>, start: usize, column: usize) -> Token<'s> {
        Token {
            kind,
            start,
            end: self.pos,
            column,
        }
    }

    fn peek(&self) -> Option<char> {
        // Rules are nearly all ASCII: decode only what is not.
        match self.src.as_bytes().get(self.pos) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => self
                .src
                .get(self.pos..)
                .and_then(|rest| rest.chars().next()),
            None => None,
        }
    }

    fn bump(&mut self, c: char) {
        self.pos += c.len_utf8();
        self.column += 1;
    }

    /// A string literal; the cursor is on the opening quote.
    fn string(&mut self, column: usize) -> Result<TokenKind<'s>, RuleError> {
        self.bump('"');
        let start = self.pos;
        // Only a string with escapes needs a copy of its own.
        let mut unescaped: Option<String> = None;
        loop {
            // Up to the next quote or backslash at once, a column for each
            // character (each byte that does not continue one).
            let rest = self.src.as_bytes().get(self.pos..).unwrap_or_default();
            let run = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\')
                .unwrap_or(rest.len());
            let plain = rest.get(..run).unwrap_or_default();
            self.column += plain.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            if let Some(text) = &mut unescaped {
                text.push_str(self.src.get(self.pos..self.pos + run).unwrap_or(""));
            }
            self.pos += run;
            let Some(c) = self.peek() else {
                return Err(RuleError {
                    column,
                    kind: RuleErrorKind::UnterminatedString,
                });
            };
            let here = self.column;
            let at = self.pos;
            self.bump(c);
            match c {
                '"' => {
                    return Ok(TokenKind::Str(match unescaped {
                        Some(text) => Cow::Owned(text),
                        None => Cow::Borrowed(self.src.get(start..at).unwrap_or("")),
                    }))
                }
                '\\' => {
                    let src = self.src;
                    let text = unescaped
                        .get_or_insert_with(|| src.get(start..at).unwrap_or("").to_owned());
                    match self.peek() {
                        Some(escaped @ ('"' | '\\')) => {
                            self.bump(escaped);
                            text.push(escaped);
                        }
                        Some(other) => {
                            return Err(RuleError {
                                column: here,
                                kind: RuleErrorKind::InvalidEscape(other),
                            })
                        }
                        None => {
                            return Err(RuleError {
                                column,
                                kind: RuleErrorKind::UnterminatedString,
                            })
                        }
                    }
                }
                other => {
                    if let Some(text) = &mut unescaped {
                        text.push(other);
                    }
                }
            }
        }
    }

    /// A run of id characters: a number, a keyword or a fact id.
    fn word(&mut self, column: usize) -> Result<TokenKind<'s>, RuleError> {
        let start = self.pos;
        // Id characters are ASCII, one byte and one column each.
        let len = self.src.as_bytes().get(start..).map_or(0, |rest| {
            rest.iter()
                .take_while(|&&b| is_id_char(char::from(b)))
                .count()
        });
        self.pos += len;
        self.column += len;
        let word = self.src.get(start..self.pos).unwrap_or("");
        if looks_like_number(word) {
            return match word.parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(TokenKind::Number(n)),
                _ => Err(RuleError {
                    column,
                    kind: RuleErrorKind::InvalidNumber(word.to_owned()),
                }),
            };
        }
        Ok(match word {
            "and" => TokenKind::And,
            "or" => TokenKind::Or,
            "not" => TokenKind::Not,
            "in" => TokenKind::In,
            "within" => TokenKind::Within,
            "true" => TokenKind::True,
            "false" => TokenKind::False,
            _ => TokenKind::Ident(word),
        })
    }
}

/// Whether `c` may appear in a fact id (and so in a number or keyword).
fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

/// Whether `word` has the form of a decimal number: `-?[0-9]+(\.[0-9]+)?`.
fn looks_like_number(word: &str) -> bool {
    let digits = word.strip_prefix('-').unwrap_or(word);
    // Most words are facts and keywords, which a number's first digit
    // rules out before any search for a decimal point.
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && fraction.is_none_or(all_digits)
}
