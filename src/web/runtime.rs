//! One page's Jobwise: reads the arrival and the stored memory, asks the
//! core for a decision whenever something is observed, remembers what
//! privacy allows, and hands the plan to the actuator.

use crate::prelude::*;
use alloc::rc::Rc;

use super::actuate::{Actuator, Mode, Notice};
use super::dom;
use super::host::{self, Listener};
use super::observe::{Observed, Observers, Wanted};
use super::overlay::Overlay;
use super::plan::Plan;
use super::store::{self, Store};
use super::{context, url, with_rt};
use crate::decide;
use crate::json;
use crate::memory::Memory;
use crate::model::{self, Compiled};
use crate::rules::{self, Problem, SlotContent};
use crate::signals::{Event, EventKind, Signals};

/// (job, stage, holdout): a decision is published as changed when these change.
type Shown = (Option<Rc<str>>, Option<Rc<str>>, bool);

/// Rules larger than this are refused (a marketer's file is kilobytes).
const MAX_RULES: usize = 1 << 20;
/// Behaviour kept per page; the oldest goes first (the landing page stays).
const MAX_EVENTS: usize = 256;
/// Content added by the page is searched for dwell targets at most this often.
const RESCAN_MS: f64 = 1000.0;

pub struct Runtime {
    compiled: Compiled,
    content: Rc<[SlotContent]>,
    memory: Memory,
    store: Store,
    signals: Signals,
    /// `?jobwise=JOB` (QA).
    force: Option<String>,
    timeout_ms: f64,
    /// What the last published decision showed.
    last: Option<Shown>,
    /// The last decision's JSON (what the overlay shows).
    decision: Option<String>,
    pub actuator: Actuator,
    observers: Option<Observers>,
    rescanned_ms: f64,
    /// `?jobwise-debug`.
    debug: bool,
    overlay: Option<Overlay>,
    parsed: Option<Listener>,
}

