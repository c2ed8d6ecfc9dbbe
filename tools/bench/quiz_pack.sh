#!/usr/bin/env bash
# Writes the benchmarks' quiz pack to DIR: 1,000 authored questions, every kind, over 20
# principles (copies of the default pack's "respect"). Used by quiz.sh and scorm.sh.
#   tools/bench/quiz_pack.sh DIR
set -euo pipefail
pack=$1
content=$(dirname "$0")/../../content/service-principles
mkdir -p "$pack/principles" "$pack/questions"
sed -e '/^\[\[group\]\]/,$d' "$content/pack.toml" >"$pack/pack.toml"
for p in $(seq 1 20); do
  sed -e "s/^id = \"respect\"/id = \"principle-$p\"/" -e '/^group = /d' -e '/^order = /d' \
    -e '/^source = /d' "$content/principles/respect.toml" \
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
