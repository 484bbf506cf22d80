//! Where the built app and the feeds it ships are.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The built app: `$CAIDAN_DIST` if set, else `<workspace>/dist` if it
/// holds an `index.html`; panics with how to build it otherwise.
pub fn dist_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CAIDAN_DIST") {
        let dir = PathBuf::from(dir);
        if !dir.join("index.html").is_file() {
            panic!(
                "CAIDAN_DIST is `{}`, which has no index.html; build the app first \
                 (see the README: scripts/test.sh runs `trunk build --release`)",
                dir.display()
            );
        }
        return dir;
    }
    let dir = workspace_root().join("dist");
    if dir.join("index.html").is_file() {
        return dir;
    }
    panic!(
        "the built app is missing: `{}` has no index.html. Run the end-to-end tests \
         with the README's test command (scripts/test.sh, which builds the app with \
         `trunk build --release`), or set CAIDAN_DIST to a built dist folder",
        dir.display()
    );
}

/// The workspace root (the parent of this package).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The sample feed shipped in the built app (`feeds/sample.json`, see
/// [`feed_bytes`]).
pub fn sample_feed() -> Vec<u8> {
    feed_bytes("sample.json")
}

/// The feed `file` shipped in the built app, under `feeds/` in
/// [`dist_dir`]; panics if it cannot be read.
pub fn feed_bytes(file: &str) -> Vec<u8> {
    let path = dist_dir().join("feeds").join(file);
    match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => panic!("cannot read the feed `{}`: {e}", path.display()),
    }
}

/// The feed `file` shipped in the built app, as JSON (see [`feed_bytes`]);
/// panics if it is not JSON.
pub fn feed_json(file: &str) -> Value {
    match serde_json::from_slice(&feed_bytes(file)) {
        Ok(feed) => feed,
        Err(e) => panic!("the feed `{file}` is not JSON: {e}"),
    }
}

/// The service `id` of `feed`; panics if there is none.
pub fn feed_service<'a>(feed: &'a Value, id: &str) -> &'a Value {
    feed.get("services")
        .and_then(Value::as_array)
        .and_then(|services| services.iter().find(|s| s["id"] == id))
        .unwrap_or_else(|| panic!("the feed has no service `{id}`"))
}
