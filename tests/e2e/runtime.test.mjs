// The browser runtime end to end on the fixture pages of www/test/: the
// first decision from the arrival, anti-flicker and layout stability,
// observation, actuation rules, the API, SPA navigation, re-rendering
// frameworks and the strict-CSP page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, open, ready, look, TIMEOUT } from "./browser.mjs";
import { wasmLiteral } from "../../scripts/script-tag.mjs";

const GOOGLE_VIDEO = "https://www.google.com/search?q=laptop+for+video+editing";
const VIDEO_HERO = "Laptops that render 4K";

let env;
before(async () => (env = await launch()));
after(() => env.close());

/** Samples, every frame from the first, what the visitor could see of `sel`, and adds up layout shifts. */
const WATCH = (sel) => `
  window.__frames = [];
  window.__cls = 0;
  const tick = () => {
    const el = document.querySelector(${JSON.stringify(sel)});
    if (el && getComputedStyle(el).visibility === "visible" && el.getClientRects().length)
      __frames.push(el.textContent.trim());
    if (__frames.length < 120) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) __cls += e.value;
  }).observe({ type: "layout-shift", buffered: true });
`;

test("a search referrer picks the job: variant, CTA text/href/title, show, hide and terms", async () => {
  const { page, context, log } = await open(env, "/test/runtime.html", { referer: GOOGLE_VIDEO });
  const d = await ready(page);
  assert.equal(d.job, "video");
  assert.ok((await look(page, "#hero")).text.startsWith(VIDEO_HERO));
  const cta = await page.locator("#cta").evaluate((a) => [a.textContent, a.getAttribute("href"), a.title]);
  assert.deepEqual(cta, ["See the editing laptops", "/test/video", "For editors"]);
  assert.equal((await look(page, "#show-video")).visible, true);
  assert.equal((await look(page, "#hide-video")).display, "none");
  assert.equal((await look(page, "#terms")).text, "laptop for video editing");
  assert.equal((await look(page, "#offer")).text, "Offer for creators and players");
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
});

test("without a signal every default stays, and show-only elements take no space", async () => {
  const { page, context, log } = await open(env, "/test/runtime.html");
  const d = await ready(page);
  assert.equal(d.job, null);
  assert.equal((await look(page, "#hero")).text, "Laptops for everyone");
  assert.equal((await look(page, "#cta")).text, "See all laptops");
  assert.deepEqual([(await look(page, "#show-video")).display, (await look(page, "#show-video")).height], ["none", 0]);
  assert.equal((await look(page, "#hide-video")).visible, true);
  assert.equal((await look(page, "#terms")).text, "a laptop");
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
});

test("no job: the defaults are painted once and nothing shifts (CLS 0)", async () => {
  const { page, context } = await open(env, "/test/runtime.html", { init: WATCH("#hero") });
  await ready(page);
  await page.waitForTimeout(500);
  const { frames, cls } = await page.evaluate(() => ({ frames: __frames, cls: __cls }));
  assert.ok(frames.length > 0);
  assert.deepEqual(frames.filter((t) => !t.startsWith("Laptops for everyone")), []);
  assert.equal(cls, 0);
  await context.close();
});

/** runtime.html as SPEC §3 installs it: the default timeout in the snippet and the tag. */
const DEFAULT_TIMEOUT = (page) =>
  page.route("**/test/runtime.html*", async (r) => {
    const body = (await (await r.fetch()).text()).replace("0s 2000ms", "0s 300ms").replace(' data-timeout="2000"', "");
    await r.fulfill({ contentType: "text/html", body });
  });

