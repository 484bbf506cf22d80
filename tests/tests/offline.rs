//! End-to-end tests of the app without a network: the menu and its pages
//! open from the service worker's caches after one visit, with the offline
//! notice and the menu's date; checking eligibility works offline; an
//! Open311 request made offline waits on the device and goes exactly once
//! when the network returns (by the `online` event, or at the next start);
//! a newer menu is announced and used from the next page, never under a
//! form; the web app manifest passes Chromium's installability checks; and
//! the banners pass axe-core.
//!
//! "Offline" is both switches at once: DevTools' network emulation for the
//! page (`navigator.onLine`, the `online` event, the page's own requests)
//! and the loopback servers unplugged, for the service worker's requests,
//! which that emulation does not cover.

use caidan_tests::journey::{
    answer_questions, choose_radio, click, click_continue, fill, qualify_for_meal_dc, wait_h1,
    Answer, CHECK, JIXIANG, MEAL_DC, MY_REQUESTS, Q_AGE, Q_RESIDENCE, YOU_QUALIFY,
};
use caidan_tests::open311::config_allowing_intake;
use caidan_tests::{feed_json, Harness, Open311Mock};
use serde_json::{json, Value};

/// The interface's words in English.
const OFFLINE: &str = "You are offline. This menu is from";
const WAITING: &str = "Waiting for the network";
const WILL_BE_SENT: &str = "It will be sent when you are back online.";
const WAITING_STATE: &str = "Will be sent when back online";
const BACK_ONLINE_ONE: &str = "Back online — 1 request sent.";
const MENU_UPDATED: &str = "The menu has been updated. The new menu is used";
const NEW_VERSION: &str = "A new version is ready.";
const RELOAD: &str = "Reload";
const CHANGED: &str = "The menu has been updated and your result has changed for: ";
const REQUEST: &str = "Request this service";
const SEND_REQUEST: &str = "Send request";
const CHECK_YOUR_ANSWERS: &str = "Check your answers";

/// The sample feed's publication day, as the offline notice gives it.
fn sample_published_on() -> String {
    let feed = feed_json("sample.json");
    let published = feed["published_at"].as_str().unwrap_or_default();
    published.chars().take(10).collect()
}

/// Switches the page, the site and any intakes off the network, or back.
async fn network(h: &Harness, intakes: &[&Open311Mock], on: bool) {
    h.server().set_unplugged(!on);
    for intake in intakes {
        intake.set_unplugged(!on);
    }
    h.set_offline(!on).await;
}

/// A first visit, online, until the service worker controls the page and
/// has the shell and the menu.
async fn first_visit(h: &Harness, path: &str, h1: &str) {
    h.open(path).await;
    wait_h1(h, h1).await;
    h.wait_for_service_worker().await;
}

