#!/usr/bin/env bash
# The main job: set up, build, and render the default pack into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh coachkit handout coachkit_themes coachkit_pdf_worker
exec "${COACHKIT_BUILD_DIR:-build}/bin/coachkit" build content/service-principles --out out "$@"
