//! A small JSON reader that keeps positions (for `line:column` errors) and a
//! writer for the decision JSON. Hand-written: serde_json would cost the
//! wasm tens of kilobytes.

mod read;
mod write;

pub use read::{
    line_column, parse, push_index, push_key, Cursor, Error, Kind, Member, Value, MAX_DEPTH,
};
pub(crate) use write::digits;
pub use write::{number, string, Object};
