//! The evidence a marketer reviews before publishing rules: per job its
//! rows and terms, accuracy, precision and coverage, the confusion matrix
//! and the rows the rules get wrong. One report for `learn` (on held-back
//! folds) and `evaluate` (on any labelled rows), written as Markdown.

use std::fmt::Write;

/// How many wrong rows a report lists.
pub const WRONG_ROWS: usize = 20;

/// A labelled row's outcome.
#[derive(Clone, Copy, Debug)]
pub struct Outcome {
    /// Index of the recorded job in [`Report::jobs`].
    pub truth: usize,
    /// The answer (`None`: no job cleared the decision policy).
    pub answer: Option<usize>,
    /// The best-scoring job whatever the policy, when some score is > 0.
    pub best: Option<usize>,
    /// The best score and the runner-up's.
    pub top: f64,
    pub second: f64,
    /// The row has search terms or a campaign: something terms and
    /// campaign signals could answer.
    pub informative: bool,
}

/// The report being built.
#[derive(Default)]
pub struct Report {
    pub title: String,
    /// Lines about the input and the policy.
    pub notes: Vec<String>,
    /// Job ids: the columns of the confusion matrix.
    pub jobs: Vec<String>,
    /// Per job: lines of evidence (terms and their counts, or signals).
    pub evidence: Vec<Vec<String>>,
    /// `[recorded][answer]`, the last column for no answer.
    pub confusion: Vec<Vec<u64>>,
    /// Best job right / rows with some evidence.
    best_right: u64,
    best_rows: u64,
    /// Rows with search terms or a campaign, and right answers among them.
    informative: u64,
    informative_right: u64,
    /// Wrong answers first, then unanswered rows, up to [`WRONG_ROWS`].
    wrong: Vec<String>,
    unanswered: Vec<String>,
    /// Where the numbers come from ("5-fold cross-validation"…).
    pub method: String,
}

