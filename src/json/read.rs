//! Reads JSON text strictly (RFC 8259) into a small tree in which every
//! value and every object key keeps its byte offset, so that messages can
//! point at `line:column` (computed only when a message needs it).
//!
//! * No comments, trailing commas, single quotes, unquoted keys, `NaN`…:
//!   each gets its own friendly message instead of a bare "unexpected".
//! * Duplicate keys are errors. They do not stop the read: each is reported
//!   and the tree keeps the first occurrence, so a caller can go on and
//!   report its own problems too.
//! * Nesting deeper than [`MAX_DEPTH`] is refused (no stack overflow); the
//!   work is linear in the text (duplicate keys are found through a hash
//!   table). The caller bounds the text's size.
//! * A UTF-8 byte order mark at the very start is skipped.
//! * Without diagnostics (the SDK) nothing of the tree is ever dropped:
//!   the SDK reads its rules once and keeps them, or gives up on them
//!   (`rules::check_with`), so its wasm has no drop glue for values
//!   ([`Keep`]); the CLI and the playground drop trees as usual.
//!
//! Paths in messages use the rules' notation: `jobs.photo-studio.signals[2]`,
//! `$` for the root, `["a key"]` only for keys with characters other than
//! ASCII letters, digits, `_`, `-` and `@` (see [`push_key`]).

use super::write::{digits, string};
use crate::prelude::*;
use crate::text::ids::{Fnv, Ids};

/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 64;

/// What [`parse`] hands out and the parser builds: without diagnostics a
/// value is never dropped (see the module docs), with them it is.
#[cfg(not(feature = "diagnostics"))]
pub type Keep<T> = core::mem::ManuallyDrop<T>;
#[cfg(feature = "diagnostics")]
pub type Keep<T> = T;

/// `t`, kept (see [`Keep`]).
#[allow(clippy::needless_return)]
fn keep<T>(t: T) -> Keep<T> {
    #[cfg(not(feature = "diagnostics"))]
    return core::mem::ManuallyDrop::new(t);
    #[cfg(feature = "diagnostics")]
    return t;
}

/// The `T` in a [`Keep`].
#[allow(clippy::needless_return)]
fn unkeep<T>(k: Keep<T>) -> T {
    #[cfg(not(feature = "diagnostics"))]
    return core::mem::ManuallyDrop::into_inner(k);
    #[cfg(feature = "diagnostics")]
    return k;
}

/// Lets go of `t`: dropped with diagnostics, left allocated without.
pub(crate) fn discard<T>(t: T) {
    #[cfg(not(feature = "diagnostics"))]
    core::mem::forget(t);
    #[cfg(feature = "diagnostics")]
    drop(t);
}

/// The index of `key` in `keys`, or `keys.len()` when not there (a plain
/// `usize`: callers index with it or test it against the length, and one
/// past the end is no name): one function for every
/// key table and list of names, the rules' and the reader's own words
/// (inlined, each search was a loop of its own; each `==` a call).
#[inline(never)]
pub(crate) fn index(keys: &[&str], key: &str) -> usize {
    let mut i = 0;
    while i < keys.len() && keys[i] != key {
        i += 1;
    }
    i
}

/// A JSON value and the byte offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub at: usize,
    pub kind: Kind,
}

/// Tagged by a byte of its own (`repr(u8)`: the same 16 bytes): a match
/// on the kind reads the tag, where the niche in a `Vec`'s capacity cost
/// each match and each constructed kind a five-byte `i32::MIN` constant.
#[derive(Clone, Debug, PartialEq)]
#[repr(u8)]
pub enum Kind {
    Null,
    /// `true` and `false` as kinds of their own: a `bool` beside the tag
    /// set every other kind's copies off by a byte.
    True,
    False,
    Number(f64),
    String(String),
    Array(Vec<Value>),
    /// Members in the order of the text, keys unique.
    Object(Vec<Member>),
}

/// An object member: its key, the key's byte offset, its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_at: usize,
    pub value: Value,
}

