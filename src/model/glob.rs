//! Matching a rules [`Glob`]: its lower-cased literal pieces against text
//! the caller has already lower-cased (so a decision lower-cases each
//! visitor value once, not once per rule). `*` matches any run of
//! characters, everything else is literal.

use crate::rules::Glob;

/// The literal pieces of a lower-cased glob, between its `*`s (split by
/// [`crate::text::split`], as bytes: a slice `split` with a closure is an
/// instance of its own).
fn pieces(lower: &str) -> impl Iterator<Item = &[u8]> {
    crate::text::split(lower, b'*').map(str::as_bytes)
}

impl Glob {
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
            // Past the end when `piece` is not found (see `text::find`).
            match rest.get(crate::text::find(rest, piece) + piece.len()..) {
                Some(after) => rest = after,
                None => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Glob;

    fn m(glob: &str, text: &str) -> bool {
        Glob::new(glob).matches(&crate::text::case::lower_str(text))
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
