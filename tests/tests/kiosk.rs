//! End-to-end tests of kiosk mode: a walk-up touch screen that serves one
//! visitor after another and remembers none of them. Chromium at
//! 1080×1920 (portrait) and 1920×1080 (landscape) with touch emulation; the
//! kiosk's idle times come from the deployed `caidan.json`, a few seconds
//! here.
//!
//! On a kiosk every page load starts a new visit, so a visit is walked by
//! clicking through the app, never by opening URLs.

use std::time::{Duration, Instant};

use caidan_tests::journey::{
    answer_question, choose_radio, click, click_continue, fill, set_datetime, tick, voucher_in,
    wait_h1, Answer, CHECK, JIXIANG, MEAL_DC, MY_REQUESTS, Q_AGE, Q_RESIDENCE, YOU_QUALIFY,
};
use caidan_tests::{query, string_pairs, AxeTour, Browser, Harness, Key, Role};
use serde_json::{json, Value};

const TITLE_ZH: &str = "北京市政府购买服务菜单（示例）";
const TITLE_EN: &str = "Beijing public service menu (sample)";
const START: &str = "Start";
const START_ZH: &str = "开始";
const FINISH: &str = "Finish and clear my details";
const STILL_THERE: &str = "Are you still there?";
const STILL_HERE: &str = "I'm still here";
const PRINT_TICKET: &str = "Print my ticket";
const CONTINUE_ON_PHONE: &str = "Continue on your phone";
const REQUEST: &str = "Request this service";
const SEND_REQUEST: &str = "Send request";
const REQUEST_MADE: &str = "Your request is made";
const NAME: &str = "Name";
const PHONE: &str = "Phone number";
const PERSON: &str = "Wang Xiuying";
const MOBILE: &str = "13912345678";

const PORTRAIT: (u32, u32) = (1080, 1920);
const LANDSCAPE: (u32, u32) = (1920, 1080);

/// The app deployed as a kiosk with these timings, on a touch screen of
/// `size`, at its welcome screen.
async fn kiosk(idle: u32, warning: u32, size: (u32, u32)) -> Harness {
    let h = Harness::start().await;
    h.deploy(&json!({
        "default_feed": "/feeds/sample.json",
        "kiosk": { "idle_seconds": idle, "warning_seconds": warning },
    }));
    screen(&h, size).await;
    h.open("/").await;
    wait_h1(&h, TITLE_ZH).await;
    h
}

/// Emulates a touch screen of `size` (CSS pixels).
async fn screen(b: &Browser, (width, height): (u32, u32)) {
    b.cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
    )
    .await;
    b.cdp(
        "Emulation.setTouchEmulationEnabled",
        json!({ "enabled": true, "maxTouchPoints": 5 }),
    )
    .await;
}

/// Screenshots for people to look at (`CAIDAN_SCREENSHOTS`), then the
/// kiosk's screen again.
async fn shots(h: &Harness, name: &str, size: (u32, u32)) {
    h.screenshots(name).await;
    screen(h, size).await;
}

/// Everything in both storages of the app's origin, every key.
async fn all_storage(h: &Harness) -> Vec<(String, String)> {
    let script = "const out = []; for (const s of [localStorage, sessionStorage]) \
        for (let i = 0; i < s.length; i++) { const k = s.key(i); out.push([k, s.getItem(k)]); } \
        return out;";
    string_pairs(&h.execute(script, Vec::new()).await)
}

async fn history_length(h: &Harness) -> u64 {
    h.execute("return history.length;", Vec::new())
        .await
        .as_u64()
        .unwrap_or(0)
}

/// From the welcome screen: English, large text if asked, Start.
async fn start_visit(h: &Harness, large_text: bool) {
    click(&h.wait_for_button("English").await).await;
    wait_h1(h, TITLE_EN).await;
    if large_text {
        click(&h.find_button("Elderly mode").await).await;
    }
    click(&h.find_button(START).await).await;
    h.wait_for_button(FINISH).await;
}

