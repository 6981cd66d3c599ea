//! The text pipeline, the same for the marketer's terms and the visitor's
//! words: normalize → tokenize → stem → negation → match.
//!
//! * `tokenize` splits text into words (apostrophes, hyphens, decimals,
//!   bounds: at most 64 words of at most 40 characters from the first 4 KiB).
//! * `normalize` lower-cases, folds `ё`, accents and look-alike letters
//!   (a Latin `c` in "фотоcтудия"), and tells each word's script.
//! * Each word is stemmed by its own script, so mixed queries work ("лофт
//!   loft студия"): Cyrillic by the Snowball Russian stemmer (`stem_ru`),
//!   Latin by Snowball English / Porter2 (`stem_en`); words with digits
//!   and other scripts are kept as they are.
//! * `stop` words are grammatical only; `negation` marks what a cue
//!   governs; `index` matches phrases, with typos via `fuzzy`.
//!
//! The language of the rules file needs no switch here: a word's script
//! picks its stemmer.

pub mod case;
mod fuzzy;
pub(crate) mod ids;
mod index;
mod negation;
mod normalize;
mod ru;
mod stem_en;
mod stem_ru;
mod stop;
mod tokenize;

use crate::prelude::*;
use core::cmp::Ordering;
// `jobwise learn` hashes its maps with the typo matcher's Fx.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use fuzzy::Fx;
pub use index::TermIndex;

use normalize::Script;
use ru::ru;
use stop::Kind;

/// One word of analysed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The word as written, lower-cased (`ё` and look-alike letters kept,
    /// apostrophes as `'`): what to show back to the visitor.
    pub word: String,
    /// The stem used for matching (`ё`→`е`, look-alikes folded).
    pub stem: String,
    /// Governed by a negation cue ("не", "без", "no", "without"…).
    pub negated: bool,
    /// A stop word or a negation cue: never matches on its own.
    pub stop: bool,
    /// A negation cue (then `stop` too).
    pub cue: bool,
    /// Glued to the previous word by a hyphen.
    pub hyphen: bool,
    /// The matching key ([`normalize::key`]): what negation reads of
    /// stop words and cues (and words of need).
    pub(crate) key: String,
    /// Sentence punctuation stands before this word.
    pub(crate) clause_break: bool,
}

impl Token {
    fn kind(&self) -> Kind {
        match (self.stop, self.cue) {
            (false, _) => Kind::Content,
            (true, false) => Kind::Stop,
            (true, true) => Kind::Cue,
        }
    }
}

/// A phrase of the rules found in the visitor's tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The id given to [`TermIndex::add`].
    pub id: u32,
    /// Token range `start..end` of the visitor's words that matched: the
    /// words to show are `tokens[start..end].word` (stop words and at most
    /// one skipped word inside included).
    pub start: usize,
    pub end: usize,
    /// Matched through typo tolerance or a derived form ("игровой" for
    /// "игры") rather than exactly.
    pub fuzzy: bool,
    /// The visitor negated it: it must not count for its job.
    pub negated: bool,
}

impl Hit {
    /// The visitor's matched words, separated by spaces.
    pub fn text(&self, tokens: &[Token]) -> String {
        let mut out = String::new();
        for t in tokens.get(self.start..self.end).unwrap_or_default() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&t.word);
        }
        out
    }
}

/// A word's matching identity.
struct Word {
    kind: Kind,
    key: String,
    script: Script,
}

/// Classifies a lower-cased word. A word made only of letters that exist in
/// both scripts ("c", "o", "no", "he") takes the script in which it is a
/// stop word or cue, Latin first.
fn classify(word: &str) -> Word {
    let (mut script, cyrillic_only, ambiguous) = normalize::script(word);
    let mut key = normalize::key(word, script, cyrillic_only);
    let mut kind = stop::kind(&key);
    if kind == Kind::Content && ambiguous {
        let other = match script {
            Script::Cyrillic => Script::Latin,
            _ => Script::Cyrillic,
        };
        let other_key = normalize::key(word, other, cyrillic_only);
        let other_kind = stop::kind(&other_key);
        if other_kind != Kind::Content {
            (script, key, kind) = (other, other_key, other_kind);
        }
    }
    Word { kind, key, script }
}

