//! Warnings that need the whole document: jobs that can never be chosen,
//! and terms shared by two jobs. They don't make the rules invalid, and
//! they are looked for only once the rules have no errors (a job whose
//! signals were refused would look unreachable for the wrong reason).

use super::validate::Validator;
use super::values::{cat, num};
use super::{Job, Rules};
use crate::prelude::*;

pub(crate) fn across(v: &mut Validator, rules: &Rules) {
    let job_at = core::mem::take(&mut v.seen.job_at);
    let stage_at = core::mem::take(&mut v.seen.stage_at);
    for (job, &at) in rules.jobs.iter().zip(&job_at) {
        reach(v, job, at, Some(rules.decision.threshold));
    }
    for (stage, &at) in rules.stages.iter().zip(&stage_at) {
        reach(v, stage, at, None);
    }
    shared_terms(v, rules, &job_at);
}

/// Whether `job` can ever be chosen: it needs a positive signal and, for a
/// job, positive weights that add up to the threshold (`at`: its key).
fn reach(v: &mut Validator, job: &Job, at: usize, threshold: Option<f64>) {
    let what = if threshold.is_some() {
        "job `"
    } else {
        "stage `"
    };
    let best: f64 = job.signals.iter().map(|s| s.weight.max(0.0)).sum();
    let message: &str = msg!(&if job.signals.is_empty() {
        cat(&[
            what,
            &job.id,
            "` has no signals: only a visitor's own pick (data-jobwise-pick) or ?jobwise= can make it active",
        ])
    } else if best <= 0.0 {
        cat(&[
            what,
            &job.id,
            "` has only negative or zero weights: it can never be chosen",
        ])
    } else {
        match threshold {
            Some(t) if best < t => cat(&[
                what,
                &job.id,
                "` can score at most ",
                &num(best),
                ", below the threshold ",
                &num(t),
                ": it can never be chosen",
            ]),
            _ => return,
        }
    });
    warning!(v, at, message);
}

/// A term with a positive weight in two jobs counts for both, which
/// blurs the decision: each such term is reported where it occurs again,
/// on the path of its job (whose key is at `job_at[job]`).
fn shared_terms(v: &mut Validator, rules: &Rules, job_at: &[usize]) {
    let mut terms = core::mem::take(&mut v.seen.terms);
    crate::sort::sort_by(&mut terms, |a, b| a.key.cmp(&b.key).then(a.at.cmp(&b.at)));
    for group in terms.chunk_by(|a, b| a.key == b.key) {
        let first = &group[0];
        let mut warned: Vec<usize> = Vec::new();
        for t in &group[1..] {
            if t.job == first.job || warned.contains(&t.job) {
                continue;
            }
            warned.push(t.job);
            let m = cat(&[
                "the term `",
                &t.text,
                "` is also a term of job `",
                &rules.jobs[first.job].id,
                "`: a visitor who uses it scores for both",
            ]);
            v.warn(t.at, job_at[t.job], m);
        }
    }
}
