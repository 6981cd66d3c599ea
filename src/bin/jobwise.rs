//! `jobwise`: the command-line tool (SPEC §7).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // `args_os`: an argument that is not UTF-8 must not panic the tool.
    let args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    std::process::exit(jobwise::cli::main(args));
}

// Cargo builds every bin next to integration tests, also for wasm32; the CLI
// is native-only, so there it is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
