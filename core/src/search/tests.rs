//! Tests for service search: a fixed corpus of community services with a
//! table of queries, and properties over arbitrary input. How fast search is
//! on 10,000 services is measured by the benchmarks in `core/benches`.

use proptest::prelude::*;

use super::*;

/// One service of the fixed corpus: id, then (zh-CN, en) pairs for name,
/// summary, category and organisation, then keywords with their locales.
struct Service {
    id: &'static str,
    name: (&'static str, &'static str),
    summary: (&'static str, &'static str),
    category: (&'static str, &'static str),
    organization: (&'static str, &'static str),
    keywords: &'static [(&'static str, &'static str)],
}

const ELDERLY: (&str, &str) = ("养老助残", "Elderly and disability care");
const PSYCHOLOGY: (&str, &str) = ("社会心理服务", "Social psychological services");
const XINYANG: (&str, &str) = ("东城区馨阳社会工作事务所", "Xinyang Social Work Firm");
const MENTAL_HEALTH: (&str, &str) = ("北京心理健康协会", "Beijing Mental Health Association");

const SERVICES: &[Service] = &[
    Service {
        id: "meal",
        name: ("助餐服务", "Meal assistance"),
        summary: (
            "为60岁以上老年人提供社区食堂就餐和送餐上门",
            "Community canteen meals and meal delivery for residents aged 60 and over",
        ),
        category: ELDERLY,
        organization: XINYANG,
        keywords: &[("zh-CN", "助餐"), ("zh-CN", "送餐"), ("en", "meals")],
    },
    Service {
        id: "home-care",
        name: ("居家养老上门服务", "Home care visits"),
        summary: (
            "护理员上门提供生活照料、助浴、助洁",
            "Carers visit to help with daily living, bathing and cleaning",
        ),
        category: ELDERLY,
        organization: ("东城区居家养老服务中心", "Dongcheng Home Care Centre"),
        keywords: &[("zh-CN", "助浴"), ("zh-CN", "助洁"), ("en", "home care")],
    },
    Service {
        id: "counselling",
        name: ("心理咨询", "Counselling"),
        summary: (
            "专业心理咨询师一对一咨询",
            "One-to-one sessions with a qualified counsellor",
        ),
        category: PSYCHOLOGY,
        organization: MENTAL_HEALTH,
        keywords: &[
            ("zh-CN", "心理"),
            ("zh-CN", "咨询"),
            ("en", "mental health"),
        ],
    },
    Service {
        id: "hotline",
        name: ("爱心传递热线", "Love relay support hotline"),
        summary: ("24小时心理支持热线", "A 24-hour emotional support line"),
        category: PSYCHOLOGY,
        organization: ("爱心传递志愿者协会", "Love Relay Volunteers"),
        keywords: &[("zh-CN", "热线"), ("en", "hotline")],
    },
    Service {
        id: "jobs",
        name: ("就业技能培训", "Job skills training"),
        summary: (
            "为失业人员提供职业技能培训和就业指导",
            "Vocational training and job search help for unemployed residents",
        ),
        category: ("就业", "Employment"),
        organization: ("东城区职业技能培训学校", "Dongcheng Vocational School"),
        keywords: &[("zh-CN", "就业"), ("zh-CN", "培训"), ("en", "employment")],
    },
    Service {
        id: "accessibility",
        name: ("适老化改造", "Home accessibility modification"),
        summary: (
            "为老年人家庭安装扶手、防滑地面",
            "Grab bars and non-slip floors for older residents' homes",
        ),
        category: ELDERLY,
        organization: ("安居适老工程公司", "Anju Home Adaptation Company"),
        keywords: &[
            ("zh-CN", "适老化"),
            ("zh-CN", "改造"),
            ("en", "accessibility"),
        ],
    },
    Service {
        id: "legal",
        name: ("法律援助咨询", "Legal aid consultation"),
        summary: (
            "律师免费解答法律问题",
            "Free answers to legal questions from lawyers",
        ),
        category: ("社会保障", "Social security"),
        organization: ("东城区法律援助中心", "Dongcheng Legal Aid Centre"),
        keywords: &[("zh-CN", "法律"), ("zh-CN", "律师"), ("en", "legal aid")],
    },
    Service {
        id: "doctor",
        name: ("家庭医生签约", "Family doctor registration"),
        summary: (
            "在社区卫生服务中心签约家庭医生",
            "Sign up with a family doctor at the community health centre",
        ),
        category: ("医疗卫生", "Health"),
        organization: (
            "交道口社区卫生服务中心",
            "Jiaodaokou Community Health Centre",
        ),
        keywords: &[("zh-CN", "医疗"), ("zh-CN", "医生"), ("en", "health")],
    },
    Service {
        id: "after-school",
        name: ("课后托管", "After-school care"),
        summary: (
            "为双职工家庭提供课后托管和作业辅导",
            "After-school care and homework help for working parents",
        ),
        category: ("教育", "Education"),
        organization: ("东城区青少年活动中心", "Dongcheng Youth Centre"),
        keywords: &[("zh-CN", "托管"), ("en", "education")],
    },
    Service {
        id: "rehab",
        name: ("残疾人康复训练", "Disability rehabilitation"),
        summary: (
            "为残疾人提供康复训练和辅具适配",
            "Rehabilitation exercises and assistive devices for people with disabilities",
        ),
        category: ELDERLY,
        organization: (
            "东城区残疾人联合会",
            "Dongcheng Disabled Persons' Federation",
        ),
        keywords: &[
            ("zh-CN", "康复"),
            ("zh-CN", "残疾"),
            ("en", "rehabilitation"),
        ],
    },
    Service {
        id: "culture",
        name: ("社区文化活动", "Community cultural activities"),
        summary: (
            "书法、合唱、广场舞等文体活动",
            "Calligraphy, choir, square dancing and other activities",
        ),
        category: ("文化体育", "Culture and sports"),
        organization: ("东城区文化馆", "Dongcheng Cultural Centre"),
        keywords: &[("zh-CN", "文化"), ("zh-CN", "体育"), ("en", "culture")],
    },
    Service {
        id: "meal-delivery",
        name: ("老年餐桌送餐", "Meals on wheels"),
        summary: (
            "为行动不便的老人送餐到家",
            "Meals delivered to older people with limited mobility",
        ),
        category: ELDERLY,
        organization: XINYANG,
        keywords: &[("zh-CN", "送餐"), ("zh-CN", "助餐"), ("en", "meals")],
    },
    Service {
        id: "housing",
        name: ("公租房申请指导", "Public rental housing guidance"),
        summary: (
            "帮助居民申请公共租赁住房",
            "Help applying for public rental housing",
        ),
        category: ("住房", "Housing"),
        organization: ("东城区住房保障中心", "Dongcheng Housing Security Centre"),
        keywords: &[("zh-CN", "住房"), ("en", "housing")],
    },
    Service {
        id: "day-care",
        name: ("日间照料中心", "Day care centre"),
        summary: (
            "白天照料老年人，提供午餐和康乐活动",
            "Daytime care for older people with lunch and recreation",
        ),
        category: ELDERLY,
        organization: XINYANG,
        keywords: &[("zh-CN", "日间照料"), ("en", "day care")],
    },
    Service {
        id: "youth-counselling",
        name: ("青少年心理辅导", "Youth counselling"),
        summary: (
            "为青少年提供心理辅导与家庭咨询",
            "Counselling for young people and family consultations",
        ),
        category: PSYCHOLOGY,
        organization: MENTAL_HEALTH,
        keywords: &[("zh-CN", "心理"), ("en", "counselling")],
    },
    Service {
        id: "mediation",
        name: ("社区矛盾纠纷调解", "Neighbourhood mediation"),
        summary: (
            "调解邻里之间的矛盾纠纷",
            "Help settling disputes between neighbours",
        ),
        category: ("社会保障", "Social security"),
        organization: ("交道口街道人民调解委员会", "Jiaodaokou Mediation Committee"),
        keywords: &[("zh-CN", "调解"), ("en", "mediation")],
    },
];

