//! Small DOM helpers shared by the web modules: the document, clocks, the
//! viewport, the page's URL.

use crate::prelude::*;
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, IntersectionObserver, Window};

#[wasm_bindgen]
extern "C" {
    /// The page's `window`, bound directly (web_sys::window() probes four
    /// globals and checks the type: five imports).
    #[wasm_bindgen(thread_local_v2, js_name = window)]
    static WINDOW: Window;
    /// The page's `document`, bound directly too (`window.document` is an
    /// import and an `Option` to unwrap).
    #[wasm_bindgen(thread_local_v2, js_name = document)]
    static DOCUMENT: Document;
}

#[wasm_bindgen(inline_js = "export function all(root, sel) {
  try { return [...root.querySelectorAll(sel)]; } catch { return []; }
}
export const loading = () => document.readyState == 'loading';
export const page = (what) => what == 1 ? location.pathname : what ? document.referrer : location.href;
export const observer = (f) => new IntersectionObserver(f);
export function depth() {
  const d = document.documentElement, h = d?.scrollHeight;
  return h > 0 ? Math.min((scrollY + d.clientHeight) / h * 100, 100) : -1;
}")]
extern "C" {
    /// How far down the page the viewport's bottom is, in percent (at
    /// most 100); negative for a page without a root element or height.
    /// One import instead of three (`scrollY`, the root's `scrollHeight`
    /// and `clientHeight`).
    pub fn depth() -> f64;
    /// A new IntersectionObserver calling `f`, without a `catch` (only a
    /// browser without one throws, and boot reports that).
    #[wasm_bindgen(js_name = observer)]
    fn observer_js(f: &Function) -> JsValue;
    /// The elements in `root` (the document or an element) matching
    /// `selector`, in document order; none for an invalid selector. One
    /// import instead of six (`querySelectorAll` on either, a list's
    /// `item` and `length`, the element check).
    #[wasm_bindgen(js_name = all)]
    fn all_js(root: &JsValue, selector: &str) -> Array;
    /// Whether the document is still being parsed (one import instead of
    /// `document.readyState`'s string).
    pub fn loading() -> bool;
    /// The page's URL (`what` 0), path (1) or referrer (2): one import
    /// instead of four (`location`, `href`, `pathname`, `referrer`).
    fn page(what: u8) -> String;
}

#[wasm_bindgen]
extern "C" {
    /// What the SDK calls on its observers and observed things, whatever
    /// their type: one import per member instead of one per type. None
    /// has a `catch` (each is a glue wrapper and a `Result`): the SDK's
    /// arguments cannot make them throw (constant selectors or selectors the browser checked when
    /// the rules were read); if one did, the host's guard fails open.
    pub type Any;
    /// The `target` of an event or an intersection entry.
    #[wasm_bindgen(method, getter)]
    pub fn target(this: &Any) -> JsValue;
    /// `disconnect()` of an IntersectionObserver.
    #[wasm_bindgen(method)]
    pub fn disconnect(this: &Any);
    /// `observe(el, options)` of an IntersectionObserver (which takes no
    /// options).
    #[wasm_bindgen(method)]
    pub fn observe(this: &Any, el: &JsValue, options: &JsValue);
    /// An element's `closest(selector)`.
    #[wasm_bindgen(method)]
    pub fn closest(this: &Any, selector: &str) -> Option<Element>;
    /// An element's `matches(selector)`.
    #[wasm_bindgen(method)]
    pub fn matches(this: &Any, selector: &str) -> bool;
    /// An element's `querySelector(selector)`.
    #[wasm_bindgen(method, js_name = querySelector)]
    pub fn query_selector(this: &Any, selector: &str) -> Option<Element>;
    /// A function's `call()` (without arguments).
    #[wasm_bindgen(method)]
    pub fn call(this: &Any);
    /// The global `setTimeout(f, ms)`.
    #[wasm_bindgen(js_name = setTimeout)]
    pub fn set_timeout(f: &Function, ms: f64);
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

pub fn window() -> Window {
    WINDOW.with(Clone::clone)
}

/// `v` as [`Any`], to call the members every observer or observed thing has.
pub fn any(v: &impl AsRef<JsValue>) -> &Any {
    v.as_ref().unchecked_ref()
}

/// The elements in `root` (the document or an element) matching `selector`.
pub fn all(root: &JsValue, selector: &str) -> impl Iterator<Item = Element> {
    all_js(root, selector)
        .into_iter()
        .map(JsCast::unchecked_into)
}

/// A new IntersectionObserver calling `f`.
pub fn intersections(f: &Function) -> IntersectionObserver {
    observer_js(f).unchecked_into()
}

pub fn document() -> Document {
    DOCUMENT.with(Clone::clone)
}

/// Wall-clock milliseconds (what memory and events are timed with).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds since the page started (what the timeout counts).
pub fn since_start_ms() -> f64 {
    performance_now()
}

/// The page's URL.
pub fn href() -> String {
    page(0)
}

/// The page's path.
pub fn path() -> String {
    page(1)
}

/// `document.referrer` (empty when there is none).
pub fn referrer() -> String {
    page(2)
}

/// The element an event (passed from JS as a plain value) happened on.
pub fn event_element(e: JsValue) -> Option<Element> {
    any(&e).target().dyn_into::<Element>().ok()
}
