// Reading and writing the wasm binary format's small pieces, for the build
// (scripts/order-functions.mjs, scripts/check-multivalue.mjs) and the size
// bench (benches/wasm-breakdown.mjs).

/** Unsigned LEB128 of `n`, as bytes. */
export function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** A reader over a wasm binary from `pos`: bytes, LEB128 numbers, length-prefixed names, limits. */
export function reader(buf, pos = 0) {
  const r = {
    pos,
    byte: () => buf[r.pos++],
    u32() {
      let result = 0;
      let shift = 0;
      let byte;
      do {
        byte = buf[r.pos++];
        result += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return result;
    },
    /** Skips a LEB128 number of any width, signed or not. */
    skip() {
      while (buf[r.pos++] & 0x80);
    },
    name() {
      const len = r.u32();
      r.pos += len;
      return buf.toString("utf8", r.pos - len, r.pos);
    },
    /** A limits field: its minimum (the maximum, if any, is skipped). */
    limits() {
      const flags = r.byte();
      const min = r.u32();
      if (flags & 1) r.u32();
      return min;
    },
  };
  return r;
}

/** Reads an import section's payload at `r`; returns the type index of each imported function. */
export function importedFunctions(r) {
  const types = [];
  for (let n = r.u32(); n > 0; n--) {
    r.name();
    r.name();
    const kind = r.byte();
    if (kind === 0) types.push(r.u32());
    else if (kind === 1) (r.pos++, r.limits());
    else if (kind === 2) r.limits();
    else if (kind === 3) r.pos += 2;
    else if (kind === 4) (r.pos++, r.u32());
  }
  return types;
}

/**
 * Reads a name section's subsections at `r` (after the section's own
 * name) up to `end`; returns the function names (subsection 1) by index.
 */
export function functionNames(r, end) {
  const names = new Map();
  while (r.pos < end) {
    const sub = r.byte();
    const subEnd = r.u32() + r.pos;
    if (sub === 1) for (let n = r.u32(); n > 0; n--) names.set(r.u32(), r.name());
    r.pos = subEnd;
  }
  return names;
}

/** The sections of a module: `{ id, start, end }` of each payload. */
export function sections(buf) {
  const r = reader(buf, 8);
  const out = [];
  while (r.pos < buf.length) {
    const id = r.byte();
    const size = r.u32();
    out.push({ id, start: r.pos, end: r.pos + size });
    r.pos += size;
  }
  return out;
}

/** The defined functions' bodies of `buf`. */
export function bodies(buf) {
  const code = sections(buf).find((s) => s.id === 10);
  const c = reader(buf, code.start);
  return Array.from({ length: c.u32() }, () => {
    const size = c.u32();
    c.pos += size;
    return buf.subarray(c.pos - size, c.pos);
  });
}

// Immediates by opcode, for the instructions LLVM and wasm-opt write for
// the SDK (MVP, sign extension, non-trapping float-to-int, bulk memory,
// multi-value: a block's type may be a type index).
const NONE = 0;
const INDEX = 1; // one LEB (index, label, signed constant)
const TWO = 2; // two LEBs (memarg; call_indirect)
const BLOCK = 3; // a block type
const TABLE = 4; // br_table
const BYTES4 = 5;
const BYTES8 = 6;
const MEMORY = 7; // memory.size/grow: one zero byte
const SELECT = 8; // typed select
const PREFIX = 9; // 0xfc
const IMMEDIATES = new Map([
  [0x00, NONE], [0x01, NONE], [0x02, BLOCK], [0x03, BLOCK], [0x04, BLOCK], [0x05, NONE], [0x0b, NONE],
  [0x0c, INDEX], [0x0d, INDEX], [0x0e, TABLE], [0x0f, NONE], [0x10, INDEX], [0x11, TWO],
  [0x1a, NONE], [0x1b, NONE], [0x1c, SELECT],
  [0x20, INDEX], [0x21, INDEX], [0x22, INDEX], [0x23, INDEX], [0x24, INDEX],
  [0x3f, MEMORY], [0x40, MEMORY], [0x41, INDEX], [0x42, INDEX], [0x43, BYTES4], [0x44, BYTES8],
  [0xfc, PREFIX],
]);
for (let op = 0x28; op <= 0x3e; op++) IMMEDIATES.set(op, TWO); // loads and stores
for (let op = 0x45; op <= 0xc4; op++) IMMEDIATES.set(op, NONE); // numeric, sign extension

/**
 * The instructions of a function body (one code entry, without its size)
 * after its locals, each as `{ op, imm, end, arg }`: the opcode (0xfc's
 * as 0xfc00 + its sub-opcode), where its immediates start and where it
 * ends, and its first immediate read as an unsigned number (an index; a
 * block's type: -1 for none, -2 for one value type, else a type index).
 * Any other instruction throws rather than being read blind.
 */
export function* instructions(body) {
  const c = reader(body, 0);
  for (let groups = c.u32(); groups > 0; groups--) {
    c.u32();
    c.pos++;
  }
  while (c.pos < body.length) {
    const at = c.pos;
    let op = c.byte();
    const imm = c.pos;
    let arg = 0;
    switch (IMMEDIATES.get(op)) {
      case NONE:
        break;
      case INDEX:
        arg = c.u32();
        break;
      case TWO:
        arg = c.u32();
        c.skip();
        break;
      case BLOCK:
        // A signed LEB: one byte of 0x40..0x7f is negative (0x40 none, the
        // others a value type), anything else a type index (64 and up
        // take two bytes, the first with its top bit set).
        if (body[c.pos] === 0x40) arg = (c.pos++, -1);
        else if (body[c.pos] > 0x40 && body[c.pos] < 0x80) arg = (c.pos++, -2);
        else arg = c.u32();
        break;
      case TABLE:
        for (let n = c.u32() + 1; n > 0; n--) c.skip();
        break;
      case BYTES4:
        c.pos += 4;
        break;
      case BYTES8:
        c.pos += 8;
        break;
      case MEMORY:
        c.pos++;
        break;
      case SELECT:
        c.pos += c.u32();
        break;
      case PREFIX: {
        const sub = c.u32();
        op = 0xfc00 + sub;
        if (sub <= 7) break; // saturating truncation
        if (sub === 8) (c.u32(), c.pos++); // memory.init
        else if (sub === 9) c.u32(); // data.drop
        else if (sub === 10) c.pos += 2; // memory.copy
        else if (sub === 11) c.pos++; // memory.fill
        else throw new Error(`wasm: 0xfc ${sub} at ${at} is not an instruction this build knows`);
        break;
      }
      default:
        throw new Error(`wasm: opcode 0x${op.toString(16)} at ${at} is not an instruction this build knows`);
    }
    yield { op, imm, end: c.pos, arg };
  }
}
