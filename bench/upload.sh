#!/usr/bin/env bash
# Upload benchmarks of vodesk against its embedded local VOD service (PRODUCT.md, "Quality
# targets", Performance). One run, one machine:
#   (a) curl -T of a 1 GiB file to a pre-signed video_upload_url (official Python SDK)
#   (b) vodesk upload of the same file (create, multipart, confirm) under /usr/bin/time -v
#   (c) 1,000 files of 256 KiB: vodesk upload of the folder vs rclone copy (files/s)
#   (d) --throttled only: 2,000 files of 4 KiB against a throttled service vs the §14 bound
#   (e) the same 1 GiB file and (f) the same small files on the service's Tencent personality
#       (profile Local-Tencent: ApplyUpload, COS with the session certificate, CommitUpload)
#   (g) the same 1 GiB file and (h) the same small files on its Alibaba personality (profile
#       Local-Alibaba: CreateUploadVideo, OSS with the STS key, the video followed out of Uploading)
# Prints a results table and inserts it into BENCHMARKS.md (newest run first).
#
# Usage: bench/upload.sh [--throttled] [--reps N] [--small-reps N] [--label TEXT] [--no-write]
#                        [--no-build] [--keep-logs DIR] [--rev REV]
#   --throttled      also run (d) (takes about 2 minutes more)
#   --reps N         repetitions of (a) and (b), interleaved (default 3)
#   --small-reps N   repetitions of (c) for each tool, interleaved (default 3)
#   --label TEXT     title of the run in BENCHMARKS.md (default "Run")
#   --no-write       print the table only, leave BENCHMARKS.md alone
#   --no-build       use target/release/vodesk as it is
#   --keep-logs DIR  copy service/tool logs and raw results there before cleaning up
#   --rev REV        benchmark another commit (e.g. a baseline): exported with git archive and
#                    built under target/bench-rev/ (BENCH_REV_DIR), the checkout is not touched
# Env: BENCH_TMP (parent of the scratch dir; must be on disk, default /tmp or /var/tmp),
#      BENCH_VODESK_BIN (another vodesk binary, no build; for smoke tests),
#      BENCH_BIG_MIB (default 1024), BENCH_SMALL_FILES (1000), BENCH_THROTTLED_FILES (2000),
#      BENCH_TIMEOUT (seconds before a hung vodesk upload is stopped, default 900).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

THROTTLED=0 REPS=3 SMALL_REPS=3 LABEL="Run" WRITE=1 BUILD=1 KEEP_LOGS="" REV=""
ORIG_ARGS=""
for a in "$@"; do
  case "$a" in *[!A-Za-z0-9_./:=-]*) ORIG_ARGS+=" '${a//\'/\'\\\'\'}'" ;; *) ORIG_ARGS+=" $a" ;; esac
done
ORIG_ARGS=${ORIG_ARGS# }
while [ $# -gt 0 ]; do
  case "$1" in
    --throttled) THROTTLED=1 ;;
    --reps) REPS=$2; shift ;;
    --small-reps) SMALL_REPS=$2; shift ;;
    --label) LABEL=$2; shift ;;
    --no-write) WRITE=0 ;;
    --no-build) BUILD=0 ;;
    --keep-logs) KEEP_LOGS=$2; shift ;;
    --rev) REV=$2; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
BIG_MIB=${BENCH_BIG_MIB:-1024}
SMALL_FILES=${BENCH_SMALL_FILES:-1000}
THROTTLED_FILES=${BENCH_THROTTLED_FILES:-2000}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- tools
[ -x /usr/bin/time ] || { log "installing GNU time (apt)"; apt-get install -y -q time >/dev/null || die "install the 'time' package"; }
command -v rclone >/dev/null || { log "installing rclone (apt)"; apt-get install -y -q rclone >/dev/null || die "install rclone"; }
command -v curl >/dev/null || die "curl is missing"
PY="$REPO/.venv/bin/python"
if ! "$PY" -c 'import huaweicloudsdkvod' 2>/dev/null; then
  log "creating .venv with the pinned SDK"
  python3 -m venv "$REPO/.venv"
  "$REPO/.venv/bin/pip" install -q -r "$REPO/tests/conformance/requirements.txt"
fi