/// Headline figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub rows: u64,
    pub answered: u64,
    pub correct: u64,
    /// Right answers / all rows (no answer counts as a miss).
    pub accuracy: f64,
    /// Rows with search terms or a campaign (the others carry no evidence
    /// for terms and campaigns: direct visits, hidden search terms).
    pub informative_rows: u64,
    /// Right answers / rows with search terms or a campaign.
    pub informative_accuracy: f64,
    /// Right answers / answers.
    pub precision: f64,
    /// Answers / all rows.
    pub coverage: f64,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Report {
    /// An empty report.
    pub fn new(title: String, method: String) -> Report {
        Report {
            title,
            method,
            ..Report::default()
        }
    }

    /// The index of job `id`, added when new.
    pub fn job(&mut self, id: &str) -> usize {
        if let Some(i) = self.jobs.iter().position(|j| j == id) {
            return i;
        }
        self.jobs.push(id.into());
        self.evidence.push(Vec::new());
        i_grow(&mut self.confusion, self.jobs.len());
        self.jobs.len() - 1
    }

    /// Counts an outcome; `row` describes it (called only when it is
    /// listed, so describing is paid for at most `WRONG_ROWS` times).
    pub fn add(&mut self, o: Outcome, row: impl FnOnce() -> String) {
        let n = self.jobs.len();
        self.confusion[o.truth][o.answer.unwrap_or(n)] += 1;
        if let Some(b) = o.best {
            self.best_rows += 1;
            self.best_right += u64::from(b == o.truth);
        }
        if o.informative {
            self.informative += 1;
            self.informative_right += u64::from(o.answer == Some(o.truth));
        }
        let name = |i: usize| self.jobs[i].as_str();
        match o.answer {
            Some(a) if a != o.truth && self.wrong.len() < WRONG_ROWS => {
                let line = format!(
                    "recorded `{}`, answered `{}` ({} vs {}): {}",
                    name(o.truth),
                    name(a),
                    num(o.top),
                    num(o.second),
                    row()
                );
                self.wrong.push(line);
            }
            None if self.unanswered.len() < WRONG_ROWS => {
                let line = match o.best {
                    Some(b) => format!(
                        "recorded `{}`, no answer (best `{}` {} vs {}): {}",
                        name(o.truth),
                        name(b),
                        num(o.top),
                        num(o.second),
                        row()
                    ),
                    None => format!("recorded `{}`, no answer: {}", name(o.truth), row()),
                };
                self.unanswered.push(line);
            }
            _ => {}
        }
    }

    pub fn summary(&self) -> Summary {
        let n = self.jobs.len();
        let mut s = Summary {
            rows: 0,
            answered: 0,
            correct: 0,
            accuracy: 0.0,
            informative_rows: self.informative,
            informative_accuracy: ratio(self.informative_right, self.informative),
            precision: 0.0,
            coverage: 0.0,
        };
        for (t, row) in self.confusion.iter().enumerate() {
            for (a, &c) in row.iter().enumerate() {
                s.rows += c;
                if a < n {
                    s.answered += c;
                }
                if a == t {
                    s.correct += c;
                }
            }
        }
        s.accuracy = ratio(s.correct, s.rows);
        s.precision = ratio(s.correct, s.answered);
        s.coverage = ratio(s.answered, s.rows);
        s
    }

    /// Rows recorded with job `j`.
    pub fn support(&self, j: usize) -> u64 {
        self.confusion[j].iter().sum()
    }

    /// The report as Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let s = self.summary();
        let n = self.jobs.len();
        let _ = writeln!(out, "# {}\n", self.title);
        for note in &self.notes {
            let _ = writeln!(out, "- {note}");
        }
        let _ = writeln!(out, "\n## Result ({})\n", self.method);
        let _ = writeln!(out, "| measure | value |\n|---|---|");
        let _ = writeln!(
            out,
            "| accuracy (right answers / all {} rows) | {:.3} |",
            s.rows, s.accuracy
        );
        let _ = writeln!(
            out,
            "| accuracy on the {} rows with search terms or a campaign | {:.3} |",
            s.informative_rows, s.informative_accuracy
        );
        let _ = writeln!(
            out,
            "| precision (right / {} answered) | {:.3} |",
            s.answered, s.precision
        );
        let _ = writeln!(
            out,
            "| coverage (answered / all rows) | {:.3} |",
            s.coverage
        );
        let _ = writeln!(
            out,
            "| best job right, ignoring threshold and margin ({} rows where some job scored above 0) | {:.3} |",
            self.best_rows,
            ratio(self.best_right, self.best_rows)
        );

        let _ = writeln!(
            out,
            "\n## Jobs\n\n| job | rows | precision | recall |\n|---|---|---|---|"
        );
        for (j, id) in self.jobs.iter().enumerate() {
            let answered: u64 = self.confusion.iter().map(|r| r[j]).sum();
            let right = self.confusion[j][j];
            let _ = writeln!(
                out,
                "| {id} | {} | {:.3} | {:.3} |",
                self.support(j),
                ratio(right, answered),
                ratio(right, self.support(j))
            );
        }
        for (j, id) in self.jobs.iter().enumerate() {
            if self.evidence[j].is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {id}\n");
            for line in &self.evidence[j] {
                let _ = writeln!(out, "- {line}");
            }
        }

        let _ = write!(
            out,
            "\n## Confusion matrix\n\nRows: the job recorded; columns: the answer.\n\n| recorded \\ answer |"
        );
        for id in &self.jobs {
            let _ = write!(out, " {id} |");
        }
        let _ = write!(out, " (none) |\n|---|");
        for _ in 0..=n {
            out.push_str("---|");
        }
        out.push('\n');
        for (t, row) in self.confusion.iter().enumerate() {
            let _ = write!(out, "| {} |", self.jobs[t]);
            for (a, c) in row.iter().enumerate() {
                if a == t {
                    let _ = write!(out, " **{c}** |");
                } else {
                    let _ = write!(out, " {c} |");
                }
            }
            out.push('\n');
        }

        let wrong = s.answered - s.correct;
        let _ = writeln!(out, "\n## Wrong answers ({wrong})\n");
        if self.wrong.is_empty() {
            out.push_str("None.\n");
        }
        for line in &self.wrong {
            let _ = writeln!(out, "- {line}");
        }
        let _ = writeln!(out, "\n## Unanswered rows ({})\n", s.rows - s.answered);
        if self.unanswered.is_empty() {
            out.push_str("None.\n");
        }
        for line in &self.unanswered {
            let _ = writeln!(out, "- {line}");
        }
        if (self.unanswered.len() as u64) < s.rows - s.answered {
            let _ = writeln!(out, "- …");
        }
        out
    }
}

/// Grows a square-plus-one matrix to `n` jobs (and the no-answer column).
fn i_grow(m: &mut Vec<Vec<u64>>, n: usize) {
    for row in m.iter_mut() {
        row.insert(n - 1, 0);
    }
    m.push(vec![0; n + 1]);
}

/// A score as the rules write it.
pub fn num(x: f64) -> String {
    let mut s = String::new();
    crate::json::number(&mut s, x);
    s
}
