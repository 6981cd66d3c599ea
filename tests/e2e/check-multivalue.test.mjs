// scripts/check-multivalue.mjs, the build's guard against LLVM's
// multi-value miscompile (llvm/llvm-project#98323), on small modules
// written here byte by byte: the miscompiled shape is flagged, its correct
// twin and the other ways a local is rewritten are not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { check } from "../../scripts/check-multivalue.mjs";
import { leb } from "../../scripts/wasm-binary.mjs";

const I32 = 0x7f;
const [BLOCK, IF, ELSE, END, BR, BR_IF, CALL, SELECT] = [0x02, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x10, 0x1b];
const [GET, SET, TEE, CONST, EQZ, ADD] = [0x20, 0x21, 0x22, 0x41, 0x45, 0x6a];

const section = (id, bytes) => [id, ...leb(bytes.length), ...bytes];
const vec = (items) => [...leb(items.length), ...items.flat()];

/**
 * A module whose function 0 returns two i32s and whose other functions
 * are `bodies` (code after two i32 locals, `end` added), each `() -> i32`,
 * named `f1`, `f2`… in its name section.
 */
function module(bodies) {
  const types = vec([
    [0x60, 0, 2, I32, I32],
    [0x60, 0, 1, I32],
  ]);
  const funcs = vec([[0], ...bodies.map(() => [1])]);
  const pair = [0, CONST, 1, CONST, 2, END];
  const code = vec([pair, ...bodies.map((b) => [1, 2, I32, ...b, END])].map((b) => [...leb(b.length), ...b]));
  const name = (s) => [...leb(s.length), ...Buffer.from(s)];
  const names = vec(bodies.map((_, i) => [...leb(i + 1), ...name(`f${i + 1}`)]));
  const nameSection = [...name("name"), ...section(1, names)];
  const wasm = Buffer.from([
    ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, types),
    ...section(3, funcs),
    ...section(10, code),
    ...section(0, nameSection),
  ]);
  assert.ok(WebAssembly.validate(wasm), "the test's module is valid wasm");
  return wasm;
}

test("a local read for an instruction and written by the call between is flagged", () => {
  // #98323's output: select(42, local 0, !first) where local 0 was to be
  // the call's second result.
  const miscompiled = [CONST, 42, GET, 0, CALL, 0, SET, 0, EQZ, SELECT];
  // The same with the local read after the call wrote it.
  const correct = [CALL, 0, SET, 0, EQZ, SET, 1, CONST, 42, GET, 0, GET, 1, SELECT];
  assert.deepEqual(check(module([miscompiled, correct])), [["f1", [0]]]);
});

test("a tee and a read from the stack are no waiting read", () => {
  // local 0 written while a tee of it (a value of its own) waits, and a
  // read used up before the write.
  const tee = [CONST, 1, TEE, 0, CONST, 2, SET, 0, GET, 0, ADD];
  const used = [GET, 0, EQZ, CALL, 0, SET, 0, ADD];
  assert.deepEqual(check(module([tee, used])), []);
});

test("blocks: a read waiting outside a block is seen inside it, and a branch ends what runs", () => {
  const inBlock = [GET, 1, BLOCK, I32, CALL, 0, SET, 1, END, ADD];
  // After `br` nothing runs: the write there is not reached.
  const afterBranch = [BLOCK, I32, GET, 0, CONST, 0, BR, 0, SET, 0, END];
  // The condition of an `if` and of a `br_if` are taken before a branch runs.
  const conditions = [
    ...[GET, 0, IF, 0x40, CONST, 1, SET, 0, ELSE, CONST, 2, SET, 0, END],
    ...[BLOCK, 0x40, GET, 1, BR_IF, 0, CONST, 3, SET, 1, END, GET, 0],
  ];
  assert.deepEqual(check(module([inBlock, afterBranch, conditions])), [["f1", [1]]]);
});
