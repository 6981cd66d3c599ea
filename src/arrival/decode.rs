//! Query values decoded the way browsers' form parsers and analytics tools
//! do: `+` is a space, `%XX` a byte, an invalid escape stays literal; the
//! bytes are read in the charset the URL names (`ie=`, `enc=`…), else UTF-8
//! with a windows-1251 fallback for the engines that used it, else UTF-8
//! with the invalid bytes dropped; a value that still holds escapes after
//! that (double-encoded) is decoded once more. Every step is linear.

use super::cp1251;
use crate::prelude::*;

/// How the bytes of a value are turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// UTF-8; invalid bytes are read as windows-1251 when `cp1251`,
    /// otherwise dropped.
    Auto {
        cp1251: bool,
    },
    /// UTF-8 as named by the URL; invalid bytes dropped.
    Utf8,
    Cp1251,
    /// ISO-8859-1 / windows-1252 (read as ISO-8859-1).
    Latin1,
    /// A charset this module cannot read (Shift_JIS, GBK…): only text that
    /// happens to be valid UTF-8 is kept.
    Unreadable,
}

/// Parameters that name the charset of a URL's query, most specific first.
/// (`ei` is Yahoo Japan's; Google's random `ei` token names no charset.)
const HINTS: &str = "ie enc encoding charset ei oe";

/// One raw `name=value` pair of a query or fragment (split at `&`; the
/// callers skip empty pieces or match no name on them). A function, not
/// an iterator over the pairs: its `Map<Filter<Split>>` instances cost
/// more wasm than the loops.
pub fn pair(piece: &str) -> (&str, &str) {
    crate::text::halves(piece, b'=')
}

/// The charset the first of `queries` that names one this module knows
/// names for itself, else UTF-8 with the windows-1251 fallback when `cp1251`.
pub fn hint(queries: &[&str], cp1251: bool) -> Charset {
    for query in queries {
        for name in crate::text::split(HINTS, b' ') {
            for piece in crate::text::split(query, b'&') {
                let (k, v) = pair(piece);
                if k.eq_ignore_ascii_case(name) {
                    if let Some(charset) = charset_named(v) {
                        return charset;
                    }
                }
            }
        }
    }
    Charset::Auto { cp1251 }
}

/// Charset names as compared (lower-case, alphanumerics only), space-separated,
/// by what they decode to: one `|`-separated group per charset, in the order
/// of [`charset_named`]'s match, walked at use (a `match` on 31 byte strings
/// compiled to 1.4 KB of wasm).
const CHARSETS: &str = concat!(
    "utf8|windows1251 cp1251 win1251 1251 xcp1251|iso88591 latin1 l1 windows1252 cp1252|",
    "gbk gb2312 gb18030 big5 shiftjis sjis xsjis ms932 cp932 windows31j eucjp euckr ",
    "cp949 koi8r koi8u cp866 iso88592 windows1250 cp1250 iso88595",
);

fn charset_named(raw: &str) -> Option<Charset> {
    if raw.len() > 24 {
        return None;
    }
    let mut name = String::new();
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() {
            name.push(char::from(b.to_ascii_lowercase()));
        }
    }
    // A loop, not `find` (see `pair`).
    for (i, names) in crate::text::split(CHARSETS, b'|').enumerate() {
        if crate::text::listed(names, &name) {
            return Some(match i {
                0 => Charset::Utf8,
                1 => Charset::Cp1251,
                2 => Charset::Latin1,
                _ => Charset::Unreadable,
            });
        }
    }
    None
}

/// The byte of a valid `%XX` escape starting at `i`.
fn escape_at(bytes: &[u8], i: usize) -> Option<u8> {
    match bytes.get(i..i + 3)? {
        [b'%', h, l] => {
            let (h, l) = (crate::text::hex(*h), crate::text::hex(*l));
            (h | l != crate::text::NOT_HEX).then_some(h << 4 | l)
        }
        _ => None,
    }
}

/// Form-decodes `raw` into `out`; true when it held a `%XX` escape.
fn form_bytes(raw: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    let mut escaped = false;
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if let Some(byte) = escape_at(raw, i) {
            out.push(byte);
            escaped = true;
            i += 3;
        } else {
            out.push(if b == b'+' { b' ' } else { b });
            i += 1;
        }
    }
    escaped
}