/// A whole visit from the menu: qualify for the Dongcheng meal service
/// and request it with a name and phone; returns the voucher code.
async fn request_meal_voucher(h: &Harness) -> String {
    click(&h.wait_for_link(MEAL_DC).await).await;
    wait_h1(h, MEAL_DC).await;
    click(&h.find_link(CHECK).await).await;
    answer_question(h, Q_RESIDENCE, Answer::Select(JIXIANG)).await;
    click_continue(h).await;
    answer_question(h, Q_AGE, Answer::Number("81")).await;
    click_continue(h).await;
    wait_h1(h, YOU_QUALIFY).await;
    click(&h.wait_for_link(REQUEST).await).await;
    choose_radio(h, "Soft food").await;
    tick(h, "Lunch").await;
    set_datetime(h, "When would you like it to start?", "2026-12-01T11:30").await;
    fill(h, NAME, PERSON).await;
    fill(h, PHONE, MOBILE).await;
    click_continue(h).await;
    click(&h.wait_for_button(SEND_REQUEST).await).await;
    wait_h1(h, REQUEST_MADE).await;
    h.wait_for_text("This screen keeps nothing").await;
    let text = h.text_of_main().await;
    voucher_in(&text).unwrap_or_else(|| panic!("no voucher code on the page:\n{text}"))
}

/// What the open idle dialog looks like to a screen reader, or `None`
/// while it is closed.
async fn open_dialog(h: &Harness) -> Option<Value> {
    let script = "const d = document.querySelector('dialog[open]'); if (!d) return null; \
        const by = (a) => (document.getElementById(d.getAttribute(a)) || {}).textContent || ''; \
        return { role: d.getAttribute('role'), modal: d.matches(':modal'), \
          label: by('aria-labelledby'), description: by('aria-describedby'), \
          focused: d.contains(document.activeElement) ? document.activeElement.textContent : null, \
          timer: (d.querySelector('[role=timer]') || {}).textContent || '', \
          spoken: (d.querySelector('[aria-live]') || {}).textContent || '' };";
    let v = h.execute(script, Vec::new()).await;
    (!v.is_null()).then_some(v)
}

