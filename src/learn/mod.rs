//! `jobwise learn` and `jobwise evaluate`: from a CRM export of past sales
//! (the most accurate way to find jobs: what people who bought came
//! looking for) to a rules draft a marketer reviews, with its evidence; and
//! back, how well any rules predict labelled rows.
//!
//! ```text
//! export.csv ─► csv ─► export::Row ─► Arrival ─► text::analyze ─► features
//!   (UTF-8 / cp1251, `,` `;`)   (same reading as the browser)   (stems, phrases,
//!                                                                 campaign tokens)
//! features ─► fit::Table (rows per job) ─► fit::fit (log-odds) ─► rules JSON
//!                   └─► 5-fold cross-validation ─► policy::Grid ─► threshold, margin
//! ```
//!
//! Memory is bounded whatever the export's size, and rows are read once:
//!
//! * the vocabulary holds at most `fit::MAX_FEATURES` (1 M) features:
//!   stems, phrases, campaign tokens, with their surface forms, about
//!   100 bytes each (later new ones are not counted; the report says how
//!   many occurrences that dropped);
//! * counts are two `[job][feature]` tables of `u32` (all rows, and the
//!   fold being held back): 4 jobs × 1 M features = 32 MiB at most;
//! * cross-validation keeps each row as its feature ids only (4 bytes
//!   each, about 10 a row) up to [`MAX_KEPT_IDS`] ids (64 MiB, some 1.5 M
//!   rows). Rows past that cap still count for the weights (and for every
//!   fold's training) but are not scored in cross-validation; the report
//!   says so;
//! * the text of the first [`SHOWN_ROWS`] rows is kept, to list wrong rows.
//!
//! One million rows take about 100 MiB and 37 s of CPU with the release
//! profile (built for the wasm's size; 23 s at opt-level 3): see
//! `benches/learn.rs`.

mod csv;
mod export;
mod fit;
mod policy;
mod report;

use std::collections::HashMap;
use std::io::BufRead;

pub use csv::Error;
pub use report::{Report, Summary};

use crate::arrival::Arrival;
use crate::decide::decide;
use crate::json::{number, string, Object};
use crate::memory::Memory;
use crate::model;
use crate::rules::Device;
use crate::rules::{Lang, Rules};
use crate::signals::{Context, Signals};
use crate::text::{analyze, Token};
use export::{campaigns, job_id, texts, Row, Rows};
use fit::{Fit, Kind, Params, Scorer, Table, Vocab};
use report::Outcome;

/// Most distinct jobs in an export.
pub const MAX_JOBS: usize = 64;
/// Feature ids kept for cross-validation (4 bytes each).
pub const MAX_KEPT_IDS: usize = 1 << 24;
/// Rows whose text is kept to be listed in the report.
pub const SHOWN_ROWS: usize = 20_000;
/// Folds of the cross-validation.
pub const FOLDS: usize = 5;

/// What `learn` may be told.
#[derive(Clone, Debug)]
pub struct Options {
    /// The rules' language; detected from the texts when `None`.
    pub language: Option<Lang>,
    /// Least rows a term must be seen in to be weighed.
    pub min_support: u32,
    /// Least share of right answers on held-back folds the decision
    /// policy must keep.
    pub precision: f64,
    /// The export's name, for the report.
    pub name: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            language: None,
            min_support: 3,
            precision: policy::TARGET,
            name: "export".into(),
        }
    }
}

/// A rules draft and its evidence.
pub struct Learned {
    /// The rules file (SPEC §5), pretty-printed.
    pub rules: String,
    pub report: Report,
}

/// A job as the export names it.
struct JobInfo {
    id: String,
    /// Labels as written, with counts (the most frequent is the label).
    labels: HashMap<String, u64>,
}

