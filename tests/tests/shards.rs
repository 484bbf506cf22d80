//! End-to-end tests of a sharded feed (FEED.md, "Sharded feeds"): the
//! sample feed, plus one city-wide service whose rule names a district,
//! split as `caidan split` splits it and served beside the app. A resident
//! sees the services offered everywhere and "Which district do you live
//! in?"; choosing a district fetches that district's shard and no other;
//! the residence question then lists that district's communities; checks
//! and requests work as on any feed; a rule naming another district is
//! decided right for residents of either; a shard whose bytes are not those
//! the index lists is refused with a plain page; search says what it
//! searched; a district loaded once opens again offline.

use caidan_core::shard::split::{split, Sharded};
use caidan_core::Feed;
use caidan_synth::{generate, SynthOptions};
use caidan_tests::journey::{
    answer_questions, choose_option, choose_radio, click, click_continue, fill,
    qualify_for_meal_dc, set_datetime, tick, voucher_in, wait_for_focus_on_h1, wait_h1, Answer,
    CHECK, JIXIANG, MEAL_DC, Q_RESIDENCE, YOU_QUALIFY,
};
use caidan_tests::{feed_json, AxeTour, Browser, Harness, Role};
use serde_json::{json, Value};

const INDEX: &str = "/feeds/sharded/index.json";
const DISTRICT_Q: &str = "Which district do you live in?";
const YOUR_DISTRICT: &str = "Your district";
const SHOW_DISTRICT: &str = "Show my district's services";
const DONGCHENG: &str = "Dongcheng District";
const CHAOYANG: &str = "Chaoyang District";
/// A Chaoyang community of the sample feed.
const YONGANLI: &str = "Yonganli Community";
/// The city-wide service this test adds, for residents of Chaoyang only.
const CARD_ID: &str = "chaoyang-culture-card";
const CARD: &str = "Chaoyang residents' culture card";
const NOT_QUALIFY: &str = "You do not qualify";
const REFUSED: &str = "This menu could not be checked, so it is not shown";
const EVERYWHERE_ONLY: &str = "Show only the services offered everywhere";
/// A city-wide service of the sample feed, in the index.
const LIBRARY: &str = "Community library";

/// The sample feed with a city-wide service whose rule names Chaoyang, as
/// one document.
fn sample_with_card() -> Value {
    let mut feed = feed_json("sample.json");
    let services = feed["services"].as_array_mut().expect("services");
    let mut card = services
        .iter()
        .find(|s| s["id"] == "community-library")
        .expect("the library service")
        .clone();
    card["id"] = json!(CARD_ID);
    card["name"] = json!({"zh-CN": "朝阳居民文化卡", "en": CARD});
    card["eligibility"] = json!("residence within \"110105\"");
    services.push(card);
    feed
}

/// The sample (with the card) split into an index and three shards.
fn sharded() -> Sharded {
    let doc = sample_with_card();
    let feed = Feed::parse(&doc.to_string()).expect("the feed is valid");
    split(&feed, doc).expect("the feed splits")
}

/// The app with the sharded feed served under `/feeds/sharded/`.
async fn serve(h: &Harness, sharded: &Sharded) {
    h.server().put(INDEX, sharded.index.clone().into_bytes());
    for shard in &sharded.shards {
        h.server().put(
            &format!("/feeds/sharded/{}", shard.url),
            shard.text.clone().into_bytes(),
        );
    }
}

fn shard_url(sharded: &Sharded, district: &str) -> String {
    let shard = sharded
        .shards
        .iter()
        .find(|s| s.region == district)
        .unwrap_or_else(|| panic!("no shard for {district}"));
    format!("/feeds/sharded/{}", shard.url)
}

/// The paths of the shards the server was asked for.
fn shards_fetched(h: &Harness) -> Vec<String> {
    h.server()
        .requests()
        .into_iter()
        .filter_map(|r| r.strip_prefix("GET ").map(str::to_string))
        .filter(|r| r.starts_with("/feeds/sharded/shards/"))
        .collect()
}

