//! What is remembered across pages (SPEC §8): derived numbers only. Per-job
//! and per-stage evidence, the active and picked jobs, visit counters,
//! timestamps and the holdout bucket; never terms, URLs or selectors.
//!
//! The web layer's loop:
//!
//! ```text
//! page start   m = Memory::new(0); if !m.read(&c, stored) { m = Memory::new(random) }
//!              m.start_page(now)                 // counts visits
//! each time    d = decide(&c, &signals, &m, now, force)
//!              m.update(&d); store(m.encode(&c)) // as privacy allows
//! ```
//!
//! Evidence of earlier pages (`carried`) is kept apart from this page's own
//! (`page`, replaced by each [`Memory::update`]), so deciding many times on
//! one page never counts the page twice; [`Memory::encode`] folds the page
//! into the carried evidence for the next page. Carried evidence fades with
//! the rules' half-life from the time it was measured. Circumstance signals
//! (device, hours, weekdays, visits, daysSinceLastVisit) are not carried:
//! every page measures them again.

use crate::decide::{Decision, Reason};
use crate::json::number;
use crate::model::{fade, Compiled, Group};
use crate::prelude::*;

/// Evidence per job and per stage (indices in file order), as of `at_ms`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    pub at_ms: f64,
    pub jobs: Vec<(u32, f64)>,
    pub stages: Vec<(u32, f64)>,
}

/// What one visitor leaves for the next page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Memory {
    /// Holdout bucket, 0–99, drawn once.
    pub bucket: u8,
    /// Visits to the site, this one included (0 before `start_page`).
    pub visits: u32,
    /// Last activity of the previous visit.
    pub last_visit_ms: Option<f64>,
    /// Evidence of earlier pages.
    pub carried: Evidence,
    /// Evidence of this page, as of the latest decision.
    pub page: Evidence,
    /// The job inference chose last (for stickiness).
    pub active: Option<u32>,
    /// The job the visitor picked (`data-jobwise-pick`).
    pub pick: Option<u32>,
}

/// A visit ends after 30 minutes without a decision (as web analytics count).
pub const VISIT_GAP_MS: f64 = 30.0 * 60_000.0;
const DAY_MS: f64 = 86_400_000.0;
/// Evidence smaller than this is forgotten.
const NEGLIGIBLE: f64 = 0.01;
/// Carried evidence is clamped to ±this (stored text is not trusted).
const MAX_EVIDENCE: f64 = 1e6;
/// Longer stored text is not ours.
const MAX_STORED: usize = 16 * 1024;
/// The format's version and the first field's `|`.
const HEADER: &str = "jw1|";

impl Memory {
    /// A first visit's memory; the holdout bucket is `seed % 100` (pass a
    /// random number). Out of line: what [`Memory::read`] fills is one too.
    #[inline(never)]
    pub fn new(seed: u32) -> Memory {
        Memory {
            bucket: (seed % 100) as u8,
            ..Memory::default()
        }
    }

    /// Call once when a page starts: counts a new visit on the first page
    /// and after [`VISIT_GAP_MS`] without activity.
    pub fn start_page(&mut self, now_ms: f64) {
        let last = self.carried.at_ms.max(self.page.at_ms);
        if self.visits == 0 {
            self.visits = 1;
        } else if now_ms - last > VISIT_GAP_MS {
            self.visits = self.visits.saturating_add(1);
            self.last_visit_ms = Some(last);
        }
        // Activity even before a first decision, so a stored memory does
        // not count this visit again.
        if self.page.jobs.is_empty() && self.page.stages.is_empty() {
            self.page.at_ms = self.page.at_ms.max(now_ms);
        }
    }

    /// Days since the previous visit, for `Context`; `None` on a first visit.
    pub fn days_since_last_visit(&self, now_ms: f64) -> Option<f64> {
        self.last_visit_ms.map(|l| ((now_ms - l) / DAY_MS).max(0.0))
    }

