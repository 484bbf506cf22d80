#!/usr/bin/env bash
# Speed figures, in one report: the first menu in headless Chromium on the
# sample feed and on a generated feed of SERVICES services (10,000 by
# default), at full speed and with the CPU slowed four times; then
# Lighthouse's mobile audit of the main pages (npm `lighthouse`, installed
# into .tools/ when missing); then our search compiled to wasm against
# MiniSearch (npm) in the same headless Chromium, and against the same work
# natively (bench/search/, never part of dist/); then the core benchmarks
# (`cargo bench`).
# The app is the release build in dist/ (built first when missing), served
# with brotli as a static host would.
set -euo pipefail
. "$(dirname "$0")/bootstrap.sh"
cd "$CAIDAN_ROOT"
LIGHTHOUSE_VERSION="12"
if ! command -v lighthouse >/dev/null; then
  step "installing lighthouse@$LIGHTHOUSE_VERSION (npm), for the audit"
  npm install --prefix "$CAIDAN_TOOLS" --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION"
fi
[ -f dist/index.html ] || trunk build --release
step "the first menu, and Lighthouse"
CAIDAN_DIST="$CAIDAN_ROOT/dist" cargo run --quiet --release -p caidan-tests --bin caidan-bench -- "${1:-10000}"
if [ "${CAIDAN_BENCH_SEARCH:-1}" = 1 ]; then
  step "search: ours (wasm) and MiniSearch in Chromium, and ours natively"
  site="$(bash bench/search/build.sh | tail -n 1)"
  native="$(mktemp)"
  cargo bench --quiet -p caidan-search-bench --bench native >"$native"
  CAIDAN_DIST="$CAIDAN_ROOT/dist" cargo run --quiet --release -p caidan-tests --bin caidan-search-bench -- "$site" "$native"
  rm -f "$native"
fi
if [ "${CAIDAN_BENCH_CORE:-1}" = 1 ]; then
  step "core benchmarks (cargo bench)"
  cargo bench --quiet -p caidan-core -p caidan-synth 2>&1 | grep -E "^[a-z_/0-9 ]+ +time:" || true
fi
