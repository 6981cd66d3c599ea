// Reading and writing the wasm binary format's small pieces, for the build
// (scripts/order-functions.mjs) and the size bench (benches/wasm-breakdown.mjs).

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

/** Reads an import section's payload at `r`; returns how many of the imports are functions. */
export function importedFunctions(r) {
  let functions = 0;
  for (let n = r.u32(); n > 0; n--) {
    r.name();
    r.name();
    const kind = r.byte();
    if (kind === 0) (functions++, r.u32());
    else if (kind === 1) (r.pos++, r.limits());
    else if (kind === 2) r.limits();
    else if (kind === 3) r.pos += 2;
    else if (kind === 4) (r.pos++, r.u32());
  }
  return functions;
}
