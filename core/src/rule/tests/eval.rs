//! Evaluation tables: values, missing facts and clauses.

use super::{fact_name, TestEnv, TestSchema};
use crate::rule::{Rule, Truth};

fn truth_name(truth: Truth) -> &'static str {
    match truth {
        Truth::True => "true",
        Truth::False => "false",
        Truth::Unknown => "unknown",
    }
}

/// Evaluates `rule` with `answers` (see [`TestEnv::parse`]); `expected` is
/// the value, followed for an unknown value by the missing facts, such as
/// `unknown [age, living_alone]`.
fn check(rule: &str, answers: &str, expected: &str) {
    let compiled = Rule::compile(rule, &TestSchema).unwrap_or_else(|e| panic!("{rule}: {e}"));
    let env = TestEnv::parse(answers);
    let evaluation = compiled.evaluate(&env);
    assert_eq!(
        compiled.eval(&env),
        evaluation.value,
        "{rule} with {answers}"
    );
    let mut actual = truth_name(evaluation.value).to_owned();
    if evaluation.value == Truth::Unknown {
        let names: Vec<&str> = evaluation.missing.iter().map(|&f| fact_name(f)).collect();
        actual = format!("{actual} [{}]", names.join(", "));
    } else {
        assert!(evaluation.missing.is_empty(), "{rule} with {answers}");
    }
    assert_eq!(actual, expected, "{rule} with {answers}");
}

/// Truth tables of `and`, `or` and `not`; `?` is "I don't know" and an
/// absent fact is unanswered.
#[test]
fn connectives() {
    let cases = [
        (
            "living_alone and veteran",
            "living_alone=true veteran=true",
            "true",
        ),
        (
            "living_alone and veteran",
            "living_alone=true veteran=false",
            "false",
        ),
        (
            "living_alone and veteran",
            "living_alone=false veteran=true",
            "false",
        ),
        (
            "living_alone and veteran",
            "living_alone=false veteran=false",
            "false",
        ),
        (
            "living_alone and veteran",
            "living_alone=true",
            "unknown [veteran]",
        ),
        (
            "living_alone and veteran",
            "veteran=true",
            "unknown [living_alone]",
        ),
        ("living_alone and veteran", "living_alone=false", "false"),
        ("living_alone and veteran", "veteran=false", "false"),
        (
            "living_alone and veteran",
            "",
            "unknown [living_alone, veteran]",
        ),
        (
            "living_alone and veteran",
            "living_alone=true veteran=?",
            "unknown []",
        ),
        (
            "living_alone and veteran",
            "living_alone=? veteran=false",
            "false",
        ),
        (
            "living_alone and veteran",
            "living_alone=?",
            "unknown [veteran]",
        ),
        (
            "living_alone and veteran",
            "living_alone=? veteran=?",
            "unknown []",
        ),
        (
            "living_alone or veteran",
            "living_alone=true veteran=true",
            "true",
        ),
        (
            "living_alone or veteran",
            "living_alone=true veteran=false",
            "true",
        ),
        (
            "living_alone or veteran",
            "living_alone=false veteran=true",
            "true",
        ),
        (
            "living_alone or veteran",
            "living_alone=false veteran=false",
            "false",
        ),
        ("living_alone or veteran", "living_alone=true", "true"),
        ("living_alone or veteran", "veteran=true", "true"),
        (
            "living_alone or veteran",
            "living_alone=false",
            "unknown [veteran]",
        ),
        (
            "living_alone or veteran",
            "veteran=false",
            "unknown [living_alone]",
        ),
        (
            "living_alone or veteran",
            "",
            "unknown [living_alone, veteran]",
        ),
        (
            "living_alone or veteran",
            "living_alone=? veteran=false",
            "unknown []",
        ),
        (
            "living_alone or veteran",
            "living_alone=? veteran=true",
            "true",
        ),
        (
            "living_alone or veteran",
            "living_alone=?",
            "unknown [veteran]",
        ),
        ("not living_alone", "living_alone=true", "false"),
        ("not living_alone", "living_alone=false", "true"),
        ("not living_alone", "", "unknown [living_alone]"),
        ("not living_alone", "living_alone=?", "unknown []"),
        ("not not living_alone", "living_alone=true", "true"),
        ("living_alone", "living_alone=true", "true"),
        ("true", "", "true"),
        ("false", "", "false"),
        ("not true", "", "false"),
        ("true and living_alone", "", "unknown [living_alone]"),
        ("false and living_alone", "", "false"),
        ("true or living_alone", "", "true"),
        ("false or living_alone", "", "unknown [living_alone]"),
        ("living_alone and veteran or true", "", "true"),
        (
            "living_alone and veteran and age > 1",
            "veteran=false",
            "false",
        ),
    ];
    for (rule, answers, expected) in cases {
        check(rule, answers, expected);
    }
}