    /// Takes a decision's evidence as this page's (replacing the previous
    /// decision's) and its inferred job as the active one.
    pub fn update(&mut self, decision: &Decision) {
        self.page = Evidence {
            at_ms: decision.at_ms,
            jobs: carried(&decision.reasons),
            stages: carried(&decision.stage_reasons),
        };
        self.active = decision.inferred;
    }

    /// Sets (or with `None` clears) the visitor's pick; false for an
    /// unknown job, which leaves the pick as it was.
    pub fn set_pick(&mut self, compiled: &Compiled, job: Option<&str>) -> bool {
        let pick = job.and_then(|id| compiled.job_index(id));
        if pick.is_none() && job.is_some() {
            return false;
        }
        self.pick = pick;
        true
    }

    /// A compact line for storage, this page folded into the carried
    /// evidence: `jw1|b42|v3|l…|t…|aJOB|pJOB|jJOB:3.5,JOB:-1|sSTAGE:2`.
    /// Ids are written (not indices) so reordered rules still read it; the
    /// validator allows only `a-z`, `0-9`, `-` and `_` in them, so they
    /// never hold the format's `|`, `,` and `:`.
    pub fn encode(&self, compiled: &Compiled) -> String {
        let mut out = String::new();
        self.encode_to(compiled, &mut out);
        out
    }

    /// [`Memory::encode`], appended to `out`.
    pub fn encode_to(&self, compiled: &Compiled, out: &mut String) {
        // Carried and page evidence added up as of the later of their times.
        let (carried, page) = (&self.carried, &self.page);
        let at = carried.at_ms.max(page.at_ms);
        let half_life_ms = compiled.policy.half_life_minutes * 60_000.0;
        let (fc, fp) = (
            fade(at - carried.at_ms, half_life_ms),
            fade(at - page.at_ms, half_life_ms),
        );
        out.push_str(HEADER);
        write_number(out, "b", f64::from(self.bucket));
        write_number(out, "|v", f64::from(self.visits));
        if let Some(l) = self.last_visit_ms {
            write_number(out, "|l", l);
        }
        write_number(out, "|t", at);
        write_job(out, "|a", &compiled.jobs, self.active);
        write_job(out, "|p", &compiled.jobs, self.pick);
        let (cj, pj) = (&carried.jobs, &page.jobs);
        write_sum(out, "|j", &compiled.jobs, cj, fc, pj, fp);
        let (cs, ps) = (&carried.stages, &page.stages);
        write_sum(out, "|s", &compiled.stages, cs, fc, ps, fp);
    }

    /// Reads what [`Memory::encode`] wrote, as the memory of earlier pages.
    /// `None` when it is not ours (garbage, another version, an impossible
    /// bucket); ids the rules no longer have are dropped, bad entries are
    /// skipped, numbers are bounded. Never panics.
    pub fn decode(compiled: &Compiled, text: &str) -> Option<Memory> {
        let mut m = Memory::new(0);
        m.read(compiled, text).then_some(m)
    }

    /// [`Memory::decode`] into `self`, a new memory: false when the text is
    /// not ours, `self` then garbage (the SDK's way: no `Option<Memory>`
    /// returned and copied through memory).
    pub fn read(&mut self, compiled: &Compiled, text: &str) -> bool {
        if text.len() > MAX_STORED {
            return false;
        }
        // Without fields (`jw1` alone) there is no bucket: not ours either.
        let Some(fields) = text.strip_prefix(HEADER) else {
            return false;
        };
        let m = self;
        let mut bucket = f64::NAN;
        for field in crate::text::split(fields, b'|') {
            // Every tag is one ASCII letter: a field that starts otherwise
            // (or is empty) is not ours.
            let value = field.get(1..).unwrap_or_default();
            match field.as_bytes().first() {
                Some(b'b') => bucket = finite(value),
                // Saturating: garbage (NaN) counts as 0.
                Some(b'v') => m.visits = finite(value) as u32,
                Some(b'l') => m.last_visit_ms = Some(finite(value)).filter(|l| !l.is_nan()),
                Some(b't') => m.carried.at_ms = zero_if_nan(finite(value)),
                Some(b'a') => m.active = compiled.jobs.index(value),
                Some(b'p') => m.pick = compiled.jobs.index(value),
                Some(&t @ (b'j' | b's')) => {
                    let (group, list) = if t == b'j' {
                        (&compiled.jobs, &mut m.carried.jobs)
                    } else {
                        (&compiled.stages, &mut m.carried.stages)
                    };
                    read_list(group, value, list)
                }
                _ => {}
            }
        }
        // The last `b` counts (NaN, when bad, is out of range too).
        // In range: through `u32`, one wasm instruction (to `u8` it is
        // clamped, a test and two selects more).
        m.bucket = bucket as u32 as u8;
        (0.0..100.0).contains(&bucket)
    }
}

