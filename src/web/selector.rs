//! The browser's own selector parser checks the rules' `dwell` and `click`
//! selectors (natively, `rules::selector` does), so the SDK carries no
//! selector parser. Tested against `tests/cases/selectors.json`, as the
//! native check is.

use crate::rules::Refusal;
use wasm_bindgen::prelude::*;

// What `querySelector` accepts, less what the native check refuses too:
// outside quoted values and escapes, an unclosed string, bracket or
// parenthesis (the browser closes them at the end), a trailing `\`, a
// comment, a pseudo-element, a namespace, `:not :is :where :has` nested
// deeper than 8.
#[wasm_bindgen(inline_js = r#"export function selector(s) {
  try { document.createDocumentFragment().querySelector(s) } catch { return false }
  const t = s.replace(/"(\\.|[^"\\])*"|'(\\.|[^'\\])*'|\\./g, "_");
  if (/["'\\\/]|::|\|(?!=)|:(before|after|first-line|first-letter)(?![\w-])/i.test(t)) return false;
  const open = [];
  let depth = 0;
  for (const [m] of t.matchAll(/:(not|is|where|has)\(|[()[\]]/gi)) {
    if (m == ")" || m == "]") { depth -= open.pop(); continue }
    open.push(m.length > 1 ? 1 : 0);
    if ((depth += open.at(-1)) > 8) return false;
  }
  return !open.length;
}"#)]
extern "C" {
    #[wasm_bindgen(js_name = selector)]
    fn valid(s: &str) -> bool;
}

/// The [`crate::rules::SelectorCheck`] of the SDK: a refusal has no
/// index, so it points at the selector.
pub fn check(s: &str) -> Result<(), Refusal> {
    if valid(s) {
        return Ok(());
    }
    Err((
        None,
        msg!("the browser can't use it, or it names a pseudo-element or a namespace: run `jobwise check` to see where"),
    ))
}
