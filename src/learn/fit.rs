//! Counting evidence per job and turning counts into weights.
//!
//! Features are binary per row (a rules signal fires once per visitor):
//! a stem, a phrase of two or three adjacent stems, or a token of
//! `utm_campaign`. For job `j` and feature `f`, with `c` the rows that
//! have `f` and `R` the rows, in `j` and in the other jobs:
//!
//! ```text
//! δ = ln((c_j + α) / (R_j + 2α)) − ln((c_o + α) / (R_o + 2α))
//! z = δ / √(1/(c_j + α) + 1/(c_o + α))
//! ```
//!
//! `δ` (smoothed log-odds of seeing `f` in a row of `j` against the other
//! rows) is the weight, rounded to 0.5 and capped at ±[`MAX_WEIGHT`]; `z`
//! (its informative-Dirichlet-style z-score: effect over uncertainty)
//! ranks and filters, so that a word seen three times can't outrank one
//! seen three hundred times. Per job at most [`WORDS_FOR`] words for and
//! [`WORDS_AGAINST`] against it, [`CAMPAIGNS`] campaign globs (tokens of
//! one campaign name, seen in exactly the same rows of every job, are one
//! signal: `["*start*", "*prodazh*"]` fires once, it is one piece of
//! evidence) and
//! [`PHRASES`] phrases. A phrase is kept only when it says more than its
//! words: its weight is the residual `δ_phrase − Σ weights of its words
//! (and shorter phrases) already chosen`, kept when at least 1 in size and
//! of the sign of `δ_phrase` ("семейный фотограф" against photo-studio
//! although "фотограф" is for it). A term (or glob) for several jobs stays
//! only with the job it argues for most.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use crate::text::Fx;

/// Laplace smoothing, in rows.
const ALPHA: f64 = 1.0;
/// Least |z| of a chosen feature (≈ 95 % two-sided).
const Z_MIN: f64 = 1.96;
pub const MAX_WEIGHT: f64 = 6.0;
pub const WORDS_FOR: usize = 20;
pub const WORDS_AGAINST: usize = 5;
pub const PHRASES: usize = 5;
pub const CAMPAIGNS: usize = 8;
/// Least |residual| of a phrase over its words.
const PHRASE_GAIN: f64 = 1.0;

/// What a feature is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A phrase of 1–3 stems.
    Terms(u8),
    /// A token of `utm_campaign`, matched as the glob `*token*`.
    Campaign,
}

/// The keys are the user's own export, and SipHash costs a third of the
/// counting time: the maps hash with Fx, the typo matcher's hash.
impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// No word / no stem in a slot of a phrase.
const NONE: u32 = u32::MAX;

/// Features by id, and the words they were seen as.
///
/// Words (as written) and stems are interned once; a phrase is the tuple
/// of its stems' feature ids, and its surface form the tuple of its words'
/// ids, so counting a phrase hashes 12 bytes and builds no string.
#[derive(Default)]
pub struct Vocab {
    /// Word as written → (word id, its stem's feature id).
    words: FxMap<Rc<str>, (u32, u32)>,
    word_text: Vec<Rc<str>>,
    stems: FxMap<Rc<str>, u32>,
    phrases: FxMap<[u32; 3], u32>,
    /// Campaign tokens live apart from stems ("foto" may be both).
    campaigns: FxMap<Rc<str>, u32>,
    kinds: Vec<Kind>,
    /// Stem or campaign token of a single-key feature; the stems' feature
    /// ids of a phrase.
    names: Vec<Option<Rc<str>>>,
    parts: Vec<[u32; 3]>,
    /// Misra–Gries summary of the surface forms (word-id tuples): the
    /// most frequent one wins.
    surfaces: Vec<[([u32; 3], u32); SURFACE_SLOTS]>,
    /// Occurrences not counted because the vocabulary was full.
    pub dropped: u64,
}

