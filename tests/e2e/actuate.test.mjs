// js/actuate.js alone in Chromium: each kind of change and an exact
// revert, stages, the viewport rule, the snippet, the re-render budget
// (a plan is what js/sdk.js hands it: a decision's job, stage and terms
// with the rules' content).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, open } from "./browser.mjs";

const SOURCE = readFileSync(new URL("../../js/actuate.js", import.meta.url), "utf8");
const REAPPLY_PER_SECOND = Number(/REAPPLY_PER_SECOND = (\d+)/.exec(SOURCE)[1]);

let env;
before(async () => (env = await launch()));
after(() => env.close());

/**
 * Runs `body(T)` in the fixture page (the module served at /js/actuate.js)
 * and returns its result. `T.setup()` puts a fresh PAGE at the top of the
 * body and returns `[root, actuator]`; `T.plan(job, stage)` is a plan for
 * the cta content below; `T.text(root, sel)` an element's text.
 */
async function run(body) {
  const { page, context, log } = await open(env, "/test/actuate.html", {
    route: (page) =>
      page.route("**/js/actuate.js", (r) =>
        r.fulfill({ body: SOURCE, contentType: "text/javascript; charset=utf-8" }),
      ),
  });
  await page.waitForFunction(() => window.actuate);
  const out = await page.evaluate(`(async () => {
    const A = window.actuate;
    const PAGE = '<section data-jobwise-slot="hero"><h1>Default</h1>' +
      '<template data-jobwise-variant="photo family@compare"><h1>Light</h1><p>North</p></template>' +
      '<template data-jobwise-variant="family"><h1>Metro</h1></template></section>' +
      '<a data-jobwise-slot="cta" href="/tour">Book <b>now</b></a>' +
      '<p data-jobwise-show="photo">Studio</p><p data-jobwise-hide="photo" style="color: red">Spring</p>' +
      '<span data-jobwise-insert="terms">a flat</span>';
    const T = {
      A,
      setup() {
        const root = document.createElement("div");
        root.innerHTML = PAGE;
        document.body.insertBefore(root, document.body.firstChild);
        const a = A.actuator({ parsed: () => true, guard: (f) => f, ready() {} });
        return [root, a];
      },
      plan: (job, stage = null) => ({
        job,
        stage,
        terms: "flat <b>with</b> light",
        content: {
          cta: {
            photo: { text: "See <i>lofts</i>", href: "/lofts", title: "Lofts" },
            "family@compare": { text: "Compare" },
            family: { text: "Homes" },
          },
        },
      }),
      none: { job: null },
      text: (root, sel) => root.querySelector(sel).textContent,
    };
    return (${body})(T);
  })()`);
  assert.deepEqual([log.warnings, log.errors], [[], []]);
  await context.close();
  return out;
}

test("a plan changes each kind of element and revert restores the exact DOM", async () => {
  const r = await run((T) => {
    const [root, a] = T.setup();
    const before = root.innerHTML;
    a.set(T.plan("photo"), T.A.FREE);
    const cta = root.querySelector("a");
    const hide = root.querySelector("[data-jobwise-hide]");
    const got = {
      section: T.text(root, "section"),
      cta: [cta.textContent, cta.getAttribute("href"), cta.getAttribute("title")],
      shown: !!root.querySelector("[data-jobwise-shown]"),
      hidden: hide.getAttribute("style"),
      terms: T.text(root, "span"),
      fromData: root.querySelectorAll("b, i").length,
    };
    a.revert();
    got.same = root.innerHTML.replaceAll(' data-jobwise-done=""', "") == before;
    got.ready = document.documentElement.hasAttribute("data-jobwise-ready");
    return got;
  });
  assert.equal(r.section, "LightNorth");
  assert.deepEqual(r.cta, ["See <i>lofts</i>", "/lofts", "Lofts"], "text, never HTML");
  assert.ok(r.shown);
  assert.match(r.hidden, /display: none !important/);
  assert.equal(r.terms, "flat <b>with</b> light");
  assert.equal(r.fromData, 0, "no element from data");
  assert.ok(r.same, "revert restores the exact DOM");
  assert.ok(r.ready, "revert reveals");
});

test("href goes only on a link and src only on an image", async () => {
  const r = await run((T) => {
    const root = document.createElement("div");
    root.innerHTML =
      '<p data-jobwise-slot="x">P</p><a data-jobwise-slot="x" href="/a">A</a><img data-jobwise-slot="x" src="/a.png" alt="">';
    document.body.prepend(root);
    const a = T.A.actuator({ parsed: () => true, guard: (f) => f, ready() {} });
    a.set({ job: "j", stage: null, terms: null, content: { x: { j: { href: "/b", src: "/b.png", alt: "B" } } } }, 0);
    return [...root.children].map((el) => [el.getAttribute("href"), el.getAttribute("src"), el.getAttribute("alt")]);
  });
  assert.deepEqual(r, [
    [null, null, "B"],
    ["/b", null, "B"],
    [null, "/b.png", "B"],
  ]);
});

