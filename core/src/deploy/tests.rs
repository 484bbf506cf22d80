use super::*;
use proptest::prelude::*;

const PAGE: &str = "http://127.0.0.1:8080/services/x?lang=en";
const PAGE_ORIGIN: &str = "http://127.0.0.1:8080";

fn config() -> DeployConfig {
    DeployConfig::parse(
        r#"{"default_feed": "/feeds/sample.json",
            "allowed_origins": ["https://feeds.example.gov"],
            "allowed_intake_origins": ["https://intake.example.gov", "http://127.0.0.1:8931"]}"#,
    )
    .unwrap()
}

/// The WHATWG URL parser, as the browser's `new URL(url, page).href`.
fn resolve_on(page: &str) -> impl Fn(&str) -> Option<String> + '_ {
    move |u| url::Url::parse(page).ok()?.join(u).ok().map(String::from)
}

#[test]
fn requested_feeds_are_resolved_or_refused() {
    let cases: &[(Option<&str>, Result<&str, ()>)] = &[
        (None, Ok("http://127.0.0.1:8080/feeds/sample.json")),
        (Some(""), Ok("http://127.0.0.1:8080/feeds/sample.json")),
        (
            Some("/feeds/other.json"),
            Ok("http://127.0.0.1:8080/feeds/other.json"),
        ),
        // A relative path, as anyone would write it.
        (
            Some("feeds/sample.json"),
            Ok("http://127.0.0.1:8080/services/feeds/sample.json"),
        ),
        (
            Some("../feeds/a.json"),
            Ok("http://127.0.0.1:8080/feeds/a.json"),
        ),
        (
            Some("http://127.0.0.1:8080/f.json"),
            Ok("http://127.0.0.1:8080/f.json"),
        ),
        (
            Some("https://feeds.example.gov/x.json"),
            Ok("https://feeds.example.gov/x.json"),
        ),
        (
            Some("https://FEEDS.example.gov:443/x.json"),
            Ok("https://feeds.example.gov/x.json"),
        ),
        (Some("https://evil.example/x.json"), Err(())),
        (Some("//evil.example/x.json"), Err(())),
        (Some("/\\evil.example/x.json"), Err(())),
        (Some("\\\\evil.example/x.json"), Err(())),
        (
            Some("https://feeds.example.gov@evil.example/x.json"),
            Err(()),
        ),
        (Some("https://user@feeds.example.gov/x.json"), Err(())),
        (
            Some("https://feeds.example.gov.evil.example/x.json"),
            Err(()),
        ),
        (Some("http://feeds.example.gov/x.json"), Err(())),
        (Some("javascript:alert(1)"), Err(())),
        (Some("data:application/json,{}"), Err(())),
        // Regression: the browser drops tabs and line breaks, and would fetch
        // //other-host.example/feed.json.
        (Some("/\t/other-host.example/feed.json"), Err(())),
        (Some("/\n/other-host.example/feed.json"), Err(())),
        (Some("/\r/other-host.example/feed.json"), Err(())),
        (Some("/feeds/a b.json"), Err(())),
        (Some("/feeds/\u{0}x.json"), Err(())),
        (Some("http://127.0.0.1:9999/f.json"), Err(())),
        (Some("http://localhost:8080/f.json"), Err(())),
    ];
    for (requested, expected) in cases {
        let got = config().feed_url(*requested, PAGE_ORIGIN, resolve_on(PAGE));
        match expected {
            Ok(url) => assert_eq!(got.as_deref(), Ok(*url), "{requested:?}"),
            Err(()) => assert!(
                matches!(got, Err(DeployError::NotAllowed(_))),
                "{requested:?} gave {got:?}"
            ),
        }
    }
}

