//! What the runtime reads of the page: its clocks, its URLs and storage.

use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function page(op, text) {
  try {
    if (op < 3) {
      const u = new URL([text, location.href, document.referrer][op]);
      return [u.protocol.slice(0, -1), u.hostname, u.pathname, u.search.slice(1), u.hash.slice(1)].join('\\n');
    }
    const s = op < 6 ? sessionStorage : localStorage;
    op %= 3;
    if (op === 0) return s.getItem('jobwise') ?? '';
    op === 1 ? s.setItem('jobwise', text) : s.removeItem('jobwise');
  } catch {}
  return '';
}")]
extern "C" {
    /// The page's URLs and storage, by `op`: 0, 1, 2 the scheme, host,
    /// path, query and fragment, one a line, of `text` ([`url`](super::url)'s
    /// `GIVEN`), the page's URL (`PAGE`) or its referrer (`REFERRER`); then
    /// 3 + `GET`, `SET` or `REMOVE` ([`store`](super::store)) on the
    /// sessionStorage item `jobwise` (`SET`: to `text`), 6 + those on the
    /// localStorage one. Empty when a URL does not parse (an empty
    /// referrer included: the lines of a parsed one never are), for no
    /// item, and when the storage is missing or throws (a string, not an
    /// `Option`: no none-test in the glue). One import instead of sixteen
    /// (`URL`'s constructor and getters, `location`, `href`, `referrer`,
    /// the storages and their methods), with one result copy.
    pub(super) fn page(op: u8, text: &str) -> String;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
    #[wasm_bindgen(js_namespace = Math)]
    pub(super) fn random() -> f64;
}

/// Wall-clock milliseconds (what memory and events are timed with).
pub fn now_ms() -> f64 {
    date_now()
}

/// Milliseconds since the page started (what the timeout counts).
pub fn since_start_ms() -> f64 {
    performance_now()
}