/// A problem in the JSON text itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Byte offset of the offending character.
    pub at: usize,
    /// Where in the document (see the module docs); empty for the root.
    pub path: String,
    pub message: crate::Message,
}

impl Value {
    /// The value of member `key` of an object (`None` for other values).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.member(key).map(|m| &m.value)
    }

    /// The member `key` of an object (`None` for other values).
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.kind {
            Kind::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// The type, as messages name it: "a string", "an object"…
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::True | Kind::False => "true/false",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "a list",
            Kind::Object(_) => "an object",
        }
    }
}

/// Reads `text`. The value is `None` only after a syntax error (which is
/// then the last error); otherwise the errors are the duplicate keys.
/// The text is valid JSON exactly when the errors are empty. Both are
/// [`Keep`]s: without diagnostics neither is ever dropped.
pub fn parse(text: &str) -> (Option<Keep<Value>>, Keep<Vec<Error>>) {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        // After a byte order mark, as the cursor starts.
        pos: Cursor::new(text).at,
        depth: 0,
        path: keep(Vec::new()),
        errors: Vec::new(),
        stop: (0, Default::default()),
        stopped: false,
        #[cfg(feature = "diagnostics")]
        firsts: Vec::new(),
    };
    let result = p.value().and_then(|v| {
        p.ws();
        match p.peek() {
            None => Ok(v),
            Some(_) => {
                discard(v);
                Err(p.fail(msg!(
                    "unexpected text after the end of the document (one JSON value per file)"
                )))
            }
        }
    });
    #[cfg(feature = "diagnostics")]
    {
        // Where each duplicate key was first, in one pass over the text.
        crate::sort::sort(&mut p.firsts);
        let mut cursor = Cursor::new(text);
        for &(at, i) in &p.firsts {
            let message = &mut p.errors[i].message;
            push_place(message, cursor.seek(at));
            message.push(')');
        }
    }
    match result {
        Ok(v) => (Some(keep(v)), keep(p.errors)),
        Err(Stop) => {
            // The path is still where the parser stopped.
            let (at, message) = core::mem::take(&mut p.stop);
            let path = p.path();
            p.errors.push(Error { at, path, message });
            (None, keep(p.errors))
        }
    }
}

/// The 1-based line and column (in characters) of byte offset `at`.
pub fn line_column(text: &str, at: usize) -> (u32, u32) {
    Cursor::new(text).seek(at)
}

/// Turns byte offsets into lines and columns, moving forward through the
/// text: offsets are sought in increasing order (every caller sorts them,
/// or seeks one), one pass in all.
pub struct Cursor<'a> {
    text: &'a str,
    at: usize,
    line: u32,
    column: u32,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        let at = if text.starts_with("\u{feff}") { 3 } else { 0 };
        Cursor {
            text,
            at,
            line: 1,
            column: 1,
        }
    }

    /// Line and column of `at` (clamped to the text), at or past the last
    /// offset sought: no backward seek (no caller needs one, and starting
    /// over was code the SDK's wasm carried for nothing).
    pub fn seek(&mut self, at: usize) -> (u32, u32) {
        let bytes = self.text.as_bytes();
        let mut at = at.min(bytes.len());
        // Back to the byte that starts the char (a `str`'s first byte
        // always does).
        while bytes.get(at).is_some_and(|b| b & 0xc0 == 0x80) {
            at -= 1;
        }
        // Bytes, not `chars()`: a char is the byte that starts it (no
        // continuation byte is a `\n`), and `at` is on a char boundary.
        // (Inside a byte order mark, nothing to count: 1:1.) The counts
        // fit a `u32`: a line or a column is at least a byte of the text.
        while let Some(&b) = bytes.get(self.at).filter(|_| self.at < at) {
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xc0 != 0x80 {
                self.column += 1;
            }
            self.at += 1;
        }
        (self.line, self.column)
    }
}

/// Appends `.key` to a path (`key` alone at the root), or `["key"]` when
/// the key is empty or has characters other than ASCII letters, digits,
/// `_`, `-` and `@`.
pub fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && crate::text::all_bytes(key, |b| {
            // `among`: a `matches!` over the three was a 64-bit mask.
            b.is_ascii_alphanumeric() || crate::text::among(b"_-@", b)
        });
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        string(path, key);
        path.push(']');
    }
}

