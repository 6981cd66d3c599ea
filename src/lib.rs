//! Jobwise infers the *job* a visitor is trying to get done and swaps page
//! sections to fit it, entirely on the visitor's device.
//!
//! Data flows one way, and each step is a module:
//!
//! ```text
//! js/observe.js ──► signals ──► model ──► decide ──► js/actuate.js
//!   (browser)       (plain data)  (scores)  (Decision)  (browser)
//! ```
//!
//! * [`arrival`] reads how the visitor came: referrer + landing URL →
//!   engine, search terms, traffic source, landing parameters.
//! * [`text`] normalizes, tokenizes and stems Russian and English, finds
//!   negation and matches marketers' terms with typo tolerance.
//! * [`rules`] is the marketers' JSON (SPEC §5): parsed with positions,
//!   validated as a whole, compiled once into lookup tables.
//! * [`signals`] is the one input type of the model.
//! * [`model`] scores jobs and stages; [`decide`] turns scores into a
//!   [`decide::Decision`] with reasons; [`memory`] is what later pages of
//!   the visit are told (derived numbers only). js/actuate.js shows the
//!   decision's job and stage with the rules' content for them.
//!
//! Everything above is plain Rust that `cargo test` runs natively. Only
//! `web` (compiled for wasm32: the runtime and the exports) and the
//! JavaScript of `js/` (which reads and changes the page) touch the browser.
//!
//! Without the default `std` feature (the SDK's wasm, `make build`) the
//! crate is `no_std`: its own allocator (`heap`) and a panic that traps,
//! so none of std's panic formatting reaches the binary (the SDK's build,
//! scripts/cargo-sdk.sh, even aborts at the panic site, with core built
//! from source). js/sdk.js catches the trap like any exception from the
//! wasm: revert, then inert.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(not(target_arch = "wasm32"), forbid(unsafe_code))]

extern crate alloc;

#[cfg(not(any(feature = "std", target_arch = "wasm32")))]
compile_error!("off wasm32 (the CLI, the tests) the `std` feature is needed");

/// A panic in the wasm traps: the exception reaches js/sdk.js. (Builds
/// with the precompiled core, such as the wasm lint, come here; the SDK's
/// build aborts before, at the panic site.)
#[cfg(all(not(feature = "std"), target_arch = "wasm32"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

/// A message for a person, built only with the `diagnostics` feature (the
/// CLI, the playground). Without it the expression still type-checks but
/// is never run, so neither its code nor its texts reach the binary: the
/// SDK's wasm reports a refused rules file by path and position alone.
/// What is refused never depends on it.
macro_rules! msg {
    ($e:expr) => {
        if cfg!(feature = "diagnostics") {
            $e
        } else {
            Default::default()
        }
    };
}

/// A message for a person (of a JSON error or a rules problem): text
/// with the `diagnostics` feature; without it nothing at all, so the SDK
/// carries, moves and drops no empty `String`s.
#[cfg(feature = "diagnostics")]
pub type Message = prelude::String;
#[cfg(not(feature = "diagnostics"))]
pub type Message = NoMessage;

/// The message of a build without diagnostics: reads as `""`.
#[cfg(not(feature = "diagnostics"))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoMessage;

#[cfg(not(feature = "diagnostics"))]
impl core::ops::Deref for NoMessage {
    type Target = str;
    fn deref(&self) -> &str {
        ""
    }
}

#[cfg(not(feature = "diagnostics"))]
impl From<&str> for NoMessage {
    fn from(_: &str) -> Self {
        NoMessage
    }
}

#[cfg(not(feature = "diagnostics"))]
impl From<prelude::String> for NoMessage {
    fn from(_: prelude::String) -> Self {
        NoMessage
    }
}

mod prelude;

pub mod arrival;
pub mod decide;
#[cfg(any(test, target_arch = "wasm32"))]
mod heap;
pub mod json;
mod math;
pub mod memory;
pub mod model;
pub mod rules;
pub mod signals;
#[cfg(target_arch = "wasm32")]
mod single;
pub mod sort;
pub mod text;

// The CLI reports with messages and reads `Rules::content`: diagnostics.
#[cfg(all(not(target_arch = "wasm32"), feature = "diagnostics"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod learn;
#[cfg(target_arch = "wasm32")]
pub mod web;
