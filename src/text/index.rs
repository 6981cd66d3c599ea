//! Phrase matching: the marketer's phrases compiled once, the visitor's
//! tokens looked up by stem.
//!
//! How a phrase matches:
//! * Its content words, stemmed, in order. Stop words are ignored on both
//!   sides ("квартира для фотографа" = "квартира фотографа"), so "рядом с
//!   метро" matches "рядом метро" and "рядом со станцией метро" does not
//!   (that needs a skipped word: see next).
//! * Adjacent, except that at most one extra content word of the visitor's
//!   may sit inside ("сдавать квартиру в аренду" matches "сдавать в
//!   аренду"; "семейный и детский фотограф" matches "семейный фотограф").
//!   Reversed order does not match ("потолки высокие").
//! * Negation cues in the phrase are part of it: "двор без машин" needs a cue
//!   ("без", "нет", "не"… any cue matches any cue) between "двор" and
//!   "машин", and is not negated by its own cue. Cues in the visitor's
//!   words are skipped like stop words otherwise, and negate what follows.
//! * Two neighbouring words may match one written together, both ways:
//!   "фотостудия" ↔ "фото студия" ↔ "фото-студия", "wi-fi" ↔ "wifi", "rtx
//!   4060" ↔ "rtx4060", "lightweight" ↔ "light weight". Glued forms match
//!   exactly only. (So "фото студия" also hits a phrase "студия", as
//!   "семейный фотограф" hits "фотограф".)
//! * Typos per [`fuzzy`]; a derived Russian adjective matches its noun
//!   ("игровой" ↔ "игры", "детский" ↔ "дети": stems in -ов/-ск). Both mark
//!   the hit `fuzzy`, and exact matches are preferred; a visitor's word that
//!   is itself one of the phrases' stems is never read as a typo.
//! * Overlapping phrases all hit ("фотограф" and "семейный фотограф" in
//!   "семейный фотограф"): the rules' weights settle it.
//!
//! Hits come ordered by start, then id, one per (start, id): the best
//! (exact, then shortest).
//!
//! Lookup cost grows with the visitor's words: a hash map from stem to
//! phrases that start with it, and a deletion-neighbourhood map for typos;
//! matching one phrase from one start takes at most [`WALK_BUDGET`] steps.

use super::fuzzy;
use super::ids::Ids;
use super::{analyze, glued_stem, Hit, Token};
use crate::prelude::*;
use crate::text::stop::Kind;

/// The element of a phrase that stands for any negation cue.
const CUE: u32 = u32::MAX;
/// No stem: what [`TermIndex::stem_id`] gives for one not in the index
/// (the same number as `CUE`, which is no stem either).
const NO_STEM: u32 = u32::MAX;
/// Spellings kept per phrase (split/glued words).
const MAX_VARIANTS: usize = 8;
/// Steps one phrase may take to match from one start.
const WALK_BUDGET: usize = 256;

/// Compiled phrases: stem sequences → ids. Lookup cost grows with the
/// visitor's words, not with the number of phrases.
#[derive(Default)]
pub struct TermIndex {
    /// Stem id → its letters, and whether its typo neighbourhood is in
    /// `deletes`.
    stems: Vec<(Vec<char>, bool)>,
    /// Hash of a stem → stem ids (equal letters checked), and hash of a
    /// root ("игр") → stems derived from it ("игров"): one table, the
    /// letters tell them apart.
    stem_ids: Ids,
    /// Hash of a stem with up to 2 letters deleted → stem ids.
    deletes: Ids,
    phrases: Vec<Phrase>,
    /// First element → phrases.
    by_first: Ids,
    added: usize,
}

struct Phrase {
    elems: Vec<u32>,
    id: u32,
}

/// A visitor's word (or two glued) standing for a phrase stem.
#[derive(Clone, Copy)]
struct Cand {
    /// The visitor's token.
    at: usize,
    stem: u32,
    span: u8,
    fuzzy: bool,
}

/// The best way found to match the rest of a phrase, in one number (one
/// `<` of the high halves orders two ways, see [`better`]): its rank in
/// the high half, less is better: the fuzzy matches times [`FUZZY`], plus
/// [`GAPPED`] when a word was skipped, plus the token where the match ends
/// (one number ordered as those three in turn: tokens are at most
/// [`super::tokenize::MAX_WORDS`]); and in the low half the visitor's cue
/// matched by the phrase's own first cue, [`NO_CUE`] for none. [`NO_WALK`]
/// for no match.
#[derive(Clone, Copy, PartialEq)]
struct Walk(u64);

