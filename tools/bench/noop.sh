#!/usr/bin/env bash
# Times the no-op build of a large pack: 250 principles in html, md, docx and odt (1,004 outputs).
# With nothing changed, coachkit only stats its inputs and outputs; the goal is 0.3 s or less.
# Also times a build after one principle changed (only the documents that include it are
# rendered). The cold build uses a copying stand-in for pandoc unless COACHKIT_BENCH_REAL_PANDOC=1,
# since what is timed here is the build's own work, not pandoc's. Not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit handout coachkit_themes coachkit_pdf_worker
coachkit=$PWD/${COACHKIT_BUILD_DIR:-build}/bin/coachkit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [[ ${COACHKIT_BENCH_REAL_PANDOC:-} != 1 ]]; then
  export COACHKIT_PANDOC=$PWD/tests/scripts/copying_pandoc.sh
fi

pack=$scratch/pack
mkdir -p "$pack/principles"
sed -e '/^\[\[group\]\]/,$d' content/service-principles/pack.toml >"$pack/pack.toml"
for i in $(seq 1 250); do
  sed -e "s/^id = \"respect\"/id = \"principle-$i\"/" -e '/^group = /d' -e '/^order = /d' \
    -e '/^source = /d' content/service-principles/principles/respect.toml \
    >"$pack/principles/p$i.toml"
done

seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >"$scratch/last.txt"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

args=(build "$pack" --out "$scratch/out" --format html,md,docx,odt)
cold=$(seconds "$coachkit" "${args[@]}")
files=$(find "$scratch/out" -type f ! -name '.*' | wc -l)
runs=()
for _ in 1 2 3 4 5; do runs+=("$(seconds "$coachkit" "${args[@]}")"); done
median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
sed -i 's/^summary = "/summary = "Changed. /' "$pack/principles/p7.toml"
changed=$(seconds "$coachkit" "${args[@]}")
"$coachkit" "${args[@]}" | sed "s/^/after the change, again: /"
cat "$scratch/last.txt"
printf '%d outputs  cold %s s  no-op median of 5 %s s (%s)  one principle changed %s s\n' \
  "$files" "$cold" "$median" "${runs[*]}" "$changed"
