//! Rules compiled once into lookup tables, and the scoring of one visitor:
//! which signals fired and with what effective weight.
//!
//! Cost of a decision grows with what the visitor did, not with the size
//! of the rules: every `terms` phrase of every job and stage sits in ONE
//! [`TermIndex`] (and every `search` phrase in another). Every other signal
//! is filed under a hash of one of its conditions (an event name, a
//! selector, a parameter's name with a 4-byte piece of its value glob, a
//! 4-byte piece of a page glob) in one hash map, and found from the
//! visitor's own values; hash collisions only add candidates, which are
//! then checked in full. Only signals with nothing to key on (device,
//! hours, source, referrer, short globs…) are checked on every decision.
//!
//! A signal fires once, when all its conditions hold. Arrival conditions
//! (terms, param, source, referrer) and circumstances (device, hours,
//! weekdays, visits, daysSinceLastVisit) keep their weight for the whole
//! page view; behavioural ones (page, dwell, click, scroll, search, event)
//! take their freshest occurrence and fade as `0.5^(age / halfLife)`. With
//! several behavioural conditions the oldest of their freshest occurrences
//! counts: the evidence is only as fresh as its oldest part.

mod glob;

use crate::prelude::*;
use core::cell::Cell;
use core::cmp::Ordering;

use crate::json::number;
use crate::rules::{Cmp, CmpOp, Condition, Glob, Policy, Rules, Signal, DAYS};
use crate::signals::{Event, EventKind, Signals};
use crate::text::case::lower_str;
use crate::text::ids::{Fnv, Ids};
use crate::text::{analyze, Hit, TermIndex, Token};

/// Why a score has the value it has: one fired signal.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason<'c> {
    /// The job (or, in `stage_reasons`, the stage) it counts for: the
    /// compiled rules' id (borrowed: no copy to make or drop).
    pub job: &'c str,
    /// The signal's kind as in the rules (`terms`, `page`…), or `memory`,
    /// `pick`, `override`.
    pub signal: &'static str,
    /// Effective weight, after fading.
    pub weight: f64,
    /// What matched, for people.
    pub detail: String,
    pub(crate) owner: u32,
    /// Counts as this page's evidence for later pages.
    pub(crate) carried: bool,
    /// The visitor's text that a `terms` condition of a job's signal of
    /// positive weight matched (for `Decision::terms`).
    pub(crate) terms: Option<&'c str>,
}

/// Ids and labels of the jobs (or of the stages), in file order.
pub(crate) struct Group {
    /// Lent to every decision's scores.
    pub(crate) ids: Vec<String>,
    pub(crate) labels: Vec<String>,
}

impl Group {
    /// Takes the ids and labels of `jobs` (no copies).
    fn new(jobs: &mut [crate::rules::Job]) -> Group {
        let mut ids = Vec::with_capacity(jobs.len());
        let mut labels = Vec::with_capacity(jobs.len());
        for j in jobs {
            ids.push(core::mem::take(&mut j.id));
            labels.push(core::mem::take(&mut j.label));
        }
        Group { ids, labels }
    }

    /// Adds the reason that `owner` (skipped when the rules have no such
    /// job or stage) scores `weight` for `signal`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn reason<'c>(
        &'c self,
        list: &mut Vec<Reason<'c>>,
        owner: u32,
        signal: &'static str,
        weight: f64,
        detail: String,
        carried: bool,
        terms: Option<&'c str>,
    ) {
        if let Some(id) = self.ids.get(owner as usize) {
            list.push(Reason {
                job: id,
                signal,
                weight,
                detail,
                owner,
                carried,
                terms,
            });
        }
    }

    /// The index of `id`. Inlined around `position`, which returns one
    /// number: returned from a call as two wasm results (the multi-value
    /// ABI), this `Option` met LLVM 22's miscompile in `decide`, whose
    /// forced stage read the value the local held before the call
    /// (llvm/llvm-project#98323; scripts/check-multivalue.mjs finds it).
    #[inline(always)]
    pub(crate) fn index(&self, id: &str) -> Option<u32> {
        let i = self.position(id);
        (i < self.ids.len()).then_some(i as u32)
    }

    /// Where `id` is in `ids`; their number when nowhere.
    #[inline(never)]
    fn position(&self, id: &str) -> usize {
        let mut i = 0;
        while let Some(j) = self.ids.get(i) {
            if **j == *id {
                break;
            }
            i += 1;
        }
        i
    }
}

