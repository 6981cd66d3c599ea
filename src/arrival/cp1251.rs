//! windows-1251 → Unicode, for old Russian search links (Yandex, Mail.ru,
//! Rambler sent their queries in cp1251 until the 2010s).
//!
//! Bytes below 0x80 are ASCII and 0xC0..=0xFF are А..я in order, so only
//! the 64 code points of 0x80..=0xBF need a table; `decode::char_at` reads bytes through [`char_of`].

/// Code points of 0x80..=0xBF; 0 for the one unassigned byte (0x98).
const HIGH: [u16; 64] = [
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, // 80
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F, // 88
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90
    0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, // 98
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, // A0
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, // A8
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, // B0
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457, // B8
];

/// The character of one windows-1251 byte (`None` for the unassigned 0x98,
/// which is dropped).
pub fn char_of(byte: u8) -> Option<char> {
    let code = match byte {
        0..=0x7F => u32::from(byte),
        0x80..=0xBF => u32::from(HIGH[usize::from(byte - 0x80)]),
        // А (U+0410) … я (U+044F).
        _ => u32::from(byte) + 0x350,
    };
    char::from_u32(code).filter(|&c| c != '\0' || byte == 0)
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
