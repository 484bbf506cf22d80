#!/usr/bin/env bash
# Trunk post-build hook. Trunk runs the hooks of one stage side by side, so
# the steps that depend on each other run here, in order: the
# Content-Security-Policy goes into index.html first, then the offline
# build (icons, manifest, service worker) lists the shell as it will ship.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/csp-hook.sh
node scripts/offline/build.mjs "${TRUNK_STAGING_DIR:?run by trunk}"
