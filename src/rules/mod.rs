//! The marketers' rules (SPEC §5): plain types, parsed from JSON with
//! positions, validated as a whole, then compiled for cheap decisions.
//!
//! [`check`] reads a rules document and reports every problem at once,
//! errors and warnings, in the order of the text, each with its JSON path
//! and `line:column`; [`parse`] is the same for code that only needs the
//! [`Rules`] or the errors.
//!
//! # Paths
//!
//! `jobs.photo-studio.signals[2].weight`: keys joined with `.`, list items
//! as `[i]`, `$` for the document itself. A key with characters other than
//! ASCII letters, digits, `_`, `-` and `@` is written `["like this"]`
//! (`content["hero title"]`).
//!
//! # Signals
//!
//! A signal has a `weight`, an optional `language` and exactly one *kind*
//! key (`terms`, `param`, `source`, `referrer`, `page`, `dwell`, `click`,
//! `scroll`, `search`, `event`, `device`, `hours`, `weekdays`, `visits`,
//! `daysSinceLastVisit`). `param` needs `match` and `dwell` needs `seconds`
//! (their companions, allowed nowhere else). Two kinds combine, and then
//! both must hold: `scroll` with `page` (scrolled that far *on* that page:
//! the conditions are `[Scroll, Page]`) and `hours` with `weekdays`. No
//! other combination is accepted: SPEC §5 says "exactly one kind key" and
//! names these two; a marketer who writes `terms` and `search` together
//! most likely means "either", which two signals express; and a later
//! version can allow more combinations without breaking any file, while
//! the reverse would.
//!
//! # Limits
//!
//! See the `MAX_*` constants: each is refused with its own message.
//!
//! # Warnings
//!
//! They don't make the rules invalid: a weight of 0, a term with no words
//! or only stop words, a Russian term under `language` en, an empty slot or
//! variant, `holdout` 100; and,
//! once the document has no errors, jobs that can never be chosen (no
//! signals, no positive weight, or positive weights that can't reach the
//! threshold) and a term with a positive weight in two jobs.

/// Records an error through `$v` (a `validate::Validator`) at byte `$at`,
/// on the path of what is there. The message (a `String` or `&str`
/// expression) is built only with the `diagnostics` feature: without it
/// the call site builds no `String` at all and passes a zero-sized
/// `Message`, that is nothing.
macro_rules! error {
    ($v:expr, $at:expr, $message:expr) => {{
        #[allow(clippy::useless_conversion)] // a `String` with diagnostics
        let message: crate::Message = msg!(crate::Message::from($message));
        $v.error($at, message)
    }};
}

/// A warning, as [`error!`]; warnings exist only with diagnostics.
macro_rules! warning {
    ($v:expr, $at:expr, $message:expr) => {{
        #[allow(clippy::useless_conversion)] // a `String` with diagnostics
        let message: crate::Message = msg!(crate::Message::from($message));
        $v.warn($at, $at, message)
    }};
}

#[cfg(feature = "diagnostics")]
mod content;
#[cfg(feature = "diagnostics")]
mod selector;
mod types;
mod validate;
mod values;
#[cfg(feature = "diagnostics")]
mod warn;

use crate::prelude::*;
pub use types::*;

/// One problem found in a rules file: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// JSON path such as `jobs.photo-studio.signals[2].weight` (`$` for the root).
    pub path: String,
    /// 1-based line and column (in characters) of the offending value or key.
    pub line: u32,
    pub column: u32,
    pub message: crate::Message,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// The largest rules text, in bytes (1 MiB).
pub const MAX_BYTES: usize = 1 << 20;
/// The most jobs, and the most stages.
pub const MAX_JOBS: usize = 200;
/// The most signals of one job or stage.
pub const MAX_SIGNALS: usize = 200;
/// The most items in one `terms`, `search` or `match` list.
pub const MAX_LIST: usize = 100;
/// The most `terms` and `search` phrases in the whole document.
pub const MAX_TERMS: usize = 20_000;
/// The longest term, in characters.
pub const MAX_TERM_CHARS: usize = 100;
/// The most slots in `content`.
pub const MAX_SLOTS: usize = 100;
/// The longest `text`, `title`, `aria-label` or `alt`, in characters.
pub const MAX_TEXT_CHARS: usize = 500;

/// The problem with a rules text of `bytes` bytes, if it is too large.
pub fn too_large(bytes: u64) -> Option<Problem> {
    if bytes <= MAX_BYTES as u64 {
        return None;
    }
    let message = msg!({
        let mut message = String::from("rules are ");
        crate::json::digits(&mut message, bytes);
        message.push_str(" bytes; the limit is ");
        crate::json::digits(&mut message, MAX_BYTES as u64);
        message.push_str(" (1 MiB)");
        message
    });
    Some(Problem {
        severity: Severity::Error,
        path: "$".into(),
        line: 1,
        column: 1,
        // A `NoMessage` without diagnostics.
        #[allow(clippy::useless_conversion)]
        message: message.into(),
    })
}

