//! Rules: the ten facts every synthetic feed asks about, and eligibility,
//! subsidy and priority conditions built as trees, rendered to the rule
//! language and described in words.

use serde_json::{json, Value};

use crate::data::{
    EMPLOYMENT_PHRASES, EMPLOYMENT_STATUSES, HUKOU, INCOME_KEYS, INCOME_PHRASES, INCOME_STATUSES,
};
use crate::rng::Rng;
use crate::values::{date, text};
use crate::world::{RegionRef, World};

/// The facts of every synthetic feed, in the order of [`facts_json`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fact {
    Residence,
    Age,
    LivingAlone,
    IncomeStatus,
    DisabilityGrade,
    Hukou,
    EmploymentStatus,
    UnemployedSince,
    MonthlyIncome,
    HasChildUnder6,
}

pub(crate) const FACTS: [Fact; 10] = [
    Fact::Residence,
    Fact::Age,
    Fact::LivingAlone,
    Fact::IncomeStatus,
    Fact::DisabilityGrade,
    Fact::Hukou,
    Fact::EmploymentStatus,
    Fact::UnemployedSince,
    Fact::MonthlyIncome,
    Fact::HasChildUnder6,
];

impl Fact {
    fn id(self) -> &'static str {
        match self {
            Fact::Residence => "residence",
            Fact::Age => "age",
            Fact::LivingAlone => "living_alone",
            Fact::IncomeStatus => "income_status",
            Fact::DisabilityGrade => "disability_grade",
            Fact::Hukou => "hukou",
            Fact::EmploymentStatus => "employment_status",
            Fact::UnemployedSince => "unemployed_since",
            Fact::MonthlyIncome => "monthly_income",
            Fact::HasChildUnder6 => "has_child_under_6",
        }
    }
}

pub(crate) fn facts_json() -> Vec<Value> {
    let options = |keys: &[(&str, &str, &str)]| -> Vec<Value> {
        keys.iter()
            .map(|&(key, zh, en)| json!({ "key": key, "label": text(zh, en) }))
            .collect()
    };
    vec![
        json!({
            "id": "residence", "type": "region", "level": "community",
            "question": text("您住在哪个社区？", "Which community do you live in?"),
            "help": text("选择您实际居住的社区。", "Choose the community where you actually live."),
        }),
        json!({
            "id": "age", "type": "integer", "min": 0, "max": 130,
            "question": text("您今年多大年龄？", "How old are you?"),
            "unit": text("岁", "years"),
            "sensitive": false,
        }),
        json!({
            "id": "living_alone", "type": "boolean",
            "question": text("您是否独自居住？", "Do you live alone?"),
        }),
        json!({
            "id": "income_status", "type": "choice", "sensitive": true,
            "question": text("您家庭的收入认定情况是？", "What is your household's income status?"),
            "options": options(INCOME_STATUSES),
        }),
        json!({
            "id": "disability_grade", "type": "integer", "min": 1, "max": 4, "sensitive": true,
            "question": text("您的残疾人证上的残疾等级是？", "What grade is on your disability certificate?"),
            "help": text("一级最重，四级最轻。", "Grade 1 is the most severe, grade 4 the least."),
        }),
        json!({
            "id": "hukou", "type": "choice",
            "question": text("您的户籍在本市吗？", "Is your household registration (hukou) in Beijing?"),
            "options": options(HUKOU),
        }),
        json!({
            "id": "employment_status", "type": "choice",
            "question": text("您目前的就业状态是？", "What is your employment status?"),
            "options": options(EMPLOYMENT_STATUSES),
        }),
        json!({
            "id": "unemployed_since", "type": "date",
            "question": text("您从哪一天开始失业？", "Since when have you been unemployed?"),
        }),
        json!({
            "id": "monthly_income", "type": "number", "min": 0, "sensitive": true,
            "question": text("您每月的收入是多少？", "What is your monthly income?"),
            "unit": text("元", "yuan"),
        }),
        json!({
            "id": "has_child_under_6", "type": "boolean",
            "question": text("您家中是否有6岁以下的儿童？", "Is there a child under 6 in your household?"),
        }),
    ]
}

