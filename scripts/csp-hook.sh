#!/usr/bin/env bash
# Trunk post-build hook: writes the Content-Security-Policy for this build
# (the hash of Trunk's inline bootstrap, the origins in caidan.json) into the
# staged index.html, and its header form, with frame-ancestors, beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
stage="${TRUNK_STAGING_DIR:?run by trunk}"
cargo run --quiet -p caidan-core --features cli --bin caidan -- \
  csp "$stage/caidan.json" "$stage/index.html" > "$stage/content-security-policy.txt"
