//! The bridge to the JavaScript side (`host` in js/sdk.js, installed in
//! js/host.js before boot). The browser calls into the wasm only through
//! the exports js/sdk.js calls inside its guard (js/observe.js's reports
//! among them); the wasm calls the host to hand on a decision and what to
//! observe. Plain imports, not methods of an object passed to `boot`: no
//! JS object crosses into the wasm (no object table in the glue). Without
//! a host (the wasm's own tests) they do nothing and `context` is 0.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/host.js")]
extern "C" {
    /// A decision's JSON, to apply as `Mode` `mode` (src/web/runtime.rs)
    /// allows.
    pub fn decided(json: &str, mode: u8);
    /// What the rules want observed, for js/observe.js: `kind` as in
    /// `event` (src/web/mod.rs), a selector and seconds, or a scroll mark.
    pub fn want(kind: u8, text: &str, number: f64);
    /// The visitor's device class, local hour and weekday, packed (see
    /// src/web/context.rs).
    pub fn context() -> u32;
}
