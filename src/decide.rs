//! Scores → a [`Decision`] (SPEC §5 decision, §6 decision object): the
//! policy (threshold, margin, stickiness), what the visitor picked, QA
//! overrides, the holdout, and a reason for every point of every score.
//!
//! Policy, in order of precedence:
//!
//! 1. `force` (the `?jobwise=JOB` or `?jobwise=JOB@STAGE` QA override) names
//!    a known job: that job (and stage), `via: "override"`.
//! 2. The visitor picked a job (`Memory::pick`): that job, `via: "picked"`.
//! 3. Otherwise inferred. A job is chosen when its score reaches
//!    `threshold` and leads the runner-up (0 when it is the only job) by at
//!    least `margin`. Once a job is active (`Memory::active`, the last
//!    inferred job), a challenger must also lead it by `margin +
//!    stickiness`; the active job stays while its own score is at least
//!    `threshold - stickiness` (hysteresis both ways), and is dropped below
//!    that. Otherwise `job` is `null`.
//!
//! Stages follow rule 3 without stickiness. The inferred job is computed in
//! every case and remembered as the active one, so a cleared pick falls
//! back on inference without a jump.
//!
//! `confidence` is the chosen job's softmax share over all job scores
//! (`e^s / Σ e^s`), 0 when no job is chosen, 1 for a pick or an override.
//! `holdout` is true when the visitor's bucket (0–99) is below the rules'
//! `holdout` percent and the job was inferred: the web layer then keeps the
//! defaults. A pick or an override is always applied.
//!
//! Every score equals the sum of its reasons' weights. Reasons with weight
//! 0 record what was seen but did not count: a negated term, a pick, an
//! override.

use crate::prelude::*;

use crate::json::{number, string};
use crate::memory::Memory;
use crate::model::{fade, Compiled, Group};
// A reason is the model's (it explains a score); decisions carry them.
pub use crate::model::Reason;
use crate::rules::Policy;
use crate::signals::Signals;

/// How the job was arrived at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Inferred,
    Picked,
    Override,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Inferred => "inferred",
            Via::Picked => "picked",
            Via::Override => "override",
        }
    }
}

/// The decision of SPEC §6.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision<'c> {
    /// The compiled rules' own (borrowed: no copy to make or drop).
    pub job: Option<&'c str>,
    pub label: Option<&'c str>,
    pub stage: Option<&'c str>,
    /// Every job's score, in file order.
    pub scores: Scores<'c>,
    /// Every stage's score, in file order.
    pub stage_scores: Scores<'c>,
    pub confidence: f64,
    pub holdout: bool,
    pub reasons: Vec<Reason<'c>>,
    pub stage_reasons: Vec<Reason<'c>>,
    pub via: Via,
    /// The visitor's search terms for `data-jobwise-insert="terms"`: only
    /// when they matched a positive signal of `job`, cut to 60 characters
    /// at a word boundary.
    pub terms: Option<&'c str>,
    /// The time the decision was taken for.
    pub at_ms: f64,
    /// What inference alone chose (remembered as the active job).
    pub(crate) inferred: Option<u32>,
}

/// Scores of every job (or stage) in file order. The ids are the compiled
/// rules' (borrowed, not shared by an `Rc` whose drop glue the wasm would
/// keep), so a decision costs one number per job.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores<'c> {
    ids: &'c [String],
    values: Vec<f64>,
}

impl Scores<'_> {
    /// `(id, score)` in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.ids
            .iter()
            .map(|id| id.as_str())
            .zip(self.values.iter().copied())
    }

    /// The score of `id`.
    pub fn get(&self, id: &str) -> Option<f64> {
        self.iter().find(|(i, _)| *i == id).map(|(_, s)| s)
    }

    /// The scores alone, in file order.
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}

/// Longest `terms` insertion, in characters.
const TERMS_MAX: usize = 60;
/// Slack for sums of decimal weights (0.1 + 0.2 reaching a 0.3 threshold).
const EPS: f64 = 1e-9;

