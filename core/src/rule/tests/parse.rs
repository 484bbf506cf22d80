//! Parser tables: every construct as an S-expression, every syntax error with its column.

use crate::rule::parser::{parse, Expr, ExprKind};
use crate::rule::{parse_only, RuleError, RuleErrorKind, MAX_DEPTH, MAX_RULE_LEN};

/// The syntax tree as an S-expression, for comparing with a table.
fn sexpr(expr: &Expr<'_>) -> String {
    let list = |head: &str, items: &[Expr<'_>]| {
        let items: Vec<String> = items.iter().map(sexpr).collect();
        format!("({head} {})", items.join(" "))
    };
    match &expr.kind {
        ExprKind::Or(items) => list("or", items),
        ExprKind::And(items) => list("and", items),
        ExprKind::Not(inner) => format!("(not {})", sexpr(inner)),
        ExprKind::Compare { op, sides } => {
            let [lhs, rhs] = &**sides;
            format!("({} {} {})", op.as_str(), sexpr(lhs), sexpr(rhs))
        }
        ExprKind::In { lhs, list } => {
            let items: Vec<String> = list.iter().map(sexpr).collect();
            format!("(in {} [{}])", sexpr(lhs), items.join(" "))
        }
        ExprKind::Within { lhs, region, .. } => format!("(within {} {region:?})", sexpr(lhs)),
        ExprKind::Fact(id) => (*id).to_owned(),
        ExprKind::Number(n) => format!("{n}"),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::Bool(b) => format!("{b}"),
    }
}

/// Parses `input` and compares the S-expression, or the error message with its column.
fn check(input: &str, expected: &str) {
    let actual = match parse(input) {
        Ok(expr) => sexpr(&expr),
        Err(error) => format!("error: {error}"),
    };
    assert_eq!(actual, expected, "input: {input}");
    assert_eq!(parse_only(input).is_ok(), !expected.starts_with("error"));
}