/// Rules ready for decisions: build once per page with [`compile`].
/// Laid out in this order (`repr(C)`): what a decision reads first, the
/// two phrase indexes (passed by address) last, so that the fields read
/// in `evaluate` sit below offset 128, where a load's offset is one wasm
/// byte (in rustc's order `sigs`, `term_of` and `search_of` were past
/// it: 32 B less brotli, mean of 16).
#[repr(C)]
pub struct Compiled {
    sigs: Vec<Sig>,
    /// Term id → (signal, phrase as written).
    term_of: Vec<(u32, String)>,
    search_of: Vec<(u32, String)>,
    /// Visitor texts analysed. At `MEMO` or more they are forgotten all at
    /// once, but only before a decision's first text: `Seen` holds
    /// positions in it, so within one decision it grows past `MEMO` by
    /// that decision's texts (its arrival texts and searches, bounded by
    /// the runtime's events). A page decides again on every event with the
    /// same arrival terms, and analysing text is most of a decision's cost.
    /// Taken by each decision's `Seen` and given back at its end (a `Cell`:
    /// no borrow count to test and keep).
    memo: Cell<Vec<Analysed>>,
    pub(crate) jobs: Group,
    pub(crate) stages: Group,
    /// Percent of visitors in the control group.
    pub(crate) holdout: f64,
    /// A key's hash → its signals, in the one map type: a lookup costs
    /// the same whatever the rules' size (a bisection of sorted keys, for
    /// every gram of every path on every decision, had its branches
    /// mispredicted half the time, more of them the larger the rules). A
    /// hash collision only adds a candidate, which `check` then rejects.
    /// Signals with nothing to key on are filed under `SCANNED`, looked
    /// up on every decision.
    keyed: Ids,
    pub(crate) policy: Policy,
    /// Every `terms` phrase; the index id is a position in `term_of`.
    terms: TermIndex,
    search: TermIndex,
}

/// A visitor text analysed and looked up in one index.
struct Analysed {
    search: bool,
    text: String,
    tokens: Vec<Token>,
    hits: Vec<Hit>,
}

/// How many texts `Compiled::memo` holds before it forgets them (see there).
const MEMO: usize = 8;

// Key kinds (a signal is filed under the key of its first condition that
// has one): exact names, and page globs by a 4-byte piece ("gram": the last 4
// bytes of the glob's longest literal piece, looked up at every offset of
// the visitor's path; a glob's literal prefix, a piece of its own, would
// find fewer candidates but cost its own lookups). A parameter condition
// is filed once per value glob, under its name and that glob's gram (the
// name alone for a glob without one), so that rules naming the same
// parameter in every job (`utm_campaign`) do not make each of them a
// candidate. Referrer globs, few and matched against one host, are
// checked on every decision.
const K_EVENT: u8 = 0;
const K_CLICK: u8 = 1;
const K_DWELL: u8 = 2;
const K_PAGE: u8 = 3;
/// A parameter's name, with `SEP` and a gram of a value glob.
const K_PARAM: u8 = 4;
const GRAM: usize = 4;
/// Separates a parameter's name from a gram (never in UTF-8).
const SEP: &[u8] = &[0xff];
/// The key of the signals with nothing to key on (a hash that happens to
/// share its bits only adds candidates).
const SCANNED: u64 = 0;

struct Sig {
    /// Owned by a stage rather than a job.
    stage: bool,
    owner: u32,
    weight: f64,
    /// The rules' own conditions, moved (never none: the first names the
    /// signal's kind in its reasons); `Terms` and `Search` are left
    /// empty (their phrases are in `term_of` and `search_of`).
    conds: Vec<Condition>,
    /// Has behaviour: fades with the half-life.
    fades: bool,
    /// Worth carrying to later pages (anything but pure circumstances,
    /// which every page measures again).
    carried: bool,
    /// Has a `scroll` condition: its `page` globs apply to the scrolled page.
    scroll: bool,
}

/// Compiles rules into lookup tables. The rules are moved in: their
/// conditions become the compiled signals' as they are, their ids and
/// labels the compiled groups'.
pub fn compile(mut rules: Rules) -> Compiled {
    let mut c = Compiled::start(&mut rules);
    c.finish(&mut rules);
    c
}

impl Compiled {
    /// The first half of [`compile`], taking the ids and labels out of
    /// `rules` (left empty): the policy, the groups, no signals yet.
    /// Inlined: the SDK's runtime builds it in its box and finishes it
    /// there, with what is left of the rules its own (left allocated,
    /// which keeps the rules' drop glue out of its wasm). (Compiled whole
    /// in a frame, the compiled rules were copied into the box: the
    /// signals are added to a value whose address is taken, which LLVM
    /// then never builds in place.)
    #[inline(always)]
    pub fn start(rules: &mut Rules) -> Compiled {
        Compiled {
            policy: rules.decision,
            holdout: rules.holdout,
            jobs: Group::new(&mut rules.jobs),
            stages: Group::new(&mut rules.stages),
            sigs: Vec::new(),
            terms: no_phrases(),
            term_of: Vec::new(),
            search: no_phrases(),
            search_of: Vec::new(),
            keyed: Ids::default(),
            memo: Cell::new(Vec::new()),
        }
    }