/// Decides for `signals` at `now_ms`. `memory` is what earlier pages left
/// (its page evidence is ignored: `signals` holds this page). `force` is
/// the QA override `JOB` or `JOB@STAGE`; unknown ids are ignored.
pub fn decide<'c>(
    compiled: &'c Compiled,
    signals: &'c Signals,
    memory: &Memory,
    now_ms: f64,
    force: Option<&str>,
) -> Decision<'c> {
    let c = compiled;
    let mut reasons = Vec::new();
    let mut stage_reasons = Vec::new();
    let faded = fade(
        now_ms - memory.carried.at_ms,
        c.policy.half_life_minutes * 60_000.0,
    );
    remembered(&mut reasons, &c.jobs, &memory.carried.jobs, faded);
    remembered(&mut stage_reasons, &c.stages, &memory.carried.stages, faded);
    c.evaluate(signals, now_ms, &mut reasons, &mut stage_reasons);
    let job_scores = sums(c.jobs.ids.len(), &reasons);
    let stage_scores = sums(c.stages.ids.len(), &stage_reasons);

    // Indices, or `NO_CHOICE` (out of range: `get` finds nothing there).
    let active = memory.active.unwrap_or(NO_CHOICE);
    let inferred = chosen(&job_scores, &c.policy, active);
    let mut job = inferred;
    let mut stage = chosen(&stage_scores, &c.policy, NO_CHOICE);
    let mut via = Via::Inferred;
    if let Some(p) = memory.pick.filter(|p| (*p as usize) < job_scores.len()) {
        job = p;
        via = Via::Picked;
        let detail = "the visitor chose this job".into();
        c.jobs
            .reason(&mut reasons, p, "pick", 0.0, detail, false, None);
    }
    if let Some(force) = force {
        // Without a stage, "" (no stage has that id).
        let (j, s) = crate::text::split_once(force, b'@').unwrap_or((force, ""));
        if let Some(j) = c.jobs.index(j) {
            job = j;
            via = Via::Override;
            let mut detail = String::from("?jobwise=");
            detail.push_str(force);
            c.jobs
                .reason(&mut reasons, j, "override", 0.0, detail, false, None);
            if let Some(s) = c.stages.index(s) {
                stage = s;
            }
        }
    }

    let confidence = if job == NO_CHOICE {
        0.0
    } else if via == Via::Inferred {
        share(&job_scores, job as usize)
    } else {
        1.0
    };
    // The first text a reason of the job has to insert (a plain loop:
    // less wasm than `find` and `map`; no reason's owner is `NO_CHOICE`).
    let mut terms = None;
    for r in &reasons {
        if let Some(text) = r.terms.filter(|_| r.owner == job) {
            terms = Some(cut(text, TERMS_MAX));
            break;
        }
    }
    let (ids, labels) = (&c.jobs.ids, &c.jobs.labels);
    Decision {
        job: ids.get(job as usize).map(String::as_str),
        label: labels.get(job as usize).map(String::as_str),
        stage: c.stages.ids.get(stage as usize).map(String::as_str),
        scores: paired(&c.jobs, job_scores),
        stage_scores: paired(&c.stages, stage_scores),
        confidence,
        holdout: via == Via::Inferred && f64::from(memory.bucket) < c.holdout,
        reasons,
        stage_reasons,
        via,
        terms,
        at_ms: now_ms,
        inferred: (inferred != NO_CHOICE).then_some(inferred),
    }
}

/// The reasons for the evidence of earlier pages, faded by `faded`.
fn remembered<'c>(
    list: &mut Vec<Reason<'c>>,
    group: &'c Group,
    carried: &[(u32, f64)],
    faded: f64,
) {
    for &(owner, weight) in carried {
        let detail = "earlier pages of this visit".into();
        group.reason(list, owner, "memory", weight * faded, detail, false, None);
    }
}

