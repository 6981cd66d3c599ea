//! The small formats inside rules values: globs, `hours`, `weekdays`,
//! comparisons, links; "did you mean" hints; and message helpers that
//! avoid `core::fmt` (numbers go through `json::number`).

use super::{Cmp, CmpOp, DAYS};
use crate::json::{digits, number};
use crate::prelude::*;

/// Concatenates message parts.
pub(crate) fn cat(parts: &[&str]) -> String {
    let mut s = String::new();
    for p in parts {
        s.push_str(p);
    }
    s
}

/// A count, for messages.
pub(crate) fn uint(n: usize) -> String {
    let mut s = String::new();
    digits(&mut s, n as u64);
    s
}

/// A number rounded to two decimals, for messages.
pub(crate) fn num(n: f64) -> String {
    let mut s = String::new();
    number(&mut s, n);
    s
}

/// The index of the candidate closest to `word` (case-insensitively)
/// within an edit distance of 2 (adjacent swaps count as one edit), if
/// any. Words and candidates over 64 characters get no hint.
pub(crate) fn closest(word: &str, candidates: &[&str]) -> Option<usize> {
    const MAX: usize = 64;
    // On the stack, no allocation, in one buffer (zeroed once): the
    // lower-cased word (one char more, to see it is too long) and a
    // candidate (two more: longer ones are too far).
    let mut buf = ['\0'; 2 * MAX + 3];
    let (a, b) = buf.split_at_mut(MAX + 1);
    let la = lower_into(word, a);
    if la == 0 || la > MAX {
        return None;
    }
    // The distance and index of the closest so far (a distance of 3 is
    // too far).
    let mut best = (3, None);
    for (k, &c) in candidates.iter().enumerate() {
        let lb = lower_into(c, b);
        if lb.abs_diff(la) > 2 {
            continue;
        }
        let dist = distance(&a[..la], &b[..lb], 2);
        if dist < best.0 && dist < la {
            best = (dist, Some(k));
        }
    }
    best.1
}

/// The optimal string alignment distance of `a` and `b` (adjacent swaps
/// count as one edit) when it is at most `budget`, else more than
/// `budget`: the distance matrix's recurrence followed from the end, past
/// equal chars at no cost (the distance is that of what precedes them),
/// each edit spending one of the budget (no matrix on the stack).
fn distance(a: &[char], b: &[char], budget: usize) -> usize {
    let (Some((x, a1)), Some((y, b1))) = (a.split_last(), b.split_last()) else {
        return a.len() + b.len();
    };
    if x == y {
        return distance(a1, b1, budget);
    }
    if budget == 0 {
        return 1;
    }
    let mut d = distance(a1, b1, budget - 1)
        .min(distance(a1, b, budget - 1))
        .min(distance(a, b1, budget - 1));
    if let ([a2 @ .., p], [b2 @ .., q]) = (a1, b1) {
        if p == y && q == x {
            d = d.min(distance(a2, b2, budget - 1));
        }
    }
    d + 1
}

/// The first characters of `s` lower-cased, into `out` as far as it
/// goes: how many.
fn lower_into(s: &str, out: &mut [char]) -> usize {
    let mut n = 0;
    let mut push = |l| {
        let Some(slot) = out.get_mut(n) else {
            return false;
        };
        *slot = l;
        n += 1;
        true
    };
    // `lower_chars` without its iterator: the second char only if any.
    for c in s.chars() {
        let second = crate::text::case::lower_second(c);
        if !push(crate::text::case::lower(c)) || second != '\0' && !push(second) {
            break;
        }
    }
    n
}

/// What a glob is matched against.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum GlobOf {
    /// A page path (`page`): starts with `/` or `*`.
    Path,
    /// The referrer's host (`referrer`).
    Host,
    /// A URL parameter's decoded value (`param` … `match`).
    Value,
}

