//! Lower case and "is a letter / a digit" for the scripts Jobwise reads,
//! without core's Unicode tables (about 15 KB of wasm): Latin (ASCII,
//! Latin-1, Extended-A and -B, IPA and modifier letters, Extended
//! Additional for Vietnamese, fullwidth), Greek, Cyrillic (Russian,
//! Ukrainian, Belarusian, Kazakh…), and CJK ideographs, kana and Hangul as
//! letters without case. Inside [`COVERED`] every function agrees with
//! `char::to_lowercase`, `char::is_alphabetic` and `char::is_numeric`
//! (tested natively over every code point); outside it a character has no
//! case and is neither a letter nor a digit. The tables were generated
//! from core's (Unicode 16).

use crate::prelude::*;

/// The blocks where these functions are exact.
pub const COVERED: &[(u32, u32)] = &[
    (0x0000, 0x052F),
    (0x1100, 0x11FF),
    (0x1E00, 0x1EFF),
    (0x3000, 0x30FF),
    (0x3130, 0x318F),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xFF00, 0xFFEF),
];

/// Lower-casing runs beyond ASCII in three columns, run `i` at index `i`
/// of each: every character from its first to its first plus
/// `LOWER_SPAN[i]` lower-cases to itself plus `LOWER_DELTA[i]`, every
/// second one in a run of delta 1 (upper and lower case alternate there; a
/// test holds it against core). The firsts, written ascending, are kept as
/// [`steps_down`]: small numbers, which compress better. Columns, not rows
/// of `(u16, u16, i16, u8)`: no padding, and like numbers side by side
/// compress better.
const LOWER_STEP: [u16; 89] = steps_down([
    0x00C0, 0x00D8, 0x0100, 0x0130, 0x0132, 0x0139, 0x014A, 0x0178, 0x0179, 0x0181, 0x0182, 0x0186,
    0x0187, 0x0189, 0x018B, 0x018E, 0x018F, 0x0190, 0x0191, 0x0193, 0x0194, 0x0196, 0x0197, 0x0198,
    0x019C, 0x019D, 0x019F, 0x01A0, 0x01A6, 0x01A7, 0x01A9, 0x01AC, 0x01AE, 0x01AF, 0x01B1, 0x01B3,
    0x01B7, 0x01B8, 0x01BC, 0x01C4, 0x01C5, 0x01C7, 0x01C8, 0x01CA, 0x01CB, 0x01DE, 0x01F1, 0x01F2,
    0x01F6, 0x01F7, 0x01F8, 0x0220, 0x0222, 0x023A, 0x023B, 0x023D, 0x023E, 0x0241, 0x0243, 0x0244,
    0x0245, 0x0246, 0x0370, 0x0376, 0x037F, 0x0386, 0x0388, 0x038C, 0x038E, 0x0391, 0x03A3, 0x03CF,
    0x03D8, 0x03F4, 0x03F7, 0x03F9, 0x03FA, 0x03FD, 0x0400, 0x0410, 0x0460, 0x048A, 0x04C0, 0x04C1,
    0x04D0, 0x1E00, 0x1E9E, 0x1EA0, 0xFF21,
]);
const LOWER_SPAN: [u8; 89] = [
    22, 6, 46, 0, 4, 14, 44, 0, 4, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0,
    0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 16, 16, 0, 2, 0, 0, 38, 0, 16, 0, 0, 0, 0, 0, 0, 0,
    0, 8, 2, 0, 0, 0, 2, 0, 1, 16, 8, 0, 22, 0, 0, 0, 0, 2, 15, 31, 32, 52, 0, 12, 94, 148, 0, 94,
    25,
];
const LOWER_DELTA: [i16; 89] = [
    32, 32, 1, -199, 1, 1, 1, -121, 1, 210, 1, 206, 1, 205, 1, 79, 202, 203, 1, 205, 207, 211, 209,
    1, 211, 213, 214, 1, 218, 1, 218, 1, 218, 1, 217, 1, 219, 1, 1, 2, 1, 2, 1, 2, 1, 1, 2, 1, -97,
    -56, 1, -130, 1, 10795, 1, -163, 10792, 1, -195, 69, 71, 1, 1, 1, 116, 38, 37, 64, 63, 32, 32,
    8, 1, -60, 1, -7, 1, -130, 80, 32, 1, 1, 15, 1, 1, 1, -7615, 1, 32,
];