/// Scores as sums of the reasons, so both always agree (a reason's owner
/// is always one of the `n`: `Group::reason` makes sure).
fn sums(n: usize, reasons: &[Reason]) -> Vec<f64> {
    // Pushed into room made once: `vec![0.0; n]` is a function of its
    // own in the wasm, and growing by pushes cost 12 % of a 200-job
    // decision.
    let mut scores = Vec::with_capacity(n);
    #[allow(clippy::same_item_push)]
    for _ in 0..n {
        scores.push(0.0);
    }
    for r in reasons {
        scores[r.owner as usize] += r.weight;
    }
    scores
}

fn paired(group: &Group, values: Vec<f64>) -> Scores<'_> {
    Scores {
        ids: &group.ids,
        values,
    }
}

/// What `chosen` returns for no choice.
const NO_CHOICE: u32 = u32::MAX;

/// The policy's choice over scores in file order (rule 3 of the module
/// docs), or [`NO_CHOICE`]. `active` is [`NO_CHOICE`] when no job is (out
/// of range, like an index the rules no longer have). (`Option<u32>`s
/// here and in `decide`, two wasm results since the multi-value ABI: 124 B
/// more wasm, 42 B more brotli, mean of 16.)
#[inline(never)]
fn chosen(scores: &[f64], p: &Policy, active: u32) -> u32 {
    // The top (the first of equals) and the runner-up (0 when alone).
    let Some((&first, rest)) = scores.split_first() else {
        return NO_CHOICE;
    };
    let (mut top, mut best, mut second) = (0, first, f64::NEG_INFINITY);
    for (i, &s) in rest.iter().enumerate() {
        if s > best {
            (top, second, best) = (i + 1, best, s);
        } else if s > second {
            second = s;
        }
    }
    if second == f64::NEG_INFINITY {
        second = 0.0;
    }
    let clears = best >= p.threshold - EPS && best - second >= p.margin - EPS;
    if let Some(&held) = scores.get(active as usize) {
        if top != active as usize && clears && best - held >= p.margin + p.stickiness - EPS {
            return top as u32;
        }
        if held >= p.threshold - p.stickiness - EPS {
            return active;
        }
    }
    if clears {
        top as u32
    } else {
        NO_CHOICE
    }
}

/// `e^s_i / Σ e^s`, computed stably; jobs at 0 (most of them) share one term.
fn share(scores: &[f64], i: usize) -> f64 {
    let max = scores.iter().fold(f64::NEG_INFINITY, |m, s| m.max(*s));
    let mut zeros = 0.0;
    let mut sum = 0.0;
    for s in scores {
        if *s == 0.0 {
            zeros += 1.0;
        } else {
            sum += crate::math::exp(s - max);
        }
    }
    sum += zeros * crate::math::exp(-max);
    crate::math::exp(scores[i] - max) / sum
}

/// At most `max` characters, cut at the last word boundary before them
/// (a part of `text`: no copy). Out of line: inlined into `decide` it cost
/// more brotli (measured).
#[inline(never)]
fn cut(text: &str, max: usize) -> &str {
    let text = crate::text::trim(text);
    let end = crate::text::char_offset(text, max);
    // Never more than the length: `>=`, as `==`, compared the length from
    // before `trim` in the wasm (LLVM 22 with the multi-value ABI,
    // llvm/llvm-project#98323; scripts/check-multivalue.mjs finds it).
    if end >= text.len() {
        return text;
    }
    // Up to and with the next char: a space there cuts at `end` itself.
    let next = crate::text::char_offset(text, max + 1);
    let with_next = text.get(..next).unwrap_or_default();
    // Up to and with the last space, which `trim` then drops (`rfind` with
    // a char predicate is a searcher of its own).
    let at = match crate::text::strip_end(with_next, false) {
        0 => end,
        at => at,
    };
    crate::text::trim(with_next.get(..at).unwrap_or_default())
}

