#!/bin/sh
# Media benchmark: our 720p proxy against ffmpeg with the same x264 settings
# (veryfast, CRF 23, a keyframe every 2 s), run alternately on the same
# 1080p clip; wall-time ratio, sizes and SSIM against the source. Then the
# import throughput (inspect + thumbnail) on short clips.
# usage: bench-media.sh BUILDDIR [ROUNDS] [IMPORT_CLIPS]
set -eu
BUILDDIR=${1:-_build}
ROUNDS=${2:-3}
CLIPS=${3:-200}
BENCH="$BUILDDIR/tests/bench/bench-media"

for tool in ffmpeg "$BENCH"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "bench-media: SKIP: $tool not found (Debian package ffmpeg)" >&2
    exit 0
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# 10 s of moving, textured 1080p30 with sound, nearly lossless.
ffmpeg -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30,noise=alls=6:allf=t" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000" -t 10 \
  -c:v libx264 -preset ultrafast -crf 10 -pix_fmt yuv420p -c:a aac "$tmp/src.mp4"

now() { date +%s.%N; }
ssim() {
  ffmpeg -v info -i "$1" -i "$tmp/src.mp4" \
    -lavfi "[1:v]scale=1280:720:flags=bicubic[ref];[0:v][ref]ssim" -f null - 2>&1 |
    sed -n 's/.*SSIM.* All:\([0-9.]*\).*/\1/p' | tail -1
}

ours_total=0
ffmpeg_total=0
i=0
while [ "$i" -lt "$ROUNDS" ]; do
  t=$("$BENCH" transcode "$tmp/src.mp4" "$tmp/ours.mp4" 720)
  ours_total=$(echo "$ours_total + $t" | bc -l)
  start=$(now)
  ffmpeg -v error -y -i "$tmp/src.mp4" -vf scale=-2:720 -c:v libx264 -preset veryfast -crf 23 \
    -g 60 -c:a aac -b:a 128k -movflags +faststart "$tmp/ffmpeg.mp4"
  end=$(now)
  ffmpeg_total=$(echo "$ffmpeg_total + $end - $start" | bc -l)
  i=$((i + 1))
done

ours_size=$(stat -c %s "$tmp/ours.mp4")
ffmpeg_size=$(stat -c %s "$tmp/ffmpeg.mp4")
echo "== media: 1080p -> 720p H.264 proxy, $ROUNDS rounds each, alternating =="
printf 'wall time: ours %.2f s, ffmpeg %.2f s, ratio ours/ffmpeg %.3f (budget <= 1.0)\n' \
  "$(echo "$ours_total / $ROUNDS" | bc -l)" "$(echo "$ffmpeg_total / $ROUNDS" | bc -l)" \
  "$(echo "$ours_total / $ffmpeg_total" | bc -l)"
printf 'size: ours %d bytes, ffmpeg %d bytes, ratio %.3f (budget <= 1.05)\n' \
  "$ours_size" "$ffmpeg_size" "$(echo "$ours_size / $ffmpeg_size" | bc -l)"
echo "SSIM vs source: ours $(ssim "$tmp/ours.mp4"), ffmpeg $(ssim "$tmp/ffmpeg.mp4") (budget: ours >= ffmpeg - 0.005)"

echo "== media: import throughput =="
"$BENCH" import "$CLIPS"
