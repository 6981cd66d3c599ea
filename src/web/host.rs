//! The bridge to the JavaScript side (`host` in js/sdk.js). The browser
//! calls into the wasm only through the exports js/sdk.js calls inside
//! its guard (js/observe.js's reports among them); the wasm calls the host
//! to hand on a decision and what to observe.

use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::single::Single;

#[wasm_bindgen]
extern "C" {
    /// js/sdk.js's `host` object.
    pub type Host;
    /// A decision's JSON, to apply as `Mode` `mode` (src/web/runtime.rs)
    /// allows.
    #[wasm_bindgen(method)]
    pub fn decided(this: &Host, json: &str, mode: u8);
    /// What the rules want observed, for js/observe.js: `kind` as in
    /// `event` (src/web/mod.rs), a selector and seconds, or a scroll mark.
    #[wasm_bindgen(method)]
    pub fn want(this: &Host, kind: u8, text: &str, number: f64);
    /// The visitor's device class, local hour and weekday, packed (see
    /// src/web/context.rs).
    #[wasm_bindgen(method)]
    pub fn context(this: &Host) -> u32;
}

static HOST: Single<RefCell<Option<Host>>> = Single::new(RefCell::new(None));

/// Installs the host for this page (tests run without one). A page boots
/// once (js/sdk.js): a host installed before is forgotten, not dropped,
/// which keeps the glue's object-drop import out of the SDK.
pub fn install(host: Host) {
    core::mem::forget(HOST.replace(Some(host)));
}

/// Runs `f` with the host, when there is one.
pub fn with<R>(f: impl FnOnce(&Host) -> R) -> Option<R> {
    HOST.try_borrow().ok()?.as_ref().map(f)
}