async fn has_link(h: &Harness, name: &str) -> bool {
    h.names_of(Role::Link).await.iter().any(|l| l == name)
}

/// Chooses a district in the select labelled `label`: "Your district" in
/// the menu's section, the page's question on a page of its own.
async fn choose_district_in(h: &Harness, label: &str, district: &str) {
    choose_option(h, label, district).await;
    click(&h.find_button(SHOW_DISTRICT).await).await;
}

async fn choose_district(h: &Harness, district: &str) {
    choose_option(h, YOUR_DISTRICT, district).await;
    click(&h.find_button(SHOW_DISTRICT).await).await;
}

/// From the Dongcheng meal service's result, requests it (soft food, lunch,
/// a name and a phone) and sends the request.
async fn send_meal_request(h: &Harness) {
    click(&h.wait_for_link("Request this service").await).await;
    h.wait_for_path("/services/meal-assist-dc/request").await;
    wait_h1(h, MEAL_DC).await;
    choose_radio(h, "Soft food").await;
    tick(h, "Lunch").await;
    set_datetime(h, "When would you like it to start?", "2026-12-01T11:30").await;
    fill(h, "Name", "Li Ming").await;
    fill(h, "Phone number", "13800138000").await;
    click_continue(h).await;
    wait_h1(h, "Check your answers").await;
    click(&h.find_button("Send request").await).await;
}

/// Opens the sharded menu and chooses Dongcheng, until its menu is shown.
async fn open_in_dongcheng(h: &Harness) {
    h.open(&format!("/?feed={INDEX}&lang=en")).await;
    h.wait_for_heading(Some(2), DISTRICT_Q).await;
    choose_district(h, DONGCHENG).await;
    h.wait_for_link(MEAL_DC).await;
}

#[tokio::test]
async fn district_then_community_then_a_check_and_a_request() {
    let sharded = sharded();
    let h = Harness::start().await;
    serve(&h, &sharded).await;
    h.open(&format!("/?feed={INDEX}&lang=en")).await;
    h.wait_for_heading(Some(2), DISTRICT_Q).await;
    // Before the district: the services offered everywhere, and no shard.
    h.wait_for_link(LIBRARY).await;
    assert!(
        !has_link(&h, MEAL_DC).await,
        "a Dongcheng service before Dongcheng"
    );
    assert!(shards_fetched(&h).is_empty(), "{:?}", shards_fetched(&h));
    let mut tour = AxeTour::new();
    tour.check(&h, "sharded menu, no district").await;
    h.screenshots("shards-choose-district").await;

    // The district: its shard, and only its shard, is fetched.
    choose_district(&h, DONGCHENG).await;
    h.wait_for_text("Showing the services of Dongcheng District, and those offered everywhere.")
        .await;
    wait_for_focus_on_h1(&h, "Beijing public service menu (sample)").await;
    h.wait_for_link(MEAL_DC).await;
    h.wait_for_link(LIBRARY).await;
    assert_eq!(shards_fetched(&h), [shard_url(&sharded, "110101")]);
    tour.check(&h, "sharded menu, Dongcheng").await;
    h.screenshots("shards-dongcheng").await;

    // The residence question lists Dongcheng's communities only.
    click(&h.find_link(MEAL_DC).await).await;
    wait_h1(&h, MEAL_DC).await;
    click(&h.wait_for_link(CHECK).await).await;
    wait_h1(&h, Q_RESIDENCE).await;
    let groups = h.optgroup_labels(Q_RESIDENCE).await;
    assert!(!groups.is_empty());
    for group in &groups {
        assert!(group.starts_with(DONGCHENG), "{group} is not in Dongcheng");
    }
    h.wait_for_text("Not in Dongcheng District?").await;
    tour.check(&h, "residence question, Dongcheng").await;
    qualify_for_meal_dc(&h).await;

    // A request, with its voucher, as on any feed.
    send_meal_request(&h).await;
    wait_h1(&h, "Request saved on this device").await;
    let main = h.wait_for_text("Voucher code").await;
    let code = voucher_in(&main).unwrap_or_else(|| panic!("no voucher code in:\n{main}"));

    // Reloaded, the district is remembered: the menu is Dongcheng's at once.
    h.open("/?lang=en").await;
    h.wait_for_text("Showing the services of Dongcheng District")
        .await;
    h.wait_for_link(MEAL_DC).await;

    // Looking at another district, My requests still names the request.
    click(&h.find_link("Change district").await).await;
    choose_district_in(&h, "Choose a district", CHAOYANG).await;
    h.wait_for_text("Showing the services of Chaoyang District")
        .await;
    assert!(!has_link(&h, MEAL_DC).await);
    click(&h.find_link("My requests").await).await;
    wait_h1(&h, "My requests").await;
    h.wait_for_link(MEAL_DC).await;
    h.wait_for_text(&code).await;
    tour.check(&h, "My requests, another district").await;
    tour.finish("a sharded feed");
}

