#!/usr/bin/env bash
# Side by side, in one run (not a test): coachkit's build against the per-document floor, bare
# pandoc run once per document on the very inputs the build gives it, with the same
# parallelism. Makes a synthetic pack of N principles (tools/bench/make_pack.py), records the
# renderer's pandoc runs once (COACHKIT_PANDOC pointing at a recording wrapper that keeps argv,
# environment and stdin, and, for a batch of many documents per pandoc, the files that list
# them), and replays each document as its own pandoc process with xargs -P JOBS. Then, the two
# alternating round by round so that machine load hits both:
#   cold build (html and docx) vs the floor, wall and CPU (user + system, children included);
#   the no-op build (median of 3) and the build after one principle changed;
#   PDF per document against WeasyPrint's command line on the same HTML (tools/bench/pdf.sh when
#     it is there; otherwise the cold PDF build of the default pack's handouts against its
#     floor: pandoc and weasyprint's command line per document, JOBS at a time);
#   lint of a pack of 10,000 principles, wall, CPU and peak memory (median of 3), against
#     toml++ parsing the same files on JOBS threads and doing nothing else.
#
# Usage: tools/bench/compare.sh [N] [ROUNDS]
#   N       principles in the synthetic pack (default 500)
#   ROUNDS  cold builds and floors, alternating (default 2)
#   COACHKIT_BENCH_JOBS  --jobs of the build and -P of the floor (default: the cores)
# A recorded batch run is replayed as one process per document it lists, so the floor stays the
# per-document one whether or not the build batches.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit handout coachkit_themes coachkit_pdf_worker
root=$PWD
build=${COACHKIT_BUILD_DIR:-build}
coachkit=$root/$build/bin/coachkit
principles=${1:-500}
rounds=${2:-2}
jobs=${COACHKIT_BENCH_JOBS:-$(nproc)}
pandoc=$(command -v pandoc)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Seconds, user+system CPU seconds and peak KB of a command, as "WALL CPU KB".
measure() {
  /usr/bin/time -o "$scratch/time.txt" -f "%e %U %S %M" "$@" >"$scratch/last.txt" 2>&1 || {
    cat "$scratch/last.txt" >&2
    return 1
  }
  awk '{ printf "%.2f %.2f %d", $1, $2 + $3, $4 }' "$scratch/time.txt"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# The recording pandoc. coachkit gives its tools a clean environment, so the folders are
# written into the script.
recording=$scratch/recording-pandoc
cat >"$recording" <<SH
#!/bin/bash
record=$scratch/record
real=$pandoc
helper=$root/tools/bench/pandoc_runs.py
SH
cat >>"$recording" <<'SH'
if [[ $* == --version ]]; then exec "$real" "$@"; fi
run=$(mktemp -d "$record/run.XXXXXXXX")
printf '%s\0' "$@" >"$run/argv"
env -0 >"$run/env"
cat >"$run/stdin"
if grep -q coachkit-batch-list "$run/stdin"; then /usr/bin/python3 "$helper" keep-batch "$run"; fi
"$real" "$@" <"$run/stdin"
status=$?
echo "$status" >"$run/status"
exit "$status"
SH
# One recorded document, replayed as its own pandoc process.
replay=$scratch/replay
cat >"$replay" <<SH
#!/bin/bash
real=$pandoc
SH
cat >>"$replay" <<'SH'
mapfile -d '' -t argv <"$1/argv"
mapfile -d '' -t environment <"$1/env"
exec env -i "${environment[@]}" "$real" "${argv[@]}" <"$1/stdin"
SH
# The floor: every job folder of $1 through $2 (default: the replay), JOBS at a time.
floor=$scratch/floor
cat >"$floor" <<SH
#!/bin/bash
find "\$1" -mindepth 1 -maxdepth 1 -type d -print0 | sort -z |
  xargs -0 -n 1 -P $jobs "\${2:-$replay}" >/dev/null
SH
chmod +x "$recording" "$replay" "$floor"

pack=$scratch/pack
/usr/bin/python3 tools/bench/make_pack.py "$pack" --principles "$principles"
formats=html,docx
build_args=(build "$pack" --out "$scratch/out" --format "$formats" --only handout --jobs "$jobs")

mkdir -p "$scratch/record"
# The recording builds' own output (warnings included) is shown only when they fail.
record() { COACHKIT_PANDOC=$recording "$coachkit" "$@" >"$scratch/record.txt" 2>&1 || {
  cat "$scratch/record.txt" >&2
  return 1
}; }
record build "$pack" --out "$scratch/recorded" --format "$formats" --only handout --jobs "$jobs"
read -r documents batched < <(/usr/bin/python3 tools/bench/pandoc_runs.py expand \
  "$scratch/record" "$scratch/jobs")
outputs=$(find "$scratch/recorded" -type f ! -name '.*' | wc -l)
echo "compare: $principles principles, $outputs outputs (html, docx), $documents pandoc documents" \
  "recorded ($batched of them in batches), --jobs $jobs, $rounds rounds"

cold_runs=() floor_runs=()
for ((round = 1; round <= rounds; round++)); do
  rm -rf "$scratch/out"
  if ((round % 2)); then
    cold_runs+=("$(measure "$coachkit" "${build_args[@]}")")
    floor_runs+=("$(measure "$floor" "$scratch/jobs")")
  else
    floor_runs+=("$(measure "$floor" "$scratch/jobs")")
    cold_runs+=("$(measure "$coachkit" "${build_args[@]}")")
  fi
done
cold_wall=$(printf '%s\n' "${cold_runs[@]}" | cut -d' ' -f1 | median)
cold_cpu=$(printf '%s\n' "${cold_runs[@]}" | cut -d' ' -f2 | median)
floor_wall=$(printf '%s\n' "${floor_runs[@]}" | cut -d' ' -f1 | median)
floor_cpu=$(printf '%s\n' "${floor_runs[@]}" | cut -d' ' -f2 | median)
printf 'cold build   %6.2f s wall %6.2f s CPU   floor %6.2f s wall %6.2f s CPU   build/floor %sx wall %sx CPU\n' \
  "$cold_wall" "$cold_cpu" "$floor_wall" "$floor_cpu" "$(ratio "$cold_wall" "$floor_wall")" \
  "$(ratio "$cold_cpu" "$floor_cpu")"
printf '             each round (wall CPU KB): build %s; floor %s\n' \
  "$(printf '[%s] ' "${cold_runs[@]}")" "$(printf '[%s] ' "${floor_runs[@]}")"

noop_runs=()
for _ in 1 2 3; do noop_runs+=("$(measure "$coachkit" "${build_args[@]}" | cut -d' ' -f1)"); done
noop=$(printf '%s\n' "${noop_runs[@]}" | median)
first=$(find "$pack/principles" -name '*.toml' | sort | head -1)
sed -i 's/^summary = "/summary = "Changed. /' "$first"
edit=$(measure "$coachkit" "${build_args[@]}")
printf 'no-op build  %6.2f s (median of %s)   one principle changed %6.2f s wall %6.2f s CPU\n' \
  "$noop" "${noop_runs[*]}" "${edit%% *}" "$(echo "$edit" | cut -d' ' -f2)"

if [[ -x tools/bench/pdf.sh ]]; then
  tools/bench/pdf.sh | sed 's/^/pdf          /'
else
  # No pdf.sh: the default pack's handouts as PDF, built cold, against pandoc and WeasyPrint's
  # command line run per document on the same inputs, JOBS at a time.
  rm -rf "$scratch/record" "$scratch/pdf-jobs"
  mkdir -p "$scratch/record"
  pdf_args=(build content/service-principles --only handout --format pdf --jobs "$jobs")
  record "${pdf_args[@]}" --out "$scratch/pdf-recorded"
  read -r pdfs _ < <(/usr/bin/python3 tools/bench/pandoc_runs.py expand "$scratch/record" \
    "$scratch/pdf-jobs")
  theme=$root/$build/share/coachkit/themes/default/
  cat >"$scratch/pdf-floor" <<SH
#!/bin/bash
"$replay" "\$1" && exec env -i SOURCE_DATE_EPOCH=1700000000 PATH=/usr/bin:/bin \
  /usr/bin/python3 -m weasyprint --pdf-variant pdf/ua-1 --base-url "$theme" "\$1/out" "\$1/out.pdf"
SH
  chmod +x "$scratch/pdf-floor"
  rm -rf "$scratch/pdf-out"
  pdf_build=$(measure "$coachkit" "${pdf_args[@]}" --out "$scratch/pdf-out")
  pdf_floor_run=$(measure "$floor" "$scratch/pdf-jobs" "$scratch/pdf-floor")
  printf 'pdf          (no tools/bench/pdf.sh: the whole build against its floor) %d PDFs: build %6.2f s wall %6.2f s CPU   pandoc + weasyprint per document %6.2f s wall %6.2f s CPU   floor/build %sx wall\n' \
    "$pdfs" "${pdf_build%% *}" "$(echo "$pdf_build" | cut -d' ' -f2)" "${pdf_floor_run%% *}" \
    "$(echo "$pdf_floor_run" | cut -d' ' -f2)" \
    "$(ratio "${pdf_floor_run%% *}" "${pdf_build%% *}")"
fi

big=$scratch/pack-10000
/usr/bin/python3 tools/bench/make_pack.py "$big" --principles 10000
# The parser's own floor on the same files: toml++ parsing each file on JOBS threads and doing
# nothing else (tools/bench/toml_floor.cpp), alternating with lint.
c++ -std=c++17 -O2 tools/bench/toml_floor.cpp -o "$scratch/toml_floor" -ltomlplusplus -pthread
lint_runs=() floor_runs=()
for _ in 1 2 3; do
  lint_runs+=("$(measure "$coachkit" lint "$big")")
  floor_runs+=("$(measure "$scratch/toml_floor" "$big" "$jobs")")
done
lint_wall=$(printf '%s\n' "${lint_runs[@]}" | cut -d' ' -f1 | median)
lint_cpu=$(printf '%s\n' "${lint_runs[@]}" | cut -d' ' -f2 | median)
lint_kb=$(printf '%s\n' "${lint_runs[@]}" | cut -d' ' -f3 | median)
floor_wall=$(printf '%s\n' "${floor_runs[@]}" | cut -d' ' -f1 | median)
floor_cpu=$(printf '%s\n' "${floor_runs[@]}" | cut -d' ' -f2 | median)
printf 'lint 10,000  %6.2f s wall %6.2f s CPU (median of 3: %s)  peak %d MB   toml++ parse alone %6.2f s wall %6.2f s CPU   lint/parse %sx wall\n' \
  "$lint_wall" "$lint_cpu" \
  "$(printf '%s ' "${lint_runs[@]}" | awk '{ for (i = 1; i <= NF; i += 3) printf "%s ", $i }')" \
  "$((lint_kb / 1024))" "$floor_wall" "$floor_cpu" "$(ratio "$lint_wall" "$floor_wall")"
