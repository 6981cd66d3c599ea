//! Splits text into words.
//!
//! A word is a run of letters and digits (plus combining marks and invisible
//! characters inside it, which [`normalize::push_lower`] resolves). Inside a
//! word, between two letters or digits:
//! * an apostrophe (`'`, `’`, `ʼ`, `‘`, `` ` ``) is kept as `'`: "don't",
//!   "o'clock" stay one word, and "об'явление" (an `ъ` typed as `'`) too;
//! * a hyphen (`-`, `‐`, `‑`) splits the word but marks the next part as
//!   joined: "wi-fi" → "wi" + "fi", "фото-студия" → "фото" + "студия";
//!   matching then also tries the parts glued together ("фотостудия"), and
//!   a cue stays a cue ("non-gaming");
//! * between two digits, `.` and `,` are kept as `.`: "15,6" = "15.6".
//!
//! Sentence punctuation (`. , ; : ! ? ( ) [ ] { } « » " “ ” „ — – … / | •`
//! and line breaks) is a clause break that ends a negation's scope.
//!
//! Work is bounded for any input: the first [`MAX_INPUT`] bytes are read,
//! at most [`MAX_WORDS`] words come out, and a word keeps its first
//! [`MAX_WORD_CHARS`] characters.

use super::normalize::{is_combining, is_ignorable, push_lower};
use crate::prelude::*;

/// Bytes of input read; the rest is ignored.
pub const MAX_INPUT: usize = 4096;
/// Words analysed; the rest is ignored.
pub const MAX_WORDS: usize = 64;
/// Characters kept of a word; the rest of a longer run is dropped.
pub const MAX_WORD_CHARS: usize = 40;

fn is_apostrophe(c: char) -> bool {
    super::char_among("'’ʼ‘`", c)
}

fn is_hyphen(c: char) -> bool {
    super::char_among("-‐‑", c)
}

fn is_clause_break(c: char) -> bool {
    super::char_among(".,;:!?()[]{}«»\"“”„—–…/|•\n\r", c)
}

/// Hands `each` the words of `text`, bounded as the module says: a word as
/// written (lower-cased); whether sentence punctuation stands between it
/// and the previous one; whether a hyphen glues it to the previous one.
/// (A callback, not a `Vec` of pieces: no vector to grow and drop.)
#[inline(never)]
pub fn pieces(text: &str, mut each: impl FnMut(String, bool, bool)) {
    let mut chars = text.chars();
    let mut words = 0;
    let mut word = String::new();
    let mut len = 0;
    let mut clause_break = false;
    let mut hyphen = false;
    let mut prev_digit = false;
    // A space before the text, which changes nothing: one `chars.next()`.
    // Past the end, a space too (`past`): it ends the last word (one push
    // for all), and no `Option<char>` is tested at each char.
    let (mut next, mut past) = (' ', false);
    let mut next_alnum = false;
    let mut done = false;
    while !done {
        if words == MAX_WORDS {
            return;
        }
        let (c, alnum) = (next, next_alnum);
        done = past;
        // Only the chars that end within the first `MAX_INPUT` bytes.
        (next, past) = match chars.next() {
            Some(n) if text.len() - chars.as_str().len() <= MAX_INPUT => (n, false),
            _ => (' ', true),
        };
        next_alnum = super::case::is_alphanumeric(next);
        // In a word: letters and digits, combining marks, invisible chars.
        if alnum || is_combining(c) || is_ignorable(c) {
            if len < MAX_WORD_CHARS {
                push_lower(&mut word, c);
                len += usize::from(alnum);
            }
            if alnum {
                prev_digit = super::case::is_numeric(c);
            }
            continue;
        }
        let inside = !word.is_empty() && next_alnum;
        // An apostrophe between letters, a decimal point between digits.
        let kept = if is_apostrophe(c) && !prev_digit {
            '\''
        } else if matches!(c, '.' | ',') && prev_digit && super::case::is_numeric(next) {
            '.'
        } else {
            ' '
        };
        if inside && kept != ' ' {
            if len < MAX_WORD_CHARS {
                word.push(kept);
            }
            continue;
        }
        if !word.is_empty() {
            each(core::mem::take(&mut word), clause_break, hyphen);
            words += 1;
            len = 0;
            clause_break = false;
        }
        hyphen = inside && is_hyphen(c);
        clause_break |= is_clause_break(c);
    }
}
