#!/bin/bash
# The app's native file dialogs, for real: Xvfb + a private D-Bus session bus +
# xdg-desktop-portal with its GTK backend (what rfd's "xdg-portal" feature talks to on a
# Linux desktop). The app is started, Ctrl+O opens "Add files", a file is typed into the
# GTK dialog; Ctrl+Shift+O opens "Add folder", a folder is typed; Ctrl+Q closes the app,
# which saves the rows not started yet in $VODESK_DATA/drafts.json for the caller to check.
#
# usage: file_dialogs.sh APP_BINARY WORK_DIR FILE FOLDER
# Needs (apt): xvfb xdotool dbus-daemon libglib2.0-bin xdg-desktop-portal xdg-desktop-portal-gtk
# Exit 0 when the app closed cleanly after both picks; the last lines of every daemon's log
# are printed otherwise.
set -uo pipefail

APP=$1 T=$2 FILE=$3 FOLDER=$4
XDP=/usr/libexec/xdg-desktop-portal
XDPG=/usr/libexec/xdg-desktop-portal-gtk
for b in Xvfb xdotool dbus-daemon gdbus "$XDP" "$XDPG"; do
  command -v "$b" >/dev/null || {
    echo "missing: $b (apt: xvfb xdotool dbus-daemon libglib2.0-bin xdg-desktop-portal xdg-desktop-portal-gtk)" >&2
    exit 3
  }
done

PIDS=()
cleanup() {
  local rc=$?
  # Reverse start order: app, portal, backend, bus, X.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[i]}" 2>/dev/null; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  if [ $rc -ne 0 ]; then
    for f in xvfb dbus xdpg xdp app; do
      [ -s "$T/$f.log" ] && { echo "---- $f.log"; tail -n 30 "$T/$f.log"; }
    done
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$T"/{home,runtime,config,cache,data,portals,services,vodesk-data,vodesk-config}
chmod 700 "$T/runtime"

# A display of its own (-displayfd: the server picks a free one and says which when ready).
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp -noreset 3>"$T/display" >"$T/xvfb.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$T/display" ] && break; sleep 0.1; done
[ -s "$T/display" ] || { echo "Xvfb did not start" >&2; exit 1; }
DISPLAY_NUM=":$(head -n1 "$T/display")"

# A session bus of its own, with nothing activated on demand: each daemon is started here.
cat >"$T/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:path=$T/bus</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$T/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
dbus-daemon --config-file="$T/bus.conf" --nofork --print-address=4 4>"$T/bus.addr" >"$T/dbus.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$T/bus.addr" ] && break; sleep 0.1; done
[ -s "$T/bus.addr" ] || { echo "dbus-daemon did not start" >&2; exit 1; }
BUS=$(head -n1 "$T/bus.addr")

# Every child starts from an empty environment: nothing of the caller's session leaks in.
# XDG_CURRENT_DESKTOP=GNOME matches gtk.portal's UseIn; the portal directory holds only it.
ENVV=(PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8
  DISPLAY="$DISPLAY_NUM" DBUS_SESSION_BUS_ADDRESS="$BUS"
  HOME="$T/home" XDG_RUNTIME_DIR="$T/runtime" XDG_CONFIG_HOME="$T/config"
  XDG_CACHE_HOME="$T/cache" XDG_DATA_HOME="$T/data"
  XDG_CURRENT_DESKTOP=GNOME XDG_DESKTOP_PORTAL_DIR="$T/portals"
  GDK_BACKEND=x11 NO_AT_BRIDGE=1 GTK_A11Y=none GSETTINGS_BACKEND=memory GTK_USE_PORTAL=0
  VODESK_DATA="$T/vodesk-data" VODESK_CONFIG="$T/vodesk-config" VODESK_FILE_LOG=info)
E() { env -i "${ENVV[@]}" "$@"; }
# `env -i … &` is exec'd directly, so $! is the daemon itself.
BG() { local log=$1; shift; env -i "${ENVV[@]}" "$@" >"$log" 2>&1 & PIDS+=($!); }
cp /usr/share/xdg-desktop-portal/portals/gtk.portal "$T/portals/"

has_owner() {
  E gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null | grep -q true
}
wait_name() {
  for _ in $(seq 100); do has_owner "$1" && return 0; sleep 0.1; done
  echo "$1 never appeared on the bus" >&2
  return 1
}
BG "$T/xdpg.log" "$XDPG"
wait_name org.freedesktop.impl.portal.desktop.gtk || exit 1
BG "$T/xdp.log" "$XDP" --verbose
wait_name org.freedesktop.portal.Desktop || exit 1

x() { DISPLAY=$DISPLAY_NUM xdotool "$@"; }
# A window named exactly $1, polled every 50 ms (search --sync polls every half second).
window() {
  local w
  for _ in $(seq 600); do
    w=$(x search --onlyvisible --name "^$1\$" 2>/dev/null | head -n1)
    [ -n "$w" ] && { echo "$w"; return 0; }
    sleep 0.05
  done
  echo "no window named '$1' appeared" >&2
  return 1
}
gone() {
  for _ in $(seq 300); do x search --onlyvisible --name "^$1\$" >/dev/null 2>&1 || return 0; sleep 0.1; done
  echo "the '$1' window did not close" >&2
  return 1
}
# Opens a dialog with the app's shortcut and picks $3 in it. alt+Home first: the dialog opens
# in "Recent", where a typed location does nothing in folder mode; Delete drops GTK's inline
# completion (an appended "/") before Return. No window manager: focus is given directly.
pick() {
  local keys=$1 title=$2 path=$3 dialog
  x windowfocus --sync "$APP_WIN"; sleep 0.5
  x key "$keys"
  dialog=$(window "$title") || return 1
  x windowfocus --sync "$dialog"; sleep 0.3
  x key alt+Home; sleep 0.5
  x key ctrl+l; sleep 0.3
  x key ctrl+a; sleep 0.1
  x type --delay 15 "$path"; sleep 0.5
  x key Delete; sleep 0.1
  x key Return
  gone "$title"
}

BG "$T/app.log" "$APP"
APP_PID=${PIDS[-1]}
APP_WIN=$(window vodesk) || exit 1
sleep 2
pick ctrl+o "Add files" "$FILE" || exit 1
pick ctrl+shift+o "Add folder" "$FOLDER" || exit 1
# The folder is walked in the background: give it a moment, then close as a user does.
sleep 2
x windowfocus --sync "$APP_WIN"; sleep 0.5
x key ctrl+q
for _ in $(seq 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$APP_PID" 2>/dev/null && { echo "the app did not close on Ctrl+Q" >&2; exit 1; }
wait "$APP_PID"
