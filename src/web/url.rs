//! The browser's own URL parser fills the core's [`UrlParts`] (the native
//! build uses the `url` crate for the same WHATWG semantics).

use crate::arrival::UrlParts;
use crate::prelude::*;

/// `None` for an empty or unparsable URL (as `document.referrer` is when
/// there is none).
pub fn parts(href: &str) -> Option<UrlParts> {
    if href.is_empty() {
        return None;
    }
    let u = web_sys::Url::new(href).ok()?;
    let strip = |s: String, c: char| s.strip_prefix(c).map(Into::into).unwrap_or(s);
    let mut scheme = u.protocol();
    scheme.pop();
    Some(UrlParts {
        scheme,
        host: u.hostname(),
        path: u.pathname(),
        query: strip(u.search(), '?'),
        fragment: strip(u.hash(), '#'),
    })
}
