#!/usr/bin/env bash
# Times `coachkit calibrate` (which reads, checks and scores every evaluation, then computes the
# agreement statistics) on 10,000 evaluations of a 20-criterion rubric: 1,000 calls, each
# evaluated by the same 10 evaluators, with --expert. The goal is under a second. Also times
# `coachkit score` on the same files when the program has that command. Not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit >/dev/null
coachkit=$PWD/${COACHKIT_BUILD_DIR:-build}/bin/coachkit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The rubric and the evaluations, the same every run (a fixed linear congruential generator).
/usr/bin/python3 - "$scratch" <<'PY'
import os, sys
root = sys.argv[1]
criteria = []
lines = ['[rubric]', 'id = "bench"', 'title = "Benchmark"', 'method = "total-points"', '',
         '[[rubric.scale]]', 'id = "five"', 'kind = "levels"', 'range = [1, 5]', '',
         '[[rubric.section]]', 'title = "Everything"', '']
for i in range(20):
    kind = ("yes-no", "five", "points")[i % 3]
    lines += ['[[rubric.section.criterion]]', f'id = "c{i}"', f'text = "Criterion {i}"']
    if kind == "points":
        lines.append("points = 10")
    else:
        lines.append(f'scale = "{kind}"')
    if i in (0, 3):
        lines.append("critical = true")
    lines.append("")
    criteria.append(kind)
open(os.path.join(root, "rubric.toml"), "w").write("\n".join(lines))
state = 2026
def draw(n):
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 33) % n
for call in range(1000):
    truth = [draw(2) for _ in criteria]
    for e in range(10):
        folder = os.path.join(root, "evaluations", f"evaluator-{e}")
        os.makedirs(folder, exist_ok=True)
        out = ['[evaluation]', 'rubric = "bench"', f'interaction = "call-{call}"',
               f'evaluator = "evaluator-{e}"', 'agent = "sam"', 'date = 2026-11-20', '',
               '[answers]']
        for i, kind in enumerate(criteria):
            off = draw(10) < 2
            if kind == "yes-no":
                yes = truth[i] == 1
                if off:
                    yes = not yes
                out.append(f'c{i} = "{"yes" if yes else "no"}"')
            elif kind == "five":
                out.append(f"c{i} = {max(1, min(5, 3 + truth[i] + (draw(3) - 1 if off else 0)))}")
            else:
                out.append(f"c{i} = {max(0, min(10, 5 + 4 * truth[i] + (draw(5) - 2 if off else 0)))}")
        with open(os.path.join(folder, f"call-{call}.toml"), "w") as f:
            f.write("\n".join(out) + "\n")
PY

seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >"$scratch/last.txt"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

best() {
  local fastest=""
  for _ in 1 2 3; do
    t=$(seconds "$@")
    if [[ -z $fastest ]] || awk -v a="$t" -v b="$fastest" 'BEGIN { exit !(a < b) }'; then
      fastest=$t
    fi
  done
  echo "$fastest"
}

args=(calibrate "$scratch/rubric.toml" "$scratch/evaluations" --expert evaluator-0 --json)
"$coachkit" "${args[@]}" >/dev/null  # warm the file cache
echo "calibrate, 10,000 evaluations, 20 criteria, 10 evaluators: $(best "$coachkit" "${args[@]}") s (best of 3; goal < 1 s)"
if "$coachkit" --help | grep -q "^  score "; then
  echo "score, the same files: $(best "$coachkit" score "$scratch/rubric.toml" "$scratch/evaluations" --json) s (best of 3)"
fi
