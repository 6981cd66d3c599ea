// What a visitor downloads: raw, gzip -9 and brotli -q 11 bytes of
// dist/jobwise.js, the one file of the script tag, which carries the wasm;
// and, so nothing is hidden, the wasm alone and the JS without it. Used by
// the bench report, by the size budget test (tests/e2e/size.test.mjs) and
// by `make size`:
//   node benches/size.mjs        prints the table for dist/
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { brotliSize, wasmLiteral } from "../scripts/script-tag.mjs";

export const root = new URL("..", import.meta.url).pathname;
export const budgetFile = join(root, "size-budget.json");

/** Bytes of `buf` raw, gzip -9 and brotli -q 11 (the best a server can send). */
export function compressed(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliSize(buf),
  };
}

/** Rows of `sdkSizes`: the visitor's download, and the wasm it carries. */
export const SHIPPED = "jobwise.js";
export const WASM_ALONE = "jobwise_bg.wasm alone";

/** Sizes of `jobwise.js` in `dir` (what a visitor downloads), of `jobwise_bg.wasm` alone and of the JS without it. */
export function sdkSizes(dir = join(root, "dist")) {
  const script = readFileSync(join(dir, "jobwise.js"));
  const wasm = readFileSync(join(dir, "jobwise_bg.wasm"));
  const text = script.toString("utf8");
  const [before, after] = text.split(wasmLiteral(text));
  return {
    [SHIPPED]: compressed(script),
    [WASM_ALONE]: compressed(wasm),
    "jobwise.js without the wasm": compressed(Buffer.from(`${before}""${after}`)),
  };
}

/**
 * The committed budget: brotli bytes of jobwise.js (JS + wasm), and why.
 * A build whose core is precompiled (no rust-src: scripts/cargo-sdk.sh
 * says which core it used) gets the file's allowance for it on top.
 */
export function budget() {
  const b = JSON.parse(readFileSync(budgetFile, "utf8"));
  let core = "source";
  try {
    core = readFileSync(join(root, "target/sdk/core"), "utf8").trim();
  } catch {}
  if (core !== "precompiled") return { brotli: b.brotli, why: "core and alloc from source" };
  return { brotli: b.brotli + b.precompiledCore, why: `precompiled core: +${b.precompiledCore} B allowed` };
}

export function sizeTable(sizes) {
  const rows = Object.entries(sizes).map(
    ([name, s]) => `| ${name} | ${s.raw.toLocaleString("en")} | ${s.gzip.toLocaleString("en")} | ${s.brotli.toLocaleString("en")} |`,
  );
  return ["| file | raw | gzip -9 | brotli -q 11 |", "|---|---:|---:|---:|", ...rows].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = sdkSizes();
  const { brotli, why } = budget();
  console.log(sizeTable(sizes));
  console.log(`\nbudget: ${sizes[SHIPPED].brotli} of ${brotli} bytes brotli (size-budget.json; ${why})`);
}
