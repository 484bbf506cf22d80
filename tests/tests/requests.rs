//! End-to-end tests of requesting a service: the request form with one
//! input per service attribute, "Check your answers", the voucher kept on
//! the device, sending to a GeoReport v2 (Open311) intake with its
//! failures and retries, "My requests", cancelling, saying the service was
//! received and rating it, per-resident limits, the waiting list, demand
//! suggestions, accessibility in both languages and a keyboard-only run.
//!
//! Voucher tests use the sample feed shipped in the built app. Open311 tests
//! start their own loopback intake ([`Open311Mock`]) and serve a copy of
//! the app's Open311 demo feed, pointed at it, through the harness overlay,
//! so every test has its own intake and they run in parallel.
//!
//! They need the app built first; run them with the README's test command
//! (scripts/test.sh builds it with `trunk build --release`).

use std::time::{Duration, Instant};

use caidan_tests::journey::{
    answer_question, answer_questions, choose_by_type_ahead, choose_radio, click, click_continue,
    fill, is_checked, qualify_for_meal_dc, set_datetime, set_residence, tab_into_question, tab_to,
    tick, voucher_in, wait_for_focus_on_h1, wait_h1, wait_h1_focused, zh, Answer, CHECK, CONTINUE,
    JIXIANG, JIXIANG_CODE, MEAL_DC, MY_REQUESTS, PROBLEM, Q_AGE, Q_ALONE, Q_RESIDENCE, YOU_QUALIFY,
};
use caidan_tests::open311::{config_allowing_intake, open311_demo_json};
use caidan_tests::{
    feed_json, feed_service, query, string_pairs, AxeTour, Harness, Open311Mock, PostMode, Posted,
    Role,
};
use serde_json::{json, Value};

/// The interface's words in English (more are in `journey`).
const REQUEST: &str = "Request this service";
const CHECK_YOUR_ANSWERS: &str = "Check your answers";
const SEND_REQUEST: &str = "Send request";
const REQUEST_SAVED: &str = "Request saved on this device";
const REQUEST_SENT: &str = "Request sent";
const NOT_SENT: &str = "Your request has not been sent yet";
const SENDING: &str = "Sending…";
const KEPT: &str = "Your request is kept on this device and will not be lost.";
const TRY_AGAIN: &str = "Try sending again";
const RECEIVED: &str = "I have received this service";
const CANCEL: &str = "Cancel this request";
const THANKS_RATING: &str = "Thank you for your rating.";
const NAME: &str = "Name";
const PHONE: &str = "Phone number";

/// The rating labels, best first (`Satisfaction::label_en`).
const RATINGS: [&str; 5] = [
    "Very satisfied",
    "Satisfied",
    "Neither satisfied nor dissatisfied",
    "Dissatisfied",
    "Very dissatisfied",
];

/// A Haidian community (Wanshoulu) of the Open311 demo feed, which asks
/// the sample feed's residence question too.
const CUIWEILU: &str = "Cuiweilu Community";

/// A mobile number that passes validation.
const MOBILE: &str = "13800138000";

// ---------------------------------------------------------------------------
// 1. The voucher journey.

#[tokio::test]
async fn voucher_journey_from_service_page_to_my_requests() {
    let h = Harness::start().await;
    h.open("/services/meal-assist-dc?lang=en").await;
    wait_h1(&h, MEAL_DC).await;

    // Eligibility is not settled yet: the request page says so first.
    let request_links = h.links_under("/services/meal-assist-dc/").await;
    for (name, href) in [
        (CHECK, "/services/meal-assist-dc/check"),
        (REQUEST, "/services/meal-assist-dc/request"),
    ] {
        assert!(
            request_links
                .iter()
                .any(|l| l.name == name && l.href == href),
            "no link `{name}` to `{href}` in {request_links:?}"
        );
    }
    click(&h.find_link(REQUEST).await).await;
    h.wait_for_path("/services/meal-assist-dc/request").await;
    h.wait_for_text("First check whether you qualify.").await;
    assert!(
        !h.has(query(Role::Button, CONTINUE)).await,
        "the form is shown before eligibility is settled"
    );
    click(&h.find_link(CHECK).await).await;
    qualify_for_meal_dc(&h).await;
    click(&h.wait_for_link(REQUEST).await).await;
    h.wait_for_path("/services/meal-assist-dc/request").await;
    wait_h1(&h, MEAL_DC).await;

    // One input per attribute, of the kind its datatype needs.
    assert_eq!(
        h.names_of(Role::Radio).await,
        ["Regular", "Soft food", "Low sugar", "Low salt", "Halal"]
    );
    assert_eq!(h.group_legend(Role::Radio, "Soft food").await, "Diet");
    assert_eq!(h.names_of(Role::Checkbox).await, ["Lunch", "Dinner"]);
    assert_eq!(
        h.group_legend(Role::Checkbox, "Lunch").await,
        "Which meals?"
    );
    let start = "When would you like it to start?";
    assert_eq!(h.field_kind(start).await, "input datetime-local");
    assert_eq!(h.field_kind(NAME).await, "input text");
    assert_eq!(h.field_kind(PHONE).await, "input tel");

    // Nothing filled in: an error summary with a link per problem, and the
    // same messages next to the fields.
    click_continue(&h).await;
    h.wait_for_heading(Some(2), PROBLEM).await;
    let summary = error_links(&h).await;
    let messages: Vec<&str> = summary.iter().map(|(m, _)| m.as_str()).collect();
    for expected in [
        "Select Diet",
        "Select Which meals?",
        "Enter When would you like it to start?",
        "Enter your name",
    ] {
        assert!(
            messages.contains(&expected),
            "no `{expected}` in {summary:?}"
        );
    }
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("Enter a valid phone number: ")),
        "no phone message in {summary:?}"
    );
    assert_eq!(summary.len(), 5, "{summary:?}");
    let main = h.text_of_main().await;
    for (message, target) in &summary {
        assert!(
            main.matches(message.as_str()).count() >= 2,
            "`{message}` is not shown next to its field as well:\n{main}"
        );
        assert!(
            h.element_exists(target).await,
            "the summary link `{message}` points at `{target}`, which is not on the page"
        );
    }

    // A bad phone number alone.
    choose_radio(&h, "Soft food").await;
    tick(&h, "Lunch").await;
    tick(&h, "Dinner").await;
    set_datetime(&h, start, "2026-12-01T11:30").await;
    fill(&h, NAME, "Li Ming").await;
    fill(&h, PHONE, "12345").await;
    click_continue(&h).await;
    h.wait_until("only the phone number to be wrong", || async {
        let links = try_error_links(&h).await?;
        (links.len() == 1).then_some(links)
    })
    .await;
    let summary = error_links(&h).await;
    assert!(
        summary[0].0.starts_with("Enter a valid phone number: "),
        "{summary:?}"
    );
    fill(&h, PHONE, "138 0013 8000").await;
    click_continue(&h).await;

    // Check your answers, change one, and send.
    wait_h1(&h, CHECK_YOUR_ANSWERS).await;
    h.wait_for_path("/services/meal-assist-dc/request/check")
        .await;
    let rows = summary_rows(&h).await;
    assert_row(&rows, "Diet", "Soft food");
    assert_row(&rows, "Which meals?", "Lunch, Dinner");
    assert_row_contains(&rows, start, "2026-12-01");
    assert_row(&rows, NAME, "Li Ming");
    assert_row_contains(&rows, PHONE, "138");
    let change_links: Vec<String> = h
        .names_of(Role::Link)
        .await
        .into_iter()
        .filter(|name| name.starts_with("Change"))
        .collect();
    let expected: Vec<String> = ["Diet", "Which meals?", start, NAME, PHONE]
        .iter()
        .map(|key| format!("Change {key}"))
        .collect();
    assert_eq!(change_links, expected);
    click(&h.find_link("Change Diet").await).await;
    h.wait_for_path("/services/meal-assist-dc/request").await;
    let soft = h.wait_for_radio("Soft food").await;
    assert!(is_checked(&soft).await, "the form lost the answers given");
    assert_eq!(h.value_of(NAME).await, "Li Ming");
    choose_radio(&h, "Low salt").await;
    click_continue(&h).await;
    wait_h1(&h, CHECK_YOUR_ANSWERS).await;
    assert_row(&summary_rows(&h).await, "Diet", "Low salt");
    click(&h.find_button(SEND_REQUEST).await).await;

    // The voucher.
    wait_h1(&h, REQUEST_SAVED).await;
    let path = h.current_path_and_query().await;
    let request_path = path.split('?').next().unwrap_or_default().to_string();
    assert!(request_path.starts_with("/requests/"), "at `{path}`");
    let main = h.wait_for_text("Voucher code").await;
    let code = voucher_in(&main).unwrap_or_else(|| panic!("no voucher code in:\n{main}"));
    let qr = qr_label(&h).await;
    assert!(
        qr.as_deref().is_some_and(|name| name.starts_with("QR")),
        "no QR code image named `QR…`: {qr:?}"
    );
    h.find_heading(Some(2), "What happens next").await;
    for expected in [
        "Ju'er Hutong Senior Canteen",
        "12 Ju'er Hutong, Dongcheng",
        "Hotline",
        "Submitted",
    ] {
        assert!(main.contains(expected), "no `{expected}` in:\n{main}");
    }
    let tel = h.links_under("tel:").await;
    assert!(tel.iter().any(|l| l.href == "tel:010-6402-6688"), "{tel:?}");
    h.find_button("Print voucher").await;

    // My requests, from the header, and after a reload.
    click(&h.find_link(MY_REQUESTS).await).await;
    h.wait_for_path("/requests").await;
    wait_h1(&h, MY_REQUESTS).await;
    let item = request_item(&h, MEAL_DC).await;
    assert_eq!(item.href, request_path);
    assert!(item.text.contains("Submitted"), "{item:?}");
    assert!(item.text.contains(&code), "{item:?}");
    h.open("/requests").await;
    let item = request_item(&h, MEAL_DC).await;
    assert!(item.text.contains("Submitted"), "after a reload: {item:?}");
    click(&h.find_link(MEAL_DC).await).await;
    wait_h1(&h, REQUEST_SAVED).await;
    h.wait_for_text(&code).await;

    // The draft was forgotten once the request was placed.
    h.open("/services/meal-assist-dc/request").await;
    wait_h1(&h, MEAL_DC).await;
    h.wait_for_button(CONTINUE).await;
    assert_eq!(h.value_of(NAME).await, "");
    assert!(!is_checked(&h.find_radio("Low salt").await).await);
}