/// What [`Decision::parts`] hands its sink, with the member's key (`""` in
/// an array, never in an object: ids are not empty) and its text or
/// number: a number (rounded to two decimals when written; `null` when
/// not finite, which is also how a missing string is sent), a string, a
/// boolean (the number 1 or 0), an object or an array (its members
/// follow), and the end of the innermost one.
pub const NUMBER: u8 = 0;
pub const STRING: u8 = 1;
pub const BOOL: u8 = 2;
pub const OBJECT: u8 = 3;
pub const ARRAY: u8 = 4;
pub const END: u8 = 5;

impl Decision<'_> {
    /// The decision as the JSON object of SPEC §6, with these extra
    /// members after the standard ones: `via` (`"inferred"`, `"picked"` or
    /// `"override"`), `terms` (see [`Decision::terms`]), `stageScores` and
    /// `stageReasons` (members named `stage` instead of `job`). Numbers
    /// have two decimals at most.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256 + 64 * self.reasons.len());
        // The closing bracket of each open container, and whether the
        // next value is its first.
        let mut open = Vec::new();
        let mut first = true;
        self.parts(&mut |op, key, text, n| {
            if op == END {
                out.push(open.pop().unwrap_or('}'));
                first = false;
                return;
            }
            if !first {
                out.push(',');
            }
            if open.last() == Some(&'}') {
                string(&mut out, key);
                out.push(':');
            }
            first = op >= OBJECT;
            match op {
                NUMBER => number(&mut out, n),
                STRING => string(&mut out, text),
                BOOL => out.push_str(if n != 0.0 { "true" } else { "false" }),
                OBJECT => {
                    out.push('{');
                    open.push('}');
                }
                _ => {
                    out.push('[');
                    open.push(']');
                }
            }
        });
        out
    }

    /// The JSON object of [`Decision::to_json`] part by part, in order, as
    /// `put(op, key, text, number)` with `op` one of [`NUMBER`] to
    /// [`END`]: the browser builds the object from them (js/sdk.js), the
    /// CLI writes them as JSON.
    pub fn parts(&self, put: &mut impl FnMut(u8, &str, &str, f64)) {
        put(OBJECT, "", "", 0.0);
        opt_str(put, "job", self.job);
        opt_str(put, "label", self.label);
        opt_str(put, "stage", self.stage);
        scores_parts(put, "scores", &self.scores);
        put(NUMBER, "confidence", "", self.confidence);
        put(BOOL, "holdout", "", f64::from(u8::from(self.holdout)));
        reasons_parts(put, "reasons", "job", &self.reasons);
        put(STRING, "via", self.via.as_str(), 0.0);
        opt_str(put, "terms", self.terms);
        scores_parts(put, "stageScores", &self.stage_scores);
        reasons_parts(put, "stageReasons", "stage", &self.stage_reasons);
        put(END, "", "", 0.0);
    }
}

/// `value`, or `null` (a number that is not finite) for `None`.
fn opt_str(put: &mut impl FnMut(u8, &str, &str, f64), key: &str, value: Option<&str>) {
    match value {
        Some(v) => put(STRING, key, v, 0.0),
        None => put(NUMBER, key, "", f64::NAN),
    }
}

fn scores_parts(put: &mut impl FnMut(u8, &str, &str, f64), key: &str, scores: &Scores) {
    put(OBJECT, key, "", 0.0);
    for (id, s) in scores.iter() {
        put(NUMBER, id, "", s);
    }
    put(END, "", "", 0.0);
}

