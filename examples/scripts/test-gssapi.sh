#!/usr/bin/env bash
# Builds and tests libvirt-gssapi (adapters/gssapi) against a private KDC:
# installs what its build needs first (libkrb5-dev for the GSSAPI headers,
# libclang-dev for libgssapi's bindgen), then fmt, clippy, the tests and
# the docs of that crate. As root.
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
"$HERE/ensure-packages.sh" dpkg:libkrb5-dev=libkrb5-dev dpkg:libclang-dev=libclang-dev
# The main workspace's target directory: the dependencies both builds share
# (tokio, rustls, libvirt-client, ...) are compiled once, not twice.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd -- "$HERE/../.." && pwd -P)/target}"
cd "$HERE/../../adapters/gssapi"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps
