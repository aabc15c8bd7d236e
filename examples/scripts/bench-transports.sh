#!/usr/bin/env bash
# What a transport costs: W1, W3 and W4a (the shared harness's workloads,
# same counts) over unix, TCP, TLS and SSH, for libvirt-rs (`lvbench`, the
# Tokio adapter and the blocking one) beside the official C client
# (`examples/c/cbench.c`, libvirt.so's remote driver: GnuTLS for TLS, an
# `ssh` child for SSH) on the same private libvirtd, in one run.
#
#   examples/scripts/bench-transports.sh            # unpinned, 3 runs
#   BENCH_CPUS=0 examples/scripts/bench-transports.sh   # daemon, sshd and clients on CPU 0
#   BENCH_RUNS=5 BENCH_PEERS="c rust" BENCH_TRANSPORTS="unix tls" \
#       BENCH_WORKLOADS="w1" examples/scripts/bench-transports.sh
#   BENCH_RUNS=1 BENCH_N=200 examples/scripts/bench-transports.sh   # a smoke run
#
# Prints a Markdown table (medians over the runs) on stdout; raw JSON lines
# are kept in the work directory it names on stderr. Needs root: it installs
# what is missing (libvirt's daemon and headers, gcc, certtool, sshd) and
# starts a private libvirtd (test-libvirtd.sh: max_client_requests 64 and
# max_workers 32, as the shared harness) and a private sshd on loopback.
# It stops only what it started.
set -euo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$HERE/../.." && pwd -P)
RUNS=${BENCH_RUNS:-3}
PEERS=${BENCH_PEERS:-c rust rust-blocking}
TRANSPORTS=${BENCH_TRANSPORTS:-unix tcp tls ssh}
WORKLOADS=${BENCH_WORKLOADS:-w1 w3 w4list}
pin=()
[ -z "${BENCH_CPUS:-}" ] || pin=(taskset -c "$BENCH_CPUS")

"$HERE/ensure-packages.sh" libvirtd=libvirt-daemon virsh=libvirt-clients gcc=gcc \
    pkg-config=pkg-config /usr/include/libvirt/libvirt.h=libvirt-dev python3=python3-minimal \
    taskset=util-linux ss=iproute2

WORK=$(mktemp -d "${TMPDIR:-/tmp}/lvbench-transports.XXXXXX")
echo "bench-transports: work directory $WORK" >&2
cleanup() {
    "$HERE/test-sshd.sh" stop "$WORK/ssh" >/dev/null 2>&1 || true
    "$HERE/test-libvirtd.sh" stop "$WORK/lv" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# A free loopback port (nothing listens on it now, and not one of $taken).
taken=" "
free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 20000))
        case "$taken" in *" $p "*) continue ;; esac
        ss -Hltn "sport = :$p" | grep -q . || { echo "$p"; return; }
    done
}

cc -O2 -o "$WORK/cbench" "$ROOT/examples/c/cbench.c" \
    $(pkg-config --cflags --libs libvirt) -lpthread
(cd -- "$ROOT" && cargo build --quiet --release -p libvirt-examples --bin lvbench)
LVBENCH="${CARGO_TARGET_DIR:-$ROOT/target}/release/lvbench"

# The 2000-domain node file of W4a (the shared harness's shape: clones of a
# small running domain named dom0000..dom1999).
{
    echo "<node><cpu><mhz>2000</mhz><model>i686</model><active>2</active><total>2</total></cpu>"
    echo "<memory>8388608</memory>"
    for i in $(seq 0 1999); do
        printf "<domain type='test'><name>dom%04d</name><uuid>6695eb01-f6a4-8304-79aa-%012x</uuid>" "$i" "$i"
        echo "<memory>8192</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>"
    done
    echo "</node>"
} >"$WORK/test-2000.xml"

"$HERE/test-pki.sh" "$WORK/pki"
TCP=$(free_port)
taken+="$TCP "
TLS=$(free_port)
taken+="$TLS "
SSHP=$(free_port)
TEST_LIBVIRTD_TCP_PORT=$TCP TEST_LIBVIRTD_TLS_PORT=$TLS TEST_LIBVIRTD_TLS_DIR="$WORK/pki/server" \
    TEST_LIBVIRTD_LIMITS=64:32 "${pin[@]}" "$HERE/test-libvirtd.sh" start "$WORK/lv" >/dev/null