// ---------------------------------------------------------------------------
// 2. Sending to an Open311 intake.

#[tokio::test]
async fn open311_journey_sends_and_follows_the_status() {
    let (h, mock, feed) = open311_harness().await;
    h.open(&format!("/services/demo-repairs?feed={feed}&lang=en"))
        .await;
    wait_h1(&h, "Home repairs").await;
    click(&h.wait_for_link(CHECK).await).await;
    let outcome = answer_questions(&h, &[(Q_RESIDENCE, Answer::Select(CUIWEILU))]).await;
    assert_eq!(outcome, YOU_QUALIFY);
    click(&h.wait_for_link(REQUEST).await).await;
    wait_h1(&h, "Home repairs").await;

    let address = "Address for the visit (building, entrance, flat)";
    let rooms = "How many rooms? (optional)";
    assert_eq!(h.field_kind(address).await, "input text");
    assert_eq!(h.field_kind(rooms).await, "input number");
    assert_eq!(
        h.names_of(Role::Checkbox).await,
        ["Plumbing", "Wiring", "Locks"]
    );
    assert_eq!(
        h.group_legend(Role::Checkbox, "Locks").await,
        "What needs fixing?"
    );
    fill(&h, address, "Building 3, entrance 2, flat 401").await;
    tick(&h, "Plumbing").await;
    tick(&h, "Locks").await;
    fill(&h, rooms, "2").await;
    contact_and_continue(&h).await;
    let rows = summary_rows(&h).await;
    assert_row(&rows, "What needs fixing?", "Plumbing, Locks");
    assert_row(&rows, "How many rooms?", "2");
    click(&h.find_button(SEND_REQUEST).await).await;

    wait_h1(&h, REQUEST_SENT).await;
    // The page's heading moved on from "Sending…" where it is: so did its title.
    h.wait_for_title(&format!("{REQUEST_SENT} – Caidan")).await;
    let main = h.wait_for_text("SR-1").await;
    assert!(main.contains("Service request number"), "{main}");
    assert!(!main.contains("Voucher code"), "{main}");

    let created = mock.requests_for("demo-repairs");
    assert_eq!(created.len(), 1, "{created:#?}");
    let posted = &created[0].posted;
    check_idempotency(posted);
    let expected_fields: [(&str, &str); 8] = [
        ("service_code", "demo-repairs"),
        ("jurisdiction_id", "demo"),
        ("api_key", "demo-key"),
        ("attribute[address]", "Building 3, entrance 2, flat 401"),
        ("attribute[rooms]", "2"),
        ("first_name", "Li"),
        ("last_name", "Ming"),
        ("phone", MOBILE),
    ];
    for (name, value) in expected_fields {
        assert_eq!(posted.field(name), Some(value), "{name} in {posted:#?}");
    }
    assert_eq!(
        posted.fields("attribute[repair][]"),
        ["plumbing", "lock"],
        "{posted:#?}"
    );

    // The status, in My requests and on the request page.
    click(&h.find_link(MY_REQUESTS).await).await;
    wait_h1(&h, MY_REQUESTS).await;
    let item = request_item(&h, "Home repairs").await;
    assert!(item.text.contains("Submitted"), "{item:?}");
    click(&h.find_link("Home repairs").await).await;
    wait_h1(&h, REQUEST_SENT).await;
    h.wait_for_text("Received").await;
    assert!(
        mock.hits()
            .iter()
            .any(|hit| hit.starts_with("GET /open311/v2/requests/SR-1.json")),
        "the status was never asked for: {:?}",
        mock.hits()
    );

    // The intake closes the request: it counts as delivered.
    mock.set_status("closed", "Repaired");
    h.open("/requests").await;
    h.wait_until("the request to show as delivered", || async {
        let item = try_request_item(&h, "Home repairs").await?;
        item.text.contains("Delivered").then_some(())
    })
    .await;
    h.open("/requests").await;
    let item = request_item(&h, "Home repairs").await;
    assert!(item.text.contains("Delivered"), "after a reload: {item:?}");
    assert_eq!(mock.requests().len(), 1, "{:#?}", mock.requests());
}

