#!/usr/bin/env bash
# What the SCORM packages add to a quiz build: the benchmarks' quiz pack (1,000 questions, every
# kind; tools/bench/quiz_pack.sh) in 4 versions, built with the default exports and again with
# scorm12 and scorm2004 as well, runs alternating (ABBA, so drift on a busy machine falls on
# both). Prints the median wall and CPU time of each and the overhead; the goal is at most 10 %.
# Not a test.
#   tools/bench/scorm.sh [RUNS]    RUNS pairs (default 5); COACHKIT_BENCH_FORMATS as quiz.sh
#   (default html,docx); COACHKIT_BENCH_EXPORTS the exports without SCORM (default: the default
#   ones; e.g. gift,moodle-xml,qti,self-check leaves pandoc out, the packaging's worst case)
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit quiz coachkit_themes coachkit_pdf_worker
coachkit=$PWD/${COACHKIT_BUILD_DIR:-build}/bin/coachkit
runs=${1:-5}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
formats=${COACHKIT_BENCH_FORMATS:-html,docx}
exports=${COACHKIT_BENCH_EXPORTS:-gift,moodle-xml,qti,self-check,print}
tools/bench/quiz_pack.sh "$scratch/pack"

# One build into a fresh folder (nothing cached): "wall cpu" in seconds on stdout.
one() {
  local out=$scratch/out-$RANDOM$RANDOM
  TIMEFORMAT='%R %U %S'
  { time "$coachkit" build "$scratch/pack" --out "$out" --only quiz --format "$formats" \
    --versions 4 --drawn none --seed 1 --set "quiz.exports=$1" >"$scratch/log.txt" \
    2>"$scratch/err.txt"; } 2>"$scratch/time.txt" || { cat "$scratch/err.txt" >&2; exit 2; }
  rm -rf "$out"
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$scratch/time.txt"
}
: >"$scratch/plain.txt"
: >"$scratch/scorm.txt"
one "$exports" >/dev/null  # warm-up: page cache, pandoc's first start
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then
    one "$exports" >>"$scratch/plain.txt"
    one "$exports,scorm12,scorm2004" >>"$scratch/scorm.txt"
  else
    one "$exports,scorm12,scorm2004" >>"$scratch/scorm.txt"
    one "$exports" >>"$scratch/plain.txt"
  fi
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pw=$(cut -d' ' -f1 "$scratch/plain.txt" | median)
pc=$(cut -d' ' -f2 "$scratch/plain.txt" | median)
sw=$(cut -d' ' -f1 "$scratch/scorm.txt" | median)
sc=$(cut -d' ' -f2 "$scratch/scorm.txt" | median)
awk -v pw="$pw" -v pc="$pc" -v sw="$sw" -v sc="$sc" -v n="$runs" -v e="$exports" -v f="$formats" 'BEGIN {
  printf "quiz: 1000 questions x 4 versions, exports %s, formats %s; median of %d alternating runs\n", e, f, n
  printf "  without SCORM: %.2f s wall, %.2f s CPU\n", pw, pc
  printf "  with scorm12 and scorm2004: %.2f s wall, %.2f s CPU\n", sw, sc
  printf "  SCORM packaging adds %+.1f %% wall, %+.1f %% CPU (goal: at most 10 %%)\n", (sw - pw) / pw * 100, (sc - pc) / pc * 100
}'