/// An operator of a clause, with the negated forms used only in wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Within,
    NotWithin,
    Bare,
    NotBare,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::In | Op::NotIn => "in",
            Op::Within | Op::NotWithin => "within",
            Op::Bare | Op::NotBare => "",
        }
    }

    fn negate(self) -> Op {
        match self {
            Op::Eq => Op::Ne,
            Op::Ne => Op::Eq,
            Op::Lt => Op::Ge,
            Op::Le => Op::Gt,
            Op::Gt => Op::Le,
            Op::Ge => Op::Lt,
            Op::In => Op::NotIn,
            Op::NotIn => Op::In,
            Op::Within => Op::NotWithin,
            Op::NotWithin => Op::Within,
            Op::Bare => Op::NotBare,
            Op::NotBare => Op::Bare,
        }
    }

    /// The operator with its operands swapped (`60 <= age` for `age >= 60`).
    fn swap(self) -> Op {
        match self {
            Op::Lt => Op::Gt,
            Op::Le => Op::Ge,
            Op::Gt => Op::Lt,
            Op::Ge => Op::Le,
            other => other,
        }
    }
}

/// The literal side of a clause.
#[derive(Debug, Clone)]
enum Lit {
    None,
    Int(i64),
    Bool(bool),
    Key(&'static str),
    Keys(Vec<&'static str>),
    Ints(Vec<i64>),
    Date(String),
    Region {
        code: String,
        zh: String,
        en: String,
    },
}

impl Lit {
    pub(crate) fn render(&self) -> String {
        match self {
            Lit::None => String::new(),
            Lit::Int(n) => n.to_string(),
            Lit::Bool(b) => b.to_string(),
            Lit::Key(k) => format!("\"{k}\""),
            Lit::Keys(keys) => {
                let items: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
                format!("[{}]", items.join(", "))
            }
            Lit::Ints(ints) => {
                let items: Vec<String> = ints.iter().map(i64::to_string).collect();
                format!("[{}]", items.join(", "))
            }
            Lit::Date(d) => format!("\"{d}\""),
            Lit::Region { code, .. } => format!("\"{code}\""),
        }
    }
}

/// One clause: a fact, an operator and a literal.
#[derive(Debug, Clone)]
pub(crate) struct Clause {
    fact: Fact,
    op: Op,
    lit: Lit,
    /// Written with the literal first, as in `60 <= age`.
    reversed: bool,
}

impl Clause {
    pub(crate) fn render(&self) -> String {
        let fact = self.fact.id();
        match self.op {
            Op::Bare => fact.to_string(),
            _ if self.reversed => {
                format!("{} {} {fact}", self.lit.render(), self.op.swap().symbol())
            }
            op => format!("{fact} {} {}", op.symbol(), self.lit.render()),
        }
    }
}

/// A rule as a tree, rendered to the rule language and to words.
#[derive(Debug, Clone)]
pub(crate) enum Rule {
    Clause(Clause),
    /// Conjunction; the flag asks for parentheses even where `or` binds looser.
    All(Vec<Rule>, bool),
    Any(Vec<Rule>),
    Not(Box<Rule>),
}

impl Rule {
    pub(crate) fn render(&self) -> String {
        match self {
            Rule::Clause(clause) => clause.render(),
            Rule::All(children, _) => children
                .iter()
                .map(|child| match child {
                    Rule::Any(_) | Rule::All(..) => format!("({})", child.render()),
                    _ => child.render(),
                })
                .collect::<Vec<_>>()
                .join(" and "),
            Rule::Any(children) => children
                .iter()
                .map(|child| match child {
                    Rule::Any(_) | Rule::All(_, true) => format!("({})", child.render()),
                    _ => child.render(),
                })
                .collect::<Vec<_>>()
                .join(" or "),
            Rule::Not(child) => match &**child {
                Rule::Clause(c) if c.op == Op::Bare => format!("not {}", child.render()),
                _ => format!("not ({})", child.render()),
            },
        }
    }

    /// The rule in words, as a phrase that follows "residents".
    pub(crate) fn describe(&self) -> (String, String) {
        match self {
            Rule::Clause(clause) => phrase(clause.fact, clause.op, &clause.lit),
            Rule::All(children, _) => join_phrases(children, "且", " and "),
            Rule::Any(children) => join_phrases(children, "或", " or "),
            Rule::Not(child) => match &**child {
                Rule::Clause(clause) => phrase(clause.fact, clause.op.negate(), &clause.lit),
                other => {
                    let (zh, en) = other.describe();
                    (
                        format!("不属于（{zh}）情形"),
                        format!("other than those ({en})"),
                    )
                }
            },
        }
    }

    pub(crate) fn facts(&self, out: &mut Vec<Fact>) {
        match self {
            Rule::Clause(clause) => out.push(clause.fact),
            Rule::All(children, _) | Rule::Any(children) => {
                for child in children {
                    child.facts(out);
                }
            }
            Rule::Not(child) => child.facts(out),
        }
    }

    pub(crate) fn first_fact(&self) -> Option<Fact> {
        let mut facts = Vec::new();
        self.facts(&mut facts);
        facts.first().copied()
    }
}

fn join_phrases(children: &[Rule], zh_joiner: &str, en_joiner: &str) -> (String, String) {
    let mut zh_parts = Vec::with_capacity(children.len());
    let mut en_parts = Vec::with_capacity(children.len());
    for child in children {
        let (zh, en) = child.describe();
        if matches!(child, Rule::All(..) | Rule::Any(_)) {
            zh_parts.push(format!("（{zh}）"));
            en_parts.push(format!("({en})"));
        } else {
            zh_parts.push(zh);
            en_parts.push(en);
        }
    }
    (zh_parts.join(zh_joiner), en_parts.join(en_joiner))
}

/// The words for one clause (or its negation, through a negated operator).
fn phrase(fact: Fact, op: Op, lit: &Lit) -> (String, String) {
    match (fact, lit) {
        (Fact::Age, Lit::Int(t)) => match op {
            Op::Ge => (format!("年满{t}周岁"), format!("aged {t} or over")),
            Op::Gt => (format!("超过{t}周岁"), format!("older than {t}")),
            Op::Lt => (format!("未满{t}周岁"), format!("under {t}")),
            Op::Le => (format!("不超过{t}周岁"), format!("aged {t} or under")),
            Op::Ne => (format!("不是{t}周岁"), format!("not aged {t}")),
            _ => (format!("{t}周岁"), format!("aged {t}")),
        },
        (Fact::LivingAlone | Fact::HasChildUnder6, _) => {
            let value = match (op, lit) {
                (Op::Eq, Lit::Bool(b)) => *b,
                (Op::Ne, Lit::Bool(b)) => !*b,
                (Op::NotBare, _) => false,
                _ => true,
            };
            let (yes_zh, yes_en, no_zh, no_en) = if fact == Fact::LivingAlone {
                ("独居", "living alone", "非独居", "not living alone")
            } else {
                (
                    "家中有6岁以下儿童",
                    "with a child under 6",
                    "家中没有6岁以下儿童",
                    "without a child under 6",
                )
            };
            if value {
                (yes_zh.to_string(), yes_en.to_string())
            } else {
                (no_zh.to_string(), no_en.to_string())
            }
        }
        (Fact::Hukou, Lit::Key(key)) => {
            let local = (*key == "local") == matches!(op, Op::Eq | Op::In);
            let (zh, en) = if local {
                ("本市户籍", "with Beijing hukou")
            } else {
                ("非本市户籍", "with hukou elsewhere")
            };
            (zh.to_string(), en.to_string())
        }
        (Fact::IncomeStatus, Lit::Key("none")) if op == Op::Ne => (
            "有低保、低收入或特困认定".to_string(),
            "with a dibao, low-income or special hardship status".to_string(),
        ),
        (Fact::IncomeStatus | Fact::EmploymentStatus, _) => {
            let keys: Vec<&str> = match lit {
                Lit::Key(k) => vec![*k],
                Lit::Keys(keys) => keys.clone(),
                _ => Vec::new(),
            };
            let table = if fact == Fact::IncomeStatus {
                INCOME_PHRASES
            } else {
                EMPLOYMENT_PHRASES
            };
            let labels: Vec<(&str, &str)> = keys
                .iter()
                .filter_map(|k| table.iter().find(|(key, _, _)| key == k))
                .map(|&(_, zh, en)| (zh, en))
                .collect();
            let zh = labels.iter().map(|l| l.0).collect::<Vec<_>>().join("或");
            let en = labels.iter().map(|l| l.1).collect::<Vec<_>>().join(" or ");
            if matches!(op, Op::Ne | Op::NotIn) {
                (format!("不属于{zh}"), format!("not {en}"))
            } else {
                (format!("属于{zh}"), en)
            }
        }
        (Fact::DisabilityGrade, Lit::Int(g)) => match op {
            Op::Le => grade_range(1, *g),
            Op::Lt => grade_range(1, g - 1),
            Op::Ge => grade_range(*g, 4),
            Op::Gt => grade_range(g + 1, 4),
            Op::Ne => (
                format!("残疾等级不是{g}级"),
                format!("whose disability grade is not {g}"),
            ),
            _ => grade_range(*g, *g),
        },
        (Fact::DisabilityGrade, Lit::Ints(grades)) => {
            let zh = grades
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join("、");
            let en = grades
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(" or ");
            if op == Op::NotIn {
                (
                    format!("残疾等级不是{zh}级"),
                    format!("whose disability grade is not {en}"),
                )
            } else {
                (
                    format!("残疾等级为{zh}级"),
                    format!("with a disability of grade {en}"),
                )
            }
        }
        (Fact::UnemployedSince, Lit::Date(d)) => match op {
            Op::Le => (
                format!("于{d}或之前失业"),
                format!("unemployed since {d} or earlier"),
            ),
            Op::Lt => (
                format!("于{d}之前失业"),
                format!("unemployed since before {d}"),
            ),
            Op::Ge => (
                format!("于{d}或之后失业"),
                format!("unemployed since {d} or later"),
            ),
            Op::Gt => (
                format!("于{d}之后失业"),
                format!("unemployed since after {d}"),
            ),
            Op::Ne => (
                format!("并非于{d}失业"),
                format!("not unemployed since {d}"),
            ),
            _ => (format!("于{d}失业"), format!("unemployed since {d}")),
        },
        (Fact::MonthlyIncome, Lit::Int(x)) => match op {
            Op::Lt => (
                format!("月收入低于{x}元"),
                format!("with a monthly income below {x} yuan"),
            ),
            Op::Le => (
                format!("月收入不超过{x}元"),
                format!("with a monthly income of {x} yuan or less"),
            ),
            Op::Gt => (
                format!("月收入高于{x}元"),
                format!("with a monthly income above {x} yuan"),
            ),
            Op::Ge => (
                format!("月收入不低于{x}元"),
                format!("with a monthly income of {x} yuan or more"),
            ),
            Op::Ne => (
                format!("月收入不是{x}元"),
                format!("with a monthly income other than {x} yuan"),
            ),
            _ => (
                format!("月收入为{x}元"),
                format!("with a monthly income of {x} yuan"),
            ),
        },
        (Fact::Residence, Lit::Region { zh, en, .. }) => {
            if matches!(op, Op::NotWithin | Op::Ne) {
                (format!("不居住在{zh}"), format!("not living in {en}"))
            } else {
                (format!("居住在{zh}"), format!("living in {en}"))
            }
        }
        (fact, _) => (fact.id().to_string(), fact.id().replace('_', " ")),
    }
}

fn grade_range(low: i64, high: i64) -> (String, String) {
    if low >= high {
        (
            format!("残疾等级为{low}级"),
            format!("with a grade {low} disability"),
        )
    } else {
        (
            format!("残疾等级为{low}至{high}级"),
            format!("with a disability of grade {low} to {high}"),
        )
    }
}

/// Builds rules for one service.
pub(crate) struct RuleGen<'a> {
    pub(crate) rng: &'a mut Rng,
    pub(crate) world: &'a World,
    pub(crate) areas: &'a [RegionRef],
    pub(crate) weights: &'a [u32; 10],
}

impl RuleGen<'_> {
    /// An eligibility rule of 1 to 6 clauses and depth 1 to 4.
    pub(crate) fn eligibility(&mut self) -> Rule {
        let clauses = 1 + self.rng.weighted(&[22, 30, 22, 13, 8, 5]);
        let depth = match clauses {
            1 => 1 + usize::from(self.rng.chance(0.2)),
            2 => 2 + usize::from(self.rng.chance(0.2)),
            _ => 2 + self.rng.weighted(&[40, 35, 25]),
        };
        let any = self.rng.chance(0.2);
        let weights = *self.weights;
        self.node(clauses, depth, any, &weights, &mut Vec::new())
    }