/// Polls `check` every 200 ms for up to `seconds`; panics naming `what`.
async fn within<T, F, Fut>(seconds: u64, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(Instant::now() < deadline, "waited {seconds} s for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Whether the page shows the welcome screen (its `<h1>` is the menu's
/// Chinese title and there is no "Finish" button).
async fn welcoming(h: &Harness) -> bool {
    let h1 = h.try_current_h1().await.unwrap_or_default();
    h1 == TITLE_ZH && !h.has(query(Role::Button, FINISH)).await
}

#[tokio::test]
async fn an_idle_visit_is_warned_then_ended_and_leaves_nothing_behind() {
    let (idle, warning) = (12, 20);
    let h = kiosk(idle, warning, PORTRAIT).await;
    let entries = history_length(&h).await;
    h.wait_for_text("如果 12 秒内没有人操作").await;
    shots(&h, "kiosk-welcome", PORTRAIT).await;

    start_visit(&h, true).await;
    let code = request_meal_voucher(&h).await;
    assert!(h.has(query(Role::Button, PRINT_TICKET)).await);
    let secrets = [PERSON, MOBILE, code.as_str(), "110101002002"];
    // Nothing of the visit is ever written to the device, not even mid-visit.
    assert_eq!(all_storage(&h).await, Vec::<(String, String)>::new());
    assert_eq!(
        history_length(&h).await,
        entries,
        "a kiosk visit occupies one history entry"
    );

    // Idle: the warning opens modally, focus in it, counting down.
    let dialog = within(u64::from(idle) + 10, "the idle warning", || open_dialog(&h)).await;
    assert_eq!(dialog["role"], "alertdialog", "{dialog}");
    assert_eq!(dialog["modal"], true, "{dialog}");
    assert_eq!(dialog["label"], STILL_THERE, "{dialog}");
    assert!(
        dialog["description"]
            .as_str()
            .is_some_and(|d| d.contains("In 20 seconds this visit ends")),
        "{dialog}"
    );
    assert_eq!(dialog["focused"], STILL_HERE, "focus moves into the dialog");
    assert!(
        dialog["timer"]
            .as_str()
            .is_some_and(|t| t.ends_with("seconds left")),
        "{dialog}"
    );
    shots(&h, "kiosk-idle-warning", PORTRAIT).await;
    h.assert_no_axe_violations("the idle warning").await;

    // "I'm still here" keeps everything.
    click(&h.find_button(STILL_HERE).await).await;
    within(5, "the warning to close", || async {
        open_dialog(&h).await.is_none().then_some(())
    })
    .await;
    assert!(h.text_of_main().await.contains(&code));

    // Idle again, to zero: the count is spoken every ten seconds, not
    // every second, and the visit ends on the welcome screen.
    within(u64::from(idle) + 10, "the second idle warning", || {
        open_dialog(&h)
    })
    .await;
    let mut spoken: Vec<String> = Vec::new();
    let mut counts: Vec<String> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(u64::from(warning) + 15);
    loop {
        if let Some(d) = open_dialog(&h).await {
            for (list, key) in [(&mut spoken, "spoken"), (&mut counts, "timer")] {
                let s = d[key].as_str().unwrap_or_default().to_string();
                if list.last() != Some(&s) {
                    list.push(s);
                }
            }
        } else if welcoming(&h).await {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the visit did not end: {counts:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let said: Vec<&String> = spoken.iter().filter(|s| !s.is_empty()).collect();
    assert_eq!(said, ["10 seconds left", "5 seconds left"], "{spoken:?}");
    assert!(
        counts.len() >= 10,
        "the visible count goes down: {counts:?}"
    );

    // Nothing of the visit is left: storage, language, large text, page.
    assert_eq!(all_storage(&h).await, Vec::<(String, String)>::new());
    assert_eq!(h.html_lang().await, "zh-CN");
    let large = h
        .execute(
            "return document.documentElement.classList.contains('cd-elderly');",
            Vec::new(),
        )
        .await;
    assert_eq!(large, false, "large text is off for the next visitor");
    let text = h.text_of_main().await;
    for s in secrets {
        assert!(!text.contains(s), "`{s}` is still on screen:\n{text}");
    }
    // Back reaches nothing of the visit.
    assert_eq!(history_length(&h).await, entries);
    h.client().back().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let url = h
        .client()
        .current_url()
        .await
        .map(|u| u.to_string())
        .unwrap_or_default();
    assert!(
        !url.contains("/services") && !url.contains("/requests"),
        "Back went to a page of the visit: {url}"
    );
    let body = h
        .execute(
            "return document.body ? document.body.innerText : '';",
            Vec::new(),
        )
        .await;
    for s in secrets {
        assert!(
            !body.as_str().unwrap_or_default().contains(s),
            "`{s}` after Back"
        );
    }
    h.client().forward().await.unwrap();
    within(10, "the welcome screen after Forward", || async {
        welcoming(&h).await.then_some(())
    })
    .await;

    // The next visitor's menu knows nothing of the last one's answers.
    click(&h.find_button(START_ZH).await).await;
    let card = within(10, "the menu", || async {
        let v = h
            .execute(
                "const a = document.querySelector('main a[href=\"/services/meal-assist-dc\"]'); \
                 return a ? a.closest('li').innerText : null;",
                Vec::new(),
            )
            .await;
        v.as_str().map(str::to_string)
    })
    .await;
    assert!(
        card.contains("可能符合") && !card.contains("您符合条件"),
        "{card}"
    );
}

#[tokio::test]
async fn finish_clears_at_once_in_landscape() {
    let h = kiosk(300, 30, LANDSCAPE).await;
    start_visit(&h, false).await;
    click(&h.wait_for_link(MEAL_DC).await).await;
    click(&h.wait_for_link(CHECK).await).await;
    answer_question(&h, Q_RESIDENCE, Answer::Select(JIXIANG)).await;
    click_continue(&h).await;
    wait_h1(&h, Q_AGE).await;
    fill(&h, Q_AGE, "93").await;
    shots(&h, "kiosk-question-landscape", LANDSCAPE).await;
    sizes_meet_the_kiosk_minimums(&h, "a question, landscape").await;

    // Nothing navigates away: not a link to another site, not a phone link.
    for href in ["https://example.com/", "tel:010-12345"] {
        let stayed = h
            .execute(
                "const a = document.createElement('a'); a.href = arguments[0]; a.textContent = 'x'; \
                 document.querySelector('main').append(a); a.click(); a.remove(); \
                 return location.origin + location.pathname;",
                vec![json!(href)],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = h
            .execute("return location.origin + location.pathname;", Vec::new())
            .await;
        assert_eq!(now, stayed, "a link to {href} left the kiosk");
    }

    // "Back" stays in the app, though a kiosk keeps no history.
    click(&h.find_link("Back").await).await;
    wait_h1(&h, MEAL_DC).await;

    let started = Instant::now();
    click(&h.find_button(FINISH).await).await;
    within(5, "the welcome screen", || async {
        welcoming(&h).await.then_some(())
    })
    .await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(all_storage(&h).await, Vec::<(String, String)>::new());
    assert!(!h.text_of_main().await.contains("93"));
    start_visit(&h, false).await;
    click(&h.wait_for_link(MY_REQUESTS).await).await;
    wait_h1(&h, MY_REQUESTS).await;
    h.wait_for_text("You have not made any requests on this device.")
        .await;
}

/// Checks computed sizes on the current page: body text ≥ 24 px, headings
/// ≥ 36 px, every visible control and link ≥ 72 px tall.
async fn sizes_meet_the_kiosk_minimums(h: &Harness, page: &str) {
    let script = r#"
        const px = (el, p) => parseFloat(getComputedStyle(el)[p]);
        const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
        const out = { body: px(document.body, 'fontSize'), small: [], headings: [], targets: [] };
        for (const h of document.querySelectorAll('h1, h2, h3')) if (visible(h) && px(h, 'fontSize') < 36) out.headings.push(h.tagName + ' ' + h.textContent + ' ' + px(h, 'fontSize'));
        for (const el of document.querySelectorAll('main p, main li, main label, main dd, main dt, main legend, header a, header button, header label, header p')) if (visible(el) && px(el, 'fontSize') < 24) out.small.push(el.textContent.slice(0, 40) + ' ' + px(el, 'fontSize'));
        for (const el of document.querySelectorAll('a[href], button, input:not([type=radio]):not([type=checkbox]), select, textarea, label.cd-radios__label, label.cd-checkboxes__label, summary')) {
          if (!visible(el) || el.closest('.cd-skip-link')) continue;
          const target = el.closest('.cd-radios__item, .cd-checkboxes__item') || el;
          const r = target.getBoundingClientRect();
          if (r.height < 72) out.targets.push((el.textContent || el.name || el.id).trim().slice(0, 40) + ' ' + Math.round(r.height));
        }
        return out;"#;
    let found = h.execute(script, Vec::new()).await;
    assert!(
        found["body"].as_f64().unwrap_or(0.0) >= 24.0,
        "{page}: {found}"
    );
    for key in ["small", "headings", "targets"] {
        assert_eq!(found[key], json!([]), "{page}: too small {key}: {found}");
    }
}

#[tokio::test]
async fn continue_on_your_phone_lands_the_request_in_the_phones_requests() {
    let h = kiosk(300, 30, PORTRAIT).await;
    start_visit(&h, false).await;
    let code = request_meal_voucher(&h).await;
    h.wait_for_heading(Some(2), CONTINUE_ON_PHONE).await;
    shots(&h, "kiosk-request", PORTRAIT).await;
    h.assert_no_axe_violations("a kiosk request, with its ticket and QR code")
        .await;
    let link = h
        .execute(
            "const q = document.querySelector('[data-link]'); \
             return q ? [q.getAttribute('role'), q.getAttribute('aria-label'), q.dataset.link, \
                         q.querySelectorAll('svg path').length] : null;",
            Vec::new(),
        )
        .await;
    assert_eq!(link[0], "img", "{link}");
    assert_eq!(link[1], CONTINUE_ON_PHONE, "{link}");
    assert_eq!(link[3], 1, "a QR code: {link}");
    let link = link[2].as_str().unwrap_or_default().to_string();
    let url = url::Url::parse(&link).unwrap_or_else(|e| panic!("`{link}`: {e}"));
    let params: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let keys: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(url.path(), "/carry");
    assert_eq!(keys, ["feed", "service", "voucher"], "{link}");
    // The feed's address carries the test server's port, which may hold
    // any digits: what the link says of the resident is in the rest.
    let feed = &params[0].1;
    assert!(feed.ends_with("/feeds/sample.json"), "{link}");
    let rest: String = params[1..]
        .iter()
        .map(|(k, v)| format!("{k}={v}&"))
        .collect();
    for secret in [PERSON, MOBILE, "Wang", "81", "110101002002"] {
        assert!(!rest.contains(secret), "`{secret}` in {link}");
    }
    // Nothing leaves the kiosk: no phone link, no link off the site.
    let leaving = h
        .execute(
            "return [...document.querySelectorAll('a[href]')].map(a => a.href) \
               .filter(h => !h.startsWith(location.origin + '/'));",
            Vec::new(),
        )
        .await;
    assert_eq!(leaving, json!([]), "links leaving the kiosk");

    // The resident's own phone: another browser, its own storage.
    let phone = Browser::start().await.unwrap_or_else(|e| panic!("{e}"));
    phone.goto(&link).await;
    wait_h1(&phone, "把这个申请保存到您的手机上").await;
    click(&phone.find_link("English").await).await;
    wait_h1(&phone, "Keep this request on your phone").await;
    phone
        .assert_no_axe_violations("a carried request on a phone")
        .await;
    assert!(phone.text_of_main().await.contains(&code));
    click(&phone.find_button("Keep in My requests").await).await;
    phone.wait_for_text(&code).await;
    click(&phone.wait_for_link(MY_REQUESTS).await).await;
    wait_h1(&phone, MY_REQUESTS).await;
    phone.wait_for_text("Senior meal assistance").await;
    let stored = phone
        .execute(
            "return localStorage.getItem('caidan.requests') || '';",
            Vec::new(),
        )
        .await;
    let stored = stored.as_str().unwrap_or_default();
    assert!(stored.contains(&code.replace('-', "")) || stored.contains("meal-assist-dc"));
    assert!(
        !stored.contains(PERSON) && !stored.contains(MOBILE),
        "{stored}"
    );

    // A changed link is refused, saying what is wrong.
    let forged = link.replace(&format!("voucher={code}"), "voucher=ABCD-EFGH-JK");
    phone.goto(&format!("{forged}&lang=en")).await;
    wait_h1(&phone, "This link cannot be used").await;
    phone.wait_for_text("voucher code").await;
    let unknown = link.replace(
        "service=meal-assist-dc",
        "service=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    );
    phone.goto(&format!("{unknown}&lang=en")).await;
    wait_h1(&phone, "This link cannot be used").await;
    phone
        .wait_for_text("the menu has no service `<script>alert(1)</script>`")
        .await;
}

#[tokio::test]
async fn a_language_chosen_and_left_on_the_welcome_screen_is_undone() {
    let h = kiosk(3, 20, PORTRAIT).await;
    click(&h.wait_for_button("English").await).await;
    wait_h1(&h, TITLE_EN).await;
    within(15, "the welcome screen in Chinese again", || async {
        (h.try_current_h1().await.as_deref() == Some(TITLE_ZH)).then_some(())
    })
    .await;
    assert_eq!(h.html_lang().await, "zh-CN");
}

#[tokio::test]
async fn escape_at_the_warning_keeps_the_visit_too() {
    // In Chinese, the default.
    let h = kiosk(3, 20, PORTRAIT).await;
    click(&h.find_button(START_ZH).await).await;
    h.wait_for_button("结束并清除我的信息").await;
    click(&h.wait_for_link("东城区老年助餐").await).await;
    wait_h1(&h, "东城区老年助餐").await;
    for round in 0..2 {
        let dialog = within(15, "the idle warning", || open_dialog(&h)).await;
        assert_eq!(dialog["label"], "您还在使用吗？", "{dialog}");
        if round == 0 {
            h.assert_no_axe_violations("the idle warning in Chinese")
                .await;
        }
        h.press_key(Key::Escape).await;
        within(5, "the warning to close", || async {
            open_dialog(&h).await.is_none().then_some(())
        })
        .await;
        assert_eq!(h.current_h1().await, "东城区老年助餐", "the visit goes on");
    }
}

#[tokio::test]
async fn a_phone_never_becomes_a_kiosk_by_a_link() {
    let h = Harness::start().await;
    h.open("/?kiosk=1&kiosk_mode=true&lang=en").await;
    wait_h1(&h, TITLE_EN).await;
    assert!(!h.has(query(Role::Button, FINISH)).await);
    assert!(!h.has(query(Role::Button, START)).await);
}

#[tokio::test]
async fn the_ticket_prints_alone_on_an_80_mm_roll() {
    let h = kiosk(300, 30, PORTRAIT).await;
    start_visit(&h, false).await;
    let code = request_meal_voucher(&h).await;
    h.wait_for_button(PRINT_TICKET).await;
    h.cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))
        .await;
    let layout = h
        .execute(
            "const shown = [...document.body.querySelectorAll('*')].filter(e => { \
               const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }); \
             const t = document.querySelector('.cd-ticket'); const r = t.getBoundingClientRect(); \
             const code = [...t.querySelectorAll('p')].find(p => /^[0-9A-Z]{4}-/.test(p.textContent)); \
             return { outside: shown.filter(e => !t.contains(e) && !e.contains(t)).map(e => e.tagName + '.' + e.className), \
                      width_mm: r.width / 96 * 25.4, code: code ? code.textContent : null, \
                      code_pt: code ? parseFloat(getComputedStyle(code).fontSize) * 0.75 : 0, \
                      text: t.innerText, qr: t.querySelectorAll('svg').length };",
            Vec::new(),
        )
        .await;
    assert_eq!(
        layout["outside"],
        json!([]),
        "only the ticket prints: {layout}"
    );
    assert!(
        layout["width_mm"].as_f64().unwrap_or(999.0) <= 76.0,
        "{layout}"
    );
    assert_eq!(layout["code"], code.as_str(), "{layout}");
    assert!(
        layout["code_pt"].as_f64().unwrap_or(0.0) >= 20.0,
        "{layout}"
    );
    assert_eq!(layout["qr"], 1, "{layout}");
    let text = layout["text"].as_str().unwrap_or_default();
    for part in [MEAL_DC, "What happens next", "Hotline: 010-", "Date: 20"] {
        assert!(text.contains(part), "`{part}` not on the ticket:\n{text}");
    }
    for secret in [PERSON, MOBILE] {
        assert!(!text.contains(secret), "`{secret}` on the ticket");
    }
    if let Some(dir) = std::env::var_os("CAIDAN_SCREENSHOTS") {
        // The ticket as printed, on an 80 mm (302 px) wide page.
        h.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 302, "height": 900, "deviceScaleFactor": 2, "mobile": false }),
        )
        .await;
        let shot = h
            .cdp("Page.captureScreenshot", json!({ "format": "png" }))
            .await;
        use base64::Engine;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("the screenshot is not base64: {e}"));
        let path = std::path::Path::new(&dir).join("kiosk-ticket-print.png");
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("{e}"));
        screen(&h, PORTRAIT).await;
    }
    h.cdp("Emulation.setEmulatedMedia", json!({ "media": "" }))
        .await;

    // Print to PDF on 80 mm paper: one page.
    let pdf = h
        .cdp(
            "Page.printToPDF",
            json!({ "paperWidth": 80.0 / 25.4, "paperHeight": 200.0 / 25.4,
                    "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0,
                    "preferCSSPageSize": true, "printBackground": true }),
        )
        .await;
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(pdf["data"].as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("the PDF is not base64: {e}"));
    if let Some(dir) = std::env::var_os("CAIDAN_SCREENSHOTS") {
        let path = std::path::Path::new(&dir).join("kiosk-ticket.pdf");
        std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    let pdf_text = String::from_utf8_lossy(&bytes);
    let pages = pdf_text.matches("/Type /Page\n").count()
        + pdf_text.matches("/Type /Page/").count()
        + pdf_text.matches("/Type /Page ").count()
        + pdf_text.matches("/Type /Page>").count();
    let width_pt: f64 = pdf_text
        .split("/MediaBox [0 0 ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|w| w.parse().ok())
        .unwrap_or(0.0);
    assert!(
        (225.0..229.0).contains(&width_pt),
        "80 mm is 226.8 pt; the page is {width_pt} pt wide"
    );
    assert_eq!(pages, 1, "one page");
}

#[tokio::test]
async fn kiosk_pages_are_sized_for_touch_and_pass_axe_in_both_languages() {
    for size in [PORTRAIT, LANDSCAPE] {
        let h = kiosk(300, 20, size).await;
        let mut tour = AxeTour::new();
        tour.check(&h, "welcome, Chinese").await;
        sizes_meet_the_kiosk_minimums(&h, "welcome").await;
        click(&h.find_button("English").await).await;
        wait_h1(&h, TITLE_EN).await;
        tour.check(&h, "welcome, English").await;
        click(&h.find_button(START).await).await;
        h.wait_for_button(FINISH).await;
        tour.check(&h, "menu, English").await;
        sizes_meet_the_kiosk_minimums(&h, "menu").await;
        click(&h.wait_for_link(MEAL_DC).await).await;
        wait_h1(&h, MEAL_DC).await;
        tour.check(&h, "service, English").await;
        sizes_meet_the_kiosk_minimums(&h, "service").await;
        let tel = h
            .execute(
                "return document.querySelectorAll(\"a[href^='tel:']\").length;",
                Vec::new(),
            )
            .await;
        assert_eq!(tel, 0, "a kiosk shows phone numbers, it does not link them");
        h.wait_for_text("Call from your own phone").await;
        if size == PORTRAIT {
            shots(&h, "kiosk-service", size).await;
        }
        click(&h.find_link(CHECK).await).await;
        wait_h1(&h, Q_RESIDENCE).await;
        tour.check(&h, "question, English").await;
        sizes_meet_the_kiosk_minimums(&h, "question").await;
        // Chinese, large text.
        click(&h.find_link("中文").await).await;
        click(&h.find_button("长辈版").await).await;
        wait_h1(&h, "您住在哪个社区？").await;
        tour.check(&h, "question, Chinese, large text").await;
        sizes_meet_the_kiosk_minimums(&h, "question, large text").await;
        let body = h
            .execute(
                "return parseFloat(getComputedStyle(document.body).fontSize);",
                Vec::new(),
            )
            .await;
        assert!(
            body.as_f64().unwrap_or(0.0) > 24.0,
            "large text is larger: {body}"
        );
        tour.finish(if size == PORTRAIT {
            "kiosk, portrait"
        } else {
            "kiosk, landscape"
        });
    }
}

/// Whether a new service worker waits to take over.
async fn new_version_waiting(h: &Harness) -> bool {
    let waiting = h
        .client()
        .execute_async(
            "const done = arguments[0]; navigator.serviceWorker.getRegistration()\
             .then((r) => r ? r.update().then(() => done(!!r.waiting), () => done(!!r.waiting)) \
                            : done(false), () => done(false));",
            Vec::new(),
        )
        .await;
    matches!(waiting, Ok(Value::Bool(true)))
}

#[tokio::test]
async fn a_new_version_waits_for_the_end_of_the_visit() {
    let h = Harness::start_with_service_worker().await;
    h.deploy(&json!({
        "default_feed": "/feeds/sample.json",
        "kiosk": { "idle_seconds": 300, "warning_seconds": 20 },
    }));
    screen(&h, PORTRAIT).await;
    h.open("/").await;
    wait_h1(&h, TITLE_ZH).await;
    h.wait_for_service_worker().await;
    click(&h.find_button(START_ZH).await).await;
    h.wait_for_button("结束并清除我的信息").await;

    // A new build is published mid-visit.
    let sw = std::fs::read_to_string(caidan_tests::dist_dir().join("sw.js"))
        .unwrap_or_else(|e| panic!("cannot read sw.js: {e}"));
    h.server()
        .put("/sw.js", format!("{sw}\n// the next build\n").into_bytes());
    within(60, "the new version to wait", || async {
        new_version_waiting(&h).await.then_some(())
    })
    .await;
    // Nothing interrupts the visitor: no reload offered.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!h.has(query(Role::Button, "重新加载")).await);
    assert!(!h.has(query(Role::Button, "Reload")).await);

    // The visit's end hands over to it.
    click(&h.find_button("结束并清除我的信息").await).await;
    within(15, "the welcome screen under the new version", || async {
        if !welcoming(&h).await {
            return None;
        }
        (!new_version_waiting(&h).await).then_some(())
    })
    .await;
}
