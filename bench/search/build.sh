#!/usr/bin/env bash
# Builds the search benchmark's page into target/search-bench/site/: our
# search compiled to wasm as the app's is (release profile, wasm-bindgen,
# wasm-opt -Oz), MiniSearch from npm (pinned, installed into .tools/ when
# missing) and the page. Nothing of it goes into dist/.
# Run from scripts/bench.sh; prints the site's folder last.
set -euo pipefail
. "$(dirname "$0")/../../scripts/bootstrap.sh"
ROOT="$CAIDAN_ROOT"
TOOLS="$CAIDAN_TOOLS"
npm_exact minisearch 7.2.0 "for the search benchmark"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
SITE="${CAIDAN_SEARCH_BENCH_SITE:-$TARGET/search-bench/site}"
cd "$ROOT"
cargo build --quiet --release --target wasm32-unknown-unknown -p caidan-search-bench
rm -rf "$SITE"
mkdir -p "$SITE/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$SITE/pkg" \
  "$TARGET/wasm32-unknown-unknown/release/caidan_search_bench.wasm"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  -o "$SITE/pkg/caidan_search_bench_bg.wasm" "$SITE/pkg/caidan_search_bench_bg.wasm"
cp "$TOOLS/node_modules/minisearch/dist/es/index.js" "$SITE/minisearch.js"
cp bench/search/page/index.html bench/search/page/bench.js "$SITE/"
echo "$SITE"
