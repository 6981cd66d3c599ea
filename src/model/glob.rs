//! `*` globs compiled once: lower-cased literal pieces, matched against
//! text the caller has already lower-cased (so a decision lower-cases each
//! visitor value once, not once per rule).

use crate::prelude::*;

/// A compiled glob. `*` matches any run of characters, everything else is
/// literal; matching is case-insensitive because both sides are lower-case.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    /// The glob as the marketer wrote it, for reasons.
    pub(crate) source: Box<str>,
    /// Lower-cased; its pieces between the `*`s are read in place (bytes:
    /// `*` is ASCII, so every piece is whole UTF-8).
    lower: Box<str>,
}

/// The literal pieces of a lower-cased glob, between its `*`s.
fn pieces(lower: &str) -> impl Iterator<Item = &[u8]> {
    lower.as_bytes().split(|&b| b == b'*')
}

impl Pattern {
    pub(crate) fn new(glob: &str) -> Pattern {
        Pattern {
            source: glob.into(),
            lower: crate::text::case::lower_str(glob).into(),
        }
    }

    /// The literal text every match starts with (before the first `*`).
    pub(crate) fn prefix(&self) -> &[u8] {
        pieces(&self.lower).next().unwrap_or_default()
    }

    /// The longest literal piece (the first of equals).
    pub(crate) fn longest(&self) -> &[u8] {
        let mut best: &[u8] = &[];
        for p in pieces(&self.lower) {
            if p.len() > best.len() {
                best = p;
            }
        }
        best
    }

    /// Whether lower-cased `text` matches.
    pub(crate) fn matches(&self, text: &str) -> bool {
        let Some((head, last)) = crate::text::rsplit_once(&self.lower, b'*') else {
            return text == &*self.lower;
        };
        let (text, last) = (text.as_bytes(), last.as_bytes());
        let mut middle = pieces(head);
        let first = middle.next().unwrap_or_default();
        if text.len() < first.len() + last.len()
            || !text.starts_with(first)
            || !text.ends_with(last)
        {
            return false;
        }
        let mut rest = text
            .get(first.len()..text.len() - last.len())
            .unwrap_or_default();
        for piece in middle {
            match crate::text::find(rest, piece) {
                Some(i) => rest = rest.get(i + piece.len()..).unwrap_or_default(),
                None => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    fn m(glob: &str, text: &str) -> bool {
        Pattern::new(glob).matches(&crate::text::case::lower_str(text))
    }

    #[test]
    fn literal_globs_match_whole_text() {
        assert!(m("/lofts", "/lofts"));
        assert!(!m("/lofts", "/lofts/a"));
        assert!(m("Social", "social"));
    }

    #[test]
    fn stars_match_any_run() {
        assert!(m("/lofts/*", "/lofts/a"));
        assert!(m("/lofts/*", "/lofts/"));
        assert!(!m("/lofts/*", "/loft"));
        assert!(m("*loft*", "LOFT_spring"));
        assert!(m("*loft*", "spring_loft"));
        assert!(m("*.pinterest.*", "www.pinterest.com"));
        assert!(!m("*.pinterest.*", "pinterest.com"));
        assert!(m("a*b*c", "abc"));
        assert!(m("a*b*c", "axxbyyc"));
        assert!(!m("a*b*c", "acb"));
        assert!(!m("ab*ba", "aba"));
        assert!(m("*", ""));
        assert!(m("*фото*", "ФОТОстудия"));
    }
}
