// Applies a plan (a decision's job, stage and terms, and the rules'
// content: see `actuator`) to the marked-up elements of SPEC §4, and can
// take it back exactly.
//
// Every marked-up element gets an entry holding what was applied and the
// originals it replaced (child nodes in order, attribute values), so
// `revert()` restores the DOM as it was. Three observers keep the page
// right over time:
// - elements added by the parser or the page's framework get the current
//   plan before they are painted (a MutationObserver runs before render);
// - when the framework re-renders a changed element, the change is applied
//   again, at most REAPPLY_PER_SECOND times a second per element, after
//   which Jobwise gives that element up to the framework;
// - a change the visitor would see happen (the element is in the viewport)
//   waits until the element leaves it.
// Text stays text (text nodes, attribute values); variants are copies of
// the page's own templates: nothing from data is parsed as HTML.
// Properties ending in `_` are internal: the build shortens their names
// (scripts/script-tag.mjs).

const SLOT = "data-jobwise-slot";
const SHOW = "data-jobwise-show";
const HIDE = "data-jobwise-hide";
const INSERT = "data-jobwise-insert";
const VARIANT = "data-jobwise-variant";
const SHOWN = "data-jobwise-shown";
/** Set on an element once the first decision has been applied to it: the snippet stops hiding it. */
const DONE = "data-jobwise-done";
/** The attributes that mark an element Jobwise may change. */
const MARKS = [SLOT, SHOW, HIDE, INSERT];
/** Every element the markup lets Jobwise change. */
const MANAGED = MARKS.map((a) => `[${a}]`).join();

/** Modes (src/web/runtime.rs `Mode`): whether a change may happen where the visitor sees it. */
export const FREE = 0;
export const CAREFUL = 1;

/** Re-applications allowed per element (keyed by its markup) per second. */
export const REAPPLY_PER_SECOND = 4;
/** What a changed element is watched for: its subtree, and every attribute a plan may set. */
export const WATCH = {
  childList: true,
  subtree: true,
  characterData: true,
  attributeFilter: ["href", "title", "aria-label", "alt", "src", "style", SHOWN],
};

/** Set on `<html>` when every element is done (or on failure): the snippet stops hiding anything. */
export const reveal = () => document.documentElement?.setAttribute("data-jobwise-ready", "");

/**
 * How well a list such as `"photo family@compare"` names the job: 2 for
 * `JOB@STAGE` with the current stage, 1 for plain `JOB`, 0 not at all.
 */
export function rank(list, job, stage) {
  let best = 0;
  for (const token of (list ?? "").split(/[ \t\n\f\r]+/)) {
    const at = token.indexOf("@");
    if (at < 0) token == job && (best = 1);
    else if (token.slice(0, at) == job && token.slice(at + 1) === stage) return 2;
  }
  return best;
}

// A change is an array: [0, template] the children become a copy of the
// template's content; [1, text] the children become the text; [2, name,
// value] an attribute takes the value; [3] `display: none !important`.
const children = (c) => c[0] < 2;
const attr = (c) => (c[0] > 2 ? "style" : c[1]);

/** `o[k]` when `o` has it itself (a job named `toString` finds nothing). */
const own = (o, k) => (Object.hasOwn(o, k) ? o[k] : null);

/** What `plan` changes on `el` (empty: its default). */
function changes(el, plan) {
  const out = [];
  const { job, stage } = plan;
  if (job == null) return out;
  const name = el.getAttribute(SLOT);
  if (name != null) {
    // The slot's best variant template for the job, first in order on a tie.
    let best = 0;
    for (const t of el.querySelectorAll(":scope>template")) {
      const r = rank(t.getAttribute(VARIANT), job, stage);
      if (r > best) (best = r), (out[0] = [0, t]);
    }
    // The rules' content for the slot: its JOB@STAGE variant, else JOB.
    const c = own(plan.content, name);
    const v = c && ((stage != null && own(c, job + "@" + stage)) || own(c, job));
    if (v) {
      const { text, href, ...attrs } = v;
      if (text != null && !out.length) out.push([1, text]);
      // The links and attributes are the validator's (src/rules): http(s)
      // or relative links, and only title, aria-label, alt and src.
      if (href != null && el.tagName == "A") out.push([2, "href", href]);
      for (const [k, x] of Object.entries(attrs)) if (k != "src" || el.tagName == "IMG") out.push([2, k, x]);
    }
  }
  if (rank(el.getAttribute(SHOW), job, stage)) out.push([2, SHOWN, ""]);
  if (rank(el.getAttribute(HIDE), job, stage)) out.push([3]);
  if (el.getAttribute(INSERT) == "terms" && !out.some(children) && plan.terms != null) out.push([1, plan.terms]);
  return out;
}

