#!/bin/sh
# Stands in for pandoc in tests: answers the version probes like pandoc 2.17 (under its own
# version, so no cached output counts as up to date), then fails every
# real conversion with a message on standard error, as a broken pandoc would.
case "$*" in
  --version) echo "pandoc 2.17.1.1 (a failing stand-in)"; exit 0 ;;
  "-f markdown -t json") echo '{"pandoc-api-version":[1,22,2,1],"meta":{},"blocks":[]}'; exit 0 ;;
esac
cat >/dev/null
echo "pandoc: simulated failure for the test" >&2
exit 64
