// Entry of dist/jobwise.js, the classic script:
//   <script src="/jobwise/jobwise.js" data-rules="#jobwise-rules"></script>
// It carries the wasm (scripts/script-tag.mjs embeds it as a string, one
// char per byte) and reads its options from data-*. Included twice, the
// second copy does nothing: it neither decodes nor compiles.
import WASM, { SWAP } from "jobwise-wasm-text";
import { start } from "./sdk.js";

/**
 * The wasm's bytes from their string. `SWAP` is CR and the char the build
 * swapped it with (scripts/script-tag.mjs), swapped back first. Then
 * natively where the browser can (`btoa` reads one char per byte;
 * `Uint8Array.fromBase64`, Chromium 140+, Firefox 133+, Safari 18.2+):
 * 1.4 ms for our 190 KB against 13–60 ms for the loop, which stays as the
 * fallback.
 */
function bytes(text) {
  const [cr, other] = SWAP;
  text = text
    .split(other)
    .map((part) => part.replaceAll(cr, other))
    .join(cr);
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(btoa(text));
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

const script = document.currentScript;
if (!window.jobwise && script) {
  const data = script.dataset;
  window.jobwise = start({
    rules: data.rules,
    wasm: bytes(WASM),
    overlay: new URL("jobwise-debug.js", script.src).href,
    timeout: Math.max(0, Math.min(Number(data.timeout) || 300, 3000)),
    debug: "debug" in data,
    datalayer: "datalayer" in data,
  });
}
