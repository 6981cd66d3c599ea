//! What the runtime reads of the page: clocks and the page's URL.

use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(
    inline_js = "export const page = (referrer) => referrer ? document.referrer : location.href;"
)]
extern "C" {
    /// The page's URL, or its referrer: one import instead of three
    /// (`location`, `href`, `referrer`).
    fn page(referrer: bool) -> String;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Wall-clock milliseconds (what memory and events are timed with).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds since the page started (what the timeout counts).
pub fn since_start_ms() -> f64 {
    performance_now()
}

/// The page's URL.
pub fn href() -> String {
    page(false)
}

/// `document.referrer` (empty when there is none).
pub fn referrer() -> String {
    page(true)
}