/// Most features the vocabulary holds (the memory bound: about 100 bytes
/// each, plus 4 bytes a job in each count table).
pub const MAX_FEATURES: usize = 1 << 20;
const SURFACE_SLOTS: usize = 3;

impl Vocab {
    fn new_feature(&mut self, kind: Kind, name: Option<Rc<str>>, parts: [u32; 3]) -> Option<u32> {
        if self.kinds.len() >= MAX_FEATURES {
            self.dropped += 1;
            return None;
        }
        self.kinds.push(kind);
        self.names.push(name);
        self.parts.push(parts);
        self.surfaces.push([([NONE; 3], 0); SURFACE_SLOTS]);
        Some(self.kinds.len() as u32 - 1)
    }

    /// The (word id, stem feature id) of a token.
    pub fn word(&mut self, word: &str, stem: &str) -> Option<(u32, u32)> {
        if let Some(w) = self.words.get(word) {
            return Some(*w);
        }
        let stem_id = match self.stems.get(stem) {
            Some(id) => *id,
            None => {
                let name: Rc<str> = Rc::from(stem);
                let id = self.new_feature(Kind::Terms(1), Some(name.clone()), [NONE; 3])?;
                self.parts[id as usize] = [id, NONE, NONE];
                self.stems.insert(name, id);
                id
            }
        };
        let text: Rc<str> = Rc::from(word);
        let ids = (self.word_text.len() as u32, stem_id);
        self.word_text.push(text.clone());
        self.words.insert(text, ids);
        Some(ids)
    }

    /// The feature of a phrase of 1–3 tokens given as (word id, stem
    /// feature id), counting its surface form.
    pub fn phrase(&mut self, tokens: &[(u32, u32)]) -> Option<u32> {
        let mut stems = [NONE; 3];
        let mut words = [NONE; 3];
        for (i, (w, s)) in tokens.iter().take(3).enumerate() {
            words[i] = *w;
            stems[i] = *s;
        }
        let id = if tokens.len() == 1 {
            stems[0]
        } else if let Some(id) = self.phrases.get(&stems) {
            *id
        } else {
            let id = self.new_feature(Kind::Terms(tokens.len() as u8), None, stems)?;
            self.phrases.insert(stems, id);
            id
        };
        let slots = &mut self.surfaces[id as usize];
        if let Some(slot) = slots.iter_mut().find(|(s, n)| *n > 0 && *s == words) {
            slot.1 += 1;
        } else if let Some(slot) = slots.iter_mut().find(|(_, n)| *n == 0) {
            *slot = (words, 1);
        } else {
            for slot in slots.iter_mut() {
                slot.1 -= 1;
            }
        }
        Some(id)
    }

    /// The feature of a campaign token.
    pub fn campaign(&mut self, token: &str) -> Option<u32> {
        if let Some(id) = self.campaigns.get(token) {
            return Some(*id);
        }
        let name: Rc<str> = Rc::from(token);
        let id = self.new_feature(Kind::Campaign, Some(name.clone()), [NONE; 3])?;
        self.campaigns.insert(name, id);
        Some(id)
    }

    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn kind(&self, id: u32) -> Kind {
        self.kinds[id as usize]
    }

    /// A campaign token, or the stems of a phrase joined by spaces.
    pub fn key(&self, id: u32) -> String {
        match &self.names[id as usize] {
            Some(name) => name.to_string(),
            None => self.join(&self.parts[id as usize], |p| {
                self.names[p as usize].as_deref().unwrap_or("")
            }),
        }
    }

    /// The surface form seen most often (the key when none was counted).
    pub fn surface(&self, id: u32) -> String {
        let best = self.surfaces[id as usize]
            .iter()
            .filter(|(_, n)| *n > 0)
            .max_by_key(|(_, n)| *n);
        match best {
            Some((words, _)) => self.join(words, |w| &self.word_text[w as usize]),
            None => self.key(id),
        }
    }

