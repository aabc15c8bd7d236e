#!/usr/bin/env bash
# Re-records the golden fixtures in this directory from the real C
# implementation: virsh talks to a private libvirtd (test driver only)
# through the `wiretrace` recording proxy, in ONE connection.
#
#   protocol/core/tests/golden/record.sh
#
# Writes (only if everything succeeded):
#   virsh-session.bin     the recorded packets (format: see README.md)
#   virsh-session.trace   wiretrace's one-line-per-packet trace of it
#   virsh-screenshot.bin  the screenshot file virsh saved (the stream payload)
#
# Needs root (the private daemon runs as root), libvirtd and virsh (installed
# by test-libvirtd.sh if missing) and cargo. Set WIRETRACE=/path/to/wiretrace
# to use an already built binary instead of running cargo build.

set -euo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$HERE/../../../.." && pwd -P)
DAEMON_SCRIPT="$ROOT/examples/scripts/test-libvirtd.sh"

# The virsh session, one command per line, run as ONE virsh invocation so it
# is one connection. `dominfo no-such-domain` fails on purpose (an error
# reply); virsh goes on with the next command, and the `domstate test` after
# it shows the connection is still usable. `hostname` is left out because its
# answer is the recording machine's host name.
COMMANDS=(
    "list --all"
    "dominfo test"
    "domstats test"
    "suspend test"
    "domstate test"
    "resume test"
    "net-list --all"
    "pool-list --all"
    "vol-list default-pool"
    "screenshot test @SCREENSHOT@"
    "nodeinfo"
    "domiflist test"
    "dumpxml test"
    "net-dumpxml default"
    "pool-info default-pool"
    "schedinfo test"
    "version"
    "capabilities"
    "dominfo no-such-domain"
    "domstate test"
)

WIRETRACE=${WIRETRACE:-}
if [ -z "$WIRETRACE" ]; then
    (cd -- "$ROOT" && cargo build -p libvirt-examples --bin wiretrace)
    WIRETRACE="${CARGO_TARGET_DIR:-$ROOT/target}/debug/wiretrace"
fi
[ -x "$WIRETRACE" ] || {
    echo "record.sh: $WIRETRACE is not executable" >&2
    exit 1
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/libvirt-golden.XXXXXX")
WT_PID=
cleanup() {
    local rc=$?
    if [ -n "$WT_PID" ] && kill -0 "$WT_PID" 2>/dev/null; then
        kill -TERM "$WT_PID" 2>/dev/null || true
        wait "$WT_PID" 2>/dev/null || true
    fi
    "$DAEMON_SCRIPT" stop "$TMP/daemon" || true
    if [ "$rc" -ne 0 ]; then
        for f in "$TMP/wiretrace.err" "$TMP/virsh.out" "$TMP/daemon/libvirtd.log"; do
            if [ -s "$f" ]; then
                echo "---- $f ----" >&2
                tail -n 40 -- "$f" >&2
            fi
        done
    fi
    rm -rf -- "$TMP"
}
trap cleanup EXIT

"$DAEMON_SCRIPT" start "$TMP/daemon" >/dev/null
DAEMON_SOCK="$TMP/daemon/run/libvirt-sock"
PROXY_SOCK="$TMP/proxy.sock"

"$WIRETRACE" --listen "$PROXY_SOCK" --connect "$DAEMON_SOCK" \
    --record "$TMP/virsh-session.bin" --once \
    >"$TMP/virsh-session.trace" 2>"$TMP/wiretrace.err" &
WT_PID=$!
for _ in $(seq 100); do
    grep -q 'listening on' "$TMP/wiretrace.err" 2>/dev/null && break
    kill -0 "$WT_PID" 2>/dev/null || break
    sleep 0.1
done
grep -q 'listening on' "$TMP/wiretrace.err" || {
    echo "record.sh: wiretrace did not start" >&2
    exit 1
}

session=
for c in "${COMMANDS[@]}"; do
    session+="${c//@SCREENSHOT@/$TMP/screenshot.bin}; "
done

# The socket path stays on the client side (the daemon is sent
# "test:///default"), so the recording does not depend on $TMP.
virsh_rc=0
LC_ALL=C LIBVIRT_AUTOSTART=0 LIBVIRT_DEFAULT_URI= \
    timeout 60 virsh -c "test+unix:///default?socket=$PROXY_SOCK" "$session" \
    >"$TMP/virsh.out" 2>&1 || virsh_rc=$?
if ! grep -q "failed to get domain 'no-such-domain'" "$TMP/virsh.out"; then
    echo "record.sh: virsh did not run to the expected error (rc $virsh_rc)" >&2
    exit 1
fi
if ! grep -q 'Screenshot saved' "$TMP/virsh.out"; then
    echo "record.sh: virsh did not save the screenshot" >&2
    exit 1
fi

# --once: wiretrace exits when virsh's connection is closed.
for _ in $(seq 100); do
    kill -0 "$WT_PID" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$WT_PID" 2>/dev/null; then
    echo "record.sh: wiretrace still running after virsh exited" >&2
    exit 1
fi
wait "$WT_PID"
WT_PID=
if [ -s "$TMP/wiretrace.err" ] && grep -v 'listening on' "$TMP/wiretrace.err" >&2; then
    echo "record.sh: wiretrace reported errors" >&2
    exit 1
fi
[ -s "$TMP/virsh-session.bin" ] || {
    echo "record.sh: nothing recorded" >&2
    exit 1
}

cp -- "$TMP/virsh-session.bin" "$HERE/virsh-session.bin"
cp -- "$TMP/virsh-session.trace" "$HERE/virsh-session.trace"
cp -- "$TMP/screenshot.bin" "$HERE/virsh-screenshot.bin"
echo "record.sh: virsh output:"
sed 's/^/    /' "$TMP/virsh.out"
echo "record.sh: wrote $HERE/virsh-session.bin ($(wc -c <"$HERE/virsh-session.bin") bytes," \
    "$(grep -c '^\[1\] [CS]->' "$HERE/virsh-session.trace") packets)," \
    "virsh-session.trace, virsh-screenshot.bin ($(wc -c <"$HERE/virsh-screenshot.bin") bytes)"
