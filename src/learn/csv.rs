//! A streaming CSV reader for CRM exports, as spreadsheets and CRMs write
//! them: a header line, `,` `;` or tab separated (detected on the header),
//! fields quoted with `"` and `""` escapes, line breaks inside quotes,
//! `\n` or `\r\n` line ends, blank lines skipped.
//!
//! Encoding: UTF-8 with or without a BOM, or windows-1251 (what Russian
//! Excel writes). The first block of the file decides: valid UTF-8 is
//! UTF-8; invalid UTF-8 whose high bytes look like Russian in windows-1251
//! (mostly 0xC0–0xFF, lower case more frequent than upper case, which also
//! tells it from KOI8-R) is windows-1251. A file whose first block is
//! plain ASCII decides on its first non-ASCII field the same way.
//!
//! Nothing here panics on bad input: every problem is an [`Error`] with the
//! line it was found on. A record is at most [`MAX_RECORD`] bytes, so an
//! unclosed quote can't pull a whole file into memory.

use std::fmt;
use std::io::BufRead;

/// Longest record, in bytes.
pub const MAX_RECORD: usize = 1 << 20;
/// How much of the file the encoding and delimiter are detected on.
const SNIFF: usize = 64 * 1024;

/// A problem with the input, at a 1-based line when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub line: Option<u64>,
    pub message: String,
}

impl Error {
    pub fn at(line: u64, message: impl Into<String>) -> Error {
        Error {
            line: Some(line),
            message: message.into(),
        }
    }

    pub fn new(message: impl Into<String>) -> Error {
        Error {
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The text encoding of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Cp1251,
    /// Only ASCII so far (decided on the first non-ASCII field).
    Ascii,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Ascii => "UTF-8",
            Encoding::Cp1251 => "windows-1251",
        }
    }
}

/// One record: its first line and its fields, decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub fields: Vec<String>,
}

/// Reads records one at a time from a byte stream.
pub struct Reader<R> {
    input: Prefixed<R>,
    delimiter: u8,
    encoding: Encoding,
    /// The line the next physical line read starts.
    line: u64,
    raw: Vec<u8>,
    fields: Vec<Vec<u8>>,
}

