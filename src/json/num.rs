//! Decimal text → `f64` without `core`'s `FromStr` (about 9 KB of wasm with
//! its big-decimal fallback).
//!
//! Exact (the correctly rounded value, as `str::parse`) when the digits
//! without the point form an integer below 2^53 and the decimal exponent
//! is within ±22: one integer-to-float conversion and one correctly rounded
//! multiplication or division by an exact power of ten. That covers every
//! number a rules file or our own stored memory holds (weights, seconds,
//! percents, timestamps, two-decimal evidence). Longer mantissas or larger
//! exponents are within a few units in the last place; overflow gives
//! infinity and underflow zero, as `str::parse`.

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (digits on at least one
/// side of the point), as `str::parse::<f64>` does; `None` otherwise
/// (including `inf` and `NaN`, which no caller accepts).
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let negative = match b.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let mut mantissa: u64 = 0;
    // Digits beyond the 19 that fit a u64 only scale the value.
    let mut scale: i64 = 0;
    let mut digits = 0;
    let mut point = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    if point {
                        scale -= 1;
                    }
                } else if !point {
                    scale += 1;
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let minus = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            e = (e * 10 + i64::from(c - b'0')).min(1 << 20);
            i += 1;
        }
        if i == start {
            return None;
        }
        scale += if minus { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    let mut v = mantissa as f64;
    if v != 0.0 {
        // Exact steps first, so the common case rounds once.
        while scale > 22 {
            v *= 1e22;
            scale -= 22;
            if v.is_infinite() {
                break;
            }
        }
        while scale < -22 {
            v /= 1e22;
            scale += 22;
            if v == 0.0 {
                break;
            }
        }
        if scale.unsigned_abs() <= 22 {
            // 10^|scale|, exact: every power of ten up to 10^22 is an
            // `f64`, so each step's product is too (no table of 23
            // doubles, which brotli can't compress).
            let mut p = 1.0;
            for _ in 0..scale.unsigned_abs() {
                p *= 10.0;
            }
            v = if scale < 0 { v / p } else { v * p };
        }
    }
    Some(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    #[test]
    fn agrees_with_str_parse_on_rules_numbers() {
        for s in [
            "0",
            "-0",
            "1",
            "3",
            "-3",
            "0.5",
            "2.75",
            "0.1",
            "0.01",
            "1000",
            "-1000",
            "3600",
            "1e3",
            "1E3",
            "2.5e-3",
            "1e22",
            "1e-22",
            "123456789012345",
            "1732000000000",
            "1732000000000.25",
            "99.99",
            "0.000001",
            "+7",
            ".5",
            "5.",
            "007",
            "1.5e+2",
            "9007199254740991",
            "4.9",
            "30",
            "0.3",
            "17.17",
        ] {
            assert_eq!(parse_f64(s), s.parse::<f64>().ok(), "{s}");
        }
        // Every exact power of ten, both ways.
        for k in 0..=22 {
            for m in ["1", "7", "123.456", "9007199254740991"] {
                for s in [format!("{m}e{k}"), format!("{m}e-{k}")] {
                    assert_eq!(parse_f64(&s), s.parse::<f64>().ok(), "{s}");
                }
            }
        }
        for s in [
            "1e400",
            "-1e400",
            "1e-400",
            "123456789012345678901234567890",
        ] {
            let want = s.parse::<f64>().unwrap();
            let got = parse_f64(s).unwrap();
            assert!(
                got == want || ((got - want) / want).abs() < 1e-15,
                "{s}: {got} vs {want}"
            );
        }
        for s in [
            "", "-", ".", "e5", "1e", "1e+", "inf", "NaN", "1.2.3", "1x", " 1", "--1",
        ] {
            assert_eq!(parse_f64(s), None, "{s}");
        }
    }
}