#[test]
fn comparisons() {
    let cases = [
        ("age >= 60", "age=60", "true"),
        ("age >= 60", "age=59", "false"),
        ("age >= 60", "age=59.99", "false"),
        ("age > 60", "age=60", "false"),
        ("age < 60", "age=59", "true"),
        ("age <= 60", "age=60", "true"),
        ("age == 60", "age=60", "true"),
        ("age == 60", "age=60.0001", "false"),
        ("age != 60", "age=61", "true"),
        ("income > -1.5", "income=-1", "true"),
        ("income == -1.5", "income=-1.5", "true"),
        ("age >= 60", "", "unknown [age]"),
        ("age >= 60", "age=?", "unknown []"),
        // A NaN answer equals nothing and orders with nothing.
        ("age >= 60", "age=NaN", "false"),
        ("age != 60", "age=NaN", "true"),
        // An answer of the wrong type leaves the comparison unknown, with nothing to ask.
        ("age >= 60", "age=old", "unknown []"),
        ("living_alone", "living_alone=1", "unknown []"),
        (
            r#"residence within "110101""#,
            "residence=true",
            "unknown []",
        ),
        ("age in [1, 2]", "age=yes", "unknown []"),
        ("1 < 2", "", "true"),
        ("2 < 1", "", "false"),
        ("1 == 1.0", "", "true"),
        (r#""a" == "a""#, "", "true"),
        (r#""a" != "a""#, "", "false"),
        ("true == false", "", "false"),
        ("age < income", "age=1 income=2", "true"),
        ("age < income", "age=2 income=2", "false"),
        ("age < income", "age=1", "unknown [income]"),
        ("age < income", "", "unknown [age, income]"),
        ("age < income", "income=?", "unknown []"),
        (r#"income_status == "dibao""#, "income_status=dibao", "true"),
        (r#"income_status == "dibao""#, "income_status=none", "false"),
        (r#"income_status != "dibao""#, "income_status=none", "true"),
        (r#"income_status == "dibao""#, "", "unknown [income_status]"),
        (
            "income_status == household",
            "income_status=none household=single",
            "false",
        ),
        (r#"residence == "110101""#, "residence=110101", "true"),
        (
            r#"residence == "110101""#,
            "residence=110101002003",
            "false",
        ),
        (
            "residence == work_place",
            "residence=110101 work_place=110101",
            "true",
        ),
        // Booleans compared as values.
        ("living_alone == true", "living_alone=true", "true"),
        (
            "living_alone == veteran",
            "living_alone=false veteran=false",
            "true",
        ),
        (
            "living_alone != veteran",
            "living_alone=false veteran=true",
            "true",
        ),
        (
            "living_alone == veteran",
            "living_alone=false",
            "unknown [veteran]",
        ),
        (
            "(age > 1) == living_alone",
            "age=2 living_alone=true",
            "true",
        ),
        (
            "(age > 1) == living_alone",
            "living_alone=false",
            "unknown [age]",
        ),
        (
            "(age > 1) == living_alone",
            "",
            "unknown [age, living_alone]",
        ),
        ("(age > 1) == living_alone", "age=?", "unknown []"),
        (
            "(age > 1 or veteran) != living_alone",
            "age=? veteran=false living_alone=true",
            "unknown []",
        ),
        (
            "(age > 1 or veteran) != living_alone",
            "age=? living_alone=true",
            "unknown [veteran]",
        ),
        (
            "(age > 1 or veteran) != living_alone",
            "veteran=true",
            "unknown [living_alone]",
        ),
    ];
    for (rule, answers, expected) in cases {
        check(rule, answers, expected);
    }
}

#[test]
fn membership() {
    let cases = [
        ("age in [1, 2]", "age=2", "true"),
        ("age in [1, 2]", "age=3", "false"),
        ("age in [1, 2]", "", "unknown [age]"),
        ("age in [1, 2]", "age=?", "unknown []"),
        ("age in []", "age=1", "false"),
        ("age in []", "", "unknown [age]"),
        (
            r#"income_status in ["dibao", "low_income"]"#,
            "income_status=low_income",
            "true",
        ),
        (
            r#"income_status in ["dibao", "low_income"]"#,
            "income_status=none",
            "false",
        ),
        (
            r#"income_status in ["dibao", "low_income"]"#,
            "",
            "unknown [income_status]",
        ),
        (
            r#"residence in ["110101", "110105"]"#,
            "residence=110105",
            "true",
        ),
        (
            r#"residence in ["110101", "110105"]"#,
            "residence=110105001",
            "false",
        ),
        (
            r#"birthday in ["2000-01-01"]"#,
            "birthday=2000-01-01",
            "true",
        ),
        ("living_alone in [true]", "living_alone=false", "false"),
        (
            "(veteran or living_alone) in [true]",
            "veteran=true",
            "true",
        ),
        (
            "(veteran or living_alone) in [false]",
            "veteran=false",
            "unknown [living_alone]",
        ),
        ("not age in [1]", "age=1", "false"),
    ];
    for (rule, answers, expected) in cases {
        check(rule, answers, expected);
    }
}

#[test]
fn regions() {
    let cases = [
        (
            r#"residence within "110101""#,
            "residence=110101002003",
            "true",
        ),
        (
            r#"residence within "110101""#,
            "residence=110101002",
            "true",
        ),
        (r#"residence within "110101""#, "residence=110101", "true"),
        (r#"residence within "110101""#, "residence=110000", "false"),
        (
            r#"residence within "110101""#,
            "residence=110105001001",
            "false",
        ),
        (
            r#"residence within "110000""#,
            "residence=110105001001",
            "true",
        ),
        (r#"residence within "110101""#, "residence=999", "false"),
        (r#"residence within "110101""#, "", "unknown [residence]"),
        (r#"residence within "110101""#, "residence=?", "unknown []"),
        (
            r#"not residence within "110101""#,
            "residence=110105",
            "true",
        ),
        (
            r#"age >= 60 and residence within "110101""#,
            "residence=110105",
            "false",
        ),
        (
            r#"age >= 60 and residence within "110101""#,
            "residence=110101",
            "unknown [age]",
        ),
    ];
    for (rule, answers, expected) in cases {
        check(rule, answers, expected);
    }
}

#[test]
fn dates() {
    let cases = [
        (r#"birthday < "1966-01-01""#, "birthday=1965-12-31", "true"),
        (r#"birthday < "1966-01-01""#, "birthday=1966-01-01", "false"),
        (r#"birthday <= "1966-01-01""#, "birthday=1966-01-01", "true"),
        (r#"birthday > "1966-01-01""#, "birthday=1966-01-02", "true"),
        (r#"birthday >= "1966-01-01""#, "birthday=1999-12-31", "true"),
        (r#"birthday > "1966-10-01""#, "birthday=1966-09-30", "false"),
        (r#"birthday == "1966-01-01""#, "birthday=1966-01-01", "true"),
        (
            r#"birthday != "1966-01-01""#,
            "birthday=1966-01-01",
            "false",
        ),
        (r#""1966-01-01" > birthday"#, "birthday=1950-06-15", "true"),
        (r#""2026-01-01" < "2026-02-01""#, "", "true"),
        (r#"birthday < "1966-01-01""#, "", "unknown [birthday]"),
    ];
    for (rule, answers, expected) in cases {
        check(rule, answers, expected);
    }
}

/// The worked examples of FEED.md (without `residence`, which the decision
/// adds for `service_areas`), and how settled parts hide their facts.
#[test]
fn missing() {
    let feed = "age >= 60 and (living_alone or disability_grade <= 2)";
    let cases = [
        (feed, "", "unknown [age, living_alone, disability_grade]"),
        (feed, "age=50", "false"),
        (feed, "age=70", "unknown [living_alone, disability_grade]"),
        (feed, "age=70 living_alone=true", "true"),
        (feed, "age=85 living_alone=true income_status=none", "true"),
        (feed, "age=70 living_alone=?", "unknown [disability_grade]"),
        (
            feed,
            "age=70 living_alone=false disability_grade=?",
            "unknown []",
        ),
        (feed, "age=70 living_alone=false disability_grade=2", "true"),
        (
            feed,
            "age=70 living_alone=false disability_grade=3",
            "false",
        ),
        (feed, "age=45", "false"),
        (feed, "age=? living_alone=true", "unknown []"),
        (
            feed,
            "age=? living_alone=false",
            "unknown [disability_grade]",
        ),
        (feed, "living_alone=true", "unknown [age]"),
        (feed, "disability_grade=4", "unknown [age, living_alone]"),
        ("age >= 60 and living_alone", "age=45", "false"),
        // Each fact once, at its first appearance.
        (
            "living_alone or age >= 60 and living_alone",
            "",
            "unknown [living_alone, age]",
        ),
        (
            "age > 1 and age < 9 and (veteran or age == 5)",
            "veteran=false",
            "unknown [age]",
        ),
        // First appearance in the whole rule, even when that part is settled.
        (
            "(veteran and false) or (age > 1 and veteran)",
            "",
            "unknown [veteran, age]",
        ),
        (
            "(false and veteran) or (age > 1 and living_alone)",
            "",
            "unknown [age, living_alone]",
        ),
        // A comparison answered "I don't know" cannot be settled, but the rest can.
        (
            r#"age >= 60 and income_status == "dibao""#,
            "age=?",
            "unknown [income_status]",
        ),
        (
            "age >= 60 or living_alone",
            "age=?",
            "unknown [living_alone]",
        ),
        ("age > 60 or veteran", "age=70", "true"),
        ("not (age > 60 and veteran)", "age=50", "true"),
        ("not (age > 60 and veteran)", "age=70", "unknown [veteran]"),
        (
            r#"income_status in ["dibao", "low_income"]"#,
            "",
            "unknown [income_status]",
        ),
        ("living_alone and age >= 80", "age=70", "false"),
        (
            "living_alone and age >= 80",
            "living_alone=true",
            "unknown [age]",
        ),
    ];
    for (rule, answers, expected) in cases {
        check(rule, answers, expected);
    }
}

/// Compares the clauses of `rule` with `expected`, each `text => value`.
fn check_clauses(rule: &str, answers: &str, expected: &[&str]) {
    let compiled = Rule::compile(rule, &TestSchema).unwrap_or_else(|e| panic!("{rule}: {e}"));
    let env = TestEnv::parse(answers);
    let actual: Vec<String> = compiled
        .clauses(&env)
        .iter()
        .map(|c| format!("{} => {}", c.text, truth_name(c.value)))
        .collect();
    assert_eq!(actual, expected, "{rule} with {answers}");
}

#[test]
fn clauses() {
    let feed = "age >= 60 and (living_alone or disability_grade <= 2)";
    let cases: &[(&str, &str, &[&str])] = &[
        (
            feed,
            "age=70 living_alone=false disability_grade=3",
            &[
                "age >= 60 => true",
                "(living_alone or disability_grade <= 2) => false",
            ],
        ),
        (
            feed,
            "",
            &[
                "age >= 60 => unknown",
                "(living_alone or disability_grade <= 2) => unknown",
            ],
        ),
        ("  age >= 60  ", "age=61", &["age >= 60 => true"]),
        (
            "(living_alone or veteran)",
            "veteran=true",
            &["living_alone => unknown", "veteran => true"],
        ),
        (
            "living_alone and veteran or age < 3",
            "age=1",
            &["living_alone and veteran => unknown", "age < 3 => true"],
        ),
        (
            "living_alone and\n  veteran   and not age > 1",
            "living_alone=true veteran=false age=0",
            &[
                "living_alone => true",
                "veteran => false",
                "not age > 1 => true",
            ],
        ),
        (
            "not (living_alone and veteran)",
            "living_alone=false",
            &["not (living_alone and veteran) => true"],
        ),
        ("true", "", &["true => true"]),
        (
            r#""东城" == "东城" and residence within "110101""#,
            "residence=110101002",
            &[
                r#""东城" == "东城" => true"#,
                r#"residence within "110101" => true"#,
            ],
        ),
    ];
    for (rule, answers, expected) in cases {
        check_clauses(rule, answers, expected);
    }
}