#[tokio::test]
async fn open311_server_error_then_retry_makes_exactly_one_request() {
    let (h, mock, feed) = open311_harness().await;
    mock.set_mode(PostMode::ServerError);
    request_family_doctor(&h, &feed).await;

    wait_h1(&h, NOT_SENT).await;
    let main = h.wait_for_text("500").await;
    assert!(main.contains(KEPT), "{main}");
    let path = h.current_path_and_query().await;

    // Still failing: nothing is created.
    click(&h.find_button(TRY_AGAIN).await).await;
    wait_for_posts(&h, &mock, 2).await;
    wait_h1(&h, NOT_SENT).await;
    // The answer has come back (a reload before it would leave the request
    // unconfirmed: it might have arrived).
    h.wait_for_button(TRY_AGAIN).await;
    assert!(mock.requests().is_empty(), "{:#?}", mock.requests());

    // Kept across a reload.
    h.open(&path).await;
    wait_h1(&h, NOT_SENT).await;
    h.wait_for_text(KEPT).await;
    click(&h.find_link(MY_REQUESTS).await).await;
    let item = request_item(&h, "Family doctor sign-up").await;
    assert!(item.text.contains("Waiting to send"), "{item:?}");
    click(&h.find_link("Family doctor sign-up").await).await;

    // The intake is fixed: one retry, one request.
    mock.set_mode(PostMode::Accept);
    click(&h.wait_for_button(TRY_AGAIN).await).await;
    wait_h1(&h, REQUEST_SENT).await;
    h.wait_for_text("SR-1").await;
    let posts = mock.posts();
    assert_eq!(posts.len(), 3, "{posts:#?}");
    let key = posts[0].key().map(str::to_string);
    assert!(key.is_some(), "{posts:#?}");
    for p in &posts {
        check_idempotency(p);
        assert_eq!(p.key().map(str::to_string), key, "a retry changed the key");
    }
    let created = mock.requests_for("demo-family-doctor");
    assert_eq!(created.len(), 1, "{created:#?}");
    assert_eq!(mock.requests().len(), 1, "{:#?}", mock.requests());
}

#[tokio::test]
async fn georeport_error_list_is_shown_plainly() {
    let (h, mock, feed) = open311_harness().await;
    mock.set_mode(PostMode::invalid_service_code());
    request_family_doctor(&h, &feed).await;

    wait_h1(&h, NOT_SENT).await;
    let main = h.wait_for_text("service_code is invalid").await;
    assert!(main.contains(KEPT), "{main}");
    for raw in ["[{", "\"code\"", "\"description\""] {
        assert!(
            !main.contains(raw),
            "the raw error list shows (`{raw}`):\n{main}"
        );
    }
    h.find_button(TRY_AGAIN).await;
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn a_slow_intake_keeps_the_request_and_sends_it_in_the_end() {
    let (h, mock, feed) = open311_harness().await;
    mock.set_mode(PostMode::Slow(Duration::from_secs(4)));
    request_family_doctor(&h, &feed).await;
    let sent_at = Instant::now();

    // While the intake thinks, the request is on the device, and the page
    // says it is being sent (no second "try again" meanwhile).
    wait_h1(&h, SENDING).await;
    h.wait_for_text(KEPT).await;
    assert!(
        !h.text_of_main().await.contains("Try sending again"),
        "no retry while a send is in flight"
    );
    assert!(
        sent_at.elapsed() < Duration::from_secs(4),
        "the page showed the request kept only after the intake answered ({:?})",
        sent_at.elapsed()
    );
    wait_for_posts(&h, &mock, 1).await;

    wait_h1(&h, REQUEST_SENT).await;
    h.wait_for_text("SR-1").await;
    assert!(!h.text_of_main().await.contains(KEPT));
    assert_eq!(mock.requests().len(), 1, "{:#?}", mock.requests());
    assert_eq!(mock.posts().len(), 1, "{:#?}", mock.posts());
}

// ---------------------------------------------------------------------------
// 3. The draft survives a reload.

#[tokio::test]
async fn reloading_in_the_middle_of_the_form_keeps_the_draft() {
    let (h, mock, feed) = open311_harness().await;
    h.open(&format!(
        "/services/demo-grid-report/check?feed={feed}&lang=en"
    ))
    .await;
    let outcome = answer_questions(&h, &[(Q_RESIDENCE, Answer::Select(CUIWEILU))]).await;
    assert_eq!(outcome, YOU_QUALIFY);
    click(&h.wait_for_link(REQUEST).await).await;
    let service = "Report a problem to your grid officer";
    wait_h1(&h, service).await;

    let (details, place, when) = ("Details", "Where (optional)", "When (optional)");
    assert_eq!(h.names_of(Role::Radio).await, ["Safety", "Noise", "Other"]);
    assert_eq!(h.field_kind(details).await, "textarea");
    assert_eq!(h.field_kind(place).await, "input text");
    assert_eq!(h.field_kind(when).await, "input datetime-local");
    let detail_text = "The street light is broken\nby gate 3";
    choose_radio(&h, "Noise").await;
    fill(&h, details, detail_text).await;
    fill(&h, place, "Gate 3").await;
    set_datetime(&h, when, "2026-11-25T19:45").await;
    fill(&h, NAME, "王小明").await;
    fill(&h, PHONE, "010-12345678").await;

    h.reload().await;
    wait_h1(&h, service).await;
    h.wait_until("the draft to come back", || async {
        (h.value_of(NAME).await == "王小明").then_some(())
    })
    .await;
    assert!(is_checked(&h.find_radio("Noise").await).await);
    assert_eq!(h.value_of(details).await, detail_text);
    assert_eq!(h.value_of(place).await, "Gate 3");
    assert_eq!(h.value_of(when).await, "2026-11-25T19:45");
    assert_eq!(h.value_of(PHONE).await, "010-12345678");

    // Leaving and coming back keeps it too.
    h.open("/").await;
    h.open("/services/demo-grid-report/request").await;
    wait_h1(&h, service).await;
    h.wait_until("the draft after coming back", || async {
        (h.value_of(place).await == "Gate 3").then_some(())
    })
    .await;

    click_continue(&h).await;
    wait_h1(&h, CHECK_YOUR_ANSWERS).await;
    let rows = summary_rows(&h).await;
    assert_row(&rows, "What kind of problem?", "Noise");
    assert_row(&rows, "Where", "Gate 3");
    assert_row(&rows, NAME, "王小明");
    click(&h.find_button(SEND_REQUEST).await).await;
    wait_h1(&h, REQUEST_SENT).await;

    let created = mock.requests_for("demo-grid-report");
    assert_eq!(created.len(), 1, "{created:#?}");
    let posted = &created[0].posted;
    let expected_fields: [(&str, &str); 6] = [
        ("attribute[issue]", "noise"),
        ("attribute[detail]", detail_text),
        ("attribute[where]", "Gate 3"),
        ("attribute[seen_at]", "2026-11-25T19:45"),
        ("first_name", "王小明"),
        ("phone", "010-12345678"),
    ];
    for (name, value) in expected_fields {
        assert_eq!(posted.field(name), Some(value), "{name} in {posted:#?}");
    }
}

// ---------------------------------------------------------------------------
// 4. Limits and the waiting list.

#[tokio::test]
async fn limits_and_the_waiting_list_are_explained() {
    let h = Harness::start().await;
    set_residence(&h, "/where?lang=en", Q_RESIDENCE, JIXIANG).await;

    // A full service takes requests onto its waiting list.
    let service = "Calligraphy for beginners";
    h.open("/services/calligraphy-course/request").await;
    wait_h1(&h, service).await;
    let main = h
        .wait_for_text("This service is full. Your request joins the waiting list")
        .await;
    assert!(!main.contains("You have used"), "{main}");
    contact_and_continue(&h).await;
    click(&h.find_button(SEND_REQUEST).await).await;
    wait_h1(&h, REQUEST_SAVED).await;

    // One a year, and this year's is used.
    h.open("/services/calligraphy-course/request").await;
    wait_h1(&h, service).await;
    let main = h.wait_for_text("You have used 1 of 1 this year").await;
    assert!(
        !h.has(query(Role::Button, CONTINUE)).await,
        "the form is offered beyond the limit:\n{main}"
    );

    // Another service keeps its own count.
    h.open("/services/family-doctor-signup/request").await;
    wait_h1(&h, "Sign up with a family doctor").await;
    h.wait_for_button(CONTINUE).await;
    assert!(!h.text_of_main().await.contains("You have used"));
}

// ---------------------------------------------------------------------------
// 5. After the request: received, rated, cancelled.

#[tokio::test]
async fn received_services_are_rated_and_requests_cancelled() {
    let h = Harness::start().await;
    set_residence(&h, "/where?lang=en", Q_RESIDENCE, JIXIANG).await;

    let doctor = "Sign up with a family doctor";
    h.open("/services/family-doctor-signup/request").await;
    wait_h1(&h, doctor).await;
    let members = "How many family members sign up together? (optional)";
    assert_eq!(h.field_kind(members).await, "input number");
    assert_eq!(
        h.group_legend(Role::Radio, "Text message").await,
        "How should we contact you?"
    );
    fill(&h, members, "3").await;
    choose_radio(&h, "Text message").await;
    contact_and_continue(&h).await;
    assert_row(
        &summary_rows(&h).await,
        "How many family members sign up together?",
        "3",
    );
    click(&h.find_button(SEND_REQUEST).await).await;
    wait_h1(&h, REQUEST_SAVED).await;
    h.find_button(CANCEL).await;
    let doctor_path = h.current_path_and_query().await;

    click(&h.find_button(RECEIVED).await).await;
    h.wait_for_text("Delivered").await;
    h.wait_for_heading(Some(2), "Rate this service").await;
    assert!(!h.has(query(Role::Button, RECEIVED)).await);
    assert!(!h.has(query(Role::Button, CANCEL)).await);
    assert_eq!(h.names_of(Role::Radio).await, RATINGS);
    assert_eq!(
        h.group_legend(Role::Radio, RATINGS[0]).await,
        "How satisfied are you with this service?"
    );
    assert_eq!(h.field_kind("Comments (optional)").await, "textarea");
    choose_radio(&h, "Satisfied").await;
    fill(&h, "Comments (optional)", "Quick and friendly.").await;
    click(&h.find_button("Send rating").await).await;
    let main = h.wait_for_text(THANKS_RATING).await;
    assert!(main.contains("Evaluated"), "{main}");
    assert!(!h.has(query(Role::Button, "Send rating")).await);
    h.open(&doctor_path).await;
    let main = h.wait_for_text(THANKS_RATING).await;
    assert!(main.contains("Satisfied"), "{main}");

    // Another request, cancelled.
    let mediation = "Neighbour dispute mediation";
    h.open("/services/neighbour-mediation/request").await;
    wait_h1(&h, mediation).await;
    let situation = "Please tell us briefly what is difficult for you";
    assert_eq!(h.field_kind(situation).await, "textarea");
    fill(&h, situation, "Water leaks from upstairs.").await;
    contact_and_continue(&h).await;
    click(&h.find_button(SEND_REQUEST).await).await;
    wait_h1(&h, REQUEST_SAVED).await;
    click(&h.wait_for_button(CANCEL).await).await;
    h.wait_for_text("Cancelled").await;
    assert!(!h.has(query(Role::Button, CANCEL)).await);
    assert!(!h.has(query(Role::Button, RECEIVED)).await);

    h.open("/requests").await;
    wait_h1(&h, MY_REQUESTS).await;
    let rated = request_item(&h, doctor).await;
    assert!(rated.text.contains("Evaluated"), "{rated:?}");
    let cancelled = request_item(&h, mediation).await;
    assert!(cancelled.text.contains("Cancelled"), "{cancelled:?}");
    let links = h.links_under("/requests/").await;
    let names: Vec<&str> = links.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, [mediation, doctor], "newest first");
}

