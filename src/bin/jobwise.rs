//! `jobwise`: the command-line tool (SPEC §7).

fn main() {
    std::process::exit(jobwise::cli::main(std::env::args().skip(1).collect()));
}
