//! A copy of the built app as a static host serves it, for the benchmarks:
//! every text and wasm file with a brotli copy (`x.br`) beside it, which
//! the loopback server sends to browsers that accept it.

use std::path::Path;
use std::process::Command;

/// Copies the built app (or any folder) to `to`, with a brotli copy beside
/// every text file.
pub fn copy_compressed(from: &Path, to: &Path) {
    copy_tree(from, to, true);
}

/// Copies a folder to `to`, and, when `compressed`, writes a brotli copy
/// beside every text file.
pub fn copy_tree(from: &Path, to: &Path, compressed: bool) {
    let entries = std::fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {from:?}: {e}"));
    for entry in entries.flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{target:?}: {e}"));
            copy_tree(&source, &target, compressed);
        } else {
            std::fs::copy(&source, &target).unwrap_or_else(|e| panic!("{target:?}: {e}"));
            if compressed {
                compress(&target);
            }
        }
    }
}

/// Writes `file.br` beside a text or wasm file (brotli at its best).
pub fn compress(file: &Path) {
    let kinds = ["html", "js", "css", "wasm", "json", "svg", "txt"];
    let wanted = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| kinds.contains(&e));
    if wanted {
        let status = Command::new("brotli")
            .args(["-k", "-f", "-q", "11"])
            .arg(file)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            panic!("brotli could not compress {file:?} (scripts/bootstrap.sh installs it)");
        }
    }
}
