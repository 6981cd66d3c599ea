//! `jobwise learn EXPORT.csv [--language ru|en] [--min-support N]
//! [--precision P] [--report FILE]`: a rules draft from a CRM export on stdout, its
//! evidence (Markdown) on stderr and in FILE. Exit 1 on a bad export, 2 on
//! bad arguments.

use std::fs::File;
use std::io::{BufReader, Write};

use crate::learn::{learn, Options};
use crate::rules::Lang;

const USAGE: &str = "usage: jobwise learn EXPORT.csv [--language ru|en] [--min-support N] [--precision P] [--report FILE] > rules.json

  --min-support N   a term must be seen in at least N rows (default 3)
  --precision P     answers must be right at least P of the time on
                    held-back rows (default 0.98); lower answers more";

/// Runs the subcommand; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let mut opts = Options::default();
    let mut export = None;
    let mut report_path = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--language" => match it.next().map(String::as_str) {
                Some("ru") => opts.language = Some(Lang::Ru),
                Some("en") => opts.language = Some(Lang::En),
                _ => return usage("--language takes ru or en"),
            },
            "--min-support" => match it.next().and_then(|n| n.parse::<u32>().ok()) {
                Some(n) if n >= 1 => opts.min_support = n,
                _ => return usage("--min-support takes a number of rows (1 or more)"),
            },
            "--precision" => match it.next().and_then(|p| p.parse::<f64>().ok()) {
                Some(p) if (0.5..=1.0).contains(&p) => opts.precision = p,
                _ => return usage("--precision takes a share between 0.5 and 1"),
            },
            "--report" => match it.next() {
                Some(path) => report_path = Some(path.clone()),
                None => return usage("--report takes a file name"),
            },
            a if a.starts_with("--") => return usage(&format!("unknown option {a}")),
            a if export.is_none() => export = Some(a.to_owned()),
            a => return usage(&format!("unexpected argument {a}")),
        }
    }
    let Some(export) = export else {
        return usage("an export is needed");
    };
    let file = match File::open(&export) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("jobwise learn: {export}: {e}");
            return 1;
        }
    };
    opts.name = export.clone();
    let learned = match learn(BufReader::with_capacity(1 << 16, file), &opts) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("jobwise learn: {export}: {e}");
            return 1;
        }
    };
    let markdown = learned.report.markdown();
    eprint!("{markdown}");
    if let Some(path) = report_path {
        if let Err(e) = std::fs::write(&path, &markdown) {
            eprintln!("jobwise learn: {path}: {e}");
            return 1;
        }
    }
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(learned.rules.as_bytes()).is_err() || stdout.flush().is_err() {
        return 1;
    }
    0
}

fn usage(problem: &str) -> i32 {
    eprintln!("jobwise learn: {problem}\n{USAGE}");
    2
}
