#!/usr/bin/env bash
# Times `coachkit score` on 10,000 evaluations of a 20-criterion rubric (4 sections of 5: yes/no,
# levels 1-5 with N/A, points 0-3, one critical, one bonus) by 10 evaluators; the goal is well
# under a second. Reading the 10,000 files is part of what is timed. Not a test.
# (The calibrate command adds its own timing to this script.)
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit >/dev/null
coachkit=$PWD/${COACHKIT_BUILD_DIR:-build}/bin/coachkit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [[ -n ${COACHKIT_BENCH_KEEP:-} ]]; then trap - EXIT; echo "kept in $scratch"; fi
evaluations=${COACHKIT_BENCH_EVALUATIONS:-10000}

# The rubric and the evaluations, written by one awk program (a shell loop would take longer
# than what is timed).
awk -v dir="$scratch" -v n="$evaluations" 'BEGIN {
  rubric = dir "/bench.toml"
  print "[rubric]\nid = \"bench\"\ntitle = \"Bench\"\nversion = 1" > rubric
  print "[[rubric.scale]]\nid = \"five\"\nrange = [1, 5]" > rubric
  for (v = 1; v <= 5; v++) print "[[rubric.scale.level]]\nvalue = " v "\ndescriptor = \"Level " v "\"" > rubric
  for (s = 0; s < 4; s++) {
    print "[[rubric.section]]\ntitle = \"Section " s "\"\nweight = 25" > rubric
    for (c = 0; c < 5; c++) {
      id = "c" (s * 5 + c)
      print "[[rubric.section.criterion]]\nid = \"" id "\"\ntext = \"Criterion " id "\"" > rubric
      if (c == 1 || c == 2) print "scale = \"five\"\nna = \"excluded\"" > rubric
      if (c == 3) print "points = 3" > rubric
      if (c == 0 && s == 0) print "critical = true" > rubric
      if (c == 4 && s == 3) print "bonus = true" > rubric
    }
  }
  close(rubric)
  srand(7)
  for (i = 0; i < n; i++) {
    sub_dir = dir "/evals/e" int(i / 1000)
    if (i % 1000 == 0) system("mkdir -p " sub_dir)
    f = sub_dir "/" i ".toml"
    print "[evaluation]\nrubric = \"bench\"\ninteraction = \"call-" int(i / 10) "\"\nevaluator = \"ev" (i % 10) "\"\nagent = \"agent" (int(i / 10) % 50) "\"\ndate = 2026-11-" sprintf("%02d", 1 + (i % 28)) "\n\n[answers]" > f
    for (k = 0; k < 20; k++) {
      c = k % 5
      if (c == 1 || c == 2) { r = int(rand() * 6); a = (r == 0) ? "\"na\"" : r }
      else if (c == 3) a = int(rand() * 4)
      else a = (rand() < 0.85) ? "\"yes\"" : "\"no\""
      print "c" k " = " a > f
    }
    close(f)
  }
}'
echo "coachkit score: $evaluations evaluations of a 20-criterion rubric"
# Wall-clock time and CPU time (user + system): on a busy machine the CPU time is the fairer
# figure.
TIMEFORMAT='%R s wall, %U s user, %S s system'
for format in "" --csv --json; do
  printf '  %-7s ' "${format:-text}"
  { time "$coachkit" score $format "$scratch/bench.toml" "$scratch/evals" >/dev/null; } 2>&1
done