impl Walk {
    fn new(rank: usize, cue_at: u32) -> Walk {
        Walk((rank as u64) << 32 | u64::from(cue_at))
    }

    fn rank(self) -> usize {
        (self.0 >> 32) as usize
    }

    fn cue_at(self) -> u32 {
        self.0 as u32
    }
}

/// No token (a [`Walk`]'s cue).
const NO_CUE: u32 = u32::MAX;
/// No match: ranked after every match.
const NO_WALK: Walk = Walk(u64::MAX);

/// A [`Walk`] rank's unit of skipped words.
const GAPPED: usize = 1 << 15;
/// A [`Walk`] rank's unit of fuzzy matches.
const FUZZY: usize = 1 << 16;

fn better(a: Walk, b: Walk) -> Walk {
    if b.rank() < a.rank() {
        b
    } else {
        a
    }
}

/// The root of a Russian adjective stem in -ов/-ск ("игров" → "игр").
fn root(stem: &[char]) -> Option<&[char]> {
    match stem {
        [cut @ .., 'о', 'в'] | [cut @ .., 'с', 'к'] if cut.len() >= 3 => Some(cut),
        _ => None,
    }
}

/// The stem a phrase token stands for: empty for a stop word or a cue.
fn stem_text(t: &Token) -> &str {
    if t.stop {
        ""
    } else {
        &t.stem
    }
}

/// Whether phrase token `k` is a content word (a plain fn: a closure over
/// the tokens was called through memory).
fn content(tokens: &[Token], k: usize) -> bool {
    !stem_text(&tokens[k]).is_empty()
}

/// Whether phrase token `k` is a content word glued to a content word
/// before it by a hyphen.
fn hyphened(tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    !t.stop && t.hyphen && k > 0 && !tokens[k - 1].stop
}

/// The visitor's tokens, and the phrase stems each may stand for, by
/// token (one list, not one per token).
struct Seen<'a> {
    tokens: &'a [Token],
    cands: Vec<Cand>,
}

impl TermIndex {
    /// Adds a phrase under `id`. Returns false when nothing of it can match
    /// (empty, or only stop words and cues).
    pub fn add(&mut self, phrase: &str, id: u32) -> bool {
        let tokens = analyze(phrase);
        if !(0..tokens.len()).any(|k| content(&tokens, k)) {
            return false;
        }
        // The phrase as written, then with hyphenated runs glued whole (the
        // same as written when there are none: `variant` keeps it once), then
        // with each pair of neighbouring words glued.
        // Its variants are the phrases from `first` on.
        let first = self.phrases.len();
        // (No token but the first is glued to what stands before it.)
        self.variant(&tokens, Some(0), id, first);
        self.variant(&tokens, None, id, first);
        for i in 1..tokens.len() {
            if !hyphened(&tokens, i) && content(&tokens, i) && content(&tokens, i - 1) {
                self.variant(&tokens, Some(i), id, first);
            }
        }
        self.added += 1;
        true
    }

    /// Adds as a phrase under `id` (unless the variants of it, the phrases
    /// from `first` on, are `MAX_VARIANTS` or it is one) the stem ids of
    /// the phrase's `tokens`, each content word glued to the content word
    /// before it when it is token `glue`, or with no `glue` when it is
    /// [`hyphened`]; a cue stands as `CUE`, other stop words for nothing
    /// (and glue nothing across them). Single stems take typos, glued ones
    /// don't. (The same phrase added twice under one id would only find the
    /// same hits twice, which `insert` merges.)
    fn variant(&mut self, tokens: &[Token], glue: Option<usize>, id: u32, first: usize) {
        let join = |k| glue.map_or_else(|| hyphened(tokens, k), |g| k == g);
        if self.phrases.len() >= first + MAX_VARIANTS {
            return;
        }
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(first) = tokens.get(i) {
            let mut end = i + 1;
            if first.stop && !first.cue {
                i = end;
                continue;
            }
            let stem = stem_text(first);
            if !stem.is_empty() {
                while tokens
                    .get(end)
                    .is_some_and(|t| join(end) && !stem_text(t).is_empty())
                {
                    end += 1;
                }
            }
            let glued;
            let (stem, typos) = if end > i + 1 {
                glued = glued_stem(tokens.get(i..end).unwrap_or_default());
                (glued.as_str(), false)
            } else {
                (stem, true)
            };
            out.push(if stem.is_empty() {
                CUE
            } else {
                self.intern(stem, typos)
            });
            i = end;
        }
        for p in self.phrases.get(first..).unwrap_or_default() {
            if p.elems == out {
                return;
            }
        }
        let n = self.phrases.len() as u32;
        self.by_first.insert(u64::from(out[0]), n);
        self.phrases.push(Phrase { elems: out, id });
    }