/// Why a CSS selector is refused: the byte index of the mistake (when the
/// checker knows it) and a message.
pub type Refusal = (Option<usize>, &'static str);

/// Checks a `dwell` or `click` selector: [`parse`] and [`check`] use our
/// own parser, which points at the mistake; the SDK passes the browser's
/// (`web::selector`) to [`parse_bounded`], so its wasm carries no selector
/// parser.
pub type SelectorCheck = fn(&str) -> Result<(), Refusal>;

/// Reads and validates a rules document: the rules when it has no errors,
/// and every problem found (errors and warnings), in the order of the text.
#[cfg(feature = "diagnostics")]
pub fn check(text: &str) -> (Option<Rules>, Vec<Problem>) {
    if let Some(p) = too_large(text.len() as u64) {
        return (None, vec![p]);
    }
    check_with(text, selector::check)
}

/// The problems [`check_with`] found: every one, in the order of the text
/// (with diagnostics), or the first error's offset and path and how many
/// errors there are (without: the validator keeps no list of them).
#[cfg(feature = "diagnostics")]
type Found = Vec<Problem>;
#[cfg(not(feature = "diagnostics"))]
type Found = ((usize, String), usize);

/// Reads and validates a text whose size the caller has checked: the rules
/// when it has no errors, and the problems found.
/// Refused rules are dropped, except in the SDK (without diagnostics),
/// which leaves them allocated: it gives up on them (js/sdk.js stops), and
/// with the runtime's rules, which it leaves allocated too
/// (`web::runtime`), the rules' drop glue stays out of its wasm.
fn check_with(text: &str, selectors: SelectorCheck) -> (Option<Rules>, Found) {
    let (kept, mut json_errors) = crate::json::parse(text);
    // `json::Keep` derefs to the value without diagnostics.
    let root = kept.as_ref().map(|r| -> &crate::json::Value { r });
    // The validator writes each problem's path from the document.
    let mut v = validate::Validator::new(text, root, selectors);
    // By reference: no `IntoIter` of errors to drop (and, kept like the
    // tree, no list to drop without diagnostics).
    for e in json_errors.iter_mut() {
        let message = core::mem::take(&mut e.message);
        v.record(Severity::Error, e.at, core::mem::take(&mut e.path), message);
    }
    let rules = root.map(|root| {
        #[allow(unused_mut)] // `content` is set with diagnostics only
        let mut rules = v.rules(root);
        #[cfg(feature = "diagnostics")]
        if v.errors == 0 {
            rules.content = content::read(root.get("content"));
            warn::across(&mut v, &rules);
        }
        rules
    });
    let rules = match rules {
        Some(rules) if v.errors == 0 => Some(rules),
        _refused => {
            #[cfg(not(feature = "diagnostics"))]
            core::mem::forget(_refused);
            None
        }
    };
    #[cfg(feature = "diagnostics")]
    let found = v.problems();
    #[cfg(not(feature = "diagnostics"))]
    let found = v.first();
    (rules, found)
}

/// Parses and validates a rules document. On failure, every error found
/// (never just the first). Warnings are not reported here: see `check`.
#[cfg(feature = "diagnostics")]
pub fn parse(text: &str) -> Result<Rules, Vec<Problem>> {
    parse_with(text, selector::check)
}

/// [`parse`], with `selectors` checking the CSS selectors.
#[cfg(feature = "diagnostics")]
pub fn parse_with(text: &str, selectors: SelectorCheck) -> Result<Rules, Vec<Problem>> {
    if let Some(p) = too_large(text.len() as u64) {
        return Err(vec![p]);
    }
    match check_with(text, selectors) {
        (Some(rules), _) => Ok(rules),
        (None, mut problems) => {
            problems.retain(|p| p.severity == Severity::Error);
            Err(problems)
        }
    }
}

/// Parses and validates a rules document for a caller that refuses texts
/// over [`MAX_BYTES`] itself (the SDK, with its own message), so the wasm
/// carries no second size check: a larger text is read like any other.
/// On failure, only what the SDK's warning says: the first error in the
/// order of the text (refused rules always have one: no `Option` to test),
/// and how many errors there are (without diagnostics the validator keeps
/// no list of them).
pub fn parse_bounded(text: &str, selectors: SelectorCheck) -> Result<Rules, (Problem, usize)> {
    match check_with(text, selectors) {
        // Without diagnostics, no first error to drop (there is none).
        (Some(rules), found) => {
            crate::json::discard(found);
            Ok(rules)
        }
        #[cfg(feature = "diagnostics")]
        (None, mut problems) => {
            problems.retain(|p| p.severity == Severity::Error);
            let errors = problems.len();
            Err((problems.swap_remove(0), errors))
        }
        #[cfg(not(feature = "diagnostics"))]
        (None, ((at, path), errors)) => {
            let (line, column) = crate::json::line_column(text, at);
            let first = Problem {
                severity: Severity::Error,
                path,
                line,
                column,
                message: Default::default(),
            };
            Err((first, errors))
        }
    }
}
