// The fault matrix of SPEC §8: whatever breaks, the default content is
// visible by the timeout, no exception of ours reaches the page, and a
// failure says why in exactly one console.warn.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, look, TIMEOUT } from "./browser.mjs";

const GOOGLE_VIDEO = "https://www.google.com/search?q=laptop+for+video+editing";
const DEFAULT_HERO = "Laptops for everyone";

let env;
before(async () => (env = await launch()));
after(() => env.close());

/** Opens `path`, waits past the timeout, and checks the fail-open promise. */
async function failsOpen(path, { warnings = 1, errors = [], ...options } = {}) {
  const { page, context, log } = await open(env, path, { referer: GOOGLE_VIDEO, ...options });
  await page.waitForTimeout(TIMEOUT + 300);
  const hero = await look(page, "#hero");
  assert.deepEqual([hero.text, hero.visible], [DEFAULT_HERO, true], "the default hero is visible");
  assert.equal(log.warnings.length, warnings, `warnings: ${log.warnings}`);
  if (warnings) assert.match(log.warnings[0], /^jobwise: .*showing the default content$/);
  assert.deepEqual(log.errors, errors);
  assert.equal(await page.evaluate(() => window.jobwise.ready), null, "ready settles with null");
  await context.close();
  return log;
}

const rules = (body, status = 200) => (page) =>
  page.route("**/test/rules.json", (r) => r.fulfill({ status, contentType: "application/json", body }));

/** body.html with the npm module instead of the script tag: start() fetches the wasm by URL. */
const MODULE_PAGE = (p) =>
  p.route("**/test/body.html", async (r) => {
    const body = (await (await r.fetch()).text()).replace(
      /<script src="\/jobwise\/jobwise.js"[^>]*><\/script>/,
      `<script type="module">import { start } from "/jobwise/npm/index.js"; window.jobwise = start({ rules: "/test/rules.json", timeout: ${TIMEOUT} });</script>`,
    );
    await r.fulfill({ contentType: "text/html", body });
  });

test("the npm module: the wasm is missing (404)", async () => {
  const log = await failsOpen("/test/body.html", {
    route: async (p) => {
      await MODULE_PAGE(p);
      await p.route("**/jobwise_bg.wasm", (r) => r.fulfill({ status: 404, body: "" }));
    },
  });
  assert.ok(log.requests.some((u) => u.endsWith("/jobwise/npm/jobwise_bg.wasm")), "the module asked for its wasm");
  assert.match(log.warnings[0], /HTTP 404/);
});

test("no WebAssembly in the browser", async () => {
  await failsOpen("/test/body.html", { init: "delete window.WebAssembly;" });
});

test("a CSP without 'wasm-unsafe-eval' refuses to compile the wasm", async () => {
  const log = await failsOpen("/test/csp-no-wasm.html");
  assert.match(log.warnings[0], /WebAssembly|wasm|Content Security/i);
});

for (const [name, body, status] of [
  ["missing (404)", "not found", 404],
  ["not JSON", "{ this is not json", 200],
  ["empty", "", 200],
  ["invalid (an unknown job in content)", JSON.stringify({ version: 1, jobs: {}, content: { cta: { nope: { text: "x" } } } }), 200],
  ["5 MB", JSON.stringify({ version: 1, jobs: {}, pad: "x".repeat(5 << 20) }), 200],
]) {
  test(`the rules are ${name}`, async () => {
    await failsOpen("/test/body.html", { route: rules(body, status) });
  });
}

test("rules arriving after the timeout leave what the visitor sees alone (no warning: nothing failed)", async () => {
  const { page, context, log } = await open(env, "/test/body.html", {
    referer: GOOGLE_VIDEO,
    route: (p) =>
      p.route("**/test/rules.json", async (r) => {
        await new Promise((ok) => setTimeout(ok, TIMEOUT + 800));
        await r.continue();
      }),
  });
  await page.waitForTimeout(TIMEOUT + 100);
  assert.deepEqual(await look(page, "#hero").then((h) => [h.text, h.visible]), [DEFAULT_HERO, true]);
  assert.equal((await page.evaluate(() => window.jobwise.ready)).job, "video");
  assert.equal((await look(page, "#hero")).text, DEFAULT_HERO, "in view: untouched");
  assert.equal((await look(page, "#offer")).text, "Offer for creators and players", "out of view: personalized");
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
});

const THROWING_STORAGE = `
  for (const name of ["localStorage", "sessionStorage"]) {
    Object.defineProperty(window, name, { get() { throw new DOMException("denied", "SecurityError"); } });
  }`;
