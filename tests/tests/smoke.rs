//! Smoke tests of the harness itself, against a small hand-written site, so
//! they run anywhere Chromium and chromedriver are installed, without the
//! built app.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use caidan_tests::http::{self, Reply};
use caidan_tests::{contains, query, AxeTour, Browser, Harness, Key, Role, StaticServer};
use serde_json::json;
use tempfile::TempDir;

const INDEX_HTML: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Smoke</title>
  <link rel="stylesheet" href="/style.css">
</head>
<body>
<main>
  <h1>Caidan smoke page</h1>
  <p>Some   text
     with   spaces.</p>
  <a href="/services/meal-assist?lang=en">Meal <span>assistance</span></a>
  <a href="/services/home-care" aria-label="Home care visit">🏠</a>
  <a href="/about">About us</a>
  <a href="/services/hidden" class="gone">Hidden service</a>
  <a href="https://example.org/services/elsewhere">Elsewhere</a>
  <a href="/x" role="button">Link styled as a button</a>
  <button class="big" type="button">Place a request</button>
  <h2>Elderly care</h2>
  <h2>Children’s services</h2>
  <h3 aria-hidden="true">Decoration</h3>
  <label for="name">Your name</label> <input id="name" type="text">
  <label>Comments <textarea></textarea></label>
  <input type="search" aria-label="Search services">
  <span id="district-label">District</span>
  <select aria-labelledby="district-label"><option>Dongcheng</option></select>
  <input id="placeholder-only" placeholder="Not a label">
  <fieldset>
    <legend>Do you live alone?</legend>
    <label><input type="radio" name="alone" value="yes"> Yes</label>
    <label><input type="radio" name="alone" value="no"> No</label>
  </fieldset>
  <input type="checkbox" id="agree"><label for="agree">I agree</label>
  <details>
    <summary>Details for the publisher</summary>
    <p>Missing required field <code>version</code></p>
  </details>
</main>
<script>
  setTimeout(() => {
    const heading = document.createElement("h2");
    heading.textContent = "Loaded later";
    document.querySelector("main").append(heading);
  }, 700);
  console.error("smoke console error");
</script>
</body>
</html>
"#;

/// A page with two known WCAG failures: a text input without a label and an
/// image without alternative text.
const AXE_FAULTY_HTML: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Faulty page</title></head>
<body>
<main>
  <h1>A form with faults</h1>
  <input id="nameless" type="text">
  <img src="/logo.png">
</main>
</body>
</html>
"#;

/// The same page without the faults.
const AXE_CLEAN_HTML: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Clean page</title></head>
<body>
<main>
  <h1>A form without faults</h1>
  <label for="named">Your name</label>
  <input id="named" type="text">
  <img src="/logo.png" alt="Caidan logo">
  <button type="button">Send</button>
</main>
</body>
</html>
"#;

/// A small form to fill in with the keyboard alone: a link, a radio group,
/// a text input and a button that reports what was sent.
const KEYBOARD_HTML: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Keyboard</title></head>
<body>
<main>
  <h1>Keyboard journey</h1>
  <a href="/about">About us</a>
  <fieldset>
    <legend>Do you live alone?</legend>
    <label><input type="radio" name="alone" value="yes"> Yes</label>
    <label><input type="radio" name="alone" value="no"> No</label>
  </fieldset>
  <label for="your-name">Your name</label>
  <input id="your-name" type="text">
  <button type="button" id="send">Send the request</button>
  <p id="result" aria-live="polite"></p>
</main>
<script>
  document.getElementById("send").addEventListener("click", () => {
    const alone = document.querySelector("input[name='alone']:checked");
    const name = document.getElementById("your-name").value;
    document.getElementById("result").textContent =
      "Sent for " + name + ", alone: " + (alone ? alone.value : "unanswered");
  });
</script>
</body>
</html>
"#;

const STYLE_CSS: &str =
    ".big { min-height: 48px; color: rgb(11, 12, 13); }\n.gone { display: none; }\n";

