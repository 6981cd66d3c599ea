// The size budget (issue 7): the brotli bytes of dist/jobwise.js, which
// carries the wasm (the one file a visitor downloads), must not exceed
// size-budget.json. Bytes are deterministic, so this is the one
// performance check that is a test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { budget, root, sdkSizes, SHIPPED } from "../../benches/size.mjs";
import { parseWasm } from "../../benches/wasm-breakdown.mjs";
import { similarityOrder } from "../../scripts/order-functions.mjs";
import { bodies } from "../../scripts/wasm-binary.mjs";

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

// Every page that loads the SDK pays for the wasm's initial memory: the
// data and the 128 KiB stack (.cargo/config.toml) fit in 3 pages of
// 64 KiB; rustc's default 1 MiB stack would make it 17.
test("the wasm asks for at most 3 pages (192 KiB) of memory at start", () => {
  const { memoryPages } = parseWasm(readFileSync(join(root, "dist/jobwise_bg.wasm")));
  assert.equal(memoryPages.length, 1, "the wasm defines one memory");
  const [pages] = memoryPages;
  assert.ok(pages <= 3, `the wasm asks for ${pages} pages of initial memory`);
});

// The shadow stack's size (.cargo/config.toml), and a wasm as binaryen's
// own reader prints it.
const stackSize = () => Number(/zstack-size=(\d+)/.exec(readFileSync(join(root, ".cargo/config.toml"), "utf8"))[1]);
const disassemble = (file) => execFileSync(join(root, "node_modules/.bin/wasm-dis"), [file], { encoding: "utf8", maxBuffer: 1 << 26 });
const shippedWat = () => disassemble(join(root, "dist/jobwise_bg.wasm"));

