// `make bench` (after `make build`): issue 7's three benchmarks, side by
// side with GrowthBook 1.8.
//   1. size: dist/jobwise.js, which carries the wasm, the wasm alone and
//      the JS alone (raw, gzip -9, brotli -q 11), GrowthBook's
//      script-tag build, the wasm by section / crate / function, and
//      opt-level z against s;
//   2. browser: the landing page with no SDK, a hand-written head script,
//      Jobwise, GrowthBook sync and async, interleaved, unthrottled and at
//      slow 4G + 4× CPU;
//   3. native: `cargo bench --bench decide` when it exists.
// Writes target/bench/report.{md,json} and runs.json, prints the summary
// and puts it into README.md. BENCH_RUNS (default 15) sets the rounds.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { join } from "node:path";
import { launchBrowser, PROFILES, runOnce, runRounds } from "./browser/harness.mjs";
import { GB_VERSION, growthbookBundle } from "./browser/growthbook.mjs";
import { PERSONAL, pages } from "./browser/page.mjs";
import { serveFiles } from "./browser/server.mjs";
import { summarize } from "./browser/stats.mjs";
import { nativeBench } from "./native.mjs";
import { optBuilds } from "./optlevel.mjs";
import { jsonReplacer, markdown, summary, updateReadme } from "./report.mjs";
import { budget, compressed, root, sdkSizes } from "./size.mjs";
import { breakdown, namedBuild, sdkOptFlags } from "./wasm-breakdown.mjs";

const out = join(root, "target/bench");
mkdirSync(out, { recursive: true });
const rounds = Math.max(1, Number(process.env.BENCH_RUNS) || 15);
const MAIN = ["none", "handwritten", "jobwise", "jobwise-t3000", "growthbook-sync", "growthbook-async"];
const OPT = ["jobwise-opt-z", "jobwise-opt-s"];
const log = (msg) => console.log(`bench: ${msg}`);
const load = loadavg()[0].toFixed(1);

// 1. Size
log("size");
const gbBundle = growthbookBundle(join(out, "gb"));
const named = namedBuild(root, join(root, "target/sdk/wasm32-unknown-unknown/release/jobwise.wasm"), join(out, "named"), sdkOptFlags());
const size = {
  sdk: sdkSizes(),
  budget: budget().brotli,
  growthbook: compressed(gbBundle),
  breakdown: breakdown(named, join(root, "dist/jobwise_bg.wasm")),
};
const opt = await optBuilds(root);

// 2. Browser
const files = { "/gb/auto.min.js": gbBundle };
for (const [name, html] of Object.entries(pages(readFileSync(join(root, "dist/snippet.html"), "utf8")))) files[`/bench/${name}.html`] = html;
for (const [prefix, dir] of [["/jobwise/", join(root, "dist")], ["/opt-z/", opt.dirs.z], ["/opt-s/", opt.dirs.s]]) {
  files[`${prefix}jobwise.js`] = readFileSync(join(dir, "jobwise.js"));
}
const server = await serveFiles(files);
const browser = await launchBrowser();
const paths = (names) => Object.fromEntries(names.map((n) => [n, `/bench/${n}.html`]));
const progress = (label) => (done, total) => {
  if (process.stdout.isTTY) process.stdout.write(`\rbench: browser, ${label}: round ${done}/${total}${done === total ? "\n" : ""}`);
  else if (done === total) log(`browser, ${label}: ${total} rounds done`);
};
const runs = {};
const profiles = {};
try {
  for (const name of [...MAIN, ...OPT]) await runOnce(browser, server.origin, `/bench/${name}.html`, PROFILES.fast); // warm-up, discarded
  for (const [key, profile] of Object.entries(PROFILES)) {
    runs[key] = await runRounds(browser, server.origin, paths(MAIN), profile, rounds, progress(profile.label));
    const variants = Object.fromEntries(MAIN.map((n) => [n, summarize(runs[key][n], runs[key], PERSONAL)]));
    profiles[key] = { label: profile.label, rounds, variants };
  }
  runs.opt = await runRounds(browser, server.origin, paths(OPT), PROFILES.fast, rounds, progress("opt-level z vs s"));
} finally {
  await browser.close().catch(() => {});
  server.close();
}
const chromium = browser.version();
const optLevel = { configured: opt.configured, rounds, levels: {} };
for (const level of ["z", "s"]) {
  const sizes = sdkSizes(opt.dirs[level]);
  const s = summarize(runs.opt[`jobwise-opt-${level}`], {}, PERSONAL);
  optLevel.levels[level] = { ...sizes, sdkWorkMs: s.sdkWorkMs, personalizedMs: s.personalizedMs };
}

// 3. Native
log("native");
const native = nativeBench(root);

const report = {
  date: new Date().toISOString().slice(0, 10),
  machine: {
    cpu: cpus()[0].model.trim(),
    cores: cpus().length,
    memGB: Math.round(totalmem() / 2 ** 30),
    load: `${load} → ${loadavg()[0].toFixed(1)}`,
    os: `${type()} ${release()}`,
    node: process.version,
    chromium,
  },
  growthbookVersion: GB_VERSION,
  size,
  optLevel,
  browser: { profiles },
  native,
};
writeFileSync(join(out, "report.json"), JSON.stringify(report, jsonReplacer, 2));
writeFileSync(join(out, "runs.json"), JSON.stringify(runs));
writeFileSync(join(out, "report.md"), markdown(report));
const text = summary(report);
updateReadme(join(root, "README.md"), text);
console.log(`\n${text}\n\nbench: wrote target/bench/report.md, report.json, runs.json and README.md's bench section`);
