// Removes from the SDK's wasm-bindgen glue (`make build`, after
// scripts/minify-names.mjs) what js/sdk.js never needs and esbuild cannot
// tell is dead: passStringToWasm0 without a `realloc` (every call passes
// the wasm's), the decoder's renewal for Safari past 2 GB decoded, the
// DataView's cache (a few calls per page), and initSync's warning for a
// module passed bare (js/sdk.js always passes `{ module }`). Each must be found exactly once, so a wasm-bindgen
// upgrade that changes them fails the build instead of shipping them:
// about 140 B brotli less JS (37 of them the decoder's renewal).
// It also points the glue's import of js/host.js (src/web/host.rs) at
// that very module, which js/sdk.js installs its host in, instead of
// wasm-bindgen's copy of it (a second module, whose host is never set).
//
//   node scripts/prune-glue.mjs target/bindgen/jobwise.js   (rewrites it in place)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;

const DEAD = [
  [
    /\n {4}if \(realloc === undefined\) \{\n(?: {8}.*\n)+? {4}\}\n/g,
    "\n",
    // Only sound while every call passes a realloc.
    (js) => [...js.matchAll(/passStringToWasm0\(([^)]*)\)/g)].every((m) => m[1].split(",").length === 3),
  ],
  [
    /\nconst MAX_SAFARI_DECODE_BYTES = \d+;\nlet numBytesDecoded = 0;\nfunction decodeText\(bytes\) \{\n {4}numBytesDecoded \+= bytes\.length;\n {4}if \(numBytesDecoded >= MAX_SAFARI_DECODE_BYTES\) \{\n(?: {8}.*\n){3} {4}\}\n/g,
    "\nfunction decodeText(bytes) {\n",
    // Safari's decoder fails after about 2 GB decoded in all: the SDK
    // decodes a decision's ids, labels and reasons (about 1 KB each),
    // never near that in one page's life.
    () => true,
  ],
  [
    /\n {4}if \(cachedDataViewMemory0 === null \|\| .*\) \{\n {8}cachedDataViewMemory0 = new DataView\(wasm\.(\w+)\.buffer\);\n {4}\}\n {4}return cachedDataViewMemory0;\n/g,
    "\n    return new DataView(wasm.$1.buffer);\n",
    // A view per call: only a URL or storage read returns through it, a
    // few per page.
    (js) => (js.match(/getDataViewMemory0\(\)/g) ?? []).length <= 3,
  ],
  [
    /\n {4}if \(module !== undefined\) \{\n {8}if \(Object\.getPrototypeOf\(module\) === Object\.prototype\) \{\n {12}\(\{module\} = module\)\n {8}\} else \{\n.*\n {8}\}\n {4}\}\n/g,
    "\n    ({module} = module);\n",
    () => true,
  ],
];

export function pruneGlue(file) {
  let js = readFileSync(file, "utf8");
  for (const [pattern, by, sound] of DEAD) {
    const found = js.match(pattern)?.length ?? 0;
    if (found !== 1) throw new Error(`prune-glue: ${pattern} found ${found} times in ${file}, not once`);
    if (!sound(js)) throw new Error(`prune-glue: ${pattern} is not dead in ${file}`);
    js = js.replace(pattern, by);
  }
  // Named imports of its functions and, for a function the wasm imports
  // directly, the whole module: each must be redirected.
  const copy = / from (['"])\.\/snippets\/[^'"]+\/js\/host\.js\1;?\n/g;
  if (!copy.test(js)) throw new Error(`prune-glue: no import of js/host.js in ${file}`);
  const host = relative(dirname(file), join(root, "js/host.js"));
  js = js.replace(copy, ` from "${host.startsWith(".") ? host : `./${host}`}";\n`);
  writeFileSync(file, js);
}

if (process.argv[1] === new URL(import.meta.url).pathname) pruneGlue(process.argv[2]);
