#!/usr/bin/env bash
# Trunk post-build hook. Trunk runs the hooks of one stage side by side, so
# the steps that depend on each other run here, in order: the
# first view (a release build's first page, copied into index.html) goes
# in first, then the Content-Security-Policy, which allows its script by
# hash, then the offline build (icons, manifest, service worker) lists the
# shell as it will ship.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${TRUNK_PROFILE:-}" = release ] && [ "${CAIDAN_FIRST_VIEW:-1}" = 1 ]; then
  node scripts/first-view/snapshot.mjs "${TRUNK_STAGING_DIR:?run by trunk}"
fi
bash scripts/csp-hook.sh
node scripts/offline/build.mjs "${TRUNK_STAGING_DIR:?run by trunk}"
