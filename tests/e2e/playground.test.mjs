// The playground: it decides for a preset visitor with the SDK's own wasm,
// re-decides as the rules or the visitor change, points at the exact
// line:column of a problem, previews the page, and shares state by link.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open } from "./browser.mjs";

let env;
before(async () => (env = await launch()));
after(() => env.close());

/** Waits until the playground has updated past `count` times. */
async function updated(page, count = 0) {
  await page.waitForFunction((n) => Number(document.body.dataset.updates || 0) > n, count);
}

const updates = (page) => page.evaluate(() => Number(document.body.dataset.updates || 0));

/** Replaces the editor's text the way a person's edit would reach it. */
async function setRules(page, text) {
  const before = await updates(page);
  await page.locator("#rules").evaluate((el, text) => {
    el.value = text;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await updated(page, before);
}

async function previewHero(page) {
  const frame = page.frameLocator("#preview");
  const h1 = frame.locator('[data-jobwise-slot="hero"] > h1');
  await h1.waitFor({ state: "visible" });
  return h1.textContent();
}

test("the first preset is decided, scored per job and previewed", async () => {
  const { page, context, log } = await open(env, "/playground/");
  await updated(page);
  assert.match(await page.locator("#status").textContent(), /^valid · 4 jobs, 3 stages/);
  assert.equal(await page.locator("#verdict").textContent(), "photo-studio");
  assert.equal(await page.locator("#bars .bar").count(), 4);
  assert.equal(await page.locator("#bars .bar.chosen").getAttribute("data-job"), "photo-studio");
  assert.ok((await page.locator("#reasons tr").count()) >= 2, "a reason per fired signal");
  await page.waitForFunction(() => document.querySelector("#preview").src.includes("jobwise=photo-studio"));
  assert.match(await previewHero(page), /северный свет/);
  assert.deepEqual(log.errors, []);
  const foreign = log.requests.filter((u) => !u.startsWith(env.origin) && !u.startsWith("data:") && u !== "about:blank");
  assert.deepEqual(foreign, [], "no external requests");
  await context.close();
});

test("another preset, and an edited visitor, re-decide at once", async () => {
  const { page, context } = await open(env, "/playground/");
  await updated(page);
  let n = await updates(page);
  await page.locator("#preset").selectOption("family");
  await updated(page, n);
  assert.equal(await page.locator("#verdict").textContent(), "family");
  await page.waitForFunction(() => document.querySelector("#preview").src.includes("jobwise=family"));
  assert.match(await previewHero(page), /Школа и детский сад/);

  n = await updates(page);
  await page.locator('input[name="utm_campaign"]').fill("");
  await page.locator('input[name="utm_term"]').fill("квартира для сдачи в аренду, доходность");
  await updated(page, n);
  await page.waitForFunction(() => document.querySelector("#verdict").textContent === "investor");
  await context.close();
});

test("editing the rules changes the decision and the preview", async () => {
  const { page, context } = await open(env, "/playground/");
  await updated(page);
  const rules = await page.locator("#rules").inputValue();
  await setRules(page, rules.replace('"threshold": 3', '"threshold": 30'));
  assert.equal(await page.locator("#verdict").textContent(), "no job (defaults)");
  assert.match(await page.locator("#facts").textContent(), /below the threshold of 30/);
  await page.waitForFunction(() => !document.querySelector("#preview").src.includes("jobwise="));
  assert.match(await previewHero(page), /Квартиры на набережной/);

  await setRules(page, rules.replace('"label": "Работать фотографом дома"', '"label": "Фотостудия дома"'));
  assert.equal(await page.locator("#verdict").textContent(), "photo-studio");
  assert.match(await page.locator("#facts").textContent(), /Фотостудия дома/);
  await context.close();
});

test("a wrong value is reported at its line and column, and clicking it moves the caret there", async () => {
  const { page, context } = await open(env, "/playground/");
  await updated(page);
  const rules = await page.locator("#rules").inputValue();
  const lines = rules.split("\n");
  const line = lines.findIndex((l) => l.includes('"*.pinterest.*"')) + 1;
  lines[line - 1] = lines[line - 1].replace('"weight": 1', '"weight": "high"');
  await setRules(page, lines.join("\n"));

  assert.equal(await page.locator("#status").getAttribute("data-state"), "error");
  assert.equal(await page.locator("#verdict").textContent(), "rules invalid");
  const problem = page.locator("#problems li.error").first();
  const column = lines[line - 1].indexOf('"high"') + 1;
  assert.equal(await problem.locator(".where").textContent(), `${line}:${column}`);
  assert.match(await problem.locator(".path").textContent(), /jobs\.photo-studio\.signals\[3\]\.weight/);
  assert.equal(await page.locator(`.gutter div:nth-child(${line})`).getAttribute("class"), "error");
  assert.equal(await page.locator(".marks .mark-line").count(), await page.locator("#problems li").count());

  await problem.locator("button").click();
  const caret = await page.locator("#rules").evaluate((el) => el.selectionStart);
  const offset = lines.slice(0, line - 1).join("\n").length + 1 + (column - 1);
  assert.equal(caret, offset);
  await context.close();
});

test("a JSON syntax error and an unknown job in content point at their lines", async () => {
  const { page, context } = await open(env, "/playground/");
  await updated(page);
  const rules = await page.locator("#rules").inputValue();
  const lines = rules.split("\n");
  const holdout = lines.findIndex((l) => l.includes('"holdout"')) + 1;
  lines[holdout - 1] = lines[holdout - 1].replace("0", "0,");
  await setRules(page, lines.join("\n"));
  const where = await page.locator("#problems li.error .where").first().textContent();
  assert.ok([holdout, holdout + 1].includes(Number(where.split(":")[0])), `syntax error near line ${holdout}: ${where}`);

  const bad = rules.replace('"investor": { "text": "Рассчитать доходность"', '"investr": { "text": "Рассчитать доходность"');
  await setRules(page, bad);
  const line = bad.split("\n").findIndex((l) => l.includes('"investr"')) + 1;
  const item = page.locator("#problems li.error").first();
  assert.equal(Number((await item.locator(".where").textContent()).split(":")[0]), line);
  assert.match(await item.textContent(), /investr/);
  await context.close();
});

test("the URL fragment carries the rules and the visitor to another tab", async () => {
  const { page, context } = await open(env, "/playground/");
  await updated(page);
  const rules = await page.locator("#rules").inputValue();
  const edited = rules.replace('"label": "Растить детей"', '"label": "Семья, двое детей"');
  await setRules(page, edited);
  await page.locator("#preset").selectOption("family");
  await page.waitForFunction(() => location.hash.length > 10);
  await page.waitForTimeout(600);
  const url = page.url();
  assert.match(new URL(url).hash, /^#(z|j)=/);

  const other = await context.newPage();
  await other.goto(url);
  await updated(other);
  assert.equal(await other.locator("#rules").inputValue(), edited);
  assert.equal(await other.locator("#verdict").textContent(), "family");
  assert.match(await other.locator("#facts").textContent(), /Семья, двое детей/);
  await context.close();
});

test("the laptop site's rules and presets load with the site switch", async () => {
  const { page, context } = await open(env, "/playground/");
  await updated(page);
  const n = await updates(page);
  await page.locator("#site").selectOption("laptops");
  await updated(page, n);
  await page.waitForFunction(() => document.querySelector("#verdict").textContent === "video-editing");
  assert.match(await page.locator("#rules").inputValue(), /"language": "en"/);
  await page.locator("#preset").selectOption("no-gaming");
  await page.waitForFunction(() => document.querySelector("#verdict").textContent === "no job (defaults)");
  await context.close();
});

test("every preset visitor of both sites gets the job its label promises", async () => {
  const { page, context } = await open(env, "/playground/");
  await updated(page);
  const results = await page.evaluate(async () => {
    const wasm = await import("/jobwise/playground.js");
    const { sites } = await import("/assets/visitors.js");
    const { fromPreset, toExplainJson } = await import("/playground/visitor.js");
    const out = [];
    for (const site of Object.values(sites)) {
      const rules = await (await fetch(site.rules)).text();
      for (const preset of site.visitors) {
        const visitor = { ...fromPreset(preset), hour: 12, weekday: 2 };
        const decision = JSON.parse(wasm.playground_explain(rules, toExplainJson(visitor)));
        out.push({ id: preset.id, want: preset.job, got: decision.job });
      }
    }
    return out;
  });
  for (const r of results) assert.equal(r.got, r.want, r.id);
  assert.equal(results.length, 16);
  await context.close();
});
