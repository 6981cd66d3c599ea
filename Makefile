# Jobwise: every target installs what it is missing first (scripts/setup.sh).
#   make demo    build and serve the demo site at http://127.0.0.1:8080
#   make test    lint + native tests + wasm DOM tests in Chromium + end-to-end
#   make build   write dist/ (SPEC §2)
#   make bench   size, browser and native benchmarks → target/bench/report.md
#   make fuzz    every fuzz target for FUZZ_SECONDS (default 300) each
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build

WASM_TARGET := wasm32-unknown-unknown
WASM_OUT := target/$(WASM_TARGET)/release/jobwise.wasm
# The SDK's wasm is built by scripts/cargo-sdk.sh (core and alloc from source).
SDK_WASM := target/sdk/$(WASM_TARGET)/release/jobwise.wasm
BIN := $(CURDIR)/node_modules/.bin
export CHROME ?= /usr/bin/chromium
export CHROMEDRIVER ?= /usr/bin/chromedriver
# chromedriver leaves a profile folder per run in TMPDIR: keep them in target/.
WASM_TEST_ENV := TMPDIR=$(CURDIR)/target/tmp WASM_BINDGEN_TEST_TIMEOUT=120

.PHONY: setup setup-browser build demo test test-native test-wasm test-e2e test-fuzz lint fmt bench size fuzz clean

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh --browser

WASM_OPT_FLAGS := -Oz --converge --strip-debug --strip-producers --strip-target-features
# The SDK's wasm gets a second round after flattening and re-relooping the
# control flow: 480 B brotli less (measured), a minute more of wasm-opt.
# Two options for both rounds, 575 B brotli of jobwise.js less together
# (measured 2026-11-23; the wasm alone 45,588 -> 45,061 B): -ocimfs 40
# inlines a function that has one caller only when it is 40 B or smaller
# (the default inlines them all: 466 B less raw code, but more brotli;
# 0, 10, 20 and 60 measured worse than 40), and --low-memory-unused
# folds constant offsets into loads and stores, which differs only for an
# address that wraps around into the low 1 KiB: .cargo/config.toml puts
# the data at 1 KiB, the stack after it, and what src/single.rs keeps
# below (the runtime's cell, the heap's state) is reached by its own
# small addresses, never by wrapping. A third, -aimfs 10, inlines every
# function of 10 B or less wherever it is called (binaryen's default is
# 2): jobwise.js 34,824 -> 34,659 B brotli, mean of 16 alignments −164
# (measured 2026-11-25; 4, 6, 8, 9, 11, 12 and 14 gave −106, −119, −137,
# −153, −109, −39 and +13). And the list ends with one more -Oz
# (--converge is for the whole list: wasm-opt runs it again until a run
# no longer shrinks the wasm; binaryen's passes are not idempotent, so
# where the list ends changes where that stops). Measured
# 2026-11-25 on six trees of one session (main, merges of helpers and
# the final one), mean of 16 alignments −102, +42, −106, −65, −10 and
# −100 B of jobwise.js (34,498.6 -> 34,398.7 on the last), and −123 on
# the next session's final tree (34,365.0 -> 34,242.4). Other pipelines measured
# there did worse on average over the trees they were measured on (the
# extra -Oz was not better on every tree either): a third flattened
# round, --generate-global-effects, -ocimfs 30, -aimfs 8, extra tuple
# passes.
WASM_OPT_SDK := -ocimfs 40 -aimfs 10 --low-memory-unused $(WASM_OPT_FLAGS) --flatten --rereloop -Oz --converge -Oz

build: setup
	@mkdir -p dist
	@echo "build: playground wasm (with the diagnostics feature: messages, warnings, playground exports)"
	cargo build --lib --release --target $(WASM_TARGET) --quiet
	.tools/bin/wasm-bindgen --target web --remove-name-section --remove-producers-section \
	  --out-name playground --out-dir target/bindgen-playground $(WASM_OUT)
	$(BIN)/wasm-opt $(WASM_OPT_FLAGS) target/bindgen-playground/playground_bg.wasm -o dist/playground_bg.wasm
	@echo "build: SDK wasm (no_std, without the diagnostics feature, core and alloc from source)"
	scripts/cargo-sdk.sh --quiet
	node scripts/check-multivalue.mjs $(SDK_WASM)
	@# Every browser we support has TextEncoder.encodeInto, and js/sdk.js
	@# always hands the glue the wasm: no polyfill, no default wasm URL.
	.tools/bin/wasm-bindgen --target web --remove-name-section --remove-producers-section \
	  --encode-into always --omit-default-module-path --out-dir target/bindgen $(SDK_WASM)
	node scripts/minify-names.mjs target/bindgen
	node scripts/prune-glue.mjs target/bindgen/jobwise.js
	$(BIN)/wasm-opt $(WASM_OPT_SDK) target/bindgen/jobwise_bg.wasm -o target/bindgen/jobwise_opt.wasm
	node scripts/order-functions.mjs target/bindgen/jobwise_opt.wasm dist/jobwise_bg.wasm
	node scripts/build.mjs
	@echo "build: dist/ written"; ls -l dist | tail -n +2

demo: build
	node scripts/serve.mjs --port 8080

lint: setup
	cargo fmt --check
	cargo clippy --all-targets --quiet -- -D warnings
	cargo clippy --lib --test web --target $(WASM_TARGET) --quiet -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features --quiet -- -D warnings

fmt:
	cargo fmt

test-native:
	@echo "=== layer 1: native unit and integration tests (cargo test)"
	cargo test --quiet

test-wasm: setup-browser
	@echo "=== layer 2: wasm DOM tests in headless Chromium (wasm-bindgen-test)"
	@mkdir -p target/tmp
	$(WASM_TEST_ENV) cargo test --target $(WASM_TARGET) --lib --test web

test-e2e: build setup-browser
	@echo "=== layer 3: end-to-end tests of the demo pages (Playwright + Chromium)"
	node --test --test-concurrency=1 tests/e2e/

test-fuzz: setup
	@echo "=== fuzz smoke: every fuzz target for 30 s (make fuzz runs longer)"
	scripts/fuzz.sh 30

test: setup-browser lint test-native test-wasm test-e2e test-fuzz
	@echo "make test: all layers passed"

bench: build setup-browser
	WASM_OPT_SDK="$(WASM_OPT_SDK)" node benches/run.mjs

size: build
	node benches/size.mjs
	WASM_OPT_SDK="$(WASM_OPT_SDK)" node benches/wasm-breakdown.mjs

FUZZ_SECONDS ?= 300
fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf dist target/bindgen target/tmp