// ---------------------------------------------------------------------------
// 6. Saying what is missing from the menu.

#[tokio::test]
async fn suggestions_are_recorded_with_a_code() {
    let h = Harness::start().await;
    h.open("/search?q=qqxyzzy&lang=en").await;
    h.wait_for_text("No services match your search.").await;
    h.wait_for_link("Can't find what you need?").await;
    let links = h.links_under("/suggest").await;
    assert!(
        links.iter().any(|l| l.name == "Can't find what you need?"),
        "{links:?}"
    );

    h.open("/?lang=en").await;
    click(&h.wait_for_link("Can't find what you need?").await).await;
    h.wait_for_path("/suggest").await;
    wait_h1(&h, "Tell us what you need").await;
    assert_eq!(h.field_kind("What do you need?").await, "textarea");
    assert_eq!(
        h.names_of(Role::Radio).await,
        ["Not urgent", "Quite urgent", "Urgent"]
    );
    click(&h.find_button("Send suggestion").await).await;
    h.wait_for_heading(Some(2), PROBLEM).await;
    let summary = error_links(&h).await;
    assert_eq!(summary.len(), 1, "{summary:?}");
    fill(&h, "What do you need?", "A chess club for older people").await;
    choose_radio(&h, "Urgent").await;
    click(&h.find_button("Send suggestion").await).await;
    wait_h1(&h, "Thank you. Your suggestion has been recorded.").await;
    let main = h.text_of_main().await;
    assert!(voucher_in(&main).is_some(), "no code in:\n{main}");

    // With an Open311 intake the suggestion is sent there too.
    let mock = start_mock().await;
    let feed = serve_demo_feed(&h, &mock);
    h.open(&format!("/suggest?feed={feed}&lang=en")).await;
    wait_h1(&h, "Tell us what you need").await;
    fill(&h, "What do you need?", "Evening Pilates in the park").await;
    click(&h.find_button("Send suggestion").await).await;
    wait_h1(&h, "Thank you. Your suggestion has been recorded.").await;
    let demand = h
        .wait_until("the suggestion to reach the intake", || async {
            mock.requests_for("caidan-demand").into_iter().next()
        })
        .await;
    assert_eq!(
        demand.posted.field("attribute[what]"),
        Some("Evening Pilates in the park"),
        "{demand:#?}"
    );
}

// ---------------------------------------------------------------------------
// 7. axe-core.

#[tokio::test]
async fn no_axe_violations_in_english() {
    axe_tour(&ENGLISH).await;
}

#[tokio::test]
async fn no_axe_violations_in_chinese() {
    axe_tour(&CHINESE).await;
}

// ---------------------------------------------------------------------------
// 8. Keyboard only.

#[tokio::test]
async fn the_request_journey_with_the_keyboard_alone() {
    let h = Harness::start().await;
    let service = "Home care visits";
    h.open("/services/home-care-visits?lang=en").await;
    wait_h1(&h, service).await;

    tab_to(&h, Role::Link, REQUEST, 30).await;
    h.press_enter().await;
    h.wait_for_text("First check whether you qualify.").await;
    wait_for_focus_on_h1(&h, service).await;
    tab_to(&h, Role::Link, CHECK, 5).await;
    h.press_enter().await;

    choose_by_type_ahead(&h, Q_RESIDENCE, "Jixiang", JIXIANG_CODE).await;

    tab_into_question(&h, Q_AGE).await;
    h.type_text("72\n").await;

    wait_h1_focused(&h, Q_ALONE).await;
    tab_to(&h, Role::Radio, "Yes", 3).await;
    h.press_space().await;
    assert!(is_checked(&h.find_radio("Yes").await).await);
    tab_to(&h, Role::Button, CONTINUE, 3).await;
    h.press_enter().await;

    wait_h1_focused(&h, YOU_QUALIFY).await;
    tab_to(&h, Role::Link, REQUEST, 5).await;
    h.press_enter().await;

    // The form: a text input, checkboxes, a textarea and the contact.
    wait_h1_focused(&h, service).await;
    let address = "Address for the visit (building, entrance, flat)";
    tab_to(&h, Role::Field, address, 3).await;
    h.type_text("Building 5, flat 202").await;
    tab_to(&h, Role::Checkbox, "Cleaning", 2).await;
    h.press_space().await;
    tab_to(&h, Role::Checkbox, "Walking", 3).await;
    h.press_space().await;
    tab_to(&h, Role::Checkbox, "Friday", 8).await;
    h.press_space().await;
    let notes = "Is there anything else we should know? (optional)";
    tab_to(&h, Role::Field, notes, 4).await;
    h.type_text("Ring twice.\nThe lift is slow.").await;
    tab_to(&h, Role::Field, NAME, 2).await;
    h.type_text("Li Ming").await;
    tab_to(&h, Role::Field, PHONE, 2).await;
    h.type_text(MOBILE).await;
    // Enter in a text field submits the form.
    h.press_enter().await;

    wait_h1_focused(&h, CHECK_YOUR_ANSWERS).await;
    let rows = summary_rows(&h).await;
    assert_row(&rows, "What help do you need?", "Cleaning, Walking");
    assert_row(&rows, "On which days?", "Friday");
    assert_row_contains(
        &rows,
        "Is there anything else we should know?",
        "Ring twice.",
    );
    tab_to(&h, Role::Button, SEND_REQUEST, 12).await;
    h.press_enter().await;

    wait_h1(&h, REQUEST_SAVED).await;
    let main = h.wait_for_text("Voucher code").await;
    assert!(voucher_in(&main).is_some(), "{main}");

    // Received and rated, still without a mouse.
    tab_to(&h, Role::Button, RECEIVED, 25).await;
    h.press_enter().await;
    h.wait_for_heading(Some(2), "Rate this service").await;
    tab_to(&h, Role::Radio, RATINGS[0], 40).await;
    h.press_space().await;
    assert!(is_checked(&h.find_radio(RATINGS[0]).await).await);
    tab_to(&h, Role::Field, "Comments (optional)", 3).await;
    h.type_text("Very kind staff.").await;
    tab_to(&h, Role::Button, "Send rating", 2).await;
    h.press_enter().await;
    h.wait_for_text(THANKS_RATING).await;
}

