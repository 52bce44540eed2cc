#!/usr/bin/env bash
# Start-up time of the desktop app: from main() to the start of its first frame, as the app
# logs it ("first frame drawn since_start_ms=N"), on the embedded local service, under Xvfb.
# Each run closes the window with Ctrl+Q. "first" runs start on an empty data folder (the
# local service creates its database and keys); "again" runs reuse it, as every later start does.
#
# usage: bench/startup.sh [RUNS]     (default 5 of each; needs xvfb-run and xdotool)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/vodesk"

one() { # $1: data folder; prints the logged milliseconds
  local data=$1
  xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
    "$0" & pid=$!
    win=$(timeout 60 xdotool search --sync --name "^vodesk$" | head -1) || { kill $pid; exit 1; }
    sleep 1
    xdotool windowfocus --sync "$win" 2>/dev/null; sleep 0.3; xdotool key ctrl+q
    wait $pid' "$bin" \
    >/dev/null 2>&1
  grep -ho 'since_start_ms=[0-9]*' "$data"/logs/* | tail -1 | cut -d= -f2
}

export VODESK_FILE_LOG=info
unset DBUS_SESSION_BUS_ADDRESS
stats() { sort -n | awk '{a[NR]=$1} END {printf "median %d ms, min %d ms, max %d ms (%d runs)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
first=() again=()
for _ in $(seq "$runs"); do
  home=$(mktemp -d)
  export HOME=$home VODESK_DATA=$home/data VODESK_CONFIG=$home/config \
    XDG_CONFIG_HOME=$home/xdg-config XDG_DATA_HOME=$home/xdg-data XDG_RUNTIME_DIR=$home
  first+=("$(one "$VODESK_DATA")")
  again+=("$(one "$VODESK_DATA")")
  rm -rf "$home"
done
echo "first start (empty data folder): $(printf '%s\n' "${first[@]}" | stats)"
echo "later starts:                    $(printf '%s\n' "${again[@]}" | stats)"
