//! Writes JSON text without `core::fmt`: numbers are rounded to two
//! decimals and written digit by digit, which keeps float formatting
//! machinery out of the wasm.

use crate::prelude::*;

/// Appends `s` as a JSON string literal.
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        // What follows the backslash of an escape.
        let escape = match c {
            '"' | '\\' => c,
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            // Other controls, and the line separators that old JS engines
            // choke on inside string literals: `\uXXXX`.
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => 'u',
            c => {
                out.push(c);
                continue;
            }
        };
        out.push('\\');
        out.push(escape);
        if escape == 'u' {
            let mut shift = 16;
            while shift > 0 {
                shift -= 4;
                out.push(hex_digit((c as u32 >> shift) & 0xf));
            }
        }
    }
    out.push('"');
}

fn hex_digit(n: u32) -> char {
    b"0123456789abcdef"[n as usize & 0xf] as char
}

/// `"value"` (escaped as by [`string`]), or `null` for `None`.
pub fn opt_string(out: &mut String, value: Option<&str>) {
    match value {
        Some(v) => string(out, v),
        None => out.push_str("null"),
    }
}

/// `n` in hundredths of a unit, rounded: the integer [`number`] writes
/// and [`rounded`] divides. `None` when `n * 100` is not finite or past the
/// integers an f64 holds exactly (9e15), which JSON gets as `null`.
fn hundredths(n: f64) -> Option<i64> {
    // Half away from zero, as `f64::round` (libm's formula): the cast to
    // i64 truncates, so no `trunc` is needed (libm's is 0.3 KB of bit
    // twiddling in the wasm), and past 2^52 every f64 is whole.
    let n = n * 100.0;
    let h = n + (0.5 - 0.25 * f64::EPSILON).copysign(n);
    // (NaN fails the comparison.)
    (h.abs() < 9.0e15).then_some(h as i64)
}

/// Appends `n` rounded to two decimals (`null` when not finite).
pub fn number(out: &mut String, n: f64) {
    let Some(hundredths) = hundredths(n) else {
        out.push_str("null");
        return;
    };
    if hundredths < 0 {
        out.push('-');
    }
    let abs = hundredths.unsigned_abs();
    digits(out, abs / 100);
    let frac = abs % 100;
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if frac % 10 != 0 {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
}

/// `n` as JSON.parse reads it from what [`number`] writes: rounded to two
/// decimals (the quotient of two integers is the double nearest the
/// decimal, as the parse's is), not negative zero, and NaN for `null`.
/// For the browser, which gets a decision's numbers, not its text
/// (`Decision::parts`).
pub fn rounded(n: f64) -> f64 {
    hundredths(n).map_or(f64::NAN, |h| h as f64 / 100.0 + 0.0)
}

/// Appends `n` in decimal: the leading digits first, by recursion (20
/// deep at most), with no buffer.
pub(crate) fn digits(out: &mut String, n: u64) {
    if n >= 10 {
        digits(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Writes a JSON object member by member: `Object::new(out)`, then
/// `.key("name")` followed by the value, then `.end()`.
pub struct Object<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> Object<'a> {
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Object { out, empty: true }
    }

    /// Writes `"key":` and returns the buffer for the value.
    pub fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        string(self.out, key);
        self.out.push(':');
        self.out
    }

    /// `"key":"value"`, or `"key":null` for `None`.
    pub fn opt_str(&mut self, key: &str, value: Option<&str>) {
        opt_string(self.key(key), value);
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(n: f64) -> String {
        let mut s = String::new();
        number(&mut s, n);
        s
    }

    #[test]
    fn rounded_is_the_number_json_reads() {
        let mut seed = 11u64;
        let mut cases = vec![
            0.0, -0.0, -0.004, -0.005, 0.005, 1.005, -2.345, 2.5e-3, 9e13, 9.1e13,
        ];
        cases.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, -1e300]);
        for i in -2000..2000 {
            cases.push(f64::from(i) / 1000.0);
            cases.push(f64::from(i) * 0.125);
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            cases.push(f64::from_bits(seed >> 2) % 1e6 * if i < 0 { -1.0 } else { 1.0 });
        }
        for n in cases {
            let mut s = String::new();
            number(&mut s, n);
            let r = rounded(n);
            if s == "null" {
                assert!(r.is_nan(), "{n}");
            } else {
                assert_eq!(s.parse::<f64>().unwrap().to_bits(), r.to_bits(), "{n} {s}");
            }
        }
    }

    #[test]
    fn hundredths_round_half_away_from_zero_as_std() {
        let mut cases = vec![0.005, -0.005, 0.015, 0.125, -0.125, 0.49999999999999994];
        cases.extend([2f64.powi(52) / 100.0, 9e13, 8.99999e13, -9e13, 1e-320]);
        let mut seed = 7u64;
        for _ in 0..200_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            // Any bit pattern (NaN, infinities, subnormals), and values near
            // the range's edge and near ties.
            cases.push(f64::from_bits(seed));
            cases.push(f64::from_bits(seed) % 1e14);
            cases.push(((seed >> 11) % 2_000_000) as f64 / 200.0 - 5000.0);
        }
        for n in cases {
            let h = (n * 100.0).round();
            let want = (h.abs() < 9.0e15).then_some(h as i64);
            assert_eq!(hundredths(n), want, "{n:e}");
        }
    }

    #[test]
    fn numbers_round_to_two_decimals() {
        let cases = [
            (0.0, "0"),
            (3.0, "3"),
            (-3.0, "-3"),
            (0.5, "0.5"),
            (2.345, "2.35"),
            (-0.004, "0"),
            (-0.006, "-0.01"),
            (1234567.891, "1234567.89"),
            (f64::NAN, "null"),
            (f64::INFINITY, "null"),
            (1e300, "null"),
        ];
        for (n, want) in cases {
            assert_eq!(num(n), want, "{n}");
        }
    }

    #[test]
    fn strings_escape_controls_quotes_and_separators() {
        let mut s = String::new();
        string(&mut s, "a\"b\\c\n\u{1}\u{2028}<script>");
        assert_eq!(s, r#""a\"b\\c\n\u0001\u2028<script>""#);
    }

    #[test]
    fn objects_separate_members() {
        let mut s = String::new();
        let mut o = Object::new(&mut s);
        o.opt_str("job", Some("photo"));
        o.opt_str("stage", None);
        number(o.key("n"), 1.5);
        o.end();
        assert_eq!(s, r#"{"job":"photo","stage":null,"n":1.5}"#);
    }
}
