//! The Snowball Russian stemmer, ported by hand: it only ever removes a
//! suffix, so it works out how many bytes to keep.
//!
//! Input is a lower-cased word with `ё` already folded to `е` (as Snowball's
//! own prelude does). Letters outside а–я are simply non-vowels. Endings
//! are found by [`longest`] and regions by [`region`], shared with the
//! English stemmer.

use super::{longest, region, ru::ru};

/// Whether the letter ending at byte `i` is one of а е и о у ы э ю я (the
/// bits of a mask over а–я, `D0 B0`..=`D1 8F`), read from its last two
/// bytes; `None` inside a letter.
fn vowel_at(w: &[u8], i: usize) -> Option<bool> {
    if w.get(i + 1).is_some_and(|&c| (c as i8) < -0x40) {
        return None;
    }
    let (lead, b) = (*w.get(i.wrapping_sub(1)).unwrap_or(&0), *w.get(i)?);
    let c = u32::from(lead & 1) << 6 | u32::from(b & 0x3f);
    Some(
        lead & 0xfe == 0xd0
            && c.checked_sub(0x30)
                .is_some_and(|c| c < 32 && 0xe808_4121_u32 >> c & 1 == 1),
    )
}

// Suffix lists, space-separated: one string each in the wasm.
const PERFECTIVE_GERUND_1: &str = ru!("в вши вшись");
const PERFECTIVE_GERUND_2: &str = ru!("ив ивши ившись ыв ывши ывшись");
const ADJECTIVE: &str =
    ru!("ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею");
const PARTICIPLE_1: &str = ru!("ем нн вш ющ щ");
const PARTICIPLE_2: &str = ru!("ивш ывш ующ");
const REFLEXIVE: &str = ru!("ся сь");
const VERB_1: &str = ru!("ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно");
const VERB_2: &str = ru!(concat!(
    "ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ",
    "ены ить ыть ишь ую ю",
));
const NOUN: &str = ru!(concat!(
    "а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ",
    "ы ь ию ью ю ия ья я",
));
const DERIVATIONAL: &str = ru!("ост ость");
const SUPERLATIVE: &str = ru!("ейш ейше");

/// The start of the longest ending of `list` that `w[lim..end]` ends with,
/// `end` itself for none (no list has an empty ending): no `Option`.
/// Endings are whole letters, so a byte match starts on a letter.
fn plain(w: &[u8], end: usize, lim: usize, list: &str) -> usize {
    end - w.get(lim..end).map_or(0, |w| longest(w, list).0)
}

/// The end of `w[..end]` once the longest ending of one of two groups is
/// cut (`end` itself for none), the first group's only after а/я (kept).
/// No ending is in both groups: the longer match wins. Ends are passed and
/// returned as numbers (a `&mut` end lived in the caller's frame).
fn grouped(w: &[u8], end: usize, lim: usize, g1: &str, g2: &str) -> usize {
    let (first, second) = (plain(w, end, lim, g1), plain(w, end, lim, g2));
    match first < second {
        // A longer ending of the first group, after а/я or not at all.
        true if plain(w, first, lim, ru!("а я")) < first => first,
        true => end,
        false => second,
    }
}

/// How many leading bytes of `w` the Snowball Russian stemmer keeps.
pub fn stem_len(w: &str) -> usize {
    let n = w.len();
    let w = w.as_bytes();
    // RV starts after the first vowel; R2 is the region of the region.
    let mut lim = n;
    for i in 0..n {
        if vowel_at(w, i) == Some(true) {
            lim = i + 1;
            break;
        }
    }
    let p2 = region(w, region(w, 0, vowel_at), vowel_at);
    // Step 1: a perfective gerund, or else a reflexive ending goes, then
    // an adjectival one (an adjective, and a participle before it), a
    // verb's or a noun's.
    let mut end = grouped(w, n, lim, PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2);
    if end == n {
        end = plain(w, end, lim, REFLEXIVE);
        let adjective = plain(w, end, lim, ADJECTIVE);
        end = if adjective < end {
            grouped(w, adjective, lim, PARTICIPLE_1, PARTICIPLE_2)
        } else {
            match grouped(w, end, lim, VERB_1, VERB_2) {
                verb if verb < end => verb,
                _ => plain(w, end, lim, NOUN),
            }
        };
    }
    // Step 2.
    end = plain(w, end, lim, ru!("и"));
    // Step 3: derivational, wholly inside R2.
    let derivational = plain(w, end, lim, DERIVATIONAL);
    if derivational >= p2 {
        end = derivational;
    }
    // Step 4: a superlative goes, then "нн" loses one "н"; without a
    // superlative, a final "ь" goes.
    let superlative = plain(w, end, lim, SUPERLATIVE);
    let cut = superlative < end;
    end = superlative;
    if plain(w, end, lim, ru!("нн")) < end {
        end -= "н".len();
    } else if !cut {
        end = plain(w, end, lim, ru!("ь"));
    }
    end
}
