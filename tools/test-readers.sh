#!/usr/bin/env bash
# Installs the npm packages the tests read outputs with (tests/npm/package.json) under
# BUILD_DIR/npm, never globally; again only when that list changed. Idempotent and quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:-build}/npm
mkdir -p "$prefix"
if cmp -s tests/npm/package.json "$prefix/package.json" && [[ -d $prefix/node_modules ]]; then
  exit 0
fi
cp tests/npm/package.json "$prefix/package.json"
rm -f "$prefix/package-lock.json"
echo "coachkit: installing the test readers from npm into $prefix" >&2
# puppeteer-core never downloads a browser, nor does the puppeteer that @axe-core/puppeteer asks
# for alongside it: the tests drive Debian's chromium.
CI=true PUPPETEER_SKIP_DOWNLOAD=1 npm_config_update_notifier=false npm install --prefix "$prefix" --no-audit --no-fund \
  --loglevel=error </dev/null >/dev/null
