//! Letter-level normalization of one word: Unicode lower-casing, composed
//! `й`/`ё` from decomposed input, accents dropped from Latin letters, and
//! look-alike letters folded into the word's own script.
//!
//! Two forms come out: the *word* (lower-cased as written, `ё` kept, for
//! showing the visitor's words back) and the *key* (`ё`→`е`, look-alikes and
//! accents folded: what stemming and stop-word lookup see).

use crate::prelude::*;

/// The script a word is stemmed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Cyrillic,
    Latin,
    /// Digits, other scripts: used as written, never stemmed.
    Other,
}

/// Latin letters that look like Cyrillic ones ("abcehkmoptxy"), and at
/// the same index the Cyrillic one's code point less U+0400 ("авсенкмортху"
/// as bytes): 24 bytes of data instead of 12 pairs of `char`s.
const LATIN: &[u8; 12] = b"abcehkmoptxy";
const CYRILLIC: &[u8; 12] = b"02A5=:<>@BEC";

/// The look-alike of `c` in the other script: Cyrillic for a Latin letter
/// when `to_cyrillic`, else Latin for a Cyrillic one; `c` itself when it
/// has none (no `Option<char>` to test: no letter is its own look-alike).
fn look_alike(c: char, to_cyrillic: bool) -> char {
    for i in 0..LATIN.len() {
        let (l, k) = (u32::from(LATIN[i]), 0x400 + u32::from(CYRILLIC[i]));
        let (from, to) = if to_cyrillic { (l, k) } else { (k, l) };
        if c as u32 == from {
            return char::from_u32(to).unwrap_or(c);
        }
    }
    c
}

/// The Cyrillic look-alike of a Latin letter (`c` itself for none).
fn cyrillic_of(c: char) -> char {
    look_alike(c, true)
}

/// The Latin look-alike of a Cyrillic letter (`c` itself for none).
fn latin_of(c: char) -> char {
    look_alike(c, false)
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4ff}')
}

fn is_latin(c: char) -> bool {
    c.is_ascii_lowercase() || matches!(c, '\u{e0}'..='\u{24f}') && c != '\u{f7}'
}

/// Invisible characters that may sit inside a word: soft hyphen, zero-width
/// space/joiners, word joiner, byte-order mark. (A `matches!`, not
/// `char_among`: every letter of every word is tested.)
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Combining marks (stress marks, decomposed diacritics).
pub fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// The base letters of U+00E0..=U+017E, `.` where there is no accent to
/// drop: text in the wasm's data instead of a `match` in its code.
const BASES: &str = concat!(
    "aaaaaa.ceeeeiiii.nooooo.ouuuuy.y.a.a.a.c.....c.....e...e.e.e.......",
    "........i...i.i..................n...n....o...o.........s.....s....",
    ".....u...u.u........z.z.z",
);

/// Latin-1 and Latin Extended-A letters with accents → the base letter.
fn strip_accent(c: char) -> char {
    match (c as u32)
        .checked_sub(0xe0)
        .and_then(|i| BASES.as_bytes().get(i as usize))
    {
        Some(&b) if b != b'.' => char::from(b),
        _ => c,
    }
}

/// Appends the lower-cased `c` to `word`, composing a combining breve or
/// diaeresis with the previous letter (й → й, ё → ё) and dropping other
/// combining marks and invisible characters.
pub fn push_lower(word: &mut String, c: char) {
    if is_ignorable(c) {
        return;
    }
    if is_combining(c) {
        // The last letter replaced when they compose (bytes compared: no
        // char decoded from the end).
        let (base, composed) = match c {
            '\u{306}' => ("и", 'й'),
            '\u{308}' => ("е", 'ё'),
            _ => return,
        };
        if let Some(rest) = word.strip_suffix(base) {
            word.truncate(rest.len());
            word.push(composed);
        }
        return;
    }
    // `lower_chars` less its combining marks: `İ`'s U+0307 is one, and no
    // letter lower-cases to one.
    word.push(super::case::lower(c));
}