fn reasons_parts(
    put: &mut impl FnMut(u8, &str, &str, f64),
    key: &str,
    owner: &str,
    reasons: &[Reason],
) {
    put(ARRAY, key, "", 0.0);
    for r in reasons {
        put(OBJECT, "", "", 0.0);
        put(STRING, owner, r.job, 0.0);
        put(STRING, "signal", r.signal, 0.0);
        put(NUMBER, "weight", "", r.weight);
        put(STRING, "detail", &r.detail, 0.0);
        put(END, "", "", 0.0);
    }
    put(END, "", "", 0.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(scores: &[f64], p: &Policy, active: Option<u32>) -> Option<u32> {
        let i = chosen(scores, p, active.unwrap_or(NO_CHOICE));
        (i != NO_CHOICE).then_some(i)
    }

    const P: Policy = Policy {
        threshold: 3.0,
        margin: 1.0,
        half_life_minutes: 30.0,
        stickiness: 1.0,
    };

    #[test]
    fn threshold_and_margin() {
        assert_eq!(choose(&[3.0, 0.0], &P, None), Some(0));
        assert_eq!(choose(&[2.99, 0.0], &P, None), None, "below threshold");
        assert_eq!(choose(&[4.0, 3.5], &P, None), None, "lead below margin");
        assert_eq!(choose(&[3.0, 4.0, 2.0], &P, None), Some(1));
        assert_eq!(choose(&[5.0, 5.0], &P, None), None, "a tie is no lead");
        assert_eq!(
            choose(&[0.1 + 0.2 + 2.7, 2.0], &P, None),
            Some(0),
            "decimal sums"
        );
        assert_eq!(choose(&[], &P, None), None);
        assert_eq!(choose(&[3.0], &P, None), Some(0), "a lone job leads 0");
        assert_eq!(choose(&[-3.0, -5.0], &P, None), None);
    }

    #[test]
    fn stickiness_both_ways() {
        // A challenger leading by margin but not margin + stickiness: stays.
        assert_eq!(choose(&[4.0, 5.5], &P, Some(0)), Some(0));
        assert_eq!(choose(&[4.0, 5.5], &P, None), Some(1));
        // Leading by margin + stickiness: replaced.
        assert_eq!(choose(&[4.0, 6.0], &P, Some(0)), Some(1));
        // Still at threshold - stickiness: stays without a challenger.
        assert_eq!(choose(&[2.0, 0.0], &P, Some(0)), Some(0));
        // Below it: dropped.
        assert_eq!(choose(&[1.9, 0.0], &P, Some(0)), None);
        // Dropped, and a challenger that clears the policy on its own wins.
        assert_eq!(choose(&[1.0, 3.5], &P, Some(0)), Some(1));
        // An active index out of range (rules changed) is ignored.
        assert_eq!(choose(&[3.0, 0.0], &P, Some(7)), Some(0));
    }

    #[test]
    fn softmax_share() {
        assert!((share(&[0.0, 0.0], 0) - 0.5).abs() < 1e-12);
        let s = share(&[5.0, 0.0, 0.0, 0.0], 0);
        assert!((s - 5f64.exp() / (5f64.exp() + 3.0)).abs() < 1e-12);
        assert!(share(&[800.0, 0.0], 0) <= 1.0, "no overflow");
        let s = share(&[-2.0, 1.0, 0.0], 1);
        let want = 1f64.exp() / ((-2f64).exp() + 1f64.exp() + 1.0);
        assert!((s - want).abs() < 1e-12);
    }

    #[test]
    fn terms_cut_at_word_boundary() {
        assert_eq!(cut("  лофт  ", 60), "лофт");
        let long = "ноутбук для монтажа видео 4к с хорошим экраном и мощной видеокартой недорого";
        let got = cut(long, 60);
        assert!(got.chars().count() <= 60);
        assert!(long.starts_with(got));
        assert_eq!(
            got,
            "ноутбук для монтажа видео 4к с хорошим экраном и мощной"
        );
        assert_eq!(cut(&"a".repeat(70), 60), "a".repeat(60));
        assert_eq!(cut("abc def", 3), "abc");
        assert_eq!(cut("abcdef gh", 3), "abc");
    }
}
