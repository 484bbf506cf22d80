//! Recursive-descent parser from rule text to a syntax tree.
//!
//! The grammar (FEED.md):
//!
//! ```text
//! rule    := or
//! or      := and ( "or" and )*
//! and     := not ( "and" not )*
//! not     := "not" not | compare
//! compare := operand ( cmpop operand | "in" list | "within" string )?
//! operand := fact-id | number | string | "true" | "false" | "(" rule ")"
//! list    := "[" ( literal ( "," literal )* )? "]"
//! ```
//!
//! Parentheses leave no node of their own: a parenthesised rule is its inner
//! expression with its span widened to cover the parentheses. Every `not` and
//! every `(` counts one level of depth, capped at [`MAX_DEPTH`].

use std::borrow::Cow;

use super::lexer::{CmpOp, Lexer, Token, TokenKind};
use super::{RuleError, RuleErrorKind, MAX_DEPTH, MAX_RULE_LEN};

/// A node of the syntax tree with its place in the source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expr<'s> {
    pub(crate) kind: ExprKind<'s>,
    /// Byte offset where the expression starts (including parentheses).
    pub(crate) start: usize,
    /// Byte offset just after the expression.
    pub(crate) end: usize,
    /// Character column where the expression starts, 1-based.
    pub(crate) column: usize,
}

