//! windows-1251 → Unicode, for old Russian search links (Yandex, Mail.ru,
//! Rambler sent their queries in cp1251 until the 2010s).
//!
//! Bytes below 0x80 are ASCII and 0xC0..=0xFF are А..я in order, so only
//! the 64 code points of 0x80..=0xBF need a table; `decode::char_at` reads bytes through [`char_of`].

/// The low bytes of the code points of 0x80..=0xBF that are no Latin-1
/// (0 for the others): their high bytes are 0x04, 0x20 or 0x21, told by
/// two bits of [`CLASS`] (a table of `u16` was 128 bytes of data).
const LOW: [u8; 64] = [
    0x02, 0x03, 0x1A, 0x53, 0x1E, 0x26, 0x20, 0x21, // 80
    0xAC, 0x30, 0x09, 0x39, 0x0A, 0x0C, 0x0B, 0x0F, // 88
    0x52, 0x18, 0x19, 0x1C, 0x1D, 0x22, 0x13, 0x14, // 90
    0x00, 0x22, 0x59, 0x3A, 0x5A, 0x5C, 0x5B, 0x5F, // 98
    0x00, 0x0E, 0x5E, 0x08, 0x00, 0x90, 0x00, 0x00, // A0
    0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x07, // A8
    0x00, 0x00, 0x06, 0x56, 0x91, 0x00, 0x00, 0x00, // B0
    0x51, 0x16, 0x54, 0x00, 0x58, 0x05, 0x55, 0x57, // B8
];

/// Bit `i` of each is one bit of the class of byte 0x80 + `i`: 0 when it
/// is its own Latin-1 code point (`«`, `§`, no-break space…), else 1, 2
/// or 3 for a code point 0x04XX, 0x20XX or 0x21XX.
const CLASS: [u64; 2] = [0xF71C_852E_F601_F40B, 0x0200_0000_0AFE_0BF4];

/// The character of one windows-1251 byte (`None` for the unassigned 0x98,
/// which is dropped).
pub fn char_of(byte: u8) -> Option<char> {
    let code = match byte {
        0x80..=0xBF => {
            let i = byte - 0x80;
            match (CLASS[0] >> i & 1) | (CLASS[1] >> i & 1) << 1 {
                0 => u32::from(byte),
                class => (0x2120_0400 >> (class * 8) & 0xFF) << 8 | u32::from(LOW[usize::from(i)]),
            }
        }
        // А (U+0410) … я (U+044F).
        0xC0.. => u32::from(byte) + 0x350,
        _ => u32::from(byte),
    };
    char::from_u32(code).filter(|_| byte != 0x98)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_whole_range() {
        let cases: &[(&[u8], &str)] = &[
            (b"abc 123", "abc 123"),
            (&[0xEA, 0xF3, 0xEF, 0xE8, 0xF2, 0xFC], "купить"),
            (&[0xC0, 0xDF, 0xE0, 0xFF], "АЯая"),
            (&[0xA8, 0xB8], "Ёё"),
            (&[0x80, 0x88, 0x98, 0x99, 0xB9], "Ђ€™№"),
            (
                &[0xAF, 0xBF, 0xB2, 0xB3, 0xAA, 0xBA, 0xA5, 0xB4],
                "ЇїІіЄєҐґ",
            ),
            (&[0xAB, 0xBB, 0x96, 0x97, 0x85], "«»–—…"),
        ];
        for (bytes, want) in cases {
            let got: String = bytes.iter().filter_map(|&b| char_of(b)).collect();
            assert_eq!(got, *want, "{bytes:x?}");
        }
    }
}
