#!/usr/bin/env bash
# The README's demo. Starts a private libvirtd with only the test driver
# (installing Debian's libvirt-daemon and libvirt-clients first if they are
# missing), puts libvirt-rs's `wiretrace` proxy between `virsh` and that
# daemon, and runs a short virsh session through it: every packet of the
# real C client's conversation with the real daemon is printed, decoded by
# the types libvirt-rs generates from libvirt's protocol files. Then
# libvirt-rs's own sans-IO core, driven by a small blocking loop, opens a
# connection to the same daemon and makes calls, a stream download and a
# failing lookup. Stops only the daemon it started. Needs root (the private
# daemon runs as root).
#
#   examples/scripts/demo.sh
set -euo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$HERE/../.." && pwd -P)
DAEMON_SCRIPT="$HERE/test-libvirtd.sh"

(cd -- "$ROOT" && cargo build --quiet -p libvirt-examples --bin wiretrace --bin core_blocking)
WIRETRACE="${CARGO_TARGET_DIR:-$ROOT/target}/debug/wiretrace"
CORE_BLOCKING="${CARGO_TARGET_DIR:-$ROOT/target}/debug/core_blocking"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/libvirt-rs-demo.XXXXXX")
WT_PID=
cleanup() {
    local rc=$?
    if [ -n "$WT_PID" ] && kill -0 "$WT_PID" 2>/dev/null; then
        kill -TERM "$WT_PID" 2>/dev/null || true
        wait "$WT_PID" 2>/dev/null || true
    fi
    "$DAEMON_SCRIPT" stop "$TMP/daemon" >/dev/null 2>&1 || true
    if [ "$rc" -ne 0 ] && [ -s "$TMP/daemon/libvirtd.log" ]; then
        echo "---- libvirtd log ----" >&2
        tail -n 30 -- "$TMP/daemon/libvirtd.log" >&2
    fi
    rm -rf -- "$TMP"
}
trap cleanup EXIT

echo "== starting a private libvirtd (test driver only)"
"$DAEMON_SCRIPT" start "$TMP/daemon" >/dev/null
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

SESSION="list --all; dominfo test; suspend test; domstate test; resume test; domstate test; net-list --all; pool-list --all; dominfo no-such-domain"
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

echo
echo "== libvirt-rs's own sans-IO core against the same daemon (examples/src/bin/core_blocking.rs)"
timeout 60 "$CORE_BLOCKING" --socket "$TMP/daemon/run/libvirt-sock" --name test:///default
echo "== done"
