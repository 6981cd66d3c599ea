// Builds dist/jobwise.js, the classic script of SPEC §3: js/script-tag.js
// bundled as one minified IIFE with the SDK wasm inside it, so that the
// page makes one request and the script compiles the wasm while it runs
// (before first paint; see ARCHITECTURE.md, "The loader").
//
// The wasm is a JS template literal, one char per byte (char code = byte
// value), with only `\`, the backquote, CR and `${` escaped. A
// double-quoted string would also escape `"` (0x22, local.tee, frequent
// in wasm) and LF, and each escape is a byte brotli cannot predict: 567 B
// brotli more, measured on our 160 KB wasm. CR is wasm's `br_if`, about
// 650 in our wasm, each one written `\r`: its byte value is swapped with
// that of a rare plain char (about 20 in our wasm), which js/script-tag.js
// swaps back natively (`split`, `replaceAll`, `join`: 0.1 ms). The
// partner is the one of the 32 rarest plain chars that gives the smallest
// file under brotli -q 11: 135 B less than no swap, about 60 B less than
// always the rarest (measured 2026-11-25). esbuild would escape every
// non-ASCII char, so the bundle is built around placeholders (the virtual
// module `jobwise-wasm-text`) that are then replaced. The file is UTF-8
// with a BOM: the BOM wins over the HTTP and document charsets, so the
// chars decode to the same code points on a page served in windows-1251
// too.
// Used by scripts/build.mjs and benches/optlevel.mjs.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
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

/** Bytes of `buf` at brotli -q 11 (the best a server can send; the size budget's measure). */
export function brotliSize(buf) {
  const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length };
  return brotliCompressSync(buf, { params }).length;
}

/** The one wasm literal of `js` (jobwise.js's text): a template literal that starts with the wasm magic. */
export function wasmLiteral(js) {
  const [literal, ...more] = js.match(/`\0asm(?:[^`\\]|\\.)*`/g) ?? [];
  if (!literal || more.length) throw new Error(`${more.length + !!literal} wasm literals, not one`);
  return literal;
}

const CR = 13;
/** How many of the rarest plain chars are tried as CR's partner. */
const PARTNERS = 32;

/** `bytes` with CR and `partner` swapped. */
function swapped(bytes, partner) {
  return Buffer.from(bytes).map((b) => (b === CR ? partner : b === partner ? CR : b));
}

/**
 * The plain chars that may stand for CR (printable ASCII that needs no
 * escape in a template literal or a JSON string), the rarest in `bytes`
 * first.
 */
function partners(bytes) {
  const count = new Array(128).fill(0);
  for (const b of bytes) if (b < 128) count[b]++;
  const plain = [];
  for (let b = 32; b < 127; b++) if (!'\\`$"'.includes(String.fromCharCode(b))) plain.push(b);
  return plain.sort((a, b) => count[a] - count[b] || a - b).slice(0, PARTNERS);
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
  const swapHolder = "JOBWISE_WASM_SWAP";
  const text = {
    name: "jobwise-wasm-text",
    setup(b) {
      b.onResolve({ filter: /^jobwise-wasm-text$/ }, (a) => ({ path: a.path, namespace: "jobwise" }));
      b.onLoad({ filter: /.*/, namespace: "jobwise" }, () => ({
        contents: `export default ${placeholder}; export const SWAP = ${swapHolder};`,
      }));
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
  const [before, after, ...more] = parts.length === 2 ? parts[1].split(swapHolder) : [];
  if (after === undefined || more.length || parts[0].includes(swapHolder)) {
    throw new Error(`${outfile}: the wasm's placeholders do not occur once each, in order`);
  }
  // V8's explicit compile hint (Chromium 136+; other engines read a
  // comment): every function compiled eagerly, off the main thread while
  // the file streams in, since nearly all of them run before first paint.
  // Lazily compiled, they cost 3.1 ms of the main thread's 11 at each fresh
  // load; hinted, 0.2 ms (ARCHITECTURE.md, "The loader"). It has to open
  // the file.
  const file = (partner) =>
    Buffer.from(
      `\ufeff//# allFunctionsCalledOnLoad\n${parts[0]}${byteString(swapped(wasm, partner))}${before}` +
        `${JSON.stringify(String.fromCharCode(CR, partner))}${after}`,
      "utf8",
    );
  let best = null;
  for (const partner of partners(wasm)) {
    const buf = file(partner);
    const size = brotliSize(buf);
    if (!best || size < best.size) best = { buf, size };
  }
  writeFileSync(outfile, best.buf);
}
