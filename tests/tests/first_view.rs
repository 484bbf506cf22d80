//! The first view: the release build carries the app's first page in
//! index.html (scripts/first-view/snapshot.mjs), so a resident on a slow
//! network sees the menu before the app's wasm arrives. The server holds
//! the wasm back to keep a page on its first view for as long as a test
//! needs.
//!
//! They need the app built first (scripts/test.sh builds it with
//! `trunk build --release`, which writes the first view).

use std::process::Command;

use caidan_tests::app::workspace_root;
use caidan_tests::journey::{choose_option, click};
use caidan_tests::site::copy_tree;
use caidan_tests::{dist_dir, feed_json, query, Harness, Role};
use serde_json::{json, Value};

/// Whether the first view is on the page.
const FIRST_VIEW: &str = "return document.getElementById('cd-first') !== null;";

/// Whether the page asked the browser to fetch the wasm early.
const WASM_PRELOADED: &str =
    "return document.querySelector('link[rel=preload][href$=\"_bg.wasm\"]') !== null;";

/// Whether index.html's "Opening…" notice is on the page.
const OPENING: &str = "return document.getElementById('cd-opening') !== null;";

/// Whether the app has drawn its first page.
const APP_READY: &str = "return document.documentElement.hasAttribute('data-cd-ready');";

async fn shown(h: &Harness, script: &str) -> bool {
    h.execute(script, Vec::new()).await == Value::Bool(true)
}

/// The sample feed's title and first category, in its first language.
fn sample_words() -> (String, String) {
    let feed = feed_json("sample.json");
    let zh = |v: &Value| v["zh-CN"].as_str().unwrap_or_default().to_string();
    (zh(&feed["title"]), zh(&feed["categories"][1]["name"]))
}

#[tokio::test]
async fn the_menu_shows_before_the_app_and_the_app_keeps_what_was_chosen() {
    let h = Harness::start().await;
    h.server().hold(".wasm");
    h.open_first_view("/").await;
    let (title, disability) = sample_words();

    // The menu, with the app nowhere yet.
    h.wait_for(query(Role::Heading(Some(1)), title.as_str()))
        .await;
    assert!(shown(&h, FIRST_VIEW).await, "no first view at `/`");
    assert!(
        !shown(&h, APP_READY).await,
        "the app ran with its wasm held"
    );
    let services = h.links_under("/services/").await;
    assert!(services.len() >= 20, "{services:#?}");
    h.assert_no_axe_violations("the first view").await;

    // A resident filters the menu before the app arrives.
    let filters = h.find_details("筛选").await;
    h.open_details(&filters).await;
    choose_option(&h, "类别", &disability).await;
    // And asks for large text: the button does its work once the app is in.
    click(&h.find_button("长辈版").await).await;

    h.server().release();
    h.wait_until("the app to take over", || async {
        (!shown(&h, FIRST_VIEW).await && shown(&h, APP_READY).await).then_some(())
    })
    .await;
    // The app's page, with the choice kept and applied.
    h.wait_until("only the chosen category", || async {
        let names = h.names_of(Role::Heading(Some(2))).await;
        (names == [disability.as_str()]).then_some(())
    })
    .await;
    let elderly = h
        .execute(
            "return document.documentElement.classList.contains('cd-elderly');",
            Vec::new(),
        )
        .await;
    assert_eq!(elderly, json!(true), "the press on the first view was lost");
    let mains = h
        .execute(
            "return document.querySelectorAll('main').length;",
            Vec::new(),
        )
        .await;
    assert_eq!(mains, json!(1), "one page after the take-over");
    assert!(h.console_errors().await.is_empty());
}

/// Counts the view's category headings and service links, and, the
/// moment the view goes, the app's: kept in `window.__cdCounts`.
const COUNT_AT_TAKE_OVER: &str = r#"
const count = (root) => [
  root.querySelectorAll('h2').length,
  root.querySelectorAll('a[href^="/services/"]').length,
  root.querySelectorAll('a, button, input, select, textarea').length,
];
const first = document.getElementById('cd-first');
window.__cdCounts = { view: count(first) };
new MutationObserver((changes, observer) => {
  if (document.getElementById('cd-first')) return;
  observer.disconnect();
  window.__cdCounts.app = count(document.body);
}).observe(document.body, { childList: true });
return true;
"#;

/// Behind the view the app starts in short tasks and draws the menu a
/// category per task; the view gives way only once the whole page is in
/// (header, page, every category), never to a part of it.
#[tokio::test]
async fn the_view_gives_way_to_the_whole_page() {
    let h = Harness::start().await;
    for path in ["/", "/services/meal-assist-dc"] {
        h.server().hold(".wasm");
        h.open_first_view(path).await;
        h.wait_until("the first view", || async {
            shown(&h, FIRST_VIEW).await.then_some(())
        })
        .await;
        h.execute(COUNT_AT_TAKE_OVER, Vec::new()).await;
        h.server().release();
        let counts = h
            .wait_until("the app to take over", || async {
                let counts = h.execute("return window.__cdCounts;", Vec::new()).await;
                counts.get("app").is_some().then_some(counts)
            })
            .await;
        if path == "/" {
            assert!(
                counts["view"][0].as_u64().unwrap_or(0) > 3,
                "a menu of several categories: {counts}"
            );
        }
        assert!(
            counts["view"][2].as_u64().unwrap_or(0) > 5,
            "a page with a header: {counts}"
        );
        assert_eq!(counts["app"], counts["view"], "at `{path}`: {counts}");
    }
}

