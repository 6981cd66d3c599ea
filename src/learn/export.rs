//! The columns of a CRM export and what one row says about how the lead
//! arrived, read exactly as the browser reads a visitor: referrer +
//! landing through [`arrival::read_str`], `query` as the search terms the
//! visitor came with, `utm_term` / `utm_campaign` as landing parameters.

use std::io::BufRead;

use super::csv::{Error, Reader, Record};
use crate::arrival::{self, Arrival};

/// Where the columns that matter are (header names are case-insensitive;
/// other columns are ignored).
#[derive(Clone, Copy, Debug)]
struct Columns {
    job: usize,
    query: Option<usize>,
    utm_term: Option<usize>,
    utm_campaign: Option<usize>,
    landing: Option<usize>,
    referrer: Option<usize>,
    count: usize,
}

/// Column names the reader understands, besides `job`.
pub const EVIDENCE: [&str; 5] = ["query", "utm_term", "utm_campaign", "landing", "referrer"];

/// One labelled row.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// The export's line the row starts on.
    pub line: u64,
    /// The job as sales recorded it (trimmed).
    pub job: String,
    query: String,
    utm_term: String,
    utm_campaign: String,
    landing: String,
    referrer: String,
}

impl Row {
    /// The arrival the browser would have read for this lead.
    pub fn arrival(&self) -> Arrival {
        let mut a = arrival::read_str(&absolute(&self.referrer), &absolute(&self.landing));
        let query = self.query.trim();
        if !query.is_empty() {
            a.terms = query.to_owned();
        }
        for (name, value) in [
            ("utm_term", self.utm_term.trim()),
            ("utm_campaign", self.utm_campaign.trim()),
        ] {
            if !value.is_empty() && !a.params.iter().any(|(k, v)| k == name && v == value) {
                a.params.push((name.into(), value.into()));
            }
        }
        a
    }

    /// A short description of the evidence, for the report.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for (name, value) in [
            ("query", &self.query),
            ("utm_term", &self.utm_term),
            ("utm_campaign", &self.utm_campaign),
            ("referrer", &self.referrer),
            ("landing", &self.landing),
        ] {
            let value = value.trim();
            if !value.is_empty() {
                if !out.is_empty() {
                    out.push_str(", ");
                }
                out.push_str(name);
                out.push_str(": ");
                out.extend(value.chars().take(80));
            }
        }
        if out.is_empty() {
            out.push_str("(no evidence)");
        }
        out
    }
}

/// The texts the model matches `terms` against for an arrival, as the
/// model reads them: the arrival's terms, then `utm_term` when different.
pub fn texts(a: &Arrival) -> impl Iterator<Item = &str> {
    let terms = Some(a.terms.trim()).filter(|t| !t.is_empty());
    let utm = a
        .params
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("utm_term"))
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty() && terms.is_none_or(|t| !t.eq_ignore_ascii_case(v)));
    terms.into_iter().chain(utm)
}

/// The `utm_campaign` values of an arrival, lower-cased.
pub fn campaigns(a: &Arrival) -> impl Iterator<Item = String> + '_ {
    a.params
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("utm_campaign"))
        .map(|(_, v)| v.to_lowercase())
}

/// A URL as `document.referrer` / `location.href` would hold it: exports
/// often drop the scheme (`site.ru/lofts`) or keep only the path.
fn absolute(url: &str) -> String {
    let url = url.trim();
    if url.is_empty() || url.contains("://") {
        url.into()
    } else if url.starts_with('/') {
        format!("https://landing.invalid{url}")
    } else {
        format!("https://{url}")
    }
}

/// Reads labelled rows from an export.
pub struct Rows<R> {
    csv: Reader<R>,
    columns: Columns,
    record: Record,
    /// Rows without a job, skipped.
    pub unlabelled: u64,
}

impl<R: BufRead> Rows<R> {
    /// Reads the header.
    pub fn new(input: R) -> Result<Rows<R>, Error> {
        let mut csv = Reader::new(input)?;
        let mut record = Record::default();
        if !csv.next_record(&mut record)? {
            return Err(Error::new("the export is empty: a header line is needed"));
        }
        let find = |name: &str| {
            record.fields.iter().position(|f| {
                f.trim()
                    .trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(name)
            })
        };
        let Some(job) = find("job") else {
            return Err(Error::at(
                record.line,
                format!(
                    "no `job` column (found: {}); the job sales recorded is needed",
                    record.fields.join(", ")
                ),
            ));
        };
        let columns = Columns {
            job,
            query: find("query"),
            utm_term: find("utm_term"),
            utm_campaign: find("utm_campaign"),
            landing: find("landing"),
            referrer: find("referrer"),
            count: record.fields.len(),
        };
        if EVIDENCE.iter().all(|c| find(c).is_none()) {
            return Err(Error::at(
                record.line,
                format!(
                    "none of the columns {} (found: {})",
                    EVIDENCE.join(", "),
                    record.fields.join(", ")
                ),
            ));
        }
        Ok(Rows {
            csv,
            columns,
            record,
            unlabelled: 0,
        })
    }

    pub fn encoding(&self) -> &'static str {
        self.csv.encoding().name()
    }

    pub fn delimiter(&self) -> char {
        char::from(self.csv.delimiter())
    }

    /// The next labelled row into `row`; false at the end.
    pub fn next_row(&mut self, row: &mut Row) -> Result<bool, Error> {
        loop {
            if !self.csv.next_record(&mut self.record)? {
                return Ok(false);
            }
            let r = &mut self.record;
            // Spreadsheets pad or trim trailing empty cells.
            while r.fields.len() > self.columns.count
                && r.fields.last().is_some_and(|f| f.trim().is_empty())
            {
                r.fields.pop();
            }
            if r.fields.len() > self.columns.count {
                return Err(Error::at(
                    r.line,
                    format!(
                        "{} fields, but the header has {}: is a field with a `{}` not quoted?",
                        r.fields.len(),
                        self.columns.count,
                        char::from(self.csv.delimiter())
                    ),
                ));
            }
            let c = self.columns;
            let mut take = |i: Option<usize>, out: &mut String| {
                out.clear();
                if let Some(f) = i.and_then(|i| r.fields.get_mut(i)) {
                    std::mem::swap(out, f);
                }
            };
            take(Some(c.job), &mut row.job);
            take(c.query, &mut row.query);
            take(c.utm_term, &mut row.utm_term);
            take(c.utm_campaign, &mut row.utm_campaign);
            take(c.landing, &mut row.landing);
            take(c.referrer, &mut row.referrer);
            row.line = r.line;
            let job = row.job.trim();
            if job.is_empty() {
                self.unlabelled += 1;
                continue;
            }
            if job.len() != row.job.len() {
                row.job = job.to_owned();
            }
            return Ok(true);
        }
    }
}

/// A job id for the rules from a label as sales wrote it: lower case,
/// runs of anything but letters and digits as `-` ("Photo studio" →
/// `photo-studio`).
pub fn job_id(label: &str) -> String {
    let mut id = String::with_capacity(label.len());
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    id
}