/// Appends `[i]` to a path.
pub fn push_index(path: &mut String, i: usize) {
    path.push('[');
    digits(path, i as u64);
    path.push(']');
}

/// Appends `line:column`, for messages that mention a second place.
fn push_place(s: &mut String, (line, column): (u32, u32)) {
    digits(s, u64::from(line));
    s.push(':');
    digits(s, u64::from(column));
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Where the parser is, kept for messages: a step per level, an object
    /// key as its offset times two plus one (the key is read again for a
    /// message: no string kept or moved on the way) or a list index times
    /// two. A [`Keep`]: without diagnostics it is never dropped, like the
    /// tree (one small buffer left allocated per read), and the parser has
    /// no drop glue.
    path: Keep<Vec<usize>>,
    errors: Vec<Error>,
    /// The syntax error that stopped the read: offset and message.
    stop: (usize, crate::Message),
    /// Whether a string stopped the read: how [`Parser::string`] tells a
    /// stop (a `Result<String, _>` was a niche of the capacity to test).
    stopped: bool,
    /// Each duplicate key's first offset and its error (whose message
    /// ends with "first at " until `parse` appends the place).
    #[cfg(feature = "diagnostics")]
    firsts: Vec<(usize, usize)>,
}

/// A syntax error stopped the read (what and where: `Parser::stop`).
struct Stop;