#[tokio::test]
async fn only_a_first_visit_to_a_drawn_page_gets_its_first_view() {
    let h = Harness::start().await;
    h.server().hold(".wasm");
    for path in [
        "/?lang=en",
        "/search?q=meal",
        "/services/meal-assist-dc?lang=en",
        // A page the menu does not link to is not drawn.
        "/services/meal-assist-dc/check/age",
    ] {
        h.open_first_view(path).await;
        assert!(!shown(&h, FIRST_VIEW).await, "a first view at `{path}`");
        assert!(
            shown(&h, WASM_PRELOADED).await,
            "`{path}` waits for the app, which should be fetched at once"
        );
        // Not a blank page meanwhile: the page says it is opening.
        let said = h
            .execute(
                "return [...document.querySelectorAll('[role=status]')].map((e) => e.innerText.trim());",
                Vec::new(),
            )
            .await;
        assert_eq!(said, json!(["正在打开… Opening…"]), "at `{path}`");
    }
    // A resident who chose something sees their own page, from the app.
    for path in ["/", "/services/meal-assist-dc"] {
        h.open_first_view(path).await;
        assert!(shown(&h, FIRST_VIEW).await, "no first view at `{path}`");
        assert!(
            !shown(&h, WASM_PRELOADED).await,
            "the wasm shares the network with the first view's HTML and CSS at `{path}`"
        );
        assert!(
            !shown(&h, OPENING).await,
            "the view is under an opening notice at `{path}`"
        );
    }
    h.execute("localStorage.setItem('caidan.lang', 'en');", Vec::new())
        .await;
    for path in ["/", "/services/meal-assist-dc"] {
        h.open_first_view(path).await;
        assert!(
            !shown(&h, FIRST_VIEW).await,
            "a first view at `{path}` for a resident's choice"
        );
    }
    h.execute("localStorage.clear();", Vec::new()).await;

    // A deployment that changes its config (`caidan csp`) drops the view
    // drawn for the old one: a kiosk never paints the phone's menu.
    h.deploy(&json!({ "default_feed": "/feeds/sample.json", "kiosk": {} }));
    h.open_first_view("/").await;
    assert!(
        !shown(&h, FIRST_VIEW).await,
        "a first view of another config"
    );
    assert!(
        shown(&h, WASM_PRELOADED).await,
        "the wasm preload did not come back with the view gone"
    );
    h.server().release();
    h.wait_until("the app to take over from the opening notice", || async {
        (shown(&h, APP_READY).await && !shown(&h, OPENING).await).then_some(())
    })
    .await;
}

/// A link to a service (a poster's QR code, a message) paints the service
/// from HTML, and the app takes over at the same address.
#[tokio::test]
async fn a_link_to_a_service_paints_it_before_the_app() {
    let h = Harness::start().await;
    h.server().hold(".wasm");
    let name = service_name(&feed_json("sample.json"), "meal-assist-dc");
    for path in ["/services/meal-assist-dc", "/where"] {
        h.open_first_view(path).await;
        let heading = if path == "/where" {
            None
        } else {
            Some(name.as_str())
        };
        let seen = h
            .wait_until("the page's heading", || async {
                let names = h.names_of(Role::Heading(Some(1))).await;
                (names.len() == 1 && heading.is_none_or(|n| names[0] == n)).then_some(names)
            })
            .await;
        assert!(shown(&h, FIRST_VIEW).await, "no first view at `{path}`");
        assert!(
            !shown(&h, APP_READY).await,
            "the app ran with its wasm held"
        );
        // Named after its heading before the app is in, as the app names it.
        let title = format!("{} – 菜单", seen[0]);
        assert_eq!(h.title().await, title, "at `{path}`");
        h.assert_no_axe_violations(&format!("the first view of `{path}`"))
            .await;

        h.server().release();
        h.wait_until("the app to take over", || async {
            (!shown(&h, FIRST_VIEW).await && shown(&h, APP_READY).await).then_some(())
        })
        .await;
        assert_eq!(
            h.names_of(Role::Heading(Some(1))).await,
            seen,
            "at `{path}`"
        );
        assert_eq!(h.browser().current_path_and_query().await, path);
        assert!(h.console_errors().await.is_empty());
        h.server().hold(".wasm");
    }
    h.server().release();
}

/// A service's name, in the feed's first language.
fn service_name(feed: &Value, id: &str) -> String {
    let services = feed["services"].as_array().cloned().unwrap_or_default();
    let service = services.iter().find(|s| s["id"] == id);
    let name = service.and_then(|s| s["name"]["zh-CN"].as_str());
    name.unwrap_or_else(|| panic!("no service `{id}` in the feed"))
        .to_string()
}

