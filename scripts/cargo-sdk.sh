#!/usr/bin/env bash
# Builds the SDK's wasm: the crate without its default features (no_std,
# no diagnostics), release profile, into target/sdk/ (or $CARGO_TARGET_DIR),
# with core and alloc compiled from source by the same profile (opt-level
# "z", LTO with our code, core's `optimize_for_size` variants) and panics
# that abort at once: no panic message, location or core::fmt code is
# linked. Both options are unstable; RUSTC_BOOTSTRAP=1 lets the pinned
# stable toolchain use them (the rust-src component gives core's source;
# scripts/setup.sh installs it). Measured: 2.7 KB brotli less than the
# precompiled core and alloc with a trapping panic handler.
#   scripts/cargo-sdk.sh [more cargo args]
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
exec cargo build --lib --release --target wasm32-unknown-unknown --no-default-features \
  -Z build-std=core,alloc -Z build-std-features=optimize_for_size \
  --target-dir "${CARGO_TARGET_DIR:-target/sdk}" "$@"