BIN=${BENCH_VODESK_BIN:-$REPO/target/release/vodesk}
REV_SHA=""
if [ -n "$REV" ]; then
  # Another revision: its sources exported with `git archive` (the shared checkout is not
  # touched), built in its own target dir (seeded once from target/release to save time).
  REV_SHA=$(git rev-parse --verify "$REV^{commit}") || die "unknown revision $REV"
  REV_DIR=${BENCH_REV_DIR:-$REPO/target/bench-rev}
  REV_SRC="$REV_DIR/src-$REV_SHA"
  if [ ! -f "$REV_SRC/Cargo.toml" ]; then
    rm -rf "$REV_SRC"; mkdir -p "$REV_SRC"
    git archive "$REV_SHA" | tar -x -C "$REV_SRC"
  fi
  if [ ! -d "$REV_DIR/target/release" ] && [ -d "$REPO/target/release" ]; then
    log "seeding $REV_DIR/target from target/release"
    mkdir -p "$REV_DIR/target"; cp -a "$REPO/target/release" "$REV_DIR/target/"
  fi
  log "cargo build --release -p vodesk at ${REV_SHA:0:7}"
  (cd "$REV_SRC" && cargo build --release -p vodesk --target-dir "$REV_DIR/target" >&2)
  BIN="$REV_DIR/target/release/vodesk"
elif [ "$BUILD" = 1 ] && [ -z "${BENCH_VODESK_BIN:-}" ]; then
  log "cargo build --release -p vodesk"
  cargo build --release -p vodesk >&2
fi
[ -x "$BIN" ] || die "$BIN does not exist (build it or drop --no-build)"

