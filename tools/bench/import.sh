#!/usr/bin/env bash
# Times `coachkit import` on a wide export with 100,000 columns the map ignores (a QA platform
# that exports every custom field) and 100 rows, and on 1.3 million rows that are all wrong
# (only the first 100 problems are kept; the peak memory is printed when GNU time is there).
# Ignoring columns was quadratic (10.9 s for 100,000); the goal is well under a second. Not a
# test.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit >/dev/null
coachkit=$PWD/${COACHKIT_BUILD_DIR:-build}/bin/coachkit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [[ -n ${COACHKIT_BENCH_KEEP:-} ]]; then trap - EXIT; echo "kept in $scratch"; fi
columns=${COACHKIT_BENCH_COLUMNS:-100000}

cat >"$scratch/form.toml" <<'TOML'
[rubric]
id = "form"
title = "Form"
[[rubric.section]]
title = "All"
weight = 100
[[rubric.section.criterion]]
id = "greeting"
text = "Greets"
TOML
awk -v dir="$scratch" -v n="$columns" 'BEGIN {
  map = dir "/map.toml"; csv = dir "/wide.csv"
  printf "[import]\nignore = [" > map
  printf "interaction,evaluator,agent,date,greeting" > csv
  for (c = 0; c < n; c++) {
    printf("%s\"f%d\"", (c ? "," : ""), c) > map
    printf(",f%d", c) > csv
  }
  print "]" > map
  print "" > csv
  for (r = 0; r < 100; r++) {
    printf("t-%d,dana,sam,2026-11-20,yes", r) > csv
    for (c = 0; c < n; c++) printf ",x" > csv
    print "" > csv
  }
  bad = dir "/bad.csv"
  print "interaction,evaluator,agent,date,greeting" > bad
  for (r = 0; r < 1300000; r++) print "x" > bad
}'

# Wall-clock time and CPU time (user + system): on a busy machine the CPU time is the fairer
# figure. The peak memory comes from GNU time when it is installed.
TIMEFORMAT='%R s wall, %U s user, %S s system'
timed() {
  printf '  %s: ' "$1"
  shift
  if [[ -x /usr/bin/time ]]; then
    { time /usr/bin/time -o "$scratch/peak" -f '%M' "$@" >/dev/null 2>&1 || true; } 2>&1
    echo "    peak memory $(tail -1 "$scratch/peak") KiB"
  else
    { time "$@" >/dev/null 2>&1 || true; } 2>&1
  fi
}

echo "coachkit import"
timed "$columns ignored columns, 100 rows" \
  "$coachkit" import "$scratch/form.toml" "$scratch/wide.csv" --map "$scratch/map.toml" \
  --out "$scratch/out"
test "$(ls "$scratch/out" | wc -l)" = 100 || { echo "import did not write 100 files" >&2; exit 1; }
timed "1.3 million bad rows" \
  "$coachkit" import "$scratch/form.toml" "$scratch/bad.csv" --out "$scratch/bad-out"
