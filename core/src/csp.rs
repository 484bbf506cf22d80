//! The Content-Security-Policy of a built app, made from its deployment
//! config: scripts only from the site itself plus the exact inline
//! bootstrap the build wrote (by hash), WebAssembly allowed to compile, and
//! network requests only to the site, its allowed feed origins and its
//! allowed intake origins. A deployment that changes `caidan.json` makes
//! its policy again with `caidan csp`.
//!
//! Behind the `csp` feature (with the publishers' CLI): the app itself
//! never needs it.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::deploy::{origin_of, DeployConfig};

/// The policy for a page whose inline scripts are `inline_scripts`.
/// `frame_ancestors` adds `frame-ancestors 'none'`, which only a header can
/// carry (a `<meta>` policy must leave it out).
pub fn policy(config: &DeployConfig, inline_scripts: &[&str], frame_ancestors: bool) -> String {
    let mut hashes = String::new();
    for script in inline_scripts {
        let digest = Sha256::digest(script.as_bytes());
        let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
        let source = format!(" 'sha256-{b64}'");
        // Two scripts alike need one hash.
        if !hashes.contains(&source) {
            hashes.push_str(&source);
        }
    }
    let mut connect = vec!["'self'".to_string()];
    let default_origin = origin_of(config.default_feed.trim());
    let others = config
        .allowed_origins
        .iter()
        .chain(&config.allowed_intake_origins)
        .cloned()
        .chain(default_origin);
    for origin in others {
        if !connect.contains(&origin) {
            connect.push(origin);
        }
    }
    let mut directives = vec![
        "default-src 'none'".to_string(),
        format!("script-src 'self' 'wasm-unsafe-eval'{hashes}"),
        "style-src 'self'".to_string(),
        "img-src 'self'".to_string(),
        "font-src 'self'".to_string(),
        "manifest-src 'self'".to_string(),
        // The service worker (`/sw.js`), which only this site may provide.
        "worker-src 'self'".to_string(),
        format!("connect-src {}", connect.join(" ")),
        "base-uri 'none'".to_string(),
        "form-action 'self'".to_string(),
        "object-src 'none'".to_string(),
    ];
    if frame_ancestors {
        directives.push("frame-ancestors 'none'".to_string());
    }
    directives.join("; ")
}

/// The inline scripts of an HTML page (`<script>` elements without `src`),
/// as the browser hashes them.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(after) = rest.get(start..) else {
            break;
        };
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = after.get(..open_end).unwrap_or_default();
        let Some(body_and_more) = after.get(open_end + 1..) else {
            break;
        };
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(body_and_more.get(..close).unwrap_or_default());
        }
        rest = body_and_more.get(close..).unwrap_or_default();
    }
    scripts
}

/// `html` with its policy as a `<meta http-equiv>` right after
/// `<meta charset>` (replacing one already there), and the policy's header
/// form (with `frame-ancestors`) for hosts that can send headers.
pub fn apply(html: &str, config: &DeployConfig) -> Result<(String, String), CspError> {
    const MARK: &str = "<meta http-equiv=\"Content-Security-Policy\"";
    let mut page = html.to_string();
    if let Some(start) = page.find(MARK) {
        let end = page
            .get(start..)
            .and_then(|t| t.find('>'))
            .ok_or(CspError::NoCharset)?;
        let from = if page.get(..start).is_some_and(|p| p.ends_with("\n    ")) {
            start - 5
        } else {
            start
        };
        page.replace_range(from..=start + end, "");
    }
    // Hints written by an earlier run, one per line.
    page = page
        .split_inclusive('\n')
        .filter(|line| !line.contains(PRELOAD_MARK))
        .collect();
    let scripts = inline_scripts(&page);
    let meta = policy(config, &scripts, false);
    let header = policy(config, &scripts, true);
    let charset = page.find("<meta charset").ok_or(CspError::NoCharset)?;
    let insert_at = page
        .get(charset..)
        .and_then(|t| t.find('>'))
        .map(|e| charset + e + 1)
        .ok_or(CspError::NoCharset)?;
    page.insert_str(
        insert_at,
        &format!("\n    {MARK} content=\"{meta}\" />{}", preloads(config)),
    );
    Ok((page, header))
}

