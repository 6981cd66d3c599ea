//! Fuzzes the rules reader: any bytes → parsed rules or problems, never a
//! panic; every problem points inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(problems) = jobwise::rules::parse(text) {
        assert!(!problems.is_empty());
        let lines = text.split('\n').count() as u32;
        for p in problems {
            assert!(
                p.line >= 1 && p.line <= lines.max(1),
                "line {} of {}",
                p.line,
                lines
            );
            assert!(p.column >= 1);
        }
    }
});
