//! Kleene evaluation of the checked tree, with and without collecting the
//! missing facts.
//!
//! Both walks work on fact indices only and allocate nothing themselves;
//! `eval_missing` pushes onto the caller's vector, which allocates only when
//! a fact is actually missing.

use super::check::{Lit, Node, Operand};
use super::lexer::CmpOp;
use super::{Answer, Env, Truth, Value};

/// The value of a node.
pub(crate) fn eval(node: &Node, env: &dyn Env) -> Truth {
    match node {
        Node::Const(b) => Truth::from(*b),
        Node::Fact(fact) => match env.answer(*fact) {
            Answer::Value(Value::Bool(b)) => Truth::from(*b),
            _ => Truth::Unknown,
        },
        Node::Not(inner) => !eval(inner, env),
        Node::And(items) => {
            let mut value = Truth::True;
            for item in items.iter() {
                match eval(item, env) {
                    Truth::False => return Truth::False,
                    Truth::Unknown => value = Truth::Unknown,
                    Truth::True => {}
                }
            }
            value
        }
        Node::Or(items) => {
            let mut value = Truth::False;
            for item in items.iter() {
                match eval(item, env) {
                    Truth::True => return Truth::True,
                    Truth::Unknown => value = Truth::Unknown,
                    Truth::False => {}
                }
            }
            value
        }
        Node::Compare { op, lhs, rhs } => compare(*op, value(lhs, env), value(rhs, env)),
        Node::In { lhs, list } => member(value(lhs, env), list),
        Node::Within { fact, region } => within(*fact, region, env),
    }
}

/// The value of a node; when it is unknown, pushes the facts that could
/// still change it onto `missing` (possibly with repeats, in evaluation
/// order). A node whose value is known pushes nothing.
pub(crate) fn eval_missing(node: &Node, env: &dyn Env, missing: &mut Vec<usize>) -> Truth {
    match node {
        Node::Const(b) => Truth::from(*b),
        Node::Fact(fact) => match env.answer(*fact) {
            Answer::Value(Value::Bool(b)) => Truth::from(*b),
            Answer::Unanswered => {
                missing.push(*fact);
                Truth::Unknown
            }
            _ => Truth::Unknown,
        },
        Node::Not(inner) => !eval_missing(inner, env, missing),
        Node::And(items) => settle(items, env, missing, Truth::False),
        Node::Or(items) => settle(items, env, missing, Truth::True),
        Node::Compare { op, lhs, rhs } => {
            let mark = missing.len();
            let (left, left_stuck) = value_missing(lhs, env, missing);
            let (right, right_stuck) = value_missing(rhs, env, missing);
            let result = compare(*op, left, right);
            if result.is_known() || left_stuck || right_stuck {
                missing.truncate(mark);
            }
            result
        }
        Node::In { lhs, list } => {
            let mark = missing.len();
            let (left, stuck) = value_missing(lhs, env, missing);
            let result = member(left, list);
            if result.is_known() || stuck {
                missing.truncate(mark);
            }
            result
        }
        Node::Within { fact, region } => {
            let result = within(*fact, region, env);
            if result == Truth::Unknown && env.answer(*fact) == Answer::Unanswered {
                missing.push(*fact);
            }
            result
        }
    }
}

/// An `and` (`decisive` false) or `or` (`decisive` true): one decisive
/// operand settles it and leaves nothing missing; otherwise the missing
/// facts are those of its unknown operands.
fn settle(items: &[Node], env: &dyn Env, missing: &mut Vec<usize>, decisive: Truth) -> Truth {
    let mark = missing.len();
    let mut value = !decisive;
    for item in items {
        match eval_missing(item, env, missing) {
            Truth::Unknown => value = Truth::Unknown,
            v if v == decisive => {
                missing.truncate(mark);
                return decisive;
            }
            _ => {}
        }
    }
    value
}

/// A runtime value of an operand.
#[derive(Debug, Clone, Copy)]
enum Val<'a> {
    Bool(bool),
    Number(f64),
    Text(&'a str),
    Unknown,
}