#[test]
fn intakes_are_judged_by_origin_and_scheme() {
    let cases: &[(&str, &str, Result<&str, &str>)] = &[
        (
            PAGE,
            "https://intake.example.gov/open311/v2",
            Ok("https://intake.example.gov/open311/v2"),
        ),
        (PAGE, "/open311/v2", Ok("http://127.0.0.1:8080/open311/v2")),
        (PAGE, "http://127.0.0.1:8931", Ok("http://127.0.0.1:8931/")),
        (PAGE, "https://stranger.example/v2", Err("not allowed")),
        (PAGE, "http://intake.example.gov/v2", Err("not allowed")),
        (
            PAGE,
            "https://intake.example.gov@stranger.example/v2",
            Err("not allowed"),
        ),
        (
            PAGE,
            "https://intake.example.gov/v2\t",
            Ok("https://intake.example.gov/v2"),
        ),
        (PAGE, "https://intake.example.gov/\nv2", Err("not allowed")),
        (PAGE, "javascript:alert(1)", Err("not allowed")),
        // Plain http only between loopback hosts.
        (
            "https://menu.example.gov/",
            "http://127.0.0.1:8931",
            Err("insecure"),
        ),
        ("http://menu.example.gov/", "/open311", Err("insecure")),
        (
            "https://menu.example.gov/",
            "/open311",
            Ok("https://menu.example.gov/open311"),
        ),
    ];
    for (page, endpoint, expected) in cases {
        let origin = origin_of(&resolve_on(page)("/").unwrap()).unwrap();
        let got = config().intake_url(endpoint, &origin, resolve_on(page));
        match expected {
            Ok(url) => assert_eq!(got.as_deref(), Ok(*url), "{endpoint:?} from {page}"),
            Err("insecure") => assert!(
                matches!(got, Err(DeployError::IntakeInsecure(_))),
                "{endpoint:?} from {page} gave {got:?}"
            ),
            Err(_) => assert!(
                matches!(got, Err(DeployError::IntakeNotAllowed(_))),
                "{endpoint:?} from {page} gave {got:?}"
            ),
        }
    }
}

#[test]
fn bad_configs_are_refused() {
    for text in [
        "{}",
        r#"{"default_feed": ""}"#,
        r#"{"default_feed": "/f.json", "allowed_origins": ["https://x.example/path"]}"#,
        r#"{"default_feed": "/f.json", "allowed_origins": ["https://X.example"]}"#,
        r#"{"default_feed": "/f.json", "allowed_origins": ["https://x.example:443"]}"#,
        r#"{"default_feed": "/f.json", "allowed_intake_origins": ["intake.example"]}"#,
        r#"{"default_feed": "/f.json", "feed_keys": ["not a key"]}"#,
        "not json",
    ] {
        assert!(DeployConfig::parse(text).is_err(), "{text}");
    }
    let keyed = r#"{"default_feed": "/f.json", "feed_keys": ["11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="]}"#;
    assert!(DeployConfig::parse(keyed).is_ok());
}

