// The Jobwise SDK's JavaScript side, shared by the script tag and the npm
// module. It defines the API at once (calls made before boot are queued),
// gets the wasm (given as bytes, it compiles them at once; given a promise
// of them, it waits for them alongside the rules) and the rules, and hands both to the
// Rust side, which decides; js/observe.js observes the page for it and
// js/actuate.js applies what it decided. The `?jobwise-debug` overlay
// (js/overlay.js) is a module of its own, loaded only when asked for. Everything the browser calls
// into the wasm goes through `guard` (and the API's calls through
// `call`): a failure anywhere reverts the page, makes the SDK inert and
// says why in one console.warn. No exception of ours ever reaches the page.
import * as wasm from "jobwise-wasm";
import { observe, context, CUSTOM, CONSENT } from "./observe.js";
import { actuator, reveal } from "./actuate.js";
import { install } from "./host.js";

const EVENT = "jobwise:decision";
/** What `jobwise.consent(mode)` accepts, in the wasm's order (src/web/store.rs). */
const CONSENTS = ["none", "session", "local"];

/**
 * Whether the parser is done with `el`: something follows it, or the
 * document is parsed. For the inline rules element, and for the actuator
 * (each slot is changed once the parser is past it).
 */
function parsed(el) {
  for (let n = el; n; n = n.parentNode) if (n.nextSibling) return true;
  return document.readyState !== "loading";
}