# ---------------------------------------------------------------- scratch space (on disk)
fstype() { df --output=fstype "$1" 2>/dev/null | tail -1 | tr -d ' '; }
BASE=${BENCH_TMP:-/tmp}
if [ "$(fstype "$BASE")" = tmpfs ]; then BASE=/var/tmp; fi
if [ "$(fstype "$BASE")" = tmpfs ]; then BASE="$REPO/target"; fi
NEED_MIB=$(( BIG_MIB * (2 * REPS + 2) + 1024 ))
AVAIL_MIB=$(( $(df --output=avail -k "$BASE" | tail -1) / 1024 ))
[ "$AVAIL_MIB" -gt "$NEED_MIB" ] || die "$BASE has $AVAIL_MIB MiB free, the run needs about $NEED_MIB MiB"
WORK=$(mktemp -d "$BASE/vodesk-bench.XXXXXX")
PIDS=()
cleanup() {
  local rc=$?
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$KEEP_LOGS" ] && [ -d "$WORK" ]; then
    mkdir -p "$KEEP_LOGS"
    find "$WORK" -maxdepth 1 -type f \( -name '*.log' -o -name '*.txt' -o -name '*.jsonl' -o -name '*.env' -o -name '*.err' \) \
      -exec cp {} "$KEEP_LOGS"/ \; 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
log "scratch dir $WORK ($(fstype "$WORK"))"

RES="$WORK/results.env"
: >"$RES"
put() { printf '%s=%s\n' "$1" "$2" >>"$RES"; }   # key=value, read by bench/report.py
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
busy() { echo "$(pgrep -c -x rustc || true) rustc, $(pgrep -c -x cc1 || true) cc1"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Random credentials for this run's services (environment only, never arguments).
export HUAWEICLOUD_SDK_AK="BENCH$("$PY" -c 'import secrets;print(secrets.token_hex(8).upper())')"
export HUAWEICLOUD_SDK_SK="$("$PY" -c 'import secrets;print(secrets.token_hex(20))')"
export HUAWEICLOUD_SDK_PROJECT_ID="$("$PY" -c 'import secrets;print(secrets.token_hex(16))')"
unset VODESK_ENDPOINT VODESK_OBJECT_ENDPOINT

# start_service NAME [serve args...]: sets VOD_EP and OBJ_EP.
start_service() {
  local name=$1; shift
  "$BIN" serve --data "$WORK/$name-data" --listen 127.0.0.1:0 --json "$@" \
    >"$WORK/$name.info" 2>"$WORK/$name.log" &
  PIDS+=($!)
  SERVICE_PID=$! SERVICE_NAME=$name
  for _ in $(seq 1 300); do
    [ -s "$WORK/$name.info" ] && break
    kill -0 "$!" 2>/dev/null || die "vodesk serve ($name) exited: $(tail -3 "$WORK/$name.log")"
    sleep 0.1
  done
  [ -s "$WORK/$name.info" ] || die "vodesk serve ($name) printed nothing in 30 s"
  VOD_EP=$("$PY" -c 'import json,sys;print(json.loads(open(sys.argv[1]).readline())["vod_endpoint"])' "$WORK/$name.info")
  OBJ_EP=$("$PY" -c 'import json,sys;print(json.loads(open(sys.argv[1]).readline())["object_endpoint"])' "$WORK/$name.info")
  log "service $name: VOD $VOD_EP, objects $OBJ_EP (pid $!)"
}

# service_alive TAG: dies with the service's exit status when it is gone (it must outlive runs).
service_alive() {
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
    local st=0
    wait "$SERVICE_PID" 2>/dev/null || st=$?
    die "$1: the $SERVICE_NAME service (pid $SERVICE_PID) is gone (exit status $st$([ "$st" -gt 128 ] && echo ", signal $((st - 128))")); its log: $(tail -5 "$WORK/$SERVICE_NAME.log")"
  fi
}

# vodesk_upload TAG PATH [PROFILE]: /usr/bin/time -v vodesk --json upload PATH, against
# $VOD_EP/$OBJ_EP, or through a built-in profile (Local-Tencent, Local-Alibaba) on the running
# service.
# A run that hangs is stopped after BENCH_TIMEOUT seconds (default 900) and counted as failed.
vodesk_upload() {
  local tag=$1 path=$2 rc=0
  local how=(env VODESK_ENDPOINT="$VOD_EP" VODESK_OBJECT_ENDPOINT="$OBJ_EP"
    VODESK_LOCAL_DATA="$WORK/vodesk-local-$tag" "$BIN")
  if [ -n "${3:-}" ]; then
    how=(env -u VODESK_ENDPOINT -u VODESK_OBJECT_ENDPOINT VODESK_LOCAL_DATA="$WORK/$SERVICE_NAME-data"
      "$BIN" --profile "$3")
  fi
  /usr/bin/time -v -o "$WORK/$tag.time.txt" \
    timeout -k 10 "${BENCH_TIMEOUT:-900}" env VODESK_DATA="$WORK/vodesk-data-$tag" \
    "${how[@]}" --json upload "$path" >"$WORK/$tag.jsonl" 2>"$WORK/$tag.err" || rc=$?
  local wall rss done_n failed_n
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.3f", s }' "$WORK/$tag.time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/$tag.time.txt")
  done_n=$(grep -c '"status":"done"' "$WORK/$tag.jsonl" || true)
  failed_n=$(grep -c '"status":"failed"' "$WORK/$tag.jsonl" || true)
  put "${tag}_wall" "$wall"; put "${tag}_rss_kib" "$rss"; put "${tag}_rc" "$rc"
  put "${tag}_done" "$done_n"; put "${tag}_failed" "$failed_n"
  [ "$rc" = 124 ] && log "$tag: vodesk upload did not finish within ${BENCH_TIMEOUT:-900} s (stopped)"
  service_alive "$tag"
  log "$tag: vodesk upload rc=$rc, ${wall} s, peak RSS ${rss} KiB, $done_n done, $failed_n failed"
  if [ "$failed_n" -gt 0 ] || [ "$rc" -ne 0 ]; then
    log "$tag: first errors: $(grep -m3 '"failed"\|error' "$WORK/$tag.jsonl" "$WORK/$tag.err" | cut -c1-300 || true)"
  fi
}

# ---------------------------------------------------------------- run facts
put date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [ -n "$REV_SHA" ]; then
  put commit "${REV_SHA:0:7}"; put dirty 0
else
  put commit "$(git rev-parse --short HEAD)"
  put dirty "$(git status --porcelain -- src crates Cargo.toml Cargo.lock | wc -l)"
fi
put nproc "$(nproc)"
put mem "$(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
put cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
put fs "$(df --output=fstype,source "$WORK" | tail -1 | tr -s ' ')"
put command "$(env | grep "^BENCH_" | sort | tr "\n" " ")bench/upload.sh${ORIG_ARGS:+ $ORIG_ARGS}"
put vodesk_version "$("$BIN" --version 2>/dev/null | head -1) (${BIN#"$REPO"/})"
put curl_version "$(curl --version | head -1 | cut -d' ' -f1-2)"
put rclone_version "$(rclone version | head -1)"
put reps "$REPS"; put small_reps "$SMALL_REPS"; put big_mib "$BIG_MIB"
put small_files "$SMALL_FILES"; put throttled "$THROTTLED"; put throttled_files "$THROTTLED_FILES"

# ---------------------------------------------------------------- (a) + (b): one big file
start_service fast --no-throttle
BIG="$WORK/big.mp4"
log "writing ${BIG_MIB} MiB of random data to $BIG"
head -c "$((BIG_MIB * 1024 * 1024))" /dev/urandom >"$BIG"
sync
for i in $(seq 1 "$REPS"); do
  # (a) curl -T to a pre-signed URL from the official SDK (the URL goes through curl's config on
  #     stdin, so its signature is not in the process list).
  info=$("$PY" "$REPO/bench/presign.py" "$VOD_EP" "bench curl $i")
  url=$(printf '%s' "$info" | "$PY" -c 'import json,sys;print(json.load(sys.stdin)["video_upload_url"])')
  asset=$(printf '%s' "$info" | "$PY" -c 'import json,sys;print(json.load(sys.stdin)["asset_id"])')
  sync
  put "a${i}_load" "$(loadavg)"; put "a${i}_busy" "$(busy)"
  t0=$(now)
  out=$(printf 'url = "%s"\n' "$url" | curl -sS --noproxy '*' -K - -T "$BIG" -H 'Content-Type: video/mp4' \
    -o "$WORK/curl$i.body" -w '%{http_code} %{time_total}') || die "curl failed: $out"
  t1=$(now)
  code=${out%% *}
  [ "$code" = 200 ] || die "curl PUT answered $code: $(head -c 300 "$WORK/curl$i.body")"
  put "a${i}_wall" "$(elapsed "$t0" "$t1")"; put "a${i}_curl_time" "${out#* }"
  service_alive "a$i"
  log "a$i: curl -T ${BIG_MIB} MiB: HTTP $code in ${out#* } s (load $(grep "^a${i}_load=" "$RES" | cut -d= -f2))"
  "$PY" "$REPO/bench/presign.py" "$VOD_EP" --confirm "$asset" >/dev/null || log "a$i: confirm of $asset failed"

  # (b) vodesk upload, whole flow
  sync
  put "b${i}_load" "$(loadavg)"; put "b${i}_busy" "$(busy)"
  vodesk_upload "b$i" "$BIG"

  # (e) the same through the Tencent personality
  sync
  put "e${i}_load" "$(loadavg)"; put "e${i}_busy" "$(busy)"
  vodesk_upload "e$i" "$BIG" Local-Tencent

  # (g) the same through the Alibaba personality
  sync
  put "g${i}_load" "$(loadavg)"; put "g${i}_busy" "$(busy)"
  vodesk_upload "g$i" "$BIG" Local-Alibaba
done
rm -f "$BIG"

# ---------------------------------------------------------------- (c) many 256 KiB files
SMALL="$WORK/small"
mkdir -p "$SMALL"
log "writing $SMALL_FILES files of 256 KiB"
head -c "$((SMALL_FILES * 256 * 1024))" /dev/urandom |
  split -b 256K -d -a 5 --additional-suffix=.mp4 - "$SMALL/f"
[ "$(find "$SMALL" -type f | wc -l)" = "$SMALL_FILES" ] || die "could not create the small files"
sync

# rclone: s3 remote "vb" from environment variables only (no config file, keys not in argv).
export RCLONE_CONFIG="$WORK/rclone.conf"; : >"$RCLONE_CONFIG"
export RCLONE_CONFIG_VB_TYPE=s3 RCLONE_CONFIG_VB_PROVIDER=Other RCLONE_CONFIG_VB_ENDPOINT="$OBJ_EP"
export RCLONE_CONFIG_VB_ACCESS_KEY_ID="$HUAWEICLOUD_SDK_AK" RCLONE_CONFIG_VB_SECRET_ACCESS_KEY="$HUAWEICLOUD_SDK_SK"
export RCLONE_CONFIG_VB_FORCE_PATH_STYLE=true RCLONE_CONFIG_VB_REGION=local-1
rcl() { env -u AWS_CA_BUNDLE rclone "$@"; }

for i in $(seq 1 "$SMALL_REPS"); do
  sync
  put "c${i}_vodesk_load" "$(loadavg)"; put "c${i}_vodesk_busy" "$(busy)"
  vodesk_upload "c${i}_vodesk" "$SMALL"

  bucket="bench-rclone-$i"
  rcl mkdir "vb:$bucket" 2>"$WORK/c${i}_rclone_mkdir.err" || die "rclone mkdir: $(tail -3 "$WORK/c${i}_rclone_mkdir.err")"
  sync
  put "c${i}_rclone_load" "$(loadavg)"; put "c${i}_rclone_busy" "$(busy)"
  rc=0
  /usr/bin/time -v -o "$WORK/c${i}_rclone.time.txt" \
    env -u AWS_CA_BUNDLE rclone copy "$SMALL" "vb:$bucket" 2>"$WORK/c${i}_rclone.err" || rc=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; printf "%.3f", s }' "$WORK/c${i}_rclone.time.txt")
  count=$(rcl size --json "vb:$bucket" 2>/dev/null | "$PY" -c 'import json,sys;print(json.load(sys.stdin)["count"])' || echo 0)
  put "c${i}_rclone_wall" "$wall"; put "c${i}_rclone_rc" "$rc"; put "c${i}_rclone_done" "$count"
  put "c${i}_rclone_rss_kib" "$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/c${i}_rclone.time.txt")"
  log "c$i: rclone copy rc=$rc, ${wall} s, $count objects in the bucket"
  service_alive "c${i}_rclone"
  [ "$rc" = 0 ] || log "c$i: rclone errors: $(tail -3 "$WORK/c${i}_rclone.err")"

  sync
  put "f${i}_load" "$(loadavg)"; put "f${i}_busy" "$(busy)"
  vodesk_upload "f$i" "$SMALL" Local-Tencent

  sync
  put "h${i}_load" "$(loadavg)"; put "h${i}_busy" "$(busy)"
  vodesk_upload "h$i" "$SMALL" Local-Alibaba