"${pin[@]}" "$HERE/test-sshd.sh" start "$WORK/ssh" "$SSHP"
SOCK="$WORK/lv/run/libvirt-sock"

# uri TRANSPORT PATH: the client URI that opens test://PATH on the daemon.
uri() {
    case "$1" in
    unix) echo "test+unix://$2?socket=$SOCK" ;;
    tcp) echo "test+tcp://127.0.0.1:$TCP$2" ;;
    tls) echo "test+tls://localhost:$TLS$2?pkipath=$WORK/pki/client" ;;
    ssh) echo "test+ssh://root@127.0.0.1:$SSHP$2?socket=$SOCK&keyfile=$WORK/ssh/id_ed25519&no_tty=1&command=$WORK/ssh/ssh" ;;
    *) echo "bench-transports: unknown transport $1" >&2; exit 2 ;;
    esac
}

count=()
[ -z "${BENCH_N:-}" ] || count=(--n "$BENCH_N") # smoke runs only
[ "${BENCH_N:-1}" -gt 0 ] || { echo "bench-transports: BENCH_N must be positive" >&2; exit 2; }

run_peer() { # PEER WORKLOAD URI
    case "$1" in
    c) "${pin[@]}" "$WORK/cbench" "$2" --uri "$3" "${count[@]}" ;;
    rust) "${pin[@]}" "$LVBENCH" "$2" --uri "$3" "${count[@]}" ;;
    # The column names of bench.sh: rust-mt, rust-mt-main, rust-smol, rust-blocking.
    rust-mt | rust-mt-main) "${pin[@]}" "$LVBENCH" --adapter "tokio-${1#rust-}" "$2" --uri "$3" "${count[@]}" ;;
    rust-*) "${pin[@]}" "$LVBENCH" --adapter "${1#rust-}" "$2" --uri "$3" "${count[@]}" ;;
    *) echo "bench-transports: unknown peer $1" >&2; exit 2 ;;
    esac
}

RESULTS="$WORK/results.jsonl"
for run in $(seq 1 "$RUNS"); do
    for t in $TRANSPORTS; do
        for w in $WORKLOADS; do
            path=/default
            [ "$w" != w4list ] || path=$WORK/test-2000.xml
            u=$(uri "$t" "$path")
            # Rotate which peer goes first from run to run.
            read -ra order <<<"$PEERS"
            k=$(((run - 1) % ${#order[@]}))
            for p in "${order[@]:k}" "${order[@]:0:k}"; do
                echo "bench-transports: run $run $t $w $p" >&2
                line=$(run_peer "$p" "$w" "$u" | grep '^{')
                printf '{"run":%s,"transport":"%s","column":"%s",%s\n' \
                    "$run" "$t" "$p" "${line#\{}" >>"$RESULTS"
            done
        done
    done
done

python3 - "$RESULTS" "$PEERS" "$TRANSPORTS" "$WORKLOADS" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
peers, transports, workloads = (a.split() for a in sys.argv[2:5])
def cell(p, t, w, f):
    v = [f(r) for r in rows if (r["column"], r["transport"], r["workload"]) == (p, t, w)]
    return statistics.median(v) if v else None
ops = lambda r: r["ops_per_s"]
cpu = lambda r: (r["cpu_user_s"] + r["cpu_sys_s"]) / r["n"] * 1e6
ratio_cols = [f"{p}/c" for p in peers if p != "c"] if "c" in peers else []
header = ["workload", "transport"] + [
    f"{p} {what}" for p in peers for what in ("ops/s", "µs/op added", "client CPU µs/op")
] + ratio_cols
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
for w in workloads:
    for t in transports:
        cells = []
        for p in peers:
            o, base, c = cell(p, t, w, ops), cell(p, "unix", w, ops), cell(p, t, w, cpu)
            added = f"{(1 / o - 1 / base) * 1e6:+.1f}" if o and base else "–"
            cells += [f"{o:,.0f}" if o else "–", added, f"{c:.1f}" if c else "–"]
        c_ops = cell("c", t, w, ops)
        ratios = [f"{cell(p, t, w, ops) / c_ops:.2f}" if c_ops and cell(p, t, w, ops) else "–"
                  for p in peers if p != "c"] if "c" in peers else []
        print(f"| {w} | {t} | " + " | ".join(cells + ratios) + " |")
EOF
