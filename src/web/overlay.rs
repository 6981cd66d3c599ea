//! The `?jobwise-debug` overlay: the decision and its reasons as plain
//! text in its own shadow root, so the page's CSS can't touch it and no
//! data is ever parsed as HTML.

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
export function show(host, text) {
  host.shadowRoot.firstChild.textContent = text;
}")]
extern "C" {
    /// A `<jobwise-debug>` element at the end of the body, with a `<pre>`
    /// styled `style` in its open shadow root; none when that fails. One
    /// import instead of six.
    fn overlay(style: &str) -> Option<Element>;
    /// Sets the overlay's text (as text, never parsed).
    #[wasm_bindgen(js_name = show)]
    fn show_js(host: &Element, text: &str);
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

    pub fn show(&self, text: &str) {
        show_js(&self.host, text);
    }
}

impl Drop for Overlay {
    fn drop(&mut self) {
        self.host.remove();
    }
}
