//! End-to-end tests of signed feeds (FEED.md, "Signed feeds"): a deployment
//! that lists `feed_keys` shows a feed only when its signature verifies over
//! the exact bytes served, and refuses it with a plain page otherwise; one
//! without keys loads an unsigned feed as before and fetches nothing more.
//! Each check runs with the browser's WebCrypto Ed25519 and again where
//! WebCrypto is made to lack it, so that the fallback verifier does the work.
//!
//! They need the app built first (scripts/test.sh builds it with
//! `trunk build --release`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use caidan_tests::{sample_feed, Harness, StaticServer};
use ed25519_dalek::{Signer, SigningKey};
use serde_json::json;

/// The heading of the refusal page.
const REFUSED: &str = "This menu could not be checked, so it is not shown";
/// A heading only the sample feed's menu has.
const MENU: &str = "Elderly care";
/// The paths only signed feeds fetch.
const SIGNATURE: &str = "/feeds/sample.json.sig";
const SIGNATURE_CODE: &str = "/feed-signature.js";
const FALLBACK: &str = "/vendor/noble-ed25519/index.js";

/// Installed before any script of every document: WebCrypto refuses
/// Ed25519 as browsers without it do. (A DevTools script is not subject to
/// the page's Content-Security-Policy, and only changes `importKey`.)
const NO_WEBCRYPTO_ED25519: &str = "(() => {\
    const importKey = SubtleCrypto.prototype.importKey;\
    SubtleCrypto.prototype.importKey = function (format, data, algorithm, ...rest) {\
      const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;\
      if (String(name).toLowerCase() === 'ed25519') {\
        return Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'));\
      }\
      return importKey.call(this, format, data, algorithm, ...rest);\
    };\
  })();";

/// Which Ed25519 the browser has.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Verifier {
    WebCrypto,
    Fallback,
}

const BOTH: [Verifier; 2] = [Verifier::WebCrypto, Verifier::Fallback];

/// A publisher's key pair, the same for the same seed.
fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

/// The public key as `feed_keys` lists it.
fn public(key: &SigningKey) -> String {
    STANDARD.encode(key.verifying_key().as_bytes())
}

/// A signature file as `caidan sign` writes it.
fn signature(key: &SigningKey, bytes: &[u8]) -> Vec<u8> {
    format!("{}\n", STANDARD.encode(key.sign(bytes).to_bytes())).into_bytes()
}

/// The sample feed with one byte changed (`Elderly care` becomes
/// `Flderly care`): still a valid feed, so only the signature can refuse it.
fn tampered(feed: &[u8]) -> Vec<u8> {
    let mut bytes = feed.to_vec();
    let at = bytes
        .windows(MENU.len())
        .position(|w| w == MENU.as_bytes())
        .expect("the sample feed names `Elderly care`");
    bytes[at] = b'F';
    bytes
}

/// A site deployed with `keys` serving `feed` and, if given, `sig`, in a
/// browser with `verifier`.
async fn site(verifier: Verifier, keys: &[String], feed: Vec<u8>, sig: Option<Vec<u8>>) -> Harness {
    let h = Harness::start().await;
    if verifier == Verifier::Fallback {
        h.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": NO_WEBCRYPTO_ED25519 }),
        )
        .await;
    }
    h.deploy(&json!({ "default_feed": "/feeds/sample.json", "feed_keys": keys }));
    h.server().put("/feeds/sample.json", feed);
    if let Some(sig) = sig {
        h.server().put(SIGNATURE, sig);
    }
    h
}

/// Whether the server was asked for `path`.
fn fetched(h: &Harness, path: &str) -> bool {
    let wanted = format!("GET {path}");
    h.server().requests().contains(&wanted)
}

/// Waits for the refusal page and returns the publisher's details.
async fn refusal_details(h: &Harness) -> String {
    h.wait_for_heading(Some(1), REFUSED).await;
    // The resident's way on is the plain page's, not a broken menu.
    h.find_link("Try again").await;
    assert!(
        h.try_links_under("/services/")
            .await
            .unwrap_or_default()
            .is_empty(),
        "the refusal page links to services"
    );
    let details = h.wait_for_details("Details for the publisher").await;
    h.open_details(&details).await
}

