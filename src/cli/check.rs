//! `jobwise check RULES` (SPEC §7): validates a rules file and prints every
//! problem, one per line, in the order of the file:
//!
//! ```text
//! rules.json:12:20: error: jobs.photo-studio.signals[2].wieght: unknown key `wieght`, did you mean `weight`?
//! rules.json:30:5: warning: jobs.investor: job `investor` can score at most 2, below the threshold 3: it can never be chosen
//! rules.json: 1 error, 1 warning
//! ```
//!
//! `FILE:LINE:COLUMN: SEVERITY: PATH: MESSAGE` is the form editors and CI
//! annotations parse (`FILE:LINE:COL: message`, like compilers); the
//! column counts characters, from 1. The problems and the closing summary
//! go to stdout: they are what the command produces, to pipe or grep.
//! Usage and I/O errors go to stderr.
//!
//! Exit status: 0 when the rules are valid (warnings allowed), 1 when they
//! are not, 2 for a usage error or a file that can't be read. `-` reads
//! the rules from standard input.

use crate::rules::{self, Problem, Severity};
use std::io::Read;

const USAGE: &str = "usage: jobwise check RULES   (RULES: a rules JSON file, or - for stdin)";

/// Runs `jobwise check` with its arguments; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let name = match args {
        [a] if a == "-h" || a == "--help" => {
            println!("{USAGE}");
            return 0;
        }
        [a] if a == "-" || !a.starts_with('-') => a.as_str(),
        _ => {
            eprintln!("{USAGE}");
            return 2;
        }
    };
    let bytes = match read(name) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(too_large)) => return report(name, &[too_large], None),
        Err(e) => {
            eprintln!("jobwise check: cannot read {name}: {e}");
            return 2;
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or("");
            let (line, column) = crate::json::line_column(valid, valid.len());
            let problem = Problem {
                severity: Severity::Error,
                path: "$".into(),
                line,
                column,
                message: "the file is not UTF-8 text: save the rules as UTF-8".into(),
            };
            return report(name, &[problem], None);
        }
    };
    let (rules, problems) = rules::check(text);
    report(name, &problems, rules.as_ref())
}

/// The file's bytes, or the size problem when it is over the limit
/// (without reading a huge file whole).
fn read(name: &str) -> std::io::Result<Result<Vec<u8>, Problem>> {
    let limit = rules::MAX_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    if name == "-" {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(name)?
            .take(limit)
            .read_to_end(&mut bytes)?;
    }
    let size = if name != "-" && bytes.len() as u64 == limit {
        std::fs::metadata(name).map_or(limit, |m| m.len())
    } else {
        bytes.len() as u64
    };
    Ok(match rules::too_large(size) {
        Some(p) => Err(p),
        None => Ok(bytes),
    })
}

/// Prints the problems and the summary; returns the exit code.
fn report(name: &str, problems: &[Problem], rules: Option<&rules::Rules>) -> i32 {
    let mut out = String::new();
    let mut errors = 0;
    for p in problems {
        let severity = match p.severity {
            Severity::Error => {
                errors += 1;
                "error"
            }
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "{name}:{}:{}: {severity}: {}: {}\n",
            p.line, p.column, p.path, p.message
        ));
    }
    let warnings = problems.len() - errors;
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    match rules {
        Some(r) if errors == 0 => {
            let signals: usize = r
                .jobs
                .iter()
                .chain(&r.stages)
                .map(|j| j.signals.len())
                .sum();
            out.push_str(&format!(
                "{name}: valid: {}, {}, {}, {}",
                plural(r.jobs.len(), "job"),
                plural(r.stages.len(), "stage"),
                plural(signals, "signal"),
                plural(r.content.len(), "slot"),
            ));
            if warnings > 0 {
                out.push_str(&format!("; {}", plural(warnings, "warning")));
            }
        }
        _ => {
            out.push_str(&format!("{name}: invalid: {}", plural(errors, "error")));
            if warnings > 0 {
                out.push_str(&format!(", {}", plural(warnings, "warning")));
            }
        }
    }
    println!("{out}");
    if errors == 0 && rules.is_some() {
        0
    } else {
        1
    }
}
