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
# And it builds for rustc's own wasm32-unknown-unknown target spec with one
# change, the `experimental-mv` ABI, written to TARGET_DIR/spec/ (the file
# keeps the target's name, so cargo's output path and .cargo/config.toml's
# settings for the target stay): a function returning two scalars (a
# `&str`, a pair of numbers, a small `Option`) returns them as two wasm
# results instead of writing them through the shadow stack for the caller
# to read back. Multi-value came in Chrome 86, Firefox 78 and Safari 13.1;
# the bulk memory the wasm already used needs Chrome 75, Firefox 79 and
# Safari 15, so only Chrome 75-85 (2019-2020) are left out, and there the
# wasm fails to compile and the page keeps its default content. wasm-bindgen's
# exports and imports pass only numbers, so its glue is the same. Measured:
# wasm 68,863 -> 66,878 B raw, jobwise.js 36,000 -> 35,532 B brotli (mean
# of 16 alignments -422). Target specs in JSON are unstable too.
# LLVM 22 miscompiles some calls under this ABI (llvm/llvm-project#98323:
# an operand read from a local before the call that writes it; fixed
# upstream in June 2026, after this toolchain): the Makefile runs
# scripts/check-multivalue.mjs on the wasm this writes, which stops the
# build at any such read.
# Six of LLVM's optimizations are turned off for it: each makes code larger
# or more varied to make a loop or a path faster, which a page's one
# decision does not need (brotli bytes of jobwise.js measured together,
# 35,337 -> 34,824 B, mean of 16 alignments 35,379.6 -> 34,860.3; the
# wasm 66,476 -> 65,714 B raw): loop strength reduction (pointer
# induction variables beside the indices: −290 B alone), GVN's partial
# redundancy elimination (loads and values copied into predecessors),
# loop exit values recomputed after the loop (`replexitval`), LICM's
# promotion of memory to locals around loops, and machine-level LICM and
# CSE. Each is one of LLVM's long-standing options; turning one off never
# changes what the code computes.
# Where rustup cannot add rust-src, it builds with the precompiled core
# instead and says so; it writes which core it used to TARGET_DIR/core
# ("source" or "precompiled"): the size budget test reads it.
#   scripts/cargo-sdk.sh [more cargo args]
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target/sdk}
mkdir -p "$target_dir"
args=(--lib --release --no-default-features --target-dir "$target_dir")
llvm=""
for off in -disable-lsr -enable-pre=false -replexitval=never -disable-licm-promotion -disable-machine-licm -disable-machine-cse; do
  llvm="$llvm, \"-Cllvm-args=$off\""
done
if [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/core" ]; then
  echo source >"$target_dir/core"
  # --config adds to .cargo/config.toml's rustflags (the stack size);
  # RUSTFLAGS would replace them.
  flags='"-Zunstable-options", "-Cpanic=immediate-abort", "-Zlocation-detail=none", "-Zfmt-debug=none", "-Ctarget-feature=-reference-types"'"$llvm"
  # Rewritten only when it changes: a new file would rebuild core and alloc.
  spec="$target_dir/spec/wasm32-unknown-unknown.json"
  mkdir -p "$(dirname "$spec")"
  RUSTC_BOOTSTRAP=1 rustc -Z unstable-options --print target-spec-json --target wasm32-unknown-unknown |
    node -e 'const s = JSON.parse(require("fs").readFileSync(0, "utf8"));
      s["llvm-abiname"] = "experimental-mv";
      process.stdout.write(JSON.stringify(s, null, 2) + "\n");' >"$spec.new"
  if cmp -s "$spec.new" "$spec"; then rm "$spec.new"; else mv "$spec.new" "$spec"; fi
  RUSTC_BOOTSTRAP=1 cargo build -Z json-target-spec --target "$spec" "${args[@]}" --config "target.wasm32-unknown-unknown.rustflags = [$flags]" \
    -Z build-std=core,alloc -Z build-std-features=optimize_for_size "$@"
else
  echo "cargo-sdk: the rust-src component is missing (rustup component add rust-src):" \
    "building with the precompiled core, about 2.5 KB brotli bigger" >&2
  echo precompiled >"$target_dir/core"
  cargo build --target wasm32-unknown-unknown "${args[@]}" --config "target.wasm32-unknown-unknown.rustflags = [${llvm#, }]" "$@"
fi