/// Whether `key` is a word of `list`: words joined by single spaces, one
/// string in the wasm instead of an 8-byte slice header per word (a linear
/// scan of a few dozen short words). Read by [`longest`], the scan the
/// stemmers' tables have (no list has a `:`): of the words `key` ends
/// with, the longest is `key` itself when it is listed.
pub fn listed(list: &str, key: &str) -> bool {
    !key.is_empty() && longest(key.as_bytes(), list).0 == key.len()
}

/// [`listed`] for a list sorted bytewise (the stop words, looked up for
/// every word of every phrase at boot): a binary search over the joined
/// string, about ten comparisons instead of a scan of hundreds of words.
pub fn listed_sorted(list: &str, key: &str) -> bool {
    let list = list.as_bytes();
    let (mut lo, mut hi) = (0, list.len());
    let mut buf = ru::Buf::default();
    while lo < hi {
        // The word around the middle: `start..end`.
        let mut start = (lo + hi) / 2;
        while start > lo && list[start - 1] != b' ' {
            start -= 1;
        }
        let mut end = start;
        while end < hi && list[end] != b' ' {
            end += 1;
        }
        match key.as_bytes().cmp(ru::decoded(&list[start..end], &mut buf)) {
            Ordering::Equal => return true,
            Ordering::Less => hi = start,
            Ordering::Greater => lo = end + 1,
        }
    }
    false
}

