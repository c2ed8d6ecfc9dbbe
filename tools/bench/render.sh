#!/usr/bin/env bash
# Times rendering the default pack: cold (every output rendered) and warm (nothing changed),
# per format, with the build in build/. Prints one line per measurement; not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/setup.sh coachkit handout coachkit_themes coachkit_pdf_worker
coachkit=${COACHKIT_BUILD_DIR:-build}/bin/coachkit
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

for format in html docx odt md pdf all; do
  args=()
  [[ $format != all ]] && args=(--format "$format")
  out="$scratch/$format"
  cold=$(seconds "$coachkit" build content/service-principles --out "$out" "${args[@]}")
  warm=$(seconds "$coachkit" build content/service-principles --out "$out" "${args[@]}")
  files=$(find "$out" -type f ! -name '.*' | wc -l)
  printf '%-5s %4d files  cold %6.2f s  warm %5.2f s\n' "$format" "$files" "$cold" "$warm"
done
