#!/bin/sh
# make bench: timings as ratios against references measured in the same run.
set -eu
BUILDDIR=${1:-_build}
echo "== catalog: search as you type and the clip list (30k clips) =="
"$BUILDDIR/tests/bench/bench-catalog"
