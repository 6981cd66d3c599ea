// The size budget (issue 7): the brotli bytes of dist/jobwise.js, which
// carries the wasm (the one file a visitor downloads), must not exceed
// size-budget.json. Bytes are deterministic, so this is the one
// performance check that is a test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { budget, root, sdkSizes, SHIPPED } from "../../benches/size.mjs";
import { parseWasm } from "../../benches/wasm-breakdown.mjs";

test("the SDK fits its brotli size budget", () => {
  assert.ok(existsSync(join(root, "dist/jobwise_bg.wasm")), "dist/ is missing: run `make build` first");
  const sizes = sdkSizes();
  const { brotli: limit, why } = budget();
  const { brotli } = sizes[SHIPPED];
  const parts = Object.entries(sizes).filter(([name]) => name !== SHIPPED).map(([name, s]) => `${name} ${s.brotli}`);
  assert.ok(
    brotli <= limit,
    `jobwise.js (JS + wasm) is ${brotli} bytes brotli, over the budget of ${limit} (${why}; ${parts.join(", ")}): ` +
      "shrink the build, or raise size-budget.json and say why in the commit message",
  );
});

// Every page that loads the SDK pays for the wasm's initial memory: the
// 128 KiB stack (.cargo/config.toml) and the data fit in 3 pages of
// 64 KiB; rustc's default 1 MiB stack would make it 17.
test("the wasm asks for at most 3 pages (192 KiB) of memory at start", () => {
  const { memoryPages } = parseWasm(readFileSync(join(root, "dist/jobwise_bg.wasm")));
  assert.equal(memoryPages.length, 1, "the wasm defines one memory");
  const [pages] = memoryPages;
  assert.ok(pages <= 3, `the wasm asks for ${pages} pages of initial memory`);
});
