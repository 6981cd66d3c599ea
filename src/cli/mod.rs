//! The `jobwise` command line: check, referrer, explain, learn. Native only.

/// Runs the CLI with `args` (without the program name); returns the exit code.
pub fn main(args: Vec<String>) -> i32 {
    match args.first().map(String::as_str) {
        _ => {
            eprintln!("usage: jobwise <check|referrer|explain|learn> …");
            2
        }
    }
}