    /// The second half of [`compile`]: the signals of `rules`, their
    /// conditions taken (left empty).
    pub fn finish(&mut self, rules: &mut Rules) {
        self.add_all(false, &mut rules.jobs);
        self.add_all(true, &mut rules.stages);
    }
}

/// An empty phrase index, built out of line (twice inlined, its empty
/// tables cost more wasm).
#[inline(never)]
fn no_phrases() -> TermIndex {
    TermIndex::default()
}

fn kind_name(c: &Condition) -> &'static str {
    match c {
        Condition::Terms(_) => "terms",
        Condition::Param { .. } => "param",
        Condition::Source(_) => "source",
        Condition::Referrer(_) => "referrer",
        Condition::Page(_) => "page",
        Condition::Dwell { .. } => "dwell",
        Condition::Click(_) => "click",
        Condition::Scroll(_) => "scroll",
        Condition::Search(_) => "search",
        Condition::Event(_) => "event",
        Condition::Device(_) => "device",
        Condition::Hours { .. } => "hours",
        Condition::Weekdays(_) => "weekdays",
        Condition::Visits(_) => "visits",
        Condition::DaysSinceLastVisit(_) => "daysSinceLastVisit",
    }
}

impl Compiled {
    /// Adds the signals of every job (or stage) of `group`.
    /// (Walked by reference: no `Vec` `IntoIter` instances.)
    fn add_all(&mut self, stage: bool, group: &mut [crate::rules::Job]) {
        for (owner, job) in group.iter_mut().enumerate() {
            for signal in &mut job.signals {
                self.add(stage, owner as u32, signal);
            }
        }
    }

    /// Adds `signal`, taking its conditions.
    fn add(&mut self, stage: bool, owner: u32, signal: &mut Signal) {
        if signal.conditions.is_empty() {
            return; // nothing to hold: never fires
        }
        let id = self.sigs.len() as u32;
        let (mut fades, mut carried, mut scroll, mut indexed) = (false, false, false, false);
        // The key of its first condition that has one: a signal that fires
        // holds that condition, so it is found by it (the rules' signals
        // have one condition, or `[Scroll, Page]`, or `[Hours, Weekdays]`).
        // (A first key that hashes to `SCANNED` lets a later one key it:
        // a signal that fires holds every condition, so either finds it.)
        let mut key = SCANNED;
        for cond in &mut signal.conditions {
            let watched = matches!(
                cond,
                Condition::Page(_)
                    | Condition::Dwell { .. }
                    | Condition::Click(_)
                    | Condition::Scroll(_)
                    | Condition::Search(_)
                    | Condition::Event(_)
            );
            fades |= watched;
            carried |= watched
                || matches!(
                    cond,
                    Condition::Terms(_)
                        | Condition::Param { .. }
                        | Condition::Source(_)
                        | Condition::Referrer(_)
                );
            // A condition keyed by one hash: its kind and key.
            let one = match cond {
                Condition::Terms(list) => {
                    indexed = true;
                    add_phrases(&mut self.terms, &mut self.term_of, list, id);
                    None
                }
                Condition::Search(list) => {
                    indexed = true;
                    add_phrases(&mut self.search, &mut self.search_of, list, id);
                    None
                }
                Condition::Param { name, globs } => {
                    indexed = true;
                    name.make_ascii_lowercase();
                    let named = Fnv::new(K_PARAM).feed(name.as_bytes());
                    // Globs with the same gram repeat a key: the map keeps
                    // the signal under it once.
                    for g in globs.iter() {
                        let h = gram(g.longest()).map_or(named, |w| named.feed(SEP).feed(w));
                        self.keyed.insert(h.0, id);
                    }
                    None
                }
                Condition::Page(g) => gram(g.longest()).map(|w| (K_PAGE, w)),
                Condition::Scroll(_) => {
                    scroll = true;
                    None
                }
                _ => behaviour(cond).map(|(k, key)| (k, key.as_bytes())),
            };
            if let Some((k, bytes)) = one.filter(|_| key == SCANNED) {
                key = hash(k, bytes);
            }
        }
        // A signal with terms is found through the term indexes instead,
        // one with a parameter through its own keys.
        if !indexed {
            self.keyed.insert(key, id);
        }
        self.sigs.push(Sig {
            stage,
            owner,
            weight: signal.weight,
            conds: core::mem::take(&mut signal.conditions),
            fades,
            carried,
            scroll,
        });
    }

