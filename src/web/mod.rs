//! The browser layer (wasm32 only): boot, the runtime, store, API.
//! js/observe.js observes the page and reports through the exports below;
//! this layer hands the signals to the core and hands what the core
//! decided to js/actuate.js (through js/sdk.js); it decides nothing itself.
//!
//! ```text
//! js/observe.js ──► runtime ──► core (decide) ──► js/actuate.js
//!   (listeners)     (memory, store)               (the DOM)
//! ```
//!
//! The JavaScript side (js/sdk.js) calls the exports below, through its
//! guard; the wasm calls back only through [`host`]'s imports.
//! Any failure (a panic included: it traps) throws into js/sdk.js, which
//! reverts every change and never calls the wasm again.

mod context;
mod dom;
mod host;
// The playground's exports live in its own wasm (with `diagnostics`), not
// in the SDK's.
#[cfg(feature = "diagnostics")]
mod playground;
mod runtime;
pub mod selector;
mod store;
/// Public for tests/web.rs, which runs `tests/cases/arrival.json` through it.
pub mod url;

use crate::prelude::*;
use alloc::boxed::Box;
use core::cell::Cell;

use wasm_bindgen::prelude::*;

use crate::signals::EventKind;
use crate::single::{self, low};
use runtime::Runtime;

/// The page's runtime. Boxed: a runtime at a fixed address would have that
/// address folded into the code as a constant at each use of a field, not
/// a pointer and an offset. Taken out while it runs (a `Cell`, not a
/// `RefCell`: no borrow flag to set, test and restore).
fn slot() -> &'static Cell<Option<Box<Runtime>>> {
    // SAFETY: its place; all zeros is `None`.
    unsafe { low(single::RUNTIME) }
}

/// Runs `f` on the page's runtime, unless it is not booted or already busy
/// (taken: a re-entrant call is dropped rather than risked; so is every
/// call after a failure that threw through the wasm while it held the
/// runtime, which is then never put back).
fn with_rt(f: impl FnOnce(&mut Runtime)) {
    if let Some(mut rt) = slot().take() {
        f(&mut rt);
        // Nothing to drop: the runtime was taken.
        core::mem::forget(slot().replace(Some(rt)));
    }
}

/// Boots the SDK on this page with the rules' JSON text and the consent
/// the visitor gave before (numbered as for [`event`]): the first
/// decision is applied, and what the rules want observed handed to the
/// host (`host::put`), before this returns. An error (invalid rules…) is
/// thrown as a JS `Error` (see [`try_boot`]), which js/sdk.js reports with
/// one `console.warn`; the page keeps its defaults.
#[wasm_bindgen]
pub fn boot(rules: &str, timeout: f64, consent: i32) {
    let why = try_boot(rules, timeout, consent);
    if !why.is_empty() {
        wasm_bindgen::throw_str(&why);
    }
    // Empty: nothing allocated to free (and no drop call in the wasm).
    core::mem::forget(why);
}

/// [`boot`], with its error returned: why the rules were refused, empty
/// when booted (a `Result<(), String>` costs the wasm `String` niche
/// tests).
pub fn try_boot(rules: &str, timeout: f64, consent: i32) -> String {
    let mut why = String::new();
    if let Some(mut rt) = Runtime::new(rules, timeout, consent, &mut why) {
        // Started before it is stored (a call back into the wasm meanwhile
        // finds no runtime, as it would find it busy): the store is then
        // the only use of the slot here, nothing held around the start.
        rt.start();
        // A page boots once (js/sdk.js): a runtime booted before is left
        // allocated, not dropped, which keeps its drop glue (the compiled
        // rules' and the memory's) out of the wasm.
        core::mem::forget(slot().replace(Some(rt)));
    }
    why
}

/// What js/observe.js saw, or `jobwise.track(name)`, by `kind`: 0 a
/// click (`text` the rules' selector, `number` how many more clicks of
/// the same moment follow), 1 a dwell (the selector, `number`
/// the seconds), 2 a scroll (the path, the percent), 3 a site search (the
/// text), 4 a custom signal (the name); then 5 a `data-jobwise-pick`
/// control used (the job, `""` clears the pick), 6 a page changed
/// without a load (History API: its path) and 7 `jobwise.consent(mode)`
/// (`number` 0 `"none"`, 1 `"session"`, 2 `"local"`, -1 anything else,
/// as for `boot`; what is no longer allowed is wiped at once: `"none"` is
/// `jobwise.forget()` too, everything stored wiped and nothing more
/// stored on this page). A decision follows unless more clicks of the
/// same moment follow (a click inside several selectors is one
/// decision); consent decides nothing. One export for
/// all: each is a shim in the wasm and a wrapper in the glue.
#[wasm_bindgen]
pub fn event(kind: u8, text: &str, number: f64) {
    with_rt(|rt| match kind {
        5 => rt.pick(text),
        7 => rt.consent(number as i32),
        _ => rt.observed(
            match kind {
                0 => EventKind::Click(text.into()),
                1 => EventKind::Dwell {
                    selector: text.into(),
                    seconds: number,
                },
                2 => EventKind::Scroll {
                    percent: number,
                    path: text.into(),
                },
                3 => EventKind::Search(text.into()),
                6 => EventKind::Page(text.into()),
                _ => EventKind::Custom(text.into()),
            },
            kind == 0 && number > 0.0,
        ),
    });
}
