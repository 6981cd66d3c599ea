//! One page's Jobwise: reads the arrival and the stored memory, asks the
//! core for a decision whenever something is observed, remembers what
//! privacy allows, and hands the decision to js/sdk.js (which applies it,
//! with the rules' content, through js/actuate.js).

use crate::prelude::*;
use alloc::boxed::Box;

use super::dom;
use super::host;
use super::store::Store;
use super::{context, url};
use crate::decide;
use crate::json;
use crate::memory::Memory;
use crate::model::Compiled;
use crate::rules::{self, Problem};
use crate::signals::{Event, EventKind, Signals};

/// Whether a change may happen where the visitor sees it (handed to
/// js/actuate.js as its number: 0, 1, 2).
#[derive(Clone, Copy)]
enum Mode {
    /// Nothing has been painted yet (before the timeout, or new elements).
    Free,
    /// An element in the viewport keeps what it shows until it leaves.
    Careful,
    /// Everything changes at once (the visitor picked a job; a new page).
    Force,
}

/// Behaviour kept per page; the oldest goes first (the landing page stays).
const MAX_EVENTS: usize = 256;

/// Laid out in this order (`repr(C)`): the small fields first, the compiled
/// rules, used through a pointer, last (Rust's own order put the store and
/// the events past offset 127, two-byte offsets; measured: mean16 −12 B).
#[repr(C)]
pub struct Runtime {
    store: Store,
    timeout_ms: f64,
    signals: Signals,
    memory: Memory,
    compiled: Compiled,
}

impl Runtime {
    /// Everything known at once: the rules, the stored memory, the arrival.
    /// Boxed here, where it is built (boxed by the caller, it was built on
    /// the stack and copied). `None` when the rules are refused, and why
    /// written to `why`.
    pub fn new(
        text: &str,
        timeout_ms: f64,
        consent: i32,
        why: &mut String,
    ) -> Option<Box<Runtime>> {
        // Rules larger than `rules::MAX_BYTES` are refused here, with this
        // message (a marketer's file is kilobytes).
        if text.len() > rules::MAX_BYTES {
            why.push_str("rules larger than 1 MB");
            return None;
        }
        // Used where it was returned (not moved out, a copy of the rules
        // each time).
        let mut parsed = rules::parse_bounded(text, super::selector::check);
        let rules = match &mut parsed {
            Ok(rules) => rules,
            Err(problem) => {
                problems(why, problem);
                // Left allocated too: no drop glue for the problem.
                core::mem::forget(parsed);
                return None;
            }
        };
        let mut store = Store::new(rules.privacy.remember, rules.privacy.days);
        // -1 (not said) is refused like any unknown mode: nothing changes.
        store.consent(consent);
        let now = dom::now_ms();
        let mut rt = boxed(rules, store, timeout_ms);
        // What is left of the rules stays allocated, as the runtime does
        // (`web::try_boot`): the rules' drop glue stays out of the wasm.
        core::mem::forget(parsed);
        let r = &mut *rt;
        // The landing page's path, moved into the first event (nothing
        // else reads it), pushed in the box: taken before boxing, it was
        // one more local of the frame and a `vec!` of its own.
        let page = core::mem::take(&mut r.signals.arrival.landing_path);
        r.signals.events.push(Event {
            at_ms: now,
            kind: EventKind::Page(page),
        });
        if !r.store.read(now, |line| r.memory.read(&r.compiled, line)) {
            // What was read is left allocated (garbage, once a page).
            let fresh = Memory::new((dom::random() * 1e9) as u32);
            core::mem::forget(core::mem::replace(&mut r.memory, fresh));
        }
        r.memory.start_page(now);
        Some(rt)
    }

    /// The first decision (from what is known at once), then what the
    /// rules want observed, for js/observe.js.
    pub fn start(&mut self) {
        let late = dom::since_start_ms() > self.timeout_ms;
        self.decide(if late { Mode::Careful } else { Mode::Free });
        for &(kind, text, number) in &self.compiled.wants() {
            host::put(host::WANT + kind, "", text, number);
        }
    }

    /// Behaviour, or a new page without a load (its `Page`: everything
    /// changes at once): decided on unless `more` of the same moment
    /// follows.
    pub fn observed(&mut self, kind: EventKind, more: bool) {
        let mode = match kind {
            EventKind::Page(_) => Mode::Force,
            _ => Mode::Careful,
        };
        self.push(kind);
        if !more {
            self.decide(mode);
        }
    }

