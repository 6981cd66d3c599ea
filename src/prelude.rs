//! What std's prelude gives and `core`'s doesn't: every module that
//! allocates starts with `use crate::prelude::*;`, with or without `std`.

pub use alloc::borrow::ToOwned;
pub use alloc::string::{String, ToString};
// `vec!`: the SDK's own code (no diagnostics) has none.
#[cfg(feature = "diagnostics")]
pub use alloc::vec;
pub use alloc::vec::Vec;