/// A copy of the built app for `feed` and `config`, its first view drawn
/// by the build step and its policy made again, as a build does.
fn site_with_first_view(feed: &Value, config: &Value) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    copy_tree(&dist_dir(), site.path(), false);
    let write = |path: &str, text: String| {
        std::fs::write(site.path().join(path), text)
            .unwrap_or_else(|e| panic!("cannot write `{path}`: {e}"))
    };
    write("feeds/sample.json", feed.to_string());
    let config = config.to_string();
    write("caidan.json", config.clone());
    let status = Command::new("node")
        .arg(workspace_root().join("scripts/first-view/snapshot.mjs"))
        .arg(site.path())
        .status()
        .unwrap_or_else(|e| panic!("cannot run node: {e}"));
    assert!(status.success());
    let index = site.path().join("index.html");
    let page = std::fs::read_to_string(&index).unwrap_or_default();
    assert_eq!(
        page.matches("id=\"cd-first-view\"").count(),
        1,
        "one view, in place of the build's"
    );
    assert_eq!(
        page.matches("data-cd-wasm-preload=").count(),
        1,
        "one deciding script, in place of the build's"
    );
    // The policy, as the build's step makes it: for index.html and every
    // page drawn beside it.
    let csp = Command::new(env!("CARGO"))
        .current_dir(workspace_root())
        .args(["run", "--quiet", "-p", "caidan-core", "--features", "cli"])
        .args(["--bin", "caidan", "--", "csp"])
        .arg(site.path().join("caidan.json"))
        .arg(index)
        .output()
        .unwrap_or_else(|e| panic!("cannot run caidan csp: {e}"));
    assert!(
        csp.status.success(),
        "{}",
        String::from_utf8_lossy(&csp.stderr)
    );
    site
}

/// A feed's words are text in the first view, never markup: the build step
/// copies the page as the browser serialises it.
#[tokio::test]
async fn a_hostile_feed_gives_a_first_view_of_plain_text() {
    // With what a string replacement would read as "the rest of the page".
    const NAME: &str =
        "</template><script>window.__cdPwned=1</script><img src=x onerror=\"window.__cdPwned=2\"> $' $&";
    let mut feed = feed_json("sample.json");
    feed["services"][0]["name"] = json!({ "zh-CN": NAME, "en": NAME });
    let site = site_with_first_view(&feed, &json!({ "default_feed": "/feeds/sample.json" }));

    let h = Harness::serve(site.path()).await;
    h.server().hold(".wasm");
    h.open_first_view("/").await;
    assert!(shown(&h, FIRST_VIEW).await, "no first view at `/`");
    let names: Vec<String> = h
        .links_under("/services/")
        .await
        .into_iter()
        .map(|l| l.name)
        .collect();
    assert!(
        names.iter().any(|n| n.contains(NAME)),
        "the name is not shown as text: {names:#?}"
    );
    let pwned = h.execute("return window.__cdPwned || 0;", Vec::new()).await;
    assert_eq!(pwned, json!(0));

    // And in the service's own page, drawn beside it.
    let id = feed["services"][0]["id"].as_str().unwrap_or_default();
    h.open_first_view(&format!("/services/{id}")).await;
    assert!(
        shown(&h, FIRST_VIEW).await,
        "no first view at `/services/{id}`"
    );
    let headings = h.names_of(Role::Heading(Some(1))).await;
    assert_eq!(headings, [NAME], "the name is not shown as text");
    assert_eq!(
        h.title().await,
        format!("{NAME} – 菜单"),
        "nor in the title"
    );
    let pwned = h.execute("return window.__cdPwned || 0;", Vec::new()).await;
    assert_eq!(pwned, json!(0));
    h.server().release();
}

/// A kiosk paints its welcome from HTML after every visit's reload; a
/// visitor who presses Start before the app has arrived gets the menu.
#[tokio::test]
async fn a_kiosk_welcomes_from_html_and_start_is_kept() {
    let config = json!({ "default_feed": "/feeds/sample.json", "kiosk": {} });
    let site = site_with_first_view(&feed_json("sample.json"), &config);
    let h = Harness::serve(site.path()).await;
    h.server().hold(".wasm");
    h.open_first_view("/").await;
    let (title, _) = sample_words();
    h.wait_for(query(Role::Heading(Some(1)), title.as_str()))
        .await;
    assert!(shown(&h, FIRST_VIEW).await, "no first view at the kiosk");
    let kiosk = h
        .execute(
            "return document.documentElement.classList.contains('cd-kiosk');",
            Vec::new(),
        )
        .await;
    assert_eq!(
        kiosk,
        json!(true),
        "the welcome is drawn without the kiosk's styles"
    );
    h.assert_no_axe_violations("the kiosk's first view").await;
    click(&h.find_button("开始").await).await;

    h.server().release();
    h.wait_until("the menu, once the app has started the visit", || async {
        let links = h.try_links_under("/services/").await.ok()?;
        (!shown(&h, FIRST_VIEW).await && links.len() >= 20).then_some(())
    })
    .await;
    assert!(h.console_errors().await.is_empty());
}