// ---------------------------------------------------------------------------
// Helpers: Open311.

/// Starts an intake; panics if it cannot.
async fn start_mock() -> Open311Mock {
    match Open311Mock::start().await {
        Ok(mock) => mock,
        Err(e) => panic!("cannot start the Open311 intake: {e}"),
    }
}

/// Serves the Open311 demo feed, pointed at `mock`, with a deployment
/// config that allows it as an intake, and returns the feed's path.
fn serve_demo_feed(h: &Harness, mock: &Open311Mock) -> String {
    let path = format!("/feeds/o311-{}.json", mock.addr().port());
    h.server().put(&path, mock.demo_feed());
    h.deploy(&config_allowing_intake(&mock.origin()));
    path
}

/// A harness, an intake of its own, and the path of the demo feed that
/// sends to it.
async fn open311_harness() -> (Harness, Open311Mock, String) {
    let mock = start_mock().await;
    let h = Harness::start().await;
    let feed = serve_demo_feed(&h, &mock);
    (h, mock, feed)
}

/// Qualifies for the demo feed's family doctor sign-up (residence only),
/// fills its form and sends it.
async fn request_family_doctor(h: &Harness, feed: &str) {
    check_family_doctor(h, feed).await;
    click(&h.find_button(SEND_REQUEST).await).await;
}

/// Qualifies for the demo feed's family doctor sign-up and fills its form,
/// up to "Check your answers".
async fn check_family_doctor(h: &Harness, feed: &str) {
    h.open(&format!(
        "/services/demo-family-doctor/check?feed={feed}&lang=en"
    ))
    .await;
    let outcome = answer_questions(h, &[(Q_RESIDENCE, Answer::Select(CUIWEILU))]).await;
    assert_eq!(outcome, YOU_QUALIFY);
    click(&h.wait_for_link(REQUEST).await).await;
    wait_h1(h, "Family doctor sign-up").await;
    choose_radio(h, "Phone call").await;
    contact_and_continue(h).await;
}

/// "Check your answers" names who receives the request, and where.
#[tokio::test]
async fn check_your_answers_names_who_receives_the_request() {
    let (h, mock, feed) = open311_harness().await;
    check_family_doctor(&h, &feed).await;
    h.wait_for_text(&format!(
        "Your request will be sent to Cuiwei Community Health Station at {}.",
        mock.addr()
    ))
    .await;
    h.screenshots("check-your-answers-intake").await;
    assert!(mock.hits().is_empty(), "nothing is sent before Send");
}

/// A feed whose intake is on a host the deployment does not name: the
/// resident is told before sending, the request is kept on the device with
/// its code and the hotline, and that host hears nothing at all, not even a
/// preflight.
#[tokio::test]
async fn details_never_go_to_an_intake_the_deployment_did_not_name() {
    let stranger = start_mock().await;
    let h = Harness::start().await;
    let feed = format!("/feeds/o311-{}.json", stranger.addr().port());
    h.server().put(&feed, stranger.demo_feed());
    check_family_doctor(&h, &feed).await;
    let refused = format!(
        "This site does not send residents' details to {}.",
        stranger.addr()
    );
    h.wait_for_text(&refused).await;
    click(&h.find_button(SEND_REQUEST).await).await;
    wait_h1(&h, NOT_SENT).await;
    h.wait_for_text(&refused).await;
    h.wait_for_text("Voucher code").await;
    h.screenshots("request-refused-intake").await;
    assert!(
        !h.has(query(Role::Button, TRY_AGAIN)).await,
        "a refused intake must not be offered again"
    );
    // Reloading (which polls statuses and would retry) changes nothing.
    h.reload().await;
    wait_h1(&h, NOT_SENT).await;
    assert!(
        stranger.hits().is_empty(),
        "the stranger's intake heard {:?}",
        stranger.hits()
    );
}

/// Gives the contact (Li Ming, [`MOBILE`]) on a request form and continues
/// to "Check your answers".
async fn contact_and_continue(h: &Harness) {
    fill(h, NAME, "Li Ming").await;
    fill(h, PHONE, MOBILE).await;
    click_continue(h).await;
    wait_h1(h, CHECK_YOUR_ANSWERS).await;
}

/// The form field carries the idempotency key, derived from the voucher
/// (`cd-…`); the header only goes to an intake that declared it
/// deduplicates, which the demo feed does not.
fn check_idempotency(posted: &Posted) {
    assert_eq!(posted.idempotency_header, None, "{posted:#?}");
    assert!(
        posted
            .idempotency_field
            .as_deref()
            .is_some_and(|k| k.starts_with("cd-")),
        "{posted:#?}"
    );
}

/// Waits until the intake has had `n` POSTs.
async fn wait_for_posts(h: &Harness, mock: &Open311Mock, n: usize) {
    h.wait_until(&format!("{n} POSTs at the intake"), || async {
        (mock.posts().len() >= n).then_some(())
    })
    .await;
}

// ---------------------------------------------------------------------------
// Helpers: questions.

// ---------------------------------------------------------------------------
// Helpers: pages.

/// The error summary's links (message and target), or `None` while the
/// page cannot be read.
async fn try_error_links(h: &Harness) -> Option<Vec<(String, String)>> {
    let (headings, _) = h
        .try_query_all(&query(Role::Heading(Some(2)), PROBLEM))
        .await
        .ok()?;
    let heading = headings.into_iter().next()?;
    let value = h
        .client()
        .execute(
            "const box = arguments[0].closest('[role=alert]') || arguments[0].parentElement;
             return [...box.querySelectorAll('a[href]')].map(a => [a.textContent.replace(/\\s+/g, ' ').trim(), a.getAttribute('href')]);",
            vec![json!(heading.element)],
        )
        .await
        .ok()?;
    Some(string_pairs(&value))
}

/// The error summary's links; panics if there is no summary.
async fn error_links(h: &Harness) -> Vec<(String, String)> {
    match try_error_links(h).await {
        Some(links) => links,
        None => panic!("no error summary `{PROBLEM}`"),
    }
}

