#!/usr/bin/env bash
# The whole test suite: set up, build everything, run every test; then the same again (but for
# the tests labelled `reader`) in a build with the address and undefined-behavior sanitizers.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
export COACHKIT_TEST_TOOLS=1

tools/setup.sh
tools/test-readers.sh build
(cd build && ctest --output-on-failure -j "$jobs" "$@")

COACHKIT_BUILD_DIR=build-sanitize \
  COACHKIT_CMAKE_ARGS="-DCOACHKIT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug" tools/setup.sh
tools/test-readers.sh build-sanitize
# Leaks that are another library's own are listed, with the reason, in the suppressions file.
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
# Tests labelled `reader` mostly time an outside reader (a browser, LibreOffice, a platform's
# importer) on files the first pass has already checked: the sanitizer pass leaves them out. So
# it does two more whose time is another program's: the count of the default pack's outputs
# (WeasyPrint's, for every PDF; the same build runs sanitised in Cli.BuildsTheDefaultPack…) and
# the SDK round trip (the compiler's, building a plugin outside the tree).
(cd build-sanitize && ctest --output-on-failure -j "$jobs" -LE reader \
  -E '^(BuildOutputs\.TheDefaultPackMakesWhatTheReadmeSays|sdk_roundtrip)$' "$@")
