//! Russian letters in one byte each, for the word lists in the wasm.
//!
//! A letter а–я is two bytes of UTF-8, and `jobwise.js` carries each wasm
//! byte above 0x7f as two more: four bytes per letter in the file the
//! visitor downloads. The lists written with [`ru!`] hold each а–я as one
//! control byte instead (no list has control characters of its own), encoded
//! when the crate is compiled; [`decoded`] gives an entry back as UTF-8
//! where it is compared. The lists stay `&str` (control bytes are UTF-8),
//! so the functions reading them split and search them as before.

/// The one byte of the letter `U+0430 + k` (а–я, `k < 32`). A bijection
/// of 0..32; `ъ`, the rarest letter, gets 0x0d, the one byte the file
/// escapes (a raw CR would read as LF).
const fn byte(k: u8) -> u8 {
    k ^ 0x17
}

/// The letter number `k` of a UTF-8 а–я starting at `s[i]`, if one does.
const fn letter(s: &[u8], i: usize) -> Option<u8> {
    if i + 1 >= s.len() {
        return None;
    }
    match (s[i], s[i + 1]) {
        (0xd0, c @ 0xb0..=0xbf) => Some(c - 0xb0),
        (0xd1, c @ 0x80..=0x8f) => Some(c - 0x80 + 16),
        _ => None,
    }
}

/// The length of `s` with each а–я in one byte.
pub const fn encoded_len(s: &str) -> usize {
    let s = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < s.len() {
        i += if letter(s, i).is_some() { 2 } else { 1 };
        n += 1;
    }
    n
}

/// `s` with each а–я in one byte; `N` is [`encoded_len`]. Fails to compile
/// on a control character, which [`decoded`] would take for a letter, and
/// on a word with a letter longer than [`WORD`] bytes encoded.
pub const fn encode<const N: usize>(s: &str) -> [u8; N] {
    let s = s.as_bytes();
    let mut out = [0; N];
    let (mut i, mut n) = (0, 0);
    // The current word starts at `out[start]`; whether it has a letter.
    let (mut start, mut lettered) = (0, false);
    while i < s.len() {
        match letter(s, i) {
            Some(k) => {
                out[n] = byte(k);
                i += 2;
                lettered = true;
            }
            None => {
                assert!(s[i] >= 0x20, "a control character in a Russian list");
                out[n] = s[i];
                i += 1;
            }
        }
        n += 1;
        if i == s.len() || s[i] == b' ' {
            assert!(!lettered || n - start <= WORD, "a Russian word too long");
            (start, lettered) = (n + 1, false);
        }
    }
    out
}

/// A list with each а–я in one byte, as a `&'static str`, encoded at
/// compile time.
macro_rules! ru {
    ($s:expr) => {{
        const E: [u8; $crate::text::ru::encoded_len($s)] = $crate::text::ru::encode($s);
        // A const item: checked once, when compiled.
        const S: &str = match core::str::from_utf8(&E) {
            Ok(s) => s,
            Err(_) => panic!("not UTF-8"),
        };
        S
    }};
}
pub(crate) use ru;

/// The longest word with a letter in a list written with [`ru!`], encoded
/// (checked when compiled): decoded, it fits [`Buf`].
const WORD: usize = 16;

/// Room for a word of [`WORD`] letters, decoded.
pub type Buf = [u8; 2 * WORD];

/// `n & MASK` is `n` for every index of a [`Buf`] (its length a power of
/// two): [`decoded`] indexes with it, so no bounds check is compiled.
const MASK: usize = 2 * WORD - 1;
const _: () = assert!((2 * WORD).is_power_of_two());

/// An entry of a list as UTF-8: itself if it is longer than any word with a
/// letter, else decoded into `buf`.
pub fn decoded<'a>(e: &'a [u8], buf: &'a mut Buf) -> &'a [u8] {
    if e.len() > WORD {
        return e;
    }
    let mut n = 0;
    for &b in e {
        // `n` stays inside `buf` (at most two bytes per byte of `e`), so
        // `n & MASK` is `n`.
        if b < 0x20 {
            let k = byte(b);
            buf[n & MASK] = 0xd0 | k >> 4;
            n += 1;
            buf[n & MASK] = 0x80 | (0x30 + k) & 0x3f;
        } else {
            buf[n & MASK] = b;
        }
        n += 1;
    }
    &buf[..n]
}

/// The entries of a list, as UTF-8.
#[cfg(test)]
pub fn words(list: &str) -> Vec<String> {
    let mut buf = Buf::default();
    crate::text::split(list, b' ')
        .map(|w| String::from_utf8(decoded(w.as_bytes(), &mut buf).to_vec()).unwrap())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_round_trips_and_nothing_else_changes() {
        const S: &str = ru!("абвгдежзийклмноп рстуфхцчшщъыьэюя ё a-z 'n't 0");
        assert_eq!(S.len(), 33 + " ё a-z 'n't 0".len());
        assert_eq!(
            words(S).join(" "),
            "абвгдежзийклмноп рстуфхцчшщъыьэюя ё a-z 'n't 0"
        );
        assert_eq!(
            S.bytes().filter(|&b| b == b'\r').count(),
            1,
            "only ъ is a CR"
        );
    }
}
