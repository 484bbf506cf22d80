#!/usr/bin/env bash
# Prints each asset of dist/ with its raw, gzip -9 and brotli -q 11 sizes, and
# the first-load total (HTML, JS, wasm, CSS), brotli.
set -euo pipefail
DIST="${1:-$(cd "$(dirname "$0")/.." && pwd)/dist}"
[ -f "$DIST/index.html" ] || { echo "no build at $DIST: run trunk build --release" >&2; exit 1; }
br() { if command -v brotli >/dev/null; then brotli -q 11 -c "$1" | wc -c; else python3 -c 'import sys,zlib;print(len(zlib.compress(open(sys.argv[1],"rb").read(),9)))' "$1"; fi; }
printf '%-48s %10s %10s %10s\n' asset raw gzip brotli
total_raw=0; total_br=0
while IFS= read -r f; do
  rel="${f#"$DIST"/}"
  raw=$(wc -c <"$f"); gz=$(gzip -9 -c "$f" | wc -c); b=$(br "$f")
  printf '%-48s %10d %10d %10d\n' "$rel" "$raw" "$gz" "$b"
  case "$rel" in
    *.html|*.js|*.wasm|*.css) total_raw=$((total_raw + raw)); total_br=$((total_br + b));;
  esac
done < <(find "$DIST" -type f | sort)
printf '%-48s %10d %10s %10d\n' "first load (html+js+wasm+css)" "$total_raw" "" "$total_br"
