#!/usr/bin/env bash
# coachkit serve in a real browser: a scaffolded pack served, its handout opened from the index
# in headless chromium, a save changes the open page, a broken save shows FILE:LINE:COL above
# the last good page, a fix clears it. Skipped (77) without chromium or the npm readers
# (tools/test-readers.sh BUILD_DIR installs them).
# Usage: serve_browser.sh COACHKIT NODE_MODULES
set -euo pipefail
coachkit=$1
modules=$2
here=$(cd "$(dirname "$0")" && pwd)
if [[ ! -x /usr/bin/chromium || ! -d $modules/puppeteer-core ]] || ! command -v node >/dev/null; then
  echo "SKIP: needs /usr/bin/chromium, node and puppeteer-core under $modules (tools/test-readers.sh)"
  exit 77
fi
work=$(mktemp -d)
serve_pid=
cleanup() {
  if [[ -n $serve_pid ]]; then kill "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
"$coachkit" new pack demo >/dev/null
"$coachkit" serve demo --format html --port 0 >serve.log 2>&1 &
serve_pid=$!
for _ in $(seq 1200); do
  grep -q 'rebuilt in' serve.log && break
  sleep 0.1
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' serve.log | head -1)
if [[ -z $url ]] || ! grep -q 'rebuilt in' serve.log; then
  echo "serve did not start:"; cat serve.log; exit 1
fi
if ! result=$(node "$here/serve_drive.js" "$modules" "$url" demo/handouts/listen-first.html \
    demo/pack/principles/listen-first.toml "$work/profile"); then
  echo "serve_drive.js failed; serve printed:"; cat serve.log; exit 1
fi
echo "$result"
# Ctrl-C between builds stops it with 0 (during one it interrupts the build, as in `build`).
sleep 1
for _ in $(seq 600); do
  index=$(curl -s "$url" || true)
  [[ $index == *rebuilding* ]] || break
  sleep 0.2
done
kill -INT "$serve_pid"
status=0
wait "$serve_pid" || status=$?
serve_pid=
if [[ $status -ne 0 ]] || ! grep -q 'stopped serving' serve.log; then
  echo "Ctrl-C did not stop serve cleanly (exit $status)"; cat serve.log; exit 1
fi
echo "serve_browser: the page followed every save"