done
rm -rf "$SMALL"

# ---------------------------------------------------------------- (d) throttled batch
if [ "$THROTTLED" = 1 ]; then
  kill "${PIDS[0]}" 2>/dev/null || true
  wait "${PIDS[0]}" 2>/dev/null || true
  rm -rf "$WORK/fast-data"
  start_service throttled          # fresh service: its token buckets start full
  TINY="$WORK/tiny"
  mkdir -p "$TINY"
  log "writing $THROTTLED_FILES files of 4 KiB"
  head -c "$((THROTTLED_FILES * 4096))" /dev/urandom |
    split -b 4K -d -a 5 --additional-suffix=.mp4 - "$TINY/t"
  sync
  put "d_load" "$(loadavg)"; put "d_busy" "$(busy)"
  vodesk_upload "d" "$TINY"
  # Throttling answers that reached the user: HTTP 429 / APIGW.0308 in the JSON lines or stderr.
  # (asset ids are hex and may contain "429", so only error lines and error texts are searched)
  THROTTLE_RE='APIGW\.0308|(^|[^0-9a-f])429([^0-9a-f]|$)|[Tt]oo [Mm]any|[Tt]hrottl|[Rr]ate limit'
  shown() { { grep -h '"status":"failed"\|"error"' "$WORK/d.jsonl" || true; cat "$WORK/d.err"; } | grep -E "$THROTTLE_RE" || true; }
  put "d_429_lines" "$(shown | wc -l)"
  put "d_429_sample" "$(shown | head -1 | cut -c1-300 | tr '|' '/')"
  # The server's §14 budget (crates/vodesk-local/src/huawei/throttle.rs): create asset and
  # confirm are both "UploadA"; its token bucket (crates/vodesk-local/src/throttle.rs) holds one
  # minute's budget, starts full and refills continuously. Read the figures from the source so
  # the bound follows it.
  THR="$REPO/crates/vodesk-local/src/huawei/throttle.rs"
  BUCKET="$REPO/crates/vodesk-local/src/throttle.rs"
  upload_a=$(awk '/pub fn limit/ { f = 1 } f && /ApiCategory::UploadA/ { g = 1 } g && /=> *[0-9]+/ { match($0, /=> *[0-9]+/); print substr($0, RSTART + 2, RLENGTH - 2) + 0; exit }' "$THR")
  starts_full=$(grep -c 'tokens: limit,' "$BUCKET" || true)
  put "d_limit_per_min" "${upload_a:-1500}"; put "d_bucket_starts_full" "$([ "$starts_full" -gt 0 ] && echo 1 || echo 0)"
  rm -rf "$TINY"
fi

# ---------------------------------------------------------------- report
if [ -n "$KEEP_LOGS" ]; then mkdir -p "$KEEP_LOGS"; cp "$RES" "$KEEP_LOGS/"; fi
WRITE_ARGS=()
[ "$WRITE" = 1 ] && WRITE_ARGS=(--write "$REPO/BENCHMARKS.md")
"$PY" "$REPO/bench/report.py" "$RES" --label "$LABEL" "${WRITE_ARGS[@]}"
