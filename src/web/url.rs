//! The browser's own URL parser fills the core's [`UrlParts`] (the native
//! build uses the `url` crate for the same WHATWG semantics).

use crate::arrival::UrlParts;
use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function url(h, rel) {
  try {
    const u = new URL(h, rel ? document.baseURI : undefined);
    return [u.protocol.slice(0, -1), u.hostname, u.pathname, u.search.slice(1), u.hash.slice(1)].join('\\n');
  } catch {}
}")]
extern "C" {
    /// Scheme, host, path, query and fragment of `href` (relative to the
    /// document's base URL when `relative`), each line one: a parsed URL never holds a line break (the
    /// parser drops them and percent-encodes every control). None when it
    /// does not parse. One import instead of eight (`URL`'s constructors
    /// and getters, `baseURI`), one string copy instead of five.
    #[wasm_bindgen(js_name = url)]
    fn url_js(href: &str, relative: bool) -> Option<String>;
}

/// `None` for an empty or unparsable URL (as `document.referrer` is when
/// there is none).
pub fn parts(href: &str) -> Option<UrlParts> {
    if href.is_empty() {
        return None;
    }
    resolve(href, false)
}

/// `href` (resolved against the document's base URL when `relative`);
/// `None` when it does not parse.
pub fn resolve(href: &str, relative: bool) -> Option<UrlParts> {
    let lines = url_js(href, relative)?;
    let mut lines = lines.split('\n').map(String::from);
    let mut next = || lines.next().unwrap_or_default();
    Some(UrlParts {
        scheme: next(),
        host: next(),
        path: next(),
        query: next(),
        fragment: next(),
    })
}