/// Everything one pass over the export gathers.
#[derive(Default)]
struct Gathered {
    vocab: Vocab,
    table: Table,
    jobs: Vec<JobInfo>,
    by_id: HashMap<String, usize>,
    /// Kept rows: feature ids, end offsets, jobs, whether they had search
    /// terms or a campaign.
    ids: Vec<u32>,
    ends: Vec<u32>,
    kept_jobs: Vec<u16>,
    informative: Vec<bool>,
    /// Rows past the cross-validation cap.
    unkept: u64,
    /// `(line, description)` of the first rows.
    shown: Vec<(u64, String)>,
    /// Cyrillic and Latin letters seen in the texts.
    letters: [u64; 2],
}

impl Gathered {
    fn job(&mut self, label: &str, line: u64) -> Result<Option<usize>, Error> {
        let id = job_id(label);
        if id.is_empty() {
            return Ok(None);
        }
        let j = match self.by_id.get(&id) {
            Some(j) => *j,
            None => {
                if self.jobs.len() >= MAX_JOBS {
                    return Err(Error::at(
                        line,
                        format!("more than {MAX_JOBS} different jobs: is `job` the right column?"),
                    ));
                }
                self.by_id.insert(id.clone(), self.jobs.len());
                self.jobs.push(JobInfo {
                    id,
                    labels: HashMap::new(),
                });
                self.jobs.len() - 1
            }
        };
        let labels = &mut self.jobs[j].labels;
        if let Some(n) = labels.get_mut(label) {
            *n += 1;
        } else if labels.len() < 16 {
            labels.insert(label.into(), 1);
        }
        Ok(Some(j))
    }

    fn keep(&mut self, job: usize, features: &[u32], row: &Row, informative: bool) {
        if self.ids.len() + features.len() > MAX_KEPT_IDS {
            self.unkept += 1;
            return;
        }
        self.ids.extend_from_slice(features);
        self.ends.push(self.ids.len() as u32);
        self.kept_jobs.push(job as u16);
        self.informative.push(informative);
        if self.shown.len() < SHOWN_ROWS {
            self.shown.push((row.line, row.describe()));
        }
    }

    fn row(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.ids[start..self.ends[i] as usize]
    }

    fn label(&self, j: usize) -> &str {
        let info = &self.jobs[j];
        info.labels
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or(info.id.as_str(), |(l, _)| l.as_str())
    }
}

/// Reusable buffers of feature extraction.
#[derive(Default)]
struct Extractor {
    features: Vec<u32>,
    /// The current text's content words; `None` for a negated one (a
    /// phrase never spans it).
    tokens: Vec<Option<Word>>,
    /// Stop words since the last content word, as written.
    stops: String,
}

/// A content word of a text, as ids of the vocabulary.
#[derive(Clone, Copy)]
struct Word {
    stem: u32,
    /// The word as written.
    bare: u32,
    /// The word with the stop words before it ("у метро"), for phrases:
    /// the matcher ignores stop words, people don't.
    joined: u32,
}

/// May a token be part of a term? (Stop words never match on their own;
/// a negated word does not count for its job.)
fn usable(t: &Token) -> bool {
    !t.stop && !t.negated && !t.stem.is_empty()
}

impl Extractor {
    fn word(&mut self, t: &Token, vocab: &mut Vocab) -> Option<Word> {
        let (bare, stem) = vocab.word(&t.word, &t.stem)?;
        let joined = if self.stops.is_empty() {
            bare
        } else {
            self.stops.push_str(&t.word);
            vocab.word(&self.stops, &t.stem)?.0
        };
        Some(Word { stem, bare, joined })
    }

