#!/usr/bin/env bash
# The whole test suite: set up, build everything, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
cd "${COACHKIT_BUILD_DIR:-build}"
exec ctest --output-on-failure -j "$(nproc)" "$@"