#[tokio::test]
async fn a_rule_naming_another_district_is_decided_for_residents_of_both() {
    let sharded = sharded();
    let h = Harness::start().await;
    serve(&h, &sharded).await;
    h.open(&format!("/services/{CARD_ID}?feed={INDEX}&lang=en"))
        .await;
    wait_h1(&h, CARD).await;
    click(&h.wait_for_link(CHECK).await).await;
    // The residence question asks the district first.
    wait_h1(&h, DISTRICT_Q).await;
    choose_district_in(&h, DISTRICT_Q, DONGCHENG).await;
    // The question is drawn again once the district's shard is in.
    wait_h1(&h, Q_RESIDENCE).await;
    let outcome = answer_questions(&h, &[(Q_RESIDENCE, Answer::Select(JIXIANG))]).await;
    assert_eq!(
        outcome, NOT_QUALIFY,
        "a Dongcheng resident is not in Chaoyang"
    );

    // Another district: its shard, and the same rule for its resident.
    h.open("/district?lang=en").await;
    wait_h1(&h, "Choose a district").await;
    choose_district_in(&h, "Choose a district", CHAOYANG).await;
    h.wait_for_text("Showing the services of Chaoyang District")
        .await;
    h.open(&format!("/services/{CARD_ID}/check?lang=en")).await;
    let outcome = answer_questions(&h, &[(Q_RESIDENCE, Answer::Select(YONGANLI))]).await;
    assert_eq!(outcome, YOU_QUALIFY, "a Chaoyang resident is");
    // Each page opened afresh fetches the chosen district's shard again
    // (this test host sends no cache headers); Xicheng's never.
    let mut fetched = shards_fetched(&h);
    fetched.dedup();
    assert_eq!(
        fetched,
        [shard_url(&sharded, "110101"), shard_url(&sharded, "110105")]
    );
}

#[tokio::test]
async fn a_shard_that_is_not_the_one_listed_is_refused_with_a_plain_page() {
    let mut sharded = sharded();
    // The same size, one service's price changed: only the hash can tell.
    let shard = sharded
        .shards
        .iter_mut()
        .find(|s| s.region == "110101")
        .expect("Dongcheng");
    let key = shard.text.find("\"amount\":").expect("a cost") + "\"amount\":".len();
    let at = key
        + shard.text[key..]
            .find(|c: char| c.is_ascii_digit())
            .expect("a digit");
    let digit = &shard.text[at..at + 1];
    let other = if digit == "1" { "2" } else { "1" };
    shard.text.replace_range(at..at + 1, other);
    let h = Harness::start().await;
    serve(&h, &sharded).await;
    h.open(&format!("/?feed={INDEX}&lang=en")).await;
    h.wait_for_heading(Some(2), DISTRICT_Q).await;
    choose_district(&h, DONGCHENG).await;
    wait_h1(&h, REFUSED).await;
    h.wait_for_text(
        "The list of services for Dongcheng District is not the one the publisher published",
    )
    .await;
    assert!(!has_link(&h, MEAL_DC).await);
    h.assert_no_axe_violations("a refused shard").await;
    h.screenshots("shards-refused").await;

    // The rest of the menu is still there, without that district.
    click(&h.find_link(EVERYWHERE_ONLY).await).await;
    h.wait_for_heading(Some(2), DISTRICT_Q).await;
    h.wait_for_link(LIBRARY).await;

    // A shard the host no longer has: the same way back.
    h.server().remove(&shard_url(&sharded, "110105"));
    choose_district(&h, CHAOYANG).await;
    wait_h1(&h, "We can't show the menu right now").await;
    click(&h.find_link(EVERYWHERE_ONLY).await).await;
    h.wait_for_heading(Some(2), DISTRICT_Q).await;
    h.wait_for_link(LIBRARY).await;
}