/// The longest suffix of `table` (space-separated `suffix` or
/// `suffix:replacement`) that `w` ends with: its length (0 for none, no
/// `Option` to unpack at each caller: no entry is empty) and where it ends
/// in `table`, for [`replacement`] (two numbers come back as two results,
/// where a length and a slice went through memory for callers that mostly
/// want the length only). One pass over the bytes: `split(' ')` and
/// `split_once(':')` call `memchr` for every entry, and the stemmers run
/// for every word of the rules at boot.
pub(crate) fn longest(w: &[u8], table: &str) -> (usize, usize) {
    let t = table.as_bytes();
    let mut best = (0, t.len());
    let mut buf = ru::Buf::default();
    // The current entry starts at `start`; its `:` (if any) is at `cut`.
    let (mut start, mut cut) = (0, None);
    for i in 0..t.len() + 1 {
        match t.get(i) {
            Some(b':') => cut = Some(i),
            Some(b' ') | None => {
                let c = cut.take().unwrap_or(i);
                let s = ru::decoded(t.get(start..c).unwrap_or_default(), &mut buf);
                // The length first: with `ends_with` first, LLVM 22 kept
                // the best length from before `decoded` in the wasm
                // (llvm/llvm-project#98323; scripts/check-multivalue.mjs).
                if s.len() > best.0 && w.ends_with(s) {
                    best = (s.len(), c);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    best
}

/// The replacement of a [`longest`] entry whose suffix ends at `at`: what
/// follows its `:` up to the entry's end (none without a `:`: `at` is then
/// the entry's end).
pub(crate) fn replacement(table: &str, at: usize) -> &[u8] {
    let entry = halves(table.get(at..).unwrap_or_default(), b' ').0;
    entry.get(1..).unwrap_or_default().as_bytes()
}

/// The end of the first non-vowel letter that follows a vowel, from byte
/// `from` on (Snowball's R1, and R2 from R1), `w.len()` if none: one body
/// for both stemmers. `vowel(w, i)` tells whether the letter ending at byte
/// `i` is a vowel (`None`: no letter ends there).
pub(crate) fn region(w: &[u8], from: usize, vowel: fn(&[u8], usize) -> Option<bool>) -> usize {
    let mut seen = false;
    for i in from..w.len() {
        match vowel(w, i) {
            Some(true) => seen = true,
            Some(false) if seen => return i + 1,
            _ => {}
        }
    }
    w.len()
}

/// Naive search: needles are short, and a searcher's setup costs more than
/// it saves (`str::contains(&str)` links core's two-way searcher and its
/// panic formatting). A match of a whole UTF-8 needle starts on a char
/// boundary. None is `hay.len()`, where no non-empty needle fits (the
/// callers cut or split there, or compare, with no `Option` to unpack; an
/// `Option<usize>` measured the same raw wasm and 42 B more brotli, mean
/// of 16 alignments): a match is found iff
/// `find(hay, needle) + needle.len() <= hay.len()`.
pub fn find(hay: &[u8], needle: &[u8]) -> usize {
    // A loop over `get`, not `windows().position()`: an empty needle is
    // found at 0 without a branch of its own.
    let mut i = 0;
    while let Some(w) = hay.get(i..i + needle.len()) {
        // The slices compared, not references to them (those were
        // written to the frame and read back at each step).
        if *w == *needle {
            return i;
        }
        i += 1;
    }
    hay.len()
}

/// `s` split around its last `b`, an ASCII byte (so both sides are whole
/// chars): `rfind`, `rsplit` and `rsplit_once` with a char link core's
/// reverse char searcher (730 B of wasm).
#[inline]
pub fn rsplit_once(s: &str, b: u8) -> Option<(&str, &str)> {
    found(s, split_around(s, b, true))
}

/// A pair of [`split_around`] as an `Option`: `None` when `s` had no `b`
/// (inlined into the callers, a length compare, where an `Option` pair
/// came back through memory and was tested there).
#[inline]
fn found<'a>(s: &str, (before, after): (&'a str, &'a str)) -> Option<(&'a str, &'a str)> {
    (before.len() < s.len()).then_some((before, after))
}

/// `s` split around its first `b`, `(s, "")` when it has none.
#[inline(always)]
pub fn halves(s: &str, b: u8) -> (&str, &str) {
    split_around(s, b, false)
}

/// `s` split around its last `b`, `(s, "")` when it has none.
#[inline(always)]
pub fn rsplit_halves(s: &str, b: u8) -> (&str, &str) {
    split_around(s, b, true)
}

/// `s` split around its first or (when `last`) its last `b`, `(s, "")`
/// when it has none: one body for [`split_once`], [`rsplit_once`] and
/// [`halves`]. Inlined: the two halves are two calls of two results each
/// (a pair of `&str`, four scalars, came back through memory).
#[inline(always)]
fn split_around(s: &str, b: u8, last: bool) -> (&str, &str) {
    let before = before(s, b, last);
    (before, past(s, before.len()))
}

/// What follows byte `at` of `s`, `""` when `at` is not before its end.
fn past(s: &str, at: usize) -> &str {
    s.get(at + 1..).unwrap_or_default()
}

/// `s` up to its first or (when `last`) its last `b`, the whole of `s`
/// when it has none.
fn before(s: &str, b: u8, last: bool) -> &str {
    // The length for none: nothing is past it.
    let mut at = s.len();
    for (i, &c) in s.as_bytes().iter().enumerate() {
        if c == b {
            at = i;
            if !last {
                break;
            }
        }
    }
    s.get(..at).unwrap_or(s)
}

/// Whether `b` is one of the bytes of `set`, a short constant: a plain loop,
/// where `<[u8]>::contains` links core's `memchr` (0.4 KB of wasm).
pub(crate) fn among(set: &[u8], b: u8) -> bool {
    for &s in set {
        if s == b {
            return true;
        }
    }
    false
}

/// Whether `c` is one of the chars of `set`: a char list as text in the
/// wasm's data, where a `matches!` over them is more code. No list holds
/// a space, the char most often looked up (between words): no list is
/// read for it.
pub(crate) fn char_among(set: &str, c: char) -> bool {
    if c == ' ' {
        return false;
    }
    for s in set.chars() {
        if s == c {
            return true;
        }
    }
    false
}

/// The index of the first byte of `s` in `set`: one plain loop, where
/// each `bytes().position(closure)` was an iterator instance of its own.
/// `s.len()` for none (the callers test it against `s.len()` and use it
/// as an index, with no `Option` to unpack).
pub(crate) fn first_among(s: &str, set: &[u8]) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if among(set, b[i]) {
            return i;
        }
        i += 1;
    }
    b.len()
}

/// `char::is_whitespace` (Unicode `White_Space`; a test holds it against
/// core) as one `matches!`: core's reads a table through 145 B of wasm.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `s` without leading and trailing whitespace ([`is_space`], as
/// `str::trim`, whose pattern searchers cost 0.5 KB of wasm with
/// `trim_end`'s).
pub fn trim(s: &str) -> &str {
    let rest = s.get(first_char(s, is_space, false)..).unwrap_or_default();
    rest.get(..strip_end(rest, true)).unwrap_or_default()
}

/// The byte index of the first char of `s` whose `f` is `is`, `s.len()`
/// when none is (a plain `usize`, as [`first_among`] gives): one loop for
/// [`trim`] and the checks that point at a char (`find` with a char
/// predicate is a searcher of its own, `char_indices` an iterator of its
/// own).
pub(crate) fn first_char(s: &str, f: fn(char) -> bool, is: bool) -> usize {
    // The offset from what is left (`len_utf8` is a chain of comparisons).
    let mut chars = s.chars();
    loop {
        let i = s.len() - chars.as_str().len();
        match chars.next() {
            Some(c) if f(c) != is => {}
            _ => return i,
        }
    }
}

/// The length of `s` without its trailing chars whose [`is_space`] is
/// `space`. Found by bytes (a char starts at a byte that is not a UTF-8
/// continuation byte): a backward walk over chars is core's `next_back`,
/// 172 B of wasm of its own.
pub(crate) fn strip_end(s: &str, space: bool) -> usize {
    let b = s.as_bytes();
    let mut end = b.len();
    let mut at = end;
    while at > 0 {
        at -= 1;
        // Not a continuation byte: the char `at..end`.
        if b[at] as i8 >= -0x40 {
            match s.get(at..end).and_then(|c| c.chars().next()) {
                Some(c) if is_space(c) == space => end = at,
                _ => break,
            }
        }
    }
    end
}

/// The value of hex digit `b` (either case), [`NOT_HEX`] for none (the URL
/// reader tests both digits of a `%XX` at once, `h | l`): one function for
/// the URL reader's `%XX` and the JSON reader's `\uXXXX`.
pub(crate) fn hex(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => NOT_HEX,
    }
}

