//! Typo tolerance: a small Fx hasher, deletion neighbourhoods (SymSpell) and
//! a bounded Damerau (optimal string alignment) distance.
//!
//! Limits, all on stems: one edit when the marketer's stem has ≥ 5 letters,
//! two from 9; the visitor's stem needs ≥ 4 letters (a deletion). Both must
//! start with the same letter, and below 7 letters end with the same letter
//! too: Russian and English stems differ meaningfully at their ends
//! ("съемн" a rented flat vs "съемк" a photo shoot, "снима" vs "снимк") and
//! at their starts ("power"/"tower", "light"/"night"). Words with digits
//! never match fuzzily ("i5"/"i7", "rtx4060"/"rtx4070"); stems longer than
//! [`MAX_LEN`] letters neither, to bound the neighbourhoods.

use crate::prelude::*;

/// Longest stem that takes part in typo matching.
pub const MAX_LEN: usize = 24;

/// The Fx hash (rustc's): one multiply per word, no random state, tiny code.
/// Also `jobwise learn`'s `HashMap` hasher (`learn::fit`).
#[derive(Default, Clone, Copy)]
pub struct Fx(pub(crate) u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    pub(crate) fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(K);
    }
}

/// Edits allowed for a marketer's stem of `len` letters.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The letters of a stem, pushed one by one: `collect` links core's
/// `Vec<char>` from `Chars` (307 B of wasm).
pub fn letters(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in s.chars() {
        out.push(c);
    }
    out
}

/// Whether a stem may take part in typo matching at all.
pub fn eligible(stem: &[char]) -> bool {
    (4..=MAX_LEN).contains(&stem.len()) && !stem.iter().any(|&c| super::case::is_numeric(c))
}

/// The hash of `w` without the letters at `a` and `b` (positions, or
/// `usize::MAX`): two numbers, where an array of them went through memory.
fn hash_without(w: &[char], a: usize, b: usize) -> u64 {
    let mut h = Fx::default();
    let mut len = 0;
    for (i, &c) in w.iter().enumerate() {
        if i != a && i != b {
            h.add(u64::from(c));
            len += 1;
        }
    }
    h.add(len);
    h.0
}

/// The hash of a stem.
pub fn hash(w: &[char]) -> u64 {
    hash_without(w, usize::MAX, usize::MAX)
}

/// The hashes of `w` and of every string made by deleting up to `k` (1 or
/// 2) of its letters: a list, not a callback (no `dyn` closure and shim for
/// each of the index's two callers).
pub fn deletions(w: &[char], k: usize) -> Vec<u64> {
    let none = usize::MAX;
    let mut out = Vec::new();
    out.push(hash(w));
    for i in 0..w.len() {
        out.push(hash_without(w, i, none));
        if k >= 2 {
            for j in i + 1..w.len() {
                out.push(hash_without(w, i, j));
            }
        }
    }
    out
}

/// Whether the optimal-string-alignment distance of `a` and `b` is ≤ `k`.
fn within(a: &[char], b: &[char], k: usize) -> bool {
    if a.len().abs_diff(b.len()) > k || a.len() > MAX_LEN || b.len() > MAX_LEN {
        return false;
    }
    // Three rows of the DP table: i-2, i-1, i. Bytes: a distance is at
    // most `MAX_LEN`, and the frame stays small (75 B, not 300); read as
    // `usize` (sums of bytes are masked at each step).
    let mut rows = [[0u8; MAX_LEN + 1]; 3];
    // Row 0 (in `rows[0]`, as `i % 3` has it): `j` insertions.
    for (j, x) in rows[0].iter_mut().enumerate() {
        *x = j as u8;
    }
    let at = |rows: &[[u8; MAX_LEN + 1]; 3], r: usize, j: usize| usize::from(rows[r][j]);
    for i in 1..a.len() + 1 {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i as u8;
        let mut best = i;
        for j in 1..b.len() + 1 {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (at(&rows, prev, j) + 1)
                .min(at(&rows, cur, j - 1) + 1)
                .min(at(&rows, prev, j - 1) + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(at(&rows, prev2, j - 2) + 1);
            }
            rows[cur][j] = d as u8;
            best = best.min(d);
        }
        if best > k {
            return false;
        }
    }
    at(&rows, a.len() % 3, b.len()) <= k
}

/// Whether the visitor's stem `seen` is a typo of the marketer's `stem`
/// under the limits of this module. The index ensures the rest: both are
/// [`eligible`], `stem` takes typos (`max_edits` > 0), and they differ.
// Out of line: `within`'s rows then stay out of the index's frame (more
// raw wasm, less brotli: measured).
#[inline(never)]
pub fn is_typo(stem: &[char], seen: &[char]) -> bool {
    let k = max_edits(stem.len());
    stem.first() == seen.first()
        && (stem.len().min(seen.len()) >= 7 || stem.last() == seen.last())
        && within(stem, seen, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distance() {
        let d = |a: &str, b: &str, k| within(&c(a), &c(b), k);
        assert!(d("потолк", "патолк", 1));
        assert!(d("video", "vidoe", 1));
        assert!(d("batteri", "bateri", 1));
        assert!(d("lightweight", "ligthwieght", 2));
        assert!(!d("lightweight", "ligthwieghtt", 2));
        assert!(!d("abcdef", "badcfe", 2));
        assert!(d("", "ab", 2));
        assert!(!d("", "abc", 2));
        // A repeated first letter is no free skip: the distance is 4.
        assert!(!d("abcdefghi", "aaabcdefg", 2));
        assert!(!is_typo(&c("abcdefghi"), &c("aaabcdefg")));
    }

    /// The optimal string alignment distance by its full matrix.
    fn osa(a: &[char], b: &[char]) -> usize {
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, x) in d[0].iter_mut().enumerate() {
            *x = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn within_is_the_distance() {
        // Every word of up to five letters of `abc`, against each other.
        let mut words = vec![Vec::new()];
        let mut last = words.clone();
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|w: &Vec<char>| "abc".chars().map(move |x| [w.as_slice(), &[x]].concat()))
                .collect();
            words.extend(last.iter().cloned());
        }
        for a in &words {
            for b in &words {
                let d = osa(a, b);
                for k in 0..3 {
                    assert_eq!(within(a, b, k), d <= k, "{a:?} {b:?} {k}");
                }
            }
        }
    }

    #[test]
    fn typos() {
        let t = |a: &str, b: &str| is_typo(&c(a), &c(b));
        assert!(t("фотостуд", "фтостуд"));
        assert!(t("video", "vido"));
        assert!(!t("съемк", "съемн"));
        assert!(!t("снима", "снимк"));
        assert!(!t("power", "tower"));
        assert!(!t("студ", "стул"));
        // Stems with digits never take part (the index checks `eligible`
        // before `is_typo`): "rtx4060" is no typo of "rtx4070".
        assert!(!eligible(&c("rtx4060")) && !eligible(&c("rtx4070")));
    }

    #[test]
    fn neighbourhoods_meet() {
        let hashes = |s: &str, k| deletions(&c(s), k);
        let a = hashes("lightweight", 2);
        let b = hashes("ligthweigt", 2);
        assert!(a.iter().any(|h| b.contains(h)));
    }
}