/// Letters (Unicode `Alphabetic`) inside [`COVERED`], from inclusive
/// ranges.
const ALPHA: [u16; 92] = steps(&[
    (0x0041, 0x005A),
    (0x0061, 0x007A),
    (0x00AA, 0x00AA),
    (0x00B5, 0x00B5),
    (0x00BA, 0x00BA),
    (0x00C0, 0x00D6),
    (0x00D8, 0x00F6),
    (0x00F8, 0x02C1),
    (0x02C6, 0x02D1),
    (0x02E0, 0x02E4),
    (0x02EC, 0x02EC),
    (0x02EE, 0x02EE),
    (0x0345, 0x0345),
    (0x0363, 0x0374),
    (0x0376, 0x0377),
    (0x037A, 0x037D),
    (0x037F, 0x037F),
    (0x0386, 0x0386),
    (0x0388, 0x038A),
    (0x038C, 0x038C),
    (0x038E, 0x03A1),
    (0x03A3, 0x03F5),
    (0x03F7, 0x0481),
    (0x048A, 0x052F),
    (0x1100, 0x11FF),
    (0x1E00, 0x1EFF),
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3031, 0x3035),
    (0x3038, 0x303C),
    (0x3041, 0x3096),
    (0x309D, 0x309F),
    (0x30A1, 0x30FA),
    (0x30FC, 0x30FF),
    (0x3131, 0x318E),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xFF21, 0xFF3A),
    (0xFF41, 0xFF5A),
    (0xFF66, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
]);

/// Digits and numbers (Unicode `Numeric_Type`) inside [`COVERED`].
const NUMERIC: [u16; 16] = steps(&[
    (0x0030, 0x0039),
    (0x00B2, 0x00B3),
    (0x00B9, 0x00B9),
    (0x00BC, 0x00BE),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303A),
    (0xFF10, 0xFF19),
]);

/// `ranges` (inclusive, ascending) as the steps from each bound to the
/// next, from 0, a range's bounds being its first char and the one past
/// its last: small numbers, which compress better than the bounds
/// themselves, walked from the start by [`within`].
const fn steps<const N: usize>(ranges: &[(u16, u16)]) -> [u16; N] {
    assert!(N == 2 * ranges.len());
    let mut out = [0; N];
    let (mut i, mut at) = (0, 0);
    while i < N {
        let (first, last) = ranges[i / 2];
        let bound = if i % 2 == 0 { first } else { last + 1 };
        out[i] = bound - at;
        at = bound;
        i += 1;
    }
    out
}

/// `firsts` (ascending) as the steps from each to the next, the last's
/// to 0x10000.
const fn steps_down<const N: usize>(firsts: [u16; N]) -> [u16; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        let next = if i + 1 < N {
            firsts[i + 1] as u32
        } else {
            0x10000
        };
        out[i] = (next - firsts[i] as u32) as u16;
        i += 1;
    }
    out
}

/// Whether `c` is in the ranges [`steps`] made: behind an odd number of
/// bounds.
fn within(c: char, steps: &[u16]) -> bool {
    let (mut i, mut bound) = (0, 0);
    while i < steps.len() {
        bound += u32::from(steps[i]);
        if bound > c as u32 {
            break;
        }
        i += 1;
    }
    i % 2 == 1
}

