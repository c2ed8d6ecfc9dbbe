#!/usr/bin/env bash
# Times a quiz build of 1,000 authored questions (every kind, over 20 principles) in 4 versions,
# in every format but PDF: the printable quizzes and keys in html and docx (through pandoc), and
# GIFT, Moodle XML, the Canvas QTI package and the self-check page. The goal is under 5 s.
# Not a test. Prints the seconds; COACHKIT_BENCH_FORMATS overrides the formats (e.g. html), and
# COACHKIT_BENCH_ARGS adds build arguments (e.g. --set quiz.exports=gift,qti to leave pandoc out).
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit quiz coachkit_themes coachkit_pdf_worker
coachkit=$PWD/${COACHKIT_BUILD_DIR:-build}/bin/coachkit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
formats=${COACHKIT_BENCH_FORMATS:-html,docx}

pack=$scratch/pack
tools/bench/quiz_pack.sh "$pack"

# Wall time, and the CPU time of coachkit and everything it ran (pandoc): on a busy machine the
# wall time says more about the other load than about the build.
TIMEFORMAT='%R %U %S'
{ time "$coachkit" build "$pack" --out "$scratch/out" --only quiz --format "$formats" --versions 4 \
  --drawn none --seed 1 ${COACHKIT_BENCH_ARGS:-} >"$scratch/log.txt" 2>"$scratch/err.txt"; } \
  2>"$scratch/time.txt"
read -r wall user sys <"$scratch/time.txt"
files=$(find "$scratch/out" -path '*/quiz/*' -type f | wc -l)
awk -v w="$wall" -v u="$user" -v s="$sys" -v f="$files" -v fm="$formats" \
  'BEGIN { printf "quiz: 1000 questions x 4 versions, %d files (%s + gift, xml, qti, self-check): %.2f s wall, %.2f s CPU\n", f, fm, w, u + s }'