/// What [`hex`] gives for a byte that is no hex digit: more than 15, and
/// every bit above the digits' four set.
pub(crate) const NOT_HEX: u8 = u8::MAX;

/// Whether every byte of `s` passes `f`: one loop for every such check,
/// where each `bytes().all(closure)` is an iterator instance of its own.
pub fn all_bytes(s: &str, f: fn(u8) -> bool) -> bool {
    for b in s.bytes() {
        if !f(b) {
            return false;
        }
    }
    true
}

/// `s` split around its first `b`, an ASCII byte (so both sides are whole
/// chars): `split_once` with a char pattern links core's char searcher and
/// `memchr` (1 KB of wasm with `str::split`'s `Split<char>`).
#[inline]
pub fn split_once(s: &str, b: u8) -> Option<(&str, &str)> {
    found(s, split_around(s, b, false))
}

/// The pieces of `s` between its `b`s, an ASCII byte: `str::split` with a
/// char, read bytewise (see [`split_once`]).
pub fn split(s: &str, b: u8) -> Split<'_> {
    Split { rest: Some(s), b }
}

/// The iterator of [`split`].
pub struct Split<'a> {
    rest: Option<&'a str>,
    b: u8,
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.rest?;
        let (piece, rest) = halves(s, self.b);
        self.rest = (piece.len() < s.len()).then_some(rest);
        Some(piece)
    }
}

/// The byte offset of the `n`th char of `s`, `s.len()` when it has no
/// more than `n` (the callers cut `s` there or compare with `s.len()`,
/// no `Option` to unpack): bytes
/// that start a char counted, nothing decoded (`char_indices().nth`
/// links 450 B of wasm).
pub fn char_offset(s: &str, n: usize) -> usize {
    let mut left = n;
    for (i, b) in s.bytes().enumerate() {
        // Not a continuation byte.
        if b as i8 >= -0x40 {
            if left == 0 {
                return i;
            }
            left -= 1;
        }
    }
    s.len()
}

/// Whether `needle` occurs in `hay` (see [`find`]).
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay.as_bytes(), needle.as_bytes()) + needle.len() <= hay.len()
}

/// Indeclinable nouns the Russian stemmer would cut ("метро" → "метр", the
/// metre): kept whole.
const INDECLINABLE: &str = ru!("авто бюро депо кафе кино кофе метро радио такси фото шоссе");

/// The stem of a key in its script.
fn stem_key(key: &str, script: Script) -> String {
    let mut out = key.to_string();
    match script {
        Script::Cyrillic if !listed(INDECLINABLE, key) => {
            // Snowball leaves "-ьми" ("детьми", "людьми") apart from the
            // other forms ("дети" → "дет"): cut it like them, in words of
            // five letters or more (a fifth letter starts somewhere).
            out.truncate(match key.strip_suffix("ьми") {
                Some(rest) if char_offset(key, 4) < key.len() => rest.len(),
                _ => stem_ru::stem_len(key),
            });
        }
        // ASCII in, ASCII out: the stemmer works on bytes.
        Script::Latin if all_bytes(key, |b| b.is_ascii()) => {
            out.clear();
            for &b in &stem_en::stem(key.as_bytes()) {
                out.push(char::from(b));
            }
        }
        _ => {}
    }
    out
}

