#!/usr/bin/env bash
# Installs what the build and the tests need and is missing, idempotently,
# saying what it does. Everything comes from crates.io, npm or Debian, and
# lands inside the project (.tools/, node_modules/) except Chromium.
#   scripts/setup.sh            build tools (wasm target, wasm-bindgen, npm)
#   scripts/setup.sh --browser  also Chromium and chromedriver
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The SDK's wasm compiles core and alloc from their source (scripts/cargo-sdk.sh).
if ! rustup component list --installed | grep -qx rust-src; then
  say "adding the rust-src component"
  rustup component add rust-src || say "no rust-src: the SDK wasm will link the precompiled core (see scripts/cargo-sdk.sh)"
fi

# The wasm-bindgen CLI must match the library version in Cargo.lock exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(.tools/bin/wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want into .tools/ (a few minutes, once)"
  # No --locked: one of its pinned dependency versions is not on the registry mirror.
  cargo install wasm-bindgen-cli --version "$want" --root .tools --quiet
fi

# A node_modules that is a symlink is shared with another checkout (a git
# worktree): never let npm ci empty it from here.
if [ -L node_modules ]; then
  :
elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools (npm ci: binaryen, esbuild, terser, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--browser" ]; then
  chrome=${CHROME:-/usr/bin/chromium}
  driver=${CHROMEDRIVER:-/usr/bin/chromedriver}
  if [ ! -x "$chrome" ] || [ ! -x "$driver" ]; then
    if [ "$(id -u)" = 0 ]; then
      say "installing Debian's chromium and chromium-driver"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
      echo "setup: Chromium is missing. Install Debian's packages 'chromium' and 'chromium-driver'" >&2
      echo "       (or set CHROME and CHROMEDRIVER to their paths), then run make again." >&2
      exit 1
    fi
  fi
fi
