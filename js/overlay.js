// The `?jobwise-debug` overlay: the decision and its reasons as plain text
// in its own shadow root, so the page's CSS can't touch it and no data is
// ever parsed as HTML. A module of its own (dist/jobwise-debug.js, next to
// jobwise.js and in the npm package), which js/sdk.js imports only on a
// page with `?jobwise-debug`: QA's tool, not every visitor's bytes.

const STYLE =
  "position:fixed;z-index:2147483647;right:8px;bottom:8px;max-width:min(520px,90vw);" +
  "max-height:60vh;overflow:auto;margin:0;padding:8px 10px;font:12px/1.45 ui-monospace,monospace;" +
  "background:#111;color:#eee;border-radius:6px;white-space:pre-wrap;opacity:.93";

/**
 * Adds a `<jobwise-debug>` element at the end of the body, with a `<pre>`
 * in its open shadow root; undefined when that fails. `show(d)` sets a
 * decision as its text (job, stage, scores and every reason); `remove()`
 * takes it away.
 */
export function overlay() {
  try {
    const host = document.createElement("jobwise-debug");
    const pre = document.createElement("pre");
    pre.setAttribute("style", STYLE);
    host.attachShadow({ mode: "open" }).appendChild(pre);
    (document.body || document.documentElement).appendChild(host);
    const all = (list, f) => list.map(f).join("");
    return {
      show(d) {
        pre.textContent = `jobwise  job: ${d.job ?? "none"} (${d.via})  stage: ${d.stage ?? "none"}${
          d.holdout ? "  holdout" : ""
        }\nscores:${all(Object.entries(d.scores), (e) => "  " + e.join(" "))}\nreasons:${all(d.reasons, (r) =>
          ["\n", r.job, r.signal, r.weight, r.detail].join("  "),
        )}`;
      },
      remove: () => host.remove(),
    };
  } catch {}
}