    /// Phrases added (each `add` that returned true).
    pub fn len(&self) -> usize {
        self.added
    }

    /// Whether no phrase was added.
    pub fn is_empty(&self) -> bool {
        self.added == 0
    }

    /// The id of a stem, added if new, with its root and, when `typos`, its
    /// typo neighbourhood (glued words match exactly only).
    fn intern(&mut self, stem: &str, typos: bool) -> u32 {
        let chars = fuzzy::letters(stem);
        let id = match self.stem_id(&chars) {
            NO_STEM => {
                let id = self.stems.len() as u32;
                if let Some(r) = root(&chars) {
                    self.stem_ids.insert(fuzzy::hash(r), id);
                }
                self.stem_ids.insert(fuzzy::hash(&chars), id);
                self.stems.push((chars, false));
                id
            }
            id => id,
        };
        let (chars, with_typos) = &mut self.stems[id as usize];
        let k = fuzzy::max_edits(chars.len());
        if typos && !*with_typos && k > 0 && fuzzy::eligible(chars) {
            *with_typos = true;
            for &h in &fuzzy::deletions(chars, k) {
                self.deletes.insert(h, id);
            }
        }
        id
    }

    /// The id of a stem already in the index, [`NO_STEM`] if it is not
    /// (an `Option<u32>` measured 114 B more raw wasm on the multi-value
    /// ABI, its brotli within noise).
    fn stem_id(&self, stem: &[char]) -> u32 {
        for i in self.stem_ids.get(fuzzy::hash(stem)) {
            if *self.stems[i as usize].0 == *stem {
                return i;
            }
        }
        NO_STEM
    }

    /// Pushes to `out` the phrase stems a visitor's token may stand for:
    /// none for a stop word; for a cue, the phrases' `CUE` (`walk` never
    /// looks it up among the candidates: it checks the kind).
    // Out of line, as `negated`: less wasm than inlined into `find`
    // (measured).
    #[inline(never)]
    fn candidates(&self, tokens: &[Token], i: usize, out: &mut Vec<Cand>) {
        match tokens[i].kind() {
            Kind::Content => {}
            Kind::Cue => return push(out, i, CUE, 1, false),
            Kind::Stop => return,
        }
        let stem = fuzzy::letters(&tokens[i].stem);
        // The stem itself, and the stems derived from it ("игровой" for
        // "игры"), filed under its hash.
        let mut exact = None;
        for s in self.stem_ids.get(fuzzy::hash(&stem)) {
            let letters = &self.stems[s as usize].0;
            if *letters == *stem {
                exact = Some(s);
                push(out, i, s, 1, false);
            } else if root(letters) == Some(&stem[..]) {
                push(out, i, s, 1, true);
            }
        }
        // The other way round: "игры" for "игровой".
        if let Some(r) = root(&stem) {
            let s = self.stem_id(r);
            if s != NO_STEM {
                push(out, i, s, 1, true);
            }
        }
        if exact.is_none() && fuzzy::eligible(&stem) {
            let k = if stem.len() >= 7 { 2 } else { 1 };
            for &h in &fuzzy::deletions(&stem, k) {
                for s in self.deletes.get(h) {
                    if fuzzy::is_typo(&self.stems[s as usize].0, &stem) {
                        push(out, i, s, 1, true);
                    }
                }
            }
        }
        if let Some(next) = tokens.get(i + 1) {
            if !next.stop {
                let g = glued_stem(tokens.get(i..i + 2).unwrap_or_default());
                let g = fuzzy::letters(&g);
                let s = self.stem_id(&g);
                if s != NO_STEM {
                    push(out, i, s, 2, false);
                }
            }
        }
    }

    /// Every phrase found in `tokens`.
    pub fn find(&self, tokens: &[Token]) -> Vec<Hit> {
        let mut seen = Seen {
            tokens,
            cands: Vec::new(),
        };
        for i in 0..tokens.len() {
            self.candidates(tokens, i, &mut seen.cands);
        }
        let mut hits: Vec<Hit> = Vec::new();
        // By token: hits come by start.
        for &first in &seen.cands {
            let i = first.at;
            for p in self.by_first.get(u64::from(first.stem)) {
                let phrase = &self.phrases[p as usize];
                let mut budget = WALK_BUDGET;
                let w = self.walk(
                    &seen,
                    &phrase.elems,
                    1,
                    i + usize::from(first.span),
                    true,
                    &mut budget,
                );
                if w == NO_WALK {
                    continue;
                }
                let cue_at = if first.stem == CUE {
                    i as u32
                } else {
                    w.cue_at()
                };
                let end = w.rank() % GAPPED;
                insert(
                    &mut hits,
                    Hit {
                        id: phrase.id,
                        start: i,
                        end,
                        fuzzy: first.fuzzy || w.rank() >= FUZZY,
                        negated: Self::negated(tokens, i, end, cue_at),
                    },
                );
            }
        }
        hits
    }

