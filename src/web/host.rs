//! The bridge to the JavaScript side (`host` in js/sdk.js) and the only way
//! the browser calls into the wasm: every listener, observer and timer is
//! wrapped by the host's `guard`, so a failure inside reverts the page and
//! makes the SDK inert instead of reaching the page as an exception.

use alloc::boxed::Box;
use alloc::rc::Rc;
use core::cell::{Cell, RefCell};

use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::EventTarget;

use super::dom;
use crate::single::Single;

#[wasm_bindgen(inline_js = "export function listen(target, kind, f, on) {
  if (on) target.addEventListener(kind, f, { capture: true, passive: true });
  else target.removeEventListener(kind, f, true);
}")]
extern "C" {
    /// Adds (`on`) or removes listener `f` for `kind` on `target`, in the
    /// capture phase and passive. One import instead of two, and the
    /// options made in JS.
    #[wasm_bindgen(js_name = listen)]
    fn listen_js(target: &EventTarget, kind: &str, f: &Function, on: bool);
}

#[wasm_bindgen]
extern "C" {
    /// js/sdk.js's `host` object.
    pub type Host;
    #[wasm_bindgen(method)]
    fn guard(this: &Host, f: &JsValue) -> Function;
    /// A decision's JSON (`changed` when job, stage or holdout changed)
    /// and its plan's (src/plan.rs), to apply as [`crate::plan::Mode`]
    /// `mode` allows.
    #[wasm_bindgen(method)]
    pub fn decided(this: &Host, json: &str, changed: bool, plan: &str, mode: u8);
    /// Reports a failure: one console.warn, the SDK goes inert.
    #[wasm_bindgen(method)]
    pub fn fail(this: &Host, why: &str);
    /// Calls `f` after each `history.pushState`/`replaceState`; returns the undo.
    #[wasm_bindgen(method)]
    pub fn history(this: &Host, f: &Function) -> Function;
}

static HOST: Single<RefCell<Option<Host>>> = Single::new(RefCell::new(None));
static INERT: Single<Cell<bool>> = Single::new(Cell::new(false));

/// Installs the host for this page (tests run without one).
pub fn install(host: Host) {
    *HOST.borrow_mut() = Some(host);
}

/// Runs `f` with the host, when there is one.
pub fn with<R>(f: impl FnOnce(&Host) -> R) -> Option<R> {
    HOST.try_borrow().ok()?.as_ref().map(f)
}

/// True once a failure made the SDK inert: callbacks then do nothing.
pub fn inert() -> bool {
    INERT.get()
}

pub fn set_inert() {
    INERT.set(true);
}

/// A JS function for `f`, guarded by the host when there is one.
pub fn guarded(f: &JsValue) -> Function {
    with(|h| h.guard(f)).unwrap_or_else(|| f.clone().unchecked_into())
}

/// A callback the browser may call, kept alive with its guarded function.
pub struct Callback {
    pub f: Function,
    _closure: Closure<dyn FnMut(JsValue)>,
}

impl Callback {
    /// Boxes `f` so that every callback shares one closure type (each
    /// closure type is a wasm-bindgen shim, a drop path and a vtable).
    pub fn new(f: impl FnMut(JsValue) + 'static) -> Callback {
        Callback::boxed(Box::new(f))
    }

    #[inline(never)]
    fn boxed(mut f: Box<dyn FnMut(JsValue)>) -> Callback {
        let closure = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
            if !inert() {
                f(v)
            }
        });
        Callback {
            f: guarded(closure.as_ref()),
            _closure: closure,
        }
    }
}

/// An event listener, removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    cb: Callback,
}

/// Listens for `kind` on `target` (capture phase, passive: never blocks
/// scrolling and never cancels anything).
pub fn listen(
    target: &EventTarget,
    kind: &'static str,
    f: impl FnMut(JsValue) + 'static,
) -> Listener {
    listen_with(target, kind, Callback::new(f))
}

#[inline(never)]
fn listen_with(target: &EventTarget, kind: &'static str, cb: Callback) -> Listener {
    listen_js(target, kind, &cb.f, true);
    Listener {
        target: target.clone(),
        kind,
        cb,
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        listen_js(&self.target, self.kind, &self.cb.f, false);
    }
}

/// Calls `f` once after `ms` milliseconds. A [`Callback`] like the others
/// (one closure type for the whole SDK: `Closure::once_into_js` would add a
/// second, 1 KB of glue), which owns itself until the timer fires; dropped
/// from inside its own call, it is freed when that call returns.
pub fn after(ms: f64, f: impl FnOnce() + 'static) {
    let slot: Rc<Cell<Option<Callback>>> = Rc::default();
    let own = slot.clone();
    let mut f = Some(f);
    let cb = Callback::new(move |_| {
        drop(own.take());
        if let Some(f) = f.take() {
            f()
        }
    });
    dom::set_timeout(&cb.f, ms);
    slot.set(Some(cb));
}
