//! The browser's own URL parser fills the core's [`UrlParts`] (the native
//! build uses the `url` crate for the same WHATWG semantics).

use crate::arrival::UrlParts;
use crate::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function url(which, h) {
  try {
    const u = new URL([h, location.href, document.referrer][which]);
    return [u.protocol.slice(0, -1), u.hostname, u.pathname, u.search.slice(1), u.hash.slice(1)].join('\\n');
  } catch {}
  return '';
}")]
extern "C" {
    /// Scheme, host, path, query and fragment of `href` ([`GIVEN`]), the
    /// page's URL ([`PAGE`]) or its referrer ([`REFERRER`]), each line
    /// one: a parsed URL never holds a line break (the parser drops them
    /// and percent-encodes every control). Empty when it does not parse
    /// (an empty referrer included): the lines of a parsed one never are
    /// (a string, not an `Option`: no none-test in the glue). One import
    /// instead of eleven (`URL`'s constructor and getters, `location`,
    /// `href`, `referrer`), one string copy instead of five.
    #[wasm_bindgen(js_name = url)]
    fn url_js(which: u8, href: &str) -> String;
}

const GIVEN: u8 = 0;
const PAGE: u8 = 1;
const REFERRER: u8 = 2;

/// `None` for an empty or unparsable URL (as `document.referrer` is when
/// there is none).
pub fn parts(href: &str) -> Option<UrlParts> {
    read(GIVEN, href)
}

/// The page's URL (`location.href`).
pub fn page() -> Option<UrlParts> {
    read(PAGE, "")
}

/// `document.referrer`; `None` when there is none.
pub fn referrer() -> Option<UrlParts> {
    read(REFERRER, "")
}

fn read(which: u8, href: &str) -> Option<UrlParts> {
    let lines = url_js(which, href);
    if lines.is_empty() {
        return None;
    }
    let mut lines = crate::text::split(&lines, b'\n').map(String::from);
    let mut next = || lines.next().unwrap_or_default();
    Some(UrlParts {
        scheme: next(),
        host: next(),
        path: next(),
        query: next(),
        fragment: next(),
    })
}
