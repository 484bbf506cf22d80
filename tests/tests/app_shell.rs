//! End-to-end tests of the app shell against the built app (`dist/`): the
//! menu from the sample feed, the error page for a feed that cannot be used,
//! and the not-found page.
//!
//! They need the app built first; run them with the README's test command
//! (scripts/test.sh builds it with `trunk build --release`).

use caidan_tests::{query, sample_feed, Harness, Role, StaticServer};

/// The heading of the error page shown when the feed cannot be used.
const CANNOT_SHOW_MENU: &str = "can't show the menu";

#[tokio::test]
async fn menu_lists_sample_services() {
    let h = Harness::start().await;
    h.open("/?lang=en").await;

    h.wait_for_heading(Some(1), "").await;
    h.wait_for_heading(Some(2), "Elderly care").await;
    let services = h
        .wait_until("at least 20 links to services", || async {
            let links = h.try_links_under("/services/").await.ok()?;
            (links.len() >= 20).then_some(links)
        })
        .await;
    assert!(
        services.iter().all(|link| !link.name.is_empty()),
        "a service link has no accessible name: {services:?}"
    );

    let errors = h.console_errors().await;
    assert!(errors.is_empty(), "console errors on the menu: {errors:#?}");
}

#[tokio::test]
async fn broken_feed_shows_error_page() {
    let h = Harness::start().await;
    h.server().put(
        "/feeds/broken.json",
        br#"{"caidan_feed": "1.0", "id": "x"}"#.to_vec(),
    );
    h.open("/?feed=/feeds/broken.json&lang=en").await;

    let text = publisher_details(&h).await;
    assert!(
        text.contains("version"),
        "the details do not name the missing field `version`: {text}"
    );
    h.wait_for_title("We can't show the menu right now – Caidan")
        .await;
}

#[tokio::test]
async fn unknown_route_shows_not_found() {
    let h = Harness::start().await;
    h.open("/no/such/page?lang=en").await;

    h.wait_for(query(Role::Heading(Some(1)), "Page not found"))
        .await;
    h.find_link("Go to the menu").await;
}

#[tokio::test]
async fn foreign_feed_is_refused() {
    let foreign = StaticServer::start_foreign().await.unwrap();
    foreign.put("/feed.json", sample_feed());
    let h = Harness::start().await;
    let feed_url = foreign.url("/feed.json");
    h.open(&format!("/?feed={feed_url}&lang=en")).await;

    let text = publisher_details(&h).await;
    assert!(
        text.contains("not an allowed feed"),
        "the details do not say the feed is not allowed: {text}"
    );
}

/// A stranger's host serving a feed: a link must never make the app fetch
/// it, however the link is dressed up. The browser deletes tabs and line
/// breaks from a URL, so `/%09/host/feed.json` would be `//host/feed.json`.
#[tokio::test]
async fn no_link_reaches_a_strangers_feed() {
    let stranger = StaticServer::start_foreign().await.unwrap();
    stranger.put("/feed.json", sample_feed());
    let host = stranger.addr().to_string();
    let h = Harness::start().await;
    let links = [
        format!("/%09/{host}/feed.json"),
        format!("/%0A/{host}/feed.json"),
        format!("/%0D/{host}/feed.json"),
        format!("%09//{host}/feed.json"),
        format!("/%5C{host}/feed.json"),
        format!("//{host}/feed.json"),
        format!("http://{host}/feed.json"),
        format!("http://127.0.0.1@{host}/feed.json"),
    ];
    for link in &links {
        h.open(&format!("/?feed={link}&lang=en")).await;
        h.wait_for_heading(Some(1), CANNOT_SHOW_MENU).await;
        // The way back is the site's own menu, and the bad link is not
        // remembered for the visit.
        h.find_link("Use this site's default menu").await;
    }
    h.screenshots("refused-feed-link").await;
    assert!(
        stranger.requests().is_empty(),
        "the stranger's host was asked for {:?}",
        stranger.requests()
    );
    h.open("/?lang=en").await;
    h.wait_for_heading(Some(2), "Elderly care").await;
}

/// A relative link, as anyone would write it, opens the feed it names; once
/// it has loaded it is kept for the visit.
#[tokio::test]
async fn a_relative_feed_link_opens_that_feed() {
    let h = Harness::start().await;
    let mut small: serde_json::Value = serde_json::from_slice(&sample_feed()).unwrap();
    small["title"] = serde_json::json!({"zh-CN": "小菜单", "en": "Small menu"});
    h.server()
        .put("/feeds/small.json", small.to_string().into_bytes());
    h.open("/?feed=feeds/small.json&lang=en").await;
    h.wait_for_heading(Some(2), "Elderly care").await;
    let kept = h
        .eval_text(
            "return JSON.parse(sessionStorage.getItem('caidan.feed') || '{}').data || '';",
            Vec::new(),
        )
        .await;
    assert_eq!(kept, "feeds/small.json");
}

/// Markup in a feed is text: every text of the sample is replaced by an
/// image with an error handler and a script, and the page shows them as
/// words, makes no element of them and runs nothing (the harness would also
/// fail on the policy violation an inline handler causes).
#[tokio::test]
async fn markup_in_a_feed_stays_text() {
    const EVIL: &str = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    fn poison(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    let is_text = matches!(
                        key.as_str(),
                        "name" | "summary" | "description" | "eligibility_description" | "title"
                    );
                    match v {
                        serde_json::Value::Object(t) if is_text => {
                            for (_, s) in t.iter_mut() {
                                *s = serde_json::json!(format!(
                                    "{EVIL} {}",
                                    s.as_str().unwrap_or("")
                                ));
                            }
                        }
                        serde_json::Value::String(s) if is_text => *s = format!("{EVIL} {s}"),
                        other => poison(other),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(poison),
            _ => {}
        }
    }
    let mut feed: serde_json::Value = serde_json::from_slice(&sample_feed()).unwrap();
    poison(&mut feed);
    let h = Harness::start().await;
    h.server()
        .put("/feeds/evil.json", feed.to_string().into_bytes());
    for page in ["/", "/services/meal-assist-dc", "/search?q=meal"] {
        let sep = if page.contains('?') { '&' } else { '?' };
        h.open(&format!("{page}{sep}feed=/feeds/evil.json&lang=en"))
            .await;
        h.wait_for_text("<script>window.__pwned=2</script>").await;
        let pwned = h
            .eval_text(
                "return String(window.__pwned) + ' ' + document.querySelectorAll('main img, main script').length;",
                Vec::new(),
            )
            .await;
        assert_eq!(pwned, "undefined 0", "on {page}");
    }
}

/// A feed the host says is larger than a feed may be is refused from its
/// `Content-Length`, before its body is read.
#[tokio::test]
async fn a_feed_too_large_is_refused_from_its_length() {
    let h = Harness::start().await;
    let mut huge = vec![b' '; 33 * 1024 * 1024];
    huge[0] = b'{';
    if let Some(last) = huge.last_mut() {
        *last = b'}';
    }
    h.server().put("/feeds/huge.json", huge);
    h.open("/?feed=/feeds/huge.json&lang=en").await;
    let text = publisher_details(&h).await;
    assert!(
        text.contains("more than the 33554432 a feed may have"),
        "the details do not say the feed is too large: {text}"
    );
}

/// Waits for the error page, opens its details for the publisher and
/// returns their text.
async fn publisher_details(h: &Harness) -> String {
    h.wait_for_heading(Some(1), CANNOT_SHOW_MENU).await;
    let details = h.wait_for_details("Details for the publisher").await;
    h.open_details(&details).await
}
