//! `caidan keygen`, `sign` and `verify`, run as publishers run them, and the
//! OpenSSL commands FEED.md gives for publishers without the CLI: both must
//! make the same key forms and the same signatures (Ed25519 is
//! deterministic).
#![cfg(feature = "cli")]

mod common;

use common::caidan;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caidan-signing-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of the sample feed in `dir`.
fn feed_in(dir: &Path) -> PathBuf {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/feeds/sample.json");
    let feed = dir.join("sample.json");
    std::fs::copy(sample, &feed).unwrap();
    feed
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Makes a key pair in `dir`; returns the private key's path and the
/// public key as printed.
fn keygen(dir: &Path) -> (PathBuf, String) {
    let r = caidan(&["keygen", "--out", s(dir)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (
        dir.join("feed-signing-key.pem"),
        r.stdout.trim().to_string(),
    )
}

#[test]
fn keygen_writes_a_private_key_once_and_prints_the_public_key() {
    let dir = folder("keygen");
    let (key, public) = keygen(&dir);
    assert_eq!(public.len(), 44, "{public}");
    // The form `caidan.json` accepts.
    let config = format!(r#"{{"default_feed": "/f.json", "feed_keys": ["{public}"]}}"#);
    assert!(caidan_core::deploy::DeployConfig::parse(&config).is_ok());
    let pem = std::fs::read_to_string(&key).unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }

    let again = caidan(&["keygen", "--out", s(&dir)]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again.stderr.contains("never overwritten"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(&key).unwrap(), pem);

    // A folder that is made, and one that cannot be.
    let (nested, _) = keygen(&dir.join("new/folder"));
    assert!(nested.is_file());
    let nowhere = caidan(&["keygen", "--out", s(&key.join("folder"))]);
    assert_eq!(nowhere.code, 2, "{}", nowhere.stderr);
}

#[test]
fn sign_writes_the_signature_beside_the_feed_and_verify_checks_it() {
    let dir = folder("sign");
    let (key, public) = keygen(&dir);
    let feed = feed_in(&dir);
    let r = caidan(&["sign", s(&feed), "--key", s(&key)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let printed = r.stdout.trim();
    assert_eq!(printed.len(), 88, "{printed}");
    let written = std::fs::read_to_string(dir.join("sample.json.sig")).unwrap();
    assert_eq!(written, format!("{printed}\n"));
    assert!(r.stderr.contains(&public), "{}", r.stderr);

    let ok = caidan(&["verify", s(&feed), "--key", &public]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.starts_with("ok: "), "{}", ok.stdout);

    // The keys of a deployment config, as the app reads them.
    let other_dir = folder("sign-other");
    let (_, other) = keygen(&other_dir);
    let config = dir.join("caidan.json");
    std::fs::write(
        &config,
        format!(r#"{{"default_feed": "/f.json", "feed_keys": ["{other}", "{public}"]}}"#),
    )
    .unwrap();
    let r = caidan(&["verify", s(&feed), "--config", s(&config)]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // Another key does not vouch for it.
    let r = caidan(&["verify", s(&feed), "--key", &other]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("does not verify"), "{}", r.stderr);

    // One byte changed after signing.
    let mut bytes = std::fs::read(&feed).unwrap();
    let at = bytes.iter().position(|&b| b == b'1').unwrap();
    bytes[at] = b'2';
    std::fs::write(&feed, &bytes).unwrap();
    let r = caidan(&["verify", s(&feed), "--key", &public]);
    assert_eq!(r.code, 1, "{}", r.stderr);

    // No signature at all.
    std::fs::remove_file(dir.join("sample.json.sig")).unwrap();
    let r = caidan(&["verify", s(&feed), "--key", &public]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("sample.json.sig"), "{}", r.stderr);
}

#[test]
fn sign_and_verify_refuse_bad_keys() {
    let dir = folder("bad-keys");
    let feed = feed_in(&dir);
    let not_a_key = dir.join("key.pem");
    std::fs::write(
        &not_a_key,
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    let r = caidan(&["sign", s(&feed), "--key", s(&not_a_key)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("PKCS#8"), "{}", r.stderr);
    let r = caidan(&["sign", s(&feed), "--key", s(&dir.join("missing.pem"))]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = caidan(&["verify", s(&feed), "--key", "not base64"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let r = caidan(&["verify", s(&feed)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

/// Runs a shell pipeline in `dir`; `None` when `openssl` is not installed.
fn shell(dir: &Path, script: &str) -> Option<String> {
    let has_openssl = Command::new("openssl")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_openssl {
        eprintln!("openssl is not installed: skipping `{script}`");
        return None;
    }
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!("set -euo pipefail; {script}"))
        .current_dir(dir)
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "`{script}` failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The commands FEED.md gives, word for word.
const OPENSSL_KEYGEN: &str = "openssl genpkey -algorithm ed25519 -out key.pem";
const OPENSSL_PUBLIC_KEY: &str =
    "openssl pkey -in key.pem -pubout -outform DER | tail -c 32 | base64";
const OPENSSL_SIGN: &str =
    "openssl pkeyutl -sign -rawin -inkey key.pem -in sample.json | base64 -w0 > sample.json.sig";

#[test]
fn openssl_and_caidan_make_the_same_keys_and_signatures() {
    let dir = folder("openssl");
    let feed = feed_in(&dir);
    let Some(_) = shell(&dir, OPENSSL_KEYGEN) else {
        return;
    };
    let public = shell(&dir, OPENSSL_PUBLIC_KEY).unwrap();
    let public = public.trim();
    assert_eq!(public.len(), 44, "{public}");

    // OpenSSL signs; caidan verifies with OpenSSL's public key.
    shell(&dir, OPENSSL_SIGN).unwrap();
    let by_openssl = std::fs::read_to_string(dir.join("sample.json.sig")).unwrap();
    let r = caidan(&["verify", s(&feed), "--key", public]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // caidan signs with OpenSSL's key: the very same signature.
    let r = caidan(&["sign", s(&feed), "--key", s(&dir.join("key.pem"))]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.trim(), by_openssl.trim());
    assert!(r.stderr.contains(public), "{}", r.stderr);

    // OpenSSL reads caidan's key: the same public key as keygen printed.
    let ours = folder("openssl-keygen");
    let (key, printed) = keygen(&ours);
    std::fs::rename(&key, ours.join("key.pem")).unwrap();
    let derived = shell(&ours, OPENSSL_PUBLIC_KEY).unwrap();
    assert_eq!(derived.trim(), printed);
}