fn docs(services: &[Service]) -> Vec<SearchDoc<'static>> {
    services
        .iter()
        .map(|s| {
            let mut texts = Vec::new();
            for (field, (zh, en)) in [
                (Field::Name, s.name),
                (Field::Summary, s.summary),
                (Field::Category, s.category),
                (Field::Organization, s.organization),
            ] {
                texts.push((field, Some("zh-CN"), zh));
                texts.push((field, Some("en"), en));
            }
            for &(locale, keyword) in s.keywords {
                texts.push((Field::Keyword, Some(locale), keyword));
            }
            SearchDoc { texts }
        })
        .collect()
}

fn ids(index: &SearchIndex, query: &str, locale: Option<&str>) -> Vec<&'static str> {
    index
        .search(query, locale, 10)
        .iter()
        .filter_map(|hit| SERVICES.get(hit.doc).map(|s| s.id))
        .collect()
}

/// Checks that the results for `query` start with `expected`, in order
/// (an empty `expected` means no results at all).
fn check(index: &SearchIndex, query: &str, locale: Option<&str>, expected: &[&str]) {
    let got = ids(index, query, locale);
    if expected.is_empty() {
        assert!(
            got.is_empty(),
            "query `{query}`: expected nothing, got {got:?}"
        );
    } else {
        assert!(
            got.starts_with(expected),
            "query `{query}` ({locale:?}): expected {expected:?} first, got {got:?}"
        );
    }
}