#[tokio::test]
async fn search_says_what_it_searched_and_searches_another_district() {
    let sharded = sharded();
    let h = Harness::start().await;
    serve(&h, &sharded).await;
    open_in_dongcheng(&h).await;
    h.open("/search?q=meal&lang=en").await;
    h.wait_for_text("Searched: the services offered everywhere, and those of Dongcheng District.")
        .await;
    h.wait_for_link(MEAL_DC).await;
    let chaoyang_meal = "Senior meal assistance, Chaoyang";
    assert!(!has_link(&h, chaoyang_meal).await);
    click(&h.find_link("Search another district").await).await;
    wait_h1(&h, "Choose a district").await;
    choose_district_in(&h, "Choose a district", CHAOYANG).await;
    h.wait_for_path("/search").await;
    h.wait_for_text("Searched: the services offered everywhere, and those of Chaoyang District.")
        .await;
    h.wait_for_link(chaoyang_meal).await;
    assert!(!has_link(&h, MEAL_DC).await);
    h.assert_no_axe_violations("search in a district").await;
}

#[tokio::test]
async fn a_district_loaded_once_opens_again_offline() {
    let sharded = sharded();
    let h = Harness::start_with_service_worker().await;
    serve(&h, &sharded).await;
    open_in_dongcheng(&h).await;
    h.wait_for_service_worker().await;
    let shard = h.server().url(&shard_url(&sharded, "110101"));
    h.wait_until("the shard in the service worker's cache", || async {
        let script = "const done = arguments[1];\
            caches.open('caidan-menu').then((c) => c.match(arguments[0]))\
            .then((r) => done(!!r)).catch(() => done(false));";
        h.client()
            .execute_async(script, vec![json!(shard)])
            .await
            .unwrap_or(Value::Null)
            .as_bool()
            .unwrap_or(false)
            .then_some(())
    })
    .await;

    h.server().set_unplugged(true);
    h.set_offline(true).await;
    h.open("/?lang=en").await;
    h.wait_for_text("Showing the services of Dongcheng District")
        .await;
    h.wait_for_link(MEAL_DC).await;
    click(&h.find_link(MEAL_DC).await).await;
    wait_h1(&h, MEAL_DC).await;
}

