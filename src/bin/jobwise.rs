//! `jobwise`: the command-line tool (SPEC §7).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(jobwise::cli::main(std::env::args().skip(1).collect()));
}

// Cargo builds every bin next to integration tests, also for wasm32; the CLI
// is native-only, so there it is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