    fn join<'a>(&'a self, ids: &[u32; 3], text: impl Fn(u32) -> &'a str) -> String {
        let mut out = String::new();
        for &id in ids.iter().filter(|id| **id != NONE) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(text(id));
        }
        out
    }

    /// The shorter phrases inside a phrase: its words, and for three words
    /// its two pairs (when they were counted).
    fn sub_features(&self, id: u32) -> Vec<u32> {
        let p = self.parts[id as usize];
        match self.kinds[id as usize] {
            Kind::Terms(2) => vec![p[0], p[1]],
            Kind::Terms(3) => {
                let mut out = vec![p[0], p[1], p[2]];
                out.extend(self.phrases.get(&[p[0], p[1], NONE]));
                out.extend(self.phrases.get(&[p[1], p[2], NONE]));
                out
            }
            _ => Vec::new(),
        }
    }
}

/// Rows with each feature, per job: `[job][feature]`.
#[derive(Clone, Default)]
pub struct Table {
    pub counts: Vec<Vec<u32>>,
    pub rows: Vec<u64>,
}

impl Table {
    pub fn add_row(&mut self, job: usize, features: &[u32]) {
        if self.counts.len() <= job {
            self.counts.resize(job + 1, Vec::new());
            self.rows.resize(job + 1, 0);
        }
        self.rows[job] += 1;
        let counts = &mut self.counts[job];
        for &f in features {
            let f = f as usize;
            if counts.len() <= f {
                counts.resize((f + 1).max(counts.len() * 2).max(1024), 0);
            }
            counts[f] += 1;
        }
    }

    pub fn clear(&mut self) {
        for c in &mut self.counts {
            c.fill(0);
        }
        self.rows.fill(0);
    }

    pub fn count(&self, job: usize, f: usize) -> u32 {
        self.counts
            .get(job)
            .and_then(|c| c.get(f))
            .copied()
            .unwrap_or(0)
    }

    pub fn job_rows(&self, job: usize) -> u64 {
        self.rows.get(job).copied().unwrap_or(0)
    }
}

/// One chosen feature of a job.
#[derive(Clone, Debug)]
pub struct Chosen {
    pub feature: u32,
    /// Campaign tokens matched by the same signal (glob `*t*` each).
    pub also: Vec<u32>,
    /// The rules weight (rounded to 0.5).
    pub weight: f64,
    /// Rows of the job / of the other jobs with the feature.
    pub in_job: u32,
    pub in_other: u32,
}

/// The fitted model: per job, its chosen features in rules order.
pub struct Fit {
    pub jobs: Vec<Vec<Chosen>>,
}

/// Options of a fit.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// Least rows a feature must be seen in (in the job for a weight for
    /// it, in the other jobs for one against it).
    pub min_support: u32,
}

struct Cand {
    f: u32,
    delta: f64,
    z: f64,
    cj: u32,
    co: u32,
}

