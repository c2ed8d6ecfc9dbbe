#!/bin/sh
# Stands in for pandoc in tests of the build itself, where what pandoc makes does not matter but
# speed does: answers the version probes like pandoc 2.17, then copies its input (the JSON AST)
# to --output. COACHKIT_FAKE_PANDOC_DELAY makes each conversion take that many seconds;
# COACHKIT_FAKE_PANDOC_LOG names a file that gets one line per run.
if [ -n "$COACHKIT_FAKE_PANDOC_LOG" ]; then echo "$*" >>"$COACHKIT_FAKE_PANDOC_LOG"; fi
case "$*" in
  --version) echo "pandoc 2.17.1.1 (a copying stand-in)"; exit 0 ;;
  "-f markdown -t json") echo '{"pandoc-api-version":[1,22,2,1],"meta":{},"blocks":[]}'; exit 0 ;;
esac
output=
while [ $# -gt 0 ]; do
  if [ "$1" = "--output" ]; then output=$2; fi
  shift
done
if [ -n "$COACHKIT_FAKE_PANDOC_DELAY" ]; then sleep "$COACHKIT_FAKE_PANDOC_DELAY"; fi
if [ -n "$output" ]; then cat >"$output"; else cat; fi
