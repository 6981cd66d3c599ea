//! A small JSON reader that keeps positions (for `line:column` errors) and a
//! writer for the decision JSON. Hand-written: serde_json would cost the
//! wasm tens of kilobytes.

mod write;

pub use write::{number, string, Object};
