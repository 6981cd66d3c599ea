//! Decimal text → `f64`, correctly rounded, without `core`'s `FromStr` in
//! the wasm (about 9 KB with its big-decimal fallback): there the browser
//! parses the text (`Number`, one import), natively `str::parse` does. Both
//! round correctly, so the SDK, the CLI and the playground read every
//! number alike; the grammar is ours, checked first (`Number` alone would
//! take `0x10`, `Infinity`, blanks and the empty string).

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (digits on at least one
/// side of the point), as `str::parse::<f64>` does; `None` otherwise
/// (including `inf` and `NaN`, which no caller accepts). Overflow gives
/// infinity and underflow zero, as `str::parse`.
/// (Inlined: out of line, 17 B more of `jobwise.js` by the mean of 16
/// alignments, measured on the multi-value ABI.)
#[inline(always)]
pub fn parse_f64(s: &str) -> Option<f64> {
    Some(read_f64(s)).filter(|n| !n.is_nan())
}

/// [`parse_f64`] with NaN for `None` (a number read never is NaN): a plain
/// `f64` its callers test or carry on (`values::decimal` and `hours` with
/// `Option<f64>`s instead measured 29 B more of `jobwise.js`).
pub fn read_f64(s: &str) -> f64 {
    // On these bytes, `Number` and `str::parse` both accept exactly the
    // grammar above (checked over every string of up to 4 of them, and of
    // up to 7 of `01+-.e`; the tests below check `str::parse`'s side).
    if s.is_empty()
        || !crate::text::all_bytes(s, |b| b.is_ascii_digit() || crate::text::among(b"+-.eE", b))
    {
        return f64::NAN;
    }
    value(s)
}

/// Whether `x` is finite: `x - x` is 0 for a finite number, NaN for an
/// infinity or NaN (`f64::is_finite` compiled to two 10-byte integer
/// constants at each call site).
#[allow(clippy::eq_op)] // `x - x` on purpose
pub(crate) fn finite(x: f64) -> bool {
    x - x == 0.0
}

#[cfg(target_arch = "wasm32")]
fn value(s: &str) -> f64 {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        /// JS `Number(s)`: NaN when `s` is not a number.
        #[wasm_bindgen(js_name = Number)]
        fn number(s: &str) -> f64;
    }
    number(s)
}

#[cfg(not(target_arch = "wasm32"))]
fn value(s: &str) -> f64 {
    s.parse().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    /// The grammar of [`parse_f64`], written out.
    fn grammar(s: &str) -> bool {
        let b = s.as_bytes();
        let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
        let digits = |i: &mut usize| {
            let start = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - start
        };
        let mut n = digits(&mut i);
        if b.get(i) == Some(&b'.') {
            i += 1;
            n += digits(&mut i);
        }
        if n == 0 {
            return false;
        }
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            i += usize::from(matches!(b.get(i), Some(b'+' | b'-')));
            if digits(&mut i) == 0 {
                return false;
            }
        }
        i == b.len()
    }

    #[test]
    fn reads_the_grammar_and_no_more() {
        // Every string of up to 4 of these bytes (`x`, ` `: others).
        let alphabet = b"0159+-.eEx ";
        let mut strings = vec![String::new()];
        for len in 1..=4 {
            let mut s = vec![0u8; len];
            let mut n = alphabet.len().pow(len as u32);
            while n > 0 {
                n -= 1;
                let mut k = n;
                for c in s.iter_mut() {
                    *c = alphabet[k % alphabet.len()];
                    k /= alphabet.len();
                }
                strings.push(String::from_utf8(s.clone()).unwrap());
            }
        }
        for s in &strings {
            assert_eq!(parse_f64(s).is_some(), grammar(s), "{s:?}");
        }
        for s in ["inf", "NaN", "infinity", "0x10", "1_0", " 1", "1 "] {
            assert_eq!(parse_f64(s), None, "{s}");
        }
    }

    #[test]
    fn rounds_correctly() {
        for (s, want) in [
            ("-0", -0.0),
            ("+7", 7.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("007", 7.0),
            ("1.5e+2", 150.0),
            ("2.5e-3", 0.0025),
            ("0.30000000000000004", 0.30000000000000004),
            ("9007199254740993", 9007199254740992.0),
            ("1.7976931348623157e308", f64::MAX),
            ("4.9406564584124654e-324", 5e-324),
            ("2.2250738585072014e-308", f64::MIN_POSITIVE),
            ("1e400", f64::INFINITY),
            ("-1e400", f64::NEG_INFINITY),
            ("1e-400", 0.0),
        ] {
            let got = parse_f64(s).unwrap();
            assert_eq!(got.to_bits(), want.to_bits(), "{s}");
        }
    }
}