impl Parser<'_> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        // `among` (the four as a bit mask were a 4-byte constant).
        while self
            .peek()
            .is_some_and(|b| crate::text::among(b" \t\n\r", b))
        {
            self.pos += 1;
        }
    }

    /// The path as messages show it. Each key is read again at its
    /// offset (read once already, it has no error: no stop; let go of as
    /// [`discard`] does) and the position put back.
    fn path(&mut self) -> String {
        let mut s = String::new();
        let pos = self.pos;
        let mut n = 0;
        while let Some(&seg) = self.path.get(n) {
            if seg & 1 == 0 {
                push_index(&mut s, seg >> 1);
            } else {
                self.pos = seg >> 1;
                let key = self.string();
                push_key(&mut s, &key);
                discard(key);
            }
            n += 1;
        }
        self.pos = pos;
        s
    }

    fn fail_at(&mut self, at: usize, message: &str) -> Stop {
        self.stop = (at, message.into());
        Stop
    }

    fn fail(&mut self, message: &str) -> Stop {
        self.fail_at(self.pos, message)
    }

    /// An error for what stands at `pos` where a value was expected.
    fn not_a_value(&mut self) -> Stop {
        let b = match self.peek() {
            None => return self.fail(msg!("unexpected end of the document: expected a value")),
            Some(b) => b,
        };
        let message = match b {
            b'/' => msg!("comments are not allowed in JSON"),
            b'\'' => msg!("strings need double quotes (\"…\") in JSON, not single quotes"),
            b'+' => msg!("a number can't start with `+`: write the digits alone"),
            b'.' => msg!("a number can't start with `.`: write 0.5, not .5"),
            b',' => msg!("expected a value before this comma"),
            b'}' | b']' => msg!("expected a value here"),
            // The word is read only for the message: without diagnostics,
            // not at all.
            b if b.is_ascii_alphabetic() || b == b'_' => msg!(match self.word() {
                "True" | "False" | "TRUE" | "FALSE" => {
                    "JSON's true and false are written in lower case"
                }
                "None" | "NULL" | "Null" | "nil" | "undefined" => {
                    "JSON has no such value: write null"
                }
                "NaN" | "Infinity" => "JSON numbers can't be NaN or Infinity",
                _ => "text without quotes: strings need double quotes (\"…\")",
            }),
            _ => msg!("unexpected character: expected a value"),
        };
        self.fail(message)
    }

    /// The run of letters, digits and `_` at `pos`.
    fn word(&self) -> &str {
        let mut end = self.pos;
        while self
            .bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            end += 1;
        }
        self.text.get(self.pos..end).unwrap_or_default()
    }

    fn value(&mut self) -> Result<Value, Stop> {
        self.ws();
        let at = self.pos;
        let kind = match self.peek() {
            Some(b @ (b'{' | b'[')) => self.container(b == b'{')?,
            Some(b'"') => {
                let s = self.string();
                if self.stopped {
                    discard(s);
                    return Err(Stop);
                }
                Kind::String(s)
            }
            Some(b'-' | b'0'..=b'9') => Kind::Number(self.number()?),
            Some(b't' | b'f' | b'n') => {
                let word = self.word();
                let len = word.len();
                // By [`index`], in the order of `Kind`.
                let kind = match index(&["null", "true", "false"], word) {
                    0 => Kind::Null,
                    1 => Kind::True,
                    2 => Kind::False,
                    _ => return Err(self.not_a_value()),
                };
                self.pos += len;
                kind
            }
            _ => return Err(self.not_a_value()),
        };
        Ok(Value { at, kind })
    }

    fn enter(&mut self) -> Result<(), Stop> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail(msg!("nested too deeply (the limit is 64 levels)")));
        }
        self.depth += 1;
        Ok(())
    }

    /// The error at the end of the text inside a container opened at `open`.
    fn unclosed(&mut self, open: usize, what: &str) -> Stop {
        let m: &str = msg!(&{
            let mut m = String::from("unexpected end of the document: the ");
            m.push_str(what);
            m.push_str(" opened at ");
            push_place(&mut m, line_column(self.text, open));
            m.push_str(" is not closed");
            m
        });
        self.fail(m)
    }

    /// An object (`object`) or a list at `pos` (on its `{` or `[`): one
    /// loop for both, as they differ only in keys and messages.
    fn container(&mut self, object: bool) -> Result<Kind, Stop> {
        let open = self.pos;
        let (close, what) = if object {
            (b'}', "object")
        } else {
            (b']', "list")
        };
        self.enter()?;
        self.pos += 1;
        // Kept: an error's `?` drops nothing without diagnostics.
        let mut members = keep(Vec::new());
        let mut items = keep(Vec::new());
        let mut comma: Option<usize> = None;
        loop {
            self.ws();
            let key_at = self.pos;
            match self.peek() {
                None => return Err(self.unclosed(open, what)),
                Some(b) if b == close => {
                    if let Some(c) = comma {
                        return Err(self.fail_at(
                            c,
                            if object {
                                msg!("trailing comma: JSON allows no comma after the last member")
                            } else {
                                msg!("trailing comma: JSON allows no comma after the last item")
                            },
                        ));
                    }
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            if object {
                match self.peek() {
                    Some(b'"') => {}
                    Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => {
                        return Err(
                            self.fail(msg!("object keys need double quotes: \"key\": value"))
                        );
                    }
                    Some(b'/' | b'\'') => return Err(self.not_a_value()),
                    _ => return Err(self.fail(msg!("expected a key in double quotes, or `}`"))),
                }
                // Kept: a stop drops nothing without diagnostics.
                let key = keep(self.string());
                if self.stopped {
                    discard(key);
                    return Err(Stop);
                }
                self.ws();
                if self.peek() != Some(b':') {
                    discard(key);
                    return Err(self.fail(msg!("expected `:` after the key")));
                }
                self.pos += 1;
                self.path.push(key_at << 1 | 1);
                let value = self.value()?;
                self.path.pop();
                members.push(Member {
                    key: unkeep(key),
                    key_at,
                    value,
                });
            } else {
                self.path.push(items.len() << 1);
                items.push(self.value()?);
                self.path.pop();
            }
            self.ws();
            match self.peek() {
                Some(b',') => comma = Some(self.pos),
                Some(b) if b == close => {
                    self.pos += 1;
                    break;
                }
                None => return Err(self.unclosed(open, what)),
                Some(b'"') if object => return Err(self.fail(msg!("missing `,` before this key"))),
                Some(_) => {
                    return Err(self.fail(if object {
                        msg!("expected `,` or `}` after the value")
                    } else {
                        msg!("expected `,` or `]` after the item")
                    }))
                }
            }
            self.pos += 1;
        }
        self.depth -= 1;
        Ok(if object {
            self.drop_duplicates(&mut members);
            Kind::Object(unkeep(members))
        } else {
            Kind::Array(unkeep(items))
        })
    }

    /// Reports each key seen before in the same object and removes it.
    /// (Out of line: inlined into `value`, it gave that a 160-byte frame,
    /// whose offsets past 127 take two bytes.)
    #[inline(never)]
    fn drop_duplicates(&mut self, members: &mut Vec<Member>) {
        // The first member of each key, filed under the key's hash; the
        // members kept so far are moved to the front, in order.
        let mut first = Ids::default();
        let mut kept = 0;
        for dup in 0..members.len() {
            let key = &members[dup].key;
            let hash = Fnv::new(0).feed(key.as_bytes()).0;
            // `origin` is for the message only.
            #[cfg_attr(not(feature = "diagnostics"), allow(unused_variables))]
            let Some(origin) = first.get(hash).find(|&i| members[i as usize].key == *key) else {
                first.insert(hash, kept as u32);
                members.swap(kept, dup);
                kept += 1;
                continue;
            };
            let mut path = self.path();
            push_key(&mut path, key);
            // Converted inside `msg!` (a `NoMessage` without diagnostics):
            // no empty `String` built and dropped.
            #[allow(clippy::useless_conversion)]
            let message: crate::Message = msg!({
                let mut quoted = String::new();
                string(&mut quoted, key);
                let mut message = String::from("duplicate key `");
                message.push_str(&quoted[1..quoted.len() - 1]);
                message.push_str("` (first at ");
                message.into()
            });
            #[cfg(feature = "diagnostics")]
            self.firsts
                .push((members[origin as usize].key_at, self.errors.len()));
            self.errors.push(Error {
                at: members[dup].key_at,
                path,
                message,
            });
        }
        // `truncate`, the members past `kept` let go of as above.
        discard(members.drain(kept..));
    }

    /// A string literal at `pos` (on its opening quote); at a stop (see
    /// `stopped`), what was read of it.
    fn string(&mut self) -> String {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(start..self.pos).unwrap_or_default());
            let stop = match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return out;
                }
                Some(b'\\') => match self.escape(&mut out) {
                    Ok(()) => continue,
                    Err(stop) => stop,
                },
                Some(b'\n' | b'\r') => self.fail(msg!(
                    "line break inside a string: close it with `\"`, or write \\n"
                )),
                Some(_) => self.fail(msg!(
                    "control character inside a string: write it as an escape (\\t, \\u0001…)"
                )),
                None => self.fail_at(open, msg!("this string is never closed with `\"`")),
            };
            // The read stops: the caller lets go of the string so far.
            let Stop = stop;
            self.stopped = true;
            return out;
        }
    }

    /// An escape at `pos` (on its backslash), appended to `out`.
    fn escape(&mut self, out: &mut String) -> Result<(), Stop> {
        let at = self.pos;
        // The code point and the escape's length.
        let (code, len) = match self.bytes.get(at + 1) {
            Some(&b @ (b'"' | b'\\' | b'/')) => (u32::from(b), 2),
            Some(b'b') => (0x8, 2),
            Some(b'f') => (0xc, 2),
            Some(b'n') => (0xa, 2),
            Some(b'r') => (0xd, 2),
            Some(b't') => (0x9, 2),
            Some(b'u') => {
                let high = self.hex4(at);
                if high == u32::MAX {
                    return Err(Stop);
                }
                // A high surrogate (0xd800..0xdc00; the four digits are at
                // most 0xffff): by its top six bits, where a mask and a
                // range took two 3-byte constants.
                if high >> 10 == 0xd800 >> 10 {
                    let low = if let Some(b"\\u") = self.bytes.get(at + 6..at + 8) {
                        self.hex4(at + 6)
                    } else {
                        0
                    };
                    if low == u32::MAX {
                        return Err(Stop);
                    }
                    // An unpaired high surrogate stays one (refused below).
                    if low >> 10 == 0xdc00 >> 10 {
                        (0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00), 12)
                    } else {
                        (high, 6)
                    }
                } else {
                    (high, 6)
                }
            }
            _ => {
                return Err(self.fail_at(
                    at,
                    msg!("unknown escape: JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
                ))
            }
        };
        match char::from_u32(code) {
            Some(c) => out.push(c),
            None => return Err(self.fail_at(at, msg!("\\u escape of an unpaired surrogate"))),
        }
        self.pos = at + len;
        Ok(())
    }

    /// The four hex digits of a `\u` escape at `at`, or `u32::MAX` when
    /// they are not (the read stops: see [`Parser::stop`]; a plain `u32`:
    /// four hex digits are at most 0xffff, so no code is taken for it).
    fn hex4(&mut self, at: usize) -> u32 {
        let mut code = 0;
        for i in at + 2..at + 6 {
            // Past the end, a 0: no hex digit either.
            let d = crate::text::hex(self.bytes.get(i).copied().unwrap_or(0));
            if d == crate::text::NOT_HEX {
                self.fail_at(at, msg!("\\u needs four hex digits"));
                return u32::MAX;
            }
            code = code * 16 + u32::from(d);
        }
        code
    }

    fn number(&mut self) -> Result<f64, Stop> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.fail_at(start, msg!("a number can't have leading zeros")));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            Some(b'I' | b'N') => return Err(self.not_a_value()),
            _ => return Err(self.fail(msg!("expected digits after `-`"))),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fail(msg!("expected digits after the decimal point")));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.fail(msg!("expected digits in the exponent")));
            }
            self.digits();
        }
        // Not finite: too large (the grammar is checked above: no NaN).
        match super::read_f64(self.text.get(start..self.pos).unwrap_or_default()) {
            n if super::finite(n) => Ok(n),
            _ => Err(self.fail_at(start, msg!("number too large"))),
        }
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value {
        let (v, errors) = parse(text);
        assert!(errors.is_empty(), "{text}: {errors:?}");
        v.unwrap()
    }

    /// The first error as `line:column path: message`.
    fn err(text: &str) -> String {
        let (_, errors) = parse(text);
        let e = errors.last().expect("an error");
        let (l, c) = line_column(text, e.at);
        format!("{l}:{c} {}: {}", e.path, e.message)
    }

    #[test]
    fn reads_values_with_offsets() {
        let v = ok(" {\"a\": [1, -2.5e1, true, null], \"b\": \"x\\u00e9\\ud83d\\ude00\"}");
        assert_eq!(v.at, 1);
        let Kind::Object(m) = &v.kind else { panic!() };
        assert_eq!((m[0].key.as_str(), m[0].key_at), ("a", 2));
        let Kind::Array(items) = &m[0].value.kind else {
            panic!()
        };
        assert_eq!(items[1].kind, Kind::Number(-25.0));
        assert_eq!(items[1].at, 11);
        assert_eq!(v.get("b").unwrap().kind, Kind::String("xé😀".into()));
        assert_eq!(ok("\u{feff}3").at, 3);
    }

    #[test]
    fn friendly_syntax_errors() {
        let cases = [
            ("{\"a\": 1,}", "1:8 : trailing comma: JSON allows no comma after the last member"),
            ("[1,\n 2,\n]", "2:3 : trailing comma: JSON allows no comma after the last item"),
            ("{\"a\": 1 // x\n}", "1:9 : expected `,` or `}` after the value"),
            ("// x\n{}", "1:1 : comments are not allowed in JSON"),
            ("{\"a\": {\"b\": /* x */ 1}}", "1:13 a.b: comments are not allowed in JSON"),
            ("{'a': 1}", "1:2 : strings need double quotes (\"…\") in JSON, not single quotes"),
            ("{a: 1}", "1:2 : object keys need double quotes: \"key\": value"),
            ("{\"a\" 1}", "1:6 : expected `:` after the key"),
            ("{\"a\": 1 \"b\": 2}", "1:9 : missing `,` before this key"),
            ("[True]", "1:2 [0]: JSON's true and false are written in lower case"),
            ("[NaN]", "1:2 [0]: JSON numbers can't be NaN or Infinity"),
            ("[-Infinity]", "1:3 [0]: JSON numbers can't be NaN or Infinity"),
            ("[01]", "1:2 [0]: a number can't have leading zeros"),
            ("[1.]", "1:4 [0]: expected digits after the decimal point"),
            ("[.5]", "1:2 [0]: a number can't start with `.`: write 0.5, not .5"),
            ("[+1]", "1:2 [0]: a number can't start with `+`: write the digits alone"),
            ("[1e999]", "1:2 [0]: number too large"),
            ("[1,,2]", "1:4 [1]: expected a value before this comma"),
            ("[nul]", "1:2 [0]: text without quotes: strings need double quotes (\"…\")"),
            ("{\"jobs\": {\"x y\": [\"a\nb\"]}}", "1:21 jobs[\"x y\"][0]: line break inside a string: close it with `\"`, or write \\n"),
            ("[\"\\x\"]", "1:3 [0]: unknown escape: JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
            ("[\"\\ud800\"]", "1:3 [0]: \\u escape of an unpaired surrogate"),
            ("[\"\\u12\"]", "1:3 [0]: \\u needs four hex digits"),
            ("[\"abc", "1:2 [0]: this string is never closed with `\"`"),
            ("{\"a\": [1, 2", "1:12 a: unexpected end of the document: the list opened at 1:7 is not closed"),
            ("{\"a\": 1", "1:8 : unexpected end of the document: the object opened at 1:1 is not closed"),
            ("", "1:1 : unexpected end of the document: expected a value"),
            ("{} {}", "1:4 : unexpected text after the end of the document (one JSON value per file)"),
            ("[\"é\", é]", "1:7 [1]: unexpected character: expected a value"),
        ];
        for (text, want) in cases {
            assert_eq!(err(text), want, "{text}");
        }
    }

    #[test]
    fn duplicate_keys_are_reported_and_dropped() {
        let text = "{\"a\": 1, \"b\": {\"x\": 1, \"x\": 2, \"x\": 3}, \"a\": 4}";
        let (v, errors) = parse(text);
        let got: Vec<String> = errors
            .iter()
            .map(|e| format!("{} {}: {}", e.at, e.path, e.message))
            .collect();
        assert_eq!(
            got,
            [
                "23 b.x: duplicate key `x` (first at 1:16)",
                "31 b.x: duplicate key `x` (first at 1:16)",
                "40 a: duplicate key `a` (first at 1:2)",
            ]
        );
        let v = v.unwrap();
        assert_eq!(v.get("a").unwrap().kind, Kind::Number(1.0));
        assert_eq!(
            v.get("b").unwrap().get("x").unwrap().kind,
            Kind::Number(1.0)
        );
    }

    #[test]
    fn depth_is_limited_without_overflowing_the_stack() {
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        ok(&deep);
        let too_deep = "[".repeat(100_000);
        assert!(err(&too_deep).ends_with("nested too deeply (the limit is 64 levels)"));
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\n  \"ключ\": x}";
        assert_eq!(
            err(text),
            "2:11 [\"ключ\"]: text without quotes: strings need double quotes (\"…\")"
        );
        let mut c = Cursor::new(text);
        assert_eq!(c.seek(0), (1, 1));
        assert_eq!(c.seek(4), (2, 3));
        assert_eq!(c.seek(4), (2, 3));
        assert_eq!(c.seek(9999), (2, 13));
        assert_eq!(line_column(text, 1), (1, 2));
        assert_eq!(line_column("\u{feff}[x]", 4), (1, 2));
    }

    #[test]
    fn paths_quote_only_unusual_keys() {
        let mut p = String::new();
        push_key(&mut p, "jobs");
        push_key(&mut p, "photo-studio@compare");
        push_index(&mut p, 12);
        push_key(&mut p, "a b\"");
        push_key(&mut p, "");
        assert_eq!(p, "jobs.photo-studio@compare[12][\"a b\\\"\"][\"\"]");
    }
}
