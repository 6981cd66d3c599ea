// Renders the bench results (target/bench/report.json) as Markdown: the
// full report (target/bench/report.md) and the summary that `make bench`
// prints and writes into README.md between the bench markers.
import { readFileSync, writeFileSync } from "node:fs";
import { SHIPPED, WASM_ALONE, sizeTable } from "./size.mjs";

const VARIANTS = ["none", "handwritten", "jobwise", "jobwise-t3000", "growthbook-sync", "growthbook-async"];
const TITLES = {
  none: "no SDK",
  handwritten: "hand-written",
  jobwise: "Jobwise",
  "jobwise-t3000": "Jobwise, timeout 3000",
  "growthbook-sync": "GrowthBook sync",
  "growthbook-async": "GrowthBook async",
};

// Infinity (a run that never got there) is "never" in report.json, which has no Infinity.
const never = (x) => x === Infinity || x === "never";
export const jsonReplacer = (_, v) => (v === Infinity ? "never" : v);
const int = (x) => (x == null ? "—" : never(x) ? "never" : Math.round(x).toLocaleString("en"));
const ratio = (x) => (x == null ? "—" : never(x) ? "never" : `${x.toFixed(2)}×`);
const cls = (x) => (x == null ? "—" : x === 0 ? "0" : x.toFixed(3));
const ms = (x) => (x == null || never(x) ? int(x) : `${int(x)} ms`);

function row(label, variants, cell) {
  return `| ${label} | ${VARIANTS.map((v) => (variants[v] ? cell(variants[v], v) : "—")).join(" | ")} |`;
}

/** One table per network profile: variants as columns. */
function browserTable(profile) {
  const v = profile.variants;
  const n = profile.rounds;
  return [
    `| median of ${n} runs | ${VARIANTS.map((x) => TITLES[x]).join(" | ")} |`,
    `|---|${VARIANTS.map(() => "---:").join("|")}|`,
    row("navigation → personalized hero painted, ms (never: not in most runs)", v, (s, name) => (name === "none" ? "—" : int(s.personalizedMs))),
    row("… paired ratio to hand-written", v, (s, name) => (name === "none" ? "—" : ratio(s.personalizedVsFloor))),
    row("navigation → Jobwise ready (applied or gave up), ms", v, (s, name) => (name.startsWith("jobwise") ? int(s.sdkReadyMs) : "—")),
    row("all three changes made (runs)", v, (s, name) => (name === "none" ? "—" : `${s.personalizedRuns}/${s.runs}`)),
    row("first contentful paint, ms", v, (s) => int(s.fcpMs)),
    row("… paired ratio to no SDK", v, (s) => ratio(s.fcpVsNone)),
    row("default painted (runs)", v, (s, name) => (name === "none" ? "always" : `${s.defaultPaintedRuns}/${s.runs}`)),
    row("… then swapped: flicker (runs)", v, (s, name) => (name === "none" ? "—" : `${s.flickerRuns}/${s.runs}`)),
    row("layout shift, median / max", v, (s) => `${cls(s.clsMedian)} / ${cls(s.clsMax)}`),
    row("JS heap after GC, KB", v, (s) => int(s.heapKB)),
    row("wasm memory, KB", v, (s) => int(s.wasmMemoryKB)),
    row("bytes transferred (requests)", v, (s) => `${int(s.bytes)} (${s.requests})`),
    ...(Object.values(v).some((s) => s.failedRuns) ? [row("failed runs (left out)", v, (s) => String(s.failedRuns))] : []),
  ].join("\n");
}

const mark = (ok) => (ok ? "met" : "**missed**");