test("at the default timeout: personalized in the first painted frame, the default never painted, no layout shift", async () => {
  const { page, context } = await open(env, "/test/runtime.html", {
    referer: GOOGLE_VIDEO,
    route: DEFAULT_TIMEOUT,
    init:
      WATCH("#hero") +
      `window.__elements = [];
       new PerformanceObserver((list) => __elements.push(...list.getEntries().map((e) => e.identifier)))
         .observe({ type: "element", buffered: true });`,
  });
  assert.ok(await page.evaluate(() => !document.querySelector("[data-timeout]")), "the default timeout");
  assert.equal((await ready(page)).job, "video");
  await page.waitForTimeout(500);
  const { frames, cls, elements } = await page.evaluate(() => ({ frames: __frames, cls: __cls, elements: __elements }));
  assert.ok(frames.length > 0, "the hero was painted");
  assert.deepEqual(frames.filter((f) => !f.startsWith(VIDEO_HERO)), [], "every painted frame, the first too, shows the variant");
  assert.deepEqual(elements, [], "Element Timing: the default hero was never painted");
  assert.equal(cls, 0);
  await context.close();
});

test("the script at the end of body with rules by URL works the same", async () => {
  const { page, context, log } = await open(env, "/test/body.html", { referer: GOOGLE_VIDEO });
  assert.equal((await ready(page)).job, "video");
  assert.ok((await look(page, "#hero")).text.startsWith(VIDEO_HERO));
  assert.deepEqual(log.warnings, []);
  assert.ok(!log.requests.some((u) => u.includes("jobwise-debug")), "no overlay module without ?jobwise-debug");
  await context.close();
});

test("?jobwise=JOB forces a job and ?jobwise-debug shows the reasons as text in a shadow root", async () => {
  const { page, context, log } = await open(env, "/test/runtime.html?jobwise=travel&jobwise-debug", { referer: GOOGLE_VIDEO });
  const d = await ready(page);
  assert.equal(d.job, "travel");
  assert.equal(d.via, "override");
  assert.equal((await look(page, "#hero")).text, "Under 1.2 kg, 14 hours of battery");
  // The overlay is a module of its own, next to jobwise.js, loaded on demand.
  await page.waitForSelector("jobwise-debug", { state: "attached" });
  assert.ok(log.requests.includes(`${env.origin}/jobwise/jobwise-debug.js`));
  const overlay = await page.evaluate(() => {
    const root = document.querySelector("jobwise-debug").shadowRoot;
    return { text: root.textContent, elements: root.querySelectorAll("*").length };
  });
  assert.match(overlay.text, /job: travel \(override\)/);
  assert.match(overlay.text, /video\s+terms\s+3/);
  assert.equal(overlay.elements, 1, "one <pre>, text only");
  await context.close();
});

test("data-jobwise-pick: the visitor's choice applies at once, in view too, is remembered, and '' clears it", async () => {
  const { page, context } = await open(env, "/test/runtime.html", { referer: GOOGLE_VIDEO });
  await ready(page);
  await page.click("#pick-travel");
  assert.equal((await look(page, "#hero")).text, "Under 1.2 kg, 14 hours of battery");
  assert.equal(await page.evaluate(() => jobwise.decision().via), "picked");
  await page.goto(env.origin + "/test/runtime.html");
  assert.equal((await ready(page)).job, "travel", "the pick holds on the next page");
  await page.click("#pick-none");
  const d = await page.evaluate(() => jobwise.decision());
  assert.equal(d.via, "inferred");
  const hero = { video: VIDEO_HERO, travel: "Under 1.2 kg", null: "Laptops for everyone" }[d.job];
  assert.ok((await look(page, "#hero")).text.startsWith(hero), "back to what inference says");
  await context.close();
});

test("a later decision waits for slots in view, and changes the others at once", async () => {
  const { page, context } = await open(env, "/test/runtime.html", { referer: GOOGLE_VIDEO });
  await ready(page);
  await page.evaluate(() => jobwise.track("trip-planner"));
  await page.waitForFunction(() => jobwise.decision().job === "travel");
  assert.ok((await look(page, "#hero")).text.startsWith(VIDEO_HERO), "in view: unchanged");
  assert.equal((await look(page, "#offer")).text, "Offer for travellers", "out of view: changed");
  await page.evaluate(() => scrollTo(0, document.getElementById("battery").offsetTop));
  await page.waitForFunction(() => document.getElementById("hero").textContent.startsWith("Under 1.2 kg"));
  await context.close();
});

