//! `jobwise check` end to end: the exact messages for each example file
//! (snapshots in `tests/snapshots/check/`, one per example, the output
//! followed by the exit status), and the exit codes for usage and I/O
//! errors. `JOBWISE_UPDATE_SNAPSHOTS=1 cargo test --test check_cli`
//! rewrites the snapshots; review the diff before committing it.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

fn jobwise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jobwise"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn run(args: &[&str]) -> (String, String, i32) {
    let out = jobwise(args);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn messages_match_the_snapshots() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("JOBWISE_UPDATE_SNAPSHOTS").is_some();
    let mut mismatches = Vec::new();
    let mut count = 0;
    for kind in ["invalid", "valid"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join("schema/examples").join(kind))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect();
        files.sort();
        for file in files {
            let arg = format!("schema/examples/{kind}/{file}");
            let (stdout, stderr, code) = run(&["check", &arg]);
            assert_eq!(stderr, "", "{arg}");
            assert_eq!(code, if kind == "valid" { 0 } else { 1 }, "{arg}: {stdout}");
            let got = format!("{stdout}exit status: {code}\n");
            let snapshot = root
                .join("tests/snapshots/check")
                .join(file.replace(".json", ".txt"));
            if update {
                std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
                std::fs::write(&snapshot, &got).unwrap();
            }
            let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
            if got != want {
                mismatches.push(format!("--- {}\n{want}+++ got\n{got}", snapshot.display()));
            }
            count += 1;
        }
    }
    assert!(count >= 14);
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let (stdout, stderr, code) = run(&["check"]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert!(stderr.starts_with("usage: jobwise check RULES"), "{stderr}");

    let (_, _, code) = run(&["check", "a.json", "b.json"]);
    assert_eq!(code, 2);
    let (_, _, code) = run(&["check", "--strict"]);
    assert_eq!(code, 2);

    let (stdout, stderr, code) = run(&["check", "no/such/rules.json"]);
    assert_eq!((stdout.as_str(), code), ("", 2));
    assert!(
        stderr.starts_with("jobwise check: cannot read no/such/rules.json: "),
        "{stderr}"
    );

    let (stdout, _, code) = run(&["check", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("usage: jobwise check RULES"));
}

#[test]
fn too_large_and_not_utf8_files_are_refused_with_a_message() {
    let dir = std::env::temp_dir().join(format!("jobwise-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.json");
    std::fs::write(&big, vec![b' '; (1 << 20) + 10]).unwrap();
    let binary = dir.join("binary.json");
    std::fs::write(&binary, b"{\n  \"version\": 1, \"x\xff\": 1}").unwrap();
    let big = big.to_string_lossy().into_owned();
    let binary = binary.to_string_lossy().into_owned();

    let (stdout, _, code) = run(&["check", &big]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "{big}:1:1: error: $: rules are 1048586 bytes; the limit is 1048576 (1 MiB)\n{big}: invalid: 1 error\n"
        )
    );
    let (stdout, _, code) = run(&["check", &binary]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        format!(
            "{binary}:2:19: error: $: the file is not UTF-8 text: save the rules as UTF-8\n{binary}: invalid: 1 error\n"
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn reads_stdin_with_a_dash() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobwise"))
        .args(["check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(br#"{"version": 1, "jobs": {"a": {"signals": [{"event": "x", "weight": 3}]}}}"#)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "-: valid: 1 job, 0 stages, 1 signal, 0 slots\n"
    );
}
