//! Small DOM helpers shared by the web modules: the document, clocks, the
//! viewport, and the markup's attribute names.

use crate::prelude::*;
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, IntersectionObserver, MutationObserver};

/// Every element the markup of SPEC §4 lets Jobwise change.
pub const MANAGED: &str =
    "[data-jobwise-slot],[data-jobwise-show],[data-jobwise-hide],[data-jobwise-insert]";
pub const SLOT: &str = "data-jobwise-slot";
pub const SHOW: &str = "data-jobwise-show";
pub const HIDE: &str = "data-jobwise-hide";
pub const INSERT: &str = "data-jobwise-insert";
pub const VARIANT: &str = "data-jobwise-variant";
pub const SHOWN: &str = "data-jobwise-shown";
/// Set on an element once the first decision has been applied to it: the
/// snippet stops hiding it.
pub const DONE: &str = "data-jobwise-done";
/// Set on `<html>` when every element is done (or on failure): the snippet
/// stops hiding anything.
pub const READY: &str = "data-jobwise-ready";

#[wasm_bindgen]
extern "C" {
    /// The page's `document`, bound directly too (`window.document` is an
    /// import and an `Option` to unwrap).
    #[wasm_bindgen(thread_local_v2, js_name = document)]
    static DOCUMENT: Document;
}

#[wasm_bindgen(inline_js = "export function seen(el) {
  if (getComputedStyle(el).visibility === 'hidden') return false;
  let r = el.getBoundingClientRect();
  if (!r.width && !r.height && el.parentElement) r = el.parentElement.getBoundingClientRect();
  const d = document.documentElement;
  return r.bottom > 0 && r.right > 0 && r.top < d.clientHeight && r.left < d.clientWidth;
}
export const options = (json) => JSON.parse(json);
export function all(root, sel) {
  try { return [...root.querySelectorAll(sel)]; } catch { return []; }
}
export const loading = () => document.readyState == 'loading';
export const page = (referrer) => referrer ? document.referrer : location.href;
export const observer = (io, f) => io ? new IntersectionObserver(f) : new MutationObserver(f);
")]
extern "C" {
    /// See [`in_view`]: one import instead of ten (the rectangle's sides,
    /// the viewport's size, the parent, the computed style).
    fn seen(el: &Element) -> bool;
    /// An options object (for MutationObserver.observe) from constant
    /// JSON: one import for every kind.
    #[wasm_bindgen(js_name = options)]
    fn options_js(json: &str) -> JsValue;
    /// A new IntersectionObserver (`io`) or MutationObserver calling `f`:
    /// one import for both, without a `catch` (only a browser without
    /// them throws, and boot reports that).
    #[wasm_bindgen(js_name = observer)]
    fn observer_js(io: bool, f: &Function) -> JsValue;
    /// The elements in `root` (the document or an element) matching
    /// `selector`, in document order; none for an invalid selector. One
    /// import instead of six (`querySelectorAll` on either, a list's
    /// `item` and `length`, the element check).
    #[wasm_bindgen(js_name = all)]
    fn all_js(root: &JsValue, selector: &str) -> Array;
    /// Whether the document is still being parsed (one import instead of
    /// `document.readyState`'s string).
    pub fn loading() -> bool;
    /// The page's URL, or its referrer: one import instead of three
    /// (`location`, `href`, `referrer`).
    fn page(referrer: bool) -> String;
}

#[wasm_bindgen]
extern "C" {
    /// What the SDK calls on its observers and observed things, whatever
    /// their type: one import per member instead of one per type. None
    /// has a `catch` (each is a glue wrapper and a `Result`): the SDK's
    /// arguments cannot make them throw (its own attribute names and
    /// options, constant selectors or selectors the browser checked when
    /// the rules were read); if one did, the host's guard fails open.
    pub type Any;
    /// The `target` of an event, a mutation record or an intersection entry.
    #[wasm_bindgen(method, getter)]
    pub fn target(this: &Any) -> JsValue;
    /// `disconnect()` of a MutationObserver or an IntersectionObserver.
    #[wasm_bindgen(method)]
    pub fn disconnect(this: &Any);
    /// `observe(el, options)` of a MutationObserver or an
    /// IntersectionObserver (which takes no options).
    #[wasm_bindgen(method)]
    pub fn observe(this: &Any, el: &JsValue, options: &JsValue);
    /// An element's `matches(selector)`.
    #[wasm_bindgen(method)]
    pub fn matches(this: &Any, selector: &str) -> bool;
    #[wasm_bindgen(method, js_name = setAttribute)]
    pub fn set_attribute(this: &Any, name: &str, value: &str);
    #[wasm_bindgen(method, js_name = removeAttribute)]
    pub fn remove_attribute(this: &Any, name: &str);
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
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

/// A new MutationObserver calling `f`.
pub fn mutations(f: &Function) -> MutationObserver {
    observer_js(false, f).unchecked_into()
}

/// A new IntersectionObserver calling `f`.
pub fn intersections(f: &Function) -> IntersectionObserver {
    observer_js(true, f).unchecked_into()
}

/// An options dictionary of type `T` from constant JSON.
pub fn options<T: JsCast>(json: &str) -> T {
    options_js(json).unchecked_into()
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
    page(false)
}

/// `document.referrer` (empty when there is none).
pub fn referrer() -> String {
    page(true)
}

/// Lets the snippet show everything.
pub fn reveal() {
    if let Some(root) = document().document_element() {
        any(&root).set_attribute(READY, "");
    }
}

/// Whether the visitor may be looking at `el`: it is not hidden (the
/// snippet hides slots until the first decision or its timeout; changing
/// a hidden element shows nothing) and some part of it is inside the
/// viewport. An element without a box (display: none) counts where its
/// parent is.
pub fn in_view(el: &Element) -> bool {
    seen(el)
}