test("observation: clicks, site search, dwell and scroll depth feed the decision", async () => {
  const cases = [
    ["click", "video", (p) => p.click("#specs-link")],
    ["search", "video", (p) => p.fill("#q", "premiere pro").then(() => p.press("#q", "Tab"))],
    ["dwell", "travel", (p) => p.evaluate(() => document.getElementById("battery").scrollIntoView())],
    ["scroll", "gaming", (p) => p.evaluate(() => scrollTo(0, document.body.scrollHeight))],
  ];
  for (const [signal, job, act] of cases) {
    const { page, context } = await open(env, "/test/runtime.html");
    await ready(page);
    await act(page);
    await page.waitForFunction((job) => jobwise.decision().job === job, job, { timeout: 5000 });
    const reasons = await page.evaluate(() => jobwise.decision().reasons.map((r) => r.signal));
    assert.ok(reasons.includes(signal), `${signal}: ${reasons}`);
    await context.close();
  }
});

test("the API: queued calls before boot, on(), the jobwise:decision event and the dataLayer push", async () => {
  // The wasm is in the script: boot waits for the rules, here by URL and late.
  const { page, context } = await open(env, "/test/runtime.html", {
    init: `
      window.__seen = { on: [], events: [] };
      document.addEventListener("jobwise:decision", (e) => __seen.events.push(e.detail.job));
      document.addEventListener("DOMContentLoaded", () => {
        __seen.early = jobwise.decision();
        jobwise.on("decision", (d) => __seen.on.push(d.job));
        jobwise.track("trip-planner");
      });`,
    route: async (p) => {
      await p.route("**/test/runtime.html", async (r) => {
        const body = (await (await r.fetch()).text()).replace('data-rules="#jobwise-rules"', 'data-rules="/test/rules.json"');
        await r.fulfill({ contentType: "text/html", body });
      });
      await p.route("**/test/rules.json", async (r) => {
        await new Promise((ok) => setTimeout(ok, 400));
        await r.continue();
      });
    },
  });
  await ready(page);
  await page.waitForFunction(() => jobwise.decision().job === "travel");
  const seen = await page.evaluate(() => ({ ...__seen, layer: dataLayer.filter((e) => e.event) }));
  assert.equal(seen.early, null);
  assert.equal(seen.on.at(-1), "travel");
  assert.equal(seen.events.at(-1), "travel");
  assert.deepEqual(seen.layer.at(-1), { event: "jobwise_decision", jobwise_job: "travel", jobwise_stage: null, jobwise_holdout: false });
  await context.close();
});

test("a job inferred on one page carries to the next as evidence in memory", async () => {
  const page404 = readFileSync(new URL("../../www/test/body.html", import.meta.url), "utf8");
  const { page, context } = await open(env, "/test/travel-guide", {
    route: (p) => p.route("**/test/travel-guide", (r) => r.fulfill({ contentType: "text/html", body: page404 })),
  });
  assert.equal((await ready(page)).job, "travel");
  await page.goto(env.origin + "/test/runtime.html");
  const d = await ready(page);
  assert.equal(d.job, "travel");
  assert.ok(d.reasons.some((r) => r.signal === "memory"));
  await context.close();
});

test("revert() restores the page exactly and stops observing", async () => {
  const { page, context } = await open(env, "/test/runtime.html?jobwise-debug", { referer: GOOGLE_VIDEO });
  await ready(page);
  await page.waitForSelector("jobwise-debug", { state: "attached" });
  const same = await page.evaluate(async () => {
    const source = await (await fetch(location.href)).text();
    const original = new DOMParser().parseFromString(source, "text/html").querySelector("main").innerHTML;
    jobwise.revert();
    return {
      exact: document.querySelector("main").innerHTML === original,
      overlay: document.querySelector("jobwise-debug"),
      ready: document.documentElement.hasAttribute("data-jobwise-ready"),
    };
  });
  assert.deepEqual(same, { exact: true, overlay: null, ready: true });
  await page.click("#specs-link");
  await page.click("#pick-travel");
  assert.equal((await look(page, "#hero")).text, "Laptops for everyone");
  assert.equal(await page.evaluate(() => jobwise.decision().job), "video", "no decision after revert");
  await context.close();
});