    /// The signals keyed by hash `h`.
    fn lookup(&self, h: u64, out: &mut Vec<u64>) {
        for id in self.keyed.get(h) {
            out.push(id.into());
        }
    }

    /// Job id → index, in file order.
    pub fn job_index(&self, id: &str) -> Option<u32> {
        self.jobs.index(id)
    }

    /// Job ids in file order.
    pub fn job_ids(&self) -> &[String] {
        &self.jobs.ids
    }

    /// Stage ids in file order.
    pub fn stage_ids(&self) -> &[String] {
        &self.stages.ids
    }

    /// What the browser must observe for these rules, sorted, once each,
    /// as `(kind, text, number)`: the kinds of the web layer's `event`
    /// export. 0 a click on a selector (the browser reports the selector),
    /// 1 a selector in view for that many seconds (a `Dwell` event), 2 a
    /// scroll depth in percent (text empty).
    pub fn wants(&self) -> Vec<(u8, &str, f64)> {
        let mut out: Vec<(u8, &str, f64)> = Vec::new();
        for s in &self.sigs {
            'conds: for c in &s.conds {
                let w = match c {
                    Condition::Click(s) => (0, &**s, 0.0),
                    Condition::Dwell { selector, seconds } => (1, &**selector, *seconds),
                    Condition::Scroll(p) => (2, "", *p),
                    _ => continue,
                };
                // Inserted in order (no sort or dedup instance), once: as a
                // sort by `total_cmp` then `dedup` (`==`) would, which keep
                // -0.0 rather than 0.0 (equal by `==`, next to each other
                // by `total_cmp`), and every NaN.
                let mut i = 0;
                while let Some(o) = out.get_mut(i) {
                    match o.0.cmp(&w.0).then(o.1.cmp(w.1)) {
                        Ordering::Less => {}
                        Ordering::Equal if o.2 == w.2 => {
                            if w.2.is_sign_negative() {
                                o.2 = w.2;
                            }
                            continue 'conds;
                        }
                        Ordering::Equal if o.2.total_cmp(&w.2).is_lt() => {}
                        _ => break,
                    }
                    i += 1;
                }
                out.insert(i, w);
            }
        }
        out
    }
}

/// A click, dwell or custom event condition as `(kind, text)`: its key's
/// kind and the selector or event name (a `&String`, one scalar: the pair
/// comes back as two results, where a `&str` and a dwell's seconds went
/// through memory).
fn behaviour(c: &Condition) -> Option<(u8, &String)> {
    Some(match c {
        Condition::Click(s) => (K_CLICK, s),
        Condition::Dwell { selector, .. } => (K_DWELL, selector),
        Condition::Event(name) => (K_EVENT, name),
        _ => return None,
    })
}

/// A click, dwell or custom event as the `(kind, text)` of the
/// [`behaviour`] it satisfies.
fn observed(k: &EventKind) -> Option<(u8, &String)> {
    Some(match k {
        EventKind::Click(s) => (K_CLICK, s),
        EventKind::Dwell { selector, .. } => (K_DWELL, selector),
        EventKind::Custom(name) => (K_EVENT, name),
        _ => return None,
    })
}

fn hash(kind: u8, key: &[u8]) -> u64 {
    Fnv::new(kind).feed(key).0
}

/// The gram a glob piece is keyed by: its last `GRAM` bytes.
fn gram(b: &[u8]) -> Option<&[u8]> {
    b.len().checked_sub(GRAM).map(|i| &b[i..])
}

/// Looks up `base` fed with every `GRAM`-byte window of `value`.
fn windows(c: &Compiled, base: Fnv, value: &str, out: &mut Vec<u64>) {
    for w in value.as_bytes().windows(GRAM) {
        c.lookup(base.feed(w).0, out);
    }
}

/// Moves the phrases of `list` into `index` (and `of`), leaving it empty
/// (walked by reference: no `Vec<String>` `IntoIter` instance).
fn add_phrases(
    index: &mut TermIndex,
    of: &mut Vec<(u32, String)>,
    list: &mut Vec<String>,
    sig: u32,
) {
    for phrase in list.iter_mut() {
        if index.add(phrase, of.len() as u32) {
            of.push((sig, core::mem::take(phrase)));
        }
    }
    list.clear();
}

/// The best match of a signal's phrases in the visitor's words.
struct Best {
    sig: u32,
    /// Of a `search` phrase (else of a `terms` one).
    search: bool,
    term: u32,
    /// Which analysed text (`Seen::texts`).
    text: usize,
    start: usize,
    end: usize,
    fuzzy: bool,
    negated: bool,
    at: f64,
}