/// The rows of the summary list on "Check your answers": each `<dt>` with
/// the `<dd>` after it.
async fn summary_rows(h: &Harness) -> Vec<(String, String)> {
    let value = h
        .execute(
            "return [...document.querySelectorAll('main dt')].map(dt => {
               const dd = dt.nextElementSibling;
               const clean = (t) => (t || '').replace(/\\s+/g, ' ').trim();
               return [clean(dt.innerText), dd && dd.localName === 'dd' ? clean(dd.innerText) : ''];
             });",
            Vec::new(),
        )
        .await;
    string_pairs(&value)
}

/// Asserts that the row `key` says exactly `value`.
fn assert_row(rows: &[(String, String)], key: &str, value: &str) {
    let found = rows.iter().find(|(k, _)| k == key);
    assert_eq!(
        found.map(|(_, v)| v.as_str()),
        Some(value),
        "row `{key}` in {rows:#?}"
    );
}

/// Asserts that the row `key` contains `part`.
fn assert_row_contains(rows: &[(String, String)], key: &str, part: &str) {
    let found = rows.iter().find(|(k, _)| k == key);
    assert!(
        found.is_some_and(|(_, v)| v.contains(part)),
        "row `{key}` does not contain `{part}` in {rows:#?}"
    );
}

/// A request in "My requests": its link and the text of its entry.
#[derive(Debug, Clone)]
struct RequestItem {
    /// The link's target.
    href: String,
    /// Everything the entry says, whitespace collapsed.
    text: String,
}

/// The entry of the request whose link is named `service`, or `None` if it
/// is not (yet) there.
async fn try_request_item(h: &Harness, service: &str) -> Option<RequestItem> {
    let (links, _) = h.try_query_all(&query(Role::Link, service)).await.ok()?;
    let link = links.into_iter().find(|l| {
        l.href
            .as_deref()
            .is_some_and(|href| href.starts_with("/requests/"))
    })?;
    let text = h
        .client()
        .execute(
            "const item = arguments[0].closest('li') || arguments[0].parentElement;
             return item.innerText.replace(/\\s+/g, ' ').trim();",
            vec![json!(link.element)],
        )
        .await
        .ok()?;
    Some(RequestItem {
        href: link.href.unwrap_or_default(),
        text: text.as_str()?.to_string(),
    })
}

/// Waits for the entry of the request whose link is named `service`.
async fn request_item(h: &Harness, service: &str) -> RequestItem {
    h.wait_until(&format!("the request `{service}` in My requests"), || {
        try_request_item(h, service)
    })
    .await
}

/// The accessible name of the visible QR code image (`role="img"` with an
/// SVG inside), if there is one.
async fn qr_label(h: &Harness) -> Option<String> {
    let value = h
        .execute(
            "const img = [...document.querySelectorAll('main [role=img]')]
               .find(el => el.checkVisibility() && el.querySelector('svg') && (el.getAttribute('aria-label') || '').startsWith('QR'));
             return img ? img.getAttribute('aria-label') : null;",
            Vec::new(),
        )
        .await;
    value.as_str().map(str::to_string)
}

// ---------------------------------------------------------------------------
// Helpers: axe and the keyboard.

/// The words an axe tour needs, in one language.
struct Words {
    /// `?lang=` value.
    lang: &'static str,
    /// The feed's locale key.
    locale: &'static str,
    /// " (optional)" as the form appends it.
    optional: &'static str,
    continue_: &'static str,
    residence: &'static str,
    age: &'static str,
    jixiang: &'static str,
    cuiweilu: &'static str,
    you_qualify: &'static str,
    problem: &'static str,
    name: &'static str,
    phone: &'static str,
    check_your_answers: &'static str,
    send_request: &'static str,
    request_saved: &'static str,
    request_sent: &'static str,
    not_sent: &'static str,
    try_again: &'static str,
    received: &'static str,
    rate: &'static str,
    my_requests: &'static str,
    suggest_title: &'static str,
    suggest_what: &'static str,
    send_suggestion: &'static str,
    suggestion_saved: &'static str,
    person: &'static str,
}

const ENGLISH: Words = Words {
    lang: "en",
    locale: "en",
    optional: "(optional)",
    continue_: CONTINUE,
    residence: Q_RESIDENCE,
    age: Q_AGE,
    jixiang: JIXIANG,
    cuiweilu: CUIWEILU,
    you_qualify: YOU_QUALIFY,
    problem: PROBLEM,
    name: NAME,
    phone: PHONE,
    check_your_answers: CHECK_YOUR_ANSWERS,
    send_request: SEND_REQUEST,
    request_saved: REQUEST_SAVED,
    request_sent: REQUEST_SENT,
    not_sent: NOT_SENT,
    try_again: TRY_AGAIN,
    received: RECEIVED,
    rate: "Rate this service",
    my_requests: MY_REQUESTS,
    suggest_title: "Tell us what you need",
    suggest_what: "What do you need?",
    send_suggestion: "Send suggestion",
    suggestion_saved: "Thank you. Your suggestion has been recorded.",
    person: "Li Ming",
};

const CHINESE: Words = Words {
    lang: "zh",
    locale: "zh-CN",
    optional: "（选填）",
    continue_: zh::CONTINUE,
    residence: zh::Q_RESIDENCE,
    age: zh::Q_AGE,
    jixiang: zh::JIXIANG,
    cuiweilu: "翠微路社区",
    you_qualify: zh::YOU_QUALIFY,
    problem: "出现了问题",
    name: "姓名",
    phone: "电话号码",
    check_your_answers: "检查您的申请",
    send_request: "提交申请",
    request_saved: "申请已保存在这台设备上",
    request_sent: "申请已提交",
    not_sent: "申请还没有送达",
    try_again: "重新提交",
    received: "我已经接受了这项服务",
    rate: "评价这项服务",
    my_requests: zh::MY_REQUESTS,
    suggest_title: "告诉我们您需要什么服务",
    suggest_what: "您需要什么服务？",
    send_suggestion: "提交建议",
    suggestion_saved: "谢谢！您的建议已记录。",
    person: "王小明",
};

