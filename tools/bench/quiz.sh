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
mkdir -p "$pack/principles" "$pack/questions"
sed -e '/^\[\[group\]\]/,$d' content/service-principles/pack.toml >"$pack/pack.toml"
for p in $(seq 1 20); do
  sed -e "s/^id = \"respect\"/id = \"principle-$p\"/" -e '/^group = /d' -e '/^order = /d' \
    -e '/^source = /d' content/service-principles/principles/respect.toml \
    >"$pack/principles/p$p.toml"
done
for i in $(seq 1 1000); do
  p=$(((i % 20) + 1))
  case $((i % 7)) in
    0) printf '[[question]]\nid = "q%d"\nprinciple = "principle-%d"\nkind = "single"\nprompt = "Question %d: which {one} ~ = #?"\nchoices = ["Right %d", "Wrong a", { text = "Wrong b", feedback = "No: {b}" }, { text = "All of the above", pinned = true }]\nanswer = "Right %d"\nfeedback = "Because <%d>."\n\n' "$i" "$p" "$i" "$i" "$i" "$i" ;;
    1) printf '[[question]]\nid = "q%d"\nprinciple = "principle-%d"\nkind = "multiple"\nprompt = "Question %d: pick two"\nchoices = ["A", "B", "C", "D"]\nanswer = ["A", "C"]\n\n' "$i" "$p" "$i" ;;
    2) printf '[[question]]\nid = "q%d"\nprinciple = "principle-%d"\nkind = "true-false"\nprompt = "Question %d is true"\nanswer = true\n\n' "$i" "$p" "$i" ;;
    3) printf '[[question]]\nid = "q%d"\nprinciple = "principle-%d"\nkind = "matching"\nprompt = "Question %d: match"\npairs = [["a", "1"], ["b", "2"], ["c", "3"]]\n\n' "$i" "$p" "$i" ;;
    4) printf '[[question]]\nid = "q%d"\nprinciple = "principle-%d"\nkind = "ordering"\nprompt = "Question %d: order"\norder = ["First", "Second", "Third", "Fourth"]\n\n' "$i" "$p" "$i" ;;
    5) printf '[[question]]\nid = "q%d"\nprinciple = "principle-%d"\nkind = "short"\nprompt = "Question %d: name it"\nanswer = ["respect", "courtesy"]\n\n' "$i" "$p" "$i" ;;
    6) printf '[[question]]\nid = "q%d"\nprinciple = "principle-%d"\nkind = "numeric"\nprompt = "Question %d: how many?"\nanswer = %d\ntolerance = 0.5\n\n' "$i" "$p" "$i" "$i" ;;
  esac
done >"$pack/questions/all.toml"

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
