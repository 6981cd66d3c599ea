// The download every visitor of every customer site pays: dist/jobwise_bg.wasm
// and dist/jobwise.js, brotli quality 11, against size-budget.json (a
// ratchet: lower it when the size work lands, never raise it silently).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

const root = new URL("../../", import.meta.url);
const budget = JSON.parse(readFileSync(new URL("size-budget.json", root), "utf8"));
const brotli = (path) =>
  brotliCompressSync(readFileSync(new URL(path, root)), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
  }).length;

test("the SDK's wasm and JS stay within the size budget (brotli 11)", () => {
  const wasm = brotli("dist/jobwise_bg.wasm");
  const js = brotli("dist/jobwise.js");
  const report = `wasm ${wasm}, js ${js}, total ${wasm + js}`;
  assert.ok(wasm <= budget.wasm, `${report}: wasm over ${budget.wasm}`);
  assert.ok(js <= budget.js, `${report}: js over ${budget.js}`);
  assert.ok(wasm + js <= budget.total, `${report}: total over ${budget.total}`);
});