// The shadow stack sits after the data (.cargo/config.toml: the code's
// data addresses are then shorter constants), so an overflow would write
// over the data instead of trapping. It cannot happen: the deepest call
// path of the shipped wasm, read from its code, is far below the stack's
// size. A function's frame is what it subtracts from the stack pointer; a
// call_indirect may reach any function of its type in the table; a
// function that calls itself is counted 64 times, the JSON reader's
// nesting limit (json::read::MAX_DEPTH), which bounds the one recursion
// that keeps a frame (the term index's walk and the number writer keep
// none). Recursion through several functions fails the test until its
// depth is bounded and counted here.
test("the deepest call path needs at most half of the shadow stack", () => {
  const [stack, wat] = [stackSize(), shippedWat()];
  const sp = /\(global (\$\S+) \(mut i32\)/.exec(wat)[1].replaceAll("$", "\\$");
  const frame = new RegExp(String.raw`\(i32\.sub\s*\(global\.get ${sp}\)\s*\(i32\.const (\d+)\)`, "g");
  // A signature as the type section and a function's header both spell it.
  const signature = (header) => {
    const kinds = { param: [], result: [] };
    for (const [, kind, list] of header.matchAll(/\((param|result) ([^()]*)\)/g)) kinds[kind].push(...list.split(" ").filter((t) => !t.startsWith("$")));
    return `${kinds.param} -> ${kinds.result}`;
  };
  const types = new Map([...wat.matchAll(/^ \(type \$(\d+) \(func(.*)\)\)$/gm)].map((m) => [m[1], signature(m[2])]));
  const table = [...wat.matchAll(/\(elem [^\n]*/g)].flatMap(([e]) => [...e.matchAll(/\$(\d+)/g)].map((m) => m[1]));
  const frames = new Map();
  const calls = new Map();
  const signatures = new Map();
  const bodies = wat.split("\n (func $").slice(1);
  for (const body of bodies) signatures.set(/^\d+/.exec(body)[0], signature(body.slice(0, body.indexOf("\n"))));
  for (const body of bodies) {
    const name = /^\d+/.exec(body)[0];
    frames.set(name, [...body.matchAll(frame)].reduce((sum, m) => sum + Number(m[1]), 0));
    const callees = new Set([...body.matchAll(/\(call \$(\d+)/g)].map((m) => m[1]));
    for (const [, type] of body.matchAll(/\(call_indirect \(type \$(\d+)\)/g)) {
      table.filter((f) => signatures.get(f) === types.get(type)).forEach((f) => callees.add(f));
    }
    calls.set(name, callees);
  }
  const deepest = new Map();
  const depth = (f, path) => {
    if (deepest.has(f)) return deepest.get(f);
    path.add(f);
    let below = 0;
    for (const g of calls.get(f)) {
      if (g === f) continue;
      assert.ok(!path.has(g), `functions ${g} and ${f} recurse through each other: bound their depth, then count it here`);
      below = Math.max(below, depth(g, path));
    }
    path.delete(f);
    deepest.set(f, frames.get(f) * (calls.get(f).has(f) ? 64 : 1) + below);
    return deepest.get(f);
  };
  const exported = [...wat.matchAll(/\(export "[^"]*" \(func \$(\d+)\)\)/g)].map((m) => m[1]);
  const worst = Math.max(...exported.map((f) => depth(f, new Set())));
  assert.ok(worst > 0, "no stack frame found: the stack pointer's pattern changed");
  assert.ok(worst <= stack / 2, `the deepest call path needs ${worst} B of the ${stack} B shadow stack`);
});

// src/single.rs keeps the runtime's cell and the heap's state at fixed
// addresses in the low 1 KiB, and counts on nothing else being there: the
// linker's data starts at 1 KiB (.cargo/config.toml) and the shadow stack,
// which grows down from the stack pointer's start, ends above it.
test("nothing but src/single.rs's statics lives in the low 1 KiB", () => {
  const [stack, wat] = [stackSize(), shippedWat()];
  const segments = [...wat.matchAll(/^ \(data \S+ \(i32\.const (\d+)\)/gm)].map((m) => Number(m[1]));
  assert.ok(segments.length > 0, "no data segment found");
  assert.ok(Math.min(...segments) >= 1024, `a data segment at ${Math.min(...segments)}`);
  const sp = Number(/\(global \S+ \(mut i32\) \(i32\.const (\d+)\)\)/.exec(wat)[1]);
  assert.ok(sp - stack >= 1024, `the stack reaches down to ${sp - stack}`);
  const single = readFileSync(join(root, "src/single.rs"), "utf8");
  const places = [...single.matchAll(/^pub const \w+: usize = (\d+);/gm)].map((m) => Number(m[1]));
  assert.ok(places.length >= 2 && places.every((at) => at > 0 && at < 1024), `single.rs's places ${places}`);
});

// scripts/order-functions.mjs only moves functions (brotli compresses like
// bodies side by side better). Read by binaryen's own reader (wasm-dis),
// the shipped wasm is wasm-opt's output with every function, call, export
// and table entry renamed through the order, and nothing else changed.
test("the shipped wasm is wasm-opt's output with its functions moved, nothing else", () => {
  const optimizedFile = join(root, "target/bindgen/jobwise_opt.wasm");
  const order = similarityOrder(bodies(readFileSync(optimizedFile)));
  assert.deepEqual([...order].sort((a, b) => a - b), [...order.keys()], "the order is a permutation");
  assert.ok(order.some((old, at) => old !== at), "the order moved something");
  // Defined functions are $0, $1… in the text; locals share the syntax,
  // so only a function's header, calls, exports and the table are renamed.
  const renamed = shippedWat()
    .replace(/(\((?:func|call) \$)(\d+)/g, (_, head, n) => head + order[n])
    .replace(/^( \(elem \$\d+ \(.*?\))(.*)$/m, (_, head, list) => head + list.replace(/\$(\d+)/g, (_, n) => `$${order[n]}`));
  // The printer numbers types by first use, which the order changes: a
  // type is named by its signature instead.
  const byName = (text) => {
    const types = new Map([...text.matchAll(/^ \(type (\$\d+) (\(func.*\))\)$/gm)].map(([, name, sig]) => [name, sig]));
    const named = text.replace(/^ \(type \$\d+ .*\n/gm, "").replace(/\(type (\$\d+)\)/g, (_, name) => `(type ${types.get(name)})`);
    const [head, ...funcs] = named.trimEnd().replace(/\n\)$/, "").split(/\n(?= \(func \$)/);
    return [[...types.values()].sort(), head, ...funcs.sort((a, b) => Number(/\$(\d+)/.exec(a)[1]) - Number(/\$(\d+)/.exec(b)[1]))];
  };
  assert.deepEqual(byName(renamed), byName(disassemble(optimizedFile)));
});