#[test]
fn finds_services() {
    let index = SearchIndex::build(docs(SERVICES));
    let zh = Some("zh-CN");
    let en = Some("en");
    let cases: &[(&str, Option<&str>, &[&str])] = &[
        // Chinese substrings.
        ("助餐服务", zh, &["meal"]),
        ("助餐", zh, &["meal", "meal-delivery"]),
        ("送餐", zh, &["meal-delivery", "meal"]),
        ("心理", zh, &["counselling"]),
        ("心理咨询", zh, &["counselling"]),
        ("适老", zh, &["accessibility"]),
        ("日间照料", zh, &["day-care"]),
        ("交道口", zh, &["doctor", "mediation"]),
        ("调解", zh, &["mediation"]),
        ("餐", zh, &["meal", "meal-delivery"]),
        ("心理 咨询", zh, &["counselling"]),
        ("爱心传递", zh, &["hotline"]),
        // Full pinyin.
        ("zhucan", zh, &["meal", "meal-delivery"]),
        ("zhucanfuwu", zh, &["meal"]),
        ("jujiayanglao", zh, &["home-care"]),
        ("yanglao", zh, &["home-care"]),
        ("xinli", zh, &["counselling"]),
        ("shilaohua", zh, &["accessibility"]),
        ("aixinchuandi", zh, &["hotline"]),
        ("jiuye", zh, &["jobs"]),
        // Initials.
        ("zc", zh, &["meal"]),
        ("jjyl", zh, &["home-care"]),
        ("xlzx", zh, &["counselling"]),
        ("slh", zh, &["accessibility"]),
        ("rjzl", zh, &["day-care"]),
        ("jyjnpx", zh, &["jobs"]),
        // Partial and mixed pinyin.
        ("zhuc", zh, &["meal", "meal-delivery"]),
        ("xinliz", zh, &["counselling"]),
        ("shilaoh", zh, &["accessibility"]),
        ("zcfw", zh, &["meal"]),
        ("zhucfw", zh, &["meal"]),
        // English prefixes.
        ("meal", en, &["meal", "meal-delivery"]),
        ("counselling", en, &["counselling", "youth-counselling"]),
        ("counsel", en, &["counselling", "youth-counselling"]),
        ("hotline", en, &["hotline"]),
        ("access", en, &["accessibility"]),
        ("training", en, &["jobs"]),
        ("home care", en, &["home-care"]),
        ("legal aid", en, &["legal"]),
        ("rehab", en, &["rehab"]),
        // Typos.
        ("counseling", en, &["counselling", "youth-counselling"]),
        ("meels", en, &["meal-delivery", "meal"]),
        ("hotlien", en, &["hotline"]),
        ("rehabilitaton", en, &["rehab"]),
        ("mediaton", en, &["mediation"]),
        // Case, width and whitespace.
        ("MEAL ASSISTANCE", en, &["meal"]),
        ("  Meal\t\n assistance ", en, &["meal"]),
        ("ｍｅａｌ", en, &["meal", "meal-delivery"]),
        ("ZhuCan", zh, &["meal", "meal-delivery"]),
        ("ＨＯＴＬＩＮＥ", en, &["hotline"]),
        // Mixed scripts: every atom must match.
        ("助餐 meals", None, &["meal", "meal-delivery"]),
        ("心理 youth", None, &["youth-counselling"]),
        // Nothing to find.
        ("", zh, &[]),
        ("   \t ", zh, &[]),
        ("，。！", zh, &[]),
        ("xyzzy", en, &[]),
        ("长城", zh, &[]),
        ("助餐 xyzzy", zh, &[]),
        ("mels", en, &[]),
    ];
    for &(query, locale, expected) in cases {
        check(&index, query, locale, expected);
    }
}

