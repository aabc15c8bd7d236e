#!/usr/bin/env bash
# The README's demo. Starts a private libvirtd with only the test driver
# (installing Debian's libvirt-daemon and libvirt-clients first if they are
# missing), then runs libvirt-rs's examples against it:
#   - domain_info (Tokio): versions, host, domains with state;
#   - events (Tokio) in the background, printing lifecycle events, while
#     domain_lifecycle (blocking) lists, suspends, resumes, destroys and
#     starts the test domain;
#   - screenshot (smol): the domain's screenshot streamed into a file;
#   - custom_event_loop: the sans-IO core driven by a bare poll(2) loop.
# Where QEMU can run (test-guest.sh prepares it and a tiny guest; it
# installs QEMU's libraries and firmware if missing), it starts a private
# full libvirtd (test-qemu-libvirtd.sh) and runs `guest`: a real QEMU
# guest's console through libvirt-rs's console stream, and a sparse volume
# up and down a storage pool with progress. Where it cannot, it says why and
# goes on with the test driver alone.
# Then it puts libvirt-rs's `wiretrace` proxy between `virsh` and the daemon
# and prints every packet of their conversation, decoded by the types
# libvirt-rs generates from libvirt's protocol files. Stops only the daemon
# it started. Needs root (the private daemon runs as root).
#
#   examples/scripts/demo.sh
set -euo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$HERE/../.." && pwd -P)
DAEMON_SCRIPT="$HERE/test-libvirtd.sh"
QEMU_SCRIPT="$HERE/test-qemu-libvirtd.sh"
GUEST_SCRIPT="$HERE/test-guest.sh"

(cd -- "$ROOT" && cargo build --quiet -p libvirt-examples --bins)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug"
WIRETRACE="$BIN/wiretrace"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/libvirt-rs-demo.XXXXXX")
WT_PID=
EV_PID=
cleanup() {
    local rc=$?
    if [ -n "$EV_PID" ] && kill -0 "$EV_PID" 2>/dev/null; then
        kill -TERM "$EV_PID" 2>/dev/null || true
    fi
    if [ -n "$WT_PID" ] && kill -0 "$WT_PID" 2>/dev/null; then
        kill -TERM "$WT_PID" 2>/dev/null || true
        wait "$WT_PID" 2>/dev/null || true
    fi
    "$DAEMON_SCRIPT" stop "$TMP/daemon" >/dev/null 2>&1 || true
    if [ -d "$TMP/qemu" ]; then
        "$QEMU_SCRIPT" stop "$TMP/qemu" >/dev/null 2>&1 || true
    fi
    if [ "$rc" -ne 0 ] && [ -s "$TMP/daemon/libvirtd.log" ]; then
        echo "---- libvirtd log ----" >&2
        tail -n 30 -- "$TMP/daemon/libvirtd.log" >&2
    fi
    rm -rf -- "$TMP"
}
trap cleanup EXIT

echo "== starting a private libvirtd (test driver only)"
URI=$("$DAEMON_SCRIPT" start "$TMP/daemon")
export LIBVIRT_AUTOSTART=0
unset LIBVIRT_DEFAULT_URI
echo "   $URI"

run() {
    echo
    echo "\$ $*"
    timeout 60 "$@"
}

echo
echo "== libvirt-rs examples (examples/src/bin) against that daemon"
run "$BIN/domain_info" -c "$URI"

# The test driver forgets its changes when its last client leaves; the
# events example keeps a connection open meanwhile, and prints the events.
"$BIN/events" -c "$URI" --count 4 >"$TMP/events.out" 2>"$TMP/events.err" &
EV_PID=$!
for _ in $(seq 100); do
    grep -q 'waiting for events' "$TMP/events.err" 2>/dev/null && break
    kill -0 "$EV_PID" 2>/dev/null || break
    sleep 0.1
done
run "$BIN/domain_lifecycle" -c "$URI" list
run "$BIN/domain_lifecycle" -c "$URI" suspend test
run "$BIN/domain_lifecycle" -c "$URI" resume test
run "$BIN/domain_lifecycle" -c "$URI" destroy test
run "$BIN/domain_lifecycle" -c "$URI" start test
wait "$EV_PID" || {
    cat "$TMP/events.err" >&2
    echo "demo: the events example failed" >&2
    exit 1
}
EV_PID=
echo
echo "\$ $BIN/events -c \"$URI\" --count 4   (ran in the background meanwhile)"
cat "$TMP/events.out"
[ "$(wc -l <"$TMP/events.out")" -eq 4 ] || {
    echo "demo: expected 4 events" >&2
    exit 1
}
run "$BIN/screenshot" -c "$URI" test "$TMP/test.png"
run "$BIN/custom_event_loop" -c "$URI"

echo
echo "== a real QEMU guest, on a private full libvirtd"
if "$GUEST_SCRIPT" prepare >"$TMP/guest.env" 2>"$TMP/guest.err"; then
    QEMU_URI=$("$QEMU_SCRIPT" start "$TMP/qemu")
    echo "   $QEMU_URI ($(grep '^domain_type=' "$TMP/guest.env"))"
    "$GUEST_SCRIPT" xml lvrs-demo >"$TMP/guest.xml"
    run "$BIN/guest" -c "$QEMU_URI" --xml "$TMP/guest.xml" --pool-dir "$TMP/pool"
    "$QEMU_SCRIPT" stop "$TMP/qemu" >/dev/null 2>&1
else
    echo "   QEMU cannot run a guest here, so the demo goes on with the test driver alone:"
    tail -n 3 "$TMP/guest.err" | sed 's/^/   /'
fi

echo
echo "== virsh through libvirt-rs's wiretrace proxy: every packet, decoded"
PROXY_SOCK="$TMP/proxy.sock"

"$WIRETRACE" --listen "$PROXY_SOCK" --connect "$TMP/daemon/run/libvirt-sock" \
    --decode --once 2>"$TMP/wiretrace.err" &
WT_PID=$!
for _ in $(seq 100); do
    grep -q 'listening on' "$TMP/wiretrace.err" 2>/dev/null && break
    kill -0 "$WT_PID" 2>/dev/null || break
    sleep 0.1
done
grep -q 'listening on' "$TMP/wiretrace.err" || {
    cat "$TMP/wiretrace.err" >&2
    echo "demo: wiretrace did not start" >&2
    exit 1
}

SESSION="list --all; domstate test; dominfo no-such-domain"
echo "== virsh: $SESSION"
echo "== every packet, decoded by libvirt-rs (C->S: virsh to libvirtd, S->C: back)"
LC_ALL=C LIBVIRT_AUTOSTART=0 LIBVIRT_DEFAULT_URI= \
    timeout 60 virsh -c "test+unix:///default?socket=$PROXY_SOCK" "$SESSION" \
    >"$TMP/virsh.out" 2>&1 || true

for _ in $(seq 100); do
    kill -0 "$WT_PID" 2>/dev/null || break
    sleep 0.1
done
wait "$WT_PID" || true
WT_PID=
echo
echo "== what virsh printed"
cat "$TMP/virsh.out"
if ! grep -q "failed to get domain 'no-such-domain'" "$TMP/virsh.out"; then
    echo "demo: the virsh session did not complete" >&2
    exit 1
fi
if grep -v 'listening on' "$TMP/wiretrace.err" >&2; then
    echo "demo: wiretrace reported errors" >&2
    exit 1
fi
echo "== done"