/// Fits weights on `all` minus `held` (the held-back fold, if any).
/// `usable(f)` says whether a feature may be emitted at all.
pub fn fit(
    vocab: &Vocab,
    all: &Table,
    held: Option<&Table>,
    jobs: usize,
    p: Params,
    usable: &dyn Fn(u32) -> bool,
) -> Fit {
    let count = |j: usize, f: usize| all.count(j, f) - held.map_or(0, |h| h.count(j, f));
    let rows: Vec<f64> = (0..jobs)
        .map(|j| (all.job_rows(j) - held.map_or(0, |h| h.job_rows(j))) as f64)
        .collect();
    let total_rows: f64 = rows.iter().sum();
    let mut totals = vec![0u32; vocab.len()];
    for (f, t) in totals.iter_mut().enumerate() {
        *t = (0..jobs).map(|j| count(j, f)).sum();
    }
    let min = p.min_support.max(1);
    let mut out = Vec::with_capacity(jobs);
    for (j, &rj) in rows.iter().enumerate() {
        let ro = total_rows - rj;
        let mut by_kind: [Vec<Cand>; 4] = Default::default();
        for (f, &n) in totals.iter().enumerate() {
            if n < min {
                continue;
            }
            let cj = count(j, f);
            let co = n - cj;
            let (a, b) = (f64::from(cj) + ALPHA, f64::from(co) + ALPHA);
            let delta = (a / (rj + 2.0 * ALPHA)).ln() - (b / (ro + 2.0 * ALPHA)).ln();
            let z = delta / (1.0 / a + 1.0 / b).sqrt();
            let supported = if delta > 0.0 { cj >= min } else { co >= min };
            if z.abs() < Z_MIN || !supported || !usable(f as u32) {
                continue;
            }
            let slot = match vocab.kind(f as u32) {
                Kind::Campaign => 0,
                Kind::Terms(n) => usize::from(n.min(3)),
            };
            by_kind[slot].push(Cand {
                f: f as u32,
                delta,
                z,
                cj,
                co,
            });
        }
        let [campaigns, words, pairs, triples] = by_kind;
        let mut chosen: Vec<Chosen> = Vec::new();
        let mut weight_of: HashMap<u32, f64> = HashMap::new();
        let take =
            |c: &Cand, weight: f64, chosen: &mut Vec<Chosen>, weight_of: &mut HashMap<u32, f64>| {
                if weight != 0.0 {
                    weight_of.insert(c.f, weight);
                    chosen.push(Chosen {
                        feature: c.f,
                        also: Vec::new(),
                        weight,
                        in_job: c.cj,
                        in_other: c.co,
                    });
                }
            };
        let (mut pos, mut neg): (Vec<Cand>, Vec<Cand>) = words.into_iter().partition(|c| c.z > 0.0);
        top(&mut pos, WORDS_FOR);
        top(&mut neg, WORDS_AGAINST);
        for c in pos.iter().chain(&neg) {
            take(c, readable(c.delta), &mut chosen, &mut weight_of);
        }
        let mut campaigns = campaigns;
        top(&mut campaigns, CAMPAIGNS);
        let first = chosen.len();
        let profile = |f: u32| -> Vec<u32> { (0..jobs).map(|j| count(j, f as usize)).collect() };
        let mut profiles: Vec<Vec<u32>> = Vec::new();
        for c in &campaigns {
            let p = profile(c.f);
            match profiles.iter().position(|q| *q == p) {
                Some(k) => chosen[first + k].also.push(c.f),
                None => {
                    let before = chosen.len();
                    take(c, readable(c.delta), &mut chosen, &mut weight_of);
                    if chosen.len() > before {
                        profiles.push(p);
                    }
                }
            }
        }
        for mut phrases in [pairs, triples] {
            let mut kept: Vec<(f64, Cand)> = phrases
                .drain(..)
                .filter_map(|c| {
                    let parts: f64 = vocab
                        .sub_features(c.f)
                        .iter()
                        .filter_map(|id| weight_of.get(id))
                        .sum();
                    let gain = readable(c.delta - parts);
                    // Only when it pushes the way the phrase itself does:
                    // a phrase reads "for" or "against" the job, never both.
                    (gain.abs() >= PHRASE_GAIN && gain.signum() == c.delta.signum())
                        .then_some((gain, c))
                })
                .collect();
            kept.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()).then(a.1.f.cmp(&b.1.f)));
            kept.truncate(PHRASES);
            for (gain, c) in &kept {
                take(c, *gain, &mut chosen, &mut weight_of);
            }
        }
        // Rules order: strongest for the job first, those against it last.
        chosen.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(b.in_job.cmp(&a.in_job)));
        out.push(chosen);
    }
    // A term for two jobs makes `jobwise check` warn, and says little:
    // only the job it argues for most keeps it (ties: the first job).
    let mut best: HashMap<u32, (usize, f64)> = HashMap::new();
    for (j, list) in out.iter().enumerate() {
        for c in list.iter().filter(|c| c.weight > 0.0) {
            let e = best.entry(c.feature).or_insert((j, c.weight));
            if c.weight > e.1 {
                *e = (j, c.weight);
            }
        }
    }
    for (j, list) in out.iter_mut().enumerate() {
        list.retain(|c| c.weight < 0.0 || best.get(&c.feature).is_none_or(|b| b.0 == j));
    }
    Fit { jobs: out }
}