/// A site with one file of each served type, under `<temp>/site`, and a
/// `secret.txt` beside it that must never be served.
fn write_site() -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("caidan-smoke-")
        .tempdir()
        .expect("temp dir");
    let files: &[(&str, &[u8])] = &[
        ("site/index.html", INDEX_HTML.as_bytes()),
        ("site/style.css", STYLE_CSS.as_bytes()),
        ("site/axe-faulty.html", AXE_FAULTY_HTML.as_bytes()),
        ("site/axe-clean.html", AXE_CLEAN_HTML.as_bytes()),
        ("site/keyboard.html", KEYBOARD_HTML.as_bytes()),
        ("site/app.js", b"export default function init() {}\n"),
        ("site/app_bg.wasm", b"\0asm\x01\0\0\0"),
        ("site/feeds/sample.json", br#"{"caidan_feed": "1.0"}"#),
        (
            "site/icon.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        ("site/logo.png", b"\x89PNG\r\n\x1a\n"),
        ("site/favicon.ico", b"\0\0\x01\0"),
        ("secret.txt", b"do not serve"),
    ];
    for (path, contents) in files {
        let file = dir.path().join(path);
        let parent = file.parent().expect("a parent folder");
        std::fs::create_dir_all(parent).expect("create a site folder");
        std::fs::write(file, contents).expect("write a site file");
    }
    dir
}

/// A harness serving the site of [`write_site`], and the folder it is in
/// (removed when dropped).
async fn serve_site() -> (TempDir, Harness) {
    let dir = write_site();
    let h = Harness::serve(dir.path().join("site")).await;
    (dir, h)
}

#[tokio::test]
async fn helpers_find_elements_by_role_and_name() {
    let (_site, h) = serve_site().await;
    h.open("/").await;

    let h1 = h.find_heading(Some(1), "smoke page").await;
    assert_eq!(h1.tag_name().await.unwrap(), "h1");
    assert_eq!(
        h.find_heading(None, "Elderly care")
            .await
            .tag_name()
            .await
            .unwrap(),
        "h2"
    );
    // Curly and straight apostrophes compare equal.
    h.find_heading(Some(2), "Children's services").await;
    // aria-hidden headings are not there for a user of assistive technology.
    let (hidden, _) = h.query_all(&query(Role::Heading(None), "Decoration")).await;
    assert!(hidden.is_empty(), "aria-hidden heading found");

    let meal = h.find_link("Meal assistance").await;
    assert_eq!(
        meal.attr("href").await.unwrap().as_deref(),
        Some("/services/meal-assist?lang=en")
    );
    h.find_link("Home care visit").await;
    h.find_link(contains("About")).await;
    let (hidden, _) = h.query_all(&query(Role::Link, "Hidden service")).await;
    assert!(hidden.is_empty(), "a display:none link was found");

    // An explicit role wins over the element's own.
    let (as_link, _) = h
        .query_all(&query(Role::Link, "Link styled as a button"))
        .await;
    assert!(as_link.is_empty(), "role=button link counted as a link");
    h.find_button("Link styled as a button").await;

    let button = h.find_button("Place a request").await;
    assert_eq!(h.computed_style(&button, "min-height").await, "48px");
    assert_eq!(h.computed_style(&button, "color").await, "rgb(11, 12, 13)");

    let name = h.find_textbox("Your name").await;
    name.send_keys("Li Hua").await.unwrap();
    assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Li Hua"));
    let comments = h.find_textbox("Comments").await;
    assert_eq!(comments.tag_name().await.unwrap(), "textarea");
    h.find_textbox("Search services").await;
    let district = h.find_textbox("District").await;
    assert_eq!(district.tag_name().await.unwrap(), "select");
    let (by_placeholder, _) = h.query_all(&query(Role::Field, "Not a label")).await;
    assert!(
        by_placeholder.is_empty(),
        "a placeholder counted as a label"
    );

    h.find_radio("No").await.click().await.unwrap();
    assert!(h.find_radio("No").await.is_selected().await.unwrap());
    assert!(!h.find_radio("Yes").await.is_selected().await.unwrap());
    h.find_checkbox("I agree").await;

    let services: Vec<(String, String)> = h
        .links_under("/services/")
        .await
        .into_iter()
        .map(|link| (link.name, link.href))
        .collect();
    assert_eq!(
        services,
        [
            (
                "Meal assistance".to_string(),
                "/services/meal-assist?lang=en".to_string()
            ),
            (
                "Home care visit".to_string(),
                "/services/home-care".to_string()
            ),
        ]
    );

    assert!(h.text_of_main().await.contains("Some text with spaces."));
    h.wait_for_heading(Some(2), "Loaded later").await;
    h.wait_for_text("Loaded later").await;
    h.wait_for_link("Meal assistance").await;
    h.wait_for_button("Place a request").await;
    h.wait_for_textbox("Your name").await;
    h.wait_for_radio("Yes").await;
    h.wait_for_checkbox("I agree").await;

    let details = h.wait_for_details("Details for the publisher").await;
    assert!(details.attr("open").await.unwrap().is_none());
    assert!(!h.text_of_main().await.contains("Missing required field"));
    let opened = h.open_details(&details).await;
    assert!(opened.contains("version"), "details text: {opened}");

    let errors = h.console_errors().await;
    assert!(
        errors.iter().any(|e| e.contains("smoke console error")),
        "console errors: {errors:?}"
    );
}

#[tokio::test]
#[should_panic(
    expected = "no visible link named `No such link`; visible ones: \"Meal assistance\""
)]
async fn a_missing_element_fails_with_what_the_page_has() {
    let (_site, h) = serve_site().await;
    h.open("/").await;
    h.find_link("No such link").await;
}