    /// The visitor picked a job (`""` clears it).
    pub fn pick(&mut self, job: &str) {
        let job = Some(job).filter(|j| !j.is_empty());
        if self.memory.set_pick(&self.compiled, job) {
            // The visitor asked: everything changes at once.
            self.decide(Mode::Force);
        }
    }

    fn push(&mut self, kind: EventKind) {
        let mut event = Event {
            at_ms: dom::now_ms(),
            kind,
        };
        let events = &mut self.signals.events;
        if events.len() < MAX_EVENTS {
            events.push(event);
        } else {
            // Swapped in from the end: the others move down one, and the
            // oldest after the landing page ends in `event`, dropped (no
            // `Vec::remove`, a function of its own in the wasm).
            for e in events[1..].iter_mut().rev() {
                core::mem::swap(e, &mut event);
            }
        }
    }

    /// Asks the core, remembers, and hands the decision on.
    #[inline(never)]
    fn decide(&mut self, mode: Mode) {
        let now = dom::now_ms();
        let m = &self.memory;
        self.signals.context = context::now(m.visits, m.days_since_last_visit(now));
        // `?jobwise=JOB` (QA): the first `jobwise` parameter, unless empty
        // (a plain loop: less wasm than `find` and `map`).
        let mut force = None;
        for (k, v) in &self.signals.arrival.params {
            if **k == *"jobwise" {
                force = Some(&**v).filter(|v| !v.is_empty());
                break;
            }
        }
        let d = decide::decide(&self.compiled, &self.signals, m, now, force);
        self.memory.update(&d);
        self.save(now);
        d.parts(&mut |op, key, text, n| host::put(op, key, text, json::rounded(n)));
        host::put(host::DECIDED, "", "", f64::from(mode as u8));
    }

    pub fn consent(&mut self, mode: i32) {
        if self.store.consent(mode) {
            self.save(dom::now_ms());
        }
    }

    /// Keeps the memory where privacy allows.
    fn save(&self, now: f64) {
        let (m, c) = (&self.memory, &self.compiled);
        self.store.write(now, |out| m.encode_to(c, out));
    }
}

/// The runtime, boxed, from valid rules and the store, without its
/// memory read (a new visitor's: it is then read in place) or its first
/// event. The compiled rules are started in the box and finished there
/// ([`Compiled::start`]: compiled whole, in a frame of their own, they
/// were copied out, 312 B). Out of line: the arrival and the memory,
/// built on the stack and copied into the box, are not in `try_boot`'s
/// frame (720 B with the compiled rules there).
#[inline(never)]
fn boxed(rules: &mut rules::Rules, store: Store, timeout_ms: f64) -> Box<Runtime> {
    let landing = url::page();
    let referrer = url::referrer();
    let arrival = crate::arrival::read(referrer.as_deref(), landing.as_deref());
    // Left allocated too (two URLs, once per page): their drop glue
    // stays out of the wasm.
    core::mem::forget((landing, referrer));
    let mut rt = Box::new(Runtime {
        compiled: Compiled::start(rules),
        memory: Memory::new(0),
        store,
        signals: Signals {
            arrival,
            events: Vec::new(),
            // Measured by each decision, the first one included.
            context: context::read(0, 0, None),
        },
        timeout_ms,
    });
    rt.compiled.finish(rules);
    rt
}

/// The warning for rules that do not validate, written to `out`: the
/// first problem, where, and how many more.
/// "invalid rules at PATH (LINE:COLUMN): MESSAGE (+N more); run `jobwise
/// check`". The SDK's wasm is built without the `diagnostics` feature: the
/// message is then empty and the CLI says what is wrong.
fn problems(out: &mut String, (p, errors): &(Problem, usize)) {
    out.push_str("invalid rules at ");
    out.push_str(&p.path);
    out.push_str(" (");
    json::number(out, f64::from(p.line));
    out.push(':');
    json::number(out, f64::from(p.column));
    out.push(')');
    if !p.message.is_empty() {
        out.push_str(": ");
        out.push_str(&p.message);
    }
    if *errors > 1 {
        out.push_str(" (+");
        json::number(out, (errors - 1) as f64);
        out.push_str(" more)");
    }
    out.push_str("; run `jobwise check`");
}
