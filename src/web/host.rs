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
    /// Everything the wasm hands the host, by `op`: 0 to 5 a part of a
    /// decision (`Decision::parts` in src/decide.rs, its numbers
    /// `json::rounded`), which js/sdk.js builds the decision's object
    /// from (no JSON text, no JSON writer in the wasm); [`DECIDED`] that
    /// decision, to apply as `Mode` `number` (src/web/runtime.rs) allows;
    /// [`WANT`] + `kind` what the rules want observed, for js/observe.js:
    /// `kind` as in `event` (src/web/mod.rs), `text` a selector and
    /// `number` seconds, or `number` a scroll mark. One import for all:
    /// each is a wasm import and a shim in the glue.
    pub fn put(op: u8, key: &str, text: &str, number: f64);
    /// The visitor's device class, local hour and weekday, packed (see
    /// src/web/context.rs).
    pub fn context() -> u32;
}

/// [`put`]'s `op` for a decision built (after its parts).
pub const DECIDED: u8 = 6;
/// [`put`]'s `op` for what to observe: this + its kind.
pub const WANT: u8 = 7;
