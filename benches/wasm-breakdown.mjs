// Where the wasm's bytes go: its sections, and its code by crate and by
// function. The shipped dist/jobwise_bg.wasm has no names, so the same
// pipeline as `make build` is re-run keeping them (wasm-bindgen without
// --remove-name-section, the SDK's own wasm-opt flags with -g instead of
// --strip-debug, the functions in scripts/order-functions.mjs's order),
// and its code section is checked to have the shipped size within 0.1 %:
// binaryen makes a few choices differently when the functions carry names
// (with the multi-value ABI, 1 to 2 B of 51.8 KB of code), so a function's
// figure may be a byte or two off, never a whole function. Function sizes
// are read straight from the binary's code section (no extra tool).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { orderFunctions } from "../scripts/order-functions.mjs";
import { functionNames, importedFunctions, reader } from "../scripts/wasm-binary.mjs";
import { compressed } from "./size.mjs";

const SECTIONS = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count", "tag"];

/** The SDK's wasm-opt flags (Makefile WASM_OPT_SDK, handed over by `make size` and `make bench`). */
export function sdkOptFlags() {
  const flags = (process.env.WASM_OPT_SDK || "").split(/\s+/).filter(Boolean);
  if (!flags.length) throw new Error("WASM_OPT_SDK is not set: run through `make size` or `make bench`");
  return flags;
}

/** Builds `outDir/named.wasm` from the cargo output with the wasm-opt `flags` and the shipped order, names kept. */
export function namedBuild(root, cargoWasm, outDir, flags) {
  mkdirSync(outDir, { recursive: true });
  execFileSync(join(root, ".tools/bin/wasm-bindgen"), ["--target", "web", "--remove-producers-section", "--encode-into", "always", "--omit-default-module-path", "--out-dir", outDir, cargoWasm]);
  const wasmOpt = join(root, "node_modules/.bin/wasm-opt");
  const named = join(outDir, "named.wasm");
  const bindgenOut = join(outDir, `${basename(cargoWasm, ".wasm")}_bg.wasm`);
  const keepNames = ["-g", "--strip-dwarf", ...flags.filter((f) => f !== "--strip-debug")];
  execFileSync(wasmOpt, [...keepNames, bindgenOut, "-o", named]);
  orderFunctions(named, named);
  return named;
}

/**
 * Sections (name → raw bytes incl. header, and brotli of the section alone),
 * function body sizes and names, and the initial pages of each memory the
 * module defines.
 */
export function parseWasm(buf) {
  const sections = {};
  const bodies = [];
  const memoryPages = [];
  let names = new Map();
  let imported = 0;
  const r = reader(buf, 8);
  while (r.pos < buf.length) {
    const start = r.pos;
    const id = buf[r.pos++];
    const size = r.u32();
    const end = r.pos + size;
    let label = SECTIONS[id] || `section ${id}`;
    if (id === 0) label = `custom "${r.name()}"`;
    (sections[label] ||= []).push(buf.subarray(start, end));
    if (id === 2) imported = importedFunctions(r).length;
    else if (id === 5) {
      for (let n = r.u32(); n > 0; n--) memoryPages.push(r.limits());
    } else if (id === 10) {
      for (let n = r.u32(); n > 0; n--) {
        const bodyStart = r.pos;
        const size = r.u32();
        r.pos += size;
        bodies.push(r.pos - bodyStart);
      }
    } else if (label === 'custom "name"') names = functionNames(r, end);
    r.pos = end;
  }
  for (const [label, parts] of Object.entries(sections)) {
    const { raw, brotli } = compressed(Buffer.concat(parts));
    sections[label] = { bytes: raw, brotli };
  }
  const functions = bodies.map((bytes, i) => ({ name: names.get(imported + i) || `func[${imported + i}]`, bytes }));
  return { sections, functions, memoryPages };
}

/**
 * The crate a (demangled) function name belongs to; `exports` holds the
 * wasm's export names (our `#[wasm_bindgen]` functions keep their plain
 * names, which would otherwise read as compiler_builtins).
 */
