//! End-to-end tests of discovering services: where I live, the menu with its
//! badges and filters, search as you type, service pages, "check if I
//! qualify" in both languages, validation, elderly mode, accessibility,
//! keyboard-only use, and how fast it is on an emulated slow phone.
//!
//! Most tests use the sample feed shipped in the built app; the where-I-live
//! and journey tests also run on a small feed written here, served through
//! the harness overlay, so they do not depend on the sample alone.
//!
//! They need the app built first; run them with the README's test command
//! (scripts/test.sh builds it with `trunk build --release`). Figures are
//! printed (run with `--nocapture` to see them); the slow phone's are held
//! to budgets that catch an app become several times slower.

use std::time::{Duration, Instant};

use caidan_tests::journey::{
    answer_question, choose_by_type_ahead, choose_option, choose_radio, click, click_continue,
    fill, is_checked, set_residence, tab_into_question, tab_to, wait_for_focus_on_h1, wait_h1,
    wait_h1_focused, zh, Answer, CHECK, CONTINUE, JIXIANG, JIXIANG_CODE, MEAL_DC, MY_REQUESTS,
    PROBLEM, Q_AGE, Q_ALONE, Q_RESIDENCE, YOU_QUALIFY,
};
use caidan_tests::{contains, query, AxeTour, Element, Harness, Key, Name, Role};
use serde_json::{json, Value};

/// The path of the small feed the tests serve themselves.
const SMALL_FEED_PATH: &str = "/feeds/test-small.json";

/// A small feed of its own: two districts, three services, its own facts.
const SMALL_FEED: &str = r#"{
  "caidan_feed": "1.0",
  "id": "test-small",
  "version": "1",
  "published_at": "2026-11-01T08:00:00+08:00",
  "title": { "zh-CN": "测试镇服务菜单", "en": "Test Town service menu" },
  "default_locale": "zh-CN",
  "locales": ["zh-CN", "en"],
  "currency": "CNY",
  "intake": { "kind": "voucher", "hotline": "tel:020-5550-1000" },
  "regions": [
    { "code": "990000", "name": { "zh-CN": "测试市", "en": "Test City" }, "level": "city" },
    { "code": "990100", "name": { "zh-CN": "北区", "en": "North District" }, "level": "district", "parent": "990000" },
    { "code": "990101", "name": { "zh-CN": "松树街道", "en": "Pine Street" }, "level": "street", "parent": "990100" },
    { "code": "990101001", "name": { "zh-CN": "松园社区", "en": "Pine Garden Community" }, "level": "community", "parent": "990101", "centroid": [30.0, 120.0] },
    { "code": "990101002", "name": { "zh-CN": "雪松社区", "en": "Cedar Community" }, "level": "community", "parent": "990101", "centroid": [30.01, 120.0] },
    { "code": "990200", "name": { "zh-CN": "南区", "en": "South District" }, "level": "district", "parent": "990000" },
    { "code": "990201", "name": { "zh-CN": "湖滨街道", "en": "Lakeshore Street" }, "level": "street", "parent": "990200" },
    { "code": "990201001", "name": { "zh-CN": "湖畔社区", "en": "Lakeside Community" }, "level": "community", "parent": "990201", "centroid": [29.9, 120.0] }
  ],
  "categories": [
    { "id": "neighbourhood", "name": { "zh-CN": "邻里生活", "en": "Neighbourhood life" }, "order": 1 },
    { "id": "housing", "name": { "zh-CN": "住房", "en": "Housing" }, "order": 2 }
  ],
  "facts": [
    { "id": "residence", "type": "region", "level": "community",
      "question": { "zh-CN": "您家在哪个社区？", "en": "Which neighbourhood is your home in?" } },
    { "id": "age_years", "type": "integer", "min": 0, "max": 120, "unit": { "zh-CN": "岁", "en": "years" },
      "question": { "zh-CN": "您几岁了？", "en": "How many years old are you?" } },
    { "id": "has_pet", "type": "boolean",
      "question": { "zh-CN": "您家养宠物吗？", "en": "Do you keep a pet at home?" } },
    { "id": "tenure", "type": "choice", "sensitive": true,
      "question": { "zh-CN": "您的住房是自有还是租的？", "en": "Do you own or rent your home?" },
      "options": [
        { "key": "own", "label": { "zh-CN": "自有住房", "en": "I own it" } },
        { "key": "rent", "label": { "zh-CN": "租房", "en": "I rent it" } }
      ] }
  ],
  "organizations": [
    { "id": "hub-town", "name": { "zh-CN": "测试镇社会组织中心", "en": "Test Town Hub" }, "kind": "hub" },
    { "id": "org-paws", "name": { "zh-CN": "爪爪动物之家", "en": "Paws Animal Home" },
      "kind": "social_organization", "parent_organization_id": "hub-town",
      "rating": { "score": 4.8, "count": 21, "period": "2026" } }
  ],
  "locations": [
    { "id": "loc-paws", "name": { "zh-CN": "松园宠物站", "en": "Pine Garden Pet Station" },
      "address": { "zh-CN": "松树街1号", "en": "1 Pine Street" }, "region": "990101001",
      "latitude": 30.001, "longitude": 120.001,
      "schedules": [ { "byday": "SA,SU", "opens_at": "09:00", "closes_at": "12:00" } ] }
  ],
  "services": [
    { "id": "pet-vaccination", "name": { "zh-CN": "社区宠物疫苗接种", "en": "Community pet vaccination" },
      "summary": { "zh-CN": "为家养宠物接种狂犬疫苗。", "en": "Rabies shots for pets kept at home." },
      "category": "neighbourhood", "keywords": ["宠物", "疫苗", "pets"],
      "organization_id": "org-paws", "location_ids": ["loc-paws"], "delivery": ["centre"],
      "service_areas": ["990100"], "status": "active",
      "eligibility": "has_pet and residence within \"990100\"",
      "eligibility_description": { "zh-CN": "北区养宠物的居民。", "en": "North District residents with a pet." },
      "cost": { "amount": 40, "unit": { "zh-CN": "每针", "en": "per dose" },
        "subsidies": [
          { "when": "age_years >= 65", "covers_percent": 100, "label": { "zh-CN": "65岁以上免费", "en": "Free from 65" } },
          { "when": "true", "covers_percent": 50, "label": { "zh-CN": "半价", "en": "Half price" } }
        ] } },
    { "id": "tenant-advice", "name": { "zh-CN": "租房咨询服务台", "en": "Tenant advice desk" },
      "summary": { "zh-CN": "租房合同和押金问题的咨询。", "en": "Advice on leases and deposits." },
      "category": "housing", "keywords": ["租房", "tenants"],
      "organization_id": "org-paws", "delivery": ["phone"],
      "service_areas": ["990000"], "status": "active",
      "eligibility": "tenure == \"rent\"",
      "eligibility_description": { "zh-CN": "租房居住的居民。", "en": "Residents who rent their home." } },
    { "id": "lake-swim", "name": { "zh-CN": "湖畔游泳俱乐部", "en": "Lakeside swimming club" },
      "summary": { "zh-CN": "夏季湖中游泳。", "en": "Summer swimming in the lake." },
      "category": "neighbourhood", "keywords": ["游泳", "swimming"],
      "organization_id": "org-paws", "delivery": ["centre"],
      "service_areas": ["990200"], "status": "active",
      "eligibility": "age_years >= 18",
      "cost": { "amount": 10, "unit": { "zh-CN": "每次", "en": "per visit" } },
      "capacity": { "available": 0, "maximum": 30 } }
  ]
}"#;

/// The interface's words in English (more are in `journey`).
const YOU_DO_NOT_QUALIFY: &str = "You do not qualify";
const NEED_MORE: &str = "We need more information";
const DONT_KNOW: &str = "I don't know";

/// The sample feed's questions in English (more are in `journey`).
const Q_DISABILITY: &str = "What grade is on your disability certificate?";
const Q_MOOD: &str = "Have you often felt low, anxious or unable to sleep lately?";

