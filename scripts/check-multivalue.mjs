// Stops the build when LLVM miscompiled a call that returns two values:
// llvm/llvm-project#98323, which the toolchain's LLVM 22 has (the fix,
// "Don't stackify multi-def instructions", llvm/llvm-project#200429, came
// in June 2026). scripts/cargo-sdk.sh builds the SDK with the multi-value
// ABI, where it shows.
//
// What goes wrong: LLVM leaves a call's first result on the wasm stack for
// the instruction that uses it, and stores the second to a local after the
// call; an operand of that instruction pushed before the call is read from
// the same local, and gets what the local held before:
//
//   local.get 12    ;; meant: the call's second result
//   ...
//   call $decoded   ;; two results: the first stays on the stack,
//   local.set 12    ;; the second too late for the get above
//   ...
//   select
//
// Correct LLVM output never writes a local while a value read from it is
// still on the stack, waiting for its instruction: that value's register
// is live until then, and LLVM's register colouring never gives two live
// registers one local. So the check follows the operand stack of every
// function of the module as cargo wrote it (before wasm-bindgen and
// wasm-opt) and flags each `local.set`/`local.tee` of a local whose
// `local.get` is still on the stack.
//
//   node scripts/check-multivalue.mjs IN.wasm
//
// What it cannot see: the same bug where the early read is used up by an
// instruction (say `i32.eqz`) before the call writes the local; no local
// sign tells that from a read of what the local held before, which is
// correct code. tests/e2e/parity.test.mjs compares the wasm's decisions in
// Chromium with the native CLI's for 150 visitors.
//
// Exits 1 and names the functions (the module keeps its names) when it
// finds one. The fix is then in the source: the function named written
// so that LLVM does not meet the bug (the comments at `Group::index`,
// `decide::cut` and `text::longest` say how it was done there).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bodies, functionNames, importedFunctions, instructions, reader, sections } from "./wasm-binary.mjs";

// Comparisons and arithmetic (0x45..0xc4): these ranges (eqz,
// clz/ctz/popcnt, float unary, conversions, sign extension) take one
// value, the others two.
const UNARY = [[0x45, 0x45], [0x50, 0x50], [0x67, 0x69], [0x79, 0x7b], [0x8b, 0x91], [0x99, 0x9f], [0xa7, 0xc4]];

/** Values an opcode pops and pushes, where fixed (calls, blocks and branches are read apart). */
function arity(op) {
  if (op === 0x1a || op === 0x24) return [1, 0]; // drop, global.set
  if (op === 0x1b || op === 0x1c) return [3, 1]; // select
  if (op === 0x23 || op === 0x3f || (op >= 0x41 && op <= 0x44)) return [0, 1]; // global.get, memory.size, consts
  if (op >= 0x28 && op <= 0x35) return [1, 1]; // loads
  if (op >= 0x36 && op <= 0x3e) return [2, 0]; // stores
  if (op === 0x40) return [1, 1]; // memory.grow
  if (op >= 0x45 && op <= 0xc4) return UNARY.some(([a, b]) => op >= a && op <= b) ? [1, 1] : [2, 1];
  if (op >= 0xfc00 && op <= 0xfc07) return [1, 1]; // saturating truncation
  if (op === 0xfc08 || op === 0xfc0a || op === 0xfc0b) return [3, 0]; // memory.init, copy, fill
  if (op === 0xfc09 || op === 0x01) return [0, 0]; // data.drop, nop
  return null;
}

/**
 * The module's function types (`[params, results]` counts), every
 * function's type index (the imported first), the defined functions'
 * bodies and how many functions are imported.
 */
function read(buf) {
  const all = sections(buf);
  const types = [];
  const funcs = [];
  for (const s of all) {
    const r = reader(buf, s.start);
    if (s.id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        r.byte(); // 0x60
        const params = r.u32();
        r.pos += params;
        const results = r.u32();
        r.pos += results;
        types.push([params, results]);
      }
    } else if (s.id === 2) {
      funcs.push(...importedFunctions(r));
    } else if (s.id === 3) {
      for (let n = r.u32(); n > 0; n--) funcs.push(r.u32());
    }
  }
  const code = bodies(buf);
  return { types, funcs, code, imported: funcs.length - code.length };
}