impl<'a> Val<'a> {
    fn of_answer(answer: Answer<'a>) -> Val<'a> {
        match answer {
            Answer::Value(Value::Bool(b)) => Val::Bool(*b),
            Answer::Value(Value::Number(n)) => Val::Number(*n),
            Answer::Value(Value::Text(t)) => Val::Text(t),
            Answer::Unanswered | Answer::Unknown => Val::Unknown,
        }
    }

    fn of_lit(lit: &'a Lit) -> Val<'a> {
        match lit {
            Lit::Bool(b) => Val::Bool(*b),
            Lit::Number(n) => Val::Number(*n),
            Lit::Text(t) => Val::Text(t),
        }
    }

    fn of_truth(truth: Truth) -> Val<'a> {
        match truth.as_option() {
            Some(b) => Val::Bool(b),
            None => Val::Unknown,
        }
    }
}

fn value<'a>(operand: &'a Operand, env: &'a dyn Env) -> Val<'a> {
    match operand {
        Operand::Fact(fact) => Val::of_answer(env.answer(*fact)),
        Operand::Lit(lit) => Val::of_lit(lit),
        Operand::Cond(node) => Val::of_truth(eval(node, env)),
    }
}

/// The value of an operand, pushing its missing facts, and whether it is
/// stuck: unknown with nothing that could change it (answered "I don't know").
fn value_missing<'a>(
    operand: &'a Operand,
    env: &'a dyn Env,
    missing: &mut Vec<usize>,
) -> (Val<'a>, bool) {
    match operand {
        Operand::Fact(fact) => match env.answer(*fact) {
            Answer::Unanswered => {
                missing.push(*fact);
                (Val::Unknown, false)
            }
            Answer::Unknown => (Val::Unknown, true),
            answer => (Val::of_answer(answer), false),
        },
        Operand::Lit(lit) => (Val::of_lit(lit), false),
        Operand::Cond(node) => {
            let mark = missing.len();
            let truth = eval_missing(node, env, missing);
            let stuck = truth == Truth::Unknown && missing.len() == mark;
            (Val::of_truth(truth), stuck)
        }
    }
}

/// Compares two values; unknown when either is unknown or their types differ.
fn compare(op: CmpOp, left: Val<'_>, right: Val<'_>) -> Truth {
    let ordering = match (left, right) {
        (Val::Number(l), Val::Number(r)) => l.partial_cmp(&r),
        (Val::Text(l), Val::Text(r)) => Some(l.cmp(r)),
        (Val::Bool(l), Val::Bool(r)) => Some(l.cmp(&r)),
        _ => return Truth::Unknown,
    };
    let result = match ordering {
        Some(ordering) => match op {
            CmpOp::Eq => ordering.is_eq(),
            CmpOp::Ne => ordering.is_ne(),
            CmpOp::Lt => ordering.is_lt(),
            CmpOp::Le => ordering.is_le(),
            CmpOp::Gt => ordering.is_gt(),
            CmpOp::Ge => ordering.is_ge(),
        },
        // A NaN answer equals nothing and orders with nothing.
        None => op == CmpOp::Ne,
    };
    Truth::from(result)
}

/// Whether a value is in a list of literals.
fn member(left: Val<'_>, list: &[Lit]) -> Truth {
    if matches!(left, Val::Unknown) {
        return Truth::Unknown;
    }
    let mut value = Truth::False;
    for lit in list {
        match compare(CmpOp::Eq, left, Val::of_lit(lit)) {
            Truth::True => return Truth::True,
            Truth::Unknown => value = Truth::Unknown,
            Truth::False => {}
        }
    }
    value
}

fn within(fact: usize, region: &str, env: &dyn Env) -> Truth {
    match env.answer(fact) {
        Answer::Value(Value::Text(code)) => Truth::from(env.within(code, region)),
        _ => Truth::Unknown,
    }
}
