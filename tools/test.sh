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
# it does others whose time is another program's and whose coachkit code other tests run
# sanitised: the count of the default pack's outputs (WeasyPrint's, for every PDF; the same
# build runs sanitised in Cli.BuildsTheDefaultPack…), the SDK round trip (the compiler's,
# building a plugin outside the tree), the byte-for-byte batch comparison (pandoc's, every
# format twice; PandocBatch's other test runs the batch code) and the tests that convert office
# files with LibreOffice (the DOCX and ODT they read are made sanitised in Cli.BuildsTheDefault…
# and in the Editions and WorksheetPrint tests that stay).
sanitizer_skips=(
  'BuildOutputs\.TheDefaultPackMakesWhatTheReadmeSays'
  'sdk_roundtrip'
  'PandocBatch\.EveryFormatByteForByteAsOneProcessPerDocument'
  'Editions\.OnePaperSizeForPdfDocxAndOdtWithPageNumbersInEach'
  'Editions\.AnActivitysTitleIsLargerThanItsStepsHeadingInOdtAndDocx'
  'WorksheetPrint\.LibreOfficeOpensTheOdtAndDocxWithTheirGridAndLines'
)
skips=$(IFS='|'; echo "${sanitizer_skips[*]}")
(cd build-sanitize && ctest --output-on-failure -j "$jobs" -LE reader -E "^($skips)\$" "$@")
