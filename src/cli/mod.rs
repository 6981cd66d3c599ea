//! The `jobwise` command line (SPEC §7): one module per subcommand. Native only.

mod check;
mod explain;
mod referrer;

const USAGE: &str = "usage: jobwise <command> [args]

commands:
  check RULES                      validate a rules file
  referrer REFERRER [--url URL]    how a visitor arrived, as JSON
  explain RULES [--referrer URL] [--url URL] [--event KIND:VALUE]...
                                   the decision for a visitor, as JSON
  learn EXPORT.csv                 draft rules from a CRM export
  evaluate RULES LABELLED.csv      accuracy of rules against labelled rows";

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
