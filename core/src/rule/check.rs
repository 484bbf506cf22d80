//! Type checking: turns a syntax tree into the evaluation tree, resolving
//! fact ids to indices and checking every operand against the schema.
//!
//! Types: boolean, number (integer and number facts, number literals),
//! choice (per fact), region, date, and plain string literals, which take
//! the type of what they are compared with (a choice key, a region code or a
//! date) and are checked against it. `==` and `!=` need operands of the same
//! type; `<`, `<=`, `>` and `>=` need numbers or dates; `in` needs list items
//! of the left operand's type; `within` needs a region fact and a known
//! region; `and`, `or`, `not` and the whole rule need booleans.

use super::lexer::CmpOp;
use super::parser::{Expr, ExprKind};
use super::{FactKind, RuleError, RuleErrorKind, Schema};

/// A node of the evaluation tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// `true` or `false`.
    Const(bool),
    /// A boolean fact used as a condition.
    Fact(usize),
    Not(Box<Node>),
    And(Box<[Node]>),
    Or(Box<[Node]>),
    Compare {
        op: CmpOp,
        lhs: Operand,
        rhs: Operand,
    },
    In {
        lhs: Operand,
        list: Box<[Lit]>,
    },
    Within {
        fact: usize,
        region: Box<str>,
    },
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    Fact(usize),
    Lit(Lit),
    /// A parenthesised condition or a comparison, compared as a boolean.
    Cond(Box<Node>),
}

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Bool(bool),
    Number(f64),
    Text(Box<str>),
}

/// The result of checking a rule.
pub(crate) struct Checked {
    pub(crate) root: Node,
    /// Fact indices in order of first appearance, deduplicated.
    pub(crate) facts: Vec<usize>,
    /// Byte spans of the top-level clauses.
    pub(crate) clauses: Vec<(usize, usize)>,
}

/// Checks a parsed rule against the schema.
pub(crate) fn check(expr: &Expr<'_>, schema: &dyn Schema) -> Result<Checked, RuleError> {
    let mut checker = Checker {
        schema,
        facts: Vec::new(),
    };
    let root = checker.condition(expr)?;
    let clauses = match &expr.kind {
        ExprKind::And(items) | ExprKind::Or(items) => {
            items.iter().map(|item| (item.start, item.end)).collect()
        }
        _ => vec![(expr.start, expr.end)],
    };
    Ok(Checked {
        root,
        facts: checker.facts,
        clauses,
    })
}

/// The type of an operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Bool,
    Number,
    /// A choice fact, with its index.
    Choice(usize),
    Region,
    Date,
    /// A string literal, typed by what it is compared with.
    Text,
}

/// A checked operand with its type and the syntax it came from.
struct Typed<'e, 's> {
    operand: Operand,
    ty: Ty,
    /// The fact's kind when the operand is a fact.
    kind: Option<FactKind>,
    expr: &'e Expr<'s>,
}

struct Checker<'a> {
    schema: &'a dyn Schema,
    facts: Vec<usize>,
}

