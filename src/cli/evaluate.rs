//! `jobwise evaluate RULES LABELLED.csv [--report FILE]`: how any rules
//! (hand-written or learned) do on labelled rows, decided by the same code
//! as in the browser. The report (Markdown) goes to stdout and FILE.

use std::fs::File;
use std::io::BufReader;

use crate::learn::evaluate;
use crate::rules;

const USAGE: &str = "usage: jobwise evaluate RULES LABELLED.csv [--report FILE]";

/// Runs the subcommand; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let mut paths = Vec::new();
    let mut report_path = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--report" => match it.next() {
                Some(path) => report_path = Some(path.clone()),
                None => return usage("--report takes a file name"),
            },
            a if a.starts_with("--") => return usage(&format!("unknown option {a}")),
            a => paths.push(a.to_owned()),
        }
    }
    let [rules_path, export] = &paths[..] else {
        return usage("a rules file and a labelled export are needed");
    };
    let text = match std::fs::read_to_string(rules_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("jobwise evaluate: {rules_path}: {e}");
            return 1;
        }
    };
    let rules = match rules::parse(&text) {
        Ok(r) => r,
        Err(problems) => {
            for p in problems {
                eprintln!(
                    "{rules_path}:{}:{}: {}: {}",
                    p.line, p.column, p.path, p.message
                );
            }
            return 1;
        }
    };
    let file = match File::open(export) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("jobwise evaluate: {export}: {e}");
            return 1;
        }
    };
    let report = match evaluate(&rules, BufReader::with_capacity(1 << 16, file), export) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("jobwise evaluate: {export}: {e}");
            return 1;
        }
    };
    let markdown = report.markdown();
    print!("{markdown}");
    if let Some(path) = report_path {
        if let Err(e) = std::fs::write(&path, &markdown) {
            eprintln!("jobwise evaluate: {path}: {e}");
            return 1;
        }
    }
    0
}

fn usage(problem: &str) -> i32 {
    eprintln!("jobwise evaluate: {problem}\n{USAGE}");
    2
}
