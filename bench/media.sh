#!/usr/bin/env bash
# What real media costs the local service: N ffmpeg clips (5 s, 1280×720, H.264 + AAC, made
# here) uploaded with snapshots (--thumbnail time --thumbnail-interval 2) to `vodesk serve`,
# once with ffprobe/ffmpeg on the service's PATH (metadata, cover and snapshots from real
# frames) and once without (generated stand-ins), interleaved. Prints, for each run, the
# upload's files/s (ffmpeg works after each confirmation, so it should not slow this) and the
# seconds from the start until every asset's snapshots are done.
#
# Usage: bench/media.sh [N clips, default 40] [reps, default 3]
# Env: BENCH_VODESK_BIN (default target/release/vodesk, built if missing).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-40} REPS=${2:-3}
BIN=${BENCH_VODESK_BIN:-$REPO/target/release/vodesk}
[ -x "$BIN" ] || (cd "$REPO" && cargo build --release --bin vodesk)
command -v ffmpeg >/dev/null || { echo "needs ffmpeg (apt-get install ffmpeg)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/clips"
for i in $(seq 1 "$N"); do
  ffmpeg -v error -nostdin -y -f lavfi -i testsrc=duration=5:size=1280x720:rate=25 \
    -f lavfi -i "sine=duration=5:frequency=$((200 + i))" -pix_fmt yuv420p -shortest \
    "$WORK/clips/c$i.mp4"
done
AK=BENCHMEDIAAK00000001 SK=BENCHMEDIASK000000000000000000000000001 PROJECT=0123456789abcdef0123456789abcdef
run() { # $1 = PATH for the service; prints files/s
  local data="$WORK/data-$RANDOM" home="$WORK/home-$RANDOM"
  mkdir -p "$home"
  PATH="$1" HUAWEICLOUD_SDK_AK=$AK HUAWEICLOUD_SDK_SK=$SK HUAWEICLOUD_SDK_PROJECT_ID=$PROJECT \
    "$BIN" serve --data "$data" --listen 127.0.0.1:0 --json >"$WORK/serve.json" &
  local pid=$!
  for _ in $(seq 100); do [ -s "$WORK/serve.json" ] && break; sleep 0.1; done
  local vod obj
  vod=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["vod_endpoint"])' "$WORK/serve.json")
  obj=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["object_endpoint"])' "$WORK/serve.json")
  local t0 t1
  t0=$(date +%s.%N)
  HOME=$home VODESK_ENDPOINT=$vod VODESK_OBJECT_ENDPOINT=$obj HUAWEICLOUD_SDK_AK=$AK \
    HUAWEICLOUD_SDK_SK=$SK HUAWEICLOUD_SDK_PROJECT_ID=$PROJECT HUAWEICLOUD_SDK_REGION=local-1 \
    VODESK_LOCAL_DATA="$home/local" "$BIN" --json upload --thumbnail time --thumbnail-interval 2 \
    "$WORK/clips" >"$WORK/upload.json"
  t1=$(date +%s.%N)
  # Until no asset's thumbnails are still running.
  while HOME=$home VODESK_ENDPOINT=$vod VODESK_OBJECT_ENDPOINT=$obj HUAWEICLOUD_SDK_AK=$AK \
    HUAWEICLOUD_SDK_SK=$SK HUAWEICLOUD_SDK_PROJECT_ID=$PROJECT HUAWEICLOUD_SDK_REGION=local-1 \
    VODESK_LOCAL_DATA="$home/local" "$BIN" --json assets list --size 100 |
    python3 -c 'import json,sys; a=json.load(sys.stdin)["assets"]; sys.exit(0 if any(x["thumbnails"]["state"]!="succeeded" for x in a) else 1)'
  do sleep 0.2; done
  t2=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$WORK/serve.json"
  python3 -c "print(f'{$N / ($t1 - $t0):.1f} files/s, all snapshots in {$t2 - $t0:.1f} s')"
}
echo "clips: $N × 5 s 1280×720; reps: $REPS"
for r in $(seq "$REPS"); do
  with=$(run "$PATH")
  without=$(run "/nonexistent")
  echo "rep $r: with ffmpeg: $with; without: $without"
done
