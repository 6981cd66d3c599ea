//! A small JSON reader that keeps positions (for `line:column` errors) and a
//! writer for the decision JSON. Hand-written: serde_json would cost the
//! wasm tens of kilobytes.

mod num;
mod read;
mod write;

pub use num::parse_f64;
pub(crate) use num::{finite, read_f64};
pub(crate) use read::{discard, index};
pub use read::{
    line_column, parse, push_index, push_key, Cursor, Error, Kind, Member, Value, MAX_DEPTH,
};
pub(crate) use write::digits;
pub use write::{number, opt_string, rounded, string, Object};
