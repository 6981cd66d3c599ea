// Runs the landing page's variants in Debian's Chromium (playwright-core),
// one fresh browser context per run, interleaved: round r runs the
// variants rotated by r, so drift on this shared machine hits all alike.
// Per run: the probe's in-page timings, plus JS heap after GC and bytes
// transferred (Chrome DevTools Protocol).
import { chromium } from "playwright-core";
import { finalState, probe, settled } from "./probe.mjs";
import { PERSONAL, UTM_TERM } from "./page.mjs";

export const CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Network and CPU conditions. Slow 4G as Lighthouse's DevTools throttling: 562.5 ms latency, 1.47 Mbit/s down. */
export const PROFILES = {
  fast: { label: "no throttling", network: null, cpu: 1, settle: 300, cap: 8000 },
  slow4g: {
    label: "slow 4G + 4× CPU",
    network: { offline: false, latency: 562.5, downloadThroughput: (1474.56 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 },
    cpu: 4,
    settle: 800,
    cap: 30000,
  },
};

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROME || "/usr/bin/chromium", args: CHROME_ARGS });
}

/** One page load of `path` under `profile`; returns the run's measurements. */
export async function runOnce(browser, origin, path, profile) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    await context.addInitScript(probe, PERSONAL.ctaHref);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    let requests = 0;
    cdp.on("Network.loadingFinished", (e) => {
      bytes += e.encodedDataLength;
      requests += 1;
    });
    await cdp.send("Network.enable");
    if (profile.network) await cdp.send("Network.emulateNetworkConditions", profile.network);
    if (profile.cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
    const url = `${origin}${path}?utm_term=${encodeURIComponent(UTM_TERM).replaceAll("%20", "+")}`;
    await page.goto(url, { waitUntil: "load", timeout: profile.cap });
    const quiet = await page
      .waitForFunction(settled, profile.settle, { timeout: profile.cap, polling: 100 })
      .then(() => true, () => false);
    const state = await page.evaluate(finalState);
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    return { ...state, quiet, heap: usedSize, bytes, requests };
  } finally {
    await context.close();
  }
}

/**
 * `rounds` interleaved rounds over `variants` (name → URL path).
 * Returns name → array of runs (index = round; null for a failed run).
 */
export async function runRounds(browser, origin, variants, profile, rounds, progress = () => {}) {
  const names = Object.keys(variants);
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      runs[name][r] = await runOnce(browser, origin, variants[name], profile).catch((e) => {
        console.warn(`bench: ${name}, round ${r + 1} failed: ${e.message.split("\n")[0]}`);
        return null;
      });
    }
    progress(r + 1, rounds);
  }
  return runs;
}
