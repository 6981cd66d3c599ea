//! The `?jobwise-debug` overlay: the decision and its reasons as plain
//! text (formatted from the decision's JSON by the inline JS) in its own
//! shadow root, so the page's CSS can't touch it and no data is ever
//! parsed as HTML.

use wasm_bindgen::prelude::*;
use web_sys::Element;

const STYLE: &str =
    "position:fixed;z-index:2147483647;right:8px;bottom:8px;max-width:min(520px,90vw);\
max-height:60vh;overflow:auto;margin:0;padding:8px 10px;font:12px/1.45 ui-monospace,monospace;\
background:#111;color:#eee;border-radius:6px;white-space:pre-wrap;opacity:.93";

#[wasm_bindgen(inline_js = "export function overlay(style) {
  try {
    const host = document.createElement('jobwise-debug'), pre = document.createElement('pre');
    pre.setAttribute('style', style);
    host.attachShadow({ mode: 'open' }).appendChild(pre);
    (document.body || document.documentElement).appendChild(host);
    return host;
  } catch {}
}
export function show(host, json) {
  const d = JSON.parse(json), all = (list, f) => list.map(f).join('');
  host.shadowRoot.firstChild.textContent = `jobwise  job: ${d.job ?? 'none'} (${d.via})  stage: ${d.stage ?? 'none'}${
    d.holdout ? '  holdout' : ''}\nscores:${all(Object.entries(d.scores), (e) => '  ' + e.join(' '))
    }\nreasons:${all(d.reasons, (r) => ['\\n', r.job, r.signal, r.weight, r.detail].join('  '))}`;
}")]
extern "C" {
    /// A `<jobwise-debug>` element at the end of the body, with a `<pre>`
    /// styled `style` in its open shadow root; none when that fails. One
    /// import instead of six.
    fn overlay(style: &str) -> Option<Element>;
    /// Shows a decision's JSON as the overlay's text (set as text, never
    /// parsed as HTML): job, stage, scores and every reason.
    #[wasm_bindgen(js_name = show)]
    fn show_js(host: &Element, json: &str);
}

pub struct Overlay {
    host: Element,
}

impl Overlay {
    /// Adds the overlay at the end of the body.
    pub fn new() -> Option<Overlay> {
        Some(Overlay {
            host: overlay(STYLE)?,
        })
    }

    /// Shows the decision (its JSON).
    pub fn show(&self, json: &str) {
        show_js(&self.host, json);
    }
}

impl Drop for Overlay {
    fn drop(&mut self) {
        self.host.remove();
    }
}