/// The char of the UTF-8 sequence at the start of `bytes` and its length;
/// `None` when it is not valid UTF-8 (overlong, surrogate, out of range,
/// cut short). Skipping one byte then finds the next valid char exactly
/// where `from_utf8_lossy` would resume: the rest of an invalid sequence
/// is continuation bytes, which start no char. Core's validators
/// (`from_utf8`, `Utf8Chunks`) cost more wasm than this.
fn utf8_char(bytes: &[u8]) -> Option<(char, usize)> {
    let lead = *bytes.first()?;
    // The length, and the least char of that length (no overlong form).
    let (len, least) = match lead {
        0..=0x7F => return Some((char::from(lead), 1)),
        0xC0..=0xDF => (2, 0x80),
        0xE0..=0xEF => (3, 0x800),
        0xF0..=0xF7 => (4, 0x1_0000),
        _ => return None,
    };
    let mut code = u32::from(lead) & (0x7F >> len);
    for &b in bytes.get(1..len)? {
        if b & 0xC0 != 0x80 {
            return None;
        }
        code = code << 6 | u32::from(b & 0x3F);
    }
    if code < least {
        return None;
    }
    Some((char::from_u32(code)?, len))
}

/// The char at `bytes[i..]`, read as windows-1251 (`Some(true)`),
/// ISO-8859-1 (`Some(false)`) or UTF-8 (`None`), and the bytes it takes;
/// `None` for a byte that is no char; nothing at the end. A function the
/// loops call, not an iterator: `from_fn`'s `next` and `Flatten` cost more
/// wasm.
fn char_at(bytes: &[u8], i: usize, single: Option<bool>) -> Option<(Option<char>, usize)> {
    let rest = bytes.get(i..)?;
    let &b = rest.first()?;
    Some(match single {
        Some(true) => (cp1251::char_of(b), 1),
        Some(false) => (Some(char::from(b)), 1),
        None => utf8_char(rest).map_or((None, 1), |(c, len)| (Some(c), len)),
    })
}