    /// The features of an arrival, sorted, once each. Phrases are runs of
    /// two or three content words, stop words between them skipped (as
    /// the matcher skips them).
    fn extract(&mut self, a: &Arrival, vocab: &mut Vocab, letters: &mut [u64; 2]) {
        self.features.clear();
        for text in texts(a) {
            for c in text.chars() {
                if ('\u{400}'..='\u{4ff}').contains(&c) {
                    letters[0] += 1;
                } else if c.is_ascii_alphabetic() {
                    letters[1] += 1;
                }
            }
            self.tokens.clear();
            self.stops.clear();
            for t in analyze(text) {
                if t.stop && !t.negated {
                    self.stops.push_str(&t.word);
                    self.stops.push(' ');
                    continue;
                }
                let word = if usable(&t) {
                    self.word(&t, vocab)
                } else {
                    None
                };
                self.stops.clear();
                self.tokens.push(word);
            }
            for i in 0..self.tokens.len() {
                let mut window = [(0, 0); 3];
                let mut run = 0;
                for (k, t) in self.tokens[i..].iter().take(3).enumerate() {
                    let Some(w) = t else { break };
                    window[k] = (if k == 0 { w.bare } else { w.joined }, w.stem);
                    run += 1;
                }
                for n in 1..=run {
                    if let Some(id) = vocab.phrase(&window[..n]) {
                        self.features.push(id);
                    }
                }
            }
        }
        for campaign in campaigns(a) {
            for token in campaign.split(|c: char| !c.is_alphanumeric()) {
                if token.chars().count() >= 3 && !token.chars().all(|c| c.is_ascii_digit()) {
                    if let Some(id) = vocab.campaign(token) {
                        self.features.push(id);
                    }
                }
            }
        }
        self.features.sort_unstable();
        self.features.dedup();
    }
}

/// Does the arrival have search terms or a campaign?
fn informative(a: &Arrival) -> bool {
    texts(a).next().is_some() || campaigns(a).next().is_some()
}

/// Does a term feature's surface form read back as the same stems? Only
/// then does the emitted term match what was counted.
fn reads_back(vocab: &Vocab, f: u32) -> bool {
    match vocab.kind(f) {
        Kind::Campaign => true,
        Kind::Terms(n) => {
            let tokens = analyze(&vocab.surface(f));
            let content = || tokens.iter().filter(|t| !t.stop || t.negated);
            content().count() == usize::from(n)
                && content().all(usable)
                && content()
                    .map(|t| t.stem.as_str())
                    .eq(vocab.key(f).split(' '))
        }
    }
}

