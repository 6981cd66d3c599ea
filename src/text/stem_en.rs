//! The Snowball English stemmer (Porter2), ported by hand over ASCII bytes.
//!
//! Input is a lower-cased ASCII word (`'` is the only apostrophe); callers
//! leave other words unstemmed.

use super::{among, longest, region, replacement};
use crate::prelude::*;

fn is_v(c: u8) -> bool {
    among(b"aeiouy", c)
}

fn has_vowel(w: &[u8]) -> bool {
    for &c in w {
        if is_v(c) {
            return true;
        }
    }
    false
}

// Tables are one string each (no 8-byte slice header per entry in the
// wasm): space-separated `word` or `word:replacement` entries.

/// Whole words stemmed by table (Snowball's `exception1`).
const EXCEPTIONS: &str = concat!(
    "skis:ski skies:sky dying:die lying:lie tying:tie idly:idl gently:gentl ugly:ugli ",
    "early:earli only:onli singly:singl sky:sky news:news howe:howe atlas:atlas ",
    "cosmos:cosmos bias:bias andes:andes",
);

/// Left as they are after step 1a (Snowball's `exception2`).
const INVARIANT_1A: &str = "inning outing canning herring earring proceed exceed succeed";

const STEP_2: &str = concat!(
    "tional:tion enci:ence anci:ance abli:able entli:ent izer:ize ization:ize ational:ate ",
    "ation:ate ator:ate alism:al aliti:al alli:al fulness:ful ousli:ous ousness:ous ",
    "iveness:ive iviti:ive biliti:ble bli:ble ogi:og fulli:ful lessli:less li:",
);

/// `ative` (R2 only) is handled apart.
const STEP_3: &str = "tional:tion ational:ate alize:al icate:ic iciti:ic ical:ic ful: ness: ative:";

const STEP_4: &str = "al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion";

/// Suffixes of steps 2 and 4 replaced only after one of the letters given.
const AFTER: &str = "li:cdeghkmnrt ogi:l ion:st";

/// The byte at `i` (0 past the end: no panic path).
fn at(w: &[u8], i: usize) -> u8 {
    w.get(i).copied().unwrap_or(0)
}

/// A short syllable ends at `e`: non-vowel, vowel, non-vowel (not w, x or
/// Y), or a vowel then a non-vowel opening the word.
fn short_syllable(w: &[u8], e: usize) -> bool {
    // The letters before `e` (0, no vowel, before the word).
    let (last, vowel) = (at(w, e.wrapping_sub(1)), at(w, e.wrapping_sub(2)));
    e >= 2
        && is_v(vowel)
        && !is_v(last)
        && (e == 2 || (!is_v(at(w, e - 3)) && !among(b"wxY", last)))
}

/// Whether the letter at `i` is a vowel, for [`region`].
fn vowel_at(w: &[u8], i: usize) -> Option<bool> {
    w.get(i).map(|&c| is_v(c))
}

fn replace(w: &mut Vec<u8>, cut: usize, with: &[u8]) {
    w.truncate(w.len() - cut);
    w.extend_from_slice(with);
}