impl<R: BufRead> Reader<R> {
    /// Detects the encoding and the delimiter on the start of `input`.
    pub fn new(mut input: R) -> Result<Reader<R>, Error> {
        let mut head = Vec::new();
        while head.len() < SNIFF {
            let chunk = input.fill_buf().map_err(io)?;
            if chunk.is_empty() {
                break;
            }
            let n = chunk.len().min(SNIFF - head.len());
            head.extend_from_slice(&chunk[..n]);
            input.consume(n);
        }
        let (encoding, skip) = sniff_encoding(&head)?;
        let delimiter = sniff_delimiter(&head[skip..]);
        Ok(Reader {
            input: Prefixed {
                head,
                at: skip,
                rest: input,
            },
            delimiter,
            encoding,
            line: 1,
            raw: Vec::new(),
            fields: Vec::new(),
        })
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// The next record into `record` (blank lines skipped); false at the end.
    pub fn next_record(&mut self, record: &mut Record) -> Result<bool, Error> {
        loop {
            record.line = self.line;
            if !self.read_raw()? {
                return Ok(false);
            }
            if self.raw.iter().all(|b| matches!(b, b'\r' | b'\n')) {
                continue;
            }
            self.split(record.line)?;
            record.fields.resize_with(self.fields.len(), String::new);
            for i in 0..self.fields.len() {
                self.decode(i, record.line, &mut record.fields[i])?;
            }
            return Ok(true);
        }
    }

    /// Reads one record's bytes (physical lines until no quoted field is
    /// open) into `raw`; false at the end of the input.
    fn read_raw(&mut self) -> Result<bool, Error> {
        self.raw.clear();
        let start = self.line;
        let (mut quoted, mut field_start) = (false, true);
        loop {
            let from = self.raw.len();
            let n = read_line(&mut self.input, &mut self.raw, MAX_RECORD + 1 - from)?;
            if n == 0 {
                if quoted {
                    return Err(Error::at(start, "a quoted field is never closed"));
                }
                return Ok(!self.raw.is_empty());
            }
            if self.raw.last() == Some(&b'\n') {
                self.line += 1;
            }
            let mut i = from;
            while let Some(&b) = self.raw.get(i) {
                if quoted {
                    if b == b'"' {
                        if self.raw.get(i + 1) == Some(&b'"') {
                            i += 1;
                        } else {
                            quoted = false;
                        }
                    }
                } else if b == b'"' && field_start {
                    quoted = true;
                }
                field_start = !quoted && (b == self.delimiter || b == b'\n');
                i += 1;
            }
            if self.raw.len() > MAX_RECORD {
                return Err(Error::at(
                    start,
                    "a record longer than 1 MiB: is a quoted field never closed?",
                ));
            }
            if !quoted {
                return Ok(true);
            }
        }
    }

    /// Splits `raw` into `fields`, unquoting.
    fn split(&mut self, line: u64) -> Result<(), Error> {
        let mut raw = &self.raw[..];
        while let Some((b'\n' | b'\r', rest)) = raw.split_last() {
            raw = rest;
        }
        let mut n = 0;
        let mut i = 0;
        loop {
            if self.fields.len() == n {
                self.fields.push(Vec::new());
            }
            let field = &mut self.fields[n];
            field.clear();
            n += 1;
            if raw.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    match raw.get(i) {
                        None => return Err(Error::at(line, "a quoted field is never closed")),
                        Some(b'"') if raw.get(i + 1) == Some(&b'"') => {
                            field.push(b'"');
                            i += 2;
                        }
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(b) => {
                            field.push(*b);
                            i += 1;
                        }
                    }
                }
                match raw.get(i) {
                    None => break,
                    Some(b) if *b == self.delimiter => i += 1,
                    Some(_) => {
                        return Err(Error::at(
                            line,
                            format!(
                                "field {n}: text after a closing quote (a quote inside a quoted field must be doubled: \"\")"
                            ),
                        ))
                    }
                }
            } else {
                let end = raw[i..]
                    .iter()
                    .position(|b| *b == self.delimiter)
                    .map_or(raw.len(), |p| i + p);
                field.extend_from_slice(&raw[i..end]);
                if end == raw.len() {
                    break;
                }
                i = end + 1;
            }
        }
        self.fields.truncate(n);
        Ok(())
    }

    /// Field `i` of the last record as text, into `out`.
    fn decode(&mut self, i: usize, line: u64, out: &mut String) -> Result<(), Error> {
        let bytes = &self.fields[i];
        out.clear();
        if let Ok(text) = std::str::from_utf8(bytes) {
            if bytes.is_ascii() || self.encoding != Encoding::Cp1251 {
                if self.encoding == Encoding::Ascii && !bytes.is_ascii() {
                    self.encoding = Encoding::Utf8;
                }
                out.push_str(text);
                return Ok(());
            }
        } else if self.encoding == Encoding::Ascii {
            if !looks_cp1251(bytes) {
                return Err(Error::at(line, NOT_TEXT));
            }
            self.encoding = Encoding::Cp1251;
        }
        match self.encoding {
            Encoding::Cp1251 => {
                out.extend(bytes.iter().map(|b| cp1251(*b)));
                Ok(())
            }
            _ => Err(Error::at(
                line,
                format!("field {}: invalid UTF-8 in a UTF-8 file", i + 1),
            )),
        }
    }
}

const NOT_TEXT: &str = "neither UTF-8 nor windows-1251 text: save the export as CSV UTF-8";

/// Reads up to and including the next `\n`, at most `limit` bytes.
fn read_line<R: BufRead>(input: &mut R, out: &mut Vec<u8>, limit: usize) -> Result<usize, Error> {
    let mut total = 0;
    loop {
        let chunk = input.fill_buf().map_err(io)?;
        if chunk.is_empty() {
            return Ok(total);
        }
        let room = limit.saturating_sub(total).max(1);
        let (n, done) = match chunk.iter().take(room).position(|b| *b == b'\n') {
            Some(p) => (p + 1, true),
            None => (chunk.len().min(room), chunk.len() >= room),
        };
        out.extend_from_slice(&chunk[..n]);
        input.consume(n);
        total += n;
        if done {
            return Ok(total);
        }
    }
}

/// The encoding of a file starting with `head`, and the bytes of BOM to skip.
fn sniff_encoding(head: &[u8]) -> Result<(Encoding, usize), Error> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok((Encoding::Utf8, 3));
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::new(
            "the export is UTF-16 (Excel's \"Unicode text\"): save it as CSV UTF-8",
        ));
    }
    if head.is_ascii() {
        return Ok((Encoding::Ascii, 0));
    }
    match std::str::from_utf8(head) {
        Ok(_) => Ok((Encoding::Utf8, 0)),
        // Cut inside a character at the end of the block.
        Err(e) if e.error_len().is_none() => Ok((Encoding::Utf8, 0)),
        Err(e) => {
            let valid = &head[..e.valid_up_to()];
            // UTF-8 letters before the bad byte: a UTF-8 file with a flaw
            // (windows-1251 rarely makes even one valid UTF-8 sequence).
            let letters = valid.iter().filter(|b| **b >= 0xC0).count();
            if letters >= 3 {
                let line = valid.iter().filter(|b| **b == b'\n').count() as u64 + 1;
                Err(Error::at(line, "invalid UTF-8 in a UTF-8 file"))
            } else if looks_cp1251(head) {
                Ok((Encoding::Cp1251, 0))
            } else {
                Err(Error::new(NOT_TEXT))
            }
        }
    }
}