test("every attribute a plan sets is watched", async () => {
  const filter = await run((T) => T.A.WATCH.attributeFilter);
  for (const name of ["href", "title", "aria-label", "alt", "src", "style", "data-jobwise-shown"]) {
    assert.ok(filter.includes(name), name);
  }
});

test("ranks job and job at stage", async () => {
  const r = await run((T) => [
    T.A.rank("photo family", "family", null),
    T.A.rank("photo family@compare", "family", "compare"),
    T.A.rank("family@compare", "family", null),
    T.A.rank("family@compare", "family", "ready"),
    T.A.rank("photography", "photo", null),
    T.A.rank(" photo\tfamily ", "family", null),
  ]);
  assert.deepEqual(r, [1, 2, 0, 0, 0, 1]);
});

test("stage variants win and another job brings the default back", async () => {
  const r = await run((T) => {
    const [root, a] = T.setup();
    const out = [];
    a.set(T.plan("family", "compare"), T.A.FREE);
    out.push(T.text(root, "section"), T.text(root, "a"));
    a.set(T.plan("family", "other"), T.A.FREE);
    out.push(T.text(root, "section"), T.text(root, "a"));
    a.set(T.plan("family"), T.A.FREE);
    out.push(T.text(root, "section"), T.text(root, "a"));
    a.set(T.plan("toString"), T.A.FREE);
    out.push(T.text(root, "a"));
    a.set(T.none, T.A.FREE);
    out.push(T.text(root, "section"), T.text(root, "span"), root.querySelectorAll("template").length);
    a.revert();
    return out;
  });
  assert.deepEqual(
    r,
    ["LightNorth", "Compare", "Metro", "Homes", "Metro", "Homes", "Book now", "Default", "a flat", 2],
    "family@compare beats family (templates and content); a job without content keeps the default; templates stay",
  );
});

test("an element in view waits unless forced", async () => {
  const r = await run((T) => {
    const [root, a] = T.setup();
    a.set(T.none, T.A.FREE);
    a.set(T.plan("photo"), T.A.CAREFUL);
    const careful = T.text(root, "section");
    a.set(T.plan("photo"), 2);
    return [careful, T.text(root, "section")];
  });
  assert.deepEqual(r, ["Default", "LightNorth"], "in view: pending, then forced");
});

test("an element waiting in view changes once it leaves the viewport", async () => {
  const r = await run(async (T) => {
    const [root, a] = T.setup();
    a.set(T.none, T.A.FREE);
    a.set(T.plan("photo"), T.A.CAREFUL);
    const waiting = T.text(root, "section");
    await new Promise(requestAnimationFrame);
    scrollTo(0, 2000);
    for (let i = 0; i < 50 && T.text(root, "section") == "Default"; i++) await new Promise(requestAnimationFrame);
    return [waiting, T.text(root, "section")];
  });
  assert.deepEqual(r, ["Default", "LightNorth"]);
});

test("a slot the snippet still hides changes in view", async () => {
  const r = await run((T) => {
    const snippet = document.createElement("style");
    snippet.textContent = "[data-jobwise-slot]:not([data-jobwise-done]){visibility:hidden}";
    document.body.append(snippet);
    const [root, a] = T.setup();
    a.set(T.plan("photo"), T.A.CAREFUL);
    return [T.text(root, "section"), T.text(root, "span")];
  });
  assert.deepEqual(r, ["LightNorth", "a flat"], "hidden by the snippet: nobody sees the swap; visible and in view: pending");
});

test("a framework re-render is re-applied within the budget, then given up", async () => {
  const [reapplied, last] = await run((T) => {
    const [root, a] = T.setup();
    a.set(T.plan("photo"), T.A.FREE);
    const slot = root.querySelector("section");
    let reapplied = 0;
    for (let i = 0; i < 10; i++) {
      slot.innerHTML = "<h1>Framework</h1>";
      a.mutated(a.watch.takeRecords());
      if (slot.textContent != "Framework") reapplied++;
    }
    return [reapplied, slot.textContent];
  });
  assert.ok(reapplied >= 1 && reapplied < REAPPLY_PER_SECOND + 1, String(reapplied));
  assert.equal(last, "Framework", "given up: the framework's content stays");
});