test("the debug overlay's module arriving after revert() shows nothing", async () => {
  let release;
  const held = new Promise((ok) => (release = ok));
  const { page, context } = await open(env, "/test/runtime.html?jobwise-debug", {
    referer: GOOGLE_VIDEO,
    route: (p) => p.route("**/jobwise-debug.js", async (r) => (await held, r.continue())),
  });
  await ready(page);
  await page.evaluate(() => jobwise.revert());
  release();
  // The same URL is the same module: once the page has it, so has the SDK.
  await page.evaluate(() => import("/jobwise/jobwise-debug.js"));
  assert.equal(await page.evaluate(() => document.querySelector("jobwise-debug")), null);
  await context.close();
});

test("SPA navigation: the new path is a page signal, new slots get the plan, the layout's slots change", async () => {
  const { page, context, log } = await open(env, "/test/spa.html");
  assert.equal((await ready(page)).job, null);
  await page.click("#go-travel");
  await page.waitForFunction(() => jobwise.decision().job === "travel");
  assert.equal((await look(page, "#offer")).text, "Offer for travellers");
  assert.equal((await look(page, "#cta")).text, "See the light ones");
  assert.ok((await page.evaluate(() => jobwise.decision().reasons)).some((r) => r.signal === "page"));
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
});

test("no request beyond the page, its own scripts, the SDK's one file and the rules", async () => {
  for (const path of ["/test/runtime.html", "/test/body.html"]) {
    const { page, context, log } = await open(env, path, { referer: GOOGLE_VIDEO });
    await ready(page);
    await page.click("#specs-link");
    await page.evaluate(() => jobwise.track("trip-planner"));
    await page.waitForTimeout(300);
    const allowed = new Set([path, "/test/page.js", "/jobwise/jobwise.js", "/test/rules.json"]);
    const other = log.requests.filter((u) => !u.startsWith(env.origin) || !allowed.has(new URL(u).pathname));
    assert.deepEqual(other, []);
    await context.close();
  }
});

test("the visitor's device reaches the decision: a mobile viewport fires a device signal, a desktop one does not", async () => {
  const route = async (p) =>
    p.route("**/test/rules.json", async (r) => {
      const rules = await (await r.fetch()).json();
      rules.jobs.travel.signals.push({ device: "mobile", weight: 8 });
      await r.fulfill({ contentType: "application/json", body: JSON.stringify(rules) });
    });
  const mobile = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  const desktop = { viewport: { width: 1280, height: 800 } };
  for (const [contextOptions, job] of [[mobile, "travel"], [desktop, null]]) {
    const { page, context, log } = await open(env, "/test/body.html", { route, contextOptions });
    const d = await ready(page);
    assert.equal(d.job, job, `${contextOptions.viewport.width}px`);
    assert.equal(d.reasons.some((r) => r.signal.startsWith("device")), job !== null, JSON.stringify(d.reasons));
    assert.deepEqual([log.warnings, log.errors], [[], []]);
    await context.close();
  }
});

test("strict CSP (script-src 'self' 'wasm-unsafe-eval'): it runs, with no violation", async () => {
  const { page, context, log } = await open(env, "/test/csp.html", {
    referer: GOOGLE_VIDEO,
    init: `window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => __violations.push(e.violatedDirective));`,
  });
  assert.equal((await ready(page)).job, "video");
  assert.ok((await look(page, "#hero")).text.startsWith(VIDEO_HERO));
  assert.deepEqual(await page.evaluate(() => __violations), []);
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
});