/// `tag` (`|` and a letter, a letter after [`HEADER`], or `:`) and `n`.
fn write_number(out: &mut String, tag: &str, n: f64) {
    out.push_str(tag);
    number(out, n);
}

/// `tag` (`|` and a letter) and the id of `job`, if the rules have it.
fn write_job(out: &mut String, tag: &str, jobs: &Group, job: Option<u32>) {
    if let Some(id) = job.and_then(|j| jobs.ids.get(j as usize)) {
        out.push_str(tag);
        out.push_str(id);
    }
}

/// `tag` (`|` and a letter) and the ids and sums of `carried` faded by
/// `fc` and `page` by `fp`, comma-separated; nothing when every sum is
/// negligible.
fn write_sum(
    out: &mut String,
    tag: &str,
    group: &Group,
    carried: &[(u32, f64)],
    fc: f64,
    page: &[(u32, f64)],
    fp: f64,
) {
    let mut sum = Vec::new();
    for &(k, w) in carried {
        add(&mut sum, k, w * fc);
    }
    for &(k, w) in page {
        add(&mut sum, k, w * fp);
    }
    let mut sep = tag;
    for &(k, w) in &sum {
        if w.abs() < NEGLIGIBLE {
            continue;
        }
        out.push_str(sep);
        sep = ",";
        out.push_str(&group.ids[k as usize]);
        write_number(out, ":", w);
    }
}

/// The evidence that `reasons` carry to later pages.
fn carried(reasons: &[Reason]) -> Vec<(u32, f64)> {
    let mut list = Vec::new();
    for r in reasons {
        if r.carried {
            add(&mut list, r.owner, r.weight);
        }
    }
    list
}

/// Adds `w` to `k`'s entry.
fn add(list: &mut Vec<(u32, f64)>, k: u32, w: f64) {
    match list.iter_mut().find(|(j, _)| *j == k) {
        Some((_, v)) => *v += w,
        None => list.push((k, w)),
    }
}

/// The finite number `s`, else NaN. (An `Option<f64>`, two wasm results
/// since the multi-value ABI, with its callers: 66 B more wasm, 26 B more
/// brotli, mean of 16; reading through `json::read_f64`: 11 B more.)
fn finite(s: &str) -> f64 {
    match crate::json::parse_f64(s) {
        Some(v) if v.is_finite() => v,
        _ => f64::NAN,
    }
}

/// `v`, or 0 for NaN (garbage).
fn zero_if_nan(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v
    }
}

fn read_list(group: &Group, value: &str, out: &mut Vec<(u32, f64)>) {
    for entry in crate::text::split(value, b',') {
        let Some((id, w)) = crate::text::rsplit_once(entry, b':') else {
            continue;
        };
        let w = finite(w);
        if let Some(k) = group.index(id).filter(|_| !w.is_nan()) {
            if !out.iter().any(|(j, _)| *j == k) {
                // Not NaN: as `clamp`, through calls linked anyway
                // rather than its four 9-byte constants.
                #[allow(clippy::manual_clamp)]
                out.push((k, w.max(-MAX_EVIDENCE).min(MAX_EVIDENCE)));
            }
        }
    }
}
