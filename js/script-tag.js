// Entry of dist/jobwise.js, the classic script:
//   <script src="/jobwise/jobwise.js" data-rules="#jobwise-rules"></script>
// Finds jobwise_bg.wasm next to itself and reads its options from data-*.
// Included twice, the second copy does nothing.
import { start } from "./sdk.js";

const script = document.currentScript;
if (!window.jobwise && script) {
  const data = script.dataset;
  window.jobwise = start({
    rules: data.rules,
    wasm: new URL("jobwise_bg.wasm", script.src),
    timeout: Math.max(0, Math.min(Number(data.timeout) || 300, 3000)),
    debug: "debug" in data,
    datalayer: "datalayer" in data,
  });
}
