//! Browser tests of the wasm build (wasm-bindgen-test in headless Chromium):
//! the public boot path against a real DOM.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn invalid_rules_are_refused_with_an_error() {
    assert!(jobwise::web::boot("{").is_err());
}
