// opt-level "z" against "s" for the wasm: `make build` gives the level set
// in Cargo.toml; the other one is built here with the same pipeline
// (scripts/cargo-sdk.sh → wasm-bindgen → short names, pruned glue → wasm-opt with the Makefile's
// WASM_OPT_SDK flags → functions in similarity order) in its own target dir, so neither build disturbs
// the other. The browser part of the bench then times both.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { minifyNames } from "../scripts/minify-names.mjs";
import { orderFunctions } from "../scripts/order-functions.mjs";
import { pruneGlue } from "../scripts/prune-glue.mjs";
import { buildScriptTag } from "../scripts/script-tag.mjs";

/** The opt-level of Cargo.toml's release profile. */
export function configuredLevel(root) {
  const profile = readFileSync(join(root, "Cargo.toml"), "utf8").split("[profile.release]")[1] || "";
  return /^opt-level\s*=\s*"?(\w+)"?/m.exec(profile)?.[1] ?? "3";
}

/** Builds the wasm at `level` into target/bench/opt-LEVEL; returns the directory. */
async function build(root, level, configured) {
  const dir = join(root, "target/bench", `opt-${level}`);
  mkdirSync(join(dir, "bindgen"), { recursive: true });
  console.log(`bench: building the wasm at opt-level "${level}" (Cargo.toml has "${configured}") in ${dir}`);
  execFileSync(join(root, "scripts/cargo-sdk.sh"), ["--quiet"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CARGO_PROFILE_RELEASE_OPT_LEVEL: level, CARGO_TARGET_DIR: join(dir, "cargo") },
  });
  const cargoWasm = join(dir, "cargo/wasm32-unknown-unknown/release/jobwise.wasm");
  execFileSync(join(root, ".tools/bin/wasm-bindgen"), ["--target", "web", "--remove-name-section", "--remove-producers-section", "--out-dir", join(dir, "bindgen"), cargoWasm]);
  minifyNames(join(dir, "bindgen"));
  pruneGlue(join(dir, "bindgen/jobwise.js"));
  const flags = (process.env.WASM_OPT_SDK || "").split(/\s+/).filter(Boolean);
  if (!flags.length) throw new Error("WASM_OPT_SDK is not set: run the bench through `make bench`");
  execFileSync(join(root, "node_modules/.bin/wasm-opt"), [...flags, join(dir, "bindgen/jobwise_bg.wasm"), "-o", join(dir, "bindgen/jobwise_opt.wasm")]);
  orderFunctions(join(dir, "bindgen/jobwise_opt.wasm"), join(dir, "jobwise_bg.wasm"));
  // The glue names closures by a hash that changes with the level: build
  // the script tag from this build's glue and wasm, as scripts/build.mjs does for dist/.
  await buildScriptTag(root, { glue: join(dir, "bindgen/jobwise.js"), wasm: readFileSync(join(dir, "jobwise_bg.wasm")), outfile: join(dir, "jobwise.js") });
  return dir;
}

/** Directories holding jobwise.js (and the wasm it carries) for "z" and "s" (dist/ for the configured one). */
export async function optBuilds(root) {
  const configured = configuredLevel(root);
  const dirs = {};
  for (const level of ["z", "s"]) dirs[level] = level === configured ? join(root, "dist") : await build(root, level, configured);
  return { configured, dirs };
}