impl Best {
    /// Among one signal's matches: not negated, then exact, then freshest,
    /// then longest first; then the rules' order, so reasons never depend
    /// on the order of the hits; then the earlier text (not compared: the
    /// texts are sought in order, so `self`, of a text sought after `o`'s,
    /// never ranks first by it).
    fn rank(&self, o: &Best) -> Ordering {
        self.negated
            .cmp(&o.negated)
            .then(self.fuzzy.cmp(&o.fuzzy))
            .then(o.at.total_cmp(&self.at))
            .then((o.end - o.start).cmp(&(self.end - self.start)))
            .then(self.term.cmp(&o.term))
            .then(self.start.cmp(&o.start))
    }
}

/// The visitor's values, lower-cased and analysed once per decision.
struct Seen<'a> {
    signals: &'a Signals,
    now: f64,
    params: Vec<(String, String)>,
    /// Per event: the lower-cased path of a page or scroll event, empty
    /// for others (an empty path has no gram to look up).
    paths: Vec<String>,
    /// The arrival texts (terms, utm_term), then the search events'
    /// texts, as given and where analysed (in `memo`).
    texts: Vec<(&'a str, usize)>,
    /// `Compiled::memo`, taken for the decision.
    memo: Vec<Analysed>,
    /// One `Best` per signal and kind (terms or search).
    best: Vec<Best>,
}

/// Adds the hits of one text to `out`, which keeps one `Best` per signal
/// and kind (found by a walk: few signals match, and no sort, dedup or
/// insert is instantiated).
fn find_best(
    of: &[(u32, String)],
    search: bool,
    hits: &[Hit],
    text: usize,
    at: f64,
    out: &mut Vec<Best>,
) {
    for hit in hits {
        if let Some((sig, _)) = of.get(hit.id as usize) {
            let b = Best {
                sig: *sig,
                search,
                term: hit.id,
                text,
                start: hit.start,
                end: hit.end,
                fuzzy: hit.fuzzy,
                negated: hit.negated,
                at,
            };
            match slot(out, b.sig, search).and_then(|i| out.get_mut(i)) {
                Some(o) => {
                    if b.rank(o) == Ordering::Less {
                        *o = b;
                    }
                }
                None => out.push(b),
            }
        }
    }
}

