//! A static for the wasm, which runs on one thread (wasm32 without the
//! `atomics` feature): the `no_std` stand-in for `thread_local!`.

use core::ops::Deref;

#[cfg(target_feature = "atomics")]
compile_error!("Single assumes one thread: wasm32 without atomics");

pub struct Single<T>(T);

// SAFETY: there is no other thread to share it with.
unsafe impl<T> Sync for Single<T> {}

impl<T> Single<T> {
    pub const fn new(value: T) -> Single<T> {
        Single(value)
    }
}

impl<T> Deref for Single<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
