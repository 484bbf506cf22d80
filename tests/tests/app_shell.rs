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

/// Waits for the error page, opens its details for the publisher and
/// returns their text.
async fn publisher_details(h: &Harness) -> String {
    h.wait_for_heading(Some(1), CANNOT_SHOW_MENU).await;
    let details = h.wait_for_details("Details for the publisher").await;
    h.open_details(&details).await
}
