//! Applies a decision to the page: variant templates into slots.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement};

/// Shows the slot's variant for `job`: the slot's own children are
/// replaced by a copy of the first `<template data-jobwise-variant>` that
/// lists the job. Returns false (slot untouched) when none does.
pub fn show_variant(slot: &Element, job: &str) -> bool {
    let templates = slot.children();
    let variant = (0..templates.length())
        .filter_map(|i| templates.item(i))
        .filter_map(|el| el.dyn_into::<HtmlTemplateElement>().ok())
        .find(|t| {
            t.get_attribute("data-jobwise-variant")
                .is_some_and(|jobs| jobs.split_whitespace().any(|j| j == job))
        });
    let Some(variant) = variant else {
        return false;
    };
    let mut child = slot.first_child();
    while let Some(node) = child {
        child = node.next_sibling();
        if node.dyn_ref::<HtmlTemplateElement>().is_none() {
            let _ = slot.remove_child(&node);
        }
    }
    let content = variant.content().clone_node_with_deep(true);
    if let Ok(content) = content {
        let _ = slot.insert_before(&content, slot.first_child().as_ref());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn slot(html: &str) -> Element {
        let doc = web_sys::window().unwrap().document().unwrap();
        let el = doc.create_element("section").unwrap();
        el.set_inner_html(html);
        el
    }

    #[wasm_bindgen_test]
    fn variant_replaces_default_content() {
        let el = slot(
            "<h1>Default</h1><template data-jobwise-variant=\"photo family\"><h1>Light</h1></template>",
        );
        assert!(show_variant(&el, "family"));
        assert_eq!(el.text_content().unwrap(), "Light");
        assert_eq!(el.query_selector_all("template").unwrap().length(), 1);
    }

    #[wasm_bindgen_test]
    fn unknown_job_keeps_default_content() {
        let el = slot(
            "<h1>Default</h1><template data-jobwise-variant=\"photo\"><h1>Light</h1></template>",
        );
        assert!(!show_variant(&el, "photographer"));
        assert_eq!(el.text_content().unwrap(), "Default");
    }
}