const same = (a, b) => a.length == b.length && a.every((c, i) => c.every((x, j) => x === b[i][j]));

/** `data-jobwise-slot=hero` and the like: what identifies the element across re-renders. */
function key(el) {
  for (const a of MARKS) {
    const v = el.getAttribute(a);
    if (v != null) return a + "=" + v;
  }
  return "";
}

/**
 * Whether the visitor may be looking at `el`: it is not hidden (the snippet
 * hides slots until the first decision or its timeout; changing a hidden
 * element shows nothing) and some part of it is inside the viewport. An
 * element without a box (display: none) counts where its parent is.
 */
function inView(el) {
  if (getComputedStyle(el).visibility === "hidden") return false;
  let r = el.getBoundingClientRect();
  if (!r.width && !r.height && el.parentElement) r = el.parentElement.getBoundingClientRect();
  const d = document.documentElement;
  return r.bottom > 0 && r.right > 0 && r.top < d.clientHeight && r.left < d.clientWidth;
}

/**
 * Applies entry `e`'s changes, keeping in it the originals they replace:
 * the child nodes in order (templates stay, `e.c`), and each attribute's
 * first original value with the value now set (`e.a`).
 */
function put(e) {
  const el = e.el;
  for (const c of e.applied_) {
    const [op, a, b] = c;
    try {
      if (op < 2) {
        const f = op ? document.createTextNode(a) : document.importNode(a.content, true);
        const o = [...el.childNodes];
        for (const n of o) if (n.nodeName != "TEMPLATE") el.removeChild(n);
        e.c = [o, f.nodeType == 11 ? [...f.childNodes] : [f]];
        el.insertBefore(f, el.firstChild);
      } else {
        const name = attr(c);
        const m = e.a || (e.a = new Map());
        m.has(name) || m.set(name, [el.getAttribute(name)]);
        op > 2 ? el.style.setProperty("display", "none", "important") : el.setAttribute(name, b);
        m.get(name)[1] = el.getAttribute(name) ?? "";
      }
    } catch {}
  }
}

/**
 * Takes back what entry `e` keeps: the inserted nodes go, then either the
 * originals come back and nothing is applied any more, or, with `keep`,
 * the nodes and attribute values someone else put there since become the
 * originals (attributes stay recorded, to be set again).
 */
function undo(e, keep) {
  const { c, a: m, el } = e;
  e.c = null;
  if (!keep) (e.a = null), (e.applied_ = []);
  try {
    if (c) {
      for (const n of c[1]) if (n.parentNode == el) el.removeChild(n);
      if (!keep) for (const n of c[0]) el.appendChild(n);
    }
  } catch {}
  if (m)
    for (const [k, v] of m)
      try {
        const now = el.getAttribute(k);
        if (keep) now !== v[1] && (v[0] = now);
        else v[0] == null ? el.removeAttribute(k) : el.setAttribute(k, v[0]);
      } catch {}
}

/**
 * An actuator with an empty plan. A plan is `{ job, stage, terms, content }`:
 * the job (`null`: every element shows its default), its stage and the
 * visitor's terms (for `data-jobwise-insert="terms"`) as in the decision,
 * and the rules' `content` object as validated (SPEC §5). `parsed(el)`: whether the parser is done
 * with `el` (an element is changed once the parser is past it); `guard(f)`:
 * what the observers' callbacks are wrapped in (a failure inside reverts
 * the page); `ready()`: called once the document is parsed and every element has the
 * plan (not after `revert()`).
 */