impl Checker<'_> {
    /// An expression that must be boolean.
    fn condition(&mut self, expr: &Expr<'_>) -> Result<Node, RuleError> {
        match &expr.kind {
            ExprKind::Or(items) => Ok(Node::Or(self.conditions(items)?)),
            ExprKind::And(items) => Ok(Node::And(self.conditions(items)?)),
            ExprKind::Not(inner) => Ok(Node::Not(Box::new(self.condition(inner)?))),
            ExprKind::Compare { op, sides } => {
                let [lhs, rhs] = &**sides;
                self.compare(*op, lhs, rhs)
            }
            ExprKind::In { lhs, list } => self.membership(lhs, list),
            ExprKind::Within {
                lhs,
                region,
                region_column,
            } => self.within(lhs, region, *region_column),
            ExprKind::Fact(_) | ExprKind::Number(_) | ExprKind::Str(_) | ExprKind::Bool(_) => {
                let typed = self.operand(expr)?;
                if typed.ty != Ty::Bool {
                    return Err(RuleError {
                        column: expr.column,
                        kind: RuleErrorKind::NotBoolean {
                            found: describe(&typed),
                        },
                    });
                }
                Ok(match typed.operand {
                    Operand::Fact(fact) => Node::Fact(fact),
                    Operand::Lit(Lit::Bool(b)) => Node::Const(b),
                    Operand::Cond(node) => *node,
                    // A boolean operand is never a number or text literal.
                    Operand::Lit(_) => Node::Const(false),
                })
            }
        }
    }

    fn conditions(&mut self, items: &[Expr<'_>]) -> Result<Box<[Node]>, RuleError> {
        // Sized once: collecting through `Result` would grow and then shrink.
        let mut nodes = Vec::with_capacity(items.len());
        for item in items {
            nodes.push(self.condition(item)?);
        }
        Ok(nodes.into_boxed_slice())
    }

    /// One side of a comparison, `in` or `within`.
    fn operand<'e, 's>(&mut self, expr: &'e Expr<'s>) -> Result<Typed<'e, 's>, RuleError> {
        let mut fact_kind = None;
        let (operand, ty) = match &expr.kind {
            ExprKind::Fact(id) => {
                let Some((fact, kind)) = self.schema.fact(id) else {
                    let kind =
                        if id.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') {
                            RuleErrorKind::InvalidNumber((*id).to_owned())
                        } else {
                            RuleErrorKind::UnknownFact((*id).to_owned())
                        };
                    return Err(RuleError {
                        column: expr.column,
                        kind,
                    });
                };
                if !self.facts.contains(&fact) {
                    self.facts.push(fact);
                }
                fact_kind = Some(kind);
                let ty = match kind {
                    FactKind::Boolean => Ty::Bool,
                    FactKind::Integer | FactKind::Number => Ty::Number,
                    FactKind::Choice => Ty::Choice(fact),
                    FactKind::Region => Ty::Region,
                    FactKind::Date => Ty::Date,
                };
                (Operand::Fact(fact), ty)
            }
            ExprKind::Number(n) => (Operand::Lit(Lit::Number(*n)), Ty::Number),
            ExprKind::Str(s) => (Operand::Lit(Lit::Text(s.as_ref().into())), Ty::Text),
            ExprKind::Bool(b) => (Operand::Lit(Lit::Bool(*b)), Ty::Bool),
            _ => (Operand::Cond(Box::new(self.condition(expr)?)), Ty::Bool),
        };
        Ok(Typed {
            operand,
            ty,
            kind: fact_kind,
            expr,
        })
    }

    fn compare(&mut self, op: CmpOp, lhs: &Expr<'_>, rhs: &Expr<'_>) -> Result<Node, RuleError> {
        let lhs = self.operand(lhs)?;
        let rhs = self.operand(rhs)?;
        self.same_type(&lhs, &rhs)?;
        if op.is_ordering() {
            ordered(op, &lhs, &rhs)?;
        }
        Ok(Node::Compare {
            op,
            lhs: lhs.operand,
            rhs: rhs.operand,
        })
    }

    fn membership(&mut self, lhs: &Expr<'_>, list: &[Expr<'_>]) -> Result<Node, RuleError> {
        let lhs = self.operand(lhs)?;
        let mut lits = Vec::with_capacity(list.len());
        for item in list {
            let item = self.operand(item)?;
            self.same_type(&lhs, &item)?;
            if let Operand::Lit(lit) = item.operand {
                lits.push(lit);
            }
        }
        Ok(Node::In {
            lhs: lhs.operand,
            list: lits.into_boxed_slice(),
        })
    }

    fn within(
        &mut self,
        lhs: &Expr<'_>,
        region: &str,
        region_column: usize,
    ) -> Result<Node, RuleError> {
        let lhs = self.operand(lhs)?;
        let fact = match (&lhs.operand, lhs.ty) {
            (Operand::Fact(fact), Ty::Region) => *fact,
            _ => {
                return Err(RuleError {
                    column: lhs.expr.column,
                    kind: RuleErrorKind::WithinNeedsRegion {
                        found: describe(&lhs),
                    },
                })
            }
        };
        if !self.schema.has_region(region) {
            return Err(RuleError {
                column: region_column,
                kind: RuleErrorKind::UnknownRegion(region.to_owned()),
            });
        }
        Ok(Node::Within {
            fact,
            region: region.into(),
        })
    }

    /// Checks that two operands may be compared for equality, including that
    /// a string literal is a valid key, region or date for the other side.
    fn same_type(&self, lhs: &Typed<'_, '_>, rhs: &Typed<'_, '_>) -> Result<(), RuleError> {
        match (lhs.ty, rhs.ty) {
            (Ty::Bool, Ty::Bool)
            | (Ty::Number, Ty::Number)
            | (Ty::Choice(_), Ty::Choice(_))
            | (Ty::Region, Ty::Region)
            | (Ty::Date, Ty::Date)
            | (Ty::Text, Ty::Text) => Ok(()),
            (Ty::Choice(fact), Ty::Text) => self.option(fact, lhs, rhs),
            (Ty::Text, Ty::Choice(fact)) => self.option(fact, rhs, lhs),
            (Ty::Region, Ty::Text) => self.region(rhs),
            (Ty::Text, Ty::Region) => self.region(lhs),
            (Ty::Date, Ty::Text) => date(rhs),
            (Ty::Text, Ty::Date) => date(lhs),
            _ => Err(RuleError {
                column: rhs.expr.column,
                kind: RuleErrorKind::Mismatch {
                    left: describe(lhs),
                    right: describe(rhs),
                },
            }),
        }
    }

    fn option(
        &self,
        fact: usize,
        choice: &Typed<'_, '_>,
        key: &Typed<'_, '_>,
    ) -> Result<(), RuleError> {
        let text = text_of(key);
        if self.schema.has_option(fact, text) {
            return Ok(());
        }
        let fact = match &choice.expr.kind {
            ExprKind::Fact(id) => (*id).to_owned(),
            _ => String::new(),
        };
        Err(RuleError {
            column: key.expr.column,
            kind: RuleErrorKind::UnknownOption {
                fact,
                key: text.to_owned(),
            },
        })
    }

    fn region(&self, code: &Typed<'_, '_>) -> Result<(), RuleError> {
        let text = text_of(code);
        if self.schema.has_region(text) {
            return Ok(());
        }
        Err(RuleError {
            column: code.expr.column,
            kind: RuleErrorKind::UnknownRegion(text.to_owned()),
        })
    }
}

