// What the page itself records, installed before any of its scripts run
// (playwright's addInitScript). All times are ms since navigation start.
//   et[id]       first paint of an element with elementtiming="id"
//                (personalized-hero, default-hero, cta, hidden-section)
//   fcp          first contentful paint
//   cls          layout shift (sum, as nothing here follows input)
//   ctaChanged   when #cta got the personalized href (MutationObserver)
//   sdkReady     when <html> got data-jobwise-ready (Jobwise revealed its slots)
//   memories     the WebAssembly memories instantiated (their size is not in the JS heap)
export function probe(ctaHref) {
  const b = (window.__bench = { et: {}, cls: 0, fcp: null, ctaChanged: null, sdkReady: null, memories: [] });
  const keep = (instance) => {
    // By its type, not its name: the SDK's exports have one-letter names.
    for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) b.memories.push(value);
  };
  WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
    construct(target, args) {
      const instance = Reflect.construct(target, args);
      keep(instance);
      return instance;
    },
  });
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        keep(result.instance || result);
        return result;
      });
    };
  }
  const observe = (type, fn) => new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true });
  observe("element", (e) => {
    if (!(e.identifier in b.et)) b.et[e.identifier] = e.renderTime || e.loadTime;
  });
  observe("paint", (e) => {
    if (e.name === "first-contentful-paint") b.fcp = e.startTime;
  });
  observe("layout-shift", (e) => {
    if (!e.hadRecentInput) b.cls += e.value;
  });
  const seen = new MutationObserver(() => {
    const cta = document.getElementById("cta");
    if (b.ctaChanged === null && cta && cta.getAttribute("href") === ctaHref) b.ctaChanged = performance.now();
    if (b.sdkReady === null && document.documentElement.hasAttribute("data-jobwise-ready")) b.sdkReady = performance.now();
    if (b.ctaChanged !== null && b.sdkReady !== null) seen.disconnect();
  });
  seen.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["href", "data-jobwise-ready"] });
}

/** True once the page has settled: loaded, painted, hero decided, and quiet for `settle` ms. */
export function settled(settle) {
  const b = window.__bench;
  const nav = performance.getEntriesByType("navigation")[0];
  const hero = b.et["personalized-hero"] ?? b.et["default-hero"];
  if (!nav || !nav.loadEventEnd || b.fcp === null || hero === undefined) return false;
  return performance.now() - Math.max(nav.loadEventEnd, hero, b.ctaChanged || 0) > settle;
}

/** The final state of the three changes, and the SDK's own timing. */
export function finalState() {
  const hero = document.querySelector("#hero h1");
  const cta = document.getElementById("cta");
  const deals = document.getElementById("deals");
  const visible = (el) => !!el && getComputedStyle(el).visibility === "visible" && el.getClientRects().length > 0;
  const script = performance.getEntriesByType("resource").find((r) => /jobwise\.js$/.test(r.name));
  const { memories, ...bench } = window.__bench;
  return {
    ...bench,
    wasmMemory: memories.reduce((sum, m) => sum + m.buffer.byteLength, 0),
    hero: hero ? hero.textContent : null,
    heroVisible: visible(hero),
    cta: cta ? [cta.textContent, cta.getAttribute("href")] : null,
    dealsHidden: !visible(deals),
    scriptReceived: script ? script.responseEnd : null,
  };
}
