//! Fuzzes the text pipeline: tokenize → stem → match, never a panic, and
//! every hit's token range lies inside the analysed tokens.
#![no_main]

use jobwise::text::{analyze, TermIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line is the marketer's phrases (split on '|'), the rest the visitor's words.
    let (phrases, query) = text.split_once('\n').unwrap_or((&text, &text));
    let mut index = TermIndex::default();
    for (id, phrase) in phrases.split('|').take(64).enumerate() {
        index.add(phrase, id as u32);
    }
    let tokens = analyze(query);
    for hit in index.find(&tokens) {
        assert!(hit.start < hit.end && hit.end <= tokens.len());
    }
});