/// Learns a rules draft from an export.
pub fn learn<R: BufRead>(input: R, opts: &Options) -> Result<Learned, Error> {
    let mut rows = Rows::new(input)?;
    let mut g = Gathered::default();
    let mut x = Extractor::default();
    let mut row = Row::default();
    while rows.next_row(&mut row)? {
        let Some(job) = g.job(&row.job, row.line)? else {
            rows.unlabelled += 1;
            continue;
        };
        let arrival = row.arrival();
        x.extract(&arrival, &mut g.vocab, &mut g.letters);
        g.table.add_row(job, &x.features);
        g.keep(job, &x.features, &row, informative(&arrival));
    }
    if g.jobs.is_empty() {
        return Err(Error::new("no labelled rows: every `job` is empty"));
    }
    let n_jobs = g.jobs.len();
    let params = Params {
        min_support: opts.min_support,
    };
    // Which features may be emitted, decided once (a fold never sees more
    // of a feature than the whole export).
    let min = opts.min_support.max(1);
    let ok: Vec<bool> = (0..g.vocab.len() as u32)
        .map(|f| {
            let total: u32 = (0..n_jobs).map(|j| g.table.count(j, f as usize)).sum();
            total >= min && reads_back(&g.vocab, f)
        })
        .collect();
    let usable = |f: u32| ok[f as usize];

    // Jobs in rules order: the most frequent first (ties go to it).
    let mut order: Vec<usize> = (0..n_jobs).collect();
    order.sort_by(|a, b| {
        g.table
            .job_rows(*b)
            .cmp(&g.table.job_rows(*a))
            .then(g.jobs[*a].id.cmp(&g.jobs[*b].id))
    });
    let mut rank = vec![0; n_jobs];
    for (r, j) in order.iter().enumerate() {
        rank[*j] = r;
    }

    // Cross-validation: each kept row scored by a fit without its fold.
    let kept = g.kept_jobs.len();
    let mut held = Table::default();
    let mut grid = policy::Grid::default();
    let mut scored: Vec<(usize, f64, f64)> = vec![(0, 0.0, 0.0); kept];
    let (mut scores, mut fired) = (vec![0.0; n_jobs], Vec::new());
    let mut ranked = vec![0.0; n_jobs];
    for fold in 0..FOLDS {
        held.clear();
        for i in (fold..kept).step_by(FOLDS) {
            held.add_row(usize::from(g.kept_jobs[i]), g.row(i));
        }
        let fit = fit::fit(&g.vocab, &g.table, Some(&held), n_jobs, params, &usable);
        let scorer = Scorer::new(&g.vocab, &fit);
        for i in (fold..kept).step_by(FOLDS) {
            scorer.score(g.row(i), &mut scores, &mut fired);
            for (j, s) in scores.iter().enumerate() {
                ranked[rank[j]] = *s;
            }
            let (best, top, lead) = fit::top_lead(&ranked).unwrap_or((0, 0.0, 0.0));
            let truth = rank[usize::from(g.kept_jobs[i])];
            grid.add(top, lead, best == truth);
            scored[i] = (best, top, lead);
        }
    }
    let choice = grid.choose(opts.precision);

    let fit = fit::fit(&g.vocab, &g.table, None, n_jobs, params, &usable);
    let language = opts.language.unwrap_or(if g.letters[0] >= g.letters[1] {
        Lang::Ru
    } else {
        Lang::En
    });
    let rules = emit(&g, &fit, &order, language, choice);

    // The report.
    let mut report = Report::new(
        format!("jobwise learn: {}", opts.name),
        format!("{FOLDS}-fold cross-validation"),
    );
    for &j in &order {
        report.job(&g.jobs[j].id);
    }
    for (i, &(best, top, lead)) in scored.iter().enumerate() {
        let answer =
            (top >= choice.threshold - 1e-9 && lead >= choice.margin - 1e-9).then_some(best);
        let outcome = Outcome {
            truth: rank[usize::from(g.kept_jobs[i])],
            answer,
            best: (top > 0.0).then_some(best),
            top,
            second: top - lead,
            informative: g.informative[i],
        };
        report.add(outcome, || match g.shown.get(i) {
            Some((line, text)) => format!("line {line}: {text}"),
            None => "(past the rows kept for listing)".into(),
        });
    }
    for (r, &j) in order.iter().enumerate() {
        report.evidence[r] = evidence(&g, &fit, j);
    }
    let total_rows: u64 = g.table.rows.iter().sum();
    report.notes.push(format!(
        "{total_rows} labelled rows from {} ({} without a job skipped); {}, `{}`-separated",
        opts.name,
        rows.unlabelled,
        rows.encoding(),
        rows.delimiter().escape_default()
    ));
    report.notes.push(format!(
        "language: {}{}",
        match language {
            Lang::Ru => "ru",
            Lang::En => "en",
        },
        if opts.language.is_some() {
            ""
        } else {
            " (detected)"
        }
    ));
    report.notes.push(format!(
        "weights: smoothed log-odds (α = 1) that a row of the job has the term, against rows of the other jobs; rounded to 0.5; terms seen in at least {min} rows"
    ));
    if choice.met {
        report.notes.push(format!(
            "decision: threshold {}, margin {}: of the pairs whose answers are right at least {}% of the time on held-back folds, the one answering the most rows",
            report::num(choice.threshold),
            report::num(choice.margin),
            opts.precision * 100.0
        ));
    } else {
        report.notes.push(format!(
            "decision: threshold {}, margin {}: NO pair reaches {}% precision on held-back folds; this is the most precise one. Review the wrong rows (mislabelled?) and add evidence before publishing",
            report::num(choice.threshold),
            report::num(choice.margin),
            opts.precision * 100.0
        ));
    }
    report.notes.push(
        "the threshold and margin were chosen on these same folds: expect slightly lower figures on new leads (run `jobwise evaluate` on a later export)".into(),
    );
    if g.unkept > 0 {
        report.notes.push(format!(
            "cross-validation on the first {kept} rows (memory cap); all {total_rows} rows count for the weights"
        ));
    }
    if g.vocab.dropped > 0 {
        report.notes.push(format!(
            "vocabulary full ({} features): {} occurrences of later new terms not counted",
            fit::MAX_FEATURES,
            g.vocab.dropped
        ));
    }
    Ok(Learned { rules, report })
}