/// The script of a lower-cased word: the one with more letters that have no
/// look-alike in the other, then the one with more letters; Cyrillic on a
/// tie; `Other` without Latin or Cyrillic letters or with any digit. And
/// whether the word has a Cyrillic letter with no Latin look-alike (what
/// [`key`] needs), and whether it is ambiguous: not empty, every letter
/// one that exists in both scripts ("c", "no"). Both counted here, not in
/// walks of their own.
pub fn script(word: &str) -> (Script, bool, bool) {
    let (mut cyr, mut lat, mut cyr_strong, mut lat_strong) = (0, 0, 0, 0);
    let mut digit = false;
    // A char of neither script (every look-alike is of one).
    let mut other = false;
    for c in word.chars() {
        digit |= super::case::is_numeric(c);
        if is_cyrillic(c) {
            cyr += 1;
            cyr_strong += usize::from(!is_look_alike_cyrillic(c));
        } else if is_latin(c) {
            lat += 1;
            lat_strong += usize::from(cyrillic_of(c) == c);
        } else {
            other = true;
        }
    }
    let script = match (cyr_strong.cmp(&lat_strong), cyr.cmp(&lat)) {
        _ if digit || cyr + lat == 0 => Script::Other,
        (core::cmp::Ordering::Greater, _) => Script::Cyrillic,
        (core::cmp::Ordering::Less, _) => Script::Latin,
        (_, core::cmp::Ordering::Less) => Script::Latin,
        _ => Script::Cyrillic,
    };
    let ambiguous = !other && cyr + lat > 0 && cyr_strong + lat_strong == 0;
    (script, cyr_strong > 0, ambiguous)
}

/// The matching key of a lower-cased word in `script`: `ё`→`е`, apostrophes
/// inside Cyrillic words → `ъ` ("об'явление"), look-alikes of the other
/// script folded, accents stripped from Latin letters. `cyrillic_only`:
/// the word has a Cyrillic letter with no Latin look-alike ([`script`]).
pub fn key(word: &str, script: Script, cyrillic_only: bool) -> String {
    // Model numbers and sizes ("4к", "rtx4060") are folded as Latin words
    // are: Cyrillic look-alikes become Latin, unless the word has a
    // Cyrillic-only letter.
    let latin = script == Script::Latin || !cyrillic_only;
    let mut out = String::new();
    for c in word.chars() {
        let c = if c == 'ё' { 'е' } else { c };
        out.push(match script {
            Script::Cyrillic if c == '\'' => 'ъ',
            Script::Cyrillic => cyrillic_of(c),
            _ => match latin_of(c) {
                l if latin && l != c => l,
                _ => strip_accent(c),
            },
        });
    }
    out
}

fn is_look_alike_cyrillic(c: char) -> bool {
    latin_of(c) != c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_words_have_only_letters_of_both_scripts() {
        let both = |c: char| cyrillic_of(c) != c || latin_of(c) != c;
        let chars: Vec<char> = (0..0x600).filter_map(char::from_u32).collect();
        for &a in &chars {
            for b in ['c', 'с', 'ж', 'z', '1', 'é'] {
                for w in [
                    String::new(),
                    a.to_string(),
                    format!("{a}{b}"),
                    format!("{b}{a}"),
                ] {
                    let want = !w.is_empty() && w.chars().all(both);
                    assert_eq!(script(&w).2, want, "{w:?}");
                }
            }
        }
    }

    #[test]
    fn accents_strip_to_the_base_letter() {
        let got: String = "àåçèëìïıñòöøőùüűýÿśšźž÷ßſé"
            .chars()
            .map(strip_accent)
            .collect();
        assert_eq!(got, "aaceeiiinoooouuuyysszz÷ßſe");
    }

    #[test]
    fn push_lower_is_lower_chars_less_combining_marks() {
        let plain = |c: &char| !is_combining(*c) && !is_ignorable(*c);
        for c in (0..0x3_0000).filter_map(char::from_u32).filter(plain) {
            let mut got = String::new();
            push_lower(&mut got, c);
            let want: String = crate::text::case::lower_chars(c)
                .filter(|&l| !is_combining(l))
                .collect();
            assert_eq!(got, want, "{c:?}");
        }
    }
}
