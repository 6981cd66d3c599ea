//! Walks the JSON tree of a rules document, builds [`Rules`] and records
//! every problem found (never just the first) with its path and offset.
//!
//! Each check reports and goes on with a fallback, so one run finds all
//! the problems. Problems hang on the offending key or value; a missing
//! key hangs on its object's `{`.

use super::values::{cat, closest, comparison, glob, hours, link, num, uint, weekdays, GlobOf};
use super::*;
use crate::arrival::Source;
use crate::json::{index, push_index, push_key, string, Kind, Member, Value};
use crate::prelude::*;

const TOP: &[&str] = &[
    "$schema", "version", "language", "decision", "jobs", "stages", "content", "privacy", "holdout",
];
const DECISION: &[&str] = &["threshold", "margin", "halfLifeMinutes", "stickiness"];
const JOB: &[&str] = &["label", "signals"];
const SIGNAL: &[&str] = &[
    "weight",
    "language",
    "terms",
    "param",
    "match",
    "source",
    "referrer",
    "page",
    "dwell",
    "seconds",
    "click",
    "scroll",
    "search",
    "event",
    "device",
    "hours",
    "weekdays",
    "visits",
    "daysSinceLastVisit",
];
/// The keys of `SIGNAL` that say what a signal observes (its kinds): all
/// but these four.
const KINDS: u32 =
    ((1 << SIGNAL.len()) - 1) & !bits(SIGNAL, &["weight", "language", "match", "seconds"]);
// The kinds' indices in `SIGNAL`.
const TERMS: usize = at(SIGNAL, "terms");
const PARAM: usize = at(SIGNAL, "param");
const SOURCE: usize = at(SIGNAL, "source");
const REFERRER: usize = at(SIGNAL, "referrer");
const PAGE: usize = at(SIGNAL, "page");
const DWELL: usize = at(SIGNAL, "dwell");
const CLICK: usize = at(SIGNAL, "click");
const SCROLL: usize = at(SIGNAL, "scroll");
const SEARCH: usize = at(SIGNAL, "search");
const EVENT: usize = at(SIGNAL, "event");
const DEVICE: usize = at(SIGNAL, "device");
const HOURS: usize = at(SIGNAL, "hours");
const WEEKDAYS: usize = at(SIGNAL, "weekdays");
const VISITS: usize = at(SIGNAL, "visits");
/// The bits of `keys` in a mask over `allowed`, as [`Validator::keys`]
/// gives its hints (computed at compile time).
const fn bits(allowed: &[&str], keys: &[&str]) -> u32 {
    let mut mask = 0;
    let mut i = 0;
    while i < allowed.len() {
        let mut k = 0;
        while k < keys.len() {
            let (a, b) = (allowed[i].as_bytes(), keys[k].as_bytes());
            let mut same = a.len() == b.len();
            let mut j = 0;
            while same && j < a.len() {
                same = a[j] == b[j];
                j += 1;
            }
            if same {
                mask |= 1 << i;
            }
            k += 1;
        }
        i += 1;
    }
    mask
}

/// The index of `key` in `keys` (at compile time).
const fn at(keys: &[&str], key: &str) -> usize {
    bits(keys, &[key]).trailing_zeros() as usize
}
const VARIANT: &[&str] = &["text", "href", "title", "aria-label", "alt", "src"];
const PRIVACY: &[&str] = &["remember", "days"];
/// In the order of `Source::ALL`.
const SOURCES: &[&str] = &Source::NAMES;
const DEVICES: &[&str] = &Device::NAMES;
const LANGS: &[&str] = &["ru", "en"];
const REMEMBER: &[&str] = &["none", "session", "local"];

/// The longest label, selector, glob, event or parameter name.
const MAX_NAME_CHARS: usize = 200;
/// The longest link (`href`, `src`).
const MAX_LINK_CHARS: usize = 2000;
/// The largest weight, either sign.
const MAX_WEIGHT: i32 = 1000;
/// The longest `dwell`.
const MAX_SECONDS: i32 = 3600;

/// What the validator remembers for the warnings (diagnostics only).
#[cfg(feature = "diagnostics")]
#[derive(Default)]
pub(crate) struct Seen {
    language_set: bool,
    /// The Russian-term-under-en warning is given once.
    warned_script: bool,
    /// Terms with a positive weight, per job index (jobs only).
    pub terms: Vec<TermSeen>,
    /// Offset of each job's key, parallel to `Rules::jobs`.
    pub job_at: Vec<usize>,
    pub stage_at: Vec<usize>,
}

/// A term of a job, remembered for the warnings across jobs.
#[cfg(feature = "diagnostics")]
pub(crate) struct TermSeen {
    /// The term's stems, space-separated.
    pub key: String,
    pub job: usize,
    pub at: usize,
    pub text: String,
}

pub(crate) struct Validator<'t> {
    text: &'t str,
    /// The document, for the paths of problems (see [`path_of`]).
    root: Option<&'t Value>,
    /// The problems in the order found (line and column are filled in at
    /// the end, in one pass over the text).
    #[cfg(feature = "diagnostics")]
    found: Vec<Problem>,
    /// Where each problem of `found` points: the byte offset (high 32
    /// bits; a rules text is at most 1 MiB), then its index in `found`.
    /// Ascending is the order of the text, and at one offset the order
    /// found: sorted as plain `u64`s (the sort instance `model` has too).
    #[cfg(feature = "diagnostics")]
    order: Vec<u64>,
    /// Without diagnostics (the SDK, whose warning names only the first
    /// problem and counts the rest; no warnings then): the first problem
    /// in the order of the text: its offset (`usize::MAX` before the
    /// first: no `Option` to test for its niche) and path. No list, no sort.
    #[cfg(not(feature = "diagnostics"))]
    first: (usize, String),
    pub errors: usize,
    language: Lang,
    terms_total: usize,
    /// What the warnings need (diagnostics only).
    #[cfg(feature = "diagnostics")]
    pub seen: Seen,
    selectors: SelectorCheck,
}