/// Visits every page of the request journey in one language and checks
/// each with axe-core: the request form (empty and with errors), "Check
/// your answers", the voucher, the request page with the rating form, a
/// cancelled request, "My requests", the suggestion form (empty, with an
/// error, sent), and an Open311 request not sent and then sent.
async fn axe_tour(w: &Words) {
    let h = Harness::start().await;
    let sample = feed_json("sample.json");
    let mut tour = AxeTour::new();

    set_residence(
        &h,
        &format!("/where?lang={}", w.lang),
        w.residence,
        w.jixiang,
    )
    .await;
    h.open("/services/meal-assist-dc/check/age").await;
    answer_question(&h, w.age, Answer::Number("72")).await;
    click(&h.find_button(w.continue_).await).await;
    wait_h1(&h, w.you_qualify).await;

    let meal = service_name(&sample, "meal-assist-dc", w.locale);
    h.open("/services/meal-assist-dc/request").await;
    wait_h1(&h, &meal).await;
    tour.check(&h, "request form").await;
    click(&h.find_button(w.continue_).await).await;
    h.wait_for_heading(Some(2), w.problem).await;
    tour.check(&h, "request form with errors").await;
    fill_service_form(&h, &sample, "meal-assist-dc", w).await;
    click(&h.find_button(w.continue_).await).await;
    wait_h1(&h, w.check_your_answers).await;
    tour.check(&h, "check your answers").await;
    click(&h.find_button(w.send_request).await).await;
    wait_h1(&h, w.request_saved).await;
    tour.check(&h, "voucher confirmation").await;
    click(&h.find_button(w.received).await).await;
    h.wait_for_heading(Some(2), w.rate).await;
    tour.check(&h, "request page with the rating form").await;

    let mediation = service_name(&sample, "neighbour-mediation", w.locale);
    h.open("/services/neighbour-mediation/request").await;
    wait_h1(&h, &mediation).await;
    fill_service_form(&h, &sample, "neighbour-mediation", w).await;
    click(&h.find_button(w.continue_).await).await;
    wait_h1(&h, w.check_your_answers).await;
    click(&h.find_button(w.send_request).await).await;
    wait_h1(&h, w.request_saved).await;
    let cancel_name = if w.lang == "zh" {
        "取消申请"
    } else {
        CANCEL
    };
    click(&h.wait_for_button(cancel_name).await).await;
    h.wait_until("the cancel button to go", || async {
        let (buttons, _) = h
            .try_query_all(&query(Role::Button, cancel_name))
            .await
            .ok()?;
        buttons.is_empty().then_some(())
    })
    .await;
    tour.check(&h, "cancelled request").await;

    h.open("/requests").await;
    wait_h1(&h, w.my_requests).await;
    h.wait_for_link(meal.as_str()).await;
    tour.check(&h, "my requests").await;

    h.open("/suggest").await;
    wait_h1(&h, w.suggest_title).await;
    tour.check(&h, "suggest").await;
    click(&h.find_button(w.send_suggestion).await).await;
    h.wait_for_heading(Some(2), w.problem).await;
    tour.check(&h, "suggest with an error").await;
    fill(&h, w.suggest_what, "A chess club").await;
    click(&h.find_button(w.send_suggestion).await).await;
    wait_h1(&h, w.suggestion_saved).await;
    tour.check(&h, "suggestion recorded").await;

    // An Open311 intake that refuses, then takes the request.
    let mock = start_mock().await;
    mock.set_mode(PostMode::invalid_service_code());
    let feed_path = serve_demo_feed(&h, &mock);
    let demo = open311_demo_json();
    set_residence(
        &h,
        &format!("/where?feed={feed_path}&lang={}", w.lang),
        w.residence,
        w.cuiweilu,
    )
    .await;
    let doctor = service_name(&demo, "demo-family-doctor", w.locale);
    h.open("/services/demo-family-doctor/request").await;
    wait_h1(&h, &doctor).await;
    fill_service_form(&h, &demo, "demo-family-doctor", w).await;
    click(&h.find_button(w.continue_).await).await;
    wait_h1(&h, w.check_your_answers).await;
    click(&h.find_button(w.send_request).await).await;
    wait_h1(&h, w.not_sent).await;
    h.wait_for_text("service_code is invalid").await;
    tour.check(&h, "Open311 request not sent").await;
    mock.set_mode(PostMode::Accept);
    click(&h.find_button(w.try_again).await).await;
    wait_h1(&h, w.request_sent).await;
    h.wait_for_text("SR-1").await;
    tour.check(&h, "Open311 request sent").await;

    tour.finish(&format!("request pages ({})", w.lang));
}

/// A localised text of the feed in `locale`.
fn local(text: &Value, locale: &str) -> String {
    text.get(locale)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The name of the service `id` in `locale`.
fn service_name(feed: &Value, id: &str, locale: &str) -> String {
    local(&feed_service(feed, id)["name"], locale)
}

/// Fills the request form of the service `id` of `feed` with plausible
/// answers in the words of `w`: every attribute (the first option of a
/// list), then the name and phone number.
async fn fill_service_form(h: &Harness, feed: &Value, id: &str, w: &Words) {
    let attributes = feed_service(feed, id)
        .get("attributes")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for attribute in &attributes {
        let description = local(&attribute["description"], w.locale);
        let label = if attribute["required"] == json!(true) {
            description
        } else {
            format!("{description} {}", w.optional)
        };
        let first_value = attribute["values"]
            .as_array()
            .and_then(|values| values.first())
            .map(|v| local(&v["name"], w.locale))
            .unwrap_or_default();
        match attribute["datatype"].as_str().unwrap_or_default() {
            "singlevaluelist" => choose_radio(h, &first_value).await,
            "multivaluelist" => tick(h, &first_value).await,
            "datetime" => set_datetime(h, &label, "2026-12-01T10:00").await,
            "number" => fill(h, &label, "2").await,
            _ => fill(h, &label, "Building 1").await,
        }
    }
    fill(h, w.name, w.person).await;
    fill(h, w.phone, MOBILE).await;
}

// The device's memory: nothing saved is lost, nothing not chosen is kept.

/// Two requests as the first release stored them and a third damaged
/// beyond reading (`core/tests/data/requests-v1.json`).
const REQUESTS_V1: &str = include_str!("../../core/tests/data/requests-v1.json");

/// The app's keys in both storages, with their values.
async fn own_storage(h: &Harness) -> Vec<(String, String)> {
    let script = "const out = []; for (const s of [localStorage, sessionStorage]) \
        for (let i = 0; i < s.length; i++) { const k = s.key(i); \
        if (k.startsWith('caidan.')) out.push([k, s.getItem(k)]); } return out;";
    string_pairs(&h.execute(script, Vec::new()).await)
}

/// Sets a `localStorage` value on the app's origin.
async fn put_storage(h: &Harness, key: &str, value: &str) {
    h.execute(
        "localStorage.setItem(arguments[0], arguments[1]); return true;",
        vec![json!(key), json!(value)],
    )
    .await;
}

#[tokio::test]
async fn old_and_damaged_entries_survive_a_new_request() {
    let (h, mock, feed) = open311_harness().await;
    h.open("/?lang=en").await;
    put_storage(&h, "caidan.requests", REQUESTS_V1).await;
    request_family_doctor(&h, &feed).await;
    wait_h1(&h, REQUEST_SENT).await;
    wait_for_posts(&h, &mock, 1).await;

    let stored = own_storage(&h).await;
    let requests = stored
        .iter()
        .find(|(k, _)| k == "caidan.requests")
        .map(|(_, v)| serde_json::from_str::<Value>(v).unwrap())
        .unwrap();
    let items = requests["items"].as_array().unwrap();
    assert_eq!(items.len(), 4, "two old, one damaged, one new: {items:#?}");
    let old: Value = serde_json::from_str(REQUESTS_V1).unwrap();
    assert!(
        items.contains(&old[2]),
        "the damaged entry is kept as it was"
    );
    assert!(
        stored
            .iter()
            .any(|(k, v)| k == "caidan.requests.backup" && v == REQUESTS_V1),
        "the first release's list is kept before it is rewritten"
    );

    h.open("/requests?lang=en").await;
    wait_h1(&h, MY_REQUESTS).await;
    h.wait_for_text("0000-0000-36").await;
    h.wait_for_text("cannot be read by this version").await;
    h.wait_for_text("0000-0000-8G").await;
    h.screenshots("requests-with-an-unreadable-entry").await;
}

#[tokio::test]
async fn a_device_that_cannot_keep_a_request_says_so_and_does_not_send_it() {
    let (h, mock, feed) = open311_harness().await;
    h.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "Storage.prototype.setItem = function () { \
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };" }),
    )
    .await;
    request_family_doctor(&h, &feed).await;
    wait_h1(&h, NOT_SENT).await;
    let warning = h
        .wait_for_text("This device could not keep your request. Write down or print its code now:")
        .await;
    assert!(
        voucher_in(&warning).is_some(),
        "the code is shown: {warning}"
    );
    assert!(
        mock.posts().is_empty(),
        "a request whose key could not be kept must not leave: {:?}",
        mock.posts()
    );
}

#[tokio::test]
async fn two_tabs_keep_each_others_requests() {
    let (h, mock, feed) = open311_harness().await;
    h.open(&format!("/requests?feed={feed}&lang=en")).await;
    wait_h1(&h, MY_REQUESTS).await;
    let first = h.client().window().await.unwrap();
    let second = h.client().new_window(true).await.unwrap();
    h.client().switch_to_window(second.handle).await.unwrap();
    request_family_doctor(&h, &feed).await;
    wait_h1(&h, REQUEST_SENT).await;
    h.client().switch_to_window(first).await.unwrap();
    // The first tab hears of it without a reload.
    request_item(&h, "Family doctor sign-up").await;
    request_family_doctor(&h, &feed).await;
    wait_h1(&h, REQUEST_SENT).await;
    wait_for_posts(&h, &mock, 2).await;
    for _ in 0..2 {
        h.open("/requests?lang=en").await;
        let count = h
            .wait_until("two requests listed", || async {
                let n = h.links_under("/requests/").await.len();
                (n == 2).then_some(n)
            })
            .await;
        assert_eq!(count, 2);
    }
}

