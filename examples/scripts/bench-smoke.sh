#!/usr/bin/env bash
# A smoke run of the benchmark peer (CI): every workload through every
# adapter, with small counts, against a private libvirtd; each run must exit
# 0 and print one JSON object with the fields the shared harness reads. It
# measures nothing (see BENCHMARKS.md for that).
#
#   examples/scripts/bench-smoke.sh [path/to/lvbench]
set -euo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$HERE/../.." && pwd -P)
BIN=${1:-}
if [ -z "$BIN" ]; then
    (cd -- "$ROOT" && cargo build --quiet -p libvirt-examples --bin lvbench)
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/lvbench"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/libvirt-rs-bench-smoke.XXXXXX")
cleanup() {
    "$HERE/test-libvirtd.sh" stop "$TMP/daemon" >/dev/null 2>&1 || true
    rm -rf -- "$TMP"
}
trap cleanup EXIT
"$HERE/test-libvirtd.sh" start "$TMP/daemon" >/dev/null
SOCK="$TMP/daemon/run/libvirt-sock"
PID=$(cat "$TMP/daemon/libvirtd.pid")

runs=0
for adapter in tokio tokio-mt tokio-mt-main smol blocking; do
    for w in w1 w2 w3 w4list w4stats w5open w5idle; do
        out=$(LVBENCH_SERVER_PID=$PID timeout 60 "$BIN" --adapter "$adapter" "$w" \
            --socket "$SOCK" --name test:///default --n 20 --threads 4)
        printf '%s\n' "$out" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
need = ["n", "wall_s", "ops_per_s", "cpu_user_s", "cpu_sys_s", "server_cpu_s", "server_main_cpu_s"]
if r["workload"] == "w5idle":
    need += ["rss_before_kb", "rss_held_kb", "hwm_kb", "threads_held"]
missing = [k for k in need if k not in r]
if missing or r["n"] != 20:
    sys.exit("bad result %r (missing %s)" % (r, missing))
'
        runs=$((runs + 1))
    done
done
# An unknown workload is "not supported" (exit status 3) for the harness.
set +e
"$BIN" w9 --socket "$SOCK" --name test:///default 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 3 ] || { echo "bench-smoke: an unknown workload gave status $rc, not 3" >&2; exit 1; }

# The C tools of the benchmarks: the C client over any URI
# (bench-transports.sh) and the zero-cost client with three ways to wait.
"$HERE/ensure-packages.sh" gcc=gcc pkg-config=pkg-config \
    /usr/include/libvirt/libvirt.h=libvirt-dev
cc -O2 -Wall -Werror -o "$TMP/cbench" "$ROOT/examples/c/cbench.c" \
    $(pkg-config --cflags --libs libvirt) -lpthread
cc -O2 -Wall -Werror -o "$TMP/waitbench" "$ROOT/examples/c/waitbench.c"
for w in w1 w3; do
    timeout 60 "$TMP/cbench" "$w" --uri "test+unix:///default?socket=$SOCK" --n 20 --threads 4 |
        python3 -c 'import json, sys; r = json.loads(sys.stdin.read()); assert r["n"] == 20, r'
done
for wait in read poll epoll; do
    timeout 60 "$TMP/waitbench" --socket "$SOCK" --wait "$wait" --n 20 --server-pid "$PID" |
        python3 -c 'import json, sys; r = json.loads(sys.stdin.read()); assert r["n"] == 20, r'
done
echo "bench-smoke: $runs runs of lvbench, every workload through every adapter, and the C tools: ok"
