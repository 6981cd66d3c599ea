// Entry of dist/jobwise.js, the classic script:
//   <script src="/jobwise/jobwise.js" data-rules="#jobwise-rules"></script>
// Finds jobwise_bg.wasm next to itself and reads its options from data-*.
import { start } from "./sdk.js";

const script = document.currentScript;
if (!window.jobwise && script) {
  const data = script.dataset;
  const timeout = Math.min(Number(data.timeout) || 300, 3000);
  window.jobwise = start({
    rules: data.rules,
    wasm: new URL("jobwise_bg.wasm", script.src),
    timeout,
    debug: "debug" in data,
  });
}
