//! Negation scopes: which content words a cue ("не", "без", "no", "n't"…)
//! governs.
//!
//! * Forward: a cue negates the next [`FORWARD`] content words ("не для
//!   фотостудии", "not for gaming"; stop words in between don't count).
//! * Backward: a postposed cue negates up to [`BACKWARD`] content words
//!   before it: a cue followed by a word of need with nothing after it in
//!   the clause ("игровой ноутбук не нужен", "gaming isn't needed"), or a
//!   clause-final "нет" ("парковки нет").
//! * A scope ends at sentence punctuation, at a contrast conjunction ("а",
//!   "но", "but", "however"…), and, forward, at the next cue (backward it
//!   runs over one: "двор без машин не нужен"). It carries over "и",
//!   "или", "and", "or" only when a content word follows ("без машин и
//!   шума", but not "без ремонта и с ...").
//! * "не только", "не лишь", "not only", "not just" negate nothing.
//! * A cue glued by a hyphen ("non-gaming") governs that word only.
//!
//! Only content words are marked; cues and stop words never are.

use super::stop::{is_contrast, is_coordinating, is_need, is_only, Kind};
use super::Token;

/// Content words a cue negates after it.
pub const FORWARD: usize = 3;
/// Content words a postposed cue negates before it.
pub const BACKWARD: usize = 2;

/// Whether a content word follows `i` in its clause.
fn content_follows(cells: &[Token], i: usize) -> bool {
    for c in &cells[i + 1..] {
        if c.clause_break || is_contrast(&c.key) || c.kind() == Kind::Cue {
            return false;
        }
        if c.kind() == Kind::Content {
            return true;
        }
    }
    false
}

/// Marks the tokens of the content words governed by a negation cue.
pub fn mark(cells: &mut [Token]) {
    let n = cells.len();
    for i in 0..n {
        if cells[i].kind() != Kind::Cue {
            continue;
        }
        let next = cells.get(i + 1).filter(|c| !c.clause_break);
        if next.is_some_and(|c| is_only(&c.key)) {
            continue;
        }
        let postposed = match next {
            Some(c) if is_need(&c.key) => !content_follows(cells, i + 1),
            None => cells[i].key == "нет",
            Some(_) => cells[i].key == "нет" && !content_follows(cells, i),
        };
        // A hyphenated cue governs its own word only ("non-gaming laptop").
        let forward = if next.is_some_and(|c| c.hyphen) {
            1
        } else {
            FORWARD
        };
        if postposed {
            let mut left = BACKWARD;
            let mut k = i;
            while k > 0 && left > 0 && !cells[k].clause_break {
                k -= 1;
                match cells[k].kind() {
                    Kind::Stop if is_contrast(&cells[k].key) => break,
                    Kind::Stop | Kind::Cue => {}
                    Kind::Content => {
                        cells[k].negated = true;
                        left -= 1;
                    }
                }
            }
        }
        let mut left = forward;
        let mut k = i + 1;
        while k < n && left > 0 && !cells[k].clause_break {
            match cells[k].kind() {
                Kind::Cue => break,
                Kind::Stop if is_contrast(&cells[k].key) => break,
                Kind::Stop if is_coordinating(&cells[k].key) => {
                    let more = cells
                        .get(k + 1)
                        .is_some_and(|c| !c.clause_break && c.kind() == Kind::Content);
                    if !more {
                        break;
                    }
                }
                Kind::Stop => {}
                Kind::Content => {
                    cells[k].negated = true;
                    left -= 1;
                }
            }
            k += 1;
        }
    }
}
