//! The browser layer (wasm32 only): boot, observe, actuate, store, API.
//! It observes the page, hands signals to the core and applies what the
//! core decided; it decides nothing itself.

mod actuate;
mod playground;

use wasm_bindgen::prelude::*;

/// Boots the SDK on this page with the rules' JSON text. Returns the
/// decision JSON, or an error the loader reports with one `console.warn`
/// (the page keeps its default content).
#[wasm_bindgen]
pub fn boot(rules: &str) -> Result<String, JsError> {
    let rules = crate::rules::parse(rules).map_err(|problems| {
        let first = problems.first();
        JsError::new(first.map_or("invalid rules", |p| p.message.as_str()))
    })?;
    let _ = actuate::show_variant;
    let _ = rules;
    Ok(String::new())
}
