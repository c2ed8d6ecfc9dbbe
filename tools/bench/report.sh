#!/usr/bin/env bash
# Times `coachkit report` (HTML) on 10,000 evaluations of a 20-criterion rubric: the same files
# as tools/bench/score.sh makes (50 agents, 200 evaluations each, dates over a year), then
# 4,000 evaluations of one agent. Prints wall time, CPU time and peak memory (the largest
# resident set among coachkit and its children). Not a test.
#
# Measured on a busy 2-core machine (COACHKIT_BENCH_EVALUATIONS=2000 COACHKIT_BENCH_ONE_AGENT=1000,
# then the defaults), before and after the report bounded its document (per-period table, the
# latest 20 evaluations and notes), drew every chart in one gnuplot process and drew markers as
# point symbols instead of 1.7 KB polygons:
#   2,000 evaluations, 50 agents     before 10.9 s, 123 MB    after 5.5 s,  97 MB
#   1,000 of one agent, HTML         before  3.2 s, 728 MB    after 0.5 s, 125 MB
#   1,000 of one agent, DOCX         before 12.3 s, 1.6 GB    after 1.2 s, 155 MB
#   10,000 evaluations, 50 agents                              after 5.4 s, 115 MB
#   4,000 of one agent, HTML / DOCX  (issue: 22 s, 2.2 GB)     after 0.8 s, 216 MB / 0.9 s, 172 MB
# What remains is one pandoc run per report (about 0.1 s of CPU each), now on two threads for
# HTML and DOCX: 50 agents cost about 4 s of CPU, half that in wall time on 2 idle cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit >/dev/null
coachkit=$PWD/${COACHKIT_BUILD_DIR:-build}/bin/coachkit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [[ -n ${COACHKIT_BENCH_KEEP:-} ]]; then trap - EXIT; echo "kept in $scratch"; fi

# evaluations DIR COUNT AGENTS: the rubric in DIR/bench.toml and COUNT evaluations of AGENTS
# agents under DIR/evals, written by one awk program (a shell loop would take longer than what
# is timed).
evaluations() {
  awk -v dir="$1" -v n="$2" -v agents="$3" 'BEGIN {
    rubric = dir "/bench.toml"
    print "[rubric]\nid = \"bench\"\ntitle = \"Bench\"\nversion = 1" > rubric
    print "[[rubric.scale]]\nid = \"five\"\nrange = [1, 5]" > rubric
    for (v = 1; v <= 5; v++) print "[[rubric.scale.level]]\nvalue = " v "\ndescriptor = \"Level " v "\"" > rubric
    print "[[rubric.band]]\nlabel = \"Below\"\nfrom = 0\nto = 70\n[[rubric.band]]\nlabel = \"Meets\"\nfrom = 70\nto = 90\n[[rubric.band]]\nlabel = \"Exceeds\"\nfrom = 90\nto = 100" > rubric
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
    split("31 28 31 30 31 30 31 31 30 31 30 31", days)
    for (i = 0; i < n; i++) {
      sub_dir = dir "/evals/e" int(i / 1000)
      if (i % 1000 == 0) system("mkdir -p " sub_dir)
      f = sub_dir "/" i ".toml"
      day = int(rand() * 365); m = 1
      while (day >= days[m]) { day -= days[m]; m++ }
      print "[evaluation]\nrubric = \"bench\"\ninteraction = \"call-" i "\"\nevaluator = \"ev" (i % 10) "\"\nagent = \"agent" (i % agents) "\"\ndate = 2026-" sprintf("%02d-%02d", m, day + 1) "\n\n[answers]" > f
      for (k = 0; k < 20; k++) {
        c = k % 5
        if (c == 1 || c == 2) { r = int(rand() * 6); a = (r == 0) ? "\"na\"" : r }
        else if (c == 3) a = int(rand() * 4)
        else a = (rand() < 0.85) ? "\"yes\"" : "\"no\""
        print "c" k " = " a > f
      }
      if (i % 7 == 0) print "\n[notes]\nc1 = \"Note " i " on the first level criterion\"" > f
      close(f)
    }
  }'
}

# measure LABEL ARGS...: one run; wall and CPU seconds, and the peak resident set of the
# process tree (GNU time's figure is the largest of coachkit and the children it waited for).
measure() {
  local label=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$scratch/time.txt" "$coachkit" "$@" >/dev/null
  read -r wall user system kb <"$scratch/time.txt"
  printf '  %-44s %6.2f s wall, %6.2f s CPU, %5d MB peak\n' "$label" "$wall" \
    "$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')" $((kb / 1024))
}

echo "coachkit report, HTML, 20-criterion rubric"
mkdir -p "$scratch/many" "$scratch/one"
evaluations "$scratch/many" "${COACHKIT_BENCH_EVALUATIONS:-10000}" 50
evaluations "$scratch/one" "${COACHKIT_BENCH_ONE_AGENT:-4000}" 1
measure "$(ls -R "$scratch/many/evals" | grep -c toml) evaluations, 50 agents (50 reports)" \
  report "$scratch/many/bench.toml" "$scratch/many/evals" --out "$scratch/out-many"
measure "$(ls -R "$scratch/one/evals" | grep -c toml) evaluations of one agent" \
  report "$scratch/one/bench.toml" "$scratch/one/evals" --out "$scratch/out-one"
measure "the same, --format docx" \
  report "$scratch/one/bench.toml" "$scratch/one/evals" --format docx --out "$scratch/out-one"