/// The stem of `word`.
pub fn stem(word: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    // A whole word of the table (the longest suffix there can be; an
    // empty word gets an empty stem either way).
    let (n, to) = longest(word, EXCEPTIONS);
    if n == word.len() {
        out.extend_from_slice(replacement(EXCEPTIONS, to));
        return out;
    }
    // Prelude: a leading apostrophe goes (copied without it: no
    // `Vec::remove`), from words of three bytes or more; shorter ones stay
    // as they are.
    out.extend_from_slice(match word {
        [b'\'', rest @ ..] if word.len() >= 3 => rest,
        _ => word,
    });
    if word.len() < 3 {
        return out;
    }
    let w = &mut out;
    let mut after_vowel = true;
    for c in w.iter_mut() {
        if *c == b'y' && after_vowel {
            *c = b'Y';
        }
        after_vowel = is_v(*c);
    }
    // Regions.
    // A word starting with one of these five- and six-letter prefixes has
    // R1 after it.
    let p1 = if w.starts_with(b"gener") || w.starts_with(b"arsen") {
        5
    } else if w.starts_with(b"commun") {
        6
    } else {
        region(w, 0, vowel_at)
    };
    let p2 = region(w, p1, vowel_at);

    step_1a(w);
    if longest(w, INVARIANT_1A).0 != w.len() {
        step_1b(w, p1);
        // Step 1c.
        let n = w.len();
        if n > 2 && matches!(at(w, n - 1), b'y' | b'Y') && !is_v(at(w, n - 2)) {
            w[n - 1] = b'i';
        }
        // Steps 2, 3 and 4 by one loop: the longest suffix of the step's
        // table, replaced when it starts in the step's region and its
        // condition holds: for a suffix that is an entry of `AFTER` (li,
        // ogi, ion) the letter before it one of that entry's; a longer
        // suffix ending with one ("ousli", "ation") has no condition, nor
        // has one that ends with none; for step 3's "ative" (its one of five
        // letters with a `t` second) R2.
        for step in 2..5 {
            let (table, region) = match step {
                2 => (STEP_2, p1),
                3 => (STEP_3, p1),
                _ => (STEP_4, p2),
            };
            let (n, to) = longest(w, table);
            // No suffix (`n` 0): `replace` below cuts and adds nothing.
            let start = w.len() - n;
            // The letter before the suffix (0 when none).
            let prev = at(w, start.wrapping_sub(1));
            if start >= region {
                let (m, after) = longest(w.get(start..).unwrap_or_default(), AFTER);
                let ok = match (step, n, at(w, start + 1)) {
                    (3, 5, b't') => start >= p2,
                    _ => m < n || among(replacement(AFTER, after), prev),
                };
                if ok {
                    replace(w, n, replacement(table, to));
                }
            }
        }
        step_5(w, p1, p2);
    }
    // `Y` is the only capital: the input is lower-case.
    w.make_ascii_lowercase();
    out
}

fn step_1a(w: &mut Vec<u8>) {
    w.truncate(w.len() - longest(w, "' 's 's'").0);
    let n = w.len();
    // By length, which tells the entries apart: "sses", "ied"/"ies", "s"
    // ("us" and "ss" stay).
    match longest(w, "s us ss sses ied ies").0 {
        4 => w.truncate(n - 2),
        3 => replace(w, 3, if n > 4 { b"i" } else { b"ie" }),
        1 if n >= 2 && has_vowel(&w[..n - 2]) => w.truncate(n - 1),
        _ => {}
    }
}

fn step_1b(w: &mut Vec<u8>, p1: usize) {
    let n = longest(w, "eed eedly ed edly ing ingly").0;
    if n == 0 {
        return;
    }
    let start = w.len() - n;
    // "eed", "eedly": the entries whose second letter is `e`.
    if at(w, start + 1) == b'e' {
        if start >= p1 {
            replace(w, n, b"ee");
        }
        return;
    }
    if !has_vowel(&w[..start]) {
        return;
    }
    w.truncate(start);
    if longest(w, "at bl iz").0 > 0 {
        w.push(b'e');
    } else if start >= 2
        && at(w, start - 1) == at(w, start - 2)
        && among(b"bdfgmnprt", at(w, start - 1))
    {
        w.pop();
    } else if start == p1 && short_syllable(w, start) {
        w.push(b'e');
    }
}

fn step_5(w: &mut Vec<u8>, p1: usize, p2: usize) {
    let n = w.len();
    match w.last() {
        Some(b'e') if n > p2 || (n > p1 && !short_syllable(w, n - 1)) => {
            w.pop();
        }
        Some(b'l') if n > p2 && n >= 2 && at(w, n - 2) == b'l' => {
            w.pop();
        }
        _ => {}
    }
}
