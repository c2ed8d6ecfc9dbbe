#!/usr/bin/env bash
# The main job: set up, build, and render the default pack into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
# Every plugin the main job uses: handouts, posters, quizzes and scorecards, with the themes
# and the PDF worker.
tools/setup.sh coachkit handout poster quiz rubric coachkit_themes coachkit_pdf_worker
exec "${COACHKIT_BUILD_DIR:-build}/bin/coachkit" build content/service-principles --out out "$@"