#[test]
fn exact_name_ranks_first() {
    let services = [
        ("Home care visits for older residents", "en"),
        ("Visits", "en"),
        ("Home care", "en"),
        ("居家照护上门", "zh-CN"),
        ("居家照护", "zh-CN"),
        ("Home", "en"),
    ];
    let docs: Vec<SearchDoc> = services
        .iter()
        .map(|&(name, locale)| SearchDoc {
            texts: vec![
                (Field::Name, Some(locale), name),
                (Field::Keyword, Some(locale), "home care"),
            ],
        })
        .collect();
    let index = SearchIndex::build(docs);
    let cases: &[(&str, &[usize])] = &[
        ("home care", &[2, 0, 5]),
        ("visits", &[1, 0]),
        ("home", &[5, 0, 2]),
        ("居家照护", &[4, 3]),
        ("jujiazhaohu", &[4, 3]),
    ];
    for &(query, expected) in cases {
        let got: Vec<usize> = index
            .search(query, None, 10)
            .iter()
            .map(|h| h.doc)
            .collect();
        assert!(got.starts_with(expected), "query `{query}`: got {got:?}");
    }
}

#[test]
fn fields_rank_in_order() {
    let fields = [
        Field::Summary,
        Field::Organization,
        Field::Category,
        Field::Keyword,
        Field::Name,
    ];
    let docs: Vec<SearchDoc> = fields
        .iter()
        .map(|&field| SearchDoc {
            texts: vec![(field, None, "Meal service")],
        })
        .collect();
    let index = SearchIndex::build(docs);
    let got: Vec<usize> = index
        .search("meal", None, 10)
        .iter()
        .map(|h| h.doc)
        .collect();
    assert_eq!(got, vec![4, 3, 2, 1, 0]);
}

#[test]
fn locale_boosts_and_ties_keep_order() {
    let docs = vec![
        SearchDoc {
            texts: vec![(Field::Name, Some("zh-CN"), "Care")],
        },
        SearchDoc {
            texts: vec![(Field::Name, Some("en"), "Care")],
        },
        SearchDoc {
            texts: vec![(Field::Name, None, "Care")],
        },
    ];
    let index = SearchIndex::build(docs);
    let cases: &[(Option<&str>, &[usize])] = &[
        (None, &[0, 1, 2]),
        (Some("en"), &[1, 0, 2]),
        (Some("EN"), &[1, 0, 2]),
        (Some("zh-CN"), &[0, 1, 2]),
        (Some("zh"), &[0, 1, 2]),
        (Some("fr"), &[0, 1, 2]),
    ];
    for &(locale, expected) in cases {
        let got: Vec<usize> = index
            .search("care", locale, 10)
            .iter()
            .map(|h| h.doc)
            .collect();
        assert_eq!(got, expected, "locale {locale:?}");
    }
}