/// Pieces URLs are made of, chosen to hit every way a hand-written URL
/// parser goes wrong: case, ports, credentials, backslashes, percent
/// signs, numeric hosts, IDN, white space and control characters.
fn url_like() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "http://",
        "https://",
        "HTTP://",
        "Https://",
        "ftp://",
        "javascript:",
        "http:",
        "https:/",
        "//",
        "/",
        "\\\\",
        "",
        " https://",
        "http:\\\\",
    ]);
    let userinfo = prop::sample::select(vec!["", "", "", "user@", "a:b@", "@", "x%40y@"]);
    let host = prop::sample::select(vec![
        "example.com",
        "EXAMPLE.com",
        "feeds.example.gov",
        "ex%61mple.com",
        "127.0.0.1",
        "0x7f.1",
        "127.1",
        "2130706433",
        "[::1]",
        "[0:0::1]",
        "[::1",
        "münchen.de",
        "xn--mnchen-3ya.de",
        "example.com.",
        "a..b",
        "localhost",
        "_x.example",
        "-a.example",
        "EXAMPLE.COM.",
        "ex ample.com",
        "ex\tample.com",
        "",
        "256.1.1.1",
        "01.2.3.4",
    ]);
    let port = prop::sample::select(vec![
        "", "", ":80", ":443", ":8080", ":0", ":65535", ":65536", ":08", ":", ":abc",
    ]);
    let path = prop::sample::select(vec![
        "",
        "/",
        "/feed.json",
        "\\feed.json",
        "/a/../b",
        "?q=1",
        "#x",
        "/%2e%2e/",
        "/ x",
    ]);
    let tail = prop::sample::select(vec!["", "", " ", "\t", "\n", "\u{0}"]);
    (scheme, userinfo, host, port, path, tail)
        .prop_map(|(s, u, h, p, path, t)| format!("{s}{u}{h}{p}{path}{t}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Core never disagrees with the WHATWG parser about an origin: where
    /// core reads one (raw, or after resolving against a page as the app
    /// does), it is the origin the `url` crate gives.
    #[test]
    fn origins_agree_with_the_whatwg_parser(raw in url_like()) {
        let whatwg = |u: &str| url::Url::parse(u).ok().map(|u| u.origin().ascii_serialization());
        if let Some(origin) = origin_of(&raw) {
            prop_assert_eq!(Some(origin), whatwg(&raw), "raw {:?}", raw);
        }
        if let Some(resolved) = resolve_on(PAGE)(&raw) {
            let theirs = url::Url::parse(&resolved).ok();
            match origin_of(&resolved) {
                Some(origin) => prop_assert_eq!(Some(origin), whatwg(&resolved), "resolved {:?}", resolved),
                // Core may only refuse what is not a plain http(s) URL, or
                // an IPv6 literal other than loopback.
                None => prop_assert!(
                    theirs.as_ref().is_none_or(|u| {
                        !matches!(u.scheme(), "http" | "https")
                            || !u.username().is_empty()
                            || u.password().is_some()
                            || u.host().is_none()
                            || matches!(u.host(), Some(url::Host::Ipv6(a)) if !a.is_loopback())
                    }),
                    "a plain http(s) URL was refused: {:?}", resolved
                ),
            }
        }
    }
}

#[test]
fn a_kiosk_takes_its_timings_from_the_config_or_the_defaults() {
    let plain = DeployConfig::parse(r#"{"default_feed": "/f.json"}"#).unwrap();
    assert_eq!(plain.kiosk, None);
    let defaults = DeployConfig::parse(r#"{"default_feed": "/f.json", "kiosk": {}}"#).unwrap();
    assert_eq!(
        defaults.kiosk,
        Some(KioskConfig {
            idle_seconds: 120,
            warning_seconds: 30,
            printer: true,
            phone_origin: None,
        })
    );
    let set = DeployConfig::parse(
        r#"{"default_feed": "/f.json",
            "kiosk": {"idle_seconds": 3, "warning_seconds": 20, "printer": false,
                      "phone_origin": "https://menu.example.gov"}}"#,
    )
    .unwrap();
    assert_eq!(
        set.kiosk,
        Some(KioskConfig {
            idle_seconds: 3,
            warning_seconds: 20,
            printer: false,
            phone_origin: Some("https://menu.example.gov".into()),
        })
    );
}

#[test]
fn a_kiosk_countdown_shorter_than_twenty_seconds_is_refused() {
    let cases = [
        (
            r#"{"warning_seconds": 5}"#,
            "`kiosk.warning_seconds`: 5 is not between 20 and 86400",
        ),
        (
            r#"{"idle_seconds": 0}"#,
            "`kiosk.idle_seconds`: 0 is not between 1 and 86400",
        ),
        (
            r#"{"idle_seconds": 86401}"#,
            "`kiosk.idle_seconds`: 86401 is not between 1 and 86400",
        ),
        (r#"{"idle": 5}"#, "unknown field `idle`"),
        (
            r#"{"phone_origin": "https://menu.example.gov/app"}"#,
            "`kiosk.phone_origin`: `https://menu.example.gov/app` is not an origin",
        ),
        (r#"{"printer": "yes"}"#, "invalid type: string \"yes\""),
    ];
    for (kiosk, expected) in cases {
        let text = format!(r#"{{"default_feed": "/f.json", "kiosk": {kiosk}}}"#);
        let err = DeployConfig::parse(&text).unwrap_err().to_string();
        assert!(err.contains(expected), "{kiosk}: {err}");
    }
}