/// The lower case of `c` (its first character: `İ` gives `i`, to which
/// `str` lower-casing adds U+0307).
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    // The runs walked down from the last (Cyrillic is near the top): a
    // sum of `LOWER_STEP` taken from 0x10000, till the run `c` may be in.
    let (mut i, mut first) = (LOWER_STEP.len(), 0x10000);
    while i > 0 {
        i -= 1;
        first -= u32::from(LOWER_STEP[i]);
        if first <= u {
            let delta = LOWER_DELTA[i];
            let off = u - first;
            // Every lower case here is below U+10000: as a `u16`, only
            // surrogates are left for `from_u32` to refuse.
            let l = u32::from(u.wrapping_add_signed(i32::from(delta)) as u16);
            if off <= u32::from(LOWER_SPAN[i]) && off & u32::from(delta == 1) == 0 {
                if let Some(l) = char::from_u32(l) {
                    return l;
                }
            }
            break;
        }
    }
    c
}

/// The second char of `c` lower-cased, `'\0'` if it has none (no
/// `Option<char>` to test): `İ` is `i` and a combining dot above
/// (U+0307), the only such char in [`COVERED`].
pub fn lower_second(c: char) -> char {
    if c == '\u{130}' {
        '\u{307}'
    } else {
        '\0'
    }
}

/// `c` lower-cased as `char::to_lowercase` does (one or two characters):
/// what the tests hold against core.
#[cfg(test)]
pub fn lower_chars(c: char) -> impl Iterator<Item = char> {
    core::iter::once(lower(c)).chain(Some(lower_second(c)).filter(|&l| l != '\0'))
}

/// `s` lower-cased as `str::to_lowercase` does, final sigma included (a
/// word ends where no letter follows, apostrophes and combining marks
/// skipped).
pub fn lower_str(s: &str) -> String {
    // The usual URL or path: ASCII, lower-cased a byte at a time.
    if crate::text::all_bytes(s, |b| b.is_ascii()) {
        return s.to_ascii_lowercase();
    }
    let skip = |c: char| crate::text::char_among("'’.:·", c) || super::normalize::is_combining(c);
    let cased = |c: char| is_alphabetic(c) && c != 'ª' && c != 'º';
    let mut out = String::with_capacity(s.len());
    // The last char before `c` that is not skipped, a space before any
    // (kept as the loop goes: no backward search; a space is not cased).
    let mut last = ' ';
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == 'Σ' {
            let after = chars.clone().find(|&c| !skip(c)).is_some_and(cased);
            out.push(if cased(last) && !after { 'ς' } else { 'σ' });
        } else {
            // `lower_chars`, pushed without its iterator.
            out.push(lower(c));
            let second = lower_second(c);
            if second != '\0' {
                out.push(second);
            }
        }
        if !skip(c) {
            last = c;
        }
    }
    out
}

/// Whether `c` is a letter: Cyrillic's first block of letters (Russian's
/// among them) told at once, as ASCII is at the start of the walk.
pub fn is_alphabetic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{481}') || within(c, &ALPHA)
}

pub fn is_numeric(c: char) -> bool {
    within(c, &NUMERIC)
}

pub fn is_alphanumeric(c: char) -> bool {
    is_alphabetic(c) || is_numeric(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered() -> impl Iterator<Item = char> {
        COVERED
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .filter_map(char::from_u32)
    }

    #[test]
    fn agrees_with_core_over_the_covered_blocks() {
        for c in covered() {
            assert!(lower_chars(c).eq(c.to_lowercase()), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn strings_lower_case_as_core() {
        for s in [
            "ФОТОСТУДИЯ Ёлка",
            "İSTANBUL ıi",
            "STRASSE ẞ Größe",
            "ΟΔΥΣΣΕΥΣ ΣΑΣ Σ",
            "ΌΣΟΣ'",
            "Hà Nội VIỆT NAM",
            "東京 カメラ 서울",
            "ÆØÅ Ÿ ǅ ǈ Ǌ",
            "ҚАЗАҚСТАН ҐЇЄІ Ў",
            "ＡＢＣ",
        ] {
            assert_eq!(lower_str(s), s.to_lowercase(), "{s}");
        }
    }
}