    /// A subsidy or priority condition of 1 or 2 clauses.
    pub(crate) fn small(&mut self, weights: &[u32; 10]) -> Rule {
        let clauses = if self.rng.chance(0.7) { 1 } else { 2 };
        let depth = if self.rng.chance(0.15) { 3 } else { 2 };
        let any = self.rng.chance(0.25);
        self.node(clauses, depth, any, weights, &mut Vec::new())
    }

    /// A rule of exactly `clauses` clauses and at most `depth` levels, whose
    /// top connective is `or` when `any` is set. `used` holds the facts the
    /// rule already asks about, which later clauses avoid where they can.
    fn node(
        &mut self,
        clauses: usize,
        depth: usize,
        any: bool,
        weights: &[u32; 10],
        used: &mut Vec<Fact>,
    ) -> Rule {
        if clauses <= 1 || depth <= 1 {
            return self.leaf(depth, weights, used);
        }
        let count = if depth == 2 {
            clauses
        } else {
            self.rng.range(2, clauses)
        };
        let mut sizes = vec![1; count];
        for _ in count..clauses {
            sizes[self.rng.below(count)] += 1;
        }
        let mut children = Vec::with_capacity(count);
        for size in sizes {
            let child = if size == 1 {
                self.leaf(depth - 1, weights, used)
            } else if depth >= 4 && self.rng.chance(0.2) {
                let inner_any = self.rng.chance(0.5);
                Rule::Not(Box::new(self.node(
                    size,
                    depth - 2,
                    inner_any,
                    weights,
                    used,
                )))
            } else {
                self.node(size, depth - 1, !any, weights, used)
            };
            children.push(child);
        }
        if any {
            Rule::Any(children)
        } else {
            Rule::All(children, self.rng.chance(0.7))
        }
    }

