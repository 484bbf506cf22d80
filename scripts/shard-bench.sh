#!/usr/bin/env bash
# A national menu as a sharded feed: generates SERVICES services across
# DISTRICTS districts (100,000 and 300 by default), splits the feed, checks
# the sharded feed whole, and prints the timings and the sizes a resident
# downloads (raw and brotli -q 11); then, in headless Chromium with the CPU
# slowed four times, the app on that sharded feed: the first menu from the
# index, choosing the median district until its menu is drawn, the bytes
# fetched and the wasm memory, and the same feed as one document
# (`caidan-shard-bench`). Figures to read, not to assert: they depend on
# the machine. SHARD_BENCH_APP=0 skips the browser part.
#
#   scripts/shard-bench.sh [SERVICES] [DISTRICTS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
services="${1:-100000}"
districts="${2:-300}"
work="${SHARD_BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$work"
command -v brotli >/dev/null || { echo "needs brotli (apt-get install brotli)" >&2; exit 2; }

cargo build --quiet --profile bench -p caidan-core --features cli
caidan="$root/target/release/caidan"

# Seconds and peak memory of a command.
timed() {
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/mem" "$@"
  end=$(date +%s.%N)
  printf '%-28s %8.2f s  %8d MB peak\n' "$label" "$(echo "$end - $start" | bc)" "$(( $(cat "$work/mem") / 1024 ))"
}
br() { brotli -q 11 -c "$1" | wc -c; }
kb() { echo "$(( ($1 + 512) / 1024 )) KB"; }

echo "national feed: $services services, $districts districts; files in $work"
timed "gen (one document)" sh -c "'$caidan' gen --services $services --districts $districts > '$work/feed.json'"
rm -rf "$work/out"
timed "split" "$caidan" split "$work/feed.json" --out "$work/out"
timed "check (index + all shards)" "$caidan" check "$work/out/index.json"

whole=$(wc -c < "$work/feed.json")
# The whole document at -q 11 takes many minutes; WHOLE_QUALITY lowers it
# (a lower quality compresses less, so the resident's share looks larger).
whole_quality="${WHOLE_QUALITY:-11}"
whole_br=$(brotli -q "$whole_quality" -c "$work/feed.json" | wc -c)
index=$(wc -c < "$work/out/index.json")
index_br=$(br "$work/out/index.json")
# brotli -q 11 is slow (about 1 MB/s): the shards are compressed on every
# core, each beside its file (`x.json.br`), as a host serving them would.
ls "$work"/out/shards/*.json | xargs -P "$(nproc)" -I{} sh -c \
  'brotli -k -f -q 11 {} && printf "%s\t%s\t%s\n" "$(wc -c < {})" "$(wc -c < {}.br)" "$(basename {})"' > "$work/shards.tsv"
count=$(wc -l < "$work/shards.tsv")
largest=$(sort -t$'\t' -k2,2n "$work/shards.tsv" | tail -1)
median=$(sort -t$'\t' -k2,2n "$work/shards.tsv" | sed -n "$(( (count + 1) / 2 ))p")
total_br=$(awk -F'\t' '{s+=$2} END {print s}' "$work/shards.tsv")
largest_raw=$(cut -f1 <<< "$largest"); largest_br=$(cut -f2 <<< "$largest")
median_raw=$(cut -f1 <<< "$median"); median_br=$(cut -f2 <<< "$median")
echo
printf '%-34s %12s %12s\n' "file" "raw" "brotli"
printf '%-34s %12s %12s\n' "one document (brotli -q $whole_quality)" "$(kb "$whole")" "$(kb "$whole_br")"
printf '%-34s %12s %12s\n' "index.json" "$(kb "$index")" "$(kb "$index_br")"
printf '%-34s %12s %12s\n' "largest shard" "$(kb "$largest_raw")" "$(kb "$largest_br")"
printf '%-34s %12s %12s\n' "median shard" "$(kb "$median_raw")" "$(kb "$median_br")"
printf '%-34s %12s %12s\n' "all $count shards" "" "$(kb "$total_br")"
one=$(( index_br + largest_br ))
echo
one_raw=$(( index + largest_raw ))
echo "one resident (index + largest shard): $(kb "$one") brotli, $(echo "scale=2; 100 * $one / $whole_br" | bc) % of the whole feed's brotli; $(kb "$one_raw") raw, $(echo "scale=2; 100 * $one_raw / $whole" | bc) % of its raw bytes"

# In the browser: the app on this sharded feed, CPU 4x slower (needs the
# release build of the app and Chromium, which the bootstrap installs).
if [ "${SHARD_BENCH_APP:-1}" = 1 ]; then
  . "$root/scripts/bootstrap.sh"
  cd "$root"
  [ -f dist/index.html ] || trunk build --release
  CAIDAN_DIST="$root/dist" cargo run --quiet --release -p caidan-tests --bin caidan-shard-bench -- \
    "$work/out" --whole "$work/feed.json"
fi
