//! Where the built app and its sample feed are.

use std::path::{Path, PathBuf};

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

/// The sample feed shipped in the built app: the first JSON file under
/// [`dist_dir`] that declares `caidan_feed`, preferring a name containing
/// `sample`. Panics if there is none.
pub fn sample_feed() -> Vec<u8> {
    let dist = dist_dir();
    let mut feeds: Vec<PathBuf> = json_files(&dist)
        .into_iter()
        .filter(|path| {
            std::fs::read_to_string(path).is_ok_and(|text| text.contains("\"caidan_feed\""))
        })
        .collect();
    feeds.sort_by_key(|path| {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        (!name.unwrap_or_default().contains("sample"), path.clone())
    });
    let Some(path) = feeds.first() else {
        panic!(
            "no feed (a JSON file with `caidan_feed`) under `{}`",
            dist.display()
        );
    };
    match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => panic!("cannot read `{}`: {e}", path.display()),
    }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(json_files(&path));
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
    found
}