/// Sample services by their English names (more are in `journey`).
const MEAL_CY: &str = "Senior meal assistance, Chaoyang";
const MEAL_DELIVERY: &str = "Meals delivered to your door";
const YOUTH_INTERNSHIPS: &str = "Youth internships";
const SEVERE_DISABILITY_HOME: &str = "Home support for people with severe disabilities";
const SMARTPHONE_CLASS: &str = "Smartphone class for seniors";

/// Where Jixiang Community (`JIXIANG`, 1.6 km from the Dongcheng canteen)
/// is, as the menu says it; Beiluoguxiang Community (Dongcheng ·
/// Jiaodaokou), next to it.
const JIXIANG_PATH: &str = "Dongcheng District · Jingshan Subdistrict · Jixiang Community";
const BEILUOGUXIANG: &str = "Beiluoguxiang Community";

// ---------------------------------------------------------------------------
// 1. Where I live.

#[tokio::test]
async fn where_i_live_narrows_the_menu_to_my_district() {
    let h = Harness::start().await;
    h.open("/?lang=en").await;

    // Before: services of every district are on the menu.
    wait_for_card(&h, MEAL_DC).await;
    let before = card_names(&h).await;
    assert!(before.iter().any(|n| n == MEAL_CY), "{before:?}");
    assert!(before.iter().any(|n| n == SMARTPHONE_CLASS), "{before:?}");

    click(
        &h.wait_for_link("Tell us where you live to see the services offered there")
            .await,
    )
    .await;
    h.wait_for_path("/where").await;
    wait_h1(&h, Q_RESIDENCE).await;
    // Communities are grouped by "District · Street".
    let groups = h.optgroup_labels(Q_RESIDENCE).await;
    assert!(
        groups.contains(&"Dongcheng District · Jingshan Subdistrict".to_string()),
        "{groups:?}"
    );
    assert!(
        groups.contains(&"Chaoyang District · Hujialou Subdistrict".to_string()),
        "{groups:?}"
    );
    choose_option(&h, Q_RESIDENCE, JIXIANG).await;
    click_continue(&h).await;

    h.wait_for_path("/").await;
    h.wait_for_text(&format!("Where I live: {JIXIANG_PATH}"))
        .await;
    h.find_link(contains("Change")).await;
    wait_for_card(&h, MEAL_DC).await;
    let after = card_names(&h).await;
    // A service of Chaoyang, and one of two other Dongcheng streets, are gone.
    assert!(!after.iter().any(|n| n == MEAL_CY), "{after:?}");
    assert!(!after.iter().any(|n| n == SMARTPHONE_CLASS), "{after:?}");
    assert!(after.len() < before.len(), "{after:?}");

    // The answer is remembered: a reload keeps it.
    h.open("/").await;
    h.wait_for_text(&format!("Where I live: {JIXIANG_PATH}"))
        .await;
}

/// Every card of the menu shown, as `[name, text]`, and each card's
/// element kept in `window.__cards` to compare after the next step.
const MARK_CARDS: &str = r#"
const cards = [...document.querySelectorAll("main .cd-service-card")].filter((li) => li.checkVisibility());
window.__cards = new Map(cards.map((li) => [li.querySelector("a").textContent, { li, text: li.innerText }]));
return cards.length;
"#;

/// The cards shown now against those kept by [`MARK_CARDS`]: how many are
/// the same element with the same text, how many say something new, and
/// the names of cards that say the same but were drawn again, or say
/// something new in the same element.
const COMPARE_CARDS: &str = r#"
const out = { kept: 0, changed: 0, redrawn: [], stale: [] };
for (const li of document.querySelectorAll("main .cd-service-card")) {
  if (!li.checkVisibility()) continue;
  const before = window.__cards.get(li.querySelector("a").textContent);
  if (!before) continue;
  if (before.text === li.innerText) {
    if (before.li === li) out.kept++; else out.redrawn.push(li.innerText);
  } else {
    if (before.li === li) out.stale.push(li.innerText); else out.changed++;
  }
}
return out;
"#;

/// The ids used by more than one element of the document.
const DUPLICATE_IDS: &str = r#"
const seen = new Set(), twice = new Set();
for (const el of document.querySelectorAll("[id]")) (seen.has(el.id) ? twice : seen).add(el.id);
return [...twice];
"#;

#[tokio::test]
async fn the_menu_is_kept_behind_other_pages_and_an_answer_redraws_only_what_changed() {
    let h = Harness::start().await;
    h.open("/?lang=en").await;
    wait_for_card(&h, MEAL_DC).await;
    let shown = h.execute(MARK_CARDS, Vec::new()).await;
    assert!(shown.as_u64().unwrap_or(0) > 20, "{shown}");

    click(
        &h.wait_for_link("Tell us where you live to see the services offered there")
            .await,
    )
    .await;
    // The question is the page: its heading has focus, the menu is neither
    // seen nor heard, and no id of the menu's is used twice.
    wait_h1_focused(&h, Q_RESIDENCE).await;
    h.screenshots("question-over-the-kept-menu").await;
    assert!(card_names(&h).await.is_empty());
    assert_eq!(h.names_of(Role::Heading(Some(1))).await, [Q_RESIDENCE]);
    assert_eq!(
        h.execute(DUPLICATE_IDS, Vec::new()).await,
        json!([]),
        "ids used twice with the menu kept behind the question"
    );
    h.assert_no_axe_violations("a question, the menu kept behind it")
        .await;
    // Nor does the browser's accessibility tree, which screen readers
    // read, have any of its cards.
    assert_eq!(heard(&h, MEAL_DC).await, 0, "the hidden menu is heard");
    choose_option(&h, Q_RESIDENCE, JIXIANG).await;
    click_continue(&h).await;

    h.wait_for_path("/").await;
    h.wait_for_text(&format!("Where I live: {JIXIANG_PATH}"))
        .await;
    // Back on the menu: a card that says what it said is the element it
    // was; a card whose decision changed is drawn anew.
    let compared = h.execute(COMPARE_CARDS, Vec::new()).await;
    assert_eq!(compared["redrawn"], json!([]), "{compared}");
    assert_eq!(compared["stale"], json!([]), "{compared}");
    assert!(compared["kept"].as_u64().unwrap_or(0) > 0, "{compared}");
    assert!(compared["changed"].as_u64().unwrap_or(0) > 0, "{compared}");
    wait_for_focus_on_h1(&h, "Beijing public service menu (sample)").await;
    assert_eq!(h.execute(DUPLICATE_IDS, Vec::new()).await, json!([]));
    assert!(heard(&h, MEAL_DC).await > 0, "the menu shown is heard");
    h.screenshots("menu-kept-after-an-answer").await;
}

