//! What the runtime reads of the page: its clocks.

use wasm_bindgen::prelude::*;

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
