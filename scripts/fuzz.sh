#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (libFuzzer through cargo-fuzz, on
# the nightly toolchain), seeded from the project's own test cases.
#   scripts/fuzz.sh [SECONDS]     default 60; CI's smoke run uses 30
# Fails on the first crash; prints the executions each target reached.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}

say() { printf '\033[1mfuzz:\033[0m %s\n' "$*"; }

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: the nightly toolchain is missing (cargo-fuzz needs it for the sanitizers)" >&2
  exit 1
fi
if [ ! -x .tools/bin/cargo-fuzz ]; then
  say "installing cargo-fuzz into .tools/ (once)"
  cargo install cargo-fuzz --version 0.13.2 --root .tools --quiet
fi
export PATH="$PWD/.tools/bin:$PATH"

node scripts/fuzz-seeds.mjs fuzz/corpus

for target in $(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^jobwise-fuzz$'); do
  say "$target for ${seconds}s"
  log=$(mktemp)
  if ! cargo +nightly fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "fuzz: $target FAILED (artifact in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -n 1 || true)
  say "$target: ${runs:-no summary} in ${seconds}s, no crash"
  rm -f "$log"
done