#[test]
fn limit_bounds_results() {
    let index = SearchIndex::build(docs(SERVICES));
    let total = index.search("dongcheng", Some("en"), usize::MAX).len();
    assert_eq!(total, 10);
    for limit in [0, 1, 2, 5, 100] {
        let hits = index.search("dongcheng", Some("en"), limit);
        assert_eq!(hits.len(), limit.min(total), "limit {limit}");
    }
    let all = index.search("dongcheng", Some("en"), 100);
    let first_two = index.search("dongcheng", Some("en"), 2);
    assert_eq!(all.get(..2), Some(first_two.as_slice()));
}

#[test]
fn pinyin_of_characters() {
    let cases: &[(char, Option<&str>)] = &[
        ('助', Some("zhu")),
        ('餐', Some("can")),
        ('服', Some("fu")),
        ('务', Some("wu")),
        ('绿', Some("lv")),
        ('朝', Some("chao")),
        ('行', Some("xing")),
        ('一', Some("yi")),
        ('齄', Some("zha")),
        ('a', None),
        ('〇', None),
        ('㐀', None),
        ('𠀀', None),
        ('\u{9FFF}', None),
    ];
    for &(c, expected) in cases {
        assert_eq!(pinyin_of(c), expected, "pinyin of {c}");
    }
    let known = ('\u{4E00}'..='\u{9FFF}')
        .filter(|&c| pinyin_of(c).is_some())
        .count();
    assert_eq!(known, 6763);
}

#[test]
fn normalizes_text() {
    let cases = [
        ("  Meal\u{3000}Ａssistance\t", "meal assistance"),
        ("ＡＢＣ１２３", "abc123"),
        ("助餐　服务", "助餐 服务"),
        ("ÀÉÎ", "àéî"),
        ("", ""),
        (" \n ", ""),
    ];
    for (input, expected) in cases {
        assert_eq!(normalize(input), expected, "input {input:?}");
    }
}

#[test]
fn matches_pinyin_forms() {
    // Expected: characters matched, all but the last in full, last in full.
    type Expected = Option<(usize, bool, bool)>;
    let cases: &[(&str, &str, Expected)] = &[
        ("zhucan", "助餐服务", Some((2, true, true))),
        ("zhuc", "助餐服务", Some((2, true, false))),
        ("zc", "助餐服务", Some((2, false, false))),
        ("zhc", "助餐服务", Some((2, false, false))),
        ("zcfw", "助餐服务", Some((4, false, false))),
        ("zcfwu", "助餐服务", Some((4, false, true))),
        ("zhucanfuwu", "助餐服务", Some((4, true, true))),
        ("zhucanfuwux", "助餐服务", None),
        ("zu", "助餐服务", None),
        ("can", "助餐服务", None),
        ("zhucan", "助a餐", None),
        ("xian", "西安", Some((2, true, true))),
        ("xian", "先", Some((1, true, true))),
    ];
    for &(query, text, expected) in cases {
        let run: Vec<u16> = text
            .chars()
            .map(|c| pinyin::syllable_index(c).unwrap_or(pinyin::END_OF_RUN))
            .collect();
        let got =
            pinyin::match_start(query.as_bytes(), &run).map(|m| (m.chars, m.full, m.complete));
        assert_eq!(got, expected, "`{query}` on {text}");
    }
}

