//! The `jobwise` command line (SPEC §7): one module per subcommand. Native only.

mod check;
mod evaluate;
mod explain;
mod learn;
mod referrer;

const USAGE: &str = "usage: jobwise <command> [args]

commands:
  check RULES                      validate a rules file
  referrer REFERRER [--url URL]    how a visitor arrived, as JSON
  explain RULES [--referrer URL] [--url URL] [--event KIND:VALUE]...
                                   the decision for a visitor, as JSON
  learn EXPORT.csv [--language ru|en] [--min-support N] [--precision P]
        [--report FILE]
                                   draft rules from a CRM export (rules on
                                   stdout, the evidence on stderr)
  evaluate RULES LABELLED.csv [--report FILE]
                                   accuracy of rules against labelled rows";

/// Runs the CLI with `args` (without the program name); returns the exit code.
pub fn main(args: Vec<String>) -> i32 {
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("", &[][..]),
    };
    match command {
        "check" => check::run(rest),
        "explain" => explain::run(rest),
        "referrer" => referrer::run(rest),
        "learn" => learn::run(rest),
        "evaluate" => evaluate::run(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            0
        }
        _ => {
            let _ = rest;
            eprintln!("{USAGE}");
            2
        }
    }
}