test("jobwise.js carries dist/jobwise_bg.wasm byte for byte (CR swapped), as UTF-8 with a BOM", () => {
  const dist = new URL("../../dist/", import.meta.url);
  const js = readFileSync(new URL("jobwise.js", dist), "utf8");
  assert.equal(js[0], "\ufeff");
  // The one template literal that starts with the wasm magic; only \\,
  // \`, \r and \${ are escaped.
  const literal = wasmLiteral(js);
  assert.ok(literal.match(/\\./g).every((e) => ["\\\\", "\\`", "\\r", "\\$"].includes(e)), "no other escape");
  const text = literal.slice(1, -1).replace(/\\(.)/g, (_, c) => (c === "r" ? "\r" : c));
  assert.ok([...text].every((c) => c.charCodeAt(0) < 256), "one char per byte");
  // CR (wasm's br_if) and one rare plain char swapped both ways; the
  // browser tests show js/script-tag.js swaps them back.
  const wasm = readFileSync(new URL("jobwise_bg.wasm", dist));
  const partner = text.charCodeAt(wasm.indexOf(13));
  assert.ok(partner >= 32 && partner < 127, `CR carried as a plain char, not ${partner}`);
  assert.ok(wasm.includes(partner), "its partner occurs in the wasm too (then carried as CR)");
  const swapped = wasm.map((b) => (b === 13 ? partner : b === partner ? 13 : b));
  assert.ok(Buffer.from(text, "latin1").equals(swapped));
});

test("Chromium compiles jobwise.js eagerly, off the main thread (the compile hint)", async () => {
  // Counted, not timed: the functions V8 parses lazily on the main thread
  // while jobwise.js runs before first paint. Without the hint they were
  // 14 on this page (41, 3.1 ms, on the bench page); with it, 3.
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const done = new Promise((ok) => cdp.once("Tracing.tracingComplete", ok));
  await cdp.send("Tracing.start", {
    traceConfig: { includedCategories: ["devtools.timeline", "disabled-by-default-v8.compile"] },
    transferMode: "ReportEvents",
  });
  await page.goto(`${env.origin}/test/body.html`, { referer: GOOGLE_VIDEO });
  assert.equal((await ready(page)).job, "video");
  await cdp.send("Tracing.end");
  await done;
  await context.close();
  const runs = events.filter(
    (e) => e.ph === "X" && ["EvaluateScript", "FunctionCall"].includes(e.name) && /\/jobwise\.js$/.test(e.args?.data?.url ?? ""),
  );
  const during = (e) => runs.some((r) => r.pid === e.pid && r.tid === e.tid && e.ts >= r.ts && e.ts < r.ts + r.dur);
  assert.ok(runs.some((r) => r.name === "EvaluateScript"), "jobwise.js evaluated");
  const lazy = events.filter((e) => e.name === "V8.ParseFunction" && during(e)).length;
  assert.ok(lazy <= 6, `${lazy} functions of jobwise.js parsed lazily on the main thread`);
});

test("without Uint8Array.fromBase64 the fallback loop decodes the same wasm", async () => {
  const { page, context, log } = await open(env, "/test/body.html", {
    referer: GOOGLE_VIDEO,
    init: "delete Uint8Array.fromBase64;",
  });
  assert.equal(await page.evaluate(() => typeof Uint8Array.fromBase64), "undefined");
  assert.equal((await ready(page)).job, "video");
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
});

test("a windows-1251 page and jobwise.js served without a charset: the BOM keeps the wasm intact", async () => {
  const { page, context, log } = await open(env, "/test/body.html", {
    referer: GOOGLE_VIDEO,
    route: async (p) => {
      await p.route("**/test/body.html", async (r) => {
        const body = (await (await r.fetch()).text()).replace('<meta charset="utf-8">', '<meta charset="windows-1251">');
        await r.fulfill({ contentType: "text/html; charset=windows-1251", body });
      });
      await p.route("**/jobwise/jobwise.js", async (r) => {
        await r.fulfill({ contentType: "text/javascript", body: await (await r.fetch()).body() });
      });
    },
  });
  assert.equal(await page.evaluate(() => document.characterSet), "windows-1251");
  assert.equal((await ready(page)).job, "video");
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
});

test("the built SDK has no eval or new Function, and the snippet is under 400 bytes", () => {
  const dist = new URL("../../dist/", import.meta.url);
  const js = readFileSync(new URL("jobwise.js", dist), "utf8");
  assert.doesNotMatch(js, /\beval\s*\(|new\s+Function\b|\bFunction\s*\(/);
  assert.ok(readFileSync(new URL("snippet.html", dist)).length < 400);
});