#[test]
fn fuzzy_words() {
    let words = [
        "care",
        "carers",
        "counselling",
        "counsellor",
        "meal",
        "meals",
        "mediation",
        "medication",
    ];
    let occurrences: Vec<(u32, u32, u32)> = (0..words.len() as u32).map(|i| (i, i, 0)).collect();
    let terms = Terms::build(&words, &occurrences);
    let cases: &[(&str, &[&str])] = &[
        ("meels", &["meals"]),
        ("counseling", &["counselling"]),
        ("counselor", &["counsellor"]),
        ("mediaton", &["mediation"]),
        ("medaition", &["mediation"]),
        ("carres", &["carers"]),
        ("xyzzy", &[]),
    ];
    for &(word, expected) in cases {
        let chars: Vec<char> = word.chars().collect();
        let mut found = Vec::new();
        terms.fuzzy(&chars, &mut found);
        let got: Vec<&str> = found.iter().map(|&i| terms.term(i)).collect();
        assert_eq!(got, expected, "word `{word}`");
    }
}

#[test]
fn huge_and_odd_queries() {
    let index = SearchIndex::build(docs(SERVICES));
    let huge_han = "助餐".repeat(200_000);
    let huge_word = "a".repeat(1_000_000);
    let mixed = "助a餐🙂\u{0}\u{FEFF}ǅ\u{301}".repeat(10_000);
    for query in [huge_han.as_str(), huge_word.as_str(), mixed.as_str()] {
        assert!(index.search(query, Some("zh-CN"), 10).len() <= 10);
    }
    let empty = SearchIndex::build(Vec::new());
    assert!(empty.search("助餐", None, 10).is_empty());
}

#[test]
fn only_the_first_max_query_chars_are_searched() {
    let index = SearchIndex::build(docs(SERVICES));
    // The query is cut before the word that would rule every service out.
    let padded = format!("{}meal xyzzy", " ".repeat(MAX_QUERY_CHARS - 5));
    check(&index, &padded, Some("en"), &["meal"]);
    let padded = format!("{}meal xyzzy", " ".repeat(MAX_QUERY_CHARS - 10));
    check(&index, &padded, Some("en"), &[]);
    // Cut on characters, never inside one.
    for n in [MAX_QUERY_CHARS - 1, MAX_QUERY_CHARS, MAX_QUERY_CHARS + 1] {
        assert_eq!(
            cut(&"助".repeat(n), MAX_QUERY_CHARS).chars().count(),
            n.min(MAX_QUERY_CHARS)
        );
    }
}

