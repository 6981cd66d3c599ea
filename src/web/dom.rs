//! Small DOM helpers shared by the web modules: the document, clocks, the
//! viewport, and the markup's attribute names.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node, Window};

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

pub fn window() -> Window {
    web_sys::window().unwrap_throw()
}

pub fn document() -> Document {
    window().document().unwrap_throw()
}

/// Wall-clock milliseconds (what memory and events are timed with).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds since the page started (what the timeout counts).
pub fn since_start_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Whether the document is still being parsed.
pub fn loading() -> bool {
    document().ready_state() == "loading"
}

/// Lets the snippet show everything.
pub fn reveal() {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(READY, "");
    }
}

/// Whether the parser is done with `el`'s subtree: something follows it,
/// or the document is parsed.
pub fn complete(el: &Element) -> bool {
    if !loading() {
        return true;
    }
    let mut node: Option<Node> = Some(el.clone().into());
    while let Some(n) = node {
        if n.next_sibling().is_some() {
            return true;
        }
        node = n.parent_node();
    }
    false
}

/// Whether the visitor may be looking at `el`: it is not hidden (the
/// snippet hides slots until the first decision or its timeout; changing
/// a hidden element shows nothing) and some part of it is inside the
/// viewport. An element without a box (display: none) counts where its
/// parent is.
pub fn in_view(el: &Element) -> bool {
    let hidden = window()
        .get_computed_style(el)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("visibility").ok())
        .is_some_and(|v| v == "hidden");
    if hidden {
        return false;
    }
    let mut rect = el.get_bounding_client_rect();
    if rect.width() == 0.0 && rect.height() == 0.0 {
        if let Some(parent) = el.parent_element() {
            rect = parent.get_bounding_client_rect();
        }
    }
    let Some(root) = document().document_element() else {
        return false;
    };
    let (w, h) = (
        f64::from(root.client_width()),
        f64::from(root.client_height()),
    );
    rect.bottom() > 0.0 && rect.right() > 0.0 && rect.top() < h && rect.left() < w
}

/// The element an event (passed from JS as a plain value) happened on.
pub fn event_element(e: JsValue) -> Option<Element> {
    e.unchecked_into::<web_sys::Event>()
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
}
