// Builds dist/jobwise.js, the classic script of SPEC §3: js/script-tag.js
// bundled as one minified IIFE with the SDK wasm inside it, so that the
// page makes one request and the script compiles the wasm while it runs
// (before first paint; see ARCHITECTURE.md, "The loader").
//
// The wasm is a JS template literal, one char per byte (char code = byte
// value), with only `\`, the backquote, CR and `${` escaped. A
// double-quoted string would also escape `"` (0x22, local.tee, frequent
// in wasm) and LF, and each escape is a byte brotli cannot predict: 567 B
// brotli more, measured on our 160 KB wasm. esbuild would escape every
// non-ASCII char, so the bundle is built around a placeholder (the virtual
// module `jobwise-wasm-text`) that is then replaced. The file is UTF-8 with
// a BOM: the BOM wins over the HTTP and document charsets, so the chars
// decode to the same code points on a page served in windows-1251 too.
// Used by scripts/build.mjs and benches/optlevel.mjs.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { minify } from "terser";

/**
 * esbuild options every bundle of dist/ shares. A property whose name ends
 * in `_` is internal to the bundle (js/actuate.js's entries and budgets)
 * and gets a short name: esbuild only shortens variables by itself.
 */
export const bundleOptions = {
  bundle: true,
  minify: true,
  mangleProps: /_$/,
  legalComments: "none",
  target: "es2020",
  logLevel: "warning",
};

// A template literal's raw CR (and CRLF) reads as LF: CR is escaped too.
const ESCAPES = { "\\": "\\\\", "`": "\\`", "\r": "\\r", "${": "\\${" };

/** `bytes` as a JS template literal, one char per byte. */
export function byteString(bytes) {
  return `\`${Buffer.from(bytes).toString("latin1").replace(/[\\`\r]|\$\{/g, (c) => ESCAPES[c])}\``;
}

/**
 * Bundles js/script-tag.js against the wasm-bindgen glue `glue` with the
 * wasm `wasm` (bytes) embedded, and writes it to `outfile`.
 */
export async function buildScriptTag(root, { glue, wasm, outfile }) {
  // The wasm's place is a free global name, checked below to occur once:
  // neither minifier may assume anything about its value (terser folded a
  // string placeholder's `.length` into the byte loop), and a fixed name
  // keeps the build reproducible (esbuild and terser pick short names by
  // the output's character frequencies).
  const placeholder = "JOBWISE_WASM_TEXT";
  const text = {
    name: "jobwise-wasm-text",
    setup(b) {
      b.onResolve({ filter: /^jobwise-wasm-text$/ }, (a) => ({ path: a.path, namespace: "jobwise" }));
      b.onLoad({ filter: /.*/, namespace: "jobwise" }, () => ({ contents: `export default ${placeholder};` }));
    },
  };
  const out = await build({
    ...bundleOptions,
    entryPoints: [join(root, "js/script-tag.js")],
    format: "iife",
    // The glue's default wasm URL (import.meta.url) is never used here.
    define: { "import.meta.url": '""' },
    alias: { "jobwise-wasm": glue },
    plugins: [text],
    write: false,
  });
  // terser after esbuild: its compressor and its frequency-ordered names
  // make dist/jobwise.js 388 B brotli smaller (50,384 -> 49,996; the JS
  // alone 5,586 -> 5,261; measured 2026-11-24). Its default options:
  // pure_getters, unsafe_* and ecma 2020 output gave nothing more or lost.
  const { code: js } = await minify(out.outputFiles[0].text, { compress: { passes: 2 }, mangle: { toplevel: true } });
  const parts = js.split(placeholder);
  if (parts.length !== 2) {
    throw new Error(`${outfile}: the wasm placeholder occurs ${parts.length - 1} times, not once`);
  }
  // V8's explicit compile hint (Chromium 136+; other engines read a
  // comment): every function compiled eagerly, off the main thread while
  // the file streams in, since nearly all of them run before first paint.
  // Lazily compiled, they cost 3.1 ms of the main thread's 11 at each fresh
  // load; hinted, 0.2 ms (ARCHITECTURE.md, "The loader"). It has to open
  // the file.
  writeFileSync(outfile, `\ufeff//# allFunctionsCalledOnLoad\n${parts.join(byteString(wasm))}`, "utf8");
}