/// The stem of one word, as [`analyze`] gives it (lower-cased, normalized,
/// stemmed by its script; stop words and cues are not stemmed).
pub fn stem_word(word: &str) -> String {
    let mut lower = String::new();
    for c in word.chars() {
        normalize::push_lower(&mut lower, c);
    }
    let w = classify(&lower);
    stem_of(&w)
}

fn stem_of(w: &Word) -> String {
    match w.kind {
        Kind::Content => stem_key(&w.key, w.script),
        _ => w.key.clone(),
    }
}

/// Splits text into analysed tokens.
pub fn analyze(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize::pieces(text, |word, clause_break, hyphen| {
        let w = classify(&word);
        tokens.push(Token {
            stem: stem_of(&w),
            word,
            negated: false,
            stop: w.kind != Kind::Content,
            cue: w.kind == Kind::Cue,
            hyphen,
            key: w.key,
            clause_break,
        });
    });
    negation::mark(&mut tokens);
    tokens
}

/// The stem of the tokens' words written together ("фото" + "студия" →
/// "фотостуд").
fn glued_stem(tokens: &[Token]) -> String {
    let mut glued = String::new();
    for t in tokens {
        glued.push_str(&t.word);
    }
    stem_of(&classify(&glued))
}

#[cfg(test)]
mod tests {
    use super::{
        char_offset, contains, find, halves, is_space, rsplit_halves, rsplit_once, split_once,
        strip_end, trim,
    };

    #[test]
    fn is_space_is_core_is_whitespace() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn find_is_the_first_window_equal_to_the_needle() {
        for hay in ["", "a", "abcabc", "фото.рф"] {
            for needle in ["", "a", "bc", "abcabcd", "рф", "c"] {
                let (h, n) = (hay.as_bytes(), needle.as_bytes());
                let want = match n.len() {
                    0 => Some(0),
                    len => h.windows(len).position(|w| w == n),
                };
                assert_eq!(find(h, n), want.unwrap_or(h.len()), "{hay} {needle}");
                assert_eq!(contains(hay, needle), want.is_some(), "{hay} {needle}");
            }
        }
    }

    #[test]
    fn char_offset_is_where_the_nth_char_starts() {
        for s in ["", "abc", "фото.рф", "a😀b ё", "😀😀"] {
            for n in 0..8 {
                let want = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
                assert_eq!(char_offset(s, n), want, "{s} {n}");
            }
        }
    }

    #[test]
    fn trim_and_strip_end_match_core() {
        for s in [
            "",
            " ",
            "a",
            " a b ",
            "\u{3000}фото\u{a0}",
            "😀 e\u{301}\u{2029}",
            "\t\n",
            "ё\u{85}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(strip_end(s, true), s.trim_end().len(), "{s:?}");
            let want = s.trim_end_matches(|c: char| !c.is_whitespace()).len();
            assert_eq!(strip_end(s, false), want, "{s:?}");
        }
    }

    #[test]
    fn rsplit_once_splits_at_the_last_byte() {
        assert_eq!(rsplit_once("a.b.c", b'.'), Some(("a.b", "c")));
        assert_eq!(rsplit_once("фото.рф", b'.'), Some(("фото", "рф")));
        assert_eq!(rsplit_once(".", b'.'), Some(("", "")));
        assert_eq!(rsplit_once("abc", b'.'), None);
    }

    #[test]
    fn halves_are_the_whole_and_nothing_without_the_byte() {
        assert_eq!(halves("a=b=c", b'='), ("a", "b=c"));
        assert_eq!(rsplit_halves("a=b=c", b'='), ("a=b", "c"));
        assert_eq!(halves("a=", b'='), ("a", ""));
        assert_eq!(halves("abc", b'='), ("abc", ""));
        assert_eq!(rsplit_halves("abc", b'='), ("abc", ""));
        assert_eq!(split_once("a=", b'='), Some(("a", "")));
        assert_eq!(split_once("abc", b'='), None);
    }
}