/// Lines of evidence of job `j`: its chosen terms with counts.
fn evidence(g: &Gathered, fit: &Fit, j: usize) -> Vec<String> {
    let mut out = vec![format!("label: {}", g.label(j))];
    for c in &fit.jobs[j] {
        let what = match g.vocab.kind(c.feature) {
            Kind::Campaign => {
                let globs: Vec<String> = std::iter::once(&c.feature)
                    .chain(&c.also)
                    .map(|f| format!("`*{}*`", g.vocab.key(*f)))
                    .collect();
                format!("utm_campaign {}", globs.join(" or "))
            }
            Kind::Terms(_) => format!("\"{}\"", g.vocab.surface(c.feature)),
        };
        out.push(format!(
            "{what} {}{}: in {} rows of this job, {} of others",
            if c.weight > 0.0 { "+" } else { "" },
            report::num(c.weight),
            c.in_job,
            c.in_other
        ));
    }
    if fit.jobs[j].is_empty() {
        out.push("no distinctive terms: more rows (or a lower --min-support) are needed".into());
    }
    out
}

/// The rules file: SPEC §5, one signal per line.
fn emit(g: &Gathered, fit: &Fit, order: &[usize], language: Lang, p: policy::Choice) -> String {
    let mut out = String::from("{\n  \"version\": 1,\n  \"language\": ");
    string(
        &mut out,
        match language {
            Lang::Ru => "ru",
            Lang::En => "en",
        },
    );
    out.push_str(",\n  \"decision\": ");
    let mut d = Object::new(&mut out);
    number(d.key("threshold"), p.threshold);
    number(d.key("margin"), p.margin);
    number(d.key("halfLifeMinutes"), 30.0);
    number(d.key("stickiness"), 1.0);
    d.end();
    out.push_str(",\n  \"jobs\": {");
    for (r, &j) in order.iter().enumerate() {
        out.push_str(if r == 0 { "\n    " } else { ",\n    " });
        string(&mut out, &g.jobs[j].id);
        out.push_str(": {\n      \"label\": ");
        string(&mut out, g.label(j));
        out.push_str(",\n      \"signals\": [");
        for (i, c) in fit.jobs[j].iter().enumerate() {
            out.push_str(if i == 0 { "\n        " } else { ",\n        " });
            let mut s = Object::new(&mut out);
            match g.vocab.kind(c.feature) {
                Kind::Campaign => {
                    string(s.key("param"), "utm_campaign");
                    let m = s.key("match");
                    m.push('[');
                    for (k, f) in std::iter::once(&c.feature).chain(&c.also).enumerate() {
                        if k > 0 {
                            m.push(',');
                        }
                        string(m, &format!("*{}*", g.vocab.key(*f)));
                    }
                    m.push(']');
                }
                Kind::Terms(_) => {
                    let t = s.key("terms");
                    t.push('[');
                    string(t, &g.vocab.surface(c.feature));
                    t.push(']');
                }
            }
            number(s.key("weight"), c.weight);
            s.end();
        }
        out.push_str(if fit.jobs[j].is_empty() {
            "]"
        } else {
            "\n      ]"
        });
        out.push_str("\n    }");
    }
    out.push_str("\n  }\n}\n");
    out
}