/** The targets for Jobwise under one profile. */
function targets(profile) {
  const jw = profile.variants.jobwise;
  const gb = profile.variants["growthbook-sync"];
  if (!jw) return "";
  return [
    `- navigation → personalized ≤ GrowthBook sync's median (${ms(gb?.personalizedMs)}): ${ms(jw.personalizedMs)}, ${mark(typeof jw.personalizedMs === "number" && typeof gb?.personalizedMs === "number" && jw.personalizedMs <= gb.personalizedMs)}`,
    `- ≤ 1.3× the hand-written floor: ${ratio(jw.personalizedVsFloor)}, ${mark(jw.personalizedVsFloor != null && jw.personalizedVsFloor <= 1.3)}`,
    `- first contentful paint ≤ 1.05× no SDK: ${ratio(jw.fcpVsNone)}, ${mark(jw.fcpVsNone != null && jw.fcpVsNone <= 1.05)}`,
    `- default never painted: ${jw.defaultPaintedRuns}/${jw.runs} runs painted it, ${mark(jw.defaultPaintedRuns === 0)}`,
    `- layout shift 0: max ${cls(jw.clsMax)}, ${mark(jw.clsMax === 0)}`,
  ].join("\n");
}

function machineLine(r) {
  const m = r.machine;
  return `Measured ${r.date} on ${m.cpu} (${m.cores} cores, ${m.memGB} GB, load ${m.load}), ${m.os}, node ${m.node}, Chromium ${m.chromium}; ` +
    `${r.browser.profiles.fast.rounds} interleaved runs per variant and profile, a fresh browser context each.`;
}

function sizeLine(r) {
  const s = r.size;
  const t = s.sdk[SHIPPED];
  const gb = s.growthbook;
  const parts = Object.entries(s.sdk).filter(([name]) => name !== SHIPPED).map(([name, x]) => `${name} ${x.brotli.toLocaleString("en")}`);
  return `Size, brotli -q 11: **Jobwise ${t.brotli.toLocaleString("en")} B** (jobwise.js, which carries the wasm; ${parts.join(", ")}; ` +
    `gzip ${t.gzip.toLocaleString("en")}), budget ${s.budget.toLocaleString("en")} B; GrowthBook ${r.growthbookVersion} script-tag build ${gb.brotli.toLocaleString("en")} B (gzip ${gb.gzip.toLocaleString("en")}).\n\n` +
    `- done line, ≤ 32,000 B brotli: ${mark(t.brotli <= 32000)}\n- goal, smaller than GrowthBook: ${ratio(t.brotli / gb.brotli)} its size, ${mark(t.brotli < gb.brotli)}`;
}

/** The summary: README section and console output. */
export function summary(r) {
  const parts = [machineLine(r), "", sizeLine(r), "",
    "A 40-section landing page, three changes (hero, CTA text + href, a section hidden). Jobwise as SPEC §3 installs it (timeout 300 ms), " +
      "and with data-timeout 3000 to show the SDK when its timeout does not cut it short."];
  for (const profile of Object.values(r.browser.profiles)) {
    parts.push("", `**${profile.label}**`, "", browserTable(profile), "", `Jobwise against the targets (${profile.label}):`, "", targets(profile));
  }
  parts.push("", "**Native cost** (`cargo bench --bench decide`: a decision by rule size, and a page's boot by stage; units in the column names)", "", nativeSection(r.native));
  parts.push("", "Full report with the wasm breakdown, opt-level z vs s and the native benchmark: `make bench` → `target/bench/report.md`.");
  return parts.join("\n");
}

function breakdownSection(b) {
  const sections = Object.entries(b.sections).map(([name, x]) => `| ${name} | ${x.bytes.toLocaleString("en")} | ${x.brotli.toLocaleString("en")} |`);
  const crates = b.byCrate.map((c) => `| ${c.key} | ${c.bytes.toLocaleString("en")} |`);
  const modules = b.byModule.map((c) => `| ${c.key} | ${c.bytes.toLocaleString("en")} |`);
  const top = b.top.map((f) => `| \`${f.name.replaceAll("|", "\\|")}\` | ${f.bytes.toLocaleString("en")} |`);
  return [
    "Sections of the shipped `jobwise_bg.wasm` (brotli of each section alone: not additive, but says which part compresses badly):", "",
    "| section | bytes | brotli |", "|---|---:|---:|", ...sections, "",
    `Code by crate (${b.functionCount} functions, after wasm-opt's inlining: a function counts for the crate it is named after):`, "",
    "| crate | code bytes |", "|---|---:|", ...crates, "",
    "Jobwise's own code by module:", "", "| module | code bytes |", "|---|---:|", ...modules, "",
    "Largest functions:", "", "| function | bytes |", "|---|---:|", ...top,
  ].join("\n");
}

