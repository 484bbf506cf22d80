//! A read-only walk over a compiled rule, for tools and tests that ask what
//! a rule is made of: its connectives, comparisons and operands, and how
//! deep it nests. Evaluation does not use it.

use super::check::{Lit, Node, Operand as CheckedOperand};

/// One part of a compiled rule, as [`Rule::walk`](super::Rule::walk) shows it.
///
/// Parentheses leave no part of their own: `(a or b) and c` is an `and`
/// whose first operand is an `or`.
#[derive(Debug, Clone)]
pub enum Part<'a> {
    /// `true` or `false` standing as a condition.
    Const(bool),
    /// A boolean fact standing as a condition (`living_alone`), by its index
    /// in the feed's facts list.
    Fact(usize),
    /// `not`; its operand is the next part, one level deeper.
    Not,
    /// `and` over this many operands, which follow one level deeper.
    And(usize),
    /// `or` over this many operands, which follow one level deeper.
    Or(usize),
    /// A comparison with its operator as written (`==`, `!=`, `<`, `<=`,
    /// `>`, `>=`) and its operands in source order: `60 <= age` keeps the
    /// number on the left.
    Compare {
        /// The operator.
        op: &'static str,
        /// The left operand.
        lhs: Operand<'a>,
        /// The right operand.
        rhs: Operand<'a>,
    },
    /// `lhs in [items]`.
    In {
        /// The operand tested.
        lhs: Operand<'a>,
        /// The list's items, in source order.
        items: Items<'a>,
    },
    /// `fact within "region"`.
    Within {
        /// The region fact, by its index in the feed's facts list.
        fact: usize,
        /// The region code.
        region: &'a str,
    },
}

/// One side of a comparison or of `in`, or an item of an `in` list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand<'a> {
    /// A fact, by its index in the feed's facts list.
    Fact(usize),
    /// A number literal.
    Number(f64),
    /// A string literal: a choice key, a region code or a date.
    Text(&'a str),
    /// `true` or `false`.
    Bool(bool),
    /// A parenthesised condition compared as a boolean, as in
    /// `(age >= 60) == living_alone`; its parts follow one level deeper.
    Condition,
}

/// The items of an `in` list.
#[derive(Debug, Clone)]
pub struct Items<'a>(std::slice::Iter<'a, Lit>);

impl<'a> Iterator for Items<'a> {
    type Item = Operand<'a>;

    fn next(&mut self) -> Option<Operand<'a>> {
        self.0.next().map(literal)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for Items<'_> {}

/// Calls `visit` with `node` at `depth`, then with its operands one level deeper.
pub(super) fn walk<'a>(node: &'a Node, depth: usize, visit: &mut dyn FnMut(Part<'a>, usize)) {
    match node {
        Node::Const(value) => visit(Part::Const(*value), depth),
        Node::Fact(fact) => visit(Part::Fact(*fact), depth),
        Node::Not(inner) => {
            visit(Part::Not, depth);
            walk(inner, depth + 1, visit);
        }
        Node::And(items) | Node::Or(items) => {
            let part = match node {
                Node::And(_) => Part::And(items.len()),
                _ => Part::Or(items.len()),
            };
            visit(part, depth);
            for item in items.iter() {
                walk(item, depth + 1, visit);
            }
        }
        Node::Compare { op, lhs, rhs } => {
            visit(
                Part::Compare {
                    op: op.as_str(),
                    lhs: operand(lhs),
                    rhs: operand(rhs),
                },
                depth,
            );
            for side in [lhs, rhs] {
                condition(side, depth, visit);
            }
        }
        Node::In { lhs, list } => {
            visit(
                Part::In {
                    lhs: operand(lhs),
                    items: Items(list.iter()),
                },
                depth,
            );
            condition(lhs, depth, visit);
        }
        Node::Within { fact, region } => visit(
            Part::Within {
                fact: *fact,
                region,
            },
            depth,
        ),
    }
}

/// Walks the condition inside a parenthesised operand, if it is one.
fn condition<'a>(side: &'a CheckedOperand, depth: usize, visit: &mut dyn FnMut(Part<'a>, usize)) {
    if let CheckedOperand::Cond(inner) = side {
        walk(inner, depth + 1, visit);
    }
}

fn operand(side: &CheckedOperand) -> Operand<'_> {
    match side {
        CheckedOperand::Fact(fact) => Operand::Fact(*fact),
        CheckedOperand::Lit(lit) => literal(lit),
        CheckedOperand::Cond(_) => Operand::Condition,
    }
}

fn literal(lit: &Lit) -> Operand<'_> {
    match lit {
        Lit::Bool(value) => Operand::Bool(*value),
        Lit::Number(value) => Operand::Number(*value),
        Lit::Text(text) => Operand::Text(text),
    }
}
