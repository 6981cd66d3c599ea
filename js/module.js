// Entry of the npm package: `import { start } from "jobwise"`. The wasm is
// found next to this module unless `options.wasm` says otherwise.
import { start as startWith } from "./sdk.js";

export function start(options) {
  return startWith({ wasm: new URL("./jobwise_bg.wasm", import.meta.url), ...options });
}
