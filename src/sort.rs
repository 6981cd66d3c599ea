//! The one sort of the crate. `slice::sort*` instantiates a quicksort or
//! driftsort of 1.5–3.5 KB of wasm per element type and comparator; this
//! heapsort is a few hundred bytes per instance, and the SDK's wasm has
//! one (`u64` by `Ord`), so it compares without a `dyn` call (one body
//! behind `dyn` for every type cost more bytes, and time in decisions).
//! O(n log n) in the worst case, no allocation, not stable: callers that
//! need an order among equal keys compare a tie-breaker too.

use core::cmp::Ordering;

/// Sorts `v` ascending by `cmp`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    // Heapsort: `v` made a heap from `root` down.
    let mut sift = |v: &mut [T], mut root: usize| loop {
        let mut child = 2 * root + 1;
        let Some(c) = v.get(child) else {
            return;
        };
        if v.get(child + 1)
            .is_some_and(|d| cmp(c, d) == Ordering::Less)
        {
            child += 1;
        }
        if v.get(root)
            .zip(v.get(child))
            .is_none_or(|(r, c)| cmp(r, c) != Ordering::Less)
        {
            return;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift(v, start);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(&mut v[..end], 0);
    }
}

/// Sorts `v` ascending.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 7u64;
        for n in 0..200 {
            let mut v: Vec<u32> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 40) as u32 % 50
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            sort(&mut v);
            assert_eq!(v, want);
        }
    }
}
