// The size budget (issue 7): the brotli bytes of dist/jobwise.js, which
// carries the wasm (the one file a visitor downloads), must not exceed
// size-budget.json. Bytes are deterministic, so this is the one
// performance check that is a test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { budget, root, sdkSizes, SHIPPED } from "../../benches/size.mjs";

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
