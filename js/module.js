// Entry of the npm package: `import { start } from "jobwise"`. The wasm is
// found next to this module unless `options.wasm` says otherwise; the
// timeout is clamped as the script tag's `data-timeout` is.
import { start as startWith } from "./sdk.js";

/** The wasm's bytes: fetched at once, compiled when they and the rules are there. */
async function loadWasm(url) {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`wasm ${url}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

export function start(options) {
  const timeout = Math.max(0, Math.min(Number(options.timeout) || 300, 3000));
  const wasm = loadWasm(options.wasm ?? new URL("./jobwise_bg.wasm", import.meta.url));
  const overlay = new URL("./jobwise-debug.js", import.meta.url).href;
  return startWith({ ...options, wasm, timeout, overlay });
}
