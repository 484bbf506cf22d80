//! Type-checker table: rules that compile, and every type error with its column.

use super::{fact_name, TestSchema};
use crate::rule::{Rule, MAX_RULE_LEN};

/// Compiles `input` against the test schema; `expected` is the fact names in
/// order of first appearance, or the error message.
fn check(input: &str, expected: &str) {
    let actual = match Rule::compile(input, &TestSchema) {
        Ok(rule) => {
            let names: Vec<&str> = rule.facts().iter().map(|&f| fact_name(f)).collect();
            format!("ok [{}]", names.join(", "))
        }
        Err(error) => format!("error: {error}"),
    };
    assert_eq!(actual, expected, "input: {input}");
}

#[test]
fn accepted() {
    let cases = [
        ("true", "ok []"),
        ("false", "ok []"),
        ("1 < 2", "ok []"),
        ("1 == 1.0", "ok []"),
        ("true != false", "ok []"),
        (r#""a" == "b""#, "ok []"),
        (r#""2026-01-01" < "2026-02-01""#, "ok []"),
        ("living_alone", "ok [living_alone]"),
        ("(living_alone)", "ok [living_alone]"),
        ("not living_alone", "ok [living_alone]"),
        ("living_alone == true", "ok [living_alone]"),
        ("living_alone != veteran", "ok [living_alone, veteran]"),
        ("age >= 60", "ok [age]"),
        ("age >= 59.5", "ok [age]"),
        ("-1 < age", "ok [age]"),
        ("(age) >= 60", "ok [age]"),
        ("age < income", "ok [age, income]"),
        ("income == -0.5", "ok [income]"),
        ("age in [60, 61.5, -2]", "ok [age]"),
        ("age in []", "ok [age]"),
        (r#"income_status == "dibao""#, "ok [income_status]"),
        (r#""none" != income_status"#, "ok [income_status]"),
        (
            r#"income_status in ["dibao", "low_income"]"#,
            "ok [income_status]",
        ),
        (
            "income_status == household",
            "ok [income_status, household]",
        ),
        (r#"residence == "110101""#, "ok [residence]"),
        (
            r#"residence in ["110101", "110105001001"]"#,
            "ok [residence]",
        ),
        (r#"residence within "110000""#, "ok [residence]"),
        (r#"(residence) within "110101002003""#, "ok [residence]"),
        ("residence == work_place", "ok [residence, work_place]"),
        (r#"birthday < "1966-01-01""#, "ok [birthday]"),
        (r#"birthday >= "2000-02-29""#, "ok [birthday]"),
        (r#""1966-01-01" > birthday"#, "ok [birthday]"),
        (r#"birthday == "1966-12-31""#, "ok [birthday]"),
        (
            r#"birthday in ["1966-12-31", "1970-01-01"]"#,
            "ok [birthday]",
        ),
        ("(age > 1) == living_alone", "ok [age, living_alone]"),
        (
            "(age > 1 or veteran) != (living_alone and true)",
            "ok [age, veteran, living_alone]",
        ),
        (
            "(veteran or living_alone) in [true]",
            "ok [veteran, living_alone]",
        ),
        (
            "age >= 60 and (living_alone or disability_grade <= 2)",
            "ok [age, living_alone, disability_grade]",
        ),
        (
            r#"living_alone and age >= 80 or age >= 90 and not veteran or income_status == "dibao" and age > 1"#,
            "ok [living_alone, age, veteran, income_status]",
        ),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn type_errors() {
    let cases = [
        ("nobody", "error: column 1: unknown fact `nobody`"),
        ("age >= 60 and Age > 1", "error: column 15: unknown fact `Age`"),
        ("age == 1.5.2", "error: column 8: invalid number `1.5.2`"),
        ("age == 1.", "error: column 8: invalid number `1.`"),
        ("60", "error: column 1: expected a boolean, found number `60`"),
        (r#""dibao""#, "error: column 1: expected a boolean, found string `\"dibao\"`"),
        ("age", "error: column 1: expected a boolean, found integer fact `age`"),
        ("(income)", "error: column 1: expected a boolean, found number fact `income`"),
        ("income_status", "error: column 1: expected a boolean, found choice fact `income_status`"),
        ("not age", "error: column 5: expected a boolean, found integer fact `age`"),
        ("living_alone and 1", "error: column 18: expected a boolean, found number `1`"),
        ("residence or living_alone", "error: column 1: expected a boolean, found region fact `residence`"),
        ("birthday or living_alone", "error: column 1: expected a boolean, found date fact `birthday`"),
        ("age == true", "error: column 8: cannot compare integer fact `age` with boolean `true`"),
        ("living_alone == 1", "error: column 17: cannot compare boolean fact `living_alone` with number `1`"),
        (r#"age == "60""#, "error: column 8: cannot compare integer fact `age` with string `\"60\"`"),
        (r#""60" == age"#, "error: column 9: cannot compare string `\"60\"` with integer fact `age`"),
        ("1 == true", "error: column 6: cannot compare number `1` with boolean `true`"),
        ("age == living_alone", "error: column 8: cannot compare integer fact `age` with boolean fact `living_alone`"),
        ("age == (age > 1)", "error: column 8: cannot compare integer fact `age` with a condition"),
        ("income_status == residence", "error: column 18: cannot compare choice fact `income_status` with region fact `residence`"),
        ("birthday == age", "error: column 13: cannot compare date fact `birthday` with integer fact `age`"),
        ("income_status == 1", "error: column 18: cannot compare choice fact `income_status` with number `1`"),
        (r#"income_status == "rich""#, "error: column 18: `rich` is not an option of choice fact `income_status`"),
        (r#""Dibao" == income_status"#, "error: column 1: `Dibao` is not an option of choice fact `income_status`"),
        (r#"household == "dibao""#, "error: column 14: `dibao` is not an option of choice fact `household`"),
        (r#"residence == "999""#, "error: column 14: unknown region `999`"),
        (r#"birthday < "1966-1-1""#, "error: column 12: invalid date `1966-1-1`, expected YYYY-MM-DD"),
        (r#"birthday < "1966-02-30""#, "error: column 12: invalid date `1966-02-30`, expected YYYY-MM-DD"),
        (r#"birthday < "1900-02-29""#, "error: column 12: invalid date `1900-02-29`, expected YYYY-MM-DD"),
        (r#"birthday == "1966-13-01""#, "error: column 13: invalid date `1966-13-01`, expected YYYY-MM-DD"),
        (r#"birthday == "１９６６-01-01""#, "error: column 13: invalid date `１９６６-01-01`, expected YYYY-MM-DD"),
        ("living_alone < true", "error: column 1: `<` needs numbers or dates, found boolean fact `living_alone`"),
        ("true >= false", "error: column 1: `>=` needs numbers or dates, found boolean `true`"),
        (r#"income_status > "dibao""#, "error: column 1: `>` needs numbers or dates, found choice fact `income_status`"),
        (r#""dibao" <= income_status"#, "error: column 12: `<=` needs numbers or dates, found choice fact `income_status`"),
        (r#"residence < "110101""#, "error: column 1: `<` needs numbers or dates, found region fact `residence`"),
        (r#""a" < "b""#, "error: column 1: `<` needs numbers or dates, found string `\"a\"`"),
        (r#""2026-01-01" < "b""#, "error: column 16: `<` needs numbers or dates, found string `\"b\"`"),
        ("(age > 1) < (age > 2)", "error: column 1: `<` needs numbers or dates, found a condition"),
        ("age < true", "error: column 7: cannot compare integer fact `age` with boolean `true`"),
        (r#"age in [1, "2"]"#, "error: column 12: cannot compare integer fact `age` with string `\"2\"`"),
        ("living_alone in [true, 0]", "error: column 24: cannot compare boolean fact `living_alone` with number `0`"),
        (r#"income_status in ["dibao", "poor"]"#, "error: column 28: `poor` is not an option of choice fact `income_status`"),
        (r#"residence in ["110101", "1101"]"#, "error: column 25: unknown region `1101`"),
        (r#"birthday in ["2000-01-01", "2000-1-1"]"#, "error: column 28: invalid date `2000-1-1`, expected YYYY-MM-DD"),
        (r#"age within "110101""#, "error: column 1: `within` needs a region fact, found integer fact `age`"),
        (r#"income_status within "110101""#, "error: column 1: `within` needs a region fact, found choice fact `income_status`"),
        (r#""110101" within "110000""#, "error: column 1: `within` needs a region fact, found string `\"110101\"`"),
        (r#"residence within "110102""#, "error: column 18: unknown region `110102`"),
        (r#"residence within """#, "error: column 18: unknown region ``"),
        // Errors are reported left to right.
        (r#"nobody == 1 and income_status == "x""#, "error: column 1: unknown fact `nobody`"),
        (r#"age == true and income_status == "x""#, "error: column 8: cannot compare integer fact `age` with boolean `true`"),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn syntax_errors_come_through() {
    check(
        "age >=",
        "error: column 7: expected a fact, a value or `(`, found end of rule",
    );
    let too_long = "a".repeat(MAX_RULE_LEN + 1);
    check(
        &too_long,
        "error: column 4097: rule is longer than 4096 bytes",
    );
}

#[test]
fn source_is_kept() {
    let rule = Rule::compile("  age >= 60 ", &TestSchema).unwrap();
    assert_eq!(rule.source(), "  age >= 60 ");
}
