//! Search terms cleaned as analytics tools show them: ad-platform
//! leftovers refused, keyword operators stripped, lower-cased, whitespace
//! collapsed, length-capped. Cleaning is idempotent.

use crate::prelude::*;

/// At most this many characters of terms are kept.
pub const MAX_CHARS: usize = 200;
/// Characters of a raw value looked at (the rest cannot survive the cap).
const MAX_INPUT_CHARS: usize = 2_000;

/// Values that say "no terms" (Google Analytics, Matomo, unset templates),
/// separated by `|`.
const NOT_TERMS: &str =
    "(not provided)|(not set)|not provided|not set|(none)|(direct)|undefined|null";

/// `name:value` operators of search engines, dropped with their value.
const OPERATORS: &str = concat!(
    "after allinanchor allintext allintitle allinurl before cache date domain ext filetype ",
    "host inanchor info intext intitle inurl lang link mime related rhost site source url",
);

/// Characters removed: quotes and brackets of phrase / exact-match
/// operators, zero-width and bidirectional controls, the replacement
/// character.
fn dropped(c: char) -> bool {
    crate::text::char_among("\"«»“”„‟[]\u{AD}\u{FEFF}\u{FFFD}", c)
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        )
}

/// One word after operators are stripped, or `None` when it goes.
fn word(token: &str) -> Option<&str> {
    // Stripped by bytes: `trim_start_matches` on a char array is a pattern
    // searcher instance of its own.
    let mut token = token;
    while let [b'!' | b'+' | b'~', ..] = token.as_bytes() {
        token = token.get(1..).unwrap_or_default();
    }
    if token.is_empty() || token.starts_with("-") {
        // `-word` excludes the word (and `---autotargeting` is Yandex's).
        // (`&str` patterns here and wherever the wasm reaches: with a
        // `char`, `starts_with` is a function of its own, 110 B of wasm.)
        return None;
    }
    if let Some((op, _)) = crate::text::split_once(token, b':') {
        if crate::text::listed(OPERATORS, op) {
            return None;
        }
    }
    Some(token)
}

/// Cleans a decoded value into search terms; `None` when nothing is left.
pub fn clean(raw: &str) -> Option<String> {
    let mut out = String::new();
    clean_into(raw, &mut out);
    Some(out).filter(|t| !t.is_empty())
}

/// [`clean`] into `out`, empty on entry and left empty when nothing is left.
pub fn clean_into(raw: &str, out: &mut String) {
    let raw = raw
        .get(..crate::text::char_offset(raw, MAX_INPUT_CHARS))
        .unwrap_or_default();
    // One pass: `{keyword}`, `{keyword:default}`, `{matchtype}`… (unfilled
    // ad templates) and dropped characters go, spacing becomes a space. A
    // `{` without a later `}` is kept.
    let mut text = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '{' {
            if let Some((_, after)) = crate::text::split_once(chars.as_str(), b'}') {
                chars = after.chars();
                continue;
            }
        }
        if !dropped(c) {
            text.push(match c {
                c if crate::text::is_space(c) || c.is_control() => ' ',
                // Turkish capital dotted I: a plain `i`, not `i` + combining dot.
                'İ' => 'I',
                c => c,
            });
        }
    }
    // Whole-string lower-casing, as browsers' and Python's: a final `Σ`
    // becomes `ς`.
    let text = crate::text::case::lower_str(&text);
    out.reserve(text.len());
    for token in crate::text::split(&text, b' ') {
        if let Some(w) = word(token) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    cap(out);
    if !out.chars().any(crate::text::case::is_alphabetic)
        || out.starts_with("http://")
        || out.starts_with("https://")
    {
        return out.clear();
    }
    // A loop, not `any` over the split: no iterator instance of its own.
    for w in crate::text::split(NOT_TERMS, b'|') {
        if w == out {
            return out.clear();
        }
    }
}

/// Cuts to [`MAX_CHARS`] at a word boundary when there is one. `s` is
/// words joined by single spaces, so no cut leaves a trailing space: the
/// char before `end` is a space only when the last space of the head is
/// at `end - 1`, past the half.
// Out of line: less wasm than inlined into `clean` (measured).
#[inline(never)]
fn cap(s: &mut String) {
    let end = crate::text::char_offset(s, MAX_CHARS);
    if end == s.len() {
        return;
    }
    let head = s.get(..end).unwrap_or_default();
    // The last space of the head (its length when none, which is `end`).
    let space = crate::text::rsplit_halves(head, b' ').0.len();
    let cut = match space {
        _ if s.as_bytes().get(end) == Some(&b' ') => end,
        // A word boundary, unless it would lose more than half.
        space if space > end / 2 => space,
        _ => end,
    };
    s.truncate(cut);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_terms() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Купить Квартиру", Some("купить квартиру")),
            ("  купить \t  квартиру\n", Some("купить квартиру")),
            ("ёлка Ёж", Some("ёлка ёж")),
            ("+купить +квартиру", Some("купить квартиру")),
            (
                "!купить \"квартиру в москве\"",
                Some("купить квартиру в москве"),
            ),
            (
                "купить квартиру -бесплатно -аренда",
                Some("купить квартиру"),
            ),
            ("купить квартиру ---autotargeting", Some("купить квартиру")),
            ("---autotargeting", None),
            ("{keyword}", None),
            ("{keyword:квартира}", None),
            ("лофт {matchtype}", Some("лофт")),
            ("{broken", Some("{broken")),
            ("(not provided)", None),
            ("(not set)", None),
            ("(NOT SET)", None),
            ("1234567890", None),
            ("12 34", None),
            ("iphone 15", Some("iphone 15")),
            ("site:example.com laptop", Some("laptop")),
            ("laptop inurl:review", Some("laptop")),
            ("time: 10 am", Some("time: 10 am")),
            ("wi-fi router", Some("wi-fi router")),
            ("[купить квартиру]", Some("купить квартиру")),
            ("«фотостудия»", Some("фотостудия")),
            ("İSTANBUL otel", Some("istanbul otel")),
            ("Straße", Some("straße")),
            ("ΟΔΟΣ ΑΘΗΝΑ", Some("οδος αθηνα")),
            ("東京 ホテル", Some("東京 ホテル")),
            ("a\u{200B}b\u{FFFD}c\u{202E}d", Some("abcd")),
            ("https://example.com/page", None),
            ("", None),
            ("   ", None),
            ("%", None),
            ("!!!", None),
            ("+-x y", Some("y")),
        ];
        for (raw, want) in cases {
            assert_eq!(clean(raw).as_deref(), *want, "{raw:?}");
        }
    }

    #[test]
    fn caps_length_at_a_word_boundary() {
        let long = "слово ".repeat(100);
        let got = clean(&long).unwrap();
        assert!(got.chars().count() <= MAX_CHARS);
        assert!(got.ends_with("слово"));
        let one_word = "я".repeat(500);
        assert_eq!(clean(&one_word).unwrap().chars().count(), MAX_CHARS);
        let huge = "x".repeat(100_000);
        assert_eq!(clean(&huge).unwrap().len(), MAX_CHARS);
    }

    #[test]
    fn is_idempotent() {
        let samples = [
            "+-x \"-y\" !!z ~w",
            "{a{b}c} }{x}",
            "(not set) foo",
            "İİ ΣΑΣ",
            "a ---autotargeting b",
        ];
        for s in samples {
            if let Some(once) = clean(s) {
                assert_eq!(clean(&once).as_deref(), Some(once.as_str()), "{s}");
            }
        }
    }
}
