#!/usr/bin/env bash
# How fast the first menu appears in headless Chromium, on the sample feed
# and a generated feed of SERVICES services (10,000 by default), at full
# speed and with the CPU slowed four times. Uses the release build in dist/
# (built first when missing).
set -euo pipefail
. "$(dirname "$0")/bootstrap.sh"
cd "$CAIDAN_ROOT"
[ -f dist/index.html ] || trunk build --release
CAIDAN_DIST="$CAIDAN_ROOT/dist" cargo run --quiet --release -p caidan-tests --bin caidan-bench -- "${1:-10000}"
