#!/bin/sh
# make bench: timings as ratios against references measured in the same run.
set -eu
BUILDDIR=${1:-_build}
echo "== catalog: search as you type and the clip list (30k clips) =="
"$BUILDDIR/tests/bench/bench-catalog"

echo
echo "== catalog: the clip tiles' file states (30k clips) =="
"$BUILDDIR/tests/bench/bench-clip-transfer"

echo
echo "== media: 1080p -> 720p proxy vs ffmpeg, import throughput =="
sh "$(dirname "$0")/bench-media.sh" "$BUILDDIR" 3 200

echo
echo "== sync: initial pull, round trip, pull requests/s, blob upload =="
sh "$(dirname "$0")/bench-sync.sh" "$BUILDDIR"

echo
echo "== blobs: the app's uploader vs curl, presigned PUT (fs) =="
sh "$(dirname "$0")/bench-blob.sh" "$BUILDDIR"

echo
echo "== mail: athletes' emails per second, one instance and three =="
sh "$(dirname "$0")/bench-mail.sh" "$BUILDDIR"

echo
echo "== UI: start to first frame, the clip grid on 30k clips, scrolling =="
sh "$(dirname "$0")/bench-ui.sh" "$BUILDDIR"