/// `bytes` as text in `charset`. Valid UTF-8 is read as such (unless the
/// URL names a single-byte charset); invalid bytes are windows-1251 for
/// the engines that used it, else dropped, and so are replacement
/// characters then (none kept when the charset is unreadable). One pass,
/// a second only from the first invalid byte's discovery.
fn text(bytes: &[u8], charset: Charset) -> String {
    let mut single = match charset {
        Charset::Cp1251 => Some(true),
        Charset::Latin1 => Some(false),
        _ => None,
    };
    let mut valid = true;
    let mut out = String::new();
    let mut i = 0;
    while let Some((c, len)) = char_at(bytes, i, single) {
        i += len;
        match c {
            Some(c) if valid || c != char::REPLACEMENT_CHARACTER => out.push(c),
            // Invalid UTF-8: read it all again, once, as said above.
            None if valid && single.is_none() => {
                valid = false;
                out.clear();
                i = 0;
                match charset {
                    Charset::Unreadable => break,
                    Charset::Auto { cp1251: true } => single = Some(true),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    out
}

/// Decodes one raw query value (or name).
pub fn decode(raw: &str, charset: Charset) -> String {
    let mut bytes = Vec::with_capacity(raw.len());
    form_bytes(raw.as_bytes(), &mut bytes);
    let mut out = text(&bytes, charset);
    // Double-encoded (`%25D1%2584`): decoded once more, and only once (and
    // only when escapes are left: a `+` left alone stays one).
    if form_bytes(out.as_bytes(), &mut bytes) {
        out = text(&bytes, charset);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const AUTO: Charset = Charset::Auto { cp1251: false };
    const RU: Charset = Charset::Auto { cp1251: true };

    #[test]
    fn decodes_values() {
        let cases: &[(&str, Charset, &str)] = &[
            ("a+b", AUTO, "a b"),
            ("c%2B%2B", AUTO, "c++"),
            ("%D0%BA%D1%83%D0%BF%D0%B8%D1%82%D1%8C", AUTO, "купить"),
            ("%D0%BA%D1%83%D0%BF%D0%B8%D1%82%D1%8C", RU, "купить"),
            ("100%", AUTO, "100%"),
            ("%zz%4", AUTO, "%zz%4"),
            ("%E0%A4%A", AUTO, "%A"),
            ("%FFok%FE", AUTO, "ok"),
            ("%EA%F3%EF%E8%F2%FC", RU, "купить"),
            ("%EA%F3%EF%E8%F2%FC", Charset::Cp1251, "купить"),
            ("%EA%F3%EF%E8%F2%FC", AUTO, ""),
            ("%EA%F3%EF%E8%F2%FC", Charset::Unreadable, ""),
            ("caf%E9", Charset::Latin1, "café"),
            ("%25D1%2584%25D0%25BE%25D1%2582%25D0%25BE", AUTO, "фото"),
            ("%2520a%2Bb", AUTO, " a b"),
            ("50%25+off", AUTO, "50% off"),
            ("%2541", AUTO, "A"),
            ("%252541", AUTO, "%41"),
            ("", AUTO, ""),
        ];
        for (raw, charset, want) in cases {
            assert_eq!(decode(raw, *charset), *want, "{raw} {charset:?}");
        }
    }

    /// The UTF-8 reading agrees with core's: validity, and the text left
    /// when invalid bytes are dropped, for every two bytes followed by
    /// bytes at the edges of the ranges that matter.
    #[test]
    fn reads_utf8_as_core_does() {
        let chars = |bytes: &[u8]| {
            let mut out = Vec::new();
            let mut i = 0;
            while let Some((c, len)) = char_at(bytes, i, None) {
                out.push(c);
                i += len;
            }
            out
        };
        let check = |bytes: &[u8]| {
            let ours: Option<String> = chars(bytes).into_iter().collect();
            assert_eq!(
                ours.as_deref(),
                core::str::from_utf8(bytes).ok(),
                "{bytes:x?}"
            );
            let dropped: String = chars(bytes)
                .into_iter()
                .flatten()
                .filter(|&c| c != char::REPLACEMENT_CHARACTER)
                .collect();
            let lossy = String::from_utf8_lossy(bytes).replace('\u{FFFD}', "");
            assert_eq!(dropped, lossy, "{bytes:x?}");
        };
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                check(&[a, b]);
                for c in [
                    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE0, 0xF0, 0xFF,
                ] {
                    check(&[a, b, c]);
                    check(&[a, b, c, 0x80]);
                    check(&[a, b, c, 0xBF, 0x41]);
                }
            }
        }
    }

    #[test]
    fn reads_charset_hints() {
        let cases: &[(&str, Option<Charset>)] = &[
            ("q=a&ie=UTF-8", Some(Charset::Utf8)),
            ("text=a&ie=cp1251", Some(Charset::Cp1251)),
            ("q=a&enc=windows-1251", Some(Charset::Cp1251)),
            ("p=a&ei=UTF-8", Some(Charset::Utf8)),
            ("wd=a&ie=gbk", Some(Charset::Unreadable)),
            ("q=a&oe=ISO-8859-1", Some(Charset::Latin1)),
            ("q=a&ei=Xh5rZ3KpL8eG9u8P", None),
            ("q=a&ei=Xh5rZ3KpL8eG9u8PXh5rZ3KpL8eG9u8P", None),
            ("q=a", None),
            ("ie=nonsense&oe=utf8", Some(Charset::Utf8)),
        ];
        for (query, want) in cases {
            let auto = Charset::Auto { cp1251: true };
            assert_eq!(hint(&[query], true), want.unwrap_or(auto), "{query}");
        }
        assert_eq!(hint(&["q=a", "ie=cp1251"], false), Charset::Cp1251);
        assert_eq!(hint(&["ie=utf-8", "ie=cp1251"], false), Charset::Utf8);
        assert_eq!(hint(&[], false), Charset::Auto { cp1251: false });
    }

    #[test]
    fn splits_pairs() {
        let got: Vec<_> = "a=1&b&c=2=3&=x".split('&').map(pair).collect();
        assert_eq!(got, [("a", "1"), ("b", ""), ("c", "2=3"), ("", "x")]);
        assert_eq!(pair(""), ("", ""));
    }
}
