//! Browser tests of the wasm build (wasm-bindgen-test in headless Chromium):
//! the public boot path against a real DOM. The web layer's own modules
//! (actuation, observation, storage) have their DOM tests next to them.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn invalid_or_huge_rules_are_refused_with_an_error() {
    let host = || js_sys::Object::new().unchecked_into();
    assert!(jobwise::web::boot("{", host(), 300.0, "").is_err());
    let huge = "x".repeat(2 << 20);
    assert!(jobwise::web::boot(&huge, host(), 300.0, "").is_err());
}
