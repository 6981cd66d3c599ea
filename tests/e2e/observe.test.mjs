// js/observe.js on its own in Chromium (www/test/observe.html): what each
// observer reports to its sink, and that stopping removes everything. The
// SDK wired to the wasm is tested end to end in runtime.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, open } from "./browser.mjs";

const SOURCE = readFileSync(new URL("../../js/observe.js", import.meta.url), "utf8");

let env;
before(async () => (env = await launch()));
after(() => env.close());

/** The fixture page with the module loaded (`window.observeJs`). */
async function fixture(options = {}) {
  const route = (page) =>
    page.route("**/js/observe.js", (r) => r.fulfill({ contentType: "text/javascript", body: SOURCE }));
  const opened = await open(env, "/test/observe.html", { route, ...options });
  await opened.page.waitForFunction(() => window.observeJs);
  return opened;
}

/**
 * Starts observe() in the page on `wanted` ([clicks, dwell, scroll], as
 * `host.want` fills it) with a sink that records each report (kind,
 * text, number: the wasm's `event`) in `window.seen`, and a
 * guard that records what it caught in `window.caught`.
 */
function start(page, wanted) {
  return page.evaluate((wanted) => {
    window.seen = [];
    window.caught = [];
    const sink = (kind, text, number) => seen.push([kind, text, number]);
    const guard = (f) =>
      function (...args) {
        try {
          return f.apply(this, args);
        } catch (e) {
          caught.push(String(e));
        }
      };
    window.stop = observeJs.observe(wanted, sink, guard);
  }, wanted);
}

const seen = (page) => page.evaluate(() => window.seen);

test("clicks report rule selectors and picks only, several hits as one moment, none after stop", async () => {
  const { page, context, log } = await fixture();
  await page.evaluate(() => {
    document.getElementById("root").innerHTML =
      '<a id="loft" class="lofts"><span>Lofts</span></a><button data-jobwise-pick="photo"><i>Me</i></button><p>x</p>';
  });
  await start(page, [[[".lofts", 0], ["#nowhere", 0], ["main a", 0]], [], []]);
  const click = (sel) => page.evaluate((sel) => document.querySelector(sel).click(), sel);
  await click("#loft span");
  await click("button i");
  await click("p");
  assert.deepEqual(await seen(page), [
    [0, ".lofts", 1],
    [0, "main a", 0],
    [5, "photo", 0],
  ]);
  await page.evaluate(() => stop());
  await click("#loft span");
  await click("button i");
  assert.equal((await seen(page)).length, 3, "removed on stop");
  assert.deepEqual([log.errors, await page.evaluate(() => caught)], [[], []]);
  await context.close();
});

test("site search: trimmed, cut to 256 characters, once per distinct text, on change and on submit", async () => {
  const { page, context } = await fixture();
  await page.evaluate(() => {
    document.getElementById("root").innerHTML =
      '<form onsubmit="return false"><input name="q"><button>Go</button></form><input name="other"><input type="search" id="s">';
  });
  await start(page, [[], [], []]);
  await page.fill("input[name=q]", "  premiere pro  ");
  await page.press("input[name=q]", "Tab");
  await page.fill("input[name=other]", "not a search");
  await page.press("input[name=other]", "Tab");
  await page.click("form button");
  await page.fill("input[name=q]", "lightroom");
  await page.click("form button");
  const long = "й".repeat(300) + "😀";
  await page.fill("#s", long);
  await page.press("#s", "Tab");
  assert.deepEqual(await seen(page), [
    [3, "premiere pro", 0],
    [3, "lightroom", 0],
    [3, "й".repeat(256), 0],
  ]);
  await context.close();
});

/** Past the bottom of any page. */
const document_end = 100000;

test("scroll depth: reported when it passes a mark, once per mark and path", async () => {
  const { page, context } = await fixture({ contextOptions: { viewport: { width: 800, height: 600 } } });
  await start(page, [[], [], [["", 10], ["", 90]]]);
  const scroll = async (y) => {
    await page.evaluate((y) => scrollTo(0, y), y);
    await page.waitForTimeout(100);
  };
  await scroll(100);
  await scroll(50);
  await scroll(200);
  await scroll(document_end);
  await scroll(0);
  await page.evaluate(() => history.pushState(null, "", "/test/next"));
  await scroll(document_end);
  const got = await seen(page);
  const scrolls = got.filter((e) => e[0] === 2).map(([, path, percent]) => [path, Math.round(percent)]);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.deepEqual(scrolls, [
    ["/test/observe.html", Math.round(((100 + 600) / height) * 100)],
    ["/test/observe.html", 100],
    ["/test/next", 100],
  ]);
  await context.close();
});
test("SPA navigation: pushState, replaceState and popstate report a changed path; stop unwraps history", async () => {
  const { page, context } = await fixture();
  const native = await page.evaluate(() => ((window.push = history.pushState), 0));
  assert.equal(native, 0);
  await start(page, [[], [], []]);
  await page.evaluate(() => {
    history.pushState(null, "", "/test/a");
    history.replaceState(null, "", "/test/a?x=1");
    history.replaceState(null, "", "/test/b");
  });
  await page.evaluate(() => new Promise((ok) => (addEventListener("popstate", ok, { once: true }), history.back())));
  assert.deepEqual(await seen(page), [
    [6, "/test/a", 0],
    [6, "/test/b", 0],
    [6, "/test/observe.html", 0],
  ]);
  const restored = await page.evaluate(() => {
    stop();
    history.pushState(null, "", "/test/c");
    return history.pushState === window.push;
  });
  assert.equal(restored, true);
  assert.equal((await seen(page)).length, 3);
  await context.close();
});

