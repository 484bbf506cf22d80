//! Property tests: no input makes the parser or evaluator panic, and
//! `missing` lists exactly what can still settle an unknown value.

use proptest::prelude::*;

use super::{fact_index, Slot, TestEnv, TestSchema, FACTS};
use crate::rule::{parse_only, FactKind, Rule, Truth, Value};

/// Rule-like text: the alphabet of the language with a few words.
fn rule_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("and ".to_owned()),
        Just("or ".to_owned()),
        Just("not ".to_owned()),
        Just("in ".to_owned()),
        Just("within ".to_owned()),
        Just("true".to_owned()),
        Just("age ".to_owned()),
        Just("income_status".to_owned()),
        "[-()\\[\\],=<>!\"\\\\ .0-9a-z东]{1,4}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// Leaves of random well-typed rules over the test facts.
fn leaf() -> impl Strategy<Value = String> {
    let op = prop_oneof![
        Just("=="),
        Just("!="),
        Just("<"),
        Just("<="),
        Just(">"),
        Just(">=")
    ];
    let number = prop_oneof![Just("0"), Just("1"), Just("1.5"), Just("2"), Just("-1")];
    prop_oneof![
        Just("living_alone".to_owned()),
        Just("veteran".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        (op.clone(), number).prop_map(|(op, n)| format!("age {op} {n}")),
        op.clone().prop_map(|op| format!("age {op} income")),
        op.prop_map(|op| format!(r#"birthday {op} "1966-01-01""#)),
        Just(r#"income_status == "dibao""#.to_owned()),
        Just(r#"income_status != "none""#.to_owned()),
        Just(r#"income_status in ["dibao", "low_income"]"#.to_owned()),
        Just("income in [0, 2]".to_owned()),
        Just(r#"residence within "110101""#.to_owned()),
        Just(r#"residence == "110105""#.to_owned()),
        Just("living_alone == veteran".to_owned()),
    ]
}

/// Random well-typed rules, nested up to a few levels.
fn rule_text() -> impl Strategy<Value = String> {
    leaf().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|a| format!("not {a}")),
            inner.clone().prop_map(|a| format!("({a})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) and ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) or ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) == ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) != ({b})")),
            inner.clone().prop_map(|a| format!("({a}) in [true]")),
            inner.clone().prop_map(|a| format!("({a}) in []")),
            proptest::collection::vec(inner.clone(), 2..5).prop_map(|items| items
                .iter()
                .map(|i| format!("({i})"))
                .collect::<Vec<_>>()
                .join(" and ")),
            proptest::collection::vec(inner, 2..5).prop_map(|items| items
                .iter()
                .map(|i| format!("({i})"))
                .collect::<Vec<_>>()
                .join(" or ")),
        ]
    })
}

/// A few values a fact of this kind may take.
fn values_for(kind: FactKind) -> Vec<Value> {
    let text = |items: &[&str]| items.iter().map(|s| Value::Text((*s).to_owned())).collect();
    match kind {
        FactKind::Boolean => vec![Value::Bool(true), Value::Bool(false)],
        FactKind::Integer | FactKind::Number => [-1.0, 0.0, 1.0, 1.5, 2.0, 3.0]
            .into_iter()
            .map(Value::Number)
            .collect(),
        FactKind::Choice => text(&["dibao", "low_income", "none"]),
        FactKind::Region => text(&["110000", "110101", "110101002003", "110105", "110105001001"]),
        FactKind::Date => text(&["1950-01-01", "1966-01-01", "1990-06-30"]),
    }
}

/// One slot per test fact: unanswered, "I don't know" (when allowed) or a value.
fn slots(dont_know: bool) -> impl Strategy<Value = Vec<Slot>> {
    let per_fact: Vec<_> = FACTS
        .iter()
        .map(|&(_, kind, _)| {
            let values = values_for(kind);
            let choices = values.len() + 2;
            (0..choices).prop_map(move |i| match i {
                0 => Slot::Unanswered,
                1 if dont_know => Slot::DontKnow,
                1 => Slot::Unanswered,
                _ => values
                    .get(i - 2)
                    .cloned()
                    .map_or(Slot::Unanswered, Slot::Is),
            })
        })
        .collect();
    per_fact
}

/// A value for each test fact, picked by index.
fn pick(fact: usize, choice: usize) -> Value {
    let values = values_for(FACTS[fact].1);
    values[choice % values.len()].clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsing_never_panics(text in any::<String>()) {
        let _ = parse_only(&text);
        let _ = Rule::compile(&text, &TestSchema);
    }

    #[test]
    fn parsing_rule_like_text_never_panics(text in rule_like()) {
        let _ = parse_only(&text);
        if let Ok(rule) = Rule::compile(&text, &TestSchema) {
            let env = TestEnv::parse("");
            let _ = rule.evaluate(&env);
            let _ = rule.clauses(&env);
        }
    }

    /// Answering a fact that is not missing never settles an unknown value,
    /// and answering anything never changes a settled one.
    #[test]
    fn facts_not_missing_cannot_settle(text in rule_text(), slots in slots(true)) {
        let rule = Rule::compile(&text, &TestSchema).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let env = TestEnv { slots };
        let evaluation = rule.evaluate(&env);
        prop_assert_eq!(rule.eval(&env), evaluation.value);
        if evaluation.value.is_known() {
            prop_assert!(evaluation.missing.is_empty());
        }
        // Missing facts are unanswered facts of the rule, each once, in rule order.
        let positions: Vec<usize> = evaluation
            .missing
            .iter()
            .map(|f| rule.facts().iter().position(|g| g == f).unwrap_or(usize::MAX))
            .collect();
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "{:?}", positions);
        prop_assert!(positions.iter().all(|&p| p != usize::MAX));
        for &fact in &evaluation.missing {
            prop_assert_eq!(&env.slots[fact], &Slot::Unanswered);
        }
        for &fact in rule.facts() {
            if env.slots[fact] != Slot::Unanswered {
                continue;
            }
            let mut answers: Vec<Slot> = values_for(FACTS[fact].1).into_iter().map(Slot::Is).collect();
            answers.push(Slot::DontKnow);
            for answer in answers {
                let mut changed = env.clone();
                changed.slots[fact] = answer.clone();
                let value = rule.eval(&changed);
                if evaluation.value.is_known() {
                    prop_assert_eq!(value, evaluation.value, "{} answering {} with {:?}", text, fact, answer);
                } else if !evaluation.missing.contains(&fact) {
                    prop_assert_eq!(value, Truth::Unknown, "{} answering {} with {:?}", text, fact, answer);
                }
            }
        }
    }

    /// With no "I don't know" answers, answering every missing fact settles the rule.
    #[test]
    fn answering_missing_settles(
        text in rule_text(),
        slots in slots(false),
        choices in proptest::collection::vec(0usize..8, FACTS.len()),
    ) {
        let rule = Rule::compile(&text, &TestSchema).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let mut env = TestEnv { slots };
        let evaluation = rule.evaluate(&env);
        if evaluation.value == Truth::Unknown {
            prop_assert!(!evaluation.missing.is_empty(), "{}", text);
        }
        for &fact in &evaluation.missing {
            env.slots[fact] = Slot::Is(pick(fact, choices[fact]));
        }
        prop_assert!(rule.eval(&env).is_known(), "{} with {:?}", text, env.slots);
    }
}

#[test]
fn deep_and_long_inputs_are_errors_not_crashes() {
    for text in [
        "(".repeat(100_000),
        "not ".repeat(100_000),
        "[".repeat(5000),
        "\"".repeat(5000),
        "a and ".repeat(700),
    ] {
        assert!(parse_only(&text).is_err());
        assert!(Rule::compile(&text, &TestSchema).is_err());
    }
    // The largest nesting allowed compiles and evaluates.
    let deep = format!("{}living_alone{}", "(not ".repeat(32), ")".repeat(32));
    let rule = Rule::compile(&deep, &TestSchema).unwrap();
    let env = TestEnv::parse("living_alone=true");
    assert_eq!(rule.eval(&env), Truth::True);
    assert_eq!(rule.facts(), [fact_index("living_alone")]);
}