    /// One clause on a fact not yet in `used`, negated now and then when
    /// `depth` leaves room for a `not`.
    fn leaf(&mut self, depth: usize, weights: &[u32; 10], used: &mut Vec<Fact>) -> Rule {
        let mut fact = FACTS[self.rng.weighted(weights)];
        for _ in 0..16 {
            if !used.iter().any(|&u| u == fact || clashes(u, fact)) {
                break;
            }
            fact = FACTS[self.rng.weighted(weights)];
        }
        let (clause, negate) = self.clause(fact, used);
        used.push(fact);
        // A `not` now and then, where it reads naturally.
        let natural = match (clause.op, &clause.lit) {
            (Op::Eq, Lit::Bool(_)) => false,
            (op, _) => matches!(op, Op::Eq | Op::In | Op::Within | Op::Ge | Op::Le),
        };
        let negate = depth >= 2 && (negate || (natural && self.rng.chance(0.05)));
        if negate {
            Rule::Not(Box::new(Rule::Clause(clause)))
        } else {
            Rule::Clause(clause)
        }
    }

    /// A clause on `fact` with a realistic threshold, and whether it reads
    /// best under a `not`.
    fn clause(&mut self, fact: Fact, used: &[Fact]) -> (Clause, bool) {
        let rng = &mut *self.rng;
        let mut negate = false;
        let (op, lit) = match fact {
            Fact::Residence => {
                let area = if self.areas.is_empty() {
                    RegionRef::City
                } else {
                    *rng.pick(self.areas)
                };
                let area = if rng.chance(0.75) {
                    area
                } else {
                    RegionRef::District(rng.below(self.world.districts.len()))
                };
                let region = self.world.region_below(rng, area);
                let op = match region {
                    RegionRef::Community(_) if rng.chance(0.4) => Op::Eq,
                    _ => Op::Within,
                };
                let (code, zh, en) = self.world.region(region);
                let lit = Lit::Region {
                    code: code.to_string(),
                    zh: zh.to_string(),
                    en: en.to_string(),
                };
                (op, lit)
            }
            Fact::Age => {
                let style = match self.weights[fact_index(Fact::HasChildUnder6)] {
                    w if w >= 20 => rng.weighted(&[10, 60, 30]),
                    _ if self.weights[fact_index(Fact::EmploymentStatus)] >= 20 => {
                        rng.weighted(&[10, 10, 80])
                    }
                    _ => rng.weighted(&[75, 10, 15]),
                };
                match style {
                    0 => {
                        let t = *rng.pick(&[60, 60, 60, 65, 70, 75, 80, 80, 90]);
                        (if rng.chance(0.85) { Op::Ge } else { Op::Gt }, Lit::Int(t))
                    }
                    1 => {
                        if rng.chance(0.5) {
                            (Op::Lt, Lit::Int(*rng.pick(&[3, 6, 14, 16, 18])))
                        } else {
                            (Op::Le, Lit::Int(*rng.pick(&[6, 12, 14, 18])))
                        }
                    }
                    _ => match rng.below(4) {
                        0 => (Op::Ge, Lit::Int(*rng.pick(&[16, 18]))),
                        1 => (Op::Lt, Lit::Int(*rng.pick(&[60, 65]))),
                        2 => (Op::Le, Lit::Int(*rng.pick(&[35, 45, 50]))),
                        _ => (Op::Gt, Lit::Int(*rng.pick(&[16, 40]))),
                    },
                }
            }
            Fact::LivingAlone | Fact::HasChildUnder6 => match rng.weighted(&[65, 17, 10, 3, 5]) {
                0 => (Op::Bare, Lit::None),
                1 => (Op::Eq, Lit::Bool(true)),
                2 => (Op::Eq, Lit::Bool(false)),
                3 => (Op::Ne, Lit::Bool(false)),
                _ => {
                    negate = true;
                    (Op::Bare, Lit::None)
                }
            },
            Fact::IncomeStatus => match rng.weighted(&[35, 45, 20]) {
                0 => (Op::Eq, Lit::Key(INCOME_KEYS[rng.weighted(&[2, 1, 1])])),
                1 => {
                    let sets: &[&[&'static str]] = &[
                        &["dibao", "low_income"],
                        &["dibao", "low_income"],
                        &["dibao", "special_hardship"],
                        &["dibao", "low_income", "special_hardship"],
                        &["low_income"],
                    ];
                    (Op::In, Lit::Keys(rng.pick(sets).to_vec()))
                }
                _ => (Op::Ne, Lit::Key("none")),
            },
            Fact::DisabilityGrade => match rng.weighted(&[40, 15, 10, 20, 6, 5, 4]) {
                0 => (Op::Le, Lit::Int(*rng.pick(&[2, 2, 3]))),
                1 => (Op::Eq, Lit::Int(*rng.pick(&[1, 2]))),
                2 => (Op::Lt, Lit::Int(3)),
                3 => {
                    let sets: &[&[i64]] = &[&[1, 2], &[1, 2], &[1, 2, 3], &[3, 4]];
                    (Op::In, Lit::Ints(rng.pick(sets).to_vec()))
                }
                4 => (Op::Ge, Lit::Int(3)),
                5 => (Op::Gt, Lit::Int(2)),
                _ => (Op::Ne, Lit::Int(4)),
            },
            Fact::Hukou => match rng.weighted(&[55, 15, 25, 5]) {
                0 => (Op::Eq, Lit::Key("local")),
                1 => (Op::Ne, Lit::Key("nonlocal")),
                2 => {
                    negate = true;
                    (Op::Eq, Lit::Key("nonlocal"))
                }
                _ => (Op::Eq, Lit::Key("nonlocal")),
            },
            Fact::EmploymentStatus => match rng.weighted(&[
                40,
                15,
                20,
                15,
                if used.contains(&Fact::Age) { 0 } else { 10 },
            ]) {
                0 => (Op::Eq, Lit::Key("unemployed")),
                1 => (Op::In, Lit::Keys(vec!["unemployed", "retired"])),
                2 => (Op::Ne, Lit::Key("employed")),
                3 => (Op::Eq, Lit::Key("retired")),
                _ => (Op::Eq, Lit::Key("student")),
            },
            Fact::UnemployedSince => {
                let op = [Op::Le, Op::Lt, Op::Ge, Op::Gt][rng.weighted(&[60, 20, 12, 8])];
                let (year, month) = if rng.chance(0.3) {
                    (2025, rng.range(6, 12))
                } else {
                    (2026, rng.range(1, 10))
                };
                let day = if rng.chance(0.7) { 1 } else { rng.range(2, 28) };
                (op, Lit::Date(date(year, month, day)))
            }
            Fact::MonthlyIncome => {
                let x = *rng.pick(&[
                    1450, 2000, 2175, 2420, 2540, 2900, 3000, 3500, 4000, 5000, 6000,
                ]);
                let op = [Op::Lt, Op::Le, Op::Ge, Op::Gt][rng.weighted(&[60, 25, 10, 5])];
                (op, Lit::Int(x))
            }
        };
        let reversed =
            matches!(lit, Lit::Int(_)) && op != Op::Eq && op != Op::Ne && rng.chance(0.04);
        (
            Clause {
                fact,
                op,
                lit,
                reversed,
            },
            negate,
        )
    }
}

/// Facts that make an odd pair in one rule.
fn clashes(a: Fact, b: Fact) -> bool {
    matches!(
        (a, b),
        (Fact::LivingAlone, Fact::HasChildUnder6) | (Fact::HasChildUnder6, Fact::LivingAlone)
    )
}

fn fact_index(fact: Fact) -> usize {
    FACTS.iter().position(|&f| f == fact).unwrap_or(0)
}