/// The path of the value or member at byte `at` of the text (or of the
/// string `at` is inside), as messages show it: the keys and indices from
/// the root (empty for the root), written (as `json::push_key` does) only
/// for a problem, so no check builds or passes a path. Members and items
/// are in the order of the text: the last one starting at or before `at`
/// holds it.
fn path_of(root: Option<&Value>, at: usize) -> String {
    let mut path = String::new();
    let mut v = root;
    while let Some(value) = v {
        v = match &value.kind {
            Kind::Object(members) => {
                // `move`: the closures hold `at`, not a reference to a slot
                // of this frame.
                let n = members.partition_point(move |m| m.key_at <= at);
                members.get(n.wrapping_sub(1)).map(|m| {
                    push_key(&mut path, &m.key);
                    &m.value
                })
            }
            Kind::Array(items) => {
                let n = items.partition_point(move |item| item.at <= at);
                items
                    .get(n.wrapping_sub(1))
                    .inspect(|_| push_index(&mut path, n - 1))
            }
            _ => None,
        };
    }
    path
}

/// A value quoted for a message: in backticks, escaped, at most 40
/// characters.
fn shown(s: &str) -> String {
    let cut: String = s.chars().take(40).collect();
    let mut json = String::new();
    string(&mut json, &cut);
    let mut out = String::from("`");
    out.push_str(&json[1..json.len() - 1]);
    if cut.len() < s.len() {
        out.push('…');
    }
    out.push('`');
    out
}

/// ", did you mean `x`?" or nothing.
fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    match closest(word, candidates) {
        Some(i) => cat(&[", did you mean `", candidates[i], "`?"]),
        None => String::new(),
    }
}

/// "`a`, `b` or `c`".
fn one_of(names: &[&str]) -> String {
    let mut s = String::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            s.push_str(if i + 1 == names.len() { " or " } else { ", " });
        }
        s.push('`');
        s.push_str(n);
        s.push('`');
    }
    s
}

/// The characters of `s`: its bytes that start one. A plain loop, where
/// `chars().count()` brings core's 800-byte word-at-a-time counter.
fn chars(s: &str) -> usize {
    let mut n = 0;
    for b in s.as_bytes() {
        n += usize::from(b & 0xc0 != 0x80);
    }
    n
}

/// Whether `id` is a valid job or stage id.
fn is_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        // Every byte is in the class below: the first is then a letter or
        // digit when it is not `-` or `_`.
        && !matches!(b[0], b'-' | b'_')
        && crate::text::all_bytes(id, |c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_'
        })
}

/// Why `id` is not a valid job or stage id (`what`: "job", "stage").
fn id_message(what: &str, id: &str) -> String {
    let mut msg = cat(&["invalid ", what, " id ", &shown(id), ": "]);
    let lower = crate::text::case::lower_str(id);
    if chars(id) > 64 {
        msg.push_str("at most 64 characters");
    } else if lower != id && is_id(&lower) {
        msg.push_str(&cat(&["ids are lower-case: `", &lower, "`"]));
    } else {
        msg.push_str(
            "an id has lower-case letters a-z, digits, `-` and `_`, and starts with a letter or digit",
        );
    }
    msg
}

/// "expected `expected`, found …", with a hint for a quoted number or a
/// bare string where a list belongs.
fn type_message(v: &Value, expected: &str) -> String {
    let mut m = cat(&["expected ", expected, ", found ", v.type_name()]);
    if let Kind::String(s) = &v.kind {
        if expected == "a number" && crate::json::parse_f64(crate::text::trim(s)).is_some() {
            m.push_str(": remove the quotes");
        }
        if expected == "a list" {
            m.push_str(": write [\"…\"]");
        }
    }
    m
}

/// The language at index `i` of [`LANGS`] (en, the default, past its end).
fn lang(i: usize) -> Lang {
    if i == 0 {
        Lang::Ru
    } else {
        Lang::En
    }
}

impl<'t> Validator<'t> {
    pub fn new(text: &'t str, root: Option<&'t Value>, selectors: SelectorCheck) -> Self {
        Validator {
            text,
            root,
            selectors,
            #[cfg(feature = "diagnostics")]
            found: Vec::new(),
            #[cfg(feature = "diagnostics")]
            order: Vec::new(),
            #[cfg(not(feature = "diagnostics"))]
            first: (usize::MAX, String::new()),
            errors: 0,
            language: Lang::En,
            terms_total: 0,
            #[cfg(feature = "diagnostics")]
            seen: Seen::default(),
        }
    }

    /// Records a problem at `at` whose path is that of the value or member
    /// at byte `of` (see [`path_of`]).
    fn report(&mut self, severity: Severity, at: usize, of: usize, message: crate::Message) {
        let path = path_of(self.root, of);
        self.record(severity, at, path, message);
    }