/// Where the `Best` of signal `sig` (for its `search` phrases, or its
/// `terms`) is in `list`. Inlined in its two callers (out of line, its
/// `Option` two wasm results since the multi-value ABI: 48 B more brotli,
/// mean of 16; `iter().find` and `iter_mut().find` in them instead: 144 B
/// less wasm but 24 B more brotli).
#[inline(always)]
fn slot(list: &[Best], sig: u32, search: bool) -> Option<usize> {
    let mut i = 0;
    while let Some(b) = list.get(i) {
        if b.sig == sig && b.search == search {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn best(list: &[Best], sig: u32, search: bool) -> Option<&Best> {
    list.get(slot(list, sig, search)?)
}

impl Compiled {
    /// A reason for every signal that fired for this visitor at `now_ms`
    /// (or would have, but for a negation: weight 0, reported as ignored),
    /// in rule order, pushed to `reasons` (a job's) or `stage_reasons`.
    /// Out of line: inlined, its locals made `decide`'s stack frame pass
    /// 128 bytes, and every offset past that costs a byte more.
    #[inline(never)]
    pub(crate) fn evaluate<'c>(
        &'c self,
        signals: &'c Signals,
        now_ms: f64,
        reasons: &mut Vec<Reason<'c>>,
        stage_reasons: &mut Vec<Reason<'c>>,
    ) {
        // Filled in place (returned by `see`, it was built and then copied).
        let mut seen = Seen {
            signals,
            now: now_ms,
            params: Vec::with_capacity(signals.arrival.params.len()),
            paths: Vec::with_capacity(signals.events.len()),
            texts: Vec::new(),
            best: Vec::new(),
            memo: self.memo.take(),
        };
        self.see(&mut seen);
        // Signal ids as u64 (as u32, without the widening, the wasm was
        // 108 B smaller but `jobwise.js` 33 B larger in brotli, mean of 16).
        let mut cand: Vec<u64> = Vec::with_capacity(32);
        for b in &seen.best {
            cand.push(b.sig.into());
        }
        self.lookup(SCANNED, &mut cand);
        // Every parameter is looked up, named ones or not: an extra
        // candidate is only checked (a table of the names that key
        // signals, to skip the others, cost more wasm than it saved).
        for (name, value) in &seen.params {
            let named = Fnv::new(K_PARAM).feed(name.as_bytes());
            self.lookup(named.0, &mut cand);
            windows(self, named.feed(SEP), value, &mut cand);
        }
        for event in &signals.events {
            if let Some((kind, key)) = observed(&event.kind) {
                self.lookup(hash(kind, key.as_bytes()), &mut cand);
            }
        }
        // Looked up whether or not any glob is keyed by a gram (a flag to
        // skip them cost more wasm than it saved).
        for path in &seen.paths {
            windows(self, Fnv::new(K_PAGE), path, &mut cand);
        }
        crate::sort::sort(&mut cand);

        let half_life = self.policy.half_life_minutes * 60_000.0;
        // Each candidate once: repeats are adjacent once sorted (skipped
        // here, no `dedup` linked).
        let mut last = u64::MAX;
        for &id in &cand {
            if id == last {
                continue;
            }
            last = id;
            let id = id as u32;
            let sig = &self.sigs[id as usize];
            // Filled by `check` (an `Option<Check>` returned through
            // memory cost a niche test).
            let mut check = Check {
                at: now_ms,
                detail: String::with_capacity(64),
                negated: false,
                terms: None,
            };
            if self.check(id, sig, &seen, &mut check).is_some() {
                let weight = if check.negated {
                    0.0
                } else if sig.fades {
                    sig.weight * fade(now_ms - check.at, half_life)
                } else {
                    sig.weight
                };
                let (group, list) = if sig.stage {
                    (&self.stages, &mut *stage_reasons)
                } else {
                    (&self.jobs, &mut *reasons)
                };
                let carried = sig.carried && !check.negated;
                let kind = kind_name(&sig.conds[0]);
                let terms = check.terms.filter(|_| weight > 0.0);
                group.reason(list, sig.owner, kind, weight, check.detail, carried, terms);
            }
        }
        self.memo.set(seen.memo);
    }

    /// Fills `seen`, fresh, with the visitor's values.
    fn see<'a>(&self, seen: &mut Seen<'a>) {
        let (signals, now) = (seen.signals, seen.now);
        let arrival = &signals.arrival;
        for (k, v) in &arrival.params {
            seen.params.push((lower_str(k), lower_str(v)));
        }
        for e in &signals.events {
            seen.paths.push(match &e.kind {
                EventKind::Page(p) | EventKind::Scroll { path: p, .. } => lower_str(p),
                _ => String::new(),
            });
        }
        if !self.term_of.is_empty() {
            let terms = crate::text::trim(&arrival.terms);
            if !terms.is_empty() {
                self.seek(false, &arrival.terms, now, seen);
            }
            // The first `utm_term`, unless blank or the same as the terms.
            for (k, v) in &arrival.params {
                if **k == *"utm_term" {
                    let v = crate::text::trim(v);
                    if !v.is_empty() && !terms.eq_ignore_ascii_case(v) {
                        self.seek(false, v, now, seen);
                    }
                    break;
                }
            }
        }
        if !self.search_of.is_empty() {
            for event in &signals.events {
                if let EventKind::Search(text) = &event.kind {
                    self.seek(true, text, event.at_ms, seen);
                }
            }
        }
    }

    /// Adds `text`, an arrival text or a search (`search`) seen at `at`,
    /// to `seen`'s texts, and its matches to its bests. A text is analysed
    /// and looked up in the terms (or search) index once, remembered for
    /// the next decisions.
    fn seek<'a>(&self, search: bool, text: &'a str, at: f64, seen: &mut Seen<'a>) {
        let memo = &mut seen.memo;
        if seen.texts.is_empty() && memo.len() >= MEMO {
            memo.clear();
        }
        let mut i = 0;
        while let Some(a) = memo.get(i) {
            if a.search == search && a.text == text {
                break;
            }
            i += 1;
        }
        if i == memo.len() {
            let tokens = analyze(text);
            let index = if search { &self.search } else { &self.terms };
            memo.push(Analysed {
                search,
                text: text.into(),
                hits: index.find(&tokens),
                tokens,
            });
        }
        let of = if search {
            &self.search_of
        } else {
            &self.term_of
        };
        find_best(
            of,
            search,
            &seen.memo[i].hits,
            seen.texts.len(),
            at,
            &mut seen.best,
        );
        seen.texts.push((text, i));
    }
}

/// `0.5^(age / half_life)`; no fading for a non-positive half-life, and
/// none for evidence from the future (clock skew). Through `exp`, which
/// the softmax links anyway: libm's `exp2` carries a 4 KB table of
/// doubles that brotli cannot shrink.
pub(crate) fn fade(age_ms: f64, half_life_ms: f64) -> f64 {
    if half_life_ms > 0.0 && age_ms > 0.0 {
        crate::math::exp(-age_ms / half_life_ms * core::f64::consts::LN_2)
    } else {
        1.0
    }
}

/// The outcome of checking one signal's conditions.
struct Check<'a> {
    /// Time of the oldest freshest behaviour (`now` when none).
    at: f64,
    detail: String,
    negated: bool,
    terms: Option<&'a str>,
}

