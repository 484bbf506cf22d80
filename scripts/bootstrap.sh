#!/usr/bin/env bash
# Installs every tool the build and the tests need, from package registries
# only, skipping whatever is already present at the right version.
# Source it (`. scripts/bootstrap.sh`) so that PATH changes reach the caller.
set -euo pipefail

CAIDAN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CAIDAN_TOOLS="$CAIDAN_ROOT/.tools"
TRUNK_VERSION="0.21.14"
BINARYEN_MAJOR="132"
CARGO_FUZZ_VERSION="0.13.2"
# wasm-bindgen-cli must match the wasm-bindgen library exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$CAIDAN_ROOT/Cargo.lock")"

export PATH="$CAIDAN_TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must never try to download a tool.
export TRUNK_OFFLINE=true

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# npm_exact PACKAGE VERSION WHY: exactly that version into .tools/, unless
# it is there already.
npm_exact() {
  if ! grep -qs "\"version\": \"$2\"" "$CAIDAN_TOOLS/node_modules/$1/package.json"; then
    step "installing $1@$2 (npm), $3"
    mkdir -p "$CAIDAN_TOOLS"
    npm install --prefix "$CAIDAN_TOOLS" --no-audit --no-fund --silent --save-exact "$1@$2"
  fi
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (takes about ten minutes once)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked --no-default-features --features rustls
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lock file names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_MAJOR"; then
  step "installing wasm-opt (npm binaryen@$BINARYEN_MAJOR)"
  mkdir -p "$CAIDAN_TOOLS"
  npm install --prefix "$CAIDAN_TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_MAJOR"
fi

if [ ! -f "$CAIDAN_TOOLS/node_modules/axe-core/axe.min.js" ]; then
  step "installing axe-core (npm axe-core@4), for the accessibility checks"
  mkdir -p "$CAIDAN_TOOLS"
  npm install --prefix "$CAIDAN_TOOLS" --no-audit --no-fund --silent "axe-core@4"
fi

# Exactly this version: its code is copied into the build (the fallback
# Ed25519 verifier for signed feeds, app/src/signature.rs).
npm_exact @noble/ed25519 3.2.0 "the fallback verifier for signed feeds"

# Exactly these versions: they write the service worker's precache list
# (workbox-build's injectManifest) and the app icons (resvg) at build time
# (scripts/offline/build.mjs).
npm_exact workbox-build 7.4.1 "for the offline build"
npm_exact @resvg/resvg-js 2.6.2 "for the offline build"

if ! cargo fuzz --version >/dev/null 2>&1; then
  step "installing cargo-fuzz (takes two or three minutes once)"
  cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  step "installing chromium and chromedriver (apt)"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
fi

if ! command -v brotli >/dev/null; then
  step "installing brotli (apt), for the size report"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq brotli || true
fi
