#!/usr/bin/env bash
# Times a fitted poster against a plain one-page PDF render of the same HTML, in the same
# long-lived PDF worker (core/pdf/coachkit-pdf-worker.py): the fit's cost is its tries. The
# poster's HTML is the one coachkit makes (caught from pandoc on its way to the worker). Prints
# the figures; not a test. Usage: tools/bench/poster.sh [POSTER_ID] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit poster coachkit_themes coachkit_pdf_worker >/dev/null
build=${COACHKIT_BUILD_DIR:-build}
poster=${1:-life-principles}
runs=${2:-5}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# shellcheck source=tools/bench/catch_pdf_html.sh
source tools/bench/catch_pdf_html.sh
catch_pdf_html "$scratch" poster
html=$(ls "$scratch"/kept/* | grep -F "$poster" | head -1)
[[ -n $html ]] || { echo "no HTML caught for poster $poster" >&2; exit 1; }

/usr/bin/python3 - "$build/share/coachkit/pdf/coachkit-pdf-worker.py" "$html" "$scratch" "$runs" \
  "$build/share/coachkit/themes/default/" <<'PY'
# The fit is asked without a legibility limit, so it always runs its whole search.
import json, subprocess, sys, time
worker, html, scratch, runs, base = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
p = subprocess.Popen(["/usr/bin/python3", worker], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                     text=True)
p.stdout.readline()
def ask(fit):
    request = {"html": html, "pdf": scratch + "/bench.pdf", "base_url": base,
               "fit_to_one_page": fit, "smallest_font_pt": 0}
    start = time.perf_counter()
    p.stdin.write(json.dumps(request) + "\n"); p.stdin.flush()
    answer = json.loads(p.stdout.readline())
    assert answer["ok"], answer
    return time.perf_counter() - start
ask(False); ask(True)  # warm up: fonts, CSS parsing caches
plain = sorted(ask(False) for _ in range(runs))[runs // 2]
fitted = sorted(ask(True) for _ in range(runs))[runs // 2]
print("plain one-page render  %6.3f s (median of %d)" % (plain, runs))
print("fitted poster          %6.3f s (median of %d)" % (fitted, runs))
print("ratio                  %6.2f x" % (fitted / plain))
p.stdin.close(); p.wait()
PY
