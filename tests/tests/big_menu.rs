//! End-to-end tests of a menu of thousands: a generated feed (caidan-synth,
//! as `caidan gen` writes it) of a few thousand services. The page draws a
//! bounded number of cards, a category opens a page at a time, search
//! pages through its results, Back returns to the same place, and a slow
//! download shows its progress.

use caidan_synth::{generate, SynthOptions};
use caidan_tests::journey::{click, wait_h1};
use caidan_tests::{query, AxeTour, Harness, Role};
use serde_json::{json, Value};

const SERVICES: usize = 3000;
const FEED: &str = "/feeds/big.json";

/// The app, with a generated feed of [`SERVICES`] services beside it.
async fn big_menu() -> (Harness, Value) {
    let feed = generate(&SynthOptions {
        services: SERVICES,
        seed: 11,
        districts: None,
    });
    let h = Harness::start().await;
    h.server().put(FEED, feed.to_string().into_bytes());
    (h, feed)
}

fn title(feed: &Value) -> String {
    feed["title"]["en"].as_str().unwrap_or_default().to_string()
}

async fn cards(h: &Harness) -> u64 {
    h.execute(
        "return document.querySelectorAll('.cd-service-card').length;",
        Vec::new(),
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

/// The accessible names of the buttons on the page.
async fn buttons(h: &Harness) -> Vec<String> {
    h.names_of(Role::Button).await
}

/// N in "Show all N — Category".
fn count_in(name: &str) -> usize {
    name.trim_start_matches("Show all ")
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in `{name}`"))
}

#[tokio::test]
async fn a_big_menu_draws_a_page_at_a_time_and_back_returns_to_it() {
    let (h, feed) = big_menu().await;
    h.open(&format!("/?feed={FEED}&lang=en")).await;
    wait_h1(&h, &title(&feed)).await;
    let first = cards(&h).await;
    assert!(
        (1..=100).contains(&first),
        "the menu draws a few cards per category, not {first}"
    );
    let show_all = buttons(&h)
        .await
        .into_iter()
        .find(|b| b.starts_with("Show all "))
        .unwrap_or_else(|| panic!("no \"Show all\" button"));
    let n = count_in(&show_all);
    assert!(n > 100, "a category of the generated feed is large: {n}");
    let category = show_all
        .rsplit(" — ")
        .next()
        .unwrap_or_default()
        .to_string();
    let mut tour = AxeTour::new();
    tour.check(&h, "big menu").await;

    click(&h.find_button(show_all.as_str()).await).await;
    h.wait_for_text(&format!("Showing 1–50 of {n}")).await;
    assert!(cards(&h).await <= first + 50);
    tour.check(&h, "a category opened").await;
    click(
        &h.find_button(format!("Next 50 — {category}").as_str())
            .await,
    )
    .await;
    h.wait_for_text(&format!("Showing 51–100 of {n}")).await;
    // Focus moves to the first card of the new page.
    let focused = h
        .execute(
            "const a = document.activeElement; \
             return a && a.tagName === 'A' && a.closest('ul') ? a.textContent : null;",
            Vec::new(),
        )
        .await;
    assert!(focused.is_string(), "focus is not on a card: {focused}");
    // A card well down the page, to come back to.
    let card = h
        .execute(
            "return document.activeElement.closest('ul').querySelectorAll('a')[11].textContent;",
            Vec::new(),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    h.execute(
        "const a = [...document.querySelectorAll('main a')].find(a => a.textContent === arguments[0]); \
         a.scrollIntoView({ block: 'center' }); return true;",
        vec![json!(card)],
    )
    .await;
    assert!(cards(&h).await <= first + 50, "one page at a time");

    // To the service and back: the same page of the same category.
    click(&h.find_link(card.as_str()).await).await;
    wait_h1(&h, &card).await;
    h.client().back().await.unwrap();
    h.wait_for_text(&format!("Showing 51–100 of {n}")).await;
    assert!(h.has(query(Role::Link, card.as_str())).await);
    // Back where the resident was: the card they opened is on screen.
    let on_screen = h
        .wait_until("the card opened to be on screen again", || async {
            let v = h
                .execute(
                    "const a = [...document.querySelectorAll('main a')].find(a => a.textContent === arguments[0]); \
                     if (!a) return null; const r = a.getBoundingClientRect(); \
                     return r.top >= 0 && r.bottom <= innerHeight ? true : null;",
                    vec![json!(card)],
                )
                .await;
            v.as_bool()
        })
        .await;
    assert!(on_screen);
    click(
        &h.find_button(format!("Previous 50 — {category}").as_str())
            .await,
    )
    .await;
    h.wait_for_text(&format!("Showing 1–50 of {n}")).await;
    click(
        &h.find_button(format!("Show fewer — {category}").as_str())
            .await,
    )
    .await;
    h.wait_until("the category to close", || async {
        (cards(&h).await == first).then_some(())
    })
    .await;
    tour.finish("a menu of thousands");
}

#[tokio::test]
async fn search_shows_a_page_of_results_at_a_time() {
    let (h, feed) = big_menu().await;
    // Every service of a category matches its name.
    let category = feed["categories"][0]["name"]["en"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    h.open(&format!("/?feed={FEED}&lang=en")).await;
    wait_h1(&h, &title(&feed)).await;
    h.open(&format!(
        "/search?q={}&lang=en",
        category.replace(' ', "%20")
    ))
    .await;
    wait_h1(&h, "Search results").await;
    h.wait_until("the first page of results", || async {
        (cards(&h).await == 50).then_some(())
    })
    .await;
    click(&h.find_button("Show more results").await).await;
    h.wait_until("the second page of results", || async {
        (cards(&h).await == 100).then_some(())
    })
    .await;
    let focused = h
        .execute(
            "const links = [...document.querySelectorAll('#search-results a')]; \
             return links.indexOf(document.activeElement);",
            Vec::new(),
        )
        .await;
    assert_eq!(focused, 50, "focus moves to the first new result");
    h.assert_no_axe_violations("search results, two pages")
        .await;
}

#[tokio::test]
async fn a_slow_download_shows_how_much_has_arrived() {
    let (h, feed) = big_menu().await;
    h.open("/404?lang=en").await;
    h.cdp("Network.enable", json!({})).await;
    h.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 50,
                "downloadThroughput": 1_500_000, "uploadThroughput": 100_000 }),
    )
    .await;
    h.open(&format!("/?feed={FEED}&lang=en")).await;
    let said = h
        .wait_until("the progress bar", || async {
            let v = h
                .execute(
                    "const p = document.querySelector('progress'); \
                     const t = document.querySelector('.cd-loading'); \
                     return p && t ? [p.getAttribute('aria-label'), p.max, p.value, t.innerText] : null;",
                    Vec::new(),
                )
                .await;
            (!v.is_null()).then_some(v)
        })
        .await;
    assert_eq!(said[0], "Loading the menu…", "{said}");
    let text = said[3].as_str().unwrap_or_default();
    assert!(text.contains("Loading the menu…"), "{text}");
    assert!(text.contains(" of ") && text.contains("MB"), "{text}");
    h.assert_no_axe_violations("loading a big menu").await;
    h.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await;
    wait_h1(&h, &title(&feed)).await;
}