/// Checks an ordering comparison of two operands already known to have the same type.
fn ordered(op: CmpOp, lhs: &Typed<'_, '_>, rhs: &Typed<'_, '_>) -> Result<(), RuleError> {
    let not_ordered = |operand: &Typed<'_, '_>| RuleError {
        column: operand.expr.column,
        kind: RuleErrorKind::NotOrdered {
            op: op.as_str(),
            found: describe(operand),
        },
    };
    match (lhs.ty, rhs.ty) {
        (Ty::Number, Ty::Number)
        | (Ty::Date, Ty::Date)
        | (Ty::Date, Ty::Text)
        | (Ty::Text, Ty::Date) => Ok(()),
        (Ty::Text, Ty::Text) => {
            // Two string literals are ordered only when both are dates.
            for side in [lhs, rhs] {
                if !is_date(text_of(side)) {
                    return Err(not_ordered(side));
                }
            }
            Ok(())
        }
        // Point at the operand that cannot be ordered, not at a string literal.
        _ if lhs.ty == Ty::Text => Err(not_ordered(rhs)),
        _ => Err(not_ordered(lhs)),
    }
}

fn date(operand: &Typed<'_, '_>) -> Result<(), RuleError> {
    let text = text_of(operand);
    if is_date(text) {
        return Ok(());
    }
    Err(RuleError {
        column: operand.expr.column,
        kind: RuleErrorKind::InvalidDate(text.to_owned()),
    })
}

/// The text of a string literal operand (empty for anything else).
fn text_of<'e>(operand: &'e Typed<'_, '_>) -> &'e str {
    match &operand.operand {
        Operand::Lit(Lit::Text(text)) => text,
        _ => "",
    }
}

/// How an operand is named in error messages, such as "integer fact `age`".
fn describe(operand: &Typed<'_, '_>) -> String {
    match &operand.expr.kind {
        ExprKind::Fact(id) => match operand.kind {
            Some(kind) => format!("{} fact `{id}`", kind.as_str()),
            None => format!("fact `{id}`"),
        },
        ExprKind::Number(n) => format!("number `{n}`"),
        ExprKind::Str(s) => format!("string `\"{s}\"`"),
        ExprKind::Bool(b) => format!("boolean `{b}`"),
        _ => "a condition".to_owned(),
    }
}

/// Whether `text` is a valid calendar date in the form `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(part.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
    };
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}
