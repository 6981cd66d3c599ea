//! The one sort of the crate. `slice::sort*` instantiates a quicksort or
//! driftsort of 1.5–3.5 KB of wasm per element type and comparator; this
//! heapsort has one body (behind `dyn`) and a few bytes of glue per call
//! site. O(n log n) in the worst case, no allocation, not stable: callers
//! that need an order among equal keys compare a tie-breaker too.

use core::cmp::Ordering;

/// Sorts `v` ascending by `cmp`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    heap(v.len(), &mut |a, b, swap| {
        // `heap` passes indices below `v.len()`: the checks spare core's
        // bounds-check panic (and its formatting) in every instance.
        if swap {
            if a < v.len() && b < v.len() {
                v.swap(a, b);
            }
            false
        } else {
            v.get(a)
                .zip(v.get(b))
                .is_some_and(|(x, y)| cmp(x, y) == Ordering::Less)
        }
    });
}

/// Sorts `v` ascending.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Heapsort over indices `0..n`: `f(a, b, false)` is "a < b", `f(a, b, true)`
/// swaps a and b.
#[inline(never)]
fn heap(n: usize, f: &mut dyn FnMut(usize, usize, bool) -> bool) {
    fn sift(f: &mut dyn FnMut(usize, usize, bool) -> bool, mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && f(child, child + 1, false) {
                child += 1;
            }
            if !f(root, child, false) {
                return;
            }
            f(root, child, true);
            root = child;
        }
    }
    for start in (0..n / 2).rev() {
        sift(f, start, n);
    }
    for end in (1..n).rev() {
        f(0, end, true);
        sift(f, 0, end);
    }
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