proptest! {
    #[test]
    fn search_never_panics(query in "\\PC{0,40}", limit in 0usize..20) {
        let index = SearchIndex::build(docs(SERVICES));
        let hits = index.search(&query, Some("en"), limit);
        prop_assert!(hits.len() <= limit);
        for pair in hits.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score);
        }
    }

    #[test]
    fn arbitrary_texts_index_and_search(
        texts in proptest::collection::vec(".{0,30}", 0..12),
        query in ".{0,12}",
        limit in 0usize..8,
    ) {
        let docs: Vec<SearchDoc> = texts
            .chunks(3)
            .map(|chunk| SearchDoc {
                texts: chunk.iter().map(|t| (Field::Name, None, t.as_str())).collect(),
            })
            .collect();
        let count = docs.len();
        let index = SearchIndex::build(docs);
        let hits = index.search(&query, None, limit);
        prop_assert!(hits.len() <= limit);
        prop_assert!(hits.iter().all(|h| h.doc < count));
    }

    #[test]
    fn a_text_finds_itself(text in "[a-z助餐服务心理咨询 ]{1,12}") {
        let docs = vec![SearchDoc { texts: vec![(Field::Name, None, text.as_str())] }];
        let index = SearchIndex::build(docs);
        let expected = usize::from(!normalize(&text).is_empty());
        prop_assert_eq!(index.search(&text, None, 5).len(), expected);
    }

    #[test]
    fn rank_keys_sort_as_hits_are_ordered(
        a in any::<f32>(),
        b in any::<f32>(),
        doc_a in any::<u32>(),
        doc_b in any::<u32>(),
    ) {
        let order = b.total_cmp(&a).then(doc_a.cmp(&doc_b));
        prop_assert_eq!(rank_key(a, doc_a).cmp(&rank_key(b, doc_b)), order);
    }

    #[test]
    fn all_hits_rank_as_the_best_few(query in "[a-z助餐服务心理 ]{1,10}") {
        // The corpus is smaller than SMALL_LIMIT: both ways of ranking see
        // every hit, and must agree.
        let index = SearchIndex::build(docs(SERVICES));
        let all = index.search(&query, Some("en"), usize::MAX);
        let few = index.search(&query, Some("en"), SMALL_LIMIT);
        prop_assert_eq!(all, few);
    }

    #[test]
    fn a_page_is_the_start_of_the_whole_ranking(
        words in proptest::collection::vec("(meal|meals|care|home|bath|助餐|送餐) (meal|care|home|bath|day|助餐)", 1..400),
        query in "(meal|care|hom|bath|mael|zc|助餐|meal care)",
        locale in proptest::option::of("(en|zh-CN)"),
        limit in 0usize..450,
        every in 1usize..4,
    ) {
        // Enough docs, most of them tied, to rank by selection past
        // SMALL_LIMIT; every `every`-th doc is filtered out.
        let locales = [Some("en"), Some("zh-CN"), None];
        let fields = [Field::Name, Field::Keyword, Field::Summary];
        let docs: Vec<SearchDoc> = words
            .iter()
            .enumerate()
            .map(|(i, text)| SearchDoc {
                texts: vec![(fields[i % 3], locales[i % 3], text.as_str())],
            })
            .collect();
        let index = SearchIndex::build(docs);
        let keep = |doc: usize| every == 1 || !doc.is_multiple_of(every);
        let all: Vec<Hit> = index
            .search(&query, locale.as_deref(), usize::MAX)
            .into_iter()
            .filter(|hit| keep(hit.doc))
            .collect();
        let page = index.search_page(&query, locale.as_deref(), &keep, limit);
        prop_assert_eq!(page.total, all.len());
        prop_assert_eq!(&page.hits[..], &all[..limit.min(all.len())]);
    }

    #[test]
    fn compacts_to_is_compact_equals(text in "[a-zA-Z助餐 ,.-]{0,12}", other in "[a-zA-Z助餐 ,.-]{0,12}") {
        prop_assert_eq!(compacts_to(&text, &compact(&other)), compact(&text) == compact(&other));
        prop_assert!(compacts_to(&text, &compact(&text)));
    }

    #[test]
    fn fuzzy_finds_the_words_within_one_edit(
        words in proptest::collection::btree_set("[abc]{1,7}", 1..40),
        query in "[abcd]{1,7}",
    ) {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let occurrences: Vec<(u32, u32, u32)> = (0..words.len() as u32).map(|w| (w, w, 0)).collect();
        let terms = terms::Terms::build(&words, &occurrences);
        let chars: Vec<char> = query.chars().collect();
        let mut found = Vec::new();
        terms.fuzzy(&chars, &mut found);
        let mut found: Vec<&str> = found.into_iter().map(|i| terms.term(i)).collect();
        found.sort_unstable();
        let expected: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| (0..=w.len()).any(|end| edits(&w[..end], &query) <= 1))
            .collect();
        prop_assert_eq!(found, expected);
    }
}

/// The edit distance with swaps of neighbours (optimal string alignment),
/// computed in full: the reference for `Terms::fuzzy`.
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (k, cell) in d[0].iter_mut().enumerate() {
        *cell = k;
    }
    for i in 1..=a.len() {
        for k in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[k - 1]);
            d[i][k] = (d[i - 1][k - 1] + cost)
                .min(d[i - 1][k] + 1)
                .min(d[i][k - 1] + 1);
            if i > 1 && k > 1 && a[i - 1] == b[k - 2] && a[i - 2] == b[k - 1] {
                d[i][k] = d[i][k].min(d[i - 2][k - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}