#[tokio::test]
async fn a_national_index_asks_the_city_first_then_its_districts() {
    let doc = generate(&SynthOptions {
        services: 900,
        seed: 5,
        districts: Some(50),
    });
    let feed = Feed::parse(&doc.to_string()).expect("the generated feed is valid");
    let sharded = split(&feed, doc).expect("the feed splits");
    let index: Value = serde_json::from_str(&sharded.index).expect("the index is JSON");
    let regions = index["regions"].as_array().expect("regions");
    let name_of = |code: &str| -> String {
        let region = regions.iter().find(|r| r["code"] == code).expect("listed");
        region["name"]["en"]
            .as_str()
            .expect("an English name")
            .to_string()
    };
    // The city of the first shard's district, and every district of it
    // that has a shard.
    let first = &sharded.shards[0].region;
    let parent_of = |code: &str| -> String {
        let region = regions.iter().find(|r| r["code"] == code).expect("listed");
        region["parent"].as_str().expect("a parent").to_string()
    };
    let city = parent_of(first);
    let mut districts: Vec<String> = sharded
        .shards
        .iter()
        .filter(|s| parent_of(&s.region) == city)
        .map(|s| name_of(&s.region))
        .collect();
    districts.sort();

    let h = Harness::start().await;
    serve(&h, &sharded).await;
    h.open(&format!("/?feed={INDEX}&lang=en")).await;
    h.wait_for_heading(Some(2), DISTRICT_Q).await;
    // The district alone is refused until a city is chosen.
    click(&h.find_button(SHOW_DISTRICT).await).await;
    h.wait_for_heading(Some(2), "There is a problem").await;
    h.wait_for_text("Choose your city").await;
    choose_option(&h, "Your city", &name_of(&city)).await;
    let script = "return [...document.querySelectorAll('#district option')]\
        .filter((o) => o.value).map((o) => o.textContent);";
    let mut listed: Vec<String> =
        serde_json::from_value(h.execute(script, Vec::new()).await).expect("a list of names");
    listed.sort();
    assert_eq!(listed, districts, "the city's districts, and only those");
    h.assert_no_axe_violations("the city, then its districts")
        .await;
    h.screenshots("shards-city-first").await;
    choose_district(&h, &name_of(first)).await;
    h.wait_for_text(&format!("Showing the services of {}", name_of(first)))
        .await;
    assert_eq!(
        shards_fetched(&h),
        [format!("/feeds/sharded/{}", sharded.shards[0].url)]
    );
}

#[tokio::test]
async fn a_kiosk_forgets_the_district_with_the_visit_and_hands_it_to_the_phone() {
    let sharded = sharded();
    let h = Harness::start().await;
    serve(&h, &sharded).await;
    h.deploy(&json!({
        "default_feed": INDEX,
        "kiosk": { "idle_seconds": 300, "warning_seconds": 30 },
    }));
    h.open("/").await;
    click(&h.wait_for_button("English").await).await;
    click(&h.wait_for_button("Start").await).await;
    h.wait_for_heading(Some(2), DISTRICT_Q).await;
    choose_district(&h, DONGCHENG).await;
    h.wait_for_link(MEAL_DC).await;
    let stored = h
        .execute(
            "return localStorage.length + sessionStorage.length;",
            Vec::new(),
        )
        .await;
    assert_eq!(
        stored,
        json!(0),
        "a kiosk keeps the district in memory only"
    );

    // A request, carried to the resident's phone: the link names the
    // district, and the phone loads that district's shard to find it.
    click(&h.find_link(MEAL_DC).await).await;
    click(&h.wait_for_link(CHECK).await).await;
    qualify_for_meal_dc(&h).await;
    send_meal_request(&h).await;
    wait_h1(&h, "Your request is made").await;
    let main = h.text_of_main().await;
    let code = voucher_in(&main).unwrap_or_else(|| panic!("no voucher code in:\n{main}"));
    let link = h
        .execute(
            "return document.querySelector('[data-link]').dataset.link;",
            Vec::new(),
        )
        .await;
    let link = link.as_str().unwrap_or_default().to_string();
    assert!(link.ends_with("&district=110101"), "{link}");
    let phone = Browser::start().await.unwrap_or_else(|e| panic!("{e}"));
    phone.goto(&format!("{link}&lang=en")).await;
    wait_h1(&phone, "Keep this request on your phone").await;
    assert!(phone.text_of_main().await.contains(MEAL_DC));
    assert!(phone.text_of_main().await.contains(&code));
    click(&phone.find_button("Keep in My requests").await).await;
    click(&phone.wait_for_link("My requests").await).await;
    phone.wait_for_link(MEAL_DC).await;

    click(&h.find_button("Finish and clear my details").await).await;
    click(&h.wait_for_button("English").await).await;
    click(&h.wait_for_button("Start").await).await;
    h.wait_for_heading(Some(2), DISTRICT_Q).await;
    assert!(
        !has_link(&h, MEAL_DC).await,
        "the next visitor starts without it"
    );
}