/// How a page's first view begins (ARCHITECTURE.md, "The first view").
const FIRST_VIEW: &str = "<template id=\"cd-first-view\"";

/// Whether `html` carries a first view: `index.html`, or a page the build
/// drew for one path (`<path>.html`).
pub fn has_first_view(html: &str) -> bool {
    html.contains(FIRST_VIEW)
}

/// `html` without its first view (ARCHITECTURE.md, "The first view") when
/// that view was drawn for another deployment config than `config_text`
/// (the bytes of `caidan.json`): a site that changes its config would
/// otherwise paint another menu, or a kiosk's welcome on a phone, before
/// the app draws the right one. The view names its config by SHA-256
/// (`data-config-sha256`); a view that names none is dropped too. The
/// head script that decides whether to show it goes back to the wasm
/// preload it holds (`data-cd-wasm-preload`), as the build wrote it.
pub fn keep_first_view_of(html: &str, config_text: &str) -> String {
    const OPEN: &str = FIRST_VIEW;
    const CLOSE: &str = "</template><script>";
    const DECIDE: &str = "<script data-cd-wasm-preload=\"";
    const END: &str = "</script>";
    let Some(start) = html.find(OPEN) else {
        return html.to_string();
    };
    let digest = Sha256::digest(config_text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let named = format!("{OPEN} data-config-sha256=\"{hex}\"");
    let rest = html.get(start..).unwrap_or_default();
    if rest
        .strip_prefix(&named)
        .is_some_and(|t| t.starts_with([' ', '>']))
    {
        return html.to_string();
    }
    // The template, then the script that places it: both go.
    let Some(end) = rest.find(CLOSE).and_then(|close| {
        let after = close + CLOSE.len();
        Some(after + rest.get(after..)?.find(END)? + END.len())
    }) else {
        return html.to_string();
    };
    let (Some(before), Some(after)) = (html.get(..start), rest.get(end..)) else {
        return html.to_string();
    };
    let mut page = format!("{before}{after}");
    // The deciding script, in the head: its preload takes its place.
    let decide = page.find(DECIDE).and_then(|at| {
        let value_at = at + DECIDE.len();
        let value_end = value_at + page.get(value_at..)?.find('"')?;
        let script_end = value_end + page.get(value_end..)?.find(END)? + END.len();
        let preload = page
            .get(value_at..value_end)?
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        Some((at..script_end, preload))
    });
    if let Some((range, preload)) = decide {
        page.replace_range(range, &preload);
    }
    page
}

/// Marks the preload hints [`apply`] writes, so that applying again
/// replaces them.
const PRELOAD_MARK: &str = "data-caidan-preload";

/// Hints that let the browser fetch the deployment config, and the default
/// feed when it is a path of this site, while the app itself downloads,
/// instead of one after another once it runs. A feed checked against
/// `feed_keys` is fetched asking caches to revalidate, which a preload
/// cannot match, so it is not hinted.
fn preloads(config: &DeployConfig) -> String {
    let mut urls = vec!["/caidan.json"];
    let feed = config.default_feed.trim();
    let same_site = feed.starts_with('/') && !feed.starts_with("//");
    let plain = feed
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\'));
    if same_site && plain && config.feed_keys.is_empty() {
        urls.push(feed);
    }
    urls.iter()
        .map(|u| {
            format!(
                "\n    <link rel=\"preload\" href=\"{u}\" as=\"fetch\" crossorigin=\"anonymous\" {PRELOAD_MARK} />"
            )
        })
        .collect()
}

/// Why a page could not get its policy.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CspError {
    /// The policy goes right after `<meta charset>`, before any script.
    #[error("the page has no `<meta charset>` to put the policy after")]
    NoCharset,
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><head>\n<meta charset=\"utf-8\" />\n<title>x</title>\n<script type=\"module\">\nimport init from '/a.js';\n</script>\n<script src=\"/b.js\"></script></head></html>";

    #[test]
    fn the_policy_allows_the_bootstrap_and_the_configured_origins_only() {
        let config = DeployConfig::parse(
            r#"{"default_feed": "https://menus.example.gov/f.json",
                "allowed_origins": ["https://feeds.example.gov"],
                "allowed_intake_origins": ["https://intake.example.gov"]}"#,
        )
        .unwrap();
        let (page, header) = apply(PAGE, &config).unwrap();
        let scripts = inline_scripts(PAGE);
        assert_eq!(scripts, ["\nimport init from '/a.js';\n"]);
        let meta = policy(&config, &scripts, false);
        assert!(page.contains(&format!("content=\"{meta}\"")), "{page}");
        assert!(meta.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(!meta.contains("unsafe-inline") && !meta.contains("'unsafe-eval'"));
        assert!(meta.contains(
            "connect-src 'self' https://feeds.example.gov https://intake.example.gov https://menus.example.gov"
        ));
        assert!(meta.contains("object-src 'none'") && meta.contains("base-uri 'none'"));
        // The web app manifest and the service worker come from the site.
        assert!(meta.contains("manifest-src 'self'") && meta.contains("worker-src 'self'"));
        assert!(
            !meta.contains("frame-ancestors"),
            "a meta policy cannot carry it"
        );
        assert!(header.ends_with("frame-ancestors 'none'"));
        // Applying again replaces the policy instead of adding a second.
        let (again, _) = apply(&page, &config).unwrap();
        assert_eq!(again, page);
    }

    #[test]
    fn the_config_and_a_default_feed_of_the_site_are_preloaded() {
        let preloaded = |config: &str| {
            let config = DeployConfig::parse(config).unwrap();
            let (page, _) = apply(PAGE, &config).unwrap();
            let (again, _) = apply(&page, &config).unwrap();
            assert_eq!(again, page, "applying again changes nothing");
            page.lines()
                .filter(|l| l.contains("rel=\"preload\""))
                .map(|l| l.trim().to_string())
                .collect::<Vec<_>>()
        };
        let link = |u: &str| {
            format!("<link rel=\"preload\" href=\"{u}\" as=\"fetch\" crossorigin=\"anonymous\" data-caidan-preload />")
        };
        assert_eq!(
            preloaded(r#"{"default_feed": "/feeds/sample.json"}"#),
            [link("/caidan.json"), link("/feeds/sample.json")]
        );
        // Another site's feed, a signed feed, a feed named oddly: the
        // config alone.
        for config in [
            r#"{"default_feed": "https://menus.example.gov/f.json"}"#,
            r#"{"default_feed": "//menus.example.gov/f.json"}"#,
            r#"{"default_feed": "/f.json\"><script>", "feed_keys": []}"#,
            r#"{"default_feed": "/f.json", "feed_keys": ["AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="]}"#,
        ] {
            let found = preloaded(config);
            assert_eq!(found, [link("/caidan.json")], "{config}");
        }
    }

    /// A first view drawn for one config, as the build step writes it.
    fn with_first_view(config_text: &str) -> String {
        let hex: String = Sha256::digest(config_text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!(
            "<html><head><script data-cd-wasm-preload=\"&lt;link rel=&quot;preload&quot; href=&quot;/a_bg.wasm&quot;&gt;\">(function(){{}})()</script></head><body><noscript>x</noscript><template id=\"cd-first-view\" data-config-sha256=\"{hex}\" data-root-class=\"\"><main><h1>Menu</h1></main></template><script>(function(){{}})()</script>\n  </body></html>"
        )
    }

    #[test]
    fn a_first_view_stays_with_its_config_and_goes_with_any_other() {
        let config = r#"{"default_feed": "/feeds/a.json"}"#;
        let page = with_first_view(config);
        assert_eq!(keep_first_view_of(&page, config), page);

        let other = r#"{"default_feed": "/feeds/a.json", "kiosk": {}}"#;
        let kept = keep_first_view_of(&page, other);
        assert_eq!(
            kept,
            "<html><head><link rel=\"preload\" href=\"/a_bg.wasm\"></head><body><noscript>x</noscript>\n  </body></html>"
        );
        assert!(inline_scripts(&kept).is_empty());

        let unnamed = page.replace(" data-config-sha256=", " data-x=");
        assert!(!keep_first_view_of(&unnamed, config).contains("cd-first-view"));
        assert_eq!(keep_first_view_of(PAGE, config), PAGE);
    }
}
