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
export async function open(env, path, { referer, route, contextOptions } = {}) {
  const context = await env.browser.newContext(contextOptions);
  const page = await context.newPage();
  const log = { warnings: [], errors: [], requests: [] };
  page.on("console", (m) => m.type() === "warning" && log.warnings.push(m.text()));
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("request", (r) => log.requests.push(r.url()));
  if (route) await route(page);
  await page.goto(env.origin + path, referer ? { referer } : {});
  return { page, context, log };
}
