//! The browser layer (wasm32 only): boot, observe, actuate, store, API.