/// Russian in windows-1251: most high bytes are letters (0xC0–0xFF, Ёё),
/// and lower case (0xE0–0xFF) outnumbers upper case (0xC0–0xDF).
fn looks_cp1251(bytes: &[u8]) -> bool {
    let (mut high, mut lower, mut upper) = (0usize, 0usize, 0usize);
    for &b in bytes {
        match b {
            0xE0..=0xFF | 0xB8 => lower += 1,
            0xC0..=0xDF | 0xA8 => upper += 1,
            _ => {}
        }
        high += usize::from(b >= 0x80);
    }
    high > 0 && (lower + upper) * 10 >= high * 8 && lower > upper
}

/// The delimiter of the header line: the most frequent of `,` `;` tab
/// outside quotes (`,` when none).
fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    [b',', b';', b'\t'][best]
}

/// The character of a windows-1251 byte (U+FFFD for the unassigned 0x98).
fn cp1251(b: u8) -> char {
    const HIGH: [u16; 64] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409,
        0x2039, 0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0,
        0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB,
        0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6,
        0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ];
    let code = match b {
        0..=0x7F => u32::from(b),
        0x80..=0xBF => u32::from(HIGH[usize::from(b - 0x80)]),
        _ => 0x0410 + u32::from(b - 0xC0),
    };
    char::from_u32(code).unwrap_or('\u{FFFD}')
}

/// The sniffed head of the file, then the rest of it.
struct Prefixed<R> {
    head: Vec<u8>,
    at: usize,
    rest: R,
}

impl<R: BufRead> std::io::Read for Prefixed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(buf.len());
        buf[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Prefixed<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.at < self.head.len() {
            Ok(&self.head[self.at..])
        } else {
            self.rest.fill_buf()
        }
    }

    fn consume(&mut self, n: usize) {
        if self.at < self.head.len() {
            self.at += n;
        } else {
            self.rest.consume(n);
        }
    }
}

fn io(e: std::io::Error) -> Error {
    Error::new(format!("cannot read the export: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(input: &[u8]) -> Result<Vec<Vec<String>>, Error> {
        let mut r = Reader::new(input)?;
        let mut rec = Record::default();
        let mut out = Vec::new();
        while r.next_record(&mut rec)? {
            out.push(rec.fields.clone());
        }
        Ok(out)
    }

    #[test]
    fn quotes_newlines_and_crlf() {
        let got = records(b"a,b\r\n\"x,\"\"y\"\"\",\"two\r\nlines\"\r\n\r\n3,\r\n").unwrap();
        assert_eq!(
            got,
            [
                vec!["a", "b"],
                vec!["x,\"y\"", "two\r\nlines"],
                vec!["3", ""]
            ]
        );
    }

    #[test]
    fn cp1251_table() {
        assert_eq!(cp1251(0xC0), 'А');
        assert_eq!(cp1251(0xFF), 'я');
        assert_eq!(cp1251(0xA8), 'Ё');
        assert_eq!(cp1251(0xB8), 'ё');
        assert_eq!(cp1251(0xB9), '№');
        assert_eq!(cp1251(0x98), '\u{FFFD}');
    }

    #[test]
    fn malformed_is_an_error_with_a_line() {
        let e = records(b"a,b\n1,2\n\"open,3\n4,5\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = records(b"a,b\n1,\"x\"y\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("closing quote"), "{e}");
        assert!(records(&[0xFF, 0xFE, b'a', 0]).is_err());
        assert!(records(&[b'a', b'\n', 0x80, 0x81, b'\n']).is_err());
    }

    #[test]
    fn a_huge_record_is_an_error_not_two_records() {
        let mut data = b"job,query\nx,".to_vec();
        data.resize(data.len() + MAX_RECORD + 10, b'a');
        data.extend_from_slice(b"\ny,b\n");
        let e = records(&data).unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn ascii_head_then_cp1251() {
        let mut data = b"job,query\n".to_vec();
        for _ in 0..5000 {
            data.extend_from_slice(b"x,plain ascii\n");
        }
        data.extend_from_slice(b"y,");
        data.extend_from_slice(&[0xEB, 0xEE, 0xF4, 0xF2]); // лофт
        data.push(b'\n');
        let got = records(&data).unwrap();
        assert_eq!(
            got.last().unwrap(),
            &vec!["y".to_string(), "лофт".to_string()]
        );
    }
}