/// What a syntax node is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ExprKind<'s> {
    Or(Vec<Expr<'s>>),
    And(Vec<Expr<'s>>),
    Not(Box<Expr<'s>>),
    /// Both sides in one allocation: rules are mostly comparisons.
    Compare {
        op: CmpOp,
        sides: Box<[Expr<'s>; 2]>,
    },
    In {
        lhs: Box<Expr<'s>>,
        list: Vec<Expr<'s>>,
    },
    Within {
        lhs: Box<Expr<'s>>,
        region: Cow<'s, str>,
        region_column: usize,
    },
    Fact(&'s str),
    Number(f64),
    Str(Cow<'s, str>),
    Bool(bool),
}

/// Parses a whole rule.
pub(crate) fn parse(source: &str) -> Result<Expr<'_>, RuleError> {
    if source.len() > MAX_RULE_LEN {
        let column = source
            .char_indices()
            .take_while(|&(i, _)| i < MAX_RULE_LEN)
            .count()
            + 1;
        return Err(RuleError {
            column,
            kind: RuleErrorKind::TooLong { max: MAX_RULE_LEN },
        });
    }
    let mut parser = Parser::new(source)?;
    let expr = parser.or()?;
    if parser.token.kind != TokenKind::End {
        let expected = if parser.last_bare {
            "an operator, `and`, `or` or end of rule"
        } else {
            "`and`, `or` or end of rule"
        };
        return Err(parser.expected(expected));
    }
    Ok(expr)
}

struct Parser<'s> {
    src: &'s str,
    lexer: Lexer<'s>,
    /// The current token (one token of lookahead).
    token: Token<'s>,
    depth: usize,
    /// Whether the last comparison parsed was a bare operand, so that an
    /// operator could also have followed it.
    last_bare: bool,
}

impl<'s> Parser<'s> {
    fn new(src: &'s str) -> Result<Parser<'s>, RuleError> {
        let mut lexer = Lexer::new(src);
        let token = lexer.next_token()?;
        Ok(Parser {
            src,
            lexer,
            token,
            depth: 0,
            last_bare: false,
        })
    }

    /// Moves to the next token and returns the current one.
    fn advance(&mut self) -> Result<Token<'s>, RuleError> {
        let next = self.lexer.next_token()?;
        Ok(std::mem::replace(&mut self.token, next))
    }

    /// An "expected …, found …" error at the current token.
    fn expected(&self, expected: &'static str) -> RuleError {
        let found = if self.token.kind == TokenKind::End {
            "end of rule".to_owned()
        } else {
            let text = self.src.get(self.token.start..self.token.end).unwrap_or("");
            let mut shown: String = text.chars().take(40).collect();
            if shown.len() < text.len() {
                shown.push('…');
            }
            format!("`{shown}`")
        };
        RuleError {
            column: self.token.column,
            kind: RuleErrorKind::Expected { expected, found },
        }
    }

    fn enter(&mut self, column: usize) -> Result<(), RuleError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(RuleError {
                column,
                kind: RuleErrorKind::TooDeep { max: MAX_DEPTH },
            });
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Expr<'s>, RuleError> {
        let first = self.and()?;
        if self.token.kind != TokenKind::Or {
            return Ok(first);
        }
        let mut items = clauses(first);
        while self.token.kind == TokenKind::Or {
            self.advance()?;
            items.push(self.and()?);
        }
        Ok(join(items, ExprKind::Or))
    }

    fn and(&mut self) -> Result<Expr<'s>, RuleError> {
        let first = self.not()?;
        if self.token.kind != TokenKind::And {
            return Ok(first);
        }
        let mut items = clauses(first);
        while self.token.kind == TokenKind::And {
            self.advance()?;
            items.push(self.not()?);
        }
        Ok(join(items, ExprKind::And))
    }

    fn not(&mut self) -> Result<Expr<'s>, RuleError> {
        if self.token.kind != TokenKind::Not {
            return self.compare();
        }
        let not = self.advance()?;
        self.enter(not.column)?;
        let inner = self.not()?;
        self.depth -= 1;
        Ok(Expr {
            start: not.start,
            end: inner.end,
            column: not.column,
            kind: ExprKind::Not(Box::new(inner)),
        })
    }

    fn compare(&mut self) -> Result<Expr<'s>, RuleError> {
        let lhs = self.operand("a fact, a value, `not` or `(`")?;
        let (start, column) = (lhs.start, lhs.column);
        let (kind, end) = match self.token.kind {
            TokenKind::Cmp(op) => {
                self.advance()?;
                let rhs = self.operand("a fact, a value or `(`")?;
                let end = rhs.end;
                let kind = ExprKind::Compare {
                    op,
                    sides: Box::new([lhs, rhs]),
                };
                (kind, end)
            }
            TokenKind::In => {
                self.advance()?;
                let (list, end) = self.list()?;
                let kind = ExprKind::In {
                    lhs: Box::new(lhs),
                    list,
                };
                (kind, end)
            }
            TokenKind::Within => {
                self.advance()?;
                let TokenKind::Str(region) = &self.token.kind else {
                    return Err(self.expected("a region code in quotes"));
                };
                let region = region.clone();
                let token = self.advance()?;
                let kind = ExprKind::Within {
                    lhs: Box::new(lhs),
                    region,
                    region_column: token.column,
                };
                (kind, token.end)
            }
            _ => {
                self.last_bare = true;
                return Ok(lhs);
            }
        };
        self.last_bare = false;
        Ok(Expr {
            kind,
            start,
            end,
            column,
        })
    }

    fn operand(&mut self, expected: &'static str) -> Result<Expr<'s>, RuleError> {
        let kind = match &self.token.kind {
            TokenKind::Ident(id) => ExprKind::Fact(id),
            TokenKind::LParen => return self.parenthesised(),
            _ => match self.literal() {
                Some(kind) => kind,
                None => return Err(self.expected(expected)),
            },
        };
        let token = self.advance()?;
        Ok(Expr {
            kind,
            start: token.start,
            end: token.end,
            column: token.column,
        })
    }

    /// The current token as a literal, if it is one (without consuming it).
    fn literal(&self) -> Option<ExprKind<'s>> {
        match &self.token.kind {
            TokenKind::Number(n) => Some(ExprKind::Number(*n)),
            TokenKind::Str(s) => Some(ExprKind::Str(s.clone())),
            TokenKind::True => Some(ExprKind::Bool(true)),
            TokenKind::False => Some(ExprKind::Bool(false)),
            _ => None,
        }
    }

    fn parenthesised(&mut self) -> Result<Expr<'s>, RuleError> {
        let open = self.advance()?;
        self.enter(open.column)?;
        let mut inner = self.or()?;
        if self.token.kind != TokenKind::RParen {
            let expected = if self.last_bare {
                "an operator, `and`, `or` or `)`"
            } else {
                "`and`, `or` or `)`"
            };
            return Err(self.expected(expected));
        }
        let close = self.advance()?;
        self.depth -= 1;
        inner.start = open.start;
        inner.end = close.end;
        inner.column = open.column;
        // A parenthesised rule is complete: nothing inside it can be extended.
        self.last_bare = false;
        Ok(inner)
    }

    /// A list of literals; the current token should be `[`.
    fn list(&mut self) -> Result<(Vec<Expr<'s>>, usize), RuleError> {
        if self.token.kind != TokenKind::LBracket {
            return Err(self.expected("`[`"));
        }
        self.advance()?;
        let mut items = Vec::new();
        if self.token.kind == TokenKind::RBracket {
            let close = self.advance()?;
            return Ok((items, close.end));
        }
        loop {
            let Some(kind) = self.literal() else {
                return Err(self.expected("a number, a string, `true` or `false`"));
            };
            let token = self.advance()?;
            items.push(Expr {
                kind,
                start: token.start,
                end: token.end,
                column: token.column,
            });
            match self.token.kind {
                TokenKind::Comma => {
                    self.advance()?;
                }
                TokenKind::RBracket => {
                    let close = self.advance()?;
                    return Ok((items, close.end));
                }
                _ => return Err(self.expected("`]` or `,`")),
            }
        }
    }
}

/// The items of an `and` or `or`, from its first: room for a few from the
/// start, as such a list has at least two.
fn clauses(first: Expr<'_>) -> Vec<Expr<'_>> {
    let mut items = Vec::with_capacity(4);
    items.push(first);
    items
}

/// An `and` or `or` node over at least two items.
fn join<'s>(items: Vec<Expr<'s>>, make: fn(Vec<Expr<'s>>) -> ExprKind<'s>) -> Expr<'s> {
    let start = items.first().map_or(0, |e| e.start);
    let column = items.first().map_or(1, |e| e.column);
    let end = items.last().map_or(0, |e| e.end);
    Expr {
        kind: make(items),
        start,
        end,
        column,
    }
}
