// The script tag on the demo's first page: it loads, and fails open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open } from "./browser.mjs";

let env;
before(async () => (env = await launch()));
after(() => env.close());

test("the demo page carries the SPEC markup and the script tag", async () => {
  const { page, context } = await open(env, "/");
  assert.ok(await page.locator("[data-jobwise-slot]").count() > 0);
  assert.equal(await page.locator('script[src="/jobwise/jobwise.js"]').count(), 1);
  await context.close();
});

test("window.jobwise settles and the slots become visible", async () => {
  const { page, context, log } = await open(env, "/");
  await page.evaluate(() => window.jobwise.ready);
  const visibility = await page.locator('[data-jobwise-slot="hero"]').evaluate((el) => getComputedStyle(el).visibility);
  assert.equal(visibility, "visible");
  assert.deepEqual(log.errors, []);
  await context.close();
});