export function crateOf(name, exports = new Set()) {
  const s = name.replace(/\[[0-9a-f]{16}\]/g, "").replace(/^core::ptr::drop_in_place</, "<");
  if (/^__(wbindgen|wbg|externref)/.test(s)) return "wasm_bindgen";
  if (exports.has(s) || / multivalue shim$/.test(s)) return "jobwise";
  if (/^__rustc::|^__rdl|^__rust_/.test(s)) return "alloc";
  if (/^func\[\d+\]$/.test(s)) return "(unnamed)";
  if (!s.includes("::")) return "compiler_builtins";
  if (/^<(str|char|bool|\[[^\]]*\]|[iuf](8|16|32|64|128|size))>::/.test(s)) return "core";
  const m = /^<*(?:&|mut |\*const |\*mut |dyn |\[|\()*([A-Za-z_]\w*)(::)?/.exec(s);
  if (m && m[2]) return m[1];
  const trait = / as ([A-Za-z_]\w*)::/.exec(s);
  return trait ? trait[1] : "(other)";
}

/** The module of a jobwise function (`text`, `rules`…; "(exports)" for the export shims). */
function moduleOf(name) {
  // v0-mangled names carry the crate's hash: `jobwise[0123abcd…]::text`.
  return /jobwise(?:\[[0-9a-f]+\])?::(\w+)/.exec(name)?.[1] ?? "(exports)";
}

/** name → bytes, largest first, as [{ key, bytes }]. */
function tally(functions, keyOf) {
  const sums = {};
  for (const f of functions) sums[keyOf(f.name)] = (sums[keyOf(f.name)] || 0) + f.bytes;
  return Object.entries(sums)
    .map(([key, bytes]) => ({ key, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** The breakdown of `named` (a wasm with names), shipped bytes from `shipped`. */
export function breakdown(named, shipped) {
  const { functions, sections: namedSections } = parseWasm(readFileSync(named));
  const { sections } = parseWasm(readFileSync(shipped));
  if (Math.abs(namedSections.code.bytes - sections.code.bytes) > sections.code.bytes / 1000) {
    throw new Error(`the named build's code (${namedSections.code.bytes} B) is more than 0.1 % from the shipped code (${sections.code.bytes} B)`);
  }
  const exports = new Set(WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(named))).map((e) => e.name));
  const ours = (name) => crateOf(name, exports);
  const byCrate = tally(functions, ours);
  const byModule = tally(functions.filter((f) => ours(f.name) === "jobwise"), moduleOf);
  const top = [...functions]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 15)
    .map((f) => ({ name: f.name.replace(/\[[0-9a-f]{16}\]/g, "").replace(/::h[0-9a-f]{16}$/, ""), bytes: f.bytes }));
  return { sections, functionCount: functions.length, byCrate, byModule, top };
}

// `make size`, or `node benches/wasm-breakdown.mjs [N]` with WASM_OPT_SDK
// set as the Makefile has it (after `make build`): the shipped
// wasm's sections, its code by crate and by jobwise module, and the N
// largest functions (default 40): the numbers a size change is judged by.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL("..", import.meta.url).pathname;
  const named = namedBuild(root, join(root, "target/sdk/wasm32-unknown-unknown/release/jobwise.wasm"), join(root, "target/size"), sdkOptFlags());
  const shipped = join(root, "dist/jobwise_bg.wasm");
  const b = breakdown(named, shipped);
  const { functions } = parseWasm(readFileSync(named));
  const rows = (list) => list.map(({ key, bytes }) => `${String(bytes).padStart(8)}  ${key}`).join("\n");
  console.log("sections (bytes, brotli alone):");
  for (const [label, s] of Object.entries(b.sections)) console.log(`${String(s.bytes).padStart(8)} ${String(s.brotli).padStart(7)}  ${label}`);
  console.log(`\ncode by crate (${b.functionCount} functions):\n${rows(b.byCrate)}`);
  console.log(`\njobwise code by module:\n${rows(b.byModule)}`);
  const n = Number(process.argv[2]) || 40;
  const top = [...functions].sort((x, y) => y.bytes - x.bytes).slice(0, n);
  console.log(`\nlargest ${n} functions:\n${top.map((f) => `${String(f.bytes).padStart(8)}  ${f.name.replace(/\[[0-9a-f]{16}\]/g, "").replace(/::h[0-9a-f]{16}$/, "").slice(0, 150)}`).join("\n")}`);
}
