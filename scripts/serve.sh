#!/usr/bin/env bash
# Sets up the toolchain, builds the app and serves it on the bundled sample
# feed at http://127.0.0.1:8080 (override with PORT=...).
set -euo pipefail
. "$(dirname "$0")/bootstrap.sh"
cd "$CAIDAN_ROOT"
PORT="${PORT:-8080}"
echo "Caidan will be at http://127.0.0.1:$PORT/ once built (Ctrl-C stops it)"
exec trunk serve --release --address 127.0.0.1 --port "$PORT"
