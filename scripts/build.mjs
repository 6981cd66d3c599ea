// Assembles dist/ from the wasm-bindgen output in target/bindgen/ (SPEC §2):
//   dist/jobwise.js       classic script: loader + glue + the wasm, one minified IIFE
//                         (scripts/script-tag.mjs)
//   dist/jobwise_bg.wasm  written by the Makefile after wasm-opt (the npm module's)
//   dist/jobwise-debug.js the `?jobwise-debug` overlay, an ES module both load on demand
//   dist/jobwise.d.ts     types of the JavaScript API
//   dist/snippet.html     the anti-flicker snippet (timeout 300 ms)
//   dist/npm/             the npm package from pkg-template/
//   dist/playground.js    ES module for www/playground/: init + the playground exports
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildScriptTag, bundleOptions } from "./script-tag.mjs";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");
const npm = join(dist, "npm");
mkdirSync(npm, { recursive: true });

const common = { ...bundleOptions, alias: { "jobwise-wasm": join(root, "target/bindgen/jobwise.js") } };

await buildScriptTag(root, {
  glue: join(root, "target/bindgen/jobwise.js"),
  wasm: readFileSync(join(dist, "jobwise_bg.wasm")),
  outfile: join(dist, "jobwise.js"),
});
await build({
  ...common,
  entryPoints: [join(root, "js/module.js")],
  format: "esm",
  outfile: join(npm, "index.js"),
});
// The `?jobwise-debug` overlay, which both load only when asked for.
await build({
  ...common,
  entryPoints: [join(root, "js/overlay.js")],
  format: "esm",
  outfile: join(dist, "jobwise-debug.js"),
});
copyFileSync(join(dist, "jobwise-debug.js"), join(npm, "jobwise-debug.js"));

// The playground page needs the raw wasm exports, not the SDK: a plain ES
// module of the glue of its own wasm (built with the `diagnostics` feature:
// messages, warnings and the playground exports, none of which every
// visitor of a customer's site should download), whose default wasm URL
// (import.meta.url) is /jobwise/playground_bg.wasm.
await build({
  ...common,
  alias: { "jobwise-wasm": join(root, "target/bindgen-playground/playground.js") },
  entryPoints: [join(root, "js/playground-entry.js")],
  format: "esm",
  outfile: join(dist, "playground.js"),
});

const snippet = readFileSync(join(root, "js/snippet.html"), "utf8").replace("TIMEOUT", "300");
writeFileSync(join(dist, "snippet.html"), snippet);

copyFileSync(join(root, "js/jobwise.d.ts"), join(dist, "jobwise.d.ts"));

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))[1];
for (const file of readdirSync(join(root, "pkg-template"))) {
  const text = readFileSync(join(root, "pkg-template", file), "utf8");
  writeFileSync(join(npm, file), text.replaceAll("0.0.0-VERSION", version));
}
copyFileSync(join(root, "js/jobwise.d.ts"), join(npm, "index.d.ts"));
copyFileSync(join(dist, "jobwise_bg.wasm"), join(npm, "jobwise_bg.wasm"));
writeFileSync(join(npm, "snippet.html"), snippet);
