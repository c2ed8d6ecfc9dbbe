#!/bin/sh
# Stands in for WeasyPrint in tests, as one whose every conversion fails would (a worker killed,
# a broken install): answers --version under a version of its own, so no earlier PDF counts as
# up to date, then fails every conversion with a message on standard error. Being no Python
# script, it also makes coachkit run its PDF worker with /bin/sh, which fails just as surely.
case "$*" in
  --version) echo "WeasyPrint version 0.0 (a failing stand-in)"; exit 0 ;;
esac
cat >/dev/null
echo "weasyprint: simulated failure for the test" >&2
exit 70