/**
 * The stale reads of one function body: the locals written while a value
 * read from them still waits on the stack. `types` and `funcs` give the
 * calls' and blocks' signatures.
 */
export function staleReads(body, types, funcs) {
  const found = [];
  // Each stack entry: the local it was read from, or -1.
  const stack = [];
  // Blocks: where their values start, how many they take and give, and
  // whether the rest of the block cannot be reached (after a branch).
  const frames = [{ height: 0, params: 0, results: 0, dead: false }];
  const pop = (n) => {
    if (stack.length - n < frames.at(-1).height) throw new Error(`check-multivalue: the operand stack runs out (${n} wanted, ${stack.length - frames.at(-1).height} there)`);
    stack.length -= n;
  };
  const push = (n, from = -1) => {
    for (let i = 0; i < n; i++) stack.push(from);
  };
  const blockType = (arg) => (arg === -1 ? [0, 0] : arg === -2 ? [0, 1] : types[arg]);
  for (const { op, arg } of instructions(body)) {
    const frame = frames.at(-1);
    if (op === 0x02 || op === 0x03 || op === 0x04) {
      const [params, results] = blockType(arg);
      if (!frame.dead && op === 0x04) pop(1);
      frames.push({ height: stack.length - params, params, results, dead: frame.dead });
      continue;
    }
    if (op === 0x05 || op === 0x0b) {
      stack.length = frame.height;
      if (op === 0x05) {
        push(frame.params);
        frame.dead = frames.at(-2).dead;
      } else {
        frames.pop();
        push(frame.results);
      }
      continue;
    }
    if (frame.dead) continue;
    if (op === 0x00 || op === 0x0c || op === 0x0e || op === 0x0f) {
      // unreachable, br, br_table, return: nothing after them runs.
      frame.dead = true;
    } else if (op === 0x0d) {
      pop(1); // br_if: the branch's values stay when it is not taken
    } else if (op === 0x10 || op === 0x11) {
      const [params, results] = types[op === 0x10 ? funcs[arg] : arg];
      pop(params + (op === 0x11 ? 1 : 0));
      push(results);
    } else if (op === 0x20) {
      push(1, arg);
    } else if (op === 0x21 || op === 0x22) {
      pop(1);
      if (stack.includes(arg) && !found.includes(arg)) found.push(arg);
      if (op === 0x22) push(1);
    } else {
      const a = arity(op);
      if (!a) throw new Error(`check-multivalue: opcode 0x${op.toString(16)} has no arity here`);
      pop(a[0]);
      push(a[1]);
    }
  }
  return found;
}

/** The function names of the module's name section, by index. */
function names(buf) {
  const custom = sections(buf).find((s) => s.id === 0 && buf.toString("latin1", s.start, s.start + 5) === "\x04name");
  if (!custom) return new Map();
  const r = reader(buf, custom.start);
  r.name();
  return functionNames(r, custom.end);
}

/** `[function name, [local...]]` for every function of the wasm `buf` with a stale read. */
export function check(buf) {
  const { types, funcs, code, imported } = read(buf);
  const named = names(buf);
  const out = [];
  code.forEach((body, i) => {
    const found = staleReads(body, types, funcs);
    if (found.length) out.push([named.get(imported + i) ?? `function ${imported + i}`, found]);
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wasm = process.argv[2];
  const bad = check(readFileSync(wasm));
  if (bad.length) {
    console.error(`check-multivalue: ${wasm}: LLVM's multi-value miscompile (llvm/llvm-project#98323) in:`);
    for (const [name, locals] of bad) console.error(`  ${name}: local ${locals.join(", ")} written while a read of it waits`);
    process.exit(1);
  }
}
