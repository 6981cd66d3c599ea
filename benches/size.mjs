// What a visitor downloads: raw, gzip -9 and brotli -q 11 bytes of the
// SDK's two files and their sum. Used by the bench report, by the size
// budget test (tests/e2e/size.test.mjs) and by `make size`:
//   node benches/size.mjs        prints the table for dist/
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const root = new URL("..", import.meta.url).pathname;
export const budgetFile = join(root, "size-budget.json");

/** Bytes of `buf` raw, gzip -9 and brotli -q 11 (the best a server can send). */
export function compressed(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/** Sizes of `jobwise.js`, `jobwise_bg.wasm` in `dir`, and their sum. */
export function sdkSizes(dir = join(root, "dist")) {
  const js = compressed(readFileSync(join(dir, "jobwise.js")));
  const wasm = compressed(readFileSync(join(dir, "jobwise_bg.wasm")));
  const total = {};
  for (const k of Object.keys(js)) total[k] = js[k] + wasm[k];
  return { "jobwise.js": js, "jobwise_bg.wasm": wasm, total };
}

/** The committed budget: brotli bytes of JS + wasm. */
export function budget() {
  return JSON.parse(readFileSync(budgetFile, "utf8"));
}

export function sizeTable(sizes) {
  const rows = Object.entries(sizes).map(
    ([name, s]) => `| ${name} | ${s.raw.toLocaleString("en")} | ${s.gzip.toLocaleString("en")} | ${s.brotli.toLocaleString("en")} |`,
  );
  return ["| file | raw | gzip -9 | brotli -q 11 |", "|---|---:|---:|---:|", ...rows].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = sdkSizes();
  const { brotli } = budget();
  console.log(sizeTable(sizes));
  console.log(`\nbudget: ${sizes.total.brotli} of ${brotli} bytes brotli (size-budget.json)`);
}