test("dwell: seconds in the viewport, once per selector, content added later found within a second", async () => {
  const { page, context } = await fixture();
  await page.evaluate(() => {
    document.getElementById("root").innerHTML = '<p id="here">here</p><p class="far" style="margin-top:5000px">far</p>';
  });
  await start(page, [[], [["#here", 0.3], [".far", 0.1], [".late", 0.2]], []]);
  await page.waitForFunction(() => seen.length === 1, null, { timeout: 3000 });
  await page.evaluate(() => {
    const p = document.createElement("p");
    p.className = "late";
    p.textContent = "late";
    document.getElementById("root").prepend(p);
  });
  await page.waitForFunction(() => seen.length === 2, null, { timeout: 3000 });
  await page.waitForTimeout(500);
  const got = await seen(page);
  assert.deepEqual(
    got.map(([kind, sel]) => [kind, sel]),
    [
      [1, "#here"],
      [1, ".late"],
    ],
    ".far is never in view",
  );
  assert.ok(got[0][2] >= 0.25 && got[0][2] < 2, `seconds ${got[0][2]}`);
  assert.ok(got[1][2] >= 0.15, `seconds ${got[1][2]}`);
  await context.close();
});

test("dwell: time out of view does not count, and nothing is reported after stop", async () => {
  const { page, context } = await fixture({ contextOptions: { viewport: { width: 800, height: 600 } } });
  await page.evaluate(() => {
    document.getElementById("root").innerHTML = '<p id="a">a</p><p id="b">b</p>';
  });
  await start(page, [[], [["#a", 0.6], ["#b", 1]], []]);
  await page.waitForTimeout(300);
  await page.evaluate(() => scrollTo(0, 2000));
  await page.waitForTimeout(700);
  assert.deepEqual(await seen(page), [], "0.3 s in view is not 0.6 s");
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForFunction(() => seen.length === 1, null, { timeout: 3000 });
  assert.deepEqual((await seen(page))[0].slice(0, 2), [1, "#a"]);
  assert.ok((await seen(page))[0][2] >= 0.55);
  await page.evaluate(() => stop());
  await page.waitForTimeout(1000);
  assert.equal((await seen(page)).length, 1, "#b's timer does nothing after stop");
  await context.close();
});

test("a failing sink is caught by the guard", async () => {
  const { page, context, log } = await fixture();
  await page.evaluate(() => {
    document.getElementById("root").innerHTML = '<button data-jobwise-pick="">x</button>';
    window.caught = [];
    const guard = (f) => (...args) => {
      try {
        return f(...args);
      } catch (e) {
        caught.push(String(e));
      }
    };
    const sink = () => {
      throw new Error("boom");
    };
    observeJs.observe([[], [], []], sink, guard);
    document.querySelector("button").click();
  });
  assert.deepEqual([await page.evaluate(() => caught), log.errors], [["Error: boom"], []]);
  await context.close();
});

test("device classes: the viewport's width and the pointer, and the local hour and weekday", async () => {
  const cases = [
    [{ width: 500, height: 800 }, false, 2],
    [{ width: 599, height: 800 }, false, 2],
    [{ width: 600, height: 800 }, false, 0],
    [{ width: 1000, height: 800 }, false, 0],
    [{ width: 1000, height: 800 }, true, 1],
    [{ width: 500, height: 800 }, true, 2],
    [{ width: 1200, height: 800 }, true, 0],
  ];
  for (const [viewport, touch, device] of cases) {
    const { page, context } = await fixture({ contextOptions: { viewport, hasTouch: touch, isMobile: touch } });
    const got = await page.evaluate(() => {
      const d = new Date();
      return {
        packed: observeJs.context(),
        hour: d.getHours(),
        weekday: (d.getDay() + 6) % 7,
        coarse: matchMedia("(pointer:coarse)").matches,
        width: innerWidth,
      };
    });
    assert.equal(got.coarse, touch, `${viewport.width} ${touch}: coarse pointer`);
    assert.equal(got.packed >> 8, device, `${viewport.width} (${got.width}) ${touch}: device`);
    assert.equal((got.packed >> 3) & 31, got.hour);
    assert.equal(got.packed & 7, got.weekday);
    assert.ok(got.hour < 24 && got.weekday < 7);
    await context.close();
  }
});