/// Separates condition details in a reason.
fn sep(detail: &mut String) -> &mut String {
    if !detail.is_empty() {
        detail.push_str(", ");
    }
    detail
}

/// `"visitor words"`: the words of `tokens` from `start` to `end`, quoted.
/// Out of line, as `satisfies` (inlined into `evaluate`, the two cost
/// 18 B more brotli, mean of 16, for the same wasm size).
#[inline(never)]
fn quoted_words(out: &mut String, tokens: &[Token], start: usize, end: usize) {
    out.push('"');
    for (i, t) in tokens.get(start..end).unwrap_or(&[]).iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&t.word);
    }
    out.push('"');
}

/// `"visitor words" ~ "phrase"`, noting typos and negation.
fn match_detail(out: &mut String, tokens: &[Token], b: &Best, phrase: &str) {
    quoted_words(out, tokens, b.start, b.end);
    out.push_str(if b.fuzzy { " ≈ \"" } else { " ~ \"" });
    out.push_str(phrase);
    out.push('"');
    if b.fuzzy {
        out.push_str(" (typo)");
    }
    if b.negated {
        out.push_str(" negated: ignored");
    }
}

fn cmp_holds(c: &Cmp, v: f64) -> bool {
    match c.op {
        CmpOp::Lt => v < c.value,
        CmpOp::Le => v <= c.value,
        CmpOp::Eq => v == c.value,
        CmpOp::Ge => v >= c.value,
        CmpOp::Gt => v > c.value,
    }
}

fn cmp_detail(out: &mut String, what: &str, v: f64, c: &Cmp) {
    out.push_str(what);
    number(out, v);
    out.push_str(match c.op {
        CmpOp::Lt => " < ",
        CmpOp::Le => " <= ",
        CmpOp::Eq => " = ",
        CmpOp::Ge => " >= ",
        CmpOp::Gt => " > ",
    });
    number(out, c.value);
}

