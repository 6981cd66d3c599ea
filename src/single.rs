//! Statics for the wasm, which runs on one thread (wasm32 without the
//! `atomics` feature): the `no_std` stand-in for `thread_local!`.
//!
//! They live in the low 1 KiB of memory, which nothing else uses (the
//! linker puts the data at 1 KiB, then the stack: .cargo/config.toml) and
//! which starts zeroed. At a fixed address under 64 each use is a one-byte
//! constant; a static after the data (near 14 K) was three LEB bytes, two
//! of them above 0x7f, and jobwise.js carries each of those as two.
//! wasm-opt's `--low-memory-unused` (Makefile) still holds for what it
//! assumes: no access here wraps around from a pointer near 4 GiB.

#[cfg(target_feature = "atomics")]
compile_error!("the wasm's statics assume one thread: wasm32 without atomics");

/// The runtime's cell (`web`): a pointer.
pub const RUNTIME: usize = 8;
/// The heap's state (`heap`).
pub const HEAP: usize = 16;

const _: () = assert!(RUNTIME + 4 <= HEAP && HEAP + size_of::<crate::heap::Heap>() <= 1024);

/// The static at `at` (one of the above).
///
/// # Safety
///
/// `T` is the static's type, which all zeros is a value of (its first),
/// and anything changed through a shared reference is in a `Cell` or an
/// `UnsafeCell` (one thread: no locking).
pub unsafe fn low<T>(at: usize) -> &'static T {
    &*(at as *const T)
}
