#!/usr/bin/env bash
# Prints each asset of dist/ with its raw, gzip -9 and brotli -q 11 sizes, and
# the first-load total, brotli: index.html and what it names (the app's JS,
# wasm and CSS, and any preloaded snippet), not files loaded only on demand
# (such as the signed-feed verifier, fetched only where feed_keys are set,
# or the service worker, registered once the menu has loaded); then the
# service worker's precache. The config and the default feed, which
# index.html preloads, are counted on a line of their own. The pages drawn
# beside index.html (`<path>.html`, each the app with one page's first
# view, in place of index.html at that path) are summed up on one line.
set -euo pipefail
DIST="${1:-$(cd "$(dirname "$0")/.." && pwd)/dist}"
[ -f "$DIST/index.html" ] || { echo "no build at $DIST: run trunk build --release" >&2; exit 1; }
br() { if command -v brotli >/dev/null; then brotli -q 11 -c "$1" | wc -c; else python3 -c 'import sys,zlib;print(len(zlib.compress(open(sys.argv[1],"rb").read(),9)))' "$1"; fi; }
printf '%-48s %10s %10s %10s\n' asset raw gzip brotli
total_raw=0; total_br=0; data_raw=0; data_br=0; drawn_n=0; drawn_raw=0; drawn_br=0
first_load() {
  [ "$1" = "index.html" ] || grep -qF "/$1" "$DIST/index.html"
}
while IFS= read -r f; do
  rel="${f#"$DIST"/}"
  raw=$(wc -c <"$f")
  if [ "$rel" != index.html ] && [[ "$rel" == *.html ]] && grep -q '<template id="cd-first-view"' "$f"; then
    b=$(br "$f"); drawn_n=$((drawn_n + 1))
    [ "$b" -gt "$drawn_br" ] && { drawn_br=$b; drawn_raw=$raw; }
    continue
  fi
  gz=$(gzip -9 -c "$f" | wc -c); b=$(br "$f")
  printf '%-48s %10d %10d %10d\n' "$rel" "$raw" "$gz" "$b"
  if first_load "$rel"; then
    case "$rel" in
      # The config and the default feed, preloaded beside the app: data.
      *.json) data_raw=$((data_raw + raw)); data_br=$((data_br + b)) ;;
      *) total_raw=$((total_raw + raw)); total_br=$((total_br + b)) ;;
    esac
  fi
done < <(find "$DIST" -type f | sort)
if [ "$drawn_n" -gt 0 ]; then
  printf '%-48s %10d %10s %10d\n' "drawn pages ($drawn_n, <path>.html), the largest" "$drawn_raw" "" "$drawn_br"
fi
printf '%-48s %10d %10s %10d\n' "first load (index.html and what it names)" "$total_raw" "" "$total_br"
printf '%-48s %10d %10s %10d\n' "  with caidan.json and the default feed" "$((total_raw + data_raw))" "" "$((total_br + data_br))"
# What the service worker downloads and keeps at install (its precache
# list in sw.js), after the first load: raw, and brotli as served.
if [ -f "$DIST/sw.js" ]; then
  pre_raw=0; pre_br=0; pre_n=0
  while IFS= read -r url; do
    f="$DIST/$url"
    [ -f "$f" ] || continue
    pre_raw=$((pre_raw + $(wc -c <"$f"))); pre_br=$((pre_br + $(br "$f"))); pre_n=$((pre_n + 1))
  done < <(grep -o '"url":"[^"]*"' "$DIST/sw.js" | sed 's/"url":"\(.*\)"/\1/')
  printf '%-48s %10d %10s %10d\n' "precache ($pre_n files, sw.js not counted)" "$pre_raw" "" "$pre_br"
fi