/// Checks a glob: `*` is its only wildcard. `Err` gives the byte index of
/// the offending character and why.
pub(crate) fn glob(s: &str, of: GlobOf) -> Result<(), (usize, &'static str)> {
    if s.is_empty() {
        return Err((0, msg!("the glob is empty (write * to match anything)")));
    }
    if of == GlobOf::Path && !matches!(s.as_bytes()[0], b'/' | b'*') {
        return Err((
            0,
            msg!("a page glob is a path: it starts with / or * (as /lofts/*), not with a host or scheme"),
        ));
    }
    let at = crate::text::first_among(s, b"/:");
    if at < s.len() && of == GlobOf::Host {
        return Err((
            at,
            msg!("a referrer glob matches the host only, as *.pinterest.* or www.example.com: no scheme, port or path"),
        ));
    }
    // Byte offsets from what is left (`char_indices` is an iterator of its
    // own; `len_utf8` a chain of comparisons).
    let mut chars = s.chars();
    loop {
        let i = s.len() - chars.as_str().len();
        let Some(c) = chars.next() else {
            break;
        };
        let refusal = match c {
            '?' if of == GlobOf::Path => {
                msg!("a page glob matches the path only, without the ?query (use `param` for parameters)")
            }
            '#' if of == GlobOf::Path => {
                msg!("a page glob matches the path only, without the #fragment")
            }
            '?' | '[' | ']' | '{' | '}' => msg!("only * is a wildcard here (no ?, [ ] or { })"),
            c if c.is_control() => msg!("a control character in a glob"),
            c if crate::text::is_space(c) && of != GlobOf::Value => msg!("a space in a glob"),
            c if of == GlobOf::Host && !c.is_ascii() => {
                msg!("write the host in its ASCII form (xn--…), as browsers report it")
            }
            c if of == GlobOf::Host
                && !(c.is_ascii_alphanumeric() || matches!(c, '*' | '.' | '-' | '_')) =>
            {
                msg!("a host has only letters, digits, `-`, `_` and dots")
            }
            _ => continue,
        };
        return Err((i, refusal));
    }
    Ok(())
}

/// `"H-H"`: local hours, inclusive, 0–23 (`22-6` wraps past midnight).
pub(crate) fn hours(s: &str) -> Result<(u8, u8), &'static str> {
    const FORMAT: &str = "hours are written FROM-TO with hours 0–23, as \"18-23\" or \"22-6\"";
    let (from, to) = crate::text::split_once(s, b'-').ok_or(msg!(FORMAT))?;
    // One or two digits (`decimal` refuses a point with no digit on one
    // side): 0–99; NaN for anything else (see `decimal`).
    let hour = |h: &str| {
        let h = crate::text::trim(h);
        if h.len() <= 2 {
            decimal(h)
        } else {
            f64::NAN
        }
    };
    let (from, to) = (hour(from), hour(to));
    // Each hour's problem, the first hour's first.
    let check = |n: f64| {
        if n.is_nan() {
            Err(msg!(FORMAT))
        } else if n > 23.0 {
            Err(msg!(
                "hours go from 0 to 23 (\"18-23\" includes the hour 23:00–23:59)"
            ))
        } else {
            // Through `u32`, whose conversion wasm saturates itself: `as u8`
            // clamped to 255 in code of its own.
            Ok(n as u32 as u8)
        }
    };
    Ok((check(from)?, check(to)?))
}

/// `"mon-fri"`, `"sat,sun"`, `"sat-sun"`, `"mon,wed-fri"`: a bitmask with
/// Monday in bit 0 (`fri-mon` wraps past Sunday).
pub(crate) fn weekdays(s: &str) -> Result<u8, &'static str> {
    // A day's index in `DAYS` (its length when not one: a plain `usize`).
    let day = |d: &str| crate::json::index(&DAYS, crate::text::trim(d));
    let mut mask = 0u8;
    for item in crate::text::split(s, b',') {
        // A single day is the range from it to itself.
        let (a, b) = crate::text::split_once(item, b'-').unwrap_or((item, item));
        let (from, to) = (day(a), day(b));
        if from.max(to) >= DAYS.len() {
            return Err(msg!(
                "days are written mon tue wed thu fri sat sun, as ranges and lists: \"mon-fri\", \"sat,sun\""
            ));
        }
        let mut d = from;
        loop {
            mask |= 1 << d;
            if d == to {
                break;
            }
            d = (d + 1) % 7;
        }
    }
    Ok(mask)
}