/// Scores labelled rows with any rules, through the same compiled model
/// and decision code the browser runs. Only arrival signals can fire on an
/// export (terms, `param`, `source`, `referrer`): the rows have no
/// behaviour, and the visitor's circumstances are a first visit on a
/// desktop on a Wednesday at noon.
pub fn evaluate<R: BufRead>(rules: &Rules, input: R, name: &str) -> Result<Report, Error> {
    let compiled = model::compile(rules.clone());
    let memory = Memory::new(0);
    let mut rows = Rows::new(input)?;
    let mut report = Report::new(
        format!("jobwise evaluate: {name}"),
        "the rules' own decisions on these rows".into(),
    );
    for job in &rules.jobs {
        report.job(&job.id);
    }
    let n_rules = rules.jobs.len();
    // Per job: how often each (signal, rules term) counted, and its weight.
    let mut fired: Vec<HashMap<String, (u64, f64)>> = vec![HashMap::new(); n_rules];
    let mut signals = Signals {
        arrival: Row::default().arrival(),
        events: Vec::new(),
        context: Context {
            device: Device::Desktop,
            hour: 12,
            weekday: 2,
            visits: 1,
            days_since_last_visit: None,
        },
    };
    let mut row = Row::default();
    while rows.next_row(&mut row)? {
        let id = job_id(&row.job);
        if id.is_empty() {
            rows.unlabelled += 1;
            continue;
        }
        let truth = report.job(&id);
        signals.arrival = row.arrival();
        let d = decide(&compiled, &signals, &memory, 0.0, None);
        let (best, top, lead) = fit::top_lead(d.scores.values()).unwrap_or((0, 0.0, 0.0));
        let answer = d.job.map(|j| report.job(j));
        for r in d.reasons.iter().filter(|r| r.weight != 0.0) {
            if let Some(j) = rules.jobs.iter().position(|j| *j.id == *r.job) {
                let detail = r.detail.rsplit(['~', '≈']).next().unwrap_or(&r.detail);
                let key = format!("{} {}", r.signal, detail.trim());
                let e = fired[j].entry(key).or_insert((0, r.weight));
                e.0 += 1;
            }
        }
        let outcome = Outcome {
            truth,
            answer,
            best: (top > 0.0).then_some(best),
            top,
            second: top - lead,
            informative: informative(&signals.arrival),
        };
        report.add(outcome, || format!("line {}: {}", row.line, row.describe()));
    }
    for (j, counts) in fired.into_iter().enumerate() {
        let mut lines: Vec<(String, (u64, f64))> = counts.into_iter().collect();
        lines.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
        report.evidence[j] = lines
            .into_iter()
            .take(15)
            .map(|(what, (n, w))| {
                format!(
                    "{what} ({}{}): counted in {n} rows",
                    if w > 0.0 { "+" } else { "" },
                    report::num(w)
                )
            })
            .collect();
    }
    let s = report.summary();
    report.notes.push(format!(
        "{} labelled rows from {name} ({} without a job skipped); {}, `{}`-separated",
        s.rows,
        rows.unlabelled,
        rows.encoding(),
        rows.delimiter().escape_default()
    ));
    report.notes.push(format!(
        "decision: threshold {}, margin {} (the rules' own)",
        report::num(rules.decision.threshold),
        report::num(rules.decision.margin)
    ));
    let unknown: Vec<&str> = report.jobs[n_rules..].iter().map(String::as_str).collect();
    if !unknown.is_empty() {
        report.notes.push(format!(
            "jobs in the export that the rules don't have (never answered): {}",
            unknown.join(", ")
        ));
    }
    report.notes.push(
        "only arrival signals (terms, param, source, referrer) can fire on an export: behaviour (page, click, dwell, scroll, search, event) and circumstances (device, hours, visits) are not in it".into(),
    );
    Ok(report)
}
