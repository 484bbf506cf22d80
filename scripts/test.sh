#!/usr/bin/env bash
# Sets up the toolchain and runs every check: formatting, lints (native and
# wasm), core tests, a short fuzzing run, the release build of the app, the
# end-to-end tests in headless Chromium, and the size report.
set -euo pipefail
. "$(dirname "$0")/bootstrap.sh"
cd "$CAIDAN_ROOT"

step "cargo fmt --check"
cargo fmt --all -- --check

step "core has no web dependencies"
if cargo tree -p caidan-core -e normal --prefix none | grep -Eq '^(leptos|web-sys|js-sys|wasm-bindgen|gloo|tokio|reqwest)'; then
  echo "caidan-core must not depend on web or async crates:" >&2
  cargo tree -p caidan-core -e normal --prefix none | grep -E '^(leptos|web-sys|js-sys|wasm-bindgen|gloo|tokio|reqwest)' >&2
  exit 1
fi

step "clippy (native)"
cargo clippy --workspace --exclude caidan-app --all-targets --all-features -- -D warnings
step "clippy (wasm)"
cargo clippy -p caidan-app -p caidan-core --target wasm32-unknown-unknown -- -D warnings

step "core tests"
cargo test -p caidan-core --all-features
# The app builds core without path tracking: its errors give line and column.
cargo test -p caidan-core --test validation
# The generator's feeds, checked by the real parser.
cargo test -p caidan-synth

step "fuzzing (10 s per target)"
# Three to four minutes from cold, two of them building the fuzz crate.
bash scripts/fuzz.sh 10

step "release build of the app"
trunk build --release

step "end-to-end tests (headless Chromium)"
CAIDAN_DIST="$CAIDAN_ROOT/dist" cargo test -p caidan-tests

step "size of the first load"
bash scripts/size.sh
