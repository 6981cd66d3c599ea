//! The browser layer (wasm32 only): boot, observe, store, API. It
//! observes the page, hands signals to the core and hands what the core
//! decided, with its plan, to js/actuate.js; it decides nothing itself.
//!
//! ```text
//! observe ──► runtime ──► core (decide) ──► plan ──► js/actuate.js
//!   (listeners)  (memory, store)              (data)    (the DOM)
//! ```
//!
//! The JavaScript side (js/sdk.js) calls the exports below; the browser
//! calls back only through [`host`]-guarded callbacks. Any failure (a
//! panic included: it traps) throws into js/sdk.js, which calls [`fail`]:
//! every change reverted, the SDK inert.

mod context;
mod dom;
mod host;
mod observe;
// The playground's exports live in its own wasm (with `diagnostics`), not
// in the SDK's.
#[cfg(feature = "diagnostics")]
mod playground;
mod runtime;
pub mod selector;
mod store;
mod url;

use crate::prelude::*;
use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::signals::EventKind;
use crate::single::Single;
use host::Host;
use observe::Observed;
use runtime::Runtime;

static RT: Single<RefCell<Option<Runtime>>> = Single::new(RefCell::new(None));

/// Runs `f` on the page's runtime, unless the SDK is inert, not booted, or
/// already busy (a re-entrant call is dropped rather than risked).
fn with_rt(f: impl FnOnce(&mut Runtime)) {
    if host::inert() {
        return;
    }
    if let Ok(mut rt) = RT.try_borrow_mut() {
        if let Some(rt) = rt.as_mut() {
            f(rt);
        }
    }
}

/// Boots the SDK on this page with the rules' JSON text: the first
/// decision is applied before this returns. An error (invalid rules…) is
/// reported by the host with one `console.warn`; the page keeps its
/// defaults.
#[wasm_bindgen]
pub fn boot(rules: &str, host: Host, timeout: f64, consent: &str) -> Result<(), JsError> {
    host::install(host);
    let rt = Runtime::new(rules, timeout, consent).map_err(|why| JsError::new(&why))?;
    *RT.borrow_mut() = Some(rt);
    with_rt(Runtime::start);
    Ok(())
}

/// `jobwise.track(name)`: a custom behaviour signal.
#[wasm_bindgen]
pub fn track(name: &str) {
    let kind = EventKind::Custom(name.into());
    with_rt(|rt| rt.observed(Observed::Events(vec![kind])));
}

/// js/actuate.js saw nodes added to the page.
#[wasm_bindgen]
pub fn added() {
    with_rt(Runtime::added);
}

/// `jobwise.revert()`: observation stopped (js/sdk.js restores the page).
#[wasm_bindgen]
pub fn revert() {
    with_rt(Runtime::revert);
}

/// `jobwise.forget()`: wipes what is stored; nothing more is stored on this page.
#[wasm_bindgen]
pub fn forget() {
    store::wipe_all();
    with_rt(Runtime::forget);
}

/// `jobwise.consent(mode)`: `"none"`, `"session"` or `"local"`.
#[wasm_bindgen]
pub fn consent(mode: &str) {
    with_rt(|rt| rt.consent(mode));
}

/// The JavaScript side caught a failure (and reverts the page): go inert.
#[wasm_bindgen]
pub fn fail() {
    stop();
}

/// Drops every observer and makes the SDK inert.
fn stop() {
    if host::inert() {
        return;
    }
    host::set_inert();
    // The runtime goes, with every listener and observer it holds.
    drop(match RT.try_borrow_mut() {
        Ok(mut rt) => rt.take(),
        // SAFETY: the borrow is held by a frame that trapped or threw
        // through the wasm. A panic traps (without std, src/lib.rs; with
        // it, panic = "abort") and a thrown exception unwound the frame, so
        // the holder never touches the runtime again: this is its last use.
        Err(_) => unsafe { (*RT.as_ptr()).take() },
    });
}