#[tokio::test]
async fn the_browser_sees_fallback_overlay_and_foreign_origin() {
    let (_site, h) = serve_site().await;
    h.server()
        .put("/feeds/written.json", br#"{"written": true}"#.to_vec());
    let foreign = StaticServer::builder()
        .cors()
        .put("/feed.json", br#"{"foreign": true}"#.to_vec())
        .start()
        .await
        .unwrap();

    // A deep link is answered with the app's index.html.
    h.open("/services/meal-assist?lang=en").await;
    h.wait_for_heading(Some(1), "smoke page").await;
    assert_eq!(
        h.current_path_and_query().await,
        "/services/meal-assist?lang=en"
    );

    let fetch_json = r#"
        const [url, done] = arguments;
        fetch(url).then((r) => r.json()).then(done, (e) => done({ error: String(e) }));
    "#;
    let overlay = h
        .client()
        .execute_async(fetch_json, vec![json!("/feeds/written.json")])
        .await
        .unwrap();
    assert_eq!(overlay, json!({ "written": true }));
    let cross_origin = h
        .client()
        .execute_async(fetch_json, vec![json!(foreign.url("/feed.json"))])
        .await
        .unwrap();
    assert_eq!(cross_origin, json!({ "foreign": true }));
    assert!(foreign.requests().contains(&"GET /feed.json".to_string()));
}

#[tokio::test]
async fn axe_reports_known_violations_and_passes_a_clean_page() {
    let (_site, h) = serve_site().await;

    h.open("/axe-faulty.html").await;
    let violations = h.axe_violations().await;
    let ids: Vec<&str> = violations.iter().map(|v| v.id.as_str()).collect();
    assert!(ids.contains(&"label"), "violations: {violations:#?}");
    assert!(ids.contains(&"image-alt"), "violations: {violations:#?}");
    let label = violations.iter().find(|v| v.id == "label").unwrap();
    assert_eq!(label.impact, "critical");
    assert!(!label.help.is_empty() && !label.description.is_empty());
    assert!(label.help_url.starts_with("https://"), "{}", label.help_url);
    assert_eq!(
        label.nodes,
        [r#"#nameless: <input id="nameless" type="text">"#]
    );
    let image = violations.iter().find(|v| v.id == "image-alt").unwrap();
    assert_eq!(image.nodes.len(), 1);
    assert!(image.nodes[0].starts_with("img: <img"), "{:?}", image.nodes);

    // A second run on the same page reuses the injected script.
    assert_eq!(h.axe_violations().await, violations);

    h.open("/axe-clean.html").await;
    h.assert_no_axe_violations("the clean page").await;

    // A tour counts the pages axe-core ran on, and keeps what it found.
    let mut tour = AxeTour::new();
    assert_eq!(tour.checked(), 0);
    tour.check(&h, "the clean page").await;
    h.open("/axe-faulty.html").await;
    tour.check(&h, "the faulty page").await;
    assert_eq!(tour.checked(), 2);
    assert_eq!(tour.found().len(), 1, "{:#?}", tour.found());
    assert!(
        tour.found()[0].starts_with("the faulty page (/axe-faulty.html):")
            && tour.found()[0].contains("\n- label (critical)"),
        "{:#?}",
        tour.found()
    );
}

#[tokio::test]
#[should_panic(expected = "accessibility violation(s) on the faulty page")]
async fn axe_assertion_lists_the_violations() {
    let (_site, h) = serve_site().await;
    h.open("/axe-faulty.html").await;
    h.assert_no_axe_violations("the faulty page").await;
}

#[tokio::test]
async fn a_form_can_be_filled_in_with_the_keyboard_alone() {
    let (_site, h) = serve_site().await;
    h.open("/keyboard.html").await;

    assert_eq!(
        h.focused_element_description().await,
        "nothing focused <body>"
    );
    h.press_tab().await;
    assert_eq!(
        h.focused_element_description().await,
        r#"link "About us" <a>"#
    );
    // With no choice made, Tab enters a radio group at its first button.
    h.press_tab().await;
    assert_eq!(
        h.focused_element_description().await,
        r#"radio "Yes" <input>"#
    );
    h.press_space().await;
    assert!(h.find_radio("Yes").await.is_selected().await.unwrap());
    // The arrow keys move the choice within the group.
    h.press_key(Key::Down).await;
    assert_eq!(
        h.focused_element_description().await,
        r#"radio "No" <input>"#
    );
    assert!(h.find_radio("No").await.is_selected().await.unwrap());
    assert!(!h.find_radio("Yes").await.is_selected().await.unwrap());

    // Tab leaves the group; typing goes to the focused field.
    h.press_tab().await;
    assert_eq!(
        h.focused_element_description().await,
        r#"text field "Your name" <input>"#
    );
    h.type_text("Li Hua 李华").await;
    let field = h.find_textbox("Your name").await;
    assert_eq!(
        field.prop("value").await.unwrap().as_deref(),
        Some("Li Hua 李华")
    );

    // Shift+Tab goes back into the group at the chosen button.
    h.press_shift_tab().await;
    assert_eq!(
        h.focused_element_description().await,
        r#"radio "No" <input>"#
    );

    let button = h.tab_to(Role::Button, "Send the request", 5).await.unwrap();
    assert_eq!(button.tag_name().await.unwrap(), "button");
    let focused = h.focused_element().await;
    assert_eq!(focused.role, Some(Role::Button));
    assert_eq!(focused.name, "Send the request");
    // Already there: no key is pressed.
    h.tab_to(Role::Button, contains("Send"), 0).await.unwrap();

    h.press_enter().await;
    h.wait_for_text("Sent for Li Hua 李华, alone: no").await;

    // From the button, Tab leaves the page content; the link is never
    // reached again within two presses.
    let error = h.tab_to(Role::Link, "No such link", 2).await.unwrap_err();
    assert_eq!(error.presses, 2);
    assert_eq!(error.visited.len(), 3);
    assert_eq!(error.visited[0], r#"button "Send the request" <button>"#);
    let message = error.to_string();
    assert!(
        message.starts_with(
            "pressed Tab 2 time(s) without focusing a link named `No such link`; \
             focus went to: button \"Send the request\" <button>, "
        ),
        "{message}"
    );
}

#[tokio::test]
async fn cpu_throttling_slows_scripts_down() {
    let (_site, h) = serve_site().await;
    h.open("/").await;

    assert_eq!(h.eval_number("return 6 * 7;").await, 42.0);
    let before = h.performance_now_ms().await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let after = h.performance_now_ms().await;
    assert!(after - before >= 40.0, "{before} then {after}");

    // Many short pairs of runs, unthrottled then throttled, compared by
    // their median ratio: other work on the machine comes in bursts, which
    // slow single runs of either kind. Each pair turns throttling off again
    // first, which the ratios check as well.
    h.eval_number(BUSY_LOOP_JS).await;
    let mut ratios = Vec::new();
    let mut times = Vec::new();
    for _ in 0..15 {
        h.throttle_cpu(1.0).await;
        let normal = h.eval_number(BUSY_LOOP_JS).await;
        h.throttle_cpu(4.0).await;
        let throttled = h.eval_number(BUSY_LOOP_JS).await;
        ratios.push(throttled / normal);
        times.push((normal.round(), throttled.round()));
    }
    h.throttle_cpu(1.0).await;
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    assert!(
        median > 2.0,
        "at rate 4 the loop is only {median:.2} times slower; (normal, throttled) ms: {times:?}"
    );
}

#[tokio::test]
#[should_panic(expected = "script returned `\"six\"`, not a number")]
async fn eval_number_rejects_other_values() {
    let browser = Browser::start().await.unwrap();
    browser.goto("about:blank").await;
    browser.eval_number("return 'six';").await;
}

/// A loop of fixed work that returns how long it took, in milliseconds.
const BUSY_LOOP_JS: &str = "
    const start = performance.now();
    let x = 0;
    for (let i = 0; i < 6000000; i++) { x = (x * 31 + i) % 1000003; }
    window.busyLoopSink = x;
    return performance.now() - start;
";

#[test]
fn chromium_does_not_outlive_a_panicking_test() {
    let (sender, receiver) = std::sync::mpsc::channel();
    let outcome = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let browser = Browser::start().await.unwrap();
            browser.goto("about:blank").await;
            let dir = browser.user_data_dir().expect("user data dir");
            assert!(
                !processes_mentioning(&dir).is_empty(),
                "no running Chromium uses `{dir}`"
            );
            sender.send(dir).unwrap();
            panic!("a test fails while its browser is open");
        })
    })
    .join();
    assert!(outcome.is_err(), "the thread should have panicked");
    let dir = receiver.recv().unwrap();
    assert!(!dir.is_empty());

    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = processes_mentioning(&dir);
        if left.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "Chromium processes left running: {left:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The ids of live processes whose command line mentions `text`.
fn processes_mentioning(text: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
            let zombie = status
                .lines()
                .any(|l| l.starts_with("State:") && l.contains('Z'));
            !zombie && String::from_utf8_lossy(&cmdline).contains(text)
        })
        .collect()
}

