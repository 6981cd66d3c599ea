// The Jobwise SDK's JavaScript side, shared by the script tag and the npm
// module: loads the wasm, fetches the rules, and hands both to the Rust
// core, which observes the page, decides and applies. It fails open: any
// error leaves the default content, with one console.warn.
import init, { boot } from "jobwise-wasm";

const READY = "data-jobwise-ready";

/** Lets the page show its slots (the snippet hides them until then). */
function reveal() {
  document.documentElement.setAttribute(READY, "");
}

async function loadRules(rules) {
  if (typeof rules !== "string" || rules === "") throw new Error("no rules given (data-rules)");
  if (rules.startsWith("#")) {
    const el = document.getElementById(rules.slice(1));
    if (!el) throw new Error(`rules element ${rules} not found`);
    return el.textContent;
  }
  const res = await fetch(rules, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`rules ${rules}: HTTP ${res.status}`);
  return res.text();
}

/**
 * Starts Jobwise on this page.
 * @param {{rules: string, wasm?: string|URL, timeout?: number, debug?: boolean}} options
 */
export function start(options) {
  let settle;
  let current = null;
  const api = {
    ready: new Promise((resolve) => (settle = resolve)),
    decision: () => current,
  };
  (async () => {
    await init({ module_or_path: options.wasm });
    const text = await loadRules(options.rules);
    current = JSON.parse(boot(text) || "null");
  })()
    .catch((err) => {
      console.warn(`jobwise: ${err && err.message ? err.message : err}; showing the default content`);
    })
    .finally(() => {
      reveal();
      settle(current);
    });
  return api;
}
