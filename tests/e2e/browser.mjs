// Shared end-to-end plumbing: the demo server on a free loopback port and
// Debian's Chromium driven by playwright-core, a fresh context per page.
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const CHROME_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts the server and the browser; `close()` stops both. */
export async function launch() {
  const server = await serve(0);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME || "/usr/bin/chromium",
    args: CHROME_ARGS,
  });
  return {
    origin: server.origin,
    browser,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/**
 * Opens `path` in a fresh context and records what the page did:
 * console warnings, uncaught errors and every request URL.
 */
export async function open(env, path, { referer, route, init, contextOptions, context: reuse } = {}) {
  const context = reuse || (await env.browser.newContext(contextOptions));
  const page = await context.newPage();
  const log = { warnings: [], errors: [], requests: [], dialogs: [] };
  page.on("console", (m) => m.type() === "warning" && log.warnings.push(m.text()));
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("request", (r) => log.requests.push(r.url()));
  page.on("dialog", (d) => {
    log.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  for (const script of [].concat(init || [])) await page.addInitScript(script);
  if (route) await route(page);
  await page.goto(env.origin + path, referer ? { referer } : {});
  return { page, context, log };
}

/** The fixture pages' data-timeout (www/test/*.html): slots show by then. */
export const TIMEOUT = 2000;

/** Waits for the first decision (null when the SDK failed open). */
export function ready(page) {
  return page.evaluate(() => window.jobwise.ready);
}

/** Text and computed visibility/display of the element `sel`. */
export function look(page, sel) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const style = getComputedStyle(el);
    return {
      text: el.textContent.trim(),
      visible: style.visibility === "visible" && style.display !== "none",
      display: style.display,
      height: el.getBoundingClientRect().height,
    };
  }, sel);
}