/// `">=3"`, `"<=7"`, `">1"`, `"<2"`, `"=2"`, `"3"`: a comparison with a
/// number ≥ 0.
pub(crate) fn comparison(s: &str) -> Result<Cmp, &'static str> {
    const FORMAT: &str =
        "a comparison is an operator (>=, <=, >, <, =) and a number ≥ 0, as \">=3\"";
    let s = crate::text::trim(s);
    // The operator and its length, read from the first two bytes (no
    // table of prefixes to try in turn).
    let (op, len) = match s.as_bytes() {
        [b'>', b'=', ..] => (CmpOp::Ge, 2),
        [b'<', b'=', ..] => (CmpOp::Le, 2),
        [b'>', ..] => (CmpOp::Gt, 1),
        [b'<', ..] => (CmpOp::Lt, 1),
        [b'=', ..] => (CmpOp::Eq, 1),
        _ => (CmpOp::Eq, 0),
    };
    let rest = crate::text::trim(s.get(len..).unwrap_or_default());
    match decimal(rest) {
        value if crate::json::finite(value) => Ok(Cmp { op, value }),
        _ => Err(msg!(FORMAT)),
    }
}

/// The value of `s` written as digits, or digits, a point and digits
/// (infinite when too large); NaN for anything else. The number reader of
/// `hours` and comparisons. (An `Option<f64>` here and in `hours`, two
/// wasm results since the multi-value ABI: 29 B more brotli, mean of 16.)
fn decimal(s: &str) -> f64 {
    // Digits and points, a digit at each end: `parse_f64`'s grammar then
    // takes only digits, or digits, a point and digits (no second point).
    let digit = |b: Option<&u8>| b.is_some_and(u8::is_ascii_digit);
    let b = s.as_bytes();
    if !digit(b.first())
        || !digit(b.last())
        || !crate::text::all_bytes(s, |b| b.is_ascii_digit() || b == b'.')
    {
        return f64::NAN;
    }
    crate::json::read_f64(s)
}