    /// Records a problem at `at`; `path` is written out (empty for the root).
    #[cfg_attr(not(feature = "diagnostics"), allow(unused_variables))]
    pub(crate) fn record(
        &mut self,
        severity: Severity,
        at: usize,
        mut path: String,
        message: crate::Message,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        if path.is_empty() {
            path.push('$');
        }
        #[cfg(feature = "diagnostics")]
        {
            self.order.push((at as u64) << 32 | self.found.len() as u64);
            self.found.push(Problem {
                severity,
                path,
                line: 0,
                column: 0,
                message,
            });
        }
        // At one offset, the first found (always an error: no warnings
        // without diagnostics, and no message to keep). The other paths
        // are let go of undropped: the SDK gives up on rules with errors,
        // and its wasm has no drop glue here.
        #[cfg(not(feature = "diagnostics"))]
        if at < self.first.0 {
            core::mem::forget(core::mem::replace(&mut self.first, (at, path)));
        } else {
            core::mem::forget(path);
        }
    }

    /// Every problem recorded, in the order of the text; at one offset, in
    /// the order found.
    #[cfg(feature = "diagnostics")]
    pub(crate) fn problems(self) -> Vec<Problem> {
        let mut found = self.found;
        let mut order = self.order;
        crate::sort::sort(&mut order);
        let mut cursor = crate::json::Cursor::new(self.text);
        let mut problems = Vec::with_capacity(found.len());
        for &o in &order {
            let p = &mut found[o as u32 as usize];
            let (line, column) = cursor.seek((o >> 32) as usize);
            problems.push(Problem {
                severity: p.severity,
                path: core::mem::take(&mut p.path),
                line,
                column,
                message: core::mem::take(&mut p.message),
            });
        }
        problems
    }

    /// The first error in the order of the text (its offset and path), and
    /// how many errors were recorded: [`super::parse_bounded`] finds its
    /// line and column when the rules are refused.
    #[cfg(not(feature = "diagnostics"))]
    pub(crate) fn first(self) -> ((usize, String), usize) {
        (self.first, self.errors)
    }

    /// Records an error at `at`, on the path of what is there (see the
    /// `error!` macro, which builds the message only with diagnostics).
    pub(crate) fn error(&mut self, at: usize, message: crate::Message) {
        self.report(Severity::Error, at, at, message);
    }

    /// An error at `at` on the path of what is at `of` (an entry past a
    /// limit, on its list's path).
    fn error_in(&mut self, at: usize, of: usize, message: crate::Message) {
        self.report(Severity::Error, at, of, message);
    }

    /// Warnings are for `jobwise check` and the playground only (see the
    /// `warning!` macro), on the path of what is at `of`.
    pub(crate) fn warn(&mut self, at: usize, of: usize, message: crate::Message) {
        if cfg!(feature = "diagnostics") {
            self.report(Severity::Warning, at, of, message);
        }
    }

    /// The offset of byte `i` of string value `v`, when the string has no
    /// escapes (so the text holds it verbatim); else the string's start.
    /// (The bytes compared as slices: `&[u8] == &[u8]` passed its two
    /// references through a stack frame.)
    fn inside(&self, v: &Value, s: &str, i: usize) -> usize {
        let start = v.at + 1;
        let text = self.text.as_bytes();
        match text.get(start..start + s.len()) {
            Some(raw)
                if *raw == *s.as_bytes() && matches!(text.get(start + s.len()), Some(b'"')) =>
            {
                start + i
            }
            _ => v.at,
        }
    }

    fn wrong_type(&mut self, v: &Value, expected: &str) {
        error!(self, v.at, type_message(v, expected));
    }

