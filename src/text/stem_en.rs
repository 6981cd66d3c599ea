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

/// Puts `with` in place of the last `cut` of the `n` letters of `w`; the
/// new length. No step makes a word longer than it came (`stem`'s buffer).
fn replace(w: &mut [u8], n: usize, cut: usize, with: &[u8]) -> usize {
    let start = n - cut;
    let end = start + with.len();
    if let Some(to) = w.get_mut(start..end) {
        to.copy_from_slice(with);
    }
    end
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
    // The word's letters are its first `n` (a slice and a number in
    // locals: a `Vec` cut and grown in place lived in the frame).
    let n = steps(&mut out);
    out.truncate(n);
    // `Y` is the only capital: the input is lower-case.
    out.make_ascii_lowercase();
    out
}

/// The steps after the prelude: how many letters of `w` are left, with
/// their replacements written in place.
fn steps(w: &mut [u8]) -> usize {
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

    let mut n = step_1a(w, w.len());
    if longest(&w[..n], INVARIANT_1A).0 == n {
        return n;
    }
    n = step_1b(w, n, p1);
    // Step 1c.
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
        let (m, to) = longest(&w[..n], table);
        // No suffix (`m` 0): `replace` below cuts and adds nothing.
        let start = n - m;
        // The letter before the suffix (0 when none).
        let prev = at(w, start.wrapping_sub(1));
        if start >= region {
            let (k, after) = longest(w.get(start..n).unwrap_or_default(), AFTER);
            let ok = match (step, m, at(w, start + 1)) {
                (3, 5, b't') => start >= p2,
                _ => k < m || among(replacement(AFTER, after), prev),
            };
            if ok {
                n = replace(w, n, m, replacement(table, to));
            }
        }
    }
    step_5(w, n, p1, p2)
}

fn step_1a(w: &mut [u8], n: usize) -> usize {
    let n = n - longest(&w[..n], "' 's 's'").0;
    // By length, which tells the entries apart: "sses", "ied"/"ies", "s"
    // ("us" and "ss" stay).
    match longest(&w[..n], "s us ss sses ied ies").0 {
        4 => n - 2,
        3 => replace(w, n, 3, if n > 4 { b"i" } else { b"ie" }),
        1 if n >= 2 && has_vowel(&w[..n - 2]) => n - 1,
        _ => n,
    }
}

fn step_1b(w: &mut [u8], n: usize, p1: usize) -> usize {
    let m = longest(&w[..n], "eed eedly ed edly ing ingly").0;
    if m == 0 {
        return n;
    }
    let start = n - m;
    // "eed", "eedly": the entries whose second letter is `e`.
    if at(w, start + 1) == b'e' {
        return if start >= p1 {
            replace(w, n, m, b"ee")
        } else {
            n
        };
    }
    if !has_vowel(&w[..start]) {
        return n;
    }
    // The suffix goes; an `e` may follow, or a doubled letter goes.
    if longest(&w[..start], "at bl iz").0 > 0 {
        replace(w, start, 0, b"e")
    } else if start >= 2
        && at(w, start - 1) == at(w, start - 2)
        && among(b"bdfgmnprt", at(w, start - 1))
    {
        start - 1
    } else if start == p1 && short_syllable(w, start) {
        replace(w, start, 0, b"e")
    } else {
        start
    }
}

fn step_5(w: &[u8], n: usize, p1: usize, p2: usize) -> usize {
    match at(w, n.wrapping_sub(1)) {
        b'e' if n > p2 || (n > p1 && !short_syllable(w, n - 1)) => n - 1,
        b'l' if n > p2 && n >= 2 && at(w, n - 2) == b'l' => n - 1,
        _ => n,
    }
}
