// The native benchmark (decision cost vs rule size): `cargo bench --bench
// decide`, which writes target/bench/native.json. It belongs to the
// understanding issue; until Cargo.toml declares it, the report says so.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Runs the bench if declared; returns its JSON, or null when not available. */
export function nativeBench(root) {
  const manifest = readFileSync(join(root, "Cargo.toml"), "utf8");
  if (!/\[\[bench\]\][^[]*name\s*=\s*"decide"/.test(manifest)) return null;
  execFileSync("cargo", ["bench", "--bench", "decide"], { cwd: root, stdio: "inherit" });
  const out = join(root, "target/bench/native.json");
  return existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : null;
}