/// One raw request and what must come back.
struct Case {
    method: &'static str,
    target: &'static str,
    status: u16,
    content_type: Option<&'static str>,
    body_contains: &'static str,
}

async fn check(addr: SocketAddr, case: &Case, cors: bool) -> Reply {
    let what = format!("{} {}", case.method, case.target);
    let response = http::request(addr, case.method, case.target)
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(response.status, case.status, "{what}: status");
    assert_eq!(
        response.header("content-type"),
        case.content_type,
        "{what}: content type"
    );
    assert!(
        response.text().contains(case.body_contains),
        "{what}: body {:?} lacks {:?}",
        response.text(),
        case.body_contains
    );
    assert_eq!(
        response.header("cache-control"),
        Some("no-store"),
        "{what}: cache"
    );
    assert_eq!(
        response.header("connection"),
        Some("close"),
        "{what}: connection"
    );
    let expected_cors = cors.then_some("*");
    assert_eq!(
        response.header("access-control-allow-origin"),
        expected_cors,
        "{what}: CORS"
    );
    response
}

const HTML: Option<&str> = Some("text/html; charset=utf-8");
const JSON: Option<&str> = Some("application/json");
const TEXT: Option<&str> = Some("text/plain; charset=utf-8");

fn case(
    method: &'static str,
    target: &'static str,
    status: u16,
    content_type: Option<&'static str>,
    body_contains: &'static str,
) -> Case {
    Case {
        method,
        target,
        status,
        content_type,
        body_contains,
    }
}

