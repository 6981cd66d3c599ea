#!/usr/bin/env bash
# Builds the SDK's wasm: the crate without its default features (no_std,
# no diagnostics), release profile, into target/sdk/ (or $CARGO_TARGET_DIR),
# with core and alloc compiled from source by the same profile (opt-level
# "z", LTO with our code, core's `optimize_for_size` variants) and panics
# that abort at once: no panic message, location or core::fmt code is
# linked. Both options are unstable; RUSTC_BOOTSTRAP=1 lets the pinned
# stable toolchain use them (the rust-src component gives core's source;
# scripts/setup.sh installs it). Measured: 2.7 KB brotli less than the
# precompiled core and alloc with a trapping panic handler. Two more
# unstable flags: `-Zlocation-detail=none` drops the file names that
# #[track_caller] sites (wasm-bindgen's `unwrap_throw`) kept in the data
# (218 B brotli), and `-Zfmt-debug=none` makes any `Debug` formatting that
# might creep into the SDK a no-op (none does today).
# It also leaves out the reference-types feature: wasm-bindgen then keeps
# JS values in a JS array instead of a wasm table of externrefs, whose
# allocator and shims cost more wasm than the array costs JS (526 B brotli
# less for the two). Not with the precompiled core: its target-features
# section says reference-types, and wasm-bindgen would then look for the
# externref functions our crate no longer has.
# Where rustup cannot add rust-src, it builds with the precompiled core
# instead and says so; it writes which core it used to TARGET_DIR/core
# ("source" or "precompiled"): the size budget test reads it.
#   scripts/cargo-sdk.sh [more cargo args]
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target/sdk}
mkdir -p "$target_dir"
args=(--lib --release --target wasm32-unknown-unknown --no-default-features --target-dir "$target_dir")
if [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/core" ]; then
  echo source >"$target_dir/core"
  # --config adds to .cargo/config.toml's rustflags (the stack size);
  # RUSTFLAGS would replace them.
  flags='"-Zunstable-options", "-Cpanic=immediate-abort", "-Zlocation-detail=none", "-Zfmt-debug=none", "-Ctarget-feature=-reference-types"'
  RUSTC_BOOTSTRAP=1 cargo build "${args[@]}" --config "target.wasm32-unknown-unknown.rustflags = [$flags]" \
    -Z build-std=core,alloc -Z build-std-features=optimize_for_size "$@"
else
  echo "cargo-sdk: the rust-src component is missing (rustup component add rust-src):" \
    "building with the precompiled core, about 3.3 KB brotli bigger" >&2
  echo precompiled >"$target_dir/core"
  cargo build "${args[@]}" "$@"
fi
