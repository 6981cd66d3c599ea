// Summaries of the interleaved runs: medians, paired ratios (round by
// round, so machine drift cancels), and the flicker verdicts.
/** Median of the numbers in `values` (Infinity counts: a run that never got there). */
export function median(values) {
  const v = values.filter((x) => typeof x === "number" && !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** The median over rounds of a(run) / b(run), rounds where both are known. */
export function pairedRatio(runsA, runsB, metric) {
  return median(runsA.map((a, i) => {
    const x = a && metric(a);
    const y = runsB[i] && metric(runsB[i]);
    return x != null && y ? x / y : null;
  }));
}

/** When the personalized hero was painted; Infinity when it never was. */
export const personalizedAt = (run) => run.et["personalized-hero"] ?? Infinity;
export const fcpAt = (run) => run.fcp;

/** Was any default version of the three changed elements painted? */
export function defaultPainted(run) {
  const { et, ctaChanged } = run;
  const ctaDefault = et.cta !== undefined && (ctaChanged === null || et.cta < ctaChanged);
  return et["default-hero"] !== undefined || et["hidden-section"] !== undefined || ctaDefault;
}

/** All three changes in place at the end: hero, CTA text + href, section hidden. */
export function personalizedFully(run, expect) {
  return run.hero === expect.hero && run.heroVisible && run.cta?.[0] === expect.ctaText && run.cta?.[1] === expect.ctaHref && run.dealsHidden;
}

/** One variant's summary; `pairs` = runs of none, handwritten, growthbook-sync. */
export function summarize(rounds, pairs, expect) {
  const runs = rounds.filter(Boolean);
  const n = runs.length;
  const painted = runs.filter(defaultPainted);
  return {
    runs: n,
    personalizedMs: median(runs.map(personalizedAt)),
    personalizedRuns: runs.filter((r) => personalizedFully(r, expect)).length,
    fcpMs: median(runs.map(fcpAt)),
    failedRuns: rounds.length - n,
    fcpVsNone: pairs.none ? pairedRatio(rounds, pairs.none, fcpAt) : null,
    personalizedVsFloor: pairs.handwritten ? pairedRatio(rounds, pairs.handwritten, personalizedAt) : null,
    personalizedVsGrowthbookSync: pairs["growthbook-sync"] ? pairedRatio(rounds, pairs["growthbook-sync"], personalizedAt) : null,
    defaultPaintedRuns: painted.length,
    flickerRuns: painted.filter((r) => personalizedAt(r) !== Infinity).length,
    clsMedian: median(runs.map((r) => r.cls)),
    clsMax: n ? Math.max(...runs.map((r) => r.cls)) : null,
    heapKB: median(runs.map((r) => r.heap / 1024)),
    wasmMemoryKB: median(runs.map((r) => r.wasmMemory / 1024)),
    bytes: median(runs.map((r) => r.bytes)),
    requests: median(runs.map((r) => r.requests)),
    sdkReadyMs: median(runs.map((r) => r.sdkReady)),
    sdkWorkMs: median(runs.map((r) => (r.sdkReady !== null && r.scriptReceived !== null ? r.sdkReady - r.scriptReceived : null))),
    unsettledRuns: runs.filter((r) => !r.quiet).length,
  };
}
