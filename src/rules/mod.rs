//! The marketers' rules (SPEC §5): plain types, parsed from JSON with
//! positions, validated as a whole, then compiled for cheap decisions.

mod types;

pub use types::*;
