// Observation (SPEC §5's behaviour signals): what the visitor does, as far
// as the rules mention it, reported to the wasm (src/web/mod.rs's one
// `event` export). Plain JS: touching the DOM costs no wasm and no
// wasm<->JS crossing per event. Listeners are passive and in the capture
// phase; nothing raw leaves the browser and no page text is kept, only
// the rules' own selectors, the path, and the site search's text for the
// page's signals.

/** The kinds of src/web/mod.rs's `event` (the first three, of `host.put`'s wants too;
 * CONSENT is js/sdk.js's). */
export const CLICK = 0;
export const DWELL = 1;
export const SCROLL = 2;
export const SEARCH = 3;
export const CUSTOM = 4;
export const PICKED = 5;
export const PAGE = 6;
export const CONSENT = 7;

const PICK = "data-jobwise-pick";
/** The site's own search box. */
const BOX = "input[type=search],input[name=q],input[name=s],input[name=search]";
/** Longer search text is cut: nobody searches a page. */
const MAX_CHARS = 256;
/** Content added by the page is searched for dwell targets at most this often. */
const RESCAN_MS = 1000;

/**
 * Watches what `wanted` names (`wanted[CLICK]`: [selector], `[DWELL]`:
 * [selector, seconds], `[SCROLL]`: [, percent], as the rules' wants came
 * through `host.put`) and reports to `sink(kind, text, number)` (the wasm's
 * `event`). Every callback goes through `guard`.
 * Returns the function that stops everything.
 */
export function observe(wanted, sink, guard) {
  const undo = [];
  let stopped = false;
  const safe = (f) => guard((...args) => stopped || f(...args));
  const on = (target, type, f) => {
    f = safe(f);
    target.addEventListener(type, f, { capture: true, passive: true });
    undo.push(() => target.removeEventListener(type, f, true));
  };
  const element = (e) => (e.target instanceof Element ? e.target : null);

  // Clicks: a click counts for each rules selector the target is inside;
  // `data-jobwise-pick` controls report the visitor's own choice of job.
  on(document, "click", (e) => {
    const el = element(e);
    if (!el) return;
    const pick = el.closest(`[${PICK}]`);
    if (pick) sink(PICKED, pick.getAttribute(PICK), 0);
    const hits = wanted[CLICK].filter(([s]) => el.closest(s));
    hits.forEach(([s], i) => sink(CLICK, s, hits.length - 1 - i));
  });

  // Site search: its text when the box changes or its form is submitted,
  // once per distinct text.
  let searched = "";
  const search = (e) => {
    const el = element(e);
    const box = !el ? null : e.type == "submit" ? el.querySelector(BOX) : el.matches(BOX) ? el : null;
    if (!box) return;
    const text = [...box.value.trim()].slice(0, MAX_CHARS).join("");
    if (!text || text == searched) return;
    searched = text;
    sink(SEARCH, text, 0);
  };
  on(document, "change", search);
  on(document, "submit", search);

  // Scroll depth: the deepest point of the page seen, in percent, reported
  // when it passes one of the rules' marks (counted again on a new path).
  const marks = wanted[SCROLL];
  if (marks.length) {
    let path = "";
    let passed = 0;
    on(window, "scroll", () => {
      const d = document.documentElement;
      const height = d?.scrollHeight;
      if (!(height > 0)) return;
      const percent = Math.min(((scrollY + d.clientHeight) / height) * 100, 100);
      if (path != location.pathname) (path = location.pathname), (passed = 0);
      const now = marks.filter(([, m]) => percent >= m).length;
      if (now > passed) {
        passed = now;
        sink(SCROLL, path, percent);
      }
    });
  }

  // Single-page navigations: pushState/replaceState (wrapped, unwrapped
  // on stop) and popstate, reported when the path changes.
  let at = location.pathname;
  const moved = () => {
    if (at != location.pathname) sink(PAGE, (at = location.pathname), 0);
  };
  const navigated = safe(moved);
  for (const name of ["pushState", "replaceState"]) {
    const orig = history[name];
    const wrap = function (...args) {
      const out = orig.apply(this, args);
      navigated();
      return out;
    };
    history[name] = wrap;
    undo.push(() => history[name] === wrap && (history[name] = orig));
  }
  on(window, "popstate", moved);

  if (wanted[DWELL].length) dwell(wanted[DWELL], sink, safe, undo);
  return () => {
    stopped = true;
    undo.forEach((f) => f());
  };
}

/**
 * Dwell: how long elements matching each selector have been in the
 * viewport; when a selector's time reaches its seconds, it is reported,
 * once per selector and page. Content the page adds is searched for
 * targets too: when the document is parsed, and at most once per
 * RESCAN_MS.
 */
function dwell(selectors, sink, safe, undo) {
  const inView = new Set();
  // Per selector: its name, and what to do when its visibility may change.
  const tracks = selectors.map(([selector, seconds]) => {
    // Some element of the selector is in view since `since` (or -1),
    // after `total` milliseconds in view before.
    let since = -1;
    let total = 0;
    let fired = false;
    const check = () => {
      const ms = total + (since < 0 ? 0 : Date.now() - since);
      if (fired || ms + 50 < seconds * 1000) return;
      fired = true;
      sink(DWELL, selector, ms / 1000);
    };
    const seen = (visible, now) => {
      if (visible && since < 0 && !fired) {
        since = now;
        setTimeout(safe(check), Math.max(seconds * 1000 - total, 0));
      } else if (!visible && since >= 0) {
        total += now - since;
        since = -1;
      }
    };
    return [selector, seen];
  });
  const io = new IntersectionObserver(
    safe((entries) => {
      const now = Date.now();
      for (const e of entries) inView[e.isIntersecting ? "add" : "delete"](e.target);
      for (const [selector, seen] of tracks) seen([...inView].some((el) => el.matches(selector)), now);
    }),
  );
  let scanned = 0;
  let timer = 0;
  const scan = () => {
    scanned = Date.now();
    clearTimeout(timer);
    timer = 0;
    // Observing an element twice is harmless.
    for (const [selector] of tracks) for (const el of document.querySelectorAll(selector)) io.observe(el);
  };
  const added = new MutationObserver(
    safe(() => {
      timer ||= setTimeout(safe(scan), scanned + RESCAN_MS - Date.now());
    }),
  );
  added.observe(document, { childList: true, subtree: true });
  scan();
  // Everything the parser adds, at once when it is done.
  const parsed = safe(scan);
  document.addEventListener("DOMContentLoaded", parsed);
  undo.push(() => {
    io.disconnect();
    added.disconnect();
    clearTimeout(timer);
    document.removeEventListener("DOMContentLoaded", parsed);
  });
}

/** A viewport below 600 CSS px wide is a phone's. */
const PHONE = "(max-width:599.98px)";
/** A coarse pointer on a viewport below 1100 CSS px is a tablet. */
const TABLET = "(pointer:coarse) and (max-width:1099.98px)";

/** Whether the media query matches (false when it cannot be asked). */
function media(query) {
  try {
    return matchMedia(query).matches;
  } catch {
    return false;
  }
}

/**
 * The visitor's circumstances, packed for src/web/context.rs: the device
 * class (0 desktop, 1 tablet, 2 mobile) × 256 + the local hour × 8 + the
 * weekday (0 = Monday). The width is asked of media queries, never of an
 * element: reading `clientWidth` forced a style and layout pass inside the
 * first decision, before anything was painted.
 */
export function context() {
  const d = new Date();
  return (media(PHONE) ? 512 : media(TABLET) ? 256 : 0) + d.getHours() * 8 + ((d.getDay() + 6) % 7);
}