#[tokio::test]
async fn forget_everything_leaves_nothing_of_the_app_behind() {
    let (h, _mock, feed) = open311_harness().await;
    request_family_doctor(&h, &feed).await;
    wait_h1(&h, REQUEST_SENT).await;
    h.open("/requests?lang=en").await;
    click(&h.wait_for_link("Forget everything on this device").await).await;
    wait_h1(&h, "Forget everything on this device").await;
    h.screenshots("forget-confirm").await;
    click(&h.find_button("Yes, forget everything").await).await;
    // Settings are forgotten too: the page is back in the default language.
    wait_h1(&h, "已清除这台设备上的信息").await;
    h.wait_for_text("已清除：1个回答、1条申请").await;
    h.screenshots("forgotten-zh").await;
    assert_eq!(own_storage(&h).await, Vec::<(String, String)>::new());
    // Back reaches no page that shows anything of the visit.
    h.client().back().await.unwrap();
    let text = h.wait_for_text("").await;
    assert!(
        !text.contains("Li Ming") && !text.contains(MOBILE),
        "{text}"
    );
    // Only the `?lang=en` of the page gone back to is kept, as any link's.
    let left: Vec<String> = own_storage(&h).await.into_iter().map(|(k, _)| k).collect();
    assert!(left.iter().all(|k| k == "caidan.lang"), "{left:?}");
}

// Exactly once, honestly: what a real GeoReport server does.

const UNCONFIRMED: &str = "We don't know yet whether your request arrived";

/// A harness with a strict intake (no custom headers, no deduplication).
async fn strict_harness() -> (Harness, Open311Mock, String) {
    let mock = match Open311Mock::start_strict().await {
        Ok(mock) => mock,
        Err(e) => panic!("cannot start the strict intake: {e}"),
    };
    let h = Harness::start().await;
    let feed = serve_demo_feed(&h, &mock);
    (h, mock, feed)
}

#[tokio::test]
async fn a_lost_answer_is_not_sent_again_without_asking() {
    let (h, mock, feed) = strict_harness().await;
    mock.set_mode(PostMode::LoseAnswer);
    request_family_doctor(&h, &feed).await;
    wait_h1(&h, UNCONFIRMED).await;
    h.wait_for_text("Sending it again may make a second request.")
        .await;
    h.screenshots("request-unconfirmed").await;
    // Longer than the app would wait before a retry of its own.
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    assert_eq!(mock.posts().len(), 1, "no automatic second send");
    assert_eq!(mock.requests().len(), 1);
    assert!(
        !mock.hits().iter().any(|hit| hit.starts_with("OPTIONS")),
        "a plain form post needs no preflight: {:?}",
        mock.hits()
    );
    // Sending again is the resident's choice, and it was warned about.
    mock.set_mode(PostMode::Accept);
    click(&h.find_button("Send it again anyway").await).await;
    wait_h1(&h, REQUEST_SENT).await;
    let posts = mock.posts();
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].key(), posts[1].key(), "the same key both times");
}

#[tokio::test]
async fn closing_the_page_mid_send_keeps_the_key_and_sends_nothing_twice() {
    let (h, mock, feed) = strict_harness().await;
    mock.set_mode(PostMode::Slow(std::time::Duration::from_secs(2)));
    request_family_doctor(&h, &feed).await;
    wait_for_posts(&h, &mock, 1).await;
    h.reload().await;
    wait_h1(&h, UNCONFIRMED).await;
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    assert_eq!(mock.posts().len(), 1, "no second send after the reload");
    assert_eq!(mock.requests().len(), 1, "the intake took it, once");
    let stored = own_storage(&h).await;
    let key = mock.posts()[0].key().unwrap_or_default().to_string();
    assert!(
        stored
            .iter()
            .any(|(k, v)| k == "caidan.requests" && v.contains(&key)),
        "the key that left is the one kept: {key}"
    );
}

#[tokio::test]
async fn an_intake_that_drops_repeats_is_sent_again_by_itself() {
    let mock = start_mock().await;
    let h = Harness::start().await;
    let mut demo: Value = serde_json::from_slice(&mock.demo_feed()).unwrap();
    demo["intake"]["deduplicates"] = json!(true);
    let feed = format!("/feeds/dedup-{}.json", mock.addr().port());
    h.server().put(&feed, demo.to_string().into_bytes());
    h.deploy(&config_allowing_intake(&mock.origin()));
    mock.set_mode(PostMode::LoseAnswer);
    request_family_doctor(&h, &feed).await;
    wait_for_posts(&h, &mock, 1).await;
    mock.set_mode(PostMode::Accept);
    wait_h1(&h, REQUEST_SENT).await;
    let posts = mock.posts();
    assert_eq!(posts.len(), 2, "{posts:#?}");
    assert_eq!(mock.requests().len(), 1, "the intake dropped the repeat");
    for posted in &posts {
        assert_eq!(
            posted.idempotency_header, posted.idempotency_field,
            "{posted:#?}"
        );
    }
}

#[tokio::test]
async fn a_sensitive_answer_is_kept_nowhere_on_the_device() {
    let (h, mock, feed) = open311_harness().await;
    h.open(&format!(
        "/services/demo-home-care/check?feed={feed}&lang=en"
    ))
    .await;
    let grade = "What grade is on your disability certificate?";
    let outcome = answer_questions(
        &h,
        &[
            (Q_RESIDENCE, Answer::Select(CUIWEILU)),
            (Q_AGE, Answer::Number("71")),
            (Q_ALONE, Answer::Radio("No")),
            (grade, Answer::Number("2")),
        ],
    )
    .await;
    assert_eq!(outcome, YOU_QUALIFY);
    click(&h.wait_for_link(REQUEST).await).await;
    wait_h1(&h, "Home care").await;
    fill(
        &h,
        "Address for the visit (building, entrance, flat)",
        "Building 3, flat 401",
    )
    .await;
    set_datetime(&h, "The time you would like to book", "2026-12-02T09:30").await;
    contact_and_continue(&h).await;
    click(&h.find_button(SEND_REQUEST).await).await;
    wait_h1(&h, REQUEST_SENT).await;
    wait_for_posts(&h, &mock, 1).await;

    let local: Vec<(String, String)> = string_pairs(
        &h.execute(
            "const out = []; for (let i = 0; i < localStorage.length; i++) { \
             const k = localStorage.key(i); out.push([k, localStorage.getItem(k)]); } return out;",
            Vec::new(),
        )
        .await,
    );
    for (key, value) in &local {
        assert!(
            !value.contains("disability_grade\":2") && !value.contains("\"disability_grade\":"),
            "the sensitive answer is in localStorage under `{key}`: {value}"
        );
    }
    let requests = local
        .iter()
        .find(|(k, _)| k == "caidan.requests")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    assert!(
        requests.contains("\"sensitive_facts\":[\"disability_grade\""),
        "the request keeps only which sensitive fact settled it: {requests}"
    );
    assert!(
        !posted_answers_mention(&mock.posts()[0], "disability"),
        "nothing sensitive is sent"
    );
}

/// Whether a posted form mentions `word` anywhere.
fn posted_answers_mention(posted: &Posted, word: &str) -> bool {
    posted
        .form
        .iter()
        .any(|(k, v)| k.contains(word) || v.contains(word))
}