/** Rules text from `#id` (inline JSON, as soon as the parser is past it) or a URL. */
async function loadRules(rules) {
  if (typeof rules !== "string" || !rules) throw new Error("no rules given (data-rules)");
  if (rules[0] !== "#") {
    const res = await fetch(rules, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`rules ${rules}: HTTP ${res.status}`);
    return res.text();
  }
  return new Promise((ok, no) => {
    const check = () => {
      const el = document.getElementById(rules.slice(1));
      if (el && parsed(el)) ok(el.textContent);
      else if (document.readyState !== "loading") no(new Error(`rules element ${rules} not found`));
      else return false;
      seen.disconnect();
      return true;
    };
    const seen = new MutationObserver(check);
    if (check()) return;
    seen.observe(document, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", check, { once: true });
  });
}

/**
 * Starts Jobwise on this page and returns the API of SPEC §6 at once.
 * `overlay` is the URL of the debug overlay's module (dist/jobwise-debug.js).
 * @param {{rules: string, wasm: Uint8Array|Promise<ArrayBuffer>, overlay: string, timeout?: number, debug?: boolean, datalayer?: boolean}} options
 */
export function start(options) {
  const queue = [];
  const listeners = [];
  let settle;
  let current = null;
  let running = false;
  let dead = false;
  // The visitor's consent as the wasm numbers it (src/web/mod.rs's
  // `event`): its index in CONSENTS, -1 for anything else or not said.
  let consent = -1;
  // What the rules want observed (`host.put`), and the undo of observe().
  const wanted = [[], [], []];
  let unobserve = () => {};
  // The rules' `content` (read at boot), the actuator (created with the
  // first decision) and the debug overlay (while `debugging`: its module
  // may arrive after a revert).
  let content = {};
  let act = null;
  let overlay = null;
  let debugging = false;
  /** Restores the page: every change taken back, the overlay gone. */
  const restore = () => {
    act?.revert();
    debugging = false;
    overlay?.remove();
    overlay = null;
  };

  const die = (why) => {
    if (dead) return;
    dead = true;
    try {
      unobserve();
    } catch {}
    try {
      restore();
    } catch {}
    reveal();
    console.warn(`jobwise: ${(why && why.message) || why}; showing the default content`);
    settle(current);
  };
  /** Runs `fn` against the wasm now, or once it has booted. */
  const call = (fn) => {
    if (dead) return;
    if (!running) return void queue.push(fn);
    try {
      fn();
    } catch (e) {
      die(e);
    }
  };
  const publish = (d) => {
    settle(d);
    document.dispatchEvent(new CustomEvent(EVENT, { detail: d }));
    for (const fn of listeners) {
      try {
        fn(d);
      } catch (e) {
        setTimeout(() => {
          throw e;
        });
      }
    }
    const layer = window.dataLayer;
    if (options.datalayer && layer && typeof layer.push === "function") {
      layer.push({ event: "jobwise_decision", jobwise_job: d.job, jobwise_stage: d.stage, jobwise_holdout: d.holdout });
    }
    if (options.debug) console.info("jobwise: decision", d);
  };

  /** `fn` as a callback the browser may call: a failure inside reverts the page and makes the SDK inert. */
  const guard = (fn) =>
    function (...args) {
      if (!dead) {
        try {
          return fn.apply(this, args);
        } catch (e) {
          die(e);
        }
      }
    };

  // A decision as the wasm built it, applied as `mode` allows
  // (js/actuate.js's plan: nothing in the holdout); published when its
  // job, stage or holdout changed.
  const decided = (d, mode) => {
    const changed = !current || ["job", "stage", "holdout"].some((k) => d[k] !== current[k]);
    current = d;
    act ||= actuator({
      parsed,
      guard,
      ready() {
        if (!new URLSearchParams(location.search).has("jobwise-debug")) return;
        debugging = true;
        import(options.overlay).then(
          guard((m) => debugging && (overlay = m.overlay())?.show(current)),
          (e) => console.warn(`jobwise: no debug overlay: ${e.message}`),
        );
      },
    });
    act.set({ ...d, job: d.holdout ? null : d.job, content }, mode);
    overlay?.show(d);
    // After the wasm call returns: a page listener may call back into it.
    if (changed) queueMicrotask(() => dead || publish(d));
  };
  // The decision being built: its containers open, the outermost first,
  // then the whole decision once it is closed.
  const open = [];
  let built;
  // What the Rust side calls (src/web/host.rs, through js/host.js).
  const host = {
    // By `op`: 0 to 5 a part of a decision (src/decide.rs's
    // `Decision::parts`: a number, null when NaN, a string, a boolean, an
    // object, an array, the end of one), as the member `key` of the
    // innermost open object (never empty) or, without a key, the next
    // item of its array; 6 that decision, to apply as `n` says; 7 + kind
    // what the rules want observed.
    put(op, key, text, n) {
      if (op > 6) return void wanted[op - 7].push([text, n]);
      if (op > 5) return decided(built, n);
      if (op > 4) return void (built = open.pop());
      const v = op > 3 ? [] : op > 2 ? {} : op > 1 ? n > 0 : op ? text : n === n ? n : null;
      const to = open.at(-1);
      if (to) key ? (to[key] = v) : to.push(v);
      if (op > 2) open.push(v);
    },
    context,
  };
  // Before the wasm is instantiated: its import object takes `context`
  // as it is then (js/host.js).
  install(host);

  const api = {
    ready: new Promise((ok) => (settle = ok)),
    decision: () => current,
    track: (name) => call(() => wasm.event(CUSTOM, String(name), 0)),
    on(type, fn) {
      if (type === "decision" && typeof fn === "function") listeners.push(fn);
      return api;
    },
    revert: () =>
      call(() => {
        unobserve();
        restore();
      }),
    // Consent "none" wipes both storages and stores nothing more.
    forget: () => call(() => wasm.event(CONSENT, "", 0)),
    consent(mode) {
      consent = CONSENTS.indexOf(String(mode));
      call(() => wasm.event(CONSENT, "", consent));
    },
  };

  const timeout = options.timeout ?? 300;
  // Given the bytes (the script tag carries them), the module is compiled
  // and instantiated now, while the parser waits on the script: the first
  // decision then needs only the rules, and with inline rules it is applied
  // to each slot as it is parsed, before the first paint. Given a promise
  // (the npm module fetches the wasm by URL), the wasm is compiled and
  // instantiated in the task that boots (lazily compiled, it takes a few ms).
  let fetched = null;
  if (ArrayBuffer.isView(options.wasm)) {
    try {
      wasm.initSync({ module: options.wasm });
    } catch (e) {
      die(e);
      return api;
    }
  } else fetched = options.wasm;
  Promise.all([fetched, loadRules(options.rules)])
    .then(([bytes, text]) => {
      if (dead) return;
      if (bytes) wasm.initSync({ module: bytes });
      running = true;
      // The rules' content, applied as written once the wasm has validated
      // the rules (a byte order mark is all JSON.parse refuses of valid
      // rules; invalid ones are the wasm's to report).
      try {
        content = JSON.parse(text.replace(/^\uFEFF/, "")).content ?? {};
      } catch {}
      wasm.boot(text, timeout, consent);
      unobserve = observe(wanted, wasm.event, guard);
      queue.splice(0).forEach(call);
    })
    .catch(die);
  return api;
}