/// Keeps the `n` candidates of largest |z| (ties: the first feature).
fn top(c: &mut Vec<Cand>, n: usize) {
    c.sort_by(|a, b| b.z.abs().total_cmp(&a.z.abs()).then(a.f.cmp(&b.f)));
    c.truncate(n);
}

/// A weight a marketer reads: rounded to 0.5, at most ±MAX_WEIGHT.
fn readable(w: f64) -> f64 {
    ((w * 2.0).round() / 2.0).clamp(-MAX_WEIGHT, MAX_WEIGHT)
}

/// Scores rows with a fit, the way the compiled rules would: each chosen
/// feature fires once; a campaign glob `*t*` fires when a campaign token
/// of the row contains `t`.
pub struct Scorer {
    /// Signal (its first feature) → weights per job.
    weights: HashMap<u32, Vec<(u16, f64)>>,
    /// Campaign token → the chosen campaign signals whose globs it matches.
    globs: HashMap<u32, Vec<u32>>,
}

impl Scorer {
    pub fn new(vocab: &Vocab, fit: &Fit) -> Scorer {
        let mut weights: HashMap<u32, Vec<(u16, f64)>> = HashMap::new();
        // (glob token, signal)
        let mut chosen_globs = Vec::new();
        for (j, list) in fit.jobs.iter().enumerate() {
            for c in list {
                weights
                    .entry(c.feature)
                    .or_default()
                    .push((j as u16, c.weight));
                if vocab.kind(c.feature) == Kind::Campaign {
                    for g in std::iter::once(&c.feature).chain(&c.also) {
                        chosen_globs.push((vocab.key(*g), c.feature));
                    }
                }
            }
        }
        let mut globs: HashMap<u32, Vec<u32>> = HashMap::new();
        if !chosen_globs.is_empty() {
            for f in 0..vocab.len() as u32 {
                if vocab.kind(f) == Kind::Campaign {
                    let token = vocab.key(f);
                    let mut hits: Vec<u32> = chosen_globs
                        .iter()
                        .filter(|(g, _)| token.contains(g.as_str()))
                        .map(|(_, signal)| *signal)
                        .collect();
                    hits.sort_unstable();
                    hits.dedup();
                    if !hits.is_empty() {
                        globs.insert(f, hits);
                    }
                }
            }
        }
        Scorer { weights, globs }
    }

    /// Adds the row's scores into `scores` (zeroed first).
    pub fn score(&self, features: &[u32], scores: &mut [f64], fired: &mut Vec<u32>) {
        scores.fill(0.0);
        fired.clear();
        for f in features {
            match self.globs.get(f) {
                Some(signals) => fired.extend_from_slice(signals),
                None => fired.push(*f),
            }
        }
        fired.sort_unstable();
        fired.dedup();
        for f in fired.iter() {
            for &(j, w) in self.weights.get(f).map_or(&[][..], |v| v) {
                scores[usize::from(j)] += w;
            }
        }
    }
}

/// The job the scores point at (first of the best, in job order), its
/// score and its lead over the runner-up (0 when it is the only job).
pub fn top_lead(scores: &[f64]) -> Option<(usize, f64, f64)> {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    let top = *scores.get(best)?;
    let second = scores
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, s)| *s)
        .fold(f64::NEG_INFINITY, f64::max);
    let second = if second.is_finite() { second } else { 0.0 };
    Some((best, top, top - second))
}
