#!/usr/bin/env bash
# Times save-to-reload in `coachkit serve` on the default pack: a copy of
# content/service-principles is served (HTML first, then every other format), its `service`
# handout is open in headless chromium (puppeteer-core, tools/test-readers.sh), and the
# principle's summary is saved EDITS times (default 5, each written beside the file and renamed
# over it, as editors do); each time from the save to the open page showing the new text is
# printed, then the median. The goal is 0.5 s or less. COACHKIT_BENCH_FORMATS narrows the formats
# (default: all, so the PDFs of the previous save may still be rendering). Not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${COACHKIT_BUILD_DIR:-build}
tools/setup.sh coachkit handout poster quiz rubric coachkit_themes coachkit_pdf_worker
tools/test-readers.sh "$build"
coachkit=$PWD/$build/bin/coachkit
modules=$PWD/$build/npm/node_modules
scratch=$(mktemp -d)
pid=
cleanup() {
  if [[ -n $pid ]]; then kill -INT "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
cp -r content/service-principles "$scratch/pack"
format_args=()
if [[ -n ${COACHKIT_BENCH_FORMATS:-} ]]; then format_args=(--format "$COACHKIT_BENCH_FORMATS"); fi
"$coachkit" serve "$scratch/pack" --out "$scratch/out" --port 0 "${format_args[@]}" \
  >"$scratch/serve.log" 2>&1 &
pid=$!
# The first full build (minutes from empty) must be over before timing.
echo "serve: first build of the default pack…" >&2
for _ in $(seq 6000); do
  [[ $(grep -c 'rebuilt in' "$scratch/serve.log" || true) -ge 2 ]] && break
  sleep 0.1
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$scratch/serve.log" | head -1)
result=$(node tests/scripts/serve_drive.js "$modules" "$url" \
  service-principles/handouts/service.html "$scratch/pack/principles/service.toml" \
  "$scratch/profile" "${EDITS:-5}")
echo "$result"
node -e '
  const r = JSON.parse(process.argv[1]);
  const t = r.reload_ms.slice().sort((a, b) => a - b);
  console.log("save to reload, ms: " + r.reload_ms.join(" ") + "; median " +
              t[Math.floor(t.length / 2)] + " (goal 500); problem shown " + r.problem_ms +
              ", cleared " + r.fix_ms);' "$result"