#[tokio::test]
async fn a_good_signature_shows_the_menu() {
    for verifier in BOTH {
        let k = key(1);
        let feed = sample_feed();
        let sig = signature(&k, &feed);
        // Any listed key may vouch for the feed.
        let keys = [public(&key(9)), public(&k)];
        let h = site(verifier, &keys, feed, Some(sig)).await;
        h.open("/?lang=en").await;
        h.wait_for_heading(Some(2), MENU).await;
        assert!(
            fetched(&h, SIGNATURE),
            "{verifier:?}: the signature was not fetched"
        );
        assert_eq!(
            fetched(&h, FALLBACK),
            verifier == Verifier::Fallback,
            "{verifier:?}: the fallback verifier was fetched only where WebCrypto lacks Ed25519"
        );
        let errors = h.console_errors().await;
        assert!(
            errors.is_empty(),
            "{verifier:?}: console errors: {errors:#?}"
        );
    }
}

#[tokio::test]
async fn a_feed_changed_after_signing_is_refused() {
    for verifier in BOTH {
        let k = key(1);
        let feed = sample_feed();
        let sig = signature(&k, &feed);
        let h = site(verifier, &[public(&k)], tampered(&feed), Some(sig)).await;
        h.open("/?lang=en").await;
        let details = refusal_details(&h).await;
        assert!(
            details.contains("does not verify"),
            "{verifier:?}: the details do not say the signature does not verify: {details}"
        );
    }
}

#[tokio::test]
async fn a_signature_by_another_key_is_refused() {
    for verifier in BOTH {
        let feed = sample_feed();
        let sig = signature(&key(2), &feed);
        let h = site(verifier, &[public(&key(1))], feed, Some(sig)).await;
        h.open("/?lang=en").await;
        let details = refusal_details(&h).await;
        assert!(
            details.contains("does not verify"),
            "{verifier:?}: {details}"
        );
    }
}

#[tokio::test]
async fn a_missing_or_unreadable_signature_is_refused() {
    let k = key(1);
    let h = site(Verifier::WebCrypto, &[public(&k)], sample_feed(), None).await;
    h.open("/?lang=en").await;
    let details = refusal_details(&h).await;
    h.assert_no_axe_violations("the refusal page").await;
    assert!(
        details.contains("sample.json.sig") && details.contains("is missing"),
        "the details do not say the signature is missing: {details}"
    );

    // A host that answers a missing file with a page.
    h.server().put(
        SIGNATURE,
        b"<!doctype html><title>Not here</title>".to_vec(),
    );
    h.open("/?lang=en").await;
    let details = refusal_details(&h).await;
    assert!(
        details.contains("cannot be read") && details.contains("not standard base64"),
        "the details do not say the signature cannot be read: {details}"
    );
}

/// A feed on another origin the deployment allows, with a query: its
/// signature is on that origin too, at the same path plus `.sig`, with the
/// same query.
#[tokio::test]
async fn a_signed_feed_from_an_allowed_origin_keeps_its_query() {
    let k = key(1);
    let feed = sample_feed();
    let foreign = StaticServer::start_foreign().await.unwrap();
    foreign.put("/menu.json", feed.clone());
    foreign.put("/menu.json.sig", signature(&k, &feed));
    let h = Harness::start().await;
    h.deploy(&json!({
        "default_feed": "/feeds/sample.json",
        "allowed_origins": [foreign.origin()],
        "feed_keys": [public(&k)],
    }));
    let url = foreign.url("/menu.json%3Fv%3D2");
    h.open(&format!("/?feed={url}&lang=en")).await;
    h.wait_for_heading(Some(2), MENU).await;
    let asked = foreign.requests();
    assert!(
        asked.contains(&"GET /menu.json.sig?v=2".to_string()),
        "the signature was not asked for beside the feed: {asked:#?}"
    );
}

/// The refusal in the site's default language.
#[tokio::test]
async fn the_refusal_speaks_plainly_in_chinese() {
    let h = site(Verifier::WebCrypto, &[public(&key(1))], sample_feed(), None).await;
    h.open("/?lang=zh").await;
    h.wait_for_heading(Some(1), "这份服务菜单无法核实").await;
}

#[tokio::test]
async fn without_keys_an_unsigned_feed_loads_as_before() {
    let h = Harness::start().await;
    h.open("/?lang=en").await;
    h.wait_for_heading(Some(2), MENU).await;
    for path in [SIGNATURE, SIGNATURE_CODE, FALLBACK] {
        assert!(
            !fetched(&h, path),
            "a deployment without keys fetched `{path}`: {:#?}",
            h.server().requests()
        );
    }
}
