// Entry of the npm package: `import { start } from "jobwise"`. The wasm is
// found next to this module unless `options.wasm` says otherwise; the
// timeout is clamped as the script tag's `data-timeout` is.
import { start as startWith } from "./sdk.js";

export function start(options) {
  const timeout = Math.max(0, Math.min(Number(options.timeout) || 300, 3000));
  return startWith({ wasm: new URL("./jobwise_bg.wasm", import.meta.url), ...options, timeout });
}
