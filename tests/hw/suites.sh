#!/usr/bin/env bash
# suites.sh — runs inside the nested machine (tests/hw/test-hw.sh starts it through
# tests/hw/run): one `tests/run.sh BUILD_DIR FILTER` per suite name given, output as it
# comes. "test-hw: " lines are progress, which test-hw.sh moves to its stderr.
# Usage: tests/hw/suites.sh BUILD_DIR SUITE...
set -eu
B=$1
shift
cd "$(dirname "$0")/../.."
st=0
for s in "$@"; do
	echo "test-hw: suite $s"
	bash tests/run.sh "$B" "$s" || st=1
done
exit $st