impl Compiled {
    /// Checks every condition of `sig` into `c` (fresh, `at` now); `None`
    /// as soon as one fails. Inlined into `evaluate` (out of line itself):
    /// 78 B more wasm, 46 B less brotli (mean of 16); inlined into `decide`
    /// it cost more brotli.
    #[inline(always)]
    fn check<'a>(&self, id: u32, sig: &Sig, seen: &Seen<'a>, c: &mut Check<'a>) -> Option<()> {
        let s = seen.signals;
        let ctx = &s.context;
        for cond in sig.conds.iter() {
            // Within a scroll signal, the scroll's page is checked with it.
            if sig.scroll && matches!(cond, Condition::Page(_)) {
                continue;
            }
            // Separated at once: a condition that fails drops the detail.
            let d = sep(&mut c.detail);
            match cond {
                Condition::Terms(_) | Condition::Search(_) => {
                    let search = matches!(cond, Condition::Search(_));
                    let of = if search {
                        &self.search_of
                    } else {
                        &self.term_of
                    };
                    let b = best(&seen.best, id, search)?;
                    let (text, i) = seen.texts[b.text];
                    let a = &seen.memo[i];
                    if search {
                        d.push_str("search ");
                    } else if !b.negated {
                        c.terms = Some(text);
                    }
                    match_detail(d, &a.tokens, b, &of[b.term as usize].1);
                    c.negated |= b.negated;
                    // An arrival text's `at` is `now`: no change.
                    c.at = c.at.min(b.at);
                }
                Condition::Param { name, globs } => {
                    // Matched lower-cased, written as given.
                    let mut found = None;
                    let given = seen.params.iter().zip(&s.arrival.params);
                    'params: for ((k, v), as_given) in given {
                        if **k == **name {
                            for g in globs {
                                if g.matches(v) {
                                    found = Some((as_given, g));
                                    break 'params;
                                }
                            }
                        }
                    }
                    let ((k, v), glob) = found?;
                    d.push_str(k);
                    glob_detail(d, "=", v, glob);
                }
                Condition::Source(src) => {
                    if s.arrival.source != *src {
                        return None;
                    }
                    d.push_str("source ");
                    d.push_str(src.as_str());
                }
                Condition::Referrer(glob) => {
                    // Lower-cased by `arrival::read`.
                    let Some(host) = &seen.signals.arrival.referrer_host else {
                        return None;
                    };
                    if !glob.matches(host) {
                        return None;
                    }
                    glob_detail(d, "referrer ", host, glob);
                }
                Condition::Page(_)
                | Condition::Scroll(_)
                | Condition::Click(_)
                | Condition::Dwell { .. }
                | Condition::Event(_) => {
                    // The freshest event satisfying `cond` (the latest of equals).
                    let mut found: Option<&Event> = None;
                    for (i, e) in s.events.iter().enumerate() {
                        if satisfies(sig, seen, cond, i, &e.kind)
                            && found.is_none_or(|f| e.at_ms >= f.at_ms)
                        {
                            found = Some(e);
                        }
                    }
                    let e = found?;
                    match (cond, &e.kind) {
                        (Condition::Page(glob), EventKind::Page(path)) => {
                            glob_detail(d, "page ", path, glob)
                        }
                        (Condition::Scroll(min), EventKind::Scroll { percent, path }) => {
                            d.push_str("scroll ");
                            number(d, *percent);
                            d.push_str("% >= ");
                            number(d, *min);
                            d.push('%');
                            for cond in sig.conds.iter() {
                                if let Condition::Page(glob) = cond {
                                    glob_detail(d, " on page ", path, glob);
                                }
                            }
                        }
                        (
                            Condition::Click(want)
                            | Condition::Event(want)
                            | Condition::Dwell { selector: want, .. },
                            kind,
                        ) => {
                            d.push_str(kind_name(cond));
                            d.push(' ');
                            d.push_str(want);
                            if let (
                                EventKind::Dwell { seconds: secs, .. },
                                Condition::Dwell { seconds: min, .. },
                            ) = (kind, cond)
                            {
                                d.push(' ');
                                number(d, *secs);
                                d.push_str("s >= ");
                                number(d, *min);
                                d.push('s');
                            }
                        }
                        _ => {}
                    }
                    c.at = c.at.min(e.at_ms);
                }
                Condition::Device(device) => {
                    if ctx.device != *device {
                        return None;
                    }
                    d.push_str("device ");
                    d.push_str(device.as_str());
                }
                Condition::Hours { from, to } => {
                    let h = ctx.hour;
                    // Both bounds hold, or, through midnight (`from`
                    // later than `to`, when the two never hold together),
                    // either: counted, no branch.
                    let (after, before) = (h >= *from, h <= *to);
                    let inside = u8::from(after) + u8::from(before) > u8::from(from <= to);
                    if !inside {
                        return None;
                    }
                    d.push_str("hour ");
                    number(d, f64::from(h));
                    d.push_str(" in ");
                    number(d, f64::from(*from));
                    d.push('-');
                    number(d, f64::from(*to));
                }
                Condition::Weekdays(mask) => {
                    let day = DAYS.get(usize::from(ctx.weekday))?;
                    if mask >> ctx.weekday & 1 == 0 {
                        return None;
                    }
                    d.push_str("weekday ");
                    d.push_str(day);
                }
                Condition::Visits(cmp) | Condition::DaysSinceLastVisit(cmp) => {
                    let (what, v) = if let Condition::Visits(_) = cond {
                        ("visits ", Some(f64::from(ctx.visits)))
                    } else {
                        ("days since last visit ", ctx.days_since_last_visit)
                    };
                    let v = v.filter(|v| cmp_holds(cmp, *v))?;
                    cmp_detail(d, what, v, cmp);
                }
            }
        }
        Some(())
    }
}

/// Whether event `i`, of kind `k`, satisfies `cond`: a page, scroll, click,
/// dwell or custom event condition of `sig` (a scroll on the pages of
/// its `page` conditions). Out of line (see `quoted_words`).
#[inline(never)]
fn satisfies(sig: &Sig, seen: &Seen, cond: &Condition, i: usize, k: &EventKind) -> bool {
    // The event's path (one per event), for its page globs: read here, a
    // closure over it was called through memory.
    let path = &seen.paths[i];
    // A selector or name, the event's, and whether the rest holds: the
    // two compared at one place (a comparison per arm was twice inlined).
    let (want, got, ok) = match (cond, k) {
        (Condition::Page(g), EventKind::Page(_)) => return g.matches(path),
        (Condition::Scroll(min), EventKind::Scroll { percent, .. }) => {
            let mut ok = *percent >= *min;
            for c in &sig.conds {
                if let Condition::Page(g) = c {
                    ok &= g.matches(path);
                }
            }
            return ok;
        }
        (
            Condition::Dwell {
                selector: want,
                seconds: min,
            },
            EventKind::Dwell {
                selector: got,
                seconds,
            },
        ) => (want, got, *seconds >= *min),
        (Condition::Click(want), EventKind::Click(got))
        | (Condition::Event(want), EventKind::Custom(got)) => (want, got, true),
        _ => return false,
    };
    ok && *got == *want
}

/// `WHAT VALUE ~ GLOB`: what a page, referrer or parameter glob matched.
fn glob_detail(out: &mut String, what: &str, value: &str, glob: &Glob) {
    out.push_str(what);
    out.push_str(value);
    out.push_str(" ~ ");
    out.push_str(&glob.source);
}
