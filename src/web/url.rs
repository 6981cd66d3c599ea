//! The browser's own URL parser fills the core's [`UrlParts`] (the native
//! build uses the `url` crate for the same WHATWG semantics).

use crate::arrival::UrlParts;
use crate::prelude::*;
use alloc::boxed::Box;

// [`super::dom::page`]'s operations: a URL is read in one import, one
// line each of its scheme, host, path, query and fragment (a parsed URL
// never holds a line break: the parser drops them and percent-encodes
// every control).
const GIVEN: u8 = 0;
const PAGE: u8 = 1;
const REFERRER: u8 = 2;

/// `None` for an empty or unparsable URL (as `document.referrer` is when
/// there is none).
pub fn parts(href: &str) -> Option<UrlParts> {
    read(GIVEN, href).map(|u| *u)
}

/// The page's URL (`location.href`). Boxed, as is the referrer: a `None`
/// is then a null pointer, passed on as it is (an `Option<UrlParts>` is
/// told by its first `String`'s niche, a 5-byte constant at each test).
pub fn page() -> Option<Box<UrlParts>> {
    read(PAGE, "")
}

/// `document.referrer`; `None` when there is none.
pub fn referrer() -> Option<Box<UrlParts>> {
    read(REFERRER, "")
}

fn read(which: u8, href: &str) -> Option<Box<UrlParts>> {
    let lines = super::dom::page(which, href);
    if lines.is_empty() {
        return None;
    }
    let mut lines = crate::text::split(&lines, b'\n').map(String::from);
    let mut next = || lines.next().unwrap_or_default();
    Some(Box::new(UrlParts {
        scheme: next(),
        host: next(),
        path: next(),
        query: next(),
        fragment: next(),
    }))
}
