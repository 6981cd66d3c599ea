//! The Snowball Russian stemmer, ported by hand: it only ever removes a
//! suffix, so it works out how many letters to keep.
//!
//! Input is a lower-cased word with `ё` already folded to `е` (as Snowball's
//! own prelude does). Letters outside а–я are simply non-vowels.

/// The `a`/`я` that must precede the first group of some endings.
fn is_a_ya(c: char) -> bool {
    c == 'а' || c == 'я'
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я')
}

// Suffix lists, space-separated: one string each in the wasm.
const PERFECTIVE_GERUND_1: &str = "в вши вшись";
const PERFECTIVE_GERUND_2: &str = "ив ивши ившись ыв ывши ывшись";
const ADJECTIVE: &str =
    "ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею";
const PARTICIPLE_1: &str = "ем нн вш ющ щ";
const PARTICIPLE_2: &str = "ивш ывш ующ";
const REFLEXIVE: &str = "ся сь";
const VERB_1: &str = "ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно";
const VERB_2: &str = concat!(
    "ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ",
    "ены ить ыть ишь ую ю",
);
const NOUN: &str = concat!(
    "а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ",
    "ы ь ию ью ю ия ья я",
);
const DERIVATIONAL: &str = "ост ость";
const SUPERLATIVE: &str = "ейш ейше";

/// Length in letters of `suffix` when `w[..end]` ends with it inside
/// `w[lim..]`.
fn ends(w: &[char], end: usize, lim: usize, suffix: &str) -> Option<usize> {
    let mut i = end;
    for c in suffix.chars().rev() {
        if i <= lim || w[i - 1] != c {
            return None;
        }
        i -= 1;
    }
    Some(end - i)
}

/// Snowball's `among`: the longest ending of any list; `Some((len, list))`.
/// Each list is read once, backwards, as endings compare from the word's
/// end: `str::split(' ')` calls `memchr` for every entry, and this runs for
/// every word of the rules at boot.
fn longest(w: &[char], end: usize, lim: usize, lists: &[&str]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (k, list) in lists.iter().enumerate() {
        // Letters of the current entry matched so far, or None.
        let mut n = Some(0);
        for c in list.chars().rev().chain([' ']) {
            if c == ' ' {
                if let Some(n) = n.filter(|&n| best.is_none_or(|(m, _)| n > m)) {
                    best = Some((n, k));
                }
                n = Some(0);
            } else {
                n = n.filter(|&n| end - n > lim && w.get(end - n - 1) == Some(&c));
                n = n.map(|n| n + 1);
            }
        }
    }
    best
}

/// Endings in two groups, the first needing a preceding а/я (kept).
fn grouped(w: &[char], end: usize, lim: usize, g1: &str, g2: &str) -> Option<usize> {
    let (n, k) = longest(w, end, lim, &[g1, g2])?;
    let start = end - n;
    if k == 0 && !(start > lim && is_a_ya(w[start - 1])) {
        return None;
    }
    Some(start)
}

fn plain(w: &[char], end: usize, lim: usize, list: &str) -> Option<usize> {
    longest(w, end, lim, &[list]).map(|(n, _)| end - n)
}

fn adjectival(w: &[char], end: usize, lim: usize) -> Option<usize> {
    let end = plain(w, end, lim, ADJECTIVE)?;
    Some(grouped(w, end, lim, PARTICIPLE_1, PARTICIPLE_2).unwrap_or(end))
}

/// How many leading letters of `w` the Snowball Russian stemmer keeps.
pub fn stem_len(w: &[char]) -> usize {
    let n = w.len();
    // RV (pv) after the first vowel; R2 (p2) the usual way.
    let mut pv = n;
    let mut p2 = n;
    let after = |from: usize, vowel: bool| {
        w[from.min(n)..]
            .iter()
            .position(|&c| is_vowel(c) == vowel)
            .map(|i| from + i + 1)
    };
    if let Some(v) = after(0, true) {
        pv = v;
        if let Some(p) = after(v, false)
            .and_then(|r1| after(r1, true))
            .and_then(|x| after(x, false))
        {
            p2 = p;
        }
    }
    let lim = pv;
    let mut end = n;

    // Step 1.
    if let Some(e) = grouped(w, end, lim, PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2) {
        end = e;
    } else {
        if let Some(e) = plain(w, end, lim, REFLEXIVE) {
            end = e;
        }
        if let Some(e) = adjectival(w, end, lim)
            .or_else(|| grouped(w, end, lim, VERB_1, VERB_2))
            .or_else(|| plain(w, end, lim, NOUN))
        {
            end = e;
        }
    }
    // Step 2.
    if let Some(e) = plain(w, end, lim, "и") {
        end = e;
    }
    // Step 3: derivational, wholly inside R2.
    if let Some(e) = plain(w, end, lim, DERIVATIONAL) {
        if e >= p2 {
            end = e;
        }
    }
    // Step 4: tidy up.
    match longest(w, end, lim, &[SUPERLATIVE, "н", "ь"]) {
        Some((k, 0)) => {
            end -= k;
            if ends(w, end, lim, "нн").is_some() {
                end -= 1;
            }
        }
        Some((_, 1)) if ends(w, end, lim, "нн").is_some() => end -= 1,
        Some((_, 1)) | None => {}
        Some(_) => end -= 1,
    }
    end
}