/// How many nodes of the browser's accessibility tree (what a screen
/// reader reads) are named `name`.
async fn heard(h: &Harness, name: &str) -> usize {
    let tree = h.cdp("Accessibility.getFullAXTree", json!({})).await;
    let nodes = tree["nodes"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    assert!(nodes.len() > 10, "no accessibility tree: {tree}");
    nodes
        .iter()
        .filter(|n| n["ignored"] != json!(true) && n["name"]["value"] == json!(name))
        .count()
}

#[tokio::test]
async fn where_i_live_on_a_small_feed() {
    let h = small_feed_harness().await;
    h.open(&format!("/?feed={SMALL_FEED_PATH}&lang=en")).await;

    h.wait_for(query(Role::Heading(Some(1)), "Test Town service menu"))
        .await;
    wait_for_card(&h, "Lakeside swimming club").await;
    assert_eq!(
        card_names(&h).await,
        [
            "Community pet vaccination",
            "Lakeside swimming club",
            "Tenant advice desk"
        ]
    );
    let headings = h.names_of(Role::Heading(Some(2))).await;
    assert_eq!(headings, ["Neighbourhood life", "Housing"]);

    click(
        &h.wait_for_link("Tell us where you live to see the services offered there")
            .await,
    )
    .await;
    let question = "Which neighbourhood is your home in?";
    wait_h1(&h, question).await;
    assert_eq!(
        h.optgroup_labels(question).await,
        [
            "North District · Pine Street",
            "South District · Lakeshore Street"
        ]
    );
    choose_option(&h, question, "Pine Garden Community").await;
    click_continue(&h).await;

    h.wait_for_text("Where I live: North District · Pine Street · Pine Garden Community")
        .await;
    wait_for_card(&h, "Community pet vaccination").await;
    assert_eq!(
        card_names(&h).await,
        ["Community pet vaccination", "Tenant advice desk"]
    );
}

// ---------------------------------------------------------------------------
// 2. Badges, costs and filters.

#[tokio::test]
async fn menu_shows_badges_and_costs_and_filters_narrow_it() {
    let h = Harness::start().await;
    set_residence(&h, "/where?lang=en", Q_RESIDENCE, JIXIANG).await;

    // Answer the age once, through a service.
    click(&wait_for_card(&h, MEAL_DC).await).await;
    wait_h1(&h, MEAL_DC).await;
    click(&h.wait_for_link(CHECK).await).await;
    answer_question(&h, Q_AGE, Answer::Number("72")).await;
    click_continue(&h).await;
    wait_h1(&h, YOU_QUALIFY).await;
    click(&h.find_link("Caidan").await).await;
    h.wait_for_path("/").await;
    wait_for_card(&h, MEAL_DC).await;

    let cards = cards(&h).await;
    let card = |name: &str| {
        cards
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no card for `{name}` among {cards:#?}"))
            .clone()
    };
    let meal = card(MEAL_DC);
    assert!(meal.text.contains(YOU_QUALIFY), "{meal:?}");
    assert!(
        meal.text
            .contains("You would pay between ¥0 and ¥15 per meal"),
        "{meal:?}"
    );
    let delivery = card(MEAL_DELIVERY);
    assert!(delivery.text.contains("You may qualify"), "{delivery:?}");
    assert!(
        delivery.text.contains("Full — join the waiting list"),
        "{delivery:?}"
    );
    let youth = card(YOUTH_INTERNSHIPS);
    assert!(youth.text.contains("Not for you"), "{youth:?}");
    let severe = card(SEVERE_DISABILITY_HOME);
    assert!(severe.text.contains("Priority: high"), "{severe:?}");
    let sign = card("Sign language interpreting");
    assert!(
        sign.text.contains(YOU_QUALIFY) && sign.text.contains("Free"),
        "{sign:?}"
    );
    let before = cards.len();

    let filters = h.find_details("Filter the menu").await;
    h.open_details(&filters).await;

    // Only what I qualify for.
    click(&h.find_checkbox("Only what I qualify for").await).await;
    let mine = h
        .wait_until("the menu to show only what I qualify for", || async {
            let now = try_cards(&h).await?;
            (now.len() < before).then_some(now)
        })
        .await;
    assert!(!mine.is_empty());
    for c in &mine {
        assert!(c.text.contains(YOU_QUALIFY), "{c:?} in {mine:#?}");
    }
    assert!(mine.iter().any(|c| c.name == MEAL_DC), "{mine:#?}");
    assert!(
        !mine.iter().any(|c| c.name == YOUTH_INTERNSHIPS),
        "{mine:#?}"
    );
    assert!(!mine.iter().any(|c| c.name == MEAL_DELIVERY), "{mine:#?}");
    click(&h.find_checkbox("Only what I qualify for").await).await;
    h.wait_until("the full menu again", || async {
        (try_cards(&h).await?.len() == before).then_some(())
    })
    .await;

    // One category.
    choose_option(&h, "Category", "Disability support").await;
    let disability = h
        .wait_until("only disability services", || async {
            let now = try_cards(&h).await?;
            (!now.is_empty() && now.iter().all(|c| c.category == "Disability support"))
                .then_some(now)
        })
        .await;
    assert!(
        disability.iter().any(|c| c.name == SEVERE_DISABILITY_HOME),
        "{disability:#?}"
    );
    assert_eq!(
        h.names_of(Role::Heading(Some(2))).await,
        ["Disability support"]
    );

    // One way of delivery, within all categories.
    choose_option(&h, "Category", "All categories").await;
    choose_option(&h, "How it is delivered", "By phone").await;
    let sample = caidan_tests::feed_json("sample.json");
    let feed = sample["services"].as_array().cloned().unwrap_or_default();
    let by_phone = h
        .wait_until("only services delivered by phone", || async {
            let now = try_cards(&h).await?;
            let all_phone = now.iter().all(|c| {
                feed.iter()
                    .find(|s| s.get("id").and_then(Value::as_str) == Some(c.id.as_str()))
                    .and_then(|s| s.get("delivery").and_then(Value::as_array))
                    .is_some_and(|d| d.contains(&json!("phone")))
            });
            (!now.is_empty() && now.len() < before && all_phone).then_some(now)
        })
        .await;
    assert!(
        by_phone
            .iter()
            .any(|c| c.name == "Aixin Chuandi support hotline"),
        "{by_phone:#?}"
    );
}

// ---------------------------------------------------------------------------
// 3. Search as you type.

#[tokio::test]
async fn search_as_you_type_in_chinese_pinyin_initials_and_english() {
    let h = Harness::start().await;
    h.open("/?lang=en").await;
    wait_for_card(&h, MEAL_DC).await;

    // What is typed, a result it must find, and one it must not.
    let cases: [(&str, &str, &str, &str); 5] = [
        (
            "Chinese substring",
            "助餐",
            "/services/meal-assist-dc",
            "Bathing assistance",
        ),
        (
            "pinyin",
            "zhucan",
            "/services/meal-assist-dc",
            "Bathing assistance",
        ),
        (
            "initials",
            "lnzc",
            "/services/meal-assist-dc",
            "Sign language interpreting",
        ),
        (
            "English word",
            "bathing",
            "/services/bathing-assist",
            MEAL_DC,
        ),
        (
            "Chinese of another service",
            "手语",
            "/services/sign-language-help",
            MEAL_DC,
        ),
    ];
    let mut figures = Vec::new();
    for (what, typed, expected, absent) in cases {
        let search_box = h.find_textbox("Search services").await;
        if let Err(e) = search_box.clear().await {
            panic!("cannot clear the search box: {e}");
        }
        click(&search_box).await;
        install_search_timer(&h, expected).await;
        h.type_text(typed).await;
        let ms = h
            .wait_for_number(
                &format!("results for `{typed}`"),
                "const s = window.cdSearch; return s && s.rendered !== null && s.value === arguments[0] ? s.rendered - s.last : null;",
                vec![json!(typed)],
            )
            .await;
        figures.push(format!("{what} `{typed}`: {ms:.1} ms"));

        let path = h.current_path_and_query().await;
        assert!(path.starts_with("/search?q="), "{what}: at `{path}`");
        h.find_heading(Some(1), "Search results").await;
        let results = h.links_under("/services/").await;
        assert!(
            results.iter().any(|l| l.href == expected),
            "{what} `{typed}`: no link to {expected} in {results:?}"
        );
        assert!(
            !results.iter().any(|l| l.name == absent),
            "{what} `{typed}`: `{absent}` should not be found: {results:?}"
        );
        assert!(
            results.iter().all(|l| !l.name.is_empty()),
            "{what}: a result link has no name: {results:?}"
        );
        // The search box keeps what was typed.
        let value = h
            .find_textbox("Search services")
            .await
            .prop("value")
            .await
            .ok()
            .flatten();
        assert_eq!(value.as_deref(), Some(typed), "{what}");
    }
    let results = h.links_under("/services/").await;
    assert!(
        results
            .iter()
            .any(|l| l.name == "Sign language interpreting"),
        "results are named with the English service name: {results:?}"
    );
    let search_box = h.find_textbox("Search services").await;
    let _ = search_box.clear().await;
    click(&search_box).await;
    h.type_text("qqxyzzy").await;
    h.wait_for_text("No services match your search.").await;
    let errors = h.console_errors().await;
    assert!(
        errors.is_empty(),
        "console errors while searching: {errors:#?}"
    );

    println!("FIGURE search, last keystroke to results rendered (per rAF frame):");
    for f in &figures {
        println!("FIGURE   {f}");
    }
}

// ---------------------------------------------------------------------------
// 4. A service page opened cold.

#[tokio::test]
async fn service_page_opens_cold_from_a_deep_link() {
    let h = Harness::start().await;
    h.open("/services/meal-assist-dc?lang=en").await;

    wait_h1(&h, MEAL_DC).await;
    let main = h.text_of_main().await;
    for expected in [
        "Provided by",
        "Fuxiang Catering Management Co., Ltd.",
        "Residents' rating",
        "4.2 / 5 (865 ratings)",
        "Who can use it",
        "Residents of Dongcheng aged 60 or over.",
        "Full price: ¥20 per meal",
        "Fully covered for dibao and special-hardship households",
        "Half covered from age 80",
        "You would pay between ¥0 and ¥15 per meal",
        "Where and when",
        "Ju'er Hutong Senior Canteen",
        "12 Ju'er Hutong, Dongcheng",
        "Opening hours",
        "Mon, Tue, Wed, Thu, Fri, Sat, Sun 11:00–13:30",
        "Hotline: 010-6402-6688",
    ] {
        assert!(main.contains(expected), "no `{expected}` in:\n{main}");
    }
    h.find_heading(Some(2), "Cost").await;
    h.find_heading(Some(3), "Ju'er Hutong Senior Canteen").await;
    let tel = h.links_under("tel:").await;
    assert!(
        tel.iter()
            .any(|l| l.href == "tel:010-6402-6688" && l.name == "010-6402-6688"),
        "{tel:?}"
    );
    let check = h.links_under("/services/meal-assist-dc/check").await;
    assert_eq!(check.len(), 1, "{check:?}");
    assert_eq!(check[0].name, CHECK);
    // Before residence is known, no walking distance is shown.
    assert!(!main.contains("m walk"), "{main}");

    // A provider bundled by a hub, with documents and two locations.
    h.open("/services/benefits-navigation").await;
    wait_h1(&h, "Help applying for benefits").await;
    let main = h.text_of_main().await;
    for expected in [
        "Xinyang Social Work Firm",
        "Supported by hub",
        "Dongcheng Federation of Social Organisations",
        "4.6 / 5 (132 ratings)",
        "Free",
        "Documents to bring",
        "Resident ID card",
        "Xinyang Social Work Station, Shaojiu",
        "Jiaodaokou Community Service Centre",
        "Mon, Tue, Wed, Thu, Fri 08:30–17:30",
        "Sat 09:00–12:00",
    ] {
        assert!(main.contains(expected), "no `{expected}` in:\n{main}");
    }
    h.find_heading(Some(2), "Documents to bring").await;
    let tel = h.links_under("tel:").await;
    assert!(tel.iter().any(|l| l.href == "tel:010-6512-0000"), "{tel:?}");

    // Once residence is known: walking distances and the service circle.
    h.open("/where?next=/services/benefits-navigation").await;
    choose_option(&h, Q_RESIDENCE, BEILUOGUXIANG).await;
    click_continue(&h).await;
    wait_h1(&h, "Help applying for benefits").await;
    let near = location_text(&h, "Jiaodaokou Community Service Centre").await;
    assert!(
        near.contains("In your 15-minute service circle"),
        "the centre next door is not in the circle: {near}"
    );
    let metres = walk_metres(&near);
    assert!(metres.is_some_and(|m| m < 1000), "{near}");
    let far = location_text(&h, "Xinyang Social Work Station, Shaojiu").await;
    let metres = walk_metres(&far);
    assert!(metres.is_some_and(|m| m > 1000), "{far}");
    assert!(!far.contains("In your 15-minute service circle"), "{far}");
}

// ---------------------------------------------------------------------------
// 5. Check if I qualify.

#[tokio::test]
async fn check_if_i_qualify_journeys_reuse_answers() {
    let h = Harness::start().await;

    // To "You qualify": residence first (the area is not known yet), then age.
    h.open("/services/meal-assist-dc?lang=en").await;
    click(&h.wait_for_link(CHECK).await).await;
    wait_h1(&h, Q_RESIDENCE).await;
    h.wait_for_path("/services/meal-assist-dc/check/residence")
        .await;
    choose_option(&h, Q_RESIDENCE, JIXIANG).await;
    click_continue(&h).await;
    wait_h1(&h, Q_AGE).await;
    h.wait_for_path("/services/meal-assist-dc/check/age").await;
    fill(&h, Q_AGE, "72").await;
    click_continue(&h).await;
    wait_h1(&h, YOU_QUALIFY).await;
    h.wait_for_path("/services/meal-assist-dc/result").await;
    let main = h.text_of_main().await;
    assert!(main.contains(MEAL_DC), "{main}");
    assert!(
        main.contains("You would pay between ¥0 and ¥15 per meal"),
        "{main}"
    );
    let tel = h.links_under("tel:").await;
    assert!(tel.iter().any(|l| l.href == "tel:010-6402-6688"), "{tel:?}");

    // To "You do not qualify": age is not asked again.
    h.open("/services/senior-mental-care").await;
    click(&h.wait_for_link(CHECK).await).await;
    wait_h1(&h, Q_MOOD).await;
    h.wait_for_path("/services/senior-mental-care/check/mental_health_concern")
        .await;
    // A sensitive question offers to remember the answer.
    h.find_checkbox("Remember this answer on this device").await;
    choose_radio(&h, "No").await;
    click_continue(&h).await;
    wait_h1(&h, YOU_DO_NOT_QUALIFY).await;

    // With "I don't know" to "We need more information"; browser back on
    // question pages on the way.
    h.open("/services/home-care-visits").await;
    click(&h.wait_for_link(CHECK).await).await;
    wait_h1(&h, Q_ALONE).await;
    let radios = h.names_of(Role::Radio).await;
    assert_eq!(radios, ["Yes", "No", DONT_KNOW]);
    choose_radio(&h, DONT_KNOW).await;
    click_continue(&h).await;
    wait_h1(&h, Q_DISABILITY).await;
    h.go_back().await;
    wait_h1(&h, Q_ALONE).await;
    h.wait_for_path("/services/home-care-visits/check/living_alone")
        .await;
    assert!(
        is_checked(&h.find_radio(DONT_KNOW).await).await,
        "going back shows the answer given"
    );
    click_continue(&h).await;
    wait_h1(&h, Q_DISABILITY).await;
    // The "Back" link goes back too.
    click(&h.find_link("Back").await).await;
    wait_h1(&h, Q_ALONE).await;
    h.go_forward().await;
    wait_h1(&h, Q_DISABILITY).await;
    click(&h.find_button(DONT_KNOW).await).await;
    wait_h1(&h, NEED_MORE).await;
    h.wait_for_path("/services/home-care-visits/result").await;

    // Review the answers and change one.
    click(&h.find_link("Review and change my answers").await).await;
    h.wait_for_path("/answers").await;
    wait_h1(&h, "My answers").await;
    let main = h.text_of_main().await;
    for expected in [
        Q_RESIDENCE,
        JIXIANG_PATH,
        Q_AGE,
        "72 years",
        Q_ALONE,
        DONT_KNOW,
        Q_MOOD,
    ] {
        assert!(main.contains(expected), "no `{expected}` in:\n{main}");
    }
    click(&h.find_link(contains(format!("Change {Q_AGE}"))).await).await;
    wait_h1(&h, Q_AGE).await;
    let field = h.find_textbox(Q_AGE).await;
    assert_eq!(
        field.prop("value").await.ok().flatten().as_deref(),
        Some("72")
    );
    fill(&h, Q_AGE, "58").await;
    click_continue(&h).await;
    h.wait_for_path("/answers").await;
    h.wait_for_text("58 years").await;

    // Every service is decided again with the new answer.
    h.open("/services/meal-assist-dc/result").await;
    wait_h1(&h, YOU_DO_NOT_QUALIFY).await;
    h.open("/services/home-care-visits/result").await;
    wait_h1(&h, YOU_DO_NOT_QUALIFY).await;

    // Forget everything.
    h.open("/answers").await;
    click(&h.wait_for_button("Forget all my answers").await).await;
    h.wait_for_text("You have not answered any questions yet.")
        .await;
    h.open("/").await;
    h.wait_for_link("Tell us where you live to see the services offered there")
        .await;

    let errors = h.console_errors().await;
    assert!(
        errors.is_empty(),
        "console errors on the journey: {errors:#?}"
    );
}

#[tokio::test]
async fn check_if_i_qualify_on_a_small_feed() {
    let h = small_feed_harness().await;
    h.open(&format!(
        "/services/pet-vaccination?feed={SMALL_FEED_PATH}&lang=en"
    ))
    .await;
    wait_h1(&h, "Community pet vaccination").await;
    let main = h.text_of_main().await;
    for expected in [
        "Paws Animal Home",
        "Test Town Hub",
        "Pine Garden Pet Station",
        "Sat, Sun 09:00–12:00",
        "You would pay between ¥0 and ¥20 per dose",
        "Hotline: 020-5550-1000",
    ] {
        assert!(main.contains(expected), "no `{expected}` in:\n{main}");
    }
    click(&h.find_link(CHECK).await).await;
    wait_h1(&h, "Which neighbourhood is your home in?").await;
    choose_option(
        &h,
        "Which neighbourhood is your home in?",
        "Cedar Community",
    )
    .await;
    click_continue(&h).await;
    wait_h1(&h, "Do you keep a pet at home?").await;
    choose_radio(&h, "Yes").await;
    click_continue(&h).await;
    wait_h1(&h, YOU_QUALIFY).await;
    h.wait_for_text("You would pay between ¥0 and ¥20 per dose")
        .await;

    // A choice question with the feed's own options.
    h.open("/services/tenant-advice").await;
    click(&h.wait_for_link(CHECK).await).await;
    wait_h1(&h, "Do you own or rent your home?").await;
    assert_eq!(
        h.names_of(Role::Radio).await,
        ["I own it", "I rent it", DONT_KNOW]
    );
    choose_radio(&h, "I rent it").await;
    click_continue(&h).await;
    wait_h1(&h, YOU_QUALIFY).await;
    h.wait_for_text("Free").await;

    // A service of the other district: nothing to ask.
    h.open("/services/lake-swim").await;
    click(&h.wait_for_link(CHECK).await).await;
    wait_h1(&h, "This service is not available to you now").await;
}

// ---------------------------------------------------------------------------
// 6. Validation.

#[tokio::test]
async fn invalid_answers_show_the_error_summary() {
    let h = Harness::start().await;
    h.open("/services/meal-assist-dc/check/age?lang=en").await;
    wait_h1(&h, Q_AGE).await;

    // Nothing entered.
    click_continue(&h).await;
    h.wait_for_heading(Some(2), PROBLEM).await;
    let link = h.wait_for_link("Enter a number").await;
    assert_eq!(
        link.attr("href").await.ok().flatten().as_deref(),
        Some("#fact-age")
    );
    h.wait_for_text("Error: Enter a number").await;
    let focused = h.focused_element().await;
    assert!(
        focused.explicit_role.as_deref() == Some("alert") || focused.name.contains(PROBLEM),
        "the error summary does not take focus; focus is on {focused}"
    );

    // Out of range.
    fill(&h, Q_AGE, "200").await;
    click_continue(&h).await;
    h.wait_for_link("Enter a number between 0 – 130").await;
    h.wait_for_text("Error: Enter a number between 0 – 130")
        .await;
    // The field is described by its error.
    let described = h.field_description(Q_AGE).await;
    assert!(
        described.contains("Enter a number between 0 – 130"),
        "the field is not described by its error: `{described}`"
    );
    // A valid answer clears it.
    fill(&h, Q_AGE, "64").await;
    click_continue(&h).await;
    wait_h1(&h, Q_RESIDENCE).await;
    h.wait_for_path("/services/meal-assist-dc/check/residence")
        .await;
    assert!(
        !h.text_of_main().await.contains(PROBLEM),
        "the error summary stays after a valid answer"
    );

    // A radio question with nothing chosen, and the community select.
    h.open("/services/home-care-visits/check/living_alone")
        .await;
    wait_h1(&h, Q_ALONE).await;
    click_continue(&h).await;
    h.wait_for_heading(Some(2), PROBLEM).await;
    h.wait_for_link("Select an answer").await;
    h.open("/where").await;
    wait_h1(&h, Q_RESIDENCE).await;
    click_continue(&h).await;
    h.wait_for_heading(Some(2), PROBLEM).await;
    h.wait_for_link("Select an answer").await;
}

#[tokio::test]
async fn the_error_summary_link_moves_focus_to_the_field() {
    let h = Harness::start().await;
    h.open("/services/meal-assist-dc/check/age?lang=en").await;
    wait_h1(&h, Q_AGE).await;
    click_continue(&h).await;
    let link = h.wait_for_link("Enter a number").await;
    // Its link leads to the field: following it puts focus in the field.
    click(&link).await;
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let f = h.focused_element().await;
        if f.role == Some(Role::Field) && f.name == Q_AGE {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "after following the error summary's link `Enter a number` (href `#fact-age`), \
             the age field has no focus; focus is on {f}, at `{}`",
            h.current_path_and_query().await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Still on the same question; what is typed now goes into the field.
    h.wait_for_path("/services/meal-assist-dc/check/age").await;
    h.type_text("67").await;
    click_continue(&h).await;
    wait_h1(&h, Q_RESIDENCE).await;
}

// ---------------------------------------------------------------------------
// 7. Both languages.

#[tokio::test]
async fn the_journey_in_chinese() {
    let h = Harness::start().await;
    h.open("/?lang=en").await;
    wait_for_card(&h, MEAL_DC).await;
    assert_eq!(h.html_lang().await, "en");

    h.open("/services/meal-assist-dc?lang=zh").await;
    wait_h1(&h, "东城区老年助餐").await;
    assert_eq!(h.html_lang().await, "zh-CN");
    h.find_textbox("搜索服务").await;
    h.find_button("长辈版").await;
    h.find_link(zh::MY_REQUESTS).await;
    h.find_link("中文").await;
    h.find_link("English").await;

    click(&h.find_link("看看我是否符合条件").await).await;
    answer_question(&h, zh::Q_RESIDENCE, Answer::Select(zh::JIXIANG)).await;
    click(&h.find_button(zh::CONTINUE).await).await;
    answer_question(&h, zh::Q_AGE, Answer::Number("72")).await;
    click(&h.find_button(zh::CONTINUE).await).await;
    wait_h1(&h, zh::YOU_QUALIFY).await;
    h.wait_for_text("东城区老年助餐").await;

    h.open("/services/senior-mental-care").await;
    wait_h1(&h, "老年心理关爱").await;
    click(&h.find_link("看看我是否符合条件").await).await;
    wait_h1(&h, "最近您是否常常感到心情低落、焦虑或睡不好？").await;
    h.find_checkbox("在这台设备上记住这个回答").await;
    choose_radio(&h, "否").await;
    click(&h.find_button(zh::CONTINUE).await).await;
    wait_h1(&h, "您不符合条件").await;

    h.open("/services/home-care-visits").await;
    wait_h1(&h, "居家养老上门服务").await;
    click(&h.find_link("看看我是否符合条件").await).await;
    wait_h1(&h, "您是一个人住吗？").await;
    assert_eq!(h.names_of(Role::Radio).await, ["是", "否", "我不清楚"]);
    choose_radio(&h, "我不清楚").await;
    click(&h.find_button(zh::CONTINUE).await).await;
    wait_h1(&h, "您的残疾人证上是几级？").await;
    click(&h.find_button("我不清楚").await).await;
    wait_h1(&h, "我们需要更多信息").await;

    // The menu in Chinese, and the switch back to English.
    h.open("/").await;
    wait_for_card(&h, "东城区老年助餐").await;
    h.wait_for_text("我住在").await;
    click(&h.find_link("English").await).await;
    wait_for_card(&h, MEAL_DC).await;
    h.wait_until("<html lang=\"en\">", || async {
        (h.html_lang().await == "en").then_some(())
    })
    .await;
    h.find_textbox("Search services").await;
}

/// Each page is named after its heading, in the resident's language: what
/// a screen reader says on arrival, and what a tab and the history show.
#[tokio::test]
async fn each_page_is_named_after_its_heading() {
    let h = Harness::start().await;
    let feed = caidan_tests::feed_json("sample.json");
    h.open("/?lang=en").await;
    wait_for_card(&h, MEAL_DC).await;
    let title = feed["title"]["en"].as_str().unwrap_or_default();
    h.wait_for_title(&format!("{title} – Caidan")).await;

    click(&h.find_link(MEAL_DC).await).await;
    wait_h1(&h, MEAL_DC).await;
    h.wait_for_title(&format!("{MEAL_DC} – Caidan")).await;
    click(&h.find_link("中文").await).await;
    wait_h1(&h, "东城区老年助餐").await;
    h.wait_for_title("东城区老年助餐 – 菜单").await;

    // A page whose heading changes where it is: forgetting.
    h.open("/forget?lang=en").await;
    h.wait_for_title("Forget everything on this device – Caidan")
        .await;
    click(&h.find_button("Yes, forget everything").await).await;
    // The language chosen is forgotten with the rest.
    h.wait_for_title("已清除这台设备上的信息 – 菜单").await;
    h.open("/search?q=meal&lang=en").await;
    h.wait_for_title("Search results – Caidan").await;
}

// ---------------------------------------------------------------------------
// 8. Elderly mode.

#[tokio::test]
async fn elderly_mode_enlarges_text_and_targets_and_is_remembered() {
    let h = Harness::start().await;
    h.open("/services/home-care-visits/check/living_alone?lang=en")
        .await;
    wait_h1(&h, Q_ALONE).await;
    let toggle = h.find_button("Elderly mode").await;
    assert_eq!(
        toggle.attr("aria-pressed").await.ok().flatten().as_deref(),
        Some("false")
    );
    assert!(!has_elderly_class(&h).await);
    let normal = measure_question_page(&h).await;

    click(&toggle).await;
    h.wait_until("the elderly class on <html>", || async {
        has_elderly_class(&h).await.then_some(())
    })
    .await;
    let toggle = h.find_button("Elderly mode").await;
    assert_eq!(
        toggle.attr("aria-pressed").await.ok().flatten().as_deref(),
        Some("true")
    );
    let elderly = measure_question_page(&h).await;
    println!("FIGURE elderly mode, question page, normal: {normal}");
    println!("FIGURE elderly mode, question page, elderly: {elderly}");
    check_elderly_sizes(&elderly, "the question page");

    // A number question: its input and "I don't know" button.
    h.open("/services/home-care-visits/check/disability_grade")
        .await;
    wait_h1(&h, Q_DISABILITY).await;
    for (what, el) in [
        ("the number input", h.find_textbox(Q_DISABILITY).await),
        ("the I don't know button", h.find_button(DONT_KNOW).await),
        (
            "the remember checkbox row",
            h.parent_of(&h.find_checkbox("Remember this answer on this device").await)
                .await,
        ),
    ] {
        let height = h.height_of(&el).await;
        assert!(height >= 60.0, "{what} is {height} px tall in elderly mode");
    }

    // Remembered after a reload, on the menu too: header and card links.
    h.open("/").await;
    wait_for_card(&h, MEAL_DC).await;
    assert!(
        has_elderly_class(&h).await,
        "elderly mode is forgotten after a reload"
    );
    let toggle = h.find_button("Elderly mode").await;
    assert_eq!(
        toggle.attr("aria-pressed").await.ok().flatten().as_deref(),
        Some("true")
    );
    let mut targets = vec![
        ("the Caidan link", h.find_link("Caidan").await),
        ("the My requests link", h.find_link(MY_REQUESTS).await),
        ("the Elderly mode button", toggle.clone()),
        ("the 中文 link", h.find_link("中文").await),
        ("the English link", h.find_link("English").await),
        ("the search box", h.find_textbox("Search services").await),
        ("a card link", wait_for_card(&h, MEAL_DC).await),
    ];
    targets.push((
        "the where-I-live link",
        h.find_link("Tell us where you live to see the services offered there")
            .await,
    ));
    for (what, el) in &targets {
        let height = h.height_of(el).await;
        assert!(height >= 60.0, "{what} is {height} px tall in elderly mode");
    }
    let body = h.body_metrics().await;
    assert!(body.0 >= 18.0, "body text is {} px", body.0);

    // Off again.
    click(&toggle).await;
    h.wait_until("the elderly class to go", || async {
        (!has_elderly_class(&h).await).then_some(())
    })
    .await;
    h.open("/").await;
    wait_for_card(&h, MEAL_DC).await;
    assert!(
        !has_elderly_class(&h).await,
        "elderly mode comes back after turning it off"
    );
}

// ---------------------------------------------------------------------------
// 9. axe-core.

#[tokio::test]
async fn no_axe_violations_in_english() {
    axe_tour("en").await;
}

#[tokio::test]
async fn no_axe_violations_in_chinese() {
    axe_tour("zh").await;
}

// ---------------------------------------------------------------------------
// 10. Keyboard only.

#[tokio::test]
async fn check_if_i_qualify_with_the_keyboard_alone() {
    let h = Harness::start().await;
    h.open("/services/meal-assist-dc?lang=en").await;
    wait_h1(&h, MEAL_DC).await;

    tab_to(&h, Role::Link, CHECK, 25).await;
    h.press_enter().await;
    // Type-ahead picks an option in a closed select.
    choose_by_type_ahead(&h, Q_RESIDENCE, "Jixiang", JIXIANG_CODE).await;

    tab_into_question(&h, Q_AGE).await;
    h.type_text("72").await;
    // Enter in a text field submits the form.
    h.press_enter().await;
    wait_h1_focused(&h, YOU_QUALIFY).await;

    // Radios and a checkbox.
    h.open("/services/home-care-visits").await;
    wait_h1(&h, "Home care visits").await;
    tab_to(&h, Role::Link, CHECK, 25).await;
    h.press_enter().await;
    wait_h1_focused(&h, Q_ALONE).await;
    tab_to(&h, Role::Radio, "Yes", 3).await;
    h.press_space().await;
    assert!(is_checked(&h.find_radio("Yes").await).await);
    h.press_key(Key::Down).await;
    assert_eq!(
        h.focused_element_description().await,
        r#"radio "No" <input>"#
    );
    assert!(is_checked(&h.find_radio("No").await).await);
    tab_to(&h, Role::Button, CONTINUE, 2).await;
    h.press_enter().await;

    tab_into_question(&h, Q_DISABILITY).await;
    h.type_text("2").await;
    tab_to(&h, Role::Checkbox, "Remember this answer on this device", 2).await;
    h.press_space().await;
    assert!(is_checked(&h.find_checkbox("Remember this answer on this device").await).await);
    tab_to(&h, Role::Button, CONTINUE, 2).await;
    h.press_enter().await;
    wait_h1_focused(&h, YOU_QUALIFY).await;
}

// ---------------------------------------------------------------------------
// 11. Figures on a slow phone, with budgets.

/// How long, at most, the app may take on an emulated phone four times
/// slower than the test machine, in the page's milliseconds: from
/// navigation start to the first service link of the menu (the median of
/// three loads, so one cold start does not decide), from "Continue" on
/// where I live to the whole menu decided and drawn again, and from
/// "Continue" on a question to its result.
///
/// Each is about three times the worst of six runs of this suite on a
/// two-core machine busy with other builds (load average 9 to 15): 1.3 s,
/// 0.5 s and 0.12 s. A slow CI machine passes; an app that has become
/// several times slower fails.
const FIRST_LINK_BUDGET_MS: f64 = 4000.0;
/// See [`FIRST_LINK_BUDGET_MS`].
const WHERE_BUDGET_MS: f64 = 1500.0;
/// See [`FIRST_LINK_BUDGET_MS`].
const ANSWER_BUDGET_MS: f64 = 400.0;

#[tokio::test]
async fn the_app_stays_within_budget_on_a_cpu_throttled_phone() {
    let h = Harness::start().await;
    h.goto("about:blank").await;
    h.throttle_cpu(4.0).await;
    h.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": FIRST_LINK_OBSERVER_JS }),
    )
    .await;

    let mut first_link = Vec::new();
    let mut first_paint = Vec::new();
    for run in 0..3 {
        let lang = if run == 0 { "?lang=en" } else { "" };
        h.open(&format!("/{lang}")).await;
        first_link.push(wait_for_first_link(&h, "throttled").await);
        let paint = h
            .execute(
                "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : null;",
                Vec::new(),
            )
            .await
            .as_f64()
            .unwrap_or(f64::NAN);
        first_paint.push(paint);
    }
    let links = h.links_under("/services/").await;
    assert!(links.len() >= 20, "{links:?}");

    // Answering where I live: the whole menu decided and drawn again.
    h.open("/where").await;
    answer_question(&h, Q_RESIDENCE, Answer::Select(JIXIANG)).await;
    h.time_next_submit(MENU_AFTER_WHERE_JS).await;
    let wall = Instant::now();
    click_continue(&h).await;
    let where_ms = h.wait_for_submit_ms().await;
    let where_wall = wall.elapsed().as_millis();
    h.wait_for_text(&format!("Where I live: {JIXIANG_PATH}"))
        .await;

    // One answer on a question page, to the result.
    h.open("/services/meal-assist-dc/check/age").await;
    answer_question(&h, Q_AGE, Answer::Number("72")).await;
    h.time_next_submit(RESULT_AFTER_ANSWER_JS).await;
    click_continue(&h).await;
    let answer_ms = h.wait_for_submit_ms().await;
    wait_h1(&h, YOU_QUALIFY).await;

    // The same without throttling, for comparison.
    h.throttle_cpu(1.0).await;
    h.open("/").await;
    let unthrottled = wait_for_first_link(&h, "unthrottled").await;

    println!("FIGURE CPU 4x: navigation start to first service link on the menu: {first_link:.0?} ms (first-contentful-paint {first_paint:.0?} ms)");
    println!(
        "FIGURE CPU 1x: navigation start to first service link on the menu: {unthrottled:.0} ms"
    );
    println!("FIGURE CPU 4x: Continue on /where to the re-decided menu drawn: {where_ms:.0} ms in page ({where_wall} ms wall clock incl. WebDriver)");
    println!("FIGURE CPU 4x: Continue on the age question to the result drawn: {answer_ms:.0} ms in page");
    first_link.sort_by(f64::total_cmp);
    let median = first_link[1];
    assert!(
        median <= FIRST_LINK_BUDGET_MS,
        "at CPU 4x the menu's first service link took {median:.0} ms (median of {first_link:.0?}), \
         over the budget of {FIRST_LINK_BUDGET_MS} ms"
    );
    assert!(
        where_ms <= WHERE_BUDGET_MS,
        "at CPU 4x the menu took {where_ms:.0} ms to be decided and drawn after where I live, \
         over the budget of {WHERE_BUDGET_MS} ms"
    );
    assert!(
        answer_ms <= ANSWER_BUDGET_MS,
        "at CPU 4x the result took {answer_ms:.0} ms to be drawn after an answer, \
         over the budget of {ANSWER_BUDGET_MS} ms"
    );
}

/// Waits for [`FIRST_LINK_OBSERVER_JS`] to see the first service link and
/// returns its time since navigation start, in milliseconds.
async fn wait_for_first_link(h: &Harness, how: &str) -> f64 {
    let what = format!("the first service link ({how})");
    let script = "return window.cdFirstLink ?? null;";
    h.wait_for_number(&what, script, Vec::new()).await
}

// ---------------------------------------------------------------------------
// Helpers: pages.

/// A harness that also serves the small feed at [`SMALL_FEED_PATH`].
async fn small_feed_harness() -> Harness {
    let h = Harness::start().await;
    h.server()
        .put(SMALL_FEED_PATH, SMALL_FEED.as_bytes().to_vec());
    h
}

// ---------------------------------------------------------------------------
// Helpers: the menu's cards.

/// A service card on the menu or in search results.
#[derive(Debug, Clone)]
struct Card {
    /// The service's name (its link's text).
    name: String,
    /// The service id from the link.
    id: String,
    /// Everything the card says (badge, cost, tags), whitespace collapsed.
    text: String,
    /// The category heading the card is under, without its icon.
    category: String,
}

/// Every visible service card in `<main>`, in order: a link to
/// `/services/<id>`, the list item around it and the section heading above.
const CARDS_JS: &str = r#"
const normalise = (t) => (t || "").replace(/\s+/g, " ").trim();
const visibleText = (el) => {
  const copy = el.cloneNode(true);
  for (const hidden of copy.querySelectorAll("[aria-hidden='true']")) hidden.remove();
  return normalise(copy.textContent);
};
const out = [];
for (const a of document.querySelectorAll("main a[href]")) {
  const url = new URL(a.getAttribute("href"), document.baseURI);
  const m = /^\/services\/([^/]+)$/.exec(url.pathname);
  if (!m || !a.checkVisibility()) continue;
  const card = a.closest("li");
  const section = a.closest("section");
  const heading = section ? section.querySelector("h2") : null;
  out.push({
    name: normalise(a.textContent),
    id: m[1],
    text: normalise(card ? card.innerText : a.innerText),
    category: heading ? visibleText(heading) : "",
  });
}
return out;
"#;

/// The cards, or `None` if the page is being replaced.
async fn try_cards(h: &Harness) -> Option<Vec<Card>> {
    let value = h.client().execute(CARDS_JS, Vec::new()).await.ok()?;
    let items = value.as_array()?;
    Some(
        items
            .iter()
            .map(|item| {
                let text = |key: &str| {
                    item.get(key)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                Card {
                    name: text("name"),
                    id: text("id"),
                    text: text("text"),
                    category: text("category"),
                }
            })
            .collect(),
    )
}

/// The cards; panics if the page cannot be read.
async fn cards(h: &Harness) -> Vec<Card> {
    match try_cards(h).await {
        Some(cards) => cards,
        None => panic!("cannot read the service cards"),
    }
}

/// The names of the cards, in order.
async fn card_names(h: &Harness) -> Vec<String> {
    cards(h).await.into_iter().map(|c| c.name).collect()
}

/// Waits for the link of the service card named `name`.
async fn wait_for_card(h: &Harness, name: &str) -> Element {
    h.wait_for_link(name).await
}

/// The text of the location (on a service page) whose heading is `name`.
async fn location_text(h: &Harness, name: &str) -> String {
    let heading = h.find_heading(Some(3), name).await;
    h.execute(
        "const li = arguments[0].closest('li'); return li ? li.innerText.replace(/\\s+/g, ' ') : '';",
        vec![json!(heading)],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// The N of "About N m walk" in `text`.
fn walk_metres(text: &str) -> Option<u64> {
    let start = text.find("About ")? + "About ".len();
    let rest = text.get(start..)?;
    let end = rest.find(" m walk")?;
    rest.get(..end)?.trim().parse().ok()
}

// ---------------------------------------------------------------------------
// Helpers: timing.

/// Records, for each input in the search box, when it happened and the
/// first animation frame at which the search page shows the query's results
/// with a link starting with `arguments[0]`.
const SEARCH_TIMER_JS: &str = r#"
const expected = arguments[0];
const s = { last: null, rendered: null, value: null, expected };
window.cdSearch = s;
if (!window.cdSearchInstalled) {
  window.cdSearchInstalled = true;
  document.addEventListener("input", (e) => {
    const box = e.target;
    if (!box || box.type !== "search") return;
    const s = window.cdSearch;
    s.last = performance.now();
    s.rendered = null;
    s.value = box.value;
    const check = () => {
      if (s.rendered !== null || s.value !== box.value) return;
      const q = new URLSearchParams(location.search).get("q");
      const shown = location.pathname === "/search" && q === box.value &&
        [...document.querySelectorAll("main a[href]")].some((a) => a.getAttribute("href").startsWith(s.expected));
      if (shown) s.rendered = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, true);
}
return true;
"#;

/// Installs [`SEARCH_TIMER_JS`] for results linking to `expected`.
async fn install_search_timer(h: &Harness, expected: &str) {
    h.execute(SEARCH_TIMER_JS, vec![json!(expected)]).await;
}

/// Runs in every new document: the time (from navigation start) at which a
/// visible link to a service first appears in `<main>`.
const FIRST_LINK_OBSERVER_JS: &str = r#"
(() => {
  window.cdFirstLink = null;
  const look = () => {
    if (window.cdFirstLink !== null) return true;
    for (const a of document.querySelectorAll("main a[href^='/services/']")) {
      const r = a.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        window.cdFirstLink = performance.now();
        return true;
      }
    }
    return false;
  };
  const observer = new MutationObserver(() => { if (look()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
})();
"#;

/// The condition for [`Browser::time_next_submit`]: the menu after where I live.
const MENU_AFTER_WHERE_JS: &str = r#"location.pathname === "/" &&
  (document.querySelector("main") || {}).innerText?.includes("Where I live:") &&
  document.querySelectorAll("main a[href^='/services/']").length > 20"#;

/// The condition for [`Browser::time_next_submit`]: the result after an answer.
const RESULT_AFTER_ANSWER_JS: &str = r#"/\/result$/.test(location.pathname) &&
  [...document.querySelectorAll("main h1")].some((h) => h.textContent.trim() === "You qualify")"#;

// ---------------------------------------------------------------------------
// Helpers: elderly mode.

/// Whether `<html>` has the elderly class.
async fn has_elderly_class(h: &Harness) -> bool {
    h.execute(
        "return document.documentElement.classList.contains('cd-elderly');",
        Vec::new(),
    )
    .await
    .as_bool()
    .unwrap_or(false)
}

/// Sizes that elderly mode is about, on a question page with radios.
#[derive(Debug)]
struct Sizes {
    body_font: f64,
    body_line: f64,
    h1_font: f64,
    continue_height: f64,
    radio_rows: Vec<f64>,
}

impl std::fmt::Display for Sizes {
    /// One line, e.g. `body 20.0px / line 32.0px, h1 34.0px, …`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "body {:.1}px / line {:.1}px, h1 {:.1}px, Continue {:.1}px tall, radio rows {:?}px",
            self.body_font, self.body_line, self.h1_font, self.continue_height, self.radio_rows
        )
    }
}

/// Measures the current question page: body text, its `<h1>`, the
/// "Continue" button and every radio button's row (its parent).
async fn measure_question_page(h: &Harness) -> Sizes {
    let (body_font, body_line) = h.body_metrics().await;
    let h1 = h.find_heading(Some(1), "").await;
    let h1_font: f64 = h
        .computed_style(&h1, "font-size")
        .await
        .trim_end_matches("px")
        .parse()
        .unwrap_or(0.0);
    let continue_height = h.height_of(&h.find_button(CONTINUE).await).await;
    let (radios, _) = h.query_all(&query(Role::Radio, Name::Any)).await;
    let mut radio_rows = Vec::new();
    for radio in &radios {
        let row = h.parent_of(&radio.element).await;
        radio_rows.push(h.height_of(&row).await);
    }
    Sizes {
        body_font,
        body_line,
        h1_font,
        continue_height,
        radio_rows,
    }
}

/// Panics unless `s` meets elderly mode's sizes: body text at least 18 px,
/// `<h1>` at least 30 px, line height at least 1.3 times the text, and
/// "Continue" and radio rows at least 60 px tall.
fn check_elderly_sizes(s: &Sizes, page: &str) {
    assert!(s.body_font >= 18.0, "{page}: body text {s}");
    assert!(s.h1_font >= 30.0, "{page}: h1 {s}");
    assert!(s.body_line >= 1.3 * s.body_font, "{page}: line height {s}");
    assert!(s.continue_height >= 60.0, "{page}: Continue {s}");
    assert!(!s.radio_rows.is_empty(), "{page}: no radios");
    for row in &s.radio_rows {
        assert!(*row >= 60.0, "{page}: radio row {s}");
    }
}

// ---------------------------------------------------------------------------
// Helpers: axe and the keyboard.

/// Visits every kind of page in `lang` ("en" or "zh"), in normal and then
/// elderly mode, and checks each with axe-core.
async fn axe_tour(lang: &str) {
    let h = Harness::start().await;
    let (q_residence, q_age, q_alone, cont, qualify_word, answers_h1) = match lang {
        "zh" => (
            zh::Q_RESIDENCE,
            zh::Q_AGE,
            "您是一个人住吗？",
            zh::CONTINUE,
            "我们需要更多信息",
            "我的回答",
        ),
        _ => (
            Q_RESIDENCE,
            Q_AGE,
            Q_ALONE,
            CONTINUE,
            NEED_MORE,
            "My answers",
        ),
    };
    let mut tour = AxeTour::new();
    for elderly in [false, true] {
        let mode = if elderly { "elderly" } else { "normal" };
        let label = |page: &str| format!("{page} ({lang}, {mode})");
        h.open(&format!("/?lang={lang}")).await;
        h.wait_until("service links", || async {
            let links = h.try_links_under("/services/").await.ok()?;
            (links.len() > 5).then_some(())
        })
        .await;
        if elderly && !has_elderly_class(&h).await {
            let name = if lang == "zh" {
                "长辈版"
            } else {
                "Elderly mode"
            };
            click(&h.find_button(name).await).await;
            h.wait_until("elderly mode", || async {
                has_elderly_class(&h).await.then_some(())
            })
            .await;
        }
        tour.check(&h, &label("home")).await;

        let q = if lang == "zh" { "助餐" } else { "meals" };
        let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
        h.open(&format!("/search?q={q}")).await;
        h.wait_until("search results", || async {
            let links = h.try_links_under("/services/").await.ok()?;
            (!links.is_empty()).then_some(())
        })
        .await;
        tour.check(&h, &label("search")).await;

        h.open("/services/meal-assist-dc").await;
        h.wait_for_heading(Some(1), "").await;
        h.wait_for_link(contains(if lang == "zh" { "看看" } else { "Check" }))
            .await;
        tour.check(&h, &label("service")).await;

        h.open("/services/home-care-visits/check/living_alone")
            .await;
        wait_h1(&h, q_alone).await;
        tour.check(&h, &label("radio question")).await;
        click(&h.find_button(cont).await).await;
        h.wait_for_heading(Some(2), "").await;
        tour.check(&h, &label("radio question with an error")).await;

        h.open("/services/meal-assist-dc/check/age").await;
        answer_question(&h, q_age, Answer::Number("500")).await;
        click(&h.find_button(cont).await).await;
        h.wait_for_heading(Some(2), "").await;
        tour.check(&h, &label("number question with an error"))
            .await;

        h.open("/services/home-care-visits/check/disability_grade")
            .await;
        h.wait_for_heading(Some(1), "").await;
        tour.check(&h, &label("sensitive question")).await;

        h.open("/where").await;
        wait_h1(&h, q_residence).await;
        tour.check(&h, &label("where")).await;
        let community = if lang == "zh" { zh::JIXIANG } else { JIXIANG };
        choose_option(&h, q_residence, community).await;
        click(&h.find_button(cont).await).await;
        h.wait_for_path("/").await;
        h.wait_for_text(if lang == "zh" {
            "我住在"
        } else {
            "Where I live"
        })
        .await;
        tour.check(&h, &label("home with where I live")).await;

        h.open("/services/home-care-visits/result").await;
        wait_h1(&h, qualify_word).await;
        tour.check(&h, &label("result")).await;

        h.open("/answers").await;
        wait_h1(&h, answers_h1).await;
        h.wait_for_link(contains(if lang == "zh" { "修改" } else { "Change" }))
            .await;
        tour.check(&h, &label("answers")).await;
    }
    tour.finish(&format!("menu and eligibility pages ({lang})"));
}
