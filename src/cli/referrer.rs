//! `jobwise referrer REFERRER [--url LANDING]`: how a visitor arrived, as
//! one JSON line (SPEC §7). Any referrer, however broken, gives an answer
//! and exit 0; only a missing REFERRER is a usage error (exit 2).

use std::io::Write;

use crate::arrival;

const USAGE: &str = "usage: jobwise referrer REFERRER [--url LANDING]

  REFERRER  exactly what document.referrer holds (\"\" for none)
  LANDING   the landing page's URL

prints {\"engine\":…,\"terms\":…,\"source\":\"…\"}";

/// Runs the subcommand with its arguments; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let mut referrer: Option<&str> = None;
    let mut landing = "";
    let mut options = true;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--" if options => options = false,
            "-h" | "--help" if options => {
                println!("{USAGE}");
                return 0;
            }
            "--url" if options => landing = rest.next().map_or("", String::as_str),
            a if options && a.starts_with("--url=") => landing = &a["--url=".len()..],
            a if referrer.is_none() => referrer = Some(a),
            a => eprintln!("jobwise referrer: ignoring extra argument {a}"),
        }
    }
    let Some(referrer) = referrer else {
        eprintln!("{USAGE}");
        return 2;
    };
    // A closed stdout (`| head -c0`) is no reason to fail.
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        arrival::read_str(referrer, landing).to_json()
    );
    0
}