    /// Whether the visitor negated a hit from `start` to `hit_end` (the
    /// phrase's own cue at `cue_at`, if any): one of its content words is
    /// negated, not by the phrase's own cue. Words before that cue count
    /// only when a cue stands outside the hit ("не хочу двор без машин",
    /// "двор без машин не нужен"; not "машин нет" for the phrase "машин
    /// нет").
    // Out of line: less wasm than inlined into `find` (measured).
    #[inline(never)]
    fn negated(tokens: &[Token], start: usize, hit_end: usize, cue_at: u32) -> bool {
        // One walk: a cue outside the hit, a negated word (negation marks
        // content words only) from `start` to the phrase's own cue or the end.
        let end = if cue_at == NO_CUE {
            hit_end
        } else {
            cue_at as usize
        };
        let (mut outside, mut negated) = (cue_at == NO_CUE, false);
        for (k, t) in tokens.iter().enumerate() {
            outside |= (k < start || k >= hit_end) && t.cue;
            negated |= k >= start && k < end && t.negated;
        }
        outside && negated
    }

    /// Matches `elems[e..]` from token `pos` on, with one skipped content
    /// word allowed while `gap`; gives up ([`NO_WALK`]) when `budget` calls
    /// are spent, which bounds the work on any input.
    fn walk(
        &self,
        seen: &Seen,
        elems: &[u32],
        e: usize,
        pos: usize,
        gap: bool,
        budget: &mut usize,
    ) -> Walk {
        if *budget == 0 {
            return NO_WALK;
        }
        *budget -= 1;
        let Some(&want) = elems.get(e) else {
            return Walk::new(pos, NO_CUE);
        };
        let mut j = pos;
        let kind = loop {
            let Some(t) = seen.tokens.get(j) else {
                return NO_WALK;
            };
            let kind = t.kind();
            if kind == Kind::Content || (kind == Kind::Cue && want == CUE) {
                break kind;
            }
            j += 1;
        };
        // A cue's one candidate is `CUE` (see `find`), which no content
        // word's is: one loop for both kinds of element.
        let mut best = NO_WALK;
        for c in &seen.cands {
            if c.at != j || c.stem != want {
                continue;
            }
            let mut w = self.walk(seen, elems, e + 1, j + usize::from(c.span), gap, budget);
            if w != NO_WALK {
                let cue_at = if want == CUE { j as u32 } else { w.cue_at() };
                w = Walk::new(w.rank() + usize::from(c.fuzzy) * FUZZY, cue_at);
            }
            best = better(best, w);
        }
        if gap && kind == Kind::Content {
            let mut w = self.walk(seen, elems, e, j + 1, false, budget);
            if w != NO_WALK {
                w = Walk::new(w.rank() | GAPPED, w.cue_at());
            }
            best = better(best, w);
        }
        best
    }
}

/// Adds a candidate to `out` unless there (its fields as numbers: a
/// closure over `out` and the token was called through memory).
fn push(out: &mut Vec<Cand>, at: usize, stem: u32, span: u8, fuzzy: bool) {
    if !out
        .iter()
        .any(|c| c.at == at && c.stem == stem && c.span == span)
    {
        out.push(Cand {
            at,
            stem,
            span,
            fuzzy,
        });
    }
}

/// Keeps `hits` ordered by start and id with one hit per (start, id): the
/// best, exact before fuzzy, then the shortest. (No sort: smaller wasm.)
fn insert(hits: &mut Vec<Hit>, hit: Hit) {
    let key = |h: &Hit| (h.start, h.id);
    let rank = |h: &Hit| (h.fuzzy, h.end, h.negated);
    // From the end: hits come by start, so a new one goes at or near it.
    let mut at = hits.len();
    while at > 0 && key(&hits[at - 1]) > key(&hit) {
        at -= 1;
    }
    match at.checked_sub(1).filter(|&p| key(&hits[p]) == key(&hit)) {
        Some(p) => {
            if rank(&hit) < rank(&hits[p]) {
                hits[p] = hit;
            }
        }
        // Pushed and swapped down: `Vec::insert`'s shift costs more wasm.
        None => {
            let mut i = hits.len();
            hits.push(hit);
            while i > at {
                hits.swap(i - 1, i);
                i -= 1;
            }
        }
    }
}
