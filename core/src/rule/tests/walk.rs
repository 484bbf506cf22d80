//! The walk over a compiled rule: every part with its depth, in order.

use super::{fact_name, TestSchema};
use crate::rule::{Operand, Part, Rule};

fn operand(operand: Operand<'_>) -> String {
    match operand {
        Operand::Fact(fact) => fact_name(fact).to_owned(),
        Operand::Number(n) => n.to_string(),
        Operand::Text(text) => format!("\"{text}\""),
        Operand::Bool(b) => b.to_string(),
        Operand::Condition => "(…)".to_owned(),
    }
}

fn part(part: Part<'_>) -> String {
    match part {
        Part::Const(b) => b.to_string(),
        Part::Fact(fact) => fact_name(fact).to_owned(),
        Part::Not => "not".to_owned(),
        Part::And(n) => format!("and/{n}"),
        Part::Or(n) => format!("or/{n}"),
        Part::Compare { op, lhs, rhs } => format!("{} {op} {}", operand(lhs), operand(rhs)),
        Part::In { lhs, items } => {
            let items: Vec<String> = items.map(operand).collect();
            format!("{} in [{}]", operand(lhs), items.join(", "))
        }
        Part::Within { fact, region } => format!("{} within \"{region}\"", fact_name(fact)),
    }
}

/// Walks `rule`; `expected` is each part as `depth:part`, separated by `; `.
fn check(rule: &str, expected: &str) {
    let compiled = Rule::compile(rule, &TestSchema).unwrap_or_else(|e| panic!("{rule}: {e}"));
    let mut parts = Vec::new();
    compiled.walk(|p, depth| parts.push(format!("{depth}:{}", part(p))));
    assert_eq!(parts.join("; "), expected, "rule: {rule}");
}

#[test]
fn parts_in_order_with_their_depth() {
    let cases = [
        ("true", "1:true"),
        ("false", "1:false"),
        ("living_alone", "1:living_alone"),
        ("(living_alone)", "1:living_alone"),
        ("age >= 60", "1:age >= 60"),
        ("60 <= age", "1:60 <= age"),
        ("income > 2.5", "1:income > 2.5"),
        ("living_alone == false", "1:living_alone == false"),
        (r#"birthday < "2000-01-01""#, r#"1:birthday < "2000-01-01""#),
        (r#"residence == "110101""#, r#"1:residence == "110101""#),
        (
            r#"income_status in ["dibao", "low_income"]"#,
            r#"1:income_status in ["dibao", "low_income"]"#,
        ),
        ("disability_grade in [1, 2]", "1:disability_grade in [1, 2]"),
        (
            r#"residence within "110101""#,
            r#"1:residence within "110101""#,
        ),
        ("not veteran", "1:not; 2:veteran"),
        ("not age < 18", "1:not; 2:age < 18"),
        (
            "not (age < 18 or veteran)",
            "1:not; 2:or/2; 3:age < 18; 3:veteran",
        ),
        (
            "age >= 60 and (living_alone or not veteran)",
            "1:and/2; 2:age >= 60; 2:or/2; 3:living_alone; 3:not; 4:veteran",
        ),
        (
            "veteran or living_alone and age > 1 and income < 3",
            "1:or/2; 2:veteran; 2:and/3; 3:living_alone; 3:age > 1; 3:income < 3",
        ),
        (
            "(age >= 60) == living_alone",
            "1:(…) == living_alone; 2:age >= 60",
        ),
        (
            "(veteran and living_alone) != (age > 1)",
            "1:(…) != (…); 2:and/2; 3:veteran; 3:living_alone; 2:age > 1",
        ),
    ];
    for (rule, expected) in cases {
        check(rule, expected);
    }
}
