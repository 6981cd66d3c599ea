//! Fuzzes the arrival reader: any referrer and landing URL → an arrival,
//! never a panic; terms, when present (not empty), are bounded and
//! already normalized (cleaning them again changes nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (referrer, landing) = text
        .split_once('\n')
        .unwrap_or((&text, "https://example.com/"));
    let arrival = jobwise::arrival::read_str(referrer, landing);
    // "" is none: any other terms are bounded and normalized already.
    let terms = &arrival.terms;
    if !terms.is_empty() {
        assert!(terms.chars().count() <= 400);
        assert_eq!(jobwise::arrival::clean_terms(terms).as_ref(), Some(terms));
    }
});
