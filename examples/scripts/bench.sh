#!/usr/bin/env bash
# Runs libvirt-rs's benchmark peer (`lvbench`, built with --release) beside
# the official C client, go-libvirt and libvirt-python in the shared client
# benchmark (its run.sh installs what it needs, starts its own libvirtd and
# prints the median tables). Columns for libvirt-rs: `rust` (the Tokio
# adapter), `rust-ka` (the same with keepalive, libvirt's default for
# clients with an event loop; the C and Go peers run without), `rust-mt`
# (the Tokio multi-thread runtime, the setup most Tokio users have, with
# the workload in a task; `rust-mt-main` runs it on block_on's thread),
# `rust-smol` and `rust-blocking`. See BENCHMARKS.md. Transports (TCP, TLS,
# SSH) beside the C client: bench-transports.sh.
#
#   examples/scripts/bench.sh                  # unpinned, every workload, 3 runs
#   PEERS_CPUS=0 examples/scripts/bench.sh     # single-CPU mode
#   examples/scripts/bench.sh --peers c --workloads w1,w3   # run.sh's options
#
# The harness is the `peers` folder of the workspace's shared area
# (`../shared/peers` beside this repository); PEERS_DIR names another one.
# Needs root, as the harness does.
set -euo pipefail

HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$HERE/../.." && pwd -P)
PEERS=${PEERS_DIR:-$ROOT/../shared/peers}
if [ ! -x "$PEERS/run.sh" ]; then
    echo "bench.sh: no benchmark harness at $PEERS (set PEERS_DIR)" >&2
    exit 2
fi

(cd -- "$ROOT" && cargo build --quiet --release -p libvirt-examples --bin lvbench)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/lvbench"
exec "$PEERS/run.sh" \
    --peer "rust=$BIN" \
    --peer "rust-ka=$BIN --keepalive" \
    --peer "rust-mt=$BIN --adapter tokio-mt" \
    --peer "rust-mt-main=$BIN --adapter tokio-mt-main" \
    --peer "rust-smol=$BIN --adapter smol" \
    --peer "rust-blocking=$BIN --adapter blocking" \
    "$@"
