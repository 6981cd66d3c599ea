//! `jobwise explain RULES [--referrer URL] [--url URL] [--event KIND:VALUE]…`
//! (SPEC §7): the decision JSON for a described visitor, computed by the
//! same core code as in the browser.
//!
//! Like the browser, the landing page (`--url`) counts as a page viewed,
//! `?jobwise=JOB` on it is the QA override, and every event happens now
//! (nothing has faded). Context flags default to a desktop visitor's first
//! visit on a Wednesday at noon; `--bucket` (default 99) sets the holdout
//! bucket and `--pick` a job the visitor picked.

use crate::arrival::read_str;
use crate::decide::decide;
use crate::memory::Memory;
use crate::model::compile;
use crate::rules::{parse, Device};
use crate::signals::{Context, EventKind, Signals};

const USAGE: &str =
    "usage: jobwise explain RULES [--referrer URL] [--url URL] [--event KIND:VALUE]...
        [--device mobile|tablet|desktop] [--hour 0-23] [--weekday mon..sun]
        [--visits N] [--days-since-last-visit N] [--bucket 0-99] [--pick JOB]
events: page:/path  click:SELECTOR  dwell:SELECTOR:SECONDS  scroll:PERCENT[:/path]
        search:WORDS  event:NAME";

/// Runs `jobwise explain` with the arguments after `explain`.
pub fn run(args: &[String]) -> i32 {
    match explain(args) {
        Ok(json) => {
            println!("{json}");
            0
        }
        Err((code, message)) => {
            eprintln!("{message}");
            code
        }
    }
}

fn usage(problem: &str) -> (i32, String) {
    (2, format!("jobwise explain: {problem}\n{USAGE}"))
}

fn explain(args: &[String]) -> Result<String, (i32, String)> {
    let mut path = None;
    let (mut referrer, mut url, mut pick) = ("", "", None);
    let mut kinds = Vec::new();
    let mut context = Context {
        device: Device::Desktop,
        hour: 12,
        weekday: 2,
        visits: 1,
        days_since_last_visit: None,
    };
    let mut bucket = 99;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if !arg.starts_with("--") {
            if path.replace(arg.as_str()).is_some() {
                return Err(usage("one RULES file only"));
            }
            continue;
        }
        let (flag, value) = match arg.split_once('=') {
            Some((f, v)) => (f, v),
            None => (
                arg.as_str(),
                it.next()
                    .map(String::as_str)
                    .ok_or_else(|| usage(&format!("{arg} needs a value")))?,
            ),
        };
        let bad = || usage(&format!("bad value for {flag}: {value}"));
        match flag {
            "--referrer" => referrer = value,
            "--url" => url = value,
            "--pick" => pick = Some(value),
            "--event" => kinds.push(EventKind::parse(value).ok_or_else(bad)?),
            "--device" => context.device = Device::named(value).ok_or_else(bad)?,
            "--hour" => context.hour = value.parse().ok().filter(|h| *h < 24).ok_or_else(bad)?,
            "--weekday" => context.weekday = weekday(value).ok_or_else(bad)?,
            "--visits" => context.visits = value.parse().map_err(|_| bad())?,
            "--days-since-last-visit" => {
                context.days_since_last_visit = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|d: &f64| *d >= 0.0)
                        .ok_or_else(bad)?,
                )
            }
            "--bucket" => bucket = value.parse().ok().filter(|b| *b < 100).ok_or_else(bad)?,
            _ => return Err(usage(&format!("unknown option {flag}"))),
        }
    }
    let path = path.ok_or_else(|| usage("RULES is missing"))?;
    let text =
        std::fs::read_to_string(path).map_err(|e| (1, format!("jobwise explain: {path}: {e}")))?;
    let rules = parse(&text).map_err(|problems| {
        let mut out = String::new();
        for p in problems {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!(
                "{path}:{}:{}: {}: {}",
                p.line, p.column, p.path, p.message
            ));
        }
        (1, out)
    })?;
    let compiled = compile(rules);

    let arrival = read_str(referrer, url);
    let force = arrival
        .params
        .iter()
        .find(|(k, _)| k == "jobwise")
        .map(|(_, v)| v.clone());
    let signals = Signals::described(arrival, !url.is_empty(), kinds, context);
    let mut memory = Memory::new(bucket);
    if !memory.set_pick(&compiled, pick) {
        return Err(usage(&format!("--pick: no job {}", pick.unwrap_or(""))));
    }
    Ok(decide(&compiled, &signals, &memory, 0.0, force.as_deref()).to_json())
}

/// `mon`…`sun` (or longer: `monday`), case-insensitive → 0…6.
fn weekday(name: &str) -> Option<u8> {
    let name = name.to_ascii_lowercase();
    crate::rules::DAYS
        .iter()
        .position(|d| name.len() >= 3 && name.starts_with(d))
        .map(|i| i as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_parse() {
        assert_eq!(weekday("Mon"), Some(0));
        assert_eq!(weekday("sunday"), Some(6));
        assert_eq!(weekday("su"), None);
        assert_eq!(weekday("x"), None);
    }

    #[test]
    fn usage_errors_exit_2() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(run(&args(&[])), 2);
        assert_eq!(run(&args(&["r.json", "--hour", "25"])), 2);
        assert_eq!(run(&args(&["r.json", "--event", "tap:x"])), 2);
        assert_eq!(run(&args(&["r.json", "--frobnicate", "1"])), 2);
        assert_eq!(run(&args(&["/nonexistent/rules.json"])), 1);
    }
}