    // The type checks below are inlined. (Out of line, with their
    // `Option`s two wasm results since the multi-value ABI: 62 B more
    // brotli, mean of 16; `object` alone 102 B less wasm but 6 B more
    // brotli.)
    #[inline(always)]
    fn object<'v>(&mut self, v: &'v Value) -> Option<&'v [Member]> {
        match &v.kind {
            Kind::Object(m) => Some(m),
            _ => {
                self.wrong_type(v, "an object {…}");
                None
            }
        }
    }

    #[inline(always)]
    fn array<'v>(&mut self, v: &'v Value) -> Option<&'v Vec<Value>> {
        match &v.kind {
            Kind::Array(items) => Some(items),
            _ => {
                self.wrong_type(v, "a list");
                None
            }
        }
    }

    #[inline(always)]
    fn string<'v>(&mut self, v: &'v Value) -> Option<&'v String> {
        match &v.kind {
            Kind::String(s) => Some(s),
            _ => {
                self.wrong_type(v, "a string");
                None
            }
        }
    }

    #[inline(always)]
    fn number(&mut self, v: &Value) -> Option<f64> {
        match v.kind {
            Kind::Number(n) => Some(n),
            _ => {
                self.wrong_type(v, "a number");
                None
            }
        }
    }

    /// A number within `min..=max` (`min` excluded when `open`; no `max`
    /// when it is negative), or NaN when not (reported): rules with errors
    /// are never used. (An `Option<f64>`, two wasm results since the
    /// multi-value ABI, and NaN at its callers: 53 B more brotli, mean of
    /// 16.) The bounds are whole: passed as `i32`s, each a constant of a
    /// byte or two at the call, where an `f64` one is nine.
    fn number_in(&mut self, v: &Value, min: i32, open: bool, max: i32) -> f64 {
        let min = f64::from(min);
        let max = if max < 0 { f64::MAX } else { f64::from(max) };
        let Some(n) = self.number(v) else {
            return f64::NAN;
        };
        if n < min || (open && n == min) || n > max {
            error!(self, v.at, {
                let mut m = if open {
                    cat(&["must be more than ", &num(min)])
                } else {
                    cat(&["must be at least ", &num(min)])
                };
                if max < f64::MAX {
                    m.push_str(" and at most ");
                    m.push_str(&num(max));
                }
                m.push_str(", found ");
                m.push_str(&num(n));
                m
            });
            return f64::NAN;
        }
        n
    }

    /// A string of at most `max` characters, not blank when `!empty_ok`,
    /// without control characters.
    fn text_value<'v>(&mut self, v: &'v Value, max: usize, empty_ok: bool) -> Option<&'v str> {
        let s = self.string(v)?;
        let n = chars(s);
        // Blank: nothing left once the spaces go.
        if !empty_ok && crate::text::trim(s).is_empty() {
            error!(self, v.at, "must not be empty");
            return None;
        }
        if n > max {
            error!(
                self,
                v.at,
                cat(&[
                    "too long: ",
                    &uint(n),
                    " characters; the limit is ",
                    &uint(max),
                ])
            );
            return None;
        }
        if !empty_ok {
            let i = crate::text::first_char(s, char::is_control, true);
            if i < s.len() {
                error!(self, self.inside(v, s, i), "a control character");
                return None;
            }
        }
        Some(s)
    }

    /// One of `names`: its index, or `names.len()` when not one of them
    /// (reported; a plain `usize`, as [`index`] gives).
    fn choice(&mut self, v: &Value, names: &[&str]) -> usize {
        let Some(s) = self.string(v) else {
            return names.len();
        };
        match index(names, s) {
            i if i < names.len() => i,
            i => {
                let m: &str = msg!(&cat(&[
                    "unknown value ",
                    &shown(s),
                    &did_you_mean(s, names),
                    " (expected ",
                    &one_of(names),
                    ")",
                ]));
                error!(self, v.at, m);
                i
            }
        }
    }

    /// Reports the keys not in `allowed`; returns the keys suggested for
    /// them (bit `i` for `allowed[i]`, see [`bits`]), so a missing-key
    /// message can stay quiet about a misspelling.
    fn keys(&mut self, members: &[Member], allowed: &[&str]) -> u32 {
        // Every table fits the mask; the tests validate objects of each.
        debug_assert!(allowed.len() <= 32, "a key table longer than the u32 mask");
        let mut suggested = 0;
        for m in members {
            if index(allowed, &m.key) < allowed.len() {
                continue;
            }
            let hint = closest(&m.key, allowed);
            if let Some(i) = hint {
                suggested |= 1 << i;
            }
            error!(self, m.key_at, {
                let mut msg = cat(&["unknown key ", &shown(&m.key)]);
                match hint {
                    Some(i) => msg.push_str(&cat(&[", did you mean `", allowed[i], "`?"])),
                    None if allowed.len() <= 9 => {
                        msg.push_str(&cat(&[" (expected ", &one_of(allowed), ")"]))
                    }
                    None => {}
                }
                msg
            });
        }
        suggested
    }

    /// Validates a whole document. (The rules are built at one site, and
    /// the jobs and stages once, never assigned over an empty list: a list
    /// dropped, even empty, is a call to its drop glue, which the SDK's
    /// wasm does without.)
    pub fn rules(&mut self, root: &Value) -> Rules {
        // A document that is not an object is read as one without members
        // (`get` finds none) whose every key is hinted, so none is missing.
        let hints = match &root.kind {
            Kind::Object(members) => self.keys(members, TOP),
            _ => {
                error!(
                    self,
                    root.at,
                    cat(&["the rules must be an object {…}, found ", root.type_name()])
                );
                u32::MAX
            }
        };
        if let Some(v) = root.get("$schema") {
            self.string(v);
        }
        match root.get("version") {
            None if hints & const { bits(TOP, &["version"]) } == 0 => {
                error!(self, root.at, "missing `version`: add \"version\": 1")
            }
            None => {}
            Some(v) => {
                if let Some(n) = self.number(v) {
                    if n != 1.0 {
                        error!(
                            self,
                            v.at,
                            cat(&[
                                "unsupported version ",
                                &num(n),
                                ": this Jobwise reads version 1",
                            ])
                        );
                    }
                }
            }
        }
        if let Some(v) = root.get("language") {
            let l = self.choice(v, LANGS);
            // Not one of them (reported), `lang` gives the default, en.
            self.language = lang(l);
            #[cfg(feature = "diagnostics")]
            {
                self.seen.language_set = l < LANGS.len();
            }
        }
        let decision = self.decision(root.get("decision"));
        let (jobs_v, stages_v) = (root.get("jobs"), root.get("stages"));
        if jobs_v.is_none() && hints & const { bits(TOP, &["jobs"]) } == 0 {
            error!(
                self,
                root.at, "missing `jobs`: the jobs to tell apart, each with its signals"
            );
        }
        let jobs = self.jobs(jobs_v, false);
        let stages = self.jobs(stages_v, true);
        if let Some(v) = root.get("content") {
            self.content(v, jobs_v, stages_v);
        }
        let privacy = self.privacy(root.get("privacy"));
        let mut holdout = 0.0;
        if let Some(v) = root.get("holdout") {
            holdout = self.number_in(v, 0, false, 100);
            if holdout == 100.0 {
                warning!(
                    self,
                    v.at,
                    "holdout 100: every visitor stays on the default content"
                );
            }
        }
        Rules {
            version: 1,
            language: self.language,
            decision,
            jobs,
            stages,
            #[cfg(feature = "diagnostics")]
            content: Vec::new(),
            privacy,
            holdout,
        }
    }

    /// `decision`, if set: the defaults for what it does not set. The
    /// numbers by index in `DECISION` (no field picked by a `match`), and
    /// the defaults written once.
    fn decision(&mut self, v: Option<&Value>) -> Policy {
        let d = Policy::default();
        let mut n = [d.threshold, d.margin, d.half_life_minutes, d.stickiness];
        if let Some(members) = v.and_then(|v| self.object(v)) {
            self.keys(members, DECISION);
            for m in members {
                // Not a key of `DECISION` (reported), no slot.
                let i = index(DECISION, &m.key);
                let Some(slot) = n.get_mut(i) else {
                    continue;
                };
                // `halfLifeMinutes` must be above 0.
                *slot = self.number_in(&m.value, 0, i == 2, -1);
            }
        }
        let [threshold, margin, half_life_minutes, stickiness] = n;
        Policy {
            threshold,
            margin,
            half_life_minutes,
            stickiness,
        }
    }

    /// `jobs` or `stages`, if set (none when not).
    fn jobs(&mut self, v: Option<&Value>, stages: bool) -> Vec<Job> {
        let mut jobs = Vec::new();
        let Some((v, members)) = v.and_then(|v| Some((v, self.object(v)?))) else {
            return jobs;
        };
        let what = if stages { "stage" } else { "job" };
        if members.is_empty() && !stages {
            error!(self, v.at, "no jobs: add at least one");
        }
        self.too_many(v, MAX_JOBS, if stages { "stages" } else { "jobs" });
        for m in members {
            if !is_id(&m.key) {
                error!(self, m.key_at, id_message(what, &m.key));
            }
            let index = jobs.len();
            let job = self.job(&m.value, &m.key, if stages { None } else { Some(index) });
            // For the warnings across jobs.
            #[cfg(feature = "diagnostics")]
            {
                let at = if stages {
                    &mut self.seen.stage_at
                } else {
                    &mut self.seen.job_at
                };
                at.push(m.key_at);
            }
            jobs.push(job);
        }
        jobs
    }

    /// A job or a stage (`index` is the job's, `None` for a stage).
    fn job(&mut self, v: &Value, id: &str, index: Option<usize>) -> Job {
        // The label and the id are copied once, at the end.
        let mut label = id;
        let mut signals = Vec::new();
        if let Some(members) = self.object(v) {
            self.keys(members, JOB);
            if let Some(l) = v.get("label") {
                if let Some(s) = self.text_value(l, MAX_NAME_CHARS, false) {
                    label = s;
                }
            }
            if let Some(s) = v.get("signals") {
                if let Some(items) = self.array(s) {
                    self.too_many(s, MAX_SIGNALS, "signals");
                    for s in items {
                        self.signal(s, index, &mut signals);
                    }
                }
            }
        }
        Job {
            id: id.into(),
            label: label.into(),
            signals,
        }
    }

    /// A signal, even one with errors, pushed onto `signals` (none when `v`
    /// is not an object): rules with errors are never used (and in the SDK
    /// never dropped: see [`super::check_with`]). (An `Option<Signal>`
    /// returned cost an `i32::MIN` niche store and test.)
    /// (Out of line: inlined into `jobs`, it gave that a 240-byte frame,
    /// whose offsets past 127 take two bytes.)
    #[inline(never)]
    fn signal(&mut self, v: &Value, job: Option<usize>, signals: &mut Vec<Signal>) {
        let Some(members) = self.object(v) else {
            return;
        };
        let hints = self.keys(members, SIGNAL);
        let weight = match v.get("weight") {
            Some(w) => {
                let weight = self.number_in(w, -MAX_WEIGHT, false, MAX_WEIGHT);
                if weight == 0.0 {
                    warning!(self, w.at, "weight 0: this signal never changes a score");
                }
                weight
            }
            None => {
                if hints & const { bits(SIGNAL, &["weight"]) } == 0 {
                    error!(
                        self,
                        v.at, "missing `weight`: the number this signal adds to its job's score"
                    );
                }
                f64::NAN
            }
        };
        let mut language = None;
        if let Some(l) = v.get("language") {
            let l = self.choice(l, LANGS);
            language = (l < LANGS.len()).then(|| lang(l));
        }
        let positive = weight > 0.0;

        // The kind keys: the primary ones, and the companion kinds (`page`
        // with `scroll`, `weekdays` with `hours`): `Some(companion?)`.
        let (has_scroll, has_hours) = (v.get("scroll").is_some(), v.get("hours").is_some());
        let kind = |m: &Member| {
            // Not found, `k` is `SIGNAL.len()`, not a kind either.
            let k = index(SIGNAL, &m.key);
            if (KINDS >> k) & 1 == 0 {
                return None;
            }
            Some((k, (k == PAGE && has_scroll) || (k == WEEKDAYS && has_hours)))
        };
        let mut conditions = Vec::new();
        let sig_language = language.unwrap_or(self.language);
        // The first primary's key (for the message only).
        let mut first = "";
        let mut primaries = 0;
        // The primary kinds first, then the companions, whatever the order
        // in the file. The primaries are counted on the way: a second one
        // is reported at its key before the companion checks below, which
        // may report at that key too (at one offset, problems keep the
        // order found). (Two passes counted: an array of two `bool`s was
        // walked through memory.)
        for pass in 0..2 {
            let second = pass == 1;
            for m in members {
                let Some((k, companion)) = kind(m) else {
                    continue;
                };
                if companion != second {
                    continue;
                }
                if !companion {
                    primaries += 1;
                    if primaries == 1 {
                        first = &m.key;
                    } else if primaries == 2 {
                        let msg: &str = msg!(&cat(&[
                            "a signal has one kind key, and this one has `",
                            first,
                            "` already: put `",
                            &m.key,
                            "` in a signal of its own (only scroll+page and hours+weekdays combine)",
                        ]));
                        error!(self, m.key_at, msg);
                    }
                }
                if let Some(c) = self.condition(m, k, v, sig_language, job.filter(|_| positive)) {
                    conditions.push(c);
                }
            }
        }
        if primaries == 0 && hints & KINDS == 0 {
            error!(self, v.at, {
                let kinds: Vec<&str> = SIGNAL
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| (KINDS >> k) & 1 != 0)
                    .map(|(_, key)| *key)
                    .collect();
                cat(&["a signal needs one kind key: ", &one_of(&kinds)])
            });
        }
        self.companion(
            v,
            hints,
            "match",
            const { bits(SIGNAL, &["match"]) },
            "param",
            msg!("the globs the parameter must match, as \"match\": [\"*foto*\"]"),
        );
        self.companion(
            v,
            hints,
            "seconds",
            const { bits(SIGNAL, &["seconds"]) },
            "dwell",
            msg!("how long the element must be in view, as \"seconds\": 5"),
        );
        signals.push(Signal {
            weight,
            language,
            conditions,
        });
    }

    /// The condition of the kind key `m` (`SIGNAL[k]`) of signal `sig`.
    /// `job` is set for a job's signal of positive weight (its
    /// terms are remembered). Kinds whose values have one shape share an arm.
    fn condition(
        &mut self,
        m: &Member,
        k: usize,
        sig: &Value,
        language: Lang,
        job: Option<usize>,
    ) -> Option<Condition> {
        let v = &m.value;
        Some(match k {
            TERMS | SEARCH => {
                let list = self.phrases(v, language, job.filter(|_| k == TERMS));
                if k == TERMS {
                    Condition::Terms(list)
                } else {
                    Condition::Search(list)
                }
            }
            PARAM => {
                let name = self.text_value(v, MAX_NAME_CHARS, false)?;
                let i = crate::text::first_char(name, crate::text::is_space, true);
                if i < name.len() {
                    error!(
                        self,
                        self.inside(v, name, i),
                        "a parameter name has no spaces"
                    );
                }
                let matches = sig.get("match")?;
                let items = self.list(matches, "globs in one signal");
                let mut globs = Vec::new();
                for g in items {
                    globs.push(self.glob(g, GlobOf::Value));
                }
                Condition::Param {
                    name: name.into(),
                    globs,
                }
            }
            SOURCE | DEVICE => {
                // Not one of them, `i` picks a device or no source: rules
                // with errors are never used.
                let i = self.choice(v, if k == SOURCE { SOURCES } else { DEVICES });
                if k == SOURCE {
                    // `SOURCES` is `Source::NAMES`, as long as `Source::ALL`:
                    // `get` always finds it, and carries no bounds-check panic.
                    Condition::Source(*Source::ALL.get(i)?)
                } else {
                    Condition::Device(match i {
                        0 => Device::Mobile,
                        1 => Device::Tablet,
                        _ => Device::Desktop,
                    })
                }
            }
            REFERRER | PAGE => {
                let g = self.glob(
                    v,
                    if k == PAGE {
                        GlobOf::Path
                    } else {
                        GlobOf::Host
                    },
                );
                if k == PAGE {
                    Condition::Page(g)
                } else {
                    Condition::Referrer(g)
                }
            }
            DWELL | CLICK => {
                let selector: String = self.selector(v)?.into();
                if k == CLICK {
                    return Some(Condition::Click(selector));
                }
                // NaN when missing (reported, as `dwell` needs it).
                let seconds = sig
                    .get("seconds")
                    .map_or(f64::NAN, |s| self.number_in(s, 0, true, MAX_SECONDS));
                Condition::Dwell { selector, seconds }
            }
            SCROLL => Condition::Scroll(self.number_in(v, 0, false, 100)),
            EVENT => Condition::Event(self.text_value(v, MAX_NAME_CHARS, false)?.into()),
            HOURS | WEEKDAYS => {
                let s = self.string(v)?;
                let c = if k == HOURS {
                    hours(s).map(|(from, to)| Condition::Hours { from, to })
                } else {
                    weekdays(s).map(Condition::Weekdays)
                };
                match c {
                    Ok(c) => c,
                    Err(e) => return self.refuse(v, e),
                }
            }
            _ => {
                // VISITS, DAYS
                let cmp = match &v.kind {
                    Kind::Number(n) if *n >= 0.0 => Cmp {
                        op: CmpOp::Eq,
                        value: *n,
                    },
                    Kind::String(s) => match comparison(s) {
                        Ok(c) => c,
                        Err(e) => return self.refuse(v, e),
                    },
                    _ => {
                        return self.refuse(
                            v,
                            msg!("expected a comparison such as \">=3\" (or a number ≥ 0)"),
                        )
                    }
                };
                if k == VISITS {
                    Condition::Visits(cmp)
                } else {
                    Condition::DaysSinceLastVisit(cmp)
                }
            }
        })
    }

    /// A companion key (`match`, `seconds`: bit `bit` of the hints)
    /// without its owner (`param`, `dwell`), or the owner without it
    /// (`what` says what it is), in signal `v`.
    #[allow(clippy::too_many_arguments)]
    fn companion(
        &mut self,
        v: &Value,
        hints: u32,
        companion: &str,
        bit: u32,
        owner: &str,
        what: &str,
    ) {
        match (v.member(companion), v.member(owner)) {
            (Some(c), None) => error!(
                self,
                c.key_at,
                cat(&["`", companion, "` goes with `", owner, "`"])
            ),
            (None, Some(o)) if hints & bit == 0 => error!(
                self,
                o.key_at,
                cat(&["`", owner, "` needs `", companion, "`: ", what])
            ),
            _ => {}
        }
    }

    fn refuse<T>(&mut self, v: &Value, message: &str) -> Option<T> {
        error!(self, v.at, message);
        None
    }

    /// A signal's list of `what` (globs, terms): not empty, at most
    /// [`MAX_LIST`] items.
    /// Empty when `v` is not a list (reported: rules with errors are never
    /// used, and an `Option` cost each caller a test).
    fn list<'v>(&mut self, v: &'v Value, what: &str) -> &'v Vec<Value> {
        let Some(items) = self.array(v) else {
            return const { &Vec::new() };
        };
        if items.is_empty() {
            error!(self, v.at, "the list is empty");
        }
        self.too_many(v, MAX_LIST, what);
        items
    }

    /// "too many `what`: `len`; the limit is `max`" for list or object `v`,
    /// at its entry past the limit, on its own path.
    fn too_many(&mut self, v: &Value, max: usize, what: &str) {
        let (len, excess) = match &v.kind {
            Kind::Object(members) => (members.len(), members.get(max).map(|m| m.key_at)),
            Kind::Array(items) => (items.len(), items.get(max).map(|item| item.at)),
            _ => return,
        };
        if let Some(at) = excess {
            #[allow(clippy::useless_conversion)] // a `String` with diagnostics
            let m = msg!(cat(&[
                "too many ",
                what,
                ": ",
                &uint(len),
                "; the limit is ",
                &uint(max),
            ])
            .into());
            self.error_in(at, v.at, m);
        }
    }

    /// `terms` or `search`: a non-empty list of phrases. (`language` and
    /// `job` are for the warnings: diagnostics only.)
    #[cfg_attr(not(feature = "diagnostics"), allow(unused_variables))]
    fn phrases(&mut self, v: &Value, language: Lang, job: Option<usize>) -> Vec<String> {
        let items = self.list(v, "terms in one signal");
        let mut out = Vec::new();
        for t in items {
            let Some(s) = self.text_value(t, MAX_TERM_CHARS, false) else {
                continue;
            };
            self.terms_total += 1;
            if self.terms_total == MAX_TERMS + 1 {
                let m: &str = msg!(&cat(&[
                    "too many terms in the rules: the limit is ",
                    &uint(MAX_TERMS),
                    " in all (terms and search)",
                ]));
                error!(self, t.at, m);
            }
            #[cfg(feature = "diagnostics")]
            self.term_seen(t, s, language, job);
            out.push(s.into());
        }
        out
    }

    /// The warnings about term `s` (item `t`), and the term
    /// remembered for the warnings across jobs.
    #[cfg(feature = "diagnostics")]
    fn term_seen(&mut self, t: &Value, s: &str, language: Lang, job: Option<usize>) {
        let tokens = crate::text::analyze(s);
        if tokens.iter().all(|t| t.stop) {
            let m: &str = msg!(&if tokens.is_empty() {
                cat(&["the term ", &shown(s), " has no words: it never matches"])
            } else {
                cat(&[
                    "the term ",
                    &shown(s),
                    " is only stop words: it never matches",
                ])
            });
            warning!(self, t.at, m);
        } else if let Some(job) = job {
            let mut key = String::new();
            for t in &tokens {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(&t.stem);
            }
            self.seen.terms.push(TermSeen {
                key,
                job,
                at: t.at,
                text: s.into(),
            });
        }
        let cyrillic = s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
        if cyrillic && language == Lang::En && !self.seen.warned_script {
            self.seen.warned_script = true;
            let m: &str = msg!(&if self.seen.language_set {
                "a Russian term in an English signal: set \"language\": \"ru\" (here or at the top)"
            } else {
                "a Russian term, but `language` is not set and defaults to en: add \"language\": \"ru\" at the top"
            });
            warning!(self, t.at, m);
        }
    }

    /// A glob, or an empty one when `v` is not one (reported: rules with
    /// errors are never used, and an `Option<Glob>` cost each caller an
    /// `i32::MIN` test).
    fn glob(&mut self, v: &Value, of: GlobOf) -> Glob {
        let mut glob_ok = "";
        if let Some(s) = self.text_value(v, MAX_NAME_CHARS, true) {
            match glob(s, of) {
                Ok(()) => glob_ok = s,
                Err((i, why)) => {
                    let at = self.inside(v, s, i);
                    error!(self, at, cat(&["bad glob ", &shown(s), ": ", why]));
                }
            }
        }
        Glob::new(glob_ok)
    }

    /// A selector the check accepts (borrowed: an `Option<String>` was
    /// tested for its `i32::MIN` niche).
    fn selector<'v>(&mut self, v: &'v Value) -> Option<&'v str> {
        let s = self.text_value(v, MAX_NAME_CHARS, true)?;
        if let Err((i, why)) = (self.selectors)(s) {
            // Without an index (the browser's check), at the selector.
            let at = i.map_or(v.at, |i| self.inside(v, s, i));
            error!(self, at, {
                let mut m = cat(&["bad CSS selector ", &shown(s), ": ", why]);
                if let Some(i) = i.filter(|_| at == v.at) {
                    let before = s.get(..i).map_or(0, chars);
                    m.push_str(&cat(&[" (at character ", &uint(before + 1), ")"]));
                }
                m
            });
            return None;
        }
        Some(s)
    }

    /// Checks `content`. The SDK reads it with `JSON.parse` once the rules
    /// are accepted (js/sdk.js), so nothing is built here: see
    /// [`super::content`] for the types `jobwise check` and the tests read.
    /// (`jobs` and `stages` are the rules' own, whatever their type.)
    fn content(&mut self, v: &Value, jobs: Option<&Value>, stages: Option<&Value>) {
        let Some(slots) = self.object(v) else {
            return;
        };
        self.too_many(v, MAX_SLOTS, "slots");
        for slot in slots {
            let ok_name = !slot.key.is_empty()
                && slot.key.len() <= 64
                && crate::text::all_bytes(&slot.key, |b| {
                    b.is_ascii_alphanumeric() || crate::text::among(b"_.:-", b)
                });
            if !ok_name {
                error!(
                    self,
                    slot.key_at,
                    cat(&[
                        "invalid slot name ",
                        &shown(&slot.key),
                        ": up to 64 letters a-z A-Z, digits, `-`, `_`, `.` and `:`, as in data-jobwise-slot=\"hero\"",
                    ])
                );
            }
            let Some(variants) = self.object(&slot.value) else {
                continue;
            };
            if variants.is_empty() {
                warning!(
                    self,
                    slot.value.at,
                    cat(&[
                        "slot ",
                        &shown(&slot.key),
                        " has no variants: nothing changes in it",
                    ])
                );
            }
            for variant in variants {
                self.variant(variant, jobs, stages);
            }
        }
    }

    /// A variant: its name must be a member of `jobs` (and of `stages`
    /// after `@`), which `Value::member` finds (none when not an object).
    /// (Out of line: inlined through `content` into `parse_bounded`, 22 B
    /// more brotli, 12 more mean of 16.)
    #[inline(never)]
    fn variant(&mut self, m: &Member, jobs: Option<&Value>, stages: Option<&Value>) {
        // No `@`: `halves` gives the whole key first.
        let (job, stage) = crate::text::halves(&m.key, b'@');
        let stage = (job.len() < m.key.len()).then_some(stage);
        if jobs.and_then(|j| j.member(job)).is_none() {
            let msg: &str = msg!(&cat(&[
                "unknown job ",
                &shown(job),
                &did_you_mean(job, &names(jobs)),
                " (a variant is named JOB or JOB@STAGE after `jobs` and `stages`)",
            ]));
            error!(self, m.key_at, msg);
        }
        if let Some(stage) = stage {
            if stages.and_then(|s| s.member(stage)).is_none() {
                let msg: &str = msg!(&if members_of(stages).is_empty() {
                    cat(&[
                        "unknown stage ",
                        &shown(stage),
                        ": the rules define no `stages`",
                    ])
                } else {
                    cat(&[
                        "unknown stage ",
                        &shown(stage),
                        &did_you_mean(stage, &names(stages)),
                    ])
                });
                error!(self, m.key_at, msg);
            }
        }
        let Some(members) = self.object(&m.value) else {
            return;
        };
        self.keys(members, VARIANT);
        if members.is_empty() {
            warning!(
                self,
                m.value.at,
                "an empty variant: set `text`, `href` or an attribute"
            );
        }
        for a in members {
            // By index in `VARIANT`: `href` and `src` are links.
            match index(VARIANT, &a.key) {
                1 | 5 => self.link(&a.value),
                i if i < VARIANT.len() => {
                    self.text_value(&a.value, MAX_TEXT_CHARS, true);
                }
                _ => {}
            }
        }
    }

    fn link(&mut self, v: &Value) {
        if let Some(s) = self.text_value(v, MAX_LINK_CHARS, true) {
            if let Err(e) = link(s) {
                error!(self, v.at, e);
            }
        }
    }

    /// `privacy`, if set: the defaults for what it does not set.
    fn privacy(&mut self, v: Option<&Value>) -> Privacy {
        let mut privacy = Privacy::default();
        let Some((v, members)) = v.and_then(|v| Some((v, self.object(v)?))) else {
            return privacy;
        };
        self.keys(members, PRIVACY);
        if let Some(r) = v.get("remember") {
            // Not one of them, the default stays.
            privacy.remember = match self.choice(r, REMEMBER) {
                0 => Remember::None,
                2 => Remember::Local,
                _ => Remember::Session,
            };
        }
        if let Some(d) = v.get("days") {
            privacy.days = self.number_in(d, 1, false, 400);
        }
        privacy
    }
}

/// The members of an object value (none for other values).
pub(super) fn members_of(v: Option<&Value>) -> &[Member] {
    match v.map(|v| &v.kind) {
        Some(Kind::Object(m)) => m,
        _ => &[],
    }
}

/// The keys of an object value, for hints.
fn names(v: Option<&Value>) -> Vec<&str> {
    members_of(v).iter().map(|m| m.key.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_follow_source_all() {
        let names: Vec<&str> = Source::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(SOURCES, names);
    }
}