const THROWING_METHODS = `
  for (const m of ["getItem", "setItem", "removeItem"]) {
    Storage.prototype[m] = () => { throw new DOMException("quota", "QuotaExceededError"); };
  }`;

for (const [name, init] of [
  ["the storage getters throw", THROWING_STORAGE],
  ["every storage call throws", THROWING_METHODS],
]) {
  test(`${name}: memory falls back to the page, personalization still works, silently`, async () => {
    const { page, context, log } = await open(env, "/test/runtime.html", { referer: GOOGLE_VIDEO, init });
    assert.equal((await page.evaluate(() => jobwise.ready)).job, "video");
    await page.evaluate(() => jobwise.track("trip-planner"));
    assert.ok((await look(page, "#hero")).text.startsWith("Laptops that render 4K"));
    assert.deepEqual([log.warnings, log.errors], [[], []]);
    await context.close();
  });
}

test("the script included twice (head and body) runs once: one compile, one rules request", async () => {
  const { page, context, log } = await open(env, "/test/twice.html", {
    referer: GOOGLE_VIDEO,
    init: `window.__compiled = 0;
      WebAssembly.Module = new Proxy(WebAssembly.Module, { construct: (t, a) => (__compiled++, Reflect.construct(t, a)) });`,
  });
  assert.equal((await page.evaluate(() => jobwise.ready)).job, "video");
  assert.equal(await page.evaluate(() => __compiled), 1, "the later copies compile nothing");
  assert.equal(log.requests.filter((u) => u.endsWith("/test/rules.json")).length, 1);
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
});

test("the page's own scripts throwing before and after Jobwise (and in its listener) don't stop it", async () => {
  const { page, context, log } = await open(env, "/test/throws.html", { referer: GOOGLE_VIDEO });
  assert.equal((await page.evaluate(() => jobwise.ready)).job, "video");
  await page.waitForTimeout(100);
  assert.ok((await look(page, "#hero")).text.startsWith("Laptops that render 4K"));
  assert.deepEqual(log.errors.map((e) => e.replace(/^Error: /, "")).sort(), [
    "page listener",
    "page script after jobwise",
    "page script before jobwise",
  ]);
  assert.deepEqual(log.warnings, []);
  await context.close();
});

test("a failure inside the SDK after it applied reverts every change and goes inert", async () => {
  const { page, context, log } = await open(env, "/test/runtime.html", { referer: GOOGLE_VIDEO });
  assert.equal((await page.evaluate(() => jobwise.ready)).job, "video");
  await page.evaluate(() => {
    const rect = Element.prototype.getBoundingClientRect;
    Element.prototype.getBoundingClientRect = () => {
      throw new Error("broken layout API");
    };
    jobwise.track("trip-planner");
    Element.prototype.getBoundingClientRect = rect;
  });
  const hero = await look(page, "#hero");
  assert.deepEqual([hero.text, hero.visible], [DEFAULT_HERO, true]);
  assert.equal((await look(page, "#cta")).text, "See all laptops");
  assert.equal(log.warnings.length, 1);
  assert.match(log.warnings[0], /broken layout API/);
  await page.click("#specs-link");
  await page.evaluate(() => jobwise.track("x"));
  assert.deepEqual([log.warnings.length, log.errors], [1, []]);
  await context.close();
});

test("a framework re-rendering slots every frame for 2 s: bounded re-applies, a responsive page, then quiet", async () => {
  const { page, context, log } = await open(env, "/test/react.html", { referer: GOOGLE_VIDEO });
  assert.equal((await page.evaluate(() => jobwise.ready)).job, "video");
  await page.waitForFunction(() => window.framework.settled, null, { timeout: 10000 });
  const stats = await page.evaluate(() => framework);
  assert.ok(stats.renders > 30, `renders: ${stats.renders}`);
  assert.ok(stats.variantInserts <= 12, `variant inserts: ${stats.variantInserts}`);
  // A re-apply loop holding the main thread shows as seconds without a
  // frame (or no settling at all); a loaded shared machine alone has shown
  // gaps of 400 ms (frame timing is no benchmark: see `make bench`).
  assert.ok(Math.max(...stats.gaps.slice(1)) < 1000, `longest frame gap: ${Math.max(...stats.gaps.slice(1))}`);
  const before = await page.evaluate(() => framework.mutations);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => framework.mutations), before, "quiet once the framework is");
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
});