/// Checks a link (`href`, `src`): `http:`/`https:`, a relative URL or a
/// `#fragment`. The scheme is found as a browser would: after dropping
/// surrounding whitespace, control and zero-width characters and tabs or
/// line breaks anywhere, case-insensitively. `Err` gives the message (a
/// zero-sized `Message` without diagnostics: no `String` to drop).
pub(crate) fn link(s: &str) -> Result<(), crate::Message> {
    let invisible = |c: char| {
        crate::text::is_space(c)
            || c.is_control()
            || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
    };
    // Cleaning only changes which message a refused link gets: a link that
    // needs it is refused by the last check all the same, so without
    // messages the link is read as it is.
    let owned: String;
    let cleaned = if cfg!(feature = "diagnostics") {
        owned = s
            .trim_matches(invisible)
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        owned.as_str()
    } else {
        s
    };
    if cleaned.is_empty() {
        return Err(msg!("the link is empty").into());
    }
    let end = crate::text::first_among(cleaned, b":/?#");
    // None is the length.
    if end < cleaned.len() && cleaned.as_bytes()[end] == b':' {
        // Bytes: `end` is at an ASCII `:`, so no char boundary to check.
        let scheme = cleaned.as_bytes().get(..end).unwrap_or_default();
        if !scheme.eq_ignore_ascii_case(b"http") && !scheme.eq_ignore_ascii_case(b"https") {
            // Converted inside `msg!`: without diagnostics, no empty
            // `String` built and dropped.
            #[allow(clippy::useless_conversion)] // a `String` with diagnostics
            return Err(msg!(cat(&[
                "links to `",
                &cleaned.get(..end).unwrap_or_default().to_ascii_lowercase(),
                ":` are refused: a link must be http:, https:, a relative URL or a #fragment",
            ])
            .into()));
        }
    }
    // The first and last chars, as `starts_with` and `ends_with` would
    // check them, and every char for a control one, each by
    // `text::first_char`, which decodes them out of line (a loop here
    // decoded them itself, testing an `Option<char>` for its `1114112`
    // None). The last char starts at the last byte that is not a UTF-8
    // continuation byte.
    let control = crate::text::first_char(s, char::is_control, true) < s.len()
        || crate::text::first_char(s, invisible, false) > 0;
    let b = s.as_bytes();
    let mut at = b.len();
    while at > 0 {
        at -= 1;
        if b[at] as i8 >= -0x40 {
            break;
        }
    }
    let last = s.get(at..).unwrap_or_default();
    let last_invisible = crate::text::first_char(last, invisible, true) < last.len();
    if control || last_invisible {
        return Err(msg!(
            "a link can't have control characters, or spaces or invisible characters around it"
        )
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_find_close_keys() {
        let keys = [
            "weight",
            "terms",
            "language",
            "halfLifeMinutes",
            "ai",
            "alt",
        ];
        let closest = |w: &str| closest(w, &keys).map(|i| keys[i]);
        assert_eq!(closest("wieght"), Some("weight"));
        assert_eq!(closest("Weight"), Some("weight"));
        assert_eq!(closest("term"), Some("terms"));
        assert_eq!(closest("halflifeminute"), Some("halfLifeMinutes"));
        assert_eq!(closest("langauge"), Some("language"));
        assert_eq!(closest("x"), None);
        assert_eq!(closest("colour"), None);
        assert_eq!(closest(&"w".repeat(10_000)), None);
    }

    #[test]
    fn globs() {
        assert_eq!(glob("/lofts/*", GlobOf::Path), Ok(()));
        assert_eq!(glob("*/prices*", GlobOf::Path), Ok(()));
        assert_eq!(glob("/квартиры/*", GlobOf::Path), Ok(()));
        assert_eq!(glob("*.pinterest.*", GlobOf::Host), Ok(()));
        assert_eq!(glob("*foto summer*", GlobOf::Value), Ok(()));
        let bad = [
            ("", GlobOf::Value, 0),
            ("lofts/*", GlobOf::Path, 0),
            ("https://x.ru/a", GlobOf::Path, 0),
            ("/lofts?x=1", GlobOf::Path, 6),
            ("/a#b", GlobOf::Path, 2),
            ("/a b", GlobOf::Path, 2),
            ("/a[0-9]", GlobOf::Path, 2),
            ("https://www.pinterest.com/*", GlobOf::Host, 5),
            ("pinterest.com:443", GlobOf::Host, 13),
            ("*.рф", GlobOf::Host, 2),
            ("a+b.com", GlobOf::Host, 1),
            ("*fo?o*", GlobOf::Value, 3),
            ("a\u{1}", GlobOf::Value, 1),
        ];
        for (s, of, at) in bad {
            assert_eq!(glob(s, of).map_err(|e| e.0), Err(at), "{s}");
        }
    }

    #[test]
    fn hours_and_weekdays() {
        assert_eq!(hours("18-23"), Ok((18, 23)));
        assert_eq!(hours(" 22 - 6 "), Ok((22, 6)));
        assert_eq!(hours("09-18"), Ok((9, 18)));
        for bad in ["18", "18-24", "-3", "a-b", "1-2-3", "100-1", "18:00-23:00"] {
            assert!(hours(bad).is_err(), "{bad}");
        }
        assert_eq!(weekdays("mon-fri"), Ok(0b0011111));
        assert_eq!(weekdays("sat,sun"), Ok(0b1100000));
        assert_eq!(weekdays("sat-sun"), Ok(0b1100000));
        assert_eq!(weekdays("fri-mon"), Ok(0b1110001));
        assert_eq!(weekdays("mon, wed-thu"), Ok(0b0001101));
        for bad in ["", "monday", "Mon", "sat,", "mon-", "пн"] {
            assert!(weekdays(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn comparisons() {
        let c = |s| comparison(s).map(|c| (c.op, c.value));
        assert_eq!(c(">=3"), Ok((CmpOp::Ge, 3.0)));
        assert_eq!(c("<= 7"), Ok((CmpOp::Le, 7.0)));
        assert_eq!(c(">1"), Ok((CmpOp::Gt, 1.0)));
        assert_eq!(c("<2"), Ok((CmpOp::Lt, 2.0)));
        assert_eq!(c("=2"), Ok((CmpOp::Eq, 2.0)));
        assert_eq!(c("3"), Ok((CmpOp::Eq, 3.0)));
        assert_eq!(c("1.5"), Ok((CmpOp::Eq, 1.5)));
        for bad in ["", ">=", "==3", "!=3", "=>3", ">-1", "3.", "1e3", "three"] {
            assert!(comparison(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn links() {
        for ok in [
            "/lofts",
            "https://x.ru/a?b#c",
            "HTTP://x",
            "#form",
            "?a=b",
            "lofts/a:b",
            "//cdn.x/a.png",
        ] {
            assert_eq!(link(ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JaVa\tscript:alert(1)",
            "\u{200b}javascript:alert(1)",
            "java\nscript:x",
            "data:text/html,<b>",
            "vbscript:x",
            "mailto:a@b.c",
            "\u{1}javascript:x",
            "",
            " /lofts",
            "/lo\u{7}fts",
            "\u{200b}http://x",
        ] {
            assert!(link(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            link(" JaVa\tscript:alert(1)"),
            Err("links to `javascript:` are refused: a link must be http:, https:, a relative URL or a #fragment".into())
        );
    }
}