#[test]
fn constructs() {
    let cases = [
        ("age", "age"),
        ("true", "true"),
        ("false", "false"),
        ("60", "60"),
        ("-1.5", "-1.5"),
        ("0.25", "0.25"),
        (r#""dibao""#, r#""dibao""#),
        (r#""say \"hi\" \\ bye""#, r#""say \"hi\" \\ bye""#),
        (r#""东城区""#, r#""东城区""#),
        ("age >= 60", "(>= age 60)"),
        ("age>=60", "(>= age 60)"),
        ("age == 60", "(== age 60)"),
        ("age != 60", "(!= age 60)"),
        ("age < 60", "(< age 60)"),
        ("age <= 60", "(<= age 60)"),
        ("age > -60", "(> age -60)"),
        ("age>-1.5", "(> age -1.5)"),
        ("60 <= age", "(<= 60 age)"),
        ("a.b_c-d == x-1", "(== a.b_c-d x-1)"),
        ("2fa", "2fa"),
        ("x in []", "(in x [])"),
        ("x in [1]", "(in x [1])"),
        (r#"x in ["a", "b" , "c"]"#, r#"(in x ["a" "b" "c"])"#),
        ("x in [true, false, -2]", "(in x [true false -2])"),
        (
            r#"residence within "110101""#,
            r#"(within residence "110101")"#,
        ),
        ("not a", "(not a)"),
        ("not not a", "(not (not a))"),
        ("not a == 1", "(not (== a 1))"),
        ("a and b", "(and a b)"),
        ("a and b and c", "(and a b c)"),
        ("a or b or c", "(or a b c)"),
        ("a and b or c", "(or (and a b) c)"),
        ("a or b and c", "(or a (and b c))"),
        ("a or not b and c", "(or a (and (not b) c))"),
        ("(a or b) and c", "(and (or a b) c)"),
        ("a and (b and c)", "(and a (and b c))"),
        ("((a))", "a"),
        ("(a) == (b or c)", "(== a (or b c))"),
        ("(a == 1) != (b < 2)", "(!= (== a 1) (< b 2))"),
        (
            "age >= 60 and (living_alone or disability_grade <= 2)",
            "(and (>= age 60) (or living_alone (<= disability_grade 2)))",
        ),
        ("  a\tand\nb  ", "(and a b)"),
        // Keywords are lowercase only; anything else is a fact id.
        ("AND", "AND"),
        ("True", "True"),
        ("android or order", "(or android order)"),
        ("notice and inside", "(and notice inside)"),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn errors() {
    let cases = [
        (
            "",
            "error: column 1: expected a fact, a value, `not` or `(`, found end of rule",
        ),
        (
            "   ",
            "error: column 4: expected a fact, a value, `not` or `(`, found end of rule",
        ),
        (
            "age >=",
            "error: column 7: expected a fact, a value or `(`, found end of rule",
        ),
        (
            "age >= and",
            "error: column 8: expected a fact, a value or `(`, found `and`",
        ),
        (
            "a == not b",
            "error: column 6: expected a fact, a value or `(`, found `not`",
        ),
        (
            "age 60",
            "error: column 5: expected an operator, `and`, `or` or end of rule, found `60`",
        ),
        (
            "age == 60 60",
            "error: column 11: expected `and`, `or` or end of rule, found `60`",
        ),
        (
            "1 < 2 < 3",
            "error: column 7: expected `and`, `or` or end of rule, found `<`",
        ),
        (
            "a )",
            "error: column 3: expected an operator, `and`, `or` or end of rule, found `)`",
        ),
        (
            "(a",
            "error: column 3: expected an operator, `and`, `or` or `)`, found end of rule",
        ),
        (
            "(a == 1",
            "error: column 8: expected `and`, `or` or `)`, found end of rule",
        ),
        (
            "(a == 1]",
            "error: column 8: expected `and`, `or` or `)`, found `]`",
        ),
        (
            "()",
            "error: column 2: expected a fact, a value, `not` or `(`, found `)`",
        ),
        (
            "a and",
            "error: column 6: expected a fact, a value, `not` or `(`, found end of rule",
        ),
        (
            "or a",
            "error: column 1: expected a fact, a value, `not` or `(`, found `or`",
        ),
        (
            "a and or b",
            "error: column 7: expected a fact, a value, `not` or `(`, found `or`",
        ),
        (
            "not",
            "error: column 4: expected a fact, a value, `not` or `(`, found end of rule",
        ),
        ("x in", "error: column 5: expected `[`, found end of rule"),
        ("x in 1", "error: column 6: expected `[`, found `1`"),
        (
            "x in [",
            "error: column 7: expected a number, a string, `true` or `false`, found end of rule",
        ),
        (
            "x in [a]",
            "error: column 7: expected a number, a string, `true` or `false`, found `a`",
        ),
        (
            "x in [1,]",
            "error: column 9: expected a number, a string, `true` or `false`, found `]`",
        ),
        (
            "x in [1 2]",
            "error: column 9: expected `]` or `,`, found `2`",
        ),
        (
            "x in [1, 2)",
            "error: column 11: expected `]` or `,`, found `)`",
        ),
        (
            "x in [(1)]",
            "error: column 7: expected a number, a string, `true` or `false`, found `(`",
        ),
        (
            "x within",
            "error: column 9: expected a region code in quotes, found end of rule",
        ),
        (
            "x within 110101",
            "error: column 10: expected a region code in quotes, found `110101`",
        ),
        (
            "x within y",
            "error: column 10: expected a region code in quotes, found `y`",
        ),
        (
            "x = 1",
            "error: column 3: unexpected `=`, use `==` to compare",
        ),
        ("x ! 1", "error: column 3: unexpected character `!`"),
        ("a && b", "error: column 3: unexpected character `&`"),
        ("a || b", "error: column 3: unexpected character `|`"),
        ("x == 'a'", "error: column 6: unexpected character `'`"),
        ("年龄 >= 60", "error: column 1: unexpected character `年`"),
        (r#"x == "东城 >= 1"#, "error: column 6: unterminated string"),
        (r#"x == "abc\"#, "error: column 6: unterminated string"),
        (
            r#"x == "a\n""#,
            "error: column 8: invalid escape `\\n` in string, only `\\\"` and `\\\\` are allowed",
        ),
        // The leftmost error wins: the syntax error comes before the bad string.
        (
            r#"x == ) "abc"#,
            "error: column 6: expected a fact, a value or `(`, found `)`",
        ),
        // Columns count characters, not bytes.
        (
            r#""东城" == x )"#,
            "error: column 11: expected `and`, `or` or end of rule, found `)`",
        ),
        // The same across escapes, and past whitespace of every kind: a
        // string and a run of ASCII whitespace are read a byte at a time.
        (
            r#""东\"城\\" == x )"#,
            "error: column 15: expected `and`, `or` or end of rule, found `)`",
        ),
        (
            "x\u{3000}==\u{a0}1 )",
            "error: column 8: expected `and`, `or` or end of rule, found `)`",
        ),
        (
            "x\u{b}== 1 )",
            "error: column 8: expected `and`, `or` or end of rule, found `)`",
        ),
        (
            "x\u{c}\u{85}== 1 )",
            "error: column 9: expected `and`, `or` or end of rule, found `)`",
        ),
        (
            r#"x == "东\q""#,
            "error: column 8: invalid escape `\\q` in string, only `\\\"` and `\\\\` are allowed",
        ),
        (r#"x == "a\"东"#, "error: column 6: unterminated string"),
    ];
    for (input, expected) in cases {
        check(input, expected);
    }
}

#[test]
fn numbers() {
    let huge = "9".repeat(400);
    check(&huge, &format!("error: column 1: invalid number `{huge}`"));
    check("1.5.2", "1.5.2");
    check("1.", "1.");
    check("-", "-");
    check("007", "7");
}

#[test]
fn limits() {
    let at_limit = format!("a{}", " ".repeat(MAX_RULE_LEN - 1));
    check(&at_limit, "a");
    let too_long = format!("a{}", " ".repeat(MAX_RULE_LEN));
    check(
        &too_long,
        &format!(
            "error: column {}: rule is longer than 4096 bytes",
            MAX_RULE_LEN + 1
        ),
    );
    // The column of a too-long rule counts characters.
    let wide = "东".repeat(MAX_RULE_LEN);
    assert_eq!(
        parse_only(&wide),
        Err(RuleError {
            column: MAX_RULE_LEN / 3 + 2,
            kind: RuleErrorKind::TooLong { max: MAX_RULE_LEN },
        })
    );

    let nested = |depth: usize| format!("{}a{}", "(".repeat(depth), ")".repeat(depth));
    check(&nested(MAX_DEPTH), "a");
    check(
        &nested(MAX_DEPTH + 1),
        &format!(
            "error: column {}: rule nests deeper than 64 levels",
            MAX_DEPTH + 1
        ),
    );
    check(
        &nested(2000),
        "error: column 65: rule nests deeper than 64 levels",
    );

    let nots = |depth: usize| format!("{}a", "not ".repeat(depth));
    assert!(parse_only(&nots(MAX_DEPTH)).is_ok());
    check(
        &nots(MAX_DEPTH + 1),
        &format!(
            "error: column {}: rule nests deeper than 64 levels",
            4 * MAX_DEPTH + 1
        ),
    );
    check(
        &nots(1000),
        "error: column 257: rule nests deeper than 64 levels",
    );
    // `not` and parentheses count together.
    let mixed = "not (".repeat(40) + "a" + &")".repeat(40);
    check(
        &mixed,
        "error: column 161: rule nests deeper than 64 levels",
    );
    // Long flat chains are not nesting.
    let chain = vec!["a"; 600].join(" and ");
    assert!(parse_only(&chain).is_ok());
}

#[test]
fn spans_cover_parentheses() {
    let source = " (a or b)  and c == 1 ";
    let expr = parse(source).unwrap();
    let ExprKind::And(items) = &expr.kind else {
        panic!("not an and: {expr:?}");
    };
    let texts: Vec<&str> = items.iter().map(|e| &source[e.start..e.end]).collect();
    assert_eq!(texts, ["(a or b)", "c == 1"]);
    assert_eq!(items.iter().map(|e| e.column).collect::<Vec<_>>(), [2, 16]);
}
