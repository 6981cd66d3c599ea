// Entry of dist/playground.js, the ES module the marketers' playground
// (www/playground/) imports: the wasm's init and its playground exports,
// straight from the wasm-bindgen glue of the playground's wasm (the SDK's
// core with the `diagnostics` feature). The glue finds playground_bg.wasm
// next to this module (import.meta.url), i.e. in /jobwise/.
export { default as init, playground_check, playground_explain } from "jobwise-wasm";
