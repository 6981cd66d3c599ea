//! A syntax check of the CSS selectors in `dwell` and `click` signals, so a
//! selector the browser's `querySelectorAll` would throw on is refused when
//! the rules are validated, with the position of the mistake.
//!
//! Accepted: lists (`a, b`), combinators (descendant, `>`, `+`, `~`), type
//! and `*`, `#id`, `.class`, attribute selectors with `= ~= |= ^= $= *=`
//! and an ident or quoted value (and an `i`/`s` flag), CSS escapes, the
//! usual pseudo-classes, `:not() :is() :where() :has()` and `:nth-*()`.
//! Refused as well: pseudo-elements (`::before`: nothing there can be seen
//! or clicked) and namespaces (no use in HTML).
//!
//! The CLI, the tests and the playground check with this; the SDK checks
//! with the browser's own parser (`web::selector`, through
//! [`super::parse_bounded`]), so this is not in its wasm. Both are tested
//! against `tests/cases/selectors.json`.

use crate::prelude::*;

/// Where (the byte index in the selector) and why a selector is refused.
type At = (usize, &'static str);

/// How deep `:not(:is(…))` may nest.
const MAX_NESTING: u8 = 8;

/// Pseudo-classes without arguments that browsers accept.
const PLAIN: &[&str] = &[
    "active",
    "any-link",
    "autofill",
    "checked",
    "default",
    "defined",
    "disabled",
    "empty",
    "enabled",
    "first-child",
    "first-of-type",
    "focus",
    "focus-visible",
    "focus-within",
    "fullscreen",
    "hover",
    "in-range",
    "indeterminate",
    "invalid",
    "last-child",
    "last-of-type",
    "link",
    "modal",
    "only-child",
    "only-of-type",
    "optional",
    "out-of-range",
    "placeholder-shown",
    "popover-open",
    "read-only",
    "read-write",
    "required",
    "root",
    "scope",
    "target",
    "user-invalid",
    "user-valid",
    "valid",
    "visited",
];

/// Checks `s`; `Err` gives where and why it is refused.
pub(crate) fn check(s: &str) -> Result<(), super::Refusal> {
    let mut p = P {
        s: s.as_bytes(),
        i: 0,
        depth: 0,
        in_has: false,
    };
    p.list(false, false).map_err(|(i, why)| (Some(i), why))
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
    depth: u8,
    /// Inside `:has()`, which can't hold another `:has()`.
    in_has: bool,
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80
}

impl P<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn at(&self, n: usize) -> Option<u8> {
        self.s.get(self.i + n).copied()
    }

    fn err<T>(&self, message: &'static str) -> Result<T, At> {
        Err((self.i, message))
    }

    /// Skips whitespace; true when there was some.
    fn ws(&mut self) -> bool {
        let start = self.i;
        while let Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') = self.peek() {
            self.i += 1;
        }
        self.i > start
    }

    /// A selector list, up to the end (or, nested, up to `)`); `relative`
    /// in `:has()`, whose selectors may start with a combinator.
    fn list(&mut self, nested: bool, relative: bool) -> Result<(), At> {
        loop {
            self.ws();
            self.complex(relative)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                None if !nested => return Ok(()),
                Some(b')') if nested => return Ok(()),
                None => return self.err(msg!("`(` is never closed with `)`")),
                Some(b')') => return self.err(msg!("`)` without `(`")),
                Some(_) => return self.err(msg!("unexpected character in the selector")),
            }
        }
    }

    /// Compounds joined by combinators. In `:has()` it may start with one.
    fn complex(&mut self, relative: bool) -> Result<(), At> {
        if relative {
            if let Some(b'>' | b'+' | b'~') = self.peek() {
                self.i += 1;
                self.ws();
            }
        }
        self.compound()?;
        loop {
            let space = self.ws();
            match self.peek() {
                Some(b'>' | b'+' | b'~') => {
                    self.i += 1;
                    self.ws();
                    if let None | Some(b',' | b')') = self.peek() {
                        return self.err(msg!("a combinator needs a selector on each side"));
                    }
                    self.compound()?;
                }
                None | Some(b',' | b')') => return Ok(()),
                Some(_) if space => self.compound()?,
                Some(_) => return self.err(msg!("unexpected character in the selector")),
            }
        }
    }

    /// Type or `*`, then any `#id`, `.class`, `[attr]`, `:pseudo`.
    fn compound(&mut self) -> Result<(), At> {
        let start = self.i;
        match self.peek() {
            Some(b'*') => self.i += 1,
            Some(b'|') => return self.err(msg!("namespaces are not supported")),
            _ if self.ident_starts() => self.ident()?,
            _ => {}
        }
        if self.peek() == Some(b'|') {
            return self.err(msg!("namespaces are not supported"));
        }
        loop {
            match self.peek() {
                Some(b'#') => {
                    self.i += 1;
                    self.name_after(msg!("`#` needs an id name, and an id selector can't start with a digit: write [id='…'] instead"))?;
                }
                Some(b'.') => {
                    self.i += 1;
                    self.name_after(msg!(
                        "`.` needs a class name, and a class selector can't start with a digit"
                    ))?;
                }
                Some(b'[') => self.attribute()?,
                Some(b':') => self.pseudo()?,
                _ => break,
            }
        }
        if self.i == start {
            return self.err(match self.peek() {
                None | Some(b',') | Some(b')') => msg!("a selector is missing here"),
                Some(b'>' | b'+' | b'~') => msg!("a combinator needs a selector on each side"),
                Some(_) => msg!("unexpected character in the selector"),
            });
        }
        Ok(())
    }

    fn name_after(&mut self, message: &'static str) -> Result<(), At> {
        if !self.ident_starts() {
            return self.err(message);
        }
        self.ident()
    }

    /// Whether an identifier starts here (`-` then a letter, `--`, a
    /// letter, `_`, non-ASCII, or an escape).
    fn ident_starts(&self) -> bool {
        let start = |b: Option<u8>| match b {
            Some(b) => b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 || b == b'\\',
            None => false,
        };
        match self.peek() {
            Some(b'-') => self.at(1) == Some(b'-') || start(self.at(1)),
            b => start(b),
        }
    }

    fn ident(&mut self) -> Result<(), At> {
        while let Some(b) = self.peek() {
            if b == b'\\' {
                self.escape()?;
            } else if is_name_byte(b) {
                self.i += 1;
            } else {
                break;
            }
        }
        Ok(())
    }

    /// A CSS escape: `\` and up to six hex digits (and one space), or `\`
    /// and any other character but a line break.
    fn escape(&mut self) -> Result<(), At> {
        match self.at(1) {
            None | Some(b'\n' | b'\r' | b'\x0c') => {
                self.err(msg!("a `\\` must escape a character"))
            }
            Some(b) if b.is_ascii_hexdigit() => {
                self.i += 1;
                let mut n = 0;
                while n < 6 && self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                    self.i += 1;
                    n += 1;
                }
                if let Some(b' ' | b'\t' | b'\n') = self.peek() {
                    self.i += 1;
                }
                Ok(())
            }
            Some(_) => {
                self.i += 2;
                // The rest of a multi-byte character.
                while self.peek().is_some_and(|b| (0x80..0xc0).contains(&b)) {
                    self.i += 1;
                }
                Ok(())
            }
        }
    }

    /// `[name]` or `[name OP value flag?]`.
    fn attribute(&mut self) -> Result<(), At> {
        self.i += 1;
        self.ws();
        if !self.ident_starts() {
            return self.err(msg!("expected an attribute name after `[`"));
        }
        self.ident()?;
        self.ws();
        match (self.peek(), self.at(1)) {
            (Some(b']'), _) => {
                self.i += 1;
                return Ok(());
            }
            (Some(b'='), _) => self.i += 1,
            (Some(b'~' | b'|' | b'^' | b'$' | b'*'), Some(b'=')) => self.i += 2,
            (Some(b'|'), _) => return self.err(msg!("namespaces are not supported")),
            _ => return self.err(msg!("expected `]` or an operator: = ~= |= ^= $= *=")),
        }
        self.ws();
        match self.peek() {
            Some(q @ (b'"' | b'\'')) => self.quoted(q)?,
            _ if self.ident_starts() => self.ident()?,
            None | Some(b']') => return self.err(msg!("the attribute value is missing")),
            Some(_) => {
                return self.err(msg!(
                    "an attribute value that is not a name needs quotes: [data-x='1']"
                ))
            }
        }
        let space = self.ws();
        if space {
            if let Some(b'i' | b'I' | b's' | b'S') = self.peek() {
                self.i += 1;
                self.ws();
            }
        }
        if self.peek() != Some(b']') {
            return self.err(msg!("expected `]`"));
        }
        self.i += 1;
        Ok(())
    }

    fn quoted(&mut self, quote: u8) -> Result<(), At> {
        let open = self.i;
        self.i += 1;
        loop {
            match self.peek() {
                Some(b) if b == quote => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => match self.at(1) {
                    Some(_) => self.i += 2,
                    None => break,
                },
                Some(b'\n' | b'\r' | b'\x0c') => {
                    return self.err(msg!("line break inside a quoted value"))
                }
                Some(_) => self.i += 1,
                None => break,
            }
        }
        Err((open, msg!("this quoted value is never closed")))
    }

    fn pseudo(&mut self) -> Result<(), At> {
        let colon = self.i;
        self.i += 1;
        if self.peek() == Some(b':') {
            return Err((
                colon,
                msg!("pseudo-elements (::before…) can't be seen or clicked: select the element itself"),
            ));
        }
        if !self.ident_starts() {
            return self.err(msg!("expected a pseudo-class name after `:`"));
        }
        let start = self.i;
        self.ident()?;
        let name = String::from_utf8_lossy(&self.s[start..self.i]).to_ascii_lowercase();
        let name = name.as_str();
        if matches!(name, "before" | "after" | "first-line" | "first-letter") {
            return Err((
                colon,
                msg!("pseudo-elements (::before…) can't be seen or clicked: select the element itself"),
            ));
        }
        let functional = matches!(
            name,
            "not"
                | "is"
                | "where"
                | "has"
                | "nth-child"
                | "nth-last-child"
                | "nth-of-type"
                | "nth-last-of-type"
                | "lang"
                | "dir"
        );
        if self.peek() != Some(b'(') {
            if functional {
                return self.err(msg!("this pseudo-class needs an argument in parentheses"));
            }
            if !PLAIN.contains(&name) {
                return Err((start, msg!("unknown pseudo-class")));
            }
            return Ok(());
        }
        if !functional {
            return Err((start, msg!("unknown pseudo-class")));
        }
        self.i += 1;
        self.ws();
        match name {
            "not" | "is" | "where" | "has" => {
                if self.depth >= MAX_NESTING {
                    return self.err(msg!("pseudo-classes nested too deeply"));
                }
                let has = name == "has";
                if has && self.in_has {
                    return Err((start, msg!("`:has()` can't be nested in `:has()`")));
                }
                let outer = self.in_has;
                self.in_has |= has;
                self.depth += 1;
                self.list(true, has)?;
                self.depth -= 1;
                self.in_has = outer;
            }
            "lang" | "dir" => {
                match self.peek() {
                    Some(q @ (b'"' | b'\'')) if name == "lang" => self.quoted(q)?,
                    _ if self.ident_starts() => self.ident()?,
                    _ => return self.err(msg!("expected a language or direction name")),
                }
                self.ws();
            }
            _ => {
                self.an_plus_b()?;
                self.ws();
                if name.ends_with("child") && self.s[self.i..].starts_with(b"of ") {
                    self.i += 3;
                    self.list(true, false)?;
                }
            }
        }
        if self.peek() != Some(b')') {
            return self.err(msg!("expected `)`"));
        }
        self.i += 1;
        Ok(())
    }

    /// `odd`, `even`, `An+B`, `An`, `B` (with optional signs and spaces
    /// around the middle sign).
    fn an_plus_b(&mut self) -> Result<(), At> {
        let rest = &self.s[self.i..];
        for word in [&b"odd"[..], b"even"] {
            if rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word) {
                self.i += word.len();
                return Ok(());
            }
        }
        if let Some(b'+' | b'-') = self.peek() {
            self.i += 1;
        }
        let digits = self.digits();
        if let Some(b'n' | b'N') = self.peek() {
            self.i += 1;
            let mark = self.i;
            self.ws();
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
                self.ws();
                if self.digits() == 0 {
                    return self.err(msg!("expected a number: An+B as in 2n+1"));
                }
            } else {
                self.i = mark;
            }
            return Ok(());
        }
        if digits == 0 {
            return self.err(msg!("expected odd, even or An+B (as in 2n+1)"));
        }
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.i += 1;
        }
        self.i - start
    }
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::json::{parse, Kind, Value};

    /// (selector, byte index of the refusal or `None`) from the case file
    /// the browser's check (`web::selector`) is tested against as well.
    fn cases() -> Vec<(String, Option<usize>)> {
        let text = include_str!("../../tests/cases/selectors.json");
        let Some(Value {
            kind: Kind::Array(items),
            ..
        }) = parse(text).0
        else {
            panic!("the case file is a list");
        };
        let field = |item: &Value, key: &str| item.get(key).map(|v| v.kind.clone());
        items
            .iter()
            .map(|item| match (field(item, "selector"), field(item, "at")) {
                (Some(Kind::String(s)), Some(Kind::Null)) => (s, None),
                (Some(Kind::String(s)), Some(Kind::Number(at))) => (s, Some(at as usize)),
                _ => panic!("each case has a selector and at (a number or null)"),
            })
            .collect()
    }

    #[test]
    fn case_file_passes() {
        let cases = cases();
        assert!(cases.len() >= 40, "only {} cases", cases.len());
        for (s, at) in cases {
            assert_eq!(
                check(&s).map_err(|(i, _)| i),
                at.map_or(Ok(()), |i| Err(Some(i))),
                "{s}"
            );
        }
    }
}
