//! Signed feeds in the browser (FEED.md, "Signed feeds"): the feed's
//! signature fetched and checked over the exact bytes of the feed's body.
//!
//! Only deployments that list `feed_keys` call in here, and the code that
//! does the work is loaded only then: `signature.js`, beside this file, is
//! the few lines wasm-bindgen bundles with the app; it imports
//! `/feed-signature.js` (from `public/`), which fetches the signature and
//! checks it with WebCrypto's Ed25519 where the browser has it, or, where
//! its `importKey` refuses the algorithm (`NotSupportedError`), with the
//! audited pure-JavaScript `@noble/ed25519`, which the build copies to
//! `/vendor/noble-ed25519/` and which only such browsers fetch. Doing the
//! work in JavaScript keeps it out of the WebAssembly every deployment
//! loads.
//!
//! Where the signature is comes from core (`caidan_core::signature`), which
//! also reads signatures and keys for the publishers' CLI exactly as
//! `atob` reads them here; what a failed check means for the resident is
//! `api.rs`'s.

use gloo_net::http::Response;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/signature.js")]
extern "C" {
    /// What `verifyFeed` resolves to: `{ kind, detail }`.
    type Verdict;
    #[wasm_bindgen(method, getter)]
    fn kind(this: &Verdict) -> String;
    #[wasm_bindgen(method, getter)]
    fn detail(this: &Verdict) -> String;

    #[wasm_bindgen(js_name = verifyFeed)]
    fn verify_feed(
        response: &web_sys::Response,
        signature_url: &str,
        keys: &str,
    ) -> js_sys::Promise;
}

/// How a feed's signature fared.
pub enum Outcome {
    /// It verifies with one of the keys.
    Verified,
    /// It verifies with none of them.
    Invalid,
    /// The host has no signature (HTTP 404 or 410).
    Missing,
    /// Another error status.
    Http(u16),
    /// The host could not be reached, and why.
    Unreachable(String),
    /// The file is not a signature, and why.
    Malformed(String),
    /// This browser cannot check Ed25519 signatures, and why.
    Unavailable(String),
}

/// A signature check under way.
pub struct Check(JsFuture);

/// Starts checking the signature at `signature_url` over the body of
/// `response` with `keys` (`feed_keys`), and hands the response back for
/// its text to be read: the text and the bytes checked are the same body.
pub fn start(response: Response, signature_url: &str, keys: &[String]) -> (Check, Response) {
    let raw = web_sys::Response::from(response);
    let promise = verify_feed(&raw, signature_url, &keys.join(" "));
    (Check(JsFuture::from(promise)), raw.into())
}

impl Check {
    /// Waits for the verdict.
    pub async fn outcome(self) -> Outcome {
        let Ok(verdict) = self.0.await else {
            return Outcome::Unavailable(String::new());
        };
        let verdict = Verdict::from(verdict);
        let detail = verdict.detail();
        match verdict.kind().as_str() {
            "verified" => Outcome::Verified,
            "invalid" => Outcome::Invalid,
            "missing" => Outcome::Missing,
            "http" => Outcome::Http(detail.parse().unwrap_or_default()),
            "network" => Outcome::Unreachable(detail),
            "malformed" => Outcome::Malformed(detail),
            _ => Outcome::Unavailable(detail),
        }
    }
}
