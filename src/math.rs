//! `e^x` for the softmax (src/decide.rs) and the half-life fading
//! (src/model): the browser's `Math.exp` in the wasm, libm's natively.
//! Both are correctly rounded or within an ulp, and every number that
//! leaves the core is rounded to two decimals. The import saves libm's
//! `exp` in the wasm (0.4 KB brotli).

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Math)]
    pub(crate) fn exp(x: f64) -> f64;
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn exp(x: f64) -> f64 {
    libm::exp(x)
}