#[tokio::test]
async fn after_one_visit_the_menu_opens_offline_with_its_date() {
    let h = Harness::start_with_service_worker().await;
    first_visit(&h, "/services/meal-assist-dc?lang=en", MEAL_DC).await;

    network(&h, &[], false).await;
    h.open("/?lang=en").await;
    h.wait_for_text(&format!("{OFFLINE} {}.", sample_published_on()))
        .await;
    h.assert_no_axe_violations("home, offline").await;
    h.screenshots("offline-home").await;

    // A service page, and the check-if-I-qualify flow, all offline.
    h.open("/services/meal-assist-dc?lang=en").await;
    wait_h1(&h, MEAL_DC).await;
    h.wait_for_text(OFFLINE).await;
    click(&h.wait_for_link(CHECK).await).await;
    qualify_for_meal_dc(&h).await;
    h.wait_for_text(OFFLINE).await;
    h.assert_no_axe_violations("result, offline").await;

    // Back online, the notice goes.
    network(&h, &[], true).await;
    h.wait_until("the offline notice to go", || async {
        let main = h.text_of_main().await;
        (!main.contains(OFFLINE)).then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_request_made_offline_is_sent_once_when_the_network_returns() {
    let (h, mock, feed) = open311_harness().await;
    first_visit(
        &h,
        &format!("/services/demo-family-doctor?feed={feed}&lang=en"),
        "Family doctor sign-up",
    )
    .await;

    network(&h, &[&mock], false).await;
    fill_family_doctor(&h, &feed).await;
    click(&h.find_button(SEND_REQUEST).await).await;
    wait_h1(&h, WAITING).await;
    h.wait_for_text(WILL_BE_SENT).await;
    // Background Sync will wake the app too, where the browser has it.
    let tags = h
        .client()
        .execute_async(
            "const done = arguments[0]; navigator.serviceWorker.ready\
             .then((r) => r.sync.getTags()).then((t) => done(t), (e) => done(String(e)));",
            Vec::new(),
        )
        .await;
    assert!(
        matches!(&tags, Ok(Value::Array(t)) if t.contains(&json!("caidan-outbox"))),
        "no Background Sync registration: {tags:?}"
    );
    h.assert_no_axe_violations("request waiting, offline").await;
    h.screenshots("offline-request-waiting").await;
    click(&h.wait_for_link(MY_REQUESTS).await).await;
    wait_h1(&h, MY_REQUESTS).await;
    h.wait_for_text(WAITING_STATE).await;
    assert!(
        mock.hits().is_empty(),
        "offline, the intake heard {:?}",
        mock.hits()
    );

    network(&h, &[&mock], true).await;
    h.wait_for_text(BACK_ONLINE_ONE).await;
    h.assert_no_axe_violations("back online").await;
    h.screenshots("offline-back-online").await;
    h.screenshots("offline-back-online").await;
    assert_eq!(mock.posts().len(), 1, "{:#?}", mock.posts());
    h.wait_for_text("Submitted").await;

    // Nothing goes twice: not on the next page, not at the next start.
    h.reload().await;
    wait_h1(&h, MY_REQUESTS).await;
    h.wait_for_text("Submitted").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(mock.posts().len(), 1, "{:#?}", mock.posts());
}

#[tokio::test]
async fn a_request_made_offline_goes_at_the_next_start() {
    let (h, mock, feed) = open311_harness().await;
    first_visit(
        &h,
        &format!("/services/demo-family-doctor?feed={feed}&lang=en"),
        "Family doctor sign-up",
    )
    .await;
    network(&h, &[&mock], false).await;
    fill_family_doctor(&h, &feed).await;
    click(&h.find_button(SEND_REQUEST).await).await;
    wait_h1(&h, WAITING).await;

    // The resident closes the app; it is opened again with the network.
    h.browser().goto("about:blank").await;
    network(&h, &[&mock], true).await;
    h.open("/requests?lang=en").await;
    wait_h1(&h, MY_REQUESTS).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while mock.posts().is_empty() {
        if std::time::Instant::now() > deadline {
            let stored = h
                .execute(
                    "return JSON.stringify(Object.entries(localStorage)) + ' onLine=' + navigator.onLine;",
                    Vec::new(),
                )
                .await;
            panic!(
                "the request never reached the intake\n{}\nstorage: {stored}\nintake: {:?}",
                h.text_of_main().await,
                mock.hits()
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    h.wait_for_text("Submitted").await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(mock.posts().len(), 1, "{:#?}", mock.posts());
}

#[tokio::test]
async fn a_newer_menu_is_used_from_the_next_page_not_under_a_form() {
    let h = Harness::start_with_service_worker().await;
    first_visit(&h, "/services/meal-assist-dc?lang=en", MEAL_DC).await;
    // The resident qualifies under this version of the menu.
    click(&h.wait_for_link(CHECK).await).await;
    let answers = [
        (Q_RESIDENCE, Answer::Select(JIXIANG)),
        (Q_AGE, Answer::Number("72")),
    ];
    assert_eq!(answer_questions(&h, &answers).await, YOU_QUALIFY);

    // The publisher puts out a new version: the service renamed, and for
    // people of 80 and over only.
    let renamed = "Senior meal assistance, Dongcheng (new menu)";
    let mut feed = feed_json("sample.json");
    feed["version"] = json!("2026.11.2");
    let service = service_mut(&mut feed, "meal-assist-dc");
    service["name"] = json!(renamed);
    service["eligibility"] = json!("age >= 80 and residence within \"110101\"");
    h.server()
        .put("/feeds/sample.json", feed.to_string().into_bytes());

    // The resident is on a question's form when the new menu arrives: it
    // is announced, and the form stays as it was.
    h.open("/services/meal-assist-dc/check/age?lang=en").await;
    wait_h1(&h, Q_AGE).await;
    h.wait_for_text(MENU_UPDATED).await;
    assert_eq!(h.value_of(Q_AGE).await, "72");
    fill(&h, Q_AGE, "73").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        h.value_of(Q_AGE).await,
        "73",
        "the form changed under the resident"
    );
    wait_h1(&h, Q_AGE).await;

    // The next page they open has the new menu and their answers, and
    // tells them their result changed.
    click_continue(&h).await;
    let changed = h.wait_for_text(CHANGED).await;
    assert!(
        changed.contains(&format!("{CHANGED}{renamed}")),
        "{changed}"
    );
    assert_ne!(h.current_h1().await, YOU_QUALIFY);
    assert!(!changed.contains(MENU_UPDATED), "{changed}");
    h.assert_no_axe_violations("result changed by a new menu")
        .await;
    h.screenshots("offline-result-changed").await;
}

#[tokio::test]
async fn a_new_version_is_offered_but_never_on_a_form() {
    let h = Harness::start_with_service_worker().await;
    first_visit(&h, "/services/meal-assist-dc?lang=en", MEAL_DC).await;

    // A new build: another service worker.
    let sw = std::fs::read_to_string(caidan_tests::dist_dir().join("sw.js"))
        .unwrap_or_else(|e| panic!("cannot read sw.js: {e}"));
    h.server()
        .put("/sw.js", format!("{sw}\n// the next build\n").into_bytes());

    // Found while the resident is on a form: not offered there.
    h.open("/services/meal-assist-dc/check/age?lang=en").await;
    wait_h1(&h, Q_AGE).await;
    // Installing it downloads the whole shell again: slow while other
    // tests run beside this one.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let waiting = h
            .client()
            .execute_async(
                "const done = arguments[0]; navigator.serviceWorker.getRegistration()\
                 .then((r) => done(!!(r && r.waiting)), () => done(false));",
                Vec::new(),
            )
            .await;
        if matches!(waiting, Ok(Value::Bool(true))) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the new worker never got to wait: {waiting:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(
        !h.has(caidan_tests::query(caidan_tests::Role::Button, RELOAD))
            .await,
        "a reload was offered on a form"
    );
    assert!(!h.text_of_main().await.contains(NEW_VERSION));

    // On the next page without a form, it is; accepting reloads into it.
    click(&h.find_link("Back").await).await;
    wait_h1(&h, MEAL_DC).await;
    h.wait_for_text(NEW_VERSION).await;
    h.assert_no_axe_violations("a new version is ready").await;
    click(&h.find_button(RELOAD).await).await;
    h.wait_until("the new worker in control", || async {
        let waiting = h
            .client()
            .execute_async(
                "const done = arguments[0]; navigator.serviceWorker.getRegistration()\
                 .then((r) => done(!!(r && r.waiting)), () => done(true));",
                Vec::new(),
            )
            .await
            .ok()?;
        let gone = !h.try_text_of_main().await?.contains(NEW_VERSION);
        (waiting == Value::Bool(false) && gone).then_some(())
    })
    .await;
    wait_h1(&h, MEAL_DC).await;
}

#[tokio::test]
async fn a_menu_past_its_valid_until_is_not_presented_as_current() {
    let h = Harness::start().await;
    let mut feed = feed_json("sample.json");
    feed["valid_from"] = json!("2025-01-01");
    feed["valid_until"] = json!("2026-01-31");
    h.server()
        .put("/feeds/expired.json", feed.to_string().into_bytes());
    h.open("/?feed=/feeds/expired.json&lang=en").await;
    h.wait_for_text("This menu was valid until 2026-01-31 and may be out of date.")
        .await;
    h.open("/services/meal-assist-dc?lang=en").await;
    wait_h1(&h, MEAL_DC).await;
    h.wait_for_text("This menu was valid until 2026-01-31")
        .await;
}

#[tokio::test]
async fn a_browser_without_service_workers_runs_the_app_as_before() {
    // The default harness hides service workers from the page.
    let h = Harness::start().await;
    h.open("/services/meal-assist-dc?lang=en").await;
    wait_h1(&h, MEAL_DC).await;
    click(&h.wait_for_link(CHECK).await).await;
    wait_h1(&h, Q_RESIDENCE).await;
    let asked = h.server().requests();
    assert!(
        !asked.iter().any(|r| r.starts_with("GET /sw.js")),
        "{asked:?}"
    );
}

#[tokio::test]
async fn the_manifest_passes_the_installability_checks() {
    let h = Harness::start_with_service_worker().await;
    h.open("/?lang=en").await;
    h.wait_for_service_worker().await;
    let manifest = h.cdp("Page.getAppManifest", json!({})).await;
    let errors = manifest["errors"].as_array().cloned().unwrap_or_default();
    assert!(errors.is_empty(), "manifest errors: {errors:#?}");
    let parsed: Value =
        serde_json::from_str(manifest["data"].as_str().unwrap_or_default()).unwrap_or_default();
    assert_eq!(parsed["display"], "standalone");
    assert_eq!(parsed["start_url"], "/");
    assert_eq!(parsed["theme_color"], "#9c1c1c");
    let icons = parsed["icons"].as_array().cloned().unwrap_or_default();
    for (size, purpose) in [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ] {
        assert!(
            icons
                .iter()
                .any(|i| i["sizes"] == size && i["purpose"] == purpose),
            "no {purpose} icon of {size}: {icons:#?}"
        );
    }
    let installable = h.cdp("Page.getInstallabilityErrors", json!({})).await;
    let problems = installable["installabilityErrors"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(problems.is_empty(), "not installable: {problems:#?}");
}

// ---------------------------------------------------------------------------
// Helpers.

/// A harness with the service worker, an intake of its own, and the path
/// of the Open311 demo feed that sends to it.
async fn open311_harness() -> (Harness, Open311Mock, String) {
    let mock = match Open311Mock::start_strict().await {
        Ok(mock) => mock,
        Err(e) => panic!("cannot start the Open311 intake: {e}"),
    };
    let h = Harness::start_with_service_worker().await;
    let path = format!("/feeds/o311-{}.json", mock.addr().port());
    h.server().put(&path, mock.demo_feed());
    h.deploy(&config_allowing_intake(&mock.origin()));
    (h, mock, path)
}

/// Qualifies for the demo feed's family doctor sign-up and fills its form,
/// up to "Check your answers".
async fn fill_family_doctor(h: &Harness, feed: &str) {
    h.open(&format!(
        "/services/demo-family-doctor/check?feed={feed}&lang=en"
    ))
    .await;
    let outcome = answer_questions(h, &[(Q_RESIDENCE, Answer::Select("Cuiweilu Community"))]).await;
    assert_eq!(outcome, YOU_QUALIFY);
    click(&h.wait_for_link(REQUEST).await).await;
    wait_h1(h, "Family doctor sign-up").await;
    choose_radio(h, "Phone call").await;
    fill(h, "Name", "Li Ming").await;
    fill(h, "Phone number", "13800138000").await;
    click_continue(h).await;
    wait_h1(h, CHECK_YOUR_ANSWERS).await;
}

/// A service of a feed, to change it.
fn service_mut<'a>(feed: &'a mut Value, id: &str) -> &'a mut Value {
    let Some(services) = feed["services"].as_array_mut() else {
        panic!("the feed has no services");
    };
    let Some(service) = services.iter_mut().find(|s| s["id"] == id) else {
        panic!("the feed has no service `{id}`");
    };
    service
}