function optSection(o) {
  const levels = Object.keys(o.levels);
  const lines = [`Cargo.toml has opt-level "${o.configured}". Both wasm builds go through wasm-bindgen, the short names and the SDK's wasm-opt flags (Makefile WASM_OPT_SDK); both pages use data-timeout 3000, so the SDK always finishes.`];
  lines.push("", `| opt-level | wasm raw | wasm brotli | jobwise.js (JS + wasm) brotli | jobwise.js received → slots revealed, ms (median of ${o.rounds}) | navigation → personalized, ms |`, "|---|---:|---:|---:|---:|---:|");
  for (const l of levels) {
    const x = o.levels[l];
    const wasm = x[WASM_ALONE];
    lines.push(`| ${l} | ${int(wasm.raw)} | ${int(wasm.brotli)} | ${int(x[SHIPPED].brotli)} | ${int(x.sdkWorkMs)} | ${int(x.personalizedMs)} |`);
  }
  return lines.join("\n");
}

/** The native bench's JSON as a table: a row per object of scalars (named by its path), then the other scalars. */
function nativeSection(native) {
  if (!native) return "native: not available (no `decide` bench in Cargo.toml yet).";
  const rows = [];
  const scalars = [];
  const walk = (value, path) => {
    const entries = Object.entries(value);
    if (path.length && entries.every(([, v]) => v === null || typeof v !== "object")) return rows.push([path.join(" / "), value]);
    for (const [k, v] of entries) {
      if (v && typeof v === "object") walk(v, [...path, k]);
      else scalars.push(`${[...path, k].join(" / ")}: ${v}`);
    }
  };
  walk(native, []);
  const keys = [...new Set(rows.flatMap(([, v]) => Object.keys(v)))];
  const table = rows.length
    ? [`| case | ${keys.join(" | ")} |`, `|---|${keys.map(() => "---:").join("|")}|`, ...rows.map(([k, v]) => `| ${k} | ${keys.map((c) => v[c] ?? "—").join(" | ")} |`)]
    : [];
  return [...table, ...(scalars.length ? ["", scalars.join(", ")] : [])].join("\n");
}

/** The full report. */
export function markdown(r) {
  return [
    `# Jobwise benchmark, ${r.date}`, "", machineLine(r), "",
    "## 1. Size", "", sizeTable(r.size.sdk), "", sizeLine(r), "", breakdownSection(r.size.breakdown), "",
    "## opt-level z vs s", "", optSection(r.optLevel), "",
    "## 2. Browser", "",
    "The 40-section landing page (benches/browser/page.mjs) opened with `?utm_term=laptop+for+video+editing`; three changes: hero heading, CTA text + href, a section hidden. " +
      "Jobwise runs as SPEC §3 installs it (snippet, inline rules, script tag; default timeout 300 ms); \"timeout 3000\" is the same with data-timeout=\"3000\" in the tag and the snippet, to show the SDK when it is not cut short. " +
      "Paired ratios are medians of per-round ratios. \"Default painted\": Element Timing saw the default hero, the hidden section, or the CTA before its change.",
    ...Object.values(r.browser.profiles).flatMap((p) => ["", `### ${p.label}`, "", browserTable(p), "", targets(p)]),
    "", "## 3. Native: decision cost vs rule size", "", nativeSection(r.native), "",
  ].join("\n");
}

/** Rewrites README.md's bench section with `text`. */
export function updateReadme(path, text) {
  const readme = readFileSync(path, "utf8");
  const re = /(<!-- bench:start[^>]*-->\n)[\s\S]*?(<!-- bench:end -->)/;
  if (!re.test(readme)) throw new Error("README.md has no bench markers");
  writeFileSync(path, readme.replace(re, (_, start, end) => `${start}${text}\n${end}`));
}
