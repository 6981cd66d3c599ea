// The npm package in dist/npm/: what `npm pack` would publish, its
// package.json, and its ES module imported by a page without a bundler.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { launch, open } from "./browser.mjs";

const root = new URL("../../", import.meta.url);
const npmDir = new URL("dist/npm/", root).pathname;

let env;
before(async () => (env = await launch()));
after(() => env.close());

test("npm pack lists the module, the types, the wasm, the debug overlay, the snippet and the README", () => {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: npmDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [pack] = JSON.parse(out);
  const files = pack.files.map((f) => f.path).sort();
  assert.deepEqual(files, ["README.md", "index.d.ts", "index.js", "jobwise-debug.js", "jobwise_bg.wasm", "package.json", "snippet.html"]);
  const cargo = readFileSync(new URL("Cargo.toml", root), "utf8");
  assert.equal(pack.version, /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1]);
});

test("package.json: exports map with types first, no side effects", () => {
  const pkg = JSON.parse(readFileSync(new URL("package.json", `file://${npmDir}`), "utf8"));
  assert.equal(pkg.type, "module");
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "import"]);
  assert.equal(pkg.exports["./jobwise_bg.wasm"], "./jobwise_bg.wasm");
  assert.equal(pkg.types, "./index.d.ts");
  const types = readFileSync(new URL("index.d.ts", `file://${npmDir}`), "utf8");
  assert.match(types, /export function start\(options: Options\): Jobwise;/);
});

test("a page imports start() from the module without a bundler and gets a decision", async () => {
  const { page, context, log } = await open(env, "/npm/?utm_term=gaming+laptop+rtx");
  await page.waitForFunction(() => window.esmJobwise);
  const decision = await page.evaluate(() => window.esmJobwise.ready);
  assert.equal(decision.job, "gaming");
  assert.equal(await page.locator('[data-jobwise-slot="hero"] > h1').textContent(), "RTX 5080 and 240 Hz");
  assert.equal(await page.locator("[data-esm-decision]").textContent(), "gaming");
  assert.ok(log.requests.includes(`${env.origin}/jobwise/npm/jobwise_bg.wasm`), "the wasm next to the module");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the module's API matches window.jobwise's", async () => {
  const { page, context } = await open(env, "/npm/?jobwise=student-budget");
  await page.waitForFunction(() => window.esmJobwise);
  await page.evaluate(() => window.esmJobwise.ready);
  const kinds = await page.evaluate(() => {
    const names = ["consent", "decision", "forget", "on", "ready", "revert", "track"];
    return Object.fromEntries(names.map((n) => [n, typeof window.esmJobwise[n]]));
  });
  assert.deepEqual(kinds, {
    consent: "function", decision: "function", forget: "function", on: "function",
    ready: "object", revert: "function", track: "function",
  });
  assert.equal(await page.evaluate(() => window.esmJobwise.decision().job), "student-budget");
  await context.close();
});
