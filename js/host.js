// What the wasm calls (src/web/host.rs): js/sdk.js's host, installed before
// the wasm is instantiated (the glue's import object takes `context` itself,
// not a wrapper reading it at each call); until then (and in the wasm's own
// tests) they do nothing. The SDK's glue imports this very module
// (scripts/prune-glue.mjs), not wasm-bindgen's copy of it, so no JS object
// crosses into the wasm.
export let put = () => {};
export let context = () => 0;

/** Installs js/sdk.js's host: `{ put, context }`. */
export const install = (host) => ({ put, context } = host);