export function actuator({ parsed, guard, ready }) {
  let plan = null;
  let entries = [];
  let stopped = false;
  const budgets = new Map();
  const find = (el) => entries.find((e) => e.el == el);
  /** An observer of type `O` calling `f`, then dropping the records of what `f` changed. */
  const observer = (O, f) => new O(guard(notice(f)));
  const notice = (f) => (records) => {
    f(records);
    settle();
  };

  /** Counts a re-application of `e`'s key; false once the key has used up its budget (given up for this page). */
  const spend = (e) => {
    const now = Date.now();
    let b = budgets.get(e.key);
    if (!b) budgets.set(e.key, (b = { since_: now, spent_: 0 }));
    if (b.spent_ > REAPPLY_PER_SECOND) return false;
    if (now - b.since_ > 1000) (b.since_ = now), (b.spent_ = 0);
    return ++b.spent_ <= REAPPLY_PER_SECOND;
  };

  /** Brings one element to the plan, creating its entry the first time. */
  const update = (el, mode) => {
    if (!parsed(el)) return;
    let e = find(el);
    let seen;
    if (!e) {
      // A new element: whether the visitor sees it is judged before DONE stops the snippet hiding it.
      seen = mode == CAREFUL && inView(el);
      el.setAttribute(DONE, "");
      entries.push((e = { el, key: key(el), applied_: [], pending_: false, watched_: false }));
    }
    const want = changes(el, plan);
    if (same(want, e.applied_)) return void (e.pending_ = false);
    if (mode == CAREFUL && (seen ?? inView(el))) {
      if (!e.pending_) (e.pending_ = true), leave.observe(el);
      return;
    }
    if (want.length && !spend(e)) return;
    apply(el, want);
  };

  /** Replaces what the element shows by `want` (after taking back what was applied before). */
  const apply = (el, want) => {
    if (want.some(children) || find(el)?.applied_.some(children)) {
      // Its children are about to be swapped, and the originals kept must
      // be pristine: the entries inside it are taken back and forgotten.
      for (let i = entries.length; i--; ) {
        const e = entries[i];
        if (e.el != el && el.contains(e.el)) entries.splice(i, 1), undo(e);
      }
    }
    const e = find(el);
    if (!e) return;
    e.pending_ = false;
    undo(e);
    e.applied_ = want;
    put(e);
    if (!e.watched_ && want.length) (e.watched_ = true), watch.observe(el, WATCH);
    // Elements inside the new content (an insert in a variant) are new.
    scan(el, FREE);
  };

  /** Gives every element not seen yet the plan (`root`: the document or an element whose subtree to search). */
  const scan = (root, mode) => {
    for (const el of root.querySelectorAll(MANAGED)) find(el) || update(el, mode);
  };

  /** Drops the records of our own changes so they are not taken for a framework's. */
  const settle = () => {
    adds.takeRecords();
    watch.takeRecords();
  };

  const adds = observer(MutationObserver, (records) => {
    entries = entries.filter((e) => e.el.isConnected);
    // Slots still being parsed wait for their end: scan it all.
    if (document.readyState == "loading") scan(document, FREE);
    else
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof Element) {
            if (n.matches(MANAGED) && !find(n)) update(n, FREE);
            scan(n, FREE);
          }
  });

  // Someone else changed an element we changed: adopt their content as the
  // new original and apply ours again, within the budget.
  const mutated = (records) => {
    const hit = new Set();
    for (const r of records)
      for (let n = r.target; n; n = n.parentNode) {
        const e = find(n);
        if (!e) continue;
        const name = r.attributeName;
        if (name ? e.applied_.some((c) => attr(c) == name) : e.applied_.some(children)) hit.add(e);
        break;
      }
    for (const e of hit) {
      if (!entries.includes(e)) continue;
      if (!spend(e)) {
        // Given up: the framework's content stays, ours is forgotten.
        entries = entries.filter((x) => x != e);
        continue;
      }
      undo(e, true);
      put(e);
    }
  };
  const watch = observer(MutationObserver, mutated);

  const leave = observer(IntersectionObserver, (list) => {
    for (const i of list) {
      if (i.isIntersecting) continue;
      const el = i.target;
      leave.unobserve(el);
      if (find(el)?.pending_) update(el, FREE);
    }
  });

  adds.observe(document, { childList: true, subtree: true });

  /** The document is parsed: every element gets the plan, the snippet may show everything. */
  const done = guard(() => {
    if (stopped) return;
    scan(document, FREE);
    settle();
    reveal();
    ready();
  });

  return {
    /** Takes a new plan: every known element follows it (as `mode` allows), then every element not seen yet. */
    set(next, mode) {
      const first = !plan;
      plan = next;
      for (let i = 0; i < entries.length; ) {
        const el = entries[i].el;
        update(el, mode);
        const j = entries.findIndex((e) => e.el == el);
        if (j >= 0) i = j + 1;
      }
      scan(document, mode);
      settle();
      // The first plan: once the document is parsed, every element has it.
      if (first) document.readyState == "loading" ? document.addEventListener("DOMContentLoaded", done) : done();
    },
    /** Restores every element as it was and stops observing. */
    revert() {
      stopped = true;
      reveal();
      adds.disconnect();
      watch.disconnect();
      leave.disconnect();
      for (let e; (e = entries.pop()); ) {
        undo(e);
        e.el.removeAttribute(DONE);
      }
    },
    /** The observer of re-renders and what it calls, for the tests (which hand it records without waiting). */
    watch,
    mutated: notice(mutated),
  };
}