#[tokio::test]
async fn static_server_answers_like_a_static_host() {
    let dir = write_site();
    let server = StaticServer::builder()
        .root(dir.path().join("site"))
        .put("/feeds/early.json", br#"{"early": 1}"#.to_vec())
        .start()
        .await
        .unwrap();
    server.put(
        "feeds/broken.json",
        br#"{"caidan_feed": "1.0", "id": "x"}"#.to_vec(),
    );
    server.put("/feeds/sample.json", br#"{"overlay": "wins"}"#.to_vec());

    let cases = [
        case("GET", "/", 200, HTML, "Caidan smoke page"),
        case("GET", "/index.html", 200, HTML, "Caidan smoke page"),
        case("GET", "/?lang=en", 200, HTML, "Caidan smoke page"),
        // Single-page-app fallback: no extension, no file.
        case(
            "GET",
            "/services/meal-assist?lang=en",
            200,
            HTML,
            "Caidan smoke page",
        ),
        case("GET", "/no/such/page/", 200, HTML, "Caidan smoke page"),
        case(
            "GET",
            "/app.js",
            200,
            Some("text/javascript; charset=utf-8"),
            "init",
        ),
        case("GET", "/app_bg.wasm", 200, Some("application/wasm"), "asm"),
        case(
            "GET",
            "/style.css?v=2",
            200,
            Some("text/css; charset=utf-8"),
            ".big",
        ),
        case("GET", "/icon.svg", 200, Some("image/svg+xml"), "svg"),
        case("GET", "/logo.png", 200, Some("image/png"), "PNG"),
        case("GET", "/favicon.ico", 200, Some("image/x-icon"), ""),
        // Overlay files, added before and after start; the overlay wins.
        case("GET", "/feeds/early.json", 200, JSON, "early"),
        case("GET", "/feeds/broken.json?x=1", 200, JSON, r#""id": "x""#),
        case("GET", "/feeds/sample.json", 200, JSON, "wins"),
        // A missing file with an extension is not the app.
        case("GET", "/missing.js", 404, TEXT, "not found"),
        case("GET", "/feeds/missing.json", 404, TEXT, "not found"),
        // Path traversal, plain and encoded.
        case("GET", "/../secret.txt", 403, TEXT, "forbidden"),
        case("GET", "/feeds/../../secret.txt", 403, TEXT, "forbidden"),
        case("GET", "/%2e%2e/secret.txt", 403, TEXT, "forbidden"),
        case("GET", "/bad%zzescape", 400, TEXT, "bad request"),
        case("HEAD", "/", 200, HTML, ""),
        case("POST", "/", 405, TEXT, "method not allowed"),
    ];
    for case in &cases {
        check(server.addr(), case, false).await;
    }

    let head = http::request(server.addr(), "HEAD", "/").await.unwrap();
    assert!(head.body.is_empty(), "HEAD sent a body");
    assert_eq!(
        head.header("content-length"),
        Some(INDEX_HTML.len().to_string().as_str())
    );
    assert!(server
        .requests()
        .contains(&"GET /services/meal-assist?lang=en".to_string()));
}

#[tokio::test]
async fn foreign_server_serves_only_its_files_to_any_origin() {
    let foreign = StaticServer::start_foreign().await.unwrap();
    foreign.put("/feed.json", br#"{"caidan_feed": "1.0"}"#.to_vec());
    let cases = [
        case("GET", "/feed.json", 200, JSON, "caidan_feed"),
        case("GET", "/feed.json?cache=no", 200, JSON, "caidan_feed"),
        case("HEAD", "/feed.json", 200, JSON, ""),
        case("GET", "/", 404, TEXT, "not found"),
        case("GET", "/services/x", 404, TEXT, "not found"),
        case("GET", "/other.json", 404, TEXT, "not found"),
        case("OPTIONS", "/feed.json", 204, None, ""),
    ];
    for case in &cases {
        check(foreign.addr(), case, true).await;
    }
    assert!(foreign.url("/feed.json").starts_with("http://127.0.0.1:"));
}