impl Runtime {
    /// Everything known at once: the rules, the stored memory, the arrival.
    pub fn new(text: &str, timeout_ms: f64, consent: &str) -> Result<Runtime, String> {
        if text.len() > MAX_RULES {
            return Err("rules larger than 1 MB".into());
        }
        let mut rules =
            rules::parse_with(text, super::selector::check).map_err(|p| problems(&p))?;
        let mut store = Store::new(rules.privacy.remember, rules.privacy.days);
        let content = core::mem::take(&mut rules.content).into();
        let compiled = model::compile(rules);
        if !consent.is_empty() {
            store.consent(consent);
        }
        let now = dom::now_ms();
        let mut memory = store
            .read(now)
            .and_then(|line| Memory::decode(&compiled, &line))
            .unwrap_or_else(|| Memory::new((js_sys::Math::random() * 1e9) as u32));
        memory.start_page(now);
        let landing = url::parts(&dom::href());
        let referrer = url::parts(&dom::referrer());
        let arrival = crate::arrival::read(referrer.as_ref(), landing.as_ref());
        let param = |name: &str| {
            arrival
                .params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let force = param("jobwise").filter(|v| !v.is_empty());
        let debug = param("jobwise-debug").is_some();
        let page = arrival.landing_path.clone();
        let context = context::now(memory.visits, memory.days_since_last_visit(now));
        Ok(Runtime {
            compiled,
            content,
            memory,
            store,
            signals: Signals {
                arrival,
                events: vec![Event {
                    at_ms: now,
                    kind: EventKind::Page(page),
                }],
                context,
            },
            force,
            timeout_ms,
            last: None,
            decision: None,
            actuator: Actuator::new(route),
            observers: None,
            rescanned_ms: 0.0,
            debug,
            overlay: None,
            parsed: None,
        })
    }

    /// The first decision (from what is known at once), then observation.
    pub fn start(&mut self) {
        let late = dom::since_start_ms() > self.timeout_ms;
        self.decide(if late { Mode::Careful } else { Mode::Free });
        let c = &self.compiled;
        let wanted = Wanted {
            clicks: c.click_selectors().into_iter().map(Into::into).collect(),
            dwell: c
                .dwell_selectors()
                .into_iter()
                .map(|(s, t)| (s.into(), t))
                .collect(),
            scroll_marks: c.scroll_marks(),
        };
        let sink = Rc::new(|o| with_rt(|rt| rt.observed(o)));
        self.observers = Some(Observers::start(sink, wanted));
        if dom::loading() {
            let doc = dom::document();
            self.parsed = Some(host::listen(&doc, "DOMContentLoaded", |_| {
                with_rt(Runtime::parsed)
            }));
        } else {
            self.parsed();
        }
    }

    /// The document is parsed: every element has the plan, the snippet
    /// may show everything.
    #[inline(never)]
    fn parsed(&mut self) {
        self.actuator.scan(&dom::document().into(), Mode::Free);
        dom::reveal();
        self.rescan();
        if self.debug && self.overlay.is_none() {
            self.overlay = Overlay::new();
            self.show();
        }
    }

    #[inline(never)]
    pub fn observed(&mut self, o: Observed) {
        let now = dom::now_ms();
        match o {
            Observed::Events(kinds) => {
                for kind in kinds {
                    self.push(now, kind);
                }
                self.decide(Mode::Careful);
            }
            Observed::Pick(job) => {
                let job = Some(job.as_str()).filter(|j| !j.is_empty());
                if self.memory.set_pick(&self.compiled, job) {
                    // The visitor asked: everything changes at once.
                    self.decide(Mode::Force);
                }
            }
            Observed::Navigated(path) => {
                self.push(now, EventKind::Page(path));
                self.decide(Mode::Force);
                self.rescan();
            }
        }
    }

    /// Something was added to the page.
    pub fn notice(&mut self, n: Notice, v: wasm_bindgen::JsValue) {
        self.actuator.notice(n, v);
        if matches!(n, Notice::Added) && dom::now_ms() - self.rescanned_ms > RESCAN_MS {
            self.rescan();
        }
    }

    fn rescan(&mut self) {
        self.rescanned_ms = dom::now_ms();
        if let Some(d) = self.observers.as_ref().and_then(|o| o.dwell.as_ref()) {
            d.rescan();
        }
    }

    fn push(&mut self, at_ms: f64, kind: EventKind) {
        let events = &mut self.signals.events;
        if events.len() >= MAX_EVENTS {
            events.remove(1);
        }
        events.push(Event { at_ms, kind });
    }

    /// Asks the core, remembers, applies and publishes.
    #[inline(never)]
    fn decide(&mut self, mode: Mode) {
        let now = dom::now_ms();
        let m = &self.memory;
        self.signals.context = context::now(m.visits, m.days_since_last_visit(now));
        let d = decide::decide(&self.compiled, &self.signals, m, now, self.force.as_deref());
        self.memory.update(&d);
        self.store.write(&self.memory.encode(&self.compiled), now);
        let job = d.job.as_deref().filter(|_| !d.holdout);
        let plan = Plan::new(
            job,
            job.and(d.stage.as_deref()),
            d.terms.as_deref(),
            &self.content,
        );
        self.actuator.set_plan(plan, mode);
        let key = (d.job.clone(), d.stage.clone(), d.holdout);
        let changed = self.last.as_ref() != Some(&key);
        self.last = Some(key);
        let json = d.to_json();
        host::with(|h| h.decided(&json, changed));
        self.decision = Some(json);
        self.show();
    }

    /// Updates the debug overlay, when there is one.
    #[inline(never)]
    fn show(&self) {
        if let (Some(o), Some(json)) = (&self.overlay, &self.decision) {
            o.show(json);
        }
    }

    pub fn consent(&mut self, mode: &str) {
        if self.store.consent(mode) {
            self.store
                .write(&self.memory.encode(&self.compiled), dom::now_ms());
        }
    }

    /// Wipes what is stored and stores nothing more on this page.
    pub fn forget(&mut self) {
        self.store.consent("none");
        store::wipe_all();
    }

    /// Restores the page and stops observing.
    pub fn revert(&mut self) {
        self.actuator.revert();
        self.observers = None;
        self.overlay = None;
        self.parsed = None;
    }
}

/// Routes the actuator's observers back to it.
fn route(n: Notice, v: wasm_bindgen::JsValue) {
    with_rt(|rt| rt.notice(n, v));
}

/// The warning for rules that do not validate: the first problem, where,
/// and how many more.
/// "invalid rules at PATH (LINE:COLUMN): MESSAGE (+N more); run `jobwise
/// check`". The SDK's wasm is built without the `diagnostics` feature: the
/// message is then empty and the CLI says what is wrong.
fn problems(list: &[Problem]) -> String {
    let mut out = String::from("invalid rules");
    if let Some(p) = list.first() {
        out.push_str(" at ");
        out.push_str(&p.path);
        out.push_str(" (");
        json::number(&mut out, f64::from(p.line));
        out.push(':');
        json::number(&mut out, f64::from(p.column));
        out.push(')');
        if !p.message.is_empty() {
            out.push_str(": ");
            out.push_str(&p.message);
        }
        if list.len() > 1 {
            out.push_str(" (+");
            json::number(&mut out, (list.len() - 1) as f64);
            out.push_str(" more)");
        }
        out.push_str("; run `jobwise check`");
    }
    out
}
