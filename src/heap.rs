//! The wasm's allocator (replaces std's dlmalloc, 7 KB): power-of-two size
//! classes, one free list each, carved from memory grown page by page.
//!
//! A block of class `k` is `2^k` bytes and sits at a multiple of `2^k`, so
//! any alignment up to its size holds. Freed blocks go back to their
//! class's list and are reused first: the SDK lives as long as the page (a
//! single-page app included), so memory must not only grow. A reallocation
//! within the same class keeps its block. Blocks are never split or merged:
//! at most half of a block is unused, which the SDK's small, short-lived
//! allocations can afford.
//!
//! The logic is plain safe code over [`Ram`], so `cargo test` checks it
//! natively; only [`wasm`] touches real memory.

/// Smallest class: 8 bytes, room for a free list's next link.
const MIN: u32 = 3;
/// Classes `MIN..CLASSES`; the largest, 2^31 bytes, is all of wasm32's memory.
const CLASSES: usize = 32;
/// A wasm page.
pub const PAGE: usize = 65536;

/// The memory a [`Heap`] manages.
pub trait Ram {
    /// Grows memory by `pages`; returns the old size in pages.
    fn grow(&mut self, pages: usize) -> Option<usize>;
    /// The word at `addr` (a free block's next link).
    fn load(&self, addr: usize) -> usize;
    fn store(&mut self, addr: usize, value: usize);
}

/// Free lists (0 ends a list) and the region not carved yet. In this
/// order: each field's address a one-byte constant (`single::HEAP`).
#[repr(C)]
pub struct Heap {
    next: usize,
    end: usize,
    free: [usize; CLASSES],
}

/// The class of an allocation: its size and alignment, rounded up to a
/// power of two; `NONE` for none that large. (An `Option<u32>`, two wasm
/// results since the multi-value ABI: 67 B more wasm, 11 B more brotli,
/// mean of 16.) Out of line: allocation, freeing and reallocation each ask.
#[inline(never)]
fn class(size: usize, align: usize) -> u32 {
    // The bits of `n - 1` (`align` is at least 1): `k` with `2^k >= n`.
    let k = usize::BITS - (size.max(align) - 1).leading_zeros();
    if k as usize >= CLASSES {
        NONE
    } else {
        k.max(MIN)
    }
}

/// No class (classes start at `MIN`).
const NONE: u32 = 0;

impl Heap {
    /// An empty heap: all zeros (the wasm's is zeroed memory at `single::HEAP`).
    #[cfg(test)]
    pub const fn new() -> Heap {
        Heap {
            next: 0,
            end: 0,
            free: [0; CLASSES],
        }
    }

    /// A block for `size` bytes aligned to `align` (a power of two), or 0.
    pub fn alloc(&mut self, ram: &mut impl Ram, size: usize, align: usize) -> usize {
        let k = class(size, align);
        if k == NONE {
            return 0;
        }
        let head = self.free[k as usize];
        if head != 0 {
            self.free[k as usize] = ram.load(head);
            return head;
        }
        self.carve(ram, 1 << k)
    }

    /// Takes a fresh block of `size` (a power of two) from the region,
    /// growing memory when it is too short.
    fn carve(&mut self, ram: &mut impl Ram, size: usize) -> usize {
        loop {
            // The gap up to the next multiple of `size` becomes smaller
            // free blocks, each at a multiple of its own size.
            while self.next % size != 0 {
                let piece = 1 << self.next.trailing_zeros();
                if self.next + piece > self.end {
                    break;
                }
                if piece >= 1 << MIN {
                    self.push(ram, self.next, piece);
                }
                self.next += piece;
            }
            let Some(start) = self.next.checked_next_multiple_of(size) else {
                return 0;
            };
            let Some(end) = start.checked_add(size) else {
                return 0;
            };
            if end <= self.end {
                self.next = end;
                return start;
            }
            let pages = (end - self.end).div_ceil(PAGE);
            let Some(old) = ram.grow(pages) else {
                return 0;
            };
            // Contiguous unless someone else grew memory meanwhile: then
            // the rest of the old region stays unused.
            if old * PAGE != self.end {
                self.next = old * PAGE;
            }
            self.end = (old + pages) * PAGE;
        }
    }

    fn push(&mut self, ram: &mut impl Ram, ptr: usize, size: usize) {
        let k = size.trailing_zeros() as usize;
        ram.store(ptr, self.free[k]);
        self.free[k] = ptr;
    }

    /// Returns a block from [`Heap::alloc`] with the same size and alignment.
    pub fn free(&mut self, ram: &mut impl Ram, ptr: usize, size: usize, align: usize) {
        let k = class(size, align);
        if k != NONE {
            self.push(ram, ptr, 1 << k);
        }
    }

    /// Whether a block for (`size`, `align`) also fits `new_size`.
    pub fn fits(size: usize, align: usize, new_size: usize) -> bool {
        class(size, align) == class(new_size, align)
    }
}

/// The global allocator of the wasm (one thread: no locking).
#[cfg(target_arch = "wasm32")]
mod wasm {
    use core::alloc::{GlobalAlloc, Layout};
    use core::arch::wasm32;
    use core::cell::UnsafeCell;

    use super::{Heap, Ram};
    use crate::single::{self, low};

    struct Memory;

    impl Ram for Memory {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let old = wasm32::memory_grow(0, pages);
            (old != usize::MAX).then_some(old)
        }
        fn load(&self, addr: usize) -> usize {
            // SAFETY: `addr` is a free block of ours, at least 8 bytes and aligned.
            unsafe { *(addr as *const usize) }
        }
        fn store(&mut self, addr: usize, value: usize) {
            // SAFETY: as in `load`.
            unsafe { *(addr as *mut usize) = value }
        }
    }

    /// The allocator: the [`Heap`] at `single::HEAP`.
    struct Low;

    #[global_allocator]
    static HEAP: Low = Low;

    fn heap() -> &'static UnsafeCell<Heap> {
        // SAFETY: its place; all zeros is an empty heap.
        unsafe { low(single::HEAP) }
    }

    // SAFETY: one thread, and the heap never calls the allocator, so no
    // two `&mut Heap` exist at once.
    unsafe impl GlobalAlloc for Low {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            (*heap().get()).alloc(&mut Memory, l.size(), l.align()) as *mut u8
        }
        unsafe fn dealloc(&self, ptr: *mut u8, l: Layout) {
            (*heap().get()).free(&mut Memory, ptr as usize, l.size(), l.align())
        }
        unsafe fn realloc(&self, ptr: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
            if Heap::fits(l.size(), l.align(), new_size) {
                return ptr;
            }
            let new = self.alloc(Layout::from_size_align_unchecked(new_size, l.align()));
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, l.size().min(new_size));
                self.dealloc(ptr, l);
            }
            new
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Memory as a vector of words, starting at `base` (others' data).
    struct Fake {
        base: usize,
        words: Vec<usize>,
    }

    impl Ram for Fake {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let old = self.base + self.words.len() * 8;
            (old + pages * PAGE <= 1 << 26).then(|| {
                self.words.resize(self.words.len() + pages * PAGE / 8, 0);
                old / PAGE
            })
        }
        fn load(&self, addr: usize) -> usize {
            self.words[(addr - self.base) / 8]
        }
        fn store(&mut self, addr: usize, value: usize) {
            self.words[(addr - self.base) / 8] = value;
        }
    }

    fn ram() -> Fake {
        Fake {
            base: 3 * PAGE,
            words: Vec::new(),
        }
    }

    #[test]
    fn blocks_are_aligned_to_their_class_and_do_not_overlap() {
        let (mut heap, mut ram) = (Heap::new(), ram());
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (size, align) in [
            (1, 1),
            (24, 8),
            (3, 16),
            (100, 4),
            (70000, 8),
            (8, 256),
            (0, 1),
        ] {
            let p = heap.alloc(&mut ram, size, align);
            assert!(
                p >= 3 * PAGE && p % align == 0 && p % 8 == 0,
                "{size} {align}: {p}"
            );
            let end = p + size.max(1);
            assert!(
                taken.iter().all(|&(a, b)| end <= a || b <= p),
                "overlap at {p}"
            );
            taken.push((p, end));
        }
    }

    #[test]
    fn freed_blocks_are_reused_so_memory_stops_growing() {
        let (mut heap, mut ram) = (Heap::new(), ram());
        for round in 0..1000 {
            let ps: Vec<usize> = (1..40).map(|s| heap.alloc(&mut ram, s * 13, 8)).collect();
            for (s, p) in (1..40).zip(ps) {
                heap.free(&mut ram, p, s * 13, 8);
            }
            if round == 0 {
                assert_eq!(ram.words.len(), PAGE / 8);
            }
        }
        assert_eq!(ram.words.len(), PAGE / 8, "grew after the first round");
        let p = heap.alloc(&mut ram, 13, 8);
        heap.free(&mut ram, p, 13, 8);
        assert_eq!(heap.alloc(&mut ram, 16, 1), p, "same class, same block");
    }

    #[test]
    fn the_gap_before_an_aligned_block_becomes_smaller_free_blocks() {
        let (mut heap, mut ram) = (Heap::new(), ram());
        let small = heap.alloc(&mut ram, 8, 8);
        let big = heap.alloc(&mut ram, 1024, 8);
        assert_eq!(big % 1024, 0);
        for k in MIN..10 {
            let p = heap.alloc(&mut ram, 1 << k, 1);
            assert!(small < p && p < big, "the gap is used first");
        }
    }

    #[test]
    fn a_block_keeps_its_class_on_realloc_and_memory_can_run_out() {
        assert!(Heap::fits(9, 8, 16) && !Heap::fits(9, 8, 17) && Heap::fits(100, 4, 65));
        let (mut heap, mut ram) = (Heap::new(), ram());
        assert_eq!(heap.alloc(&mut ram, usize::MAX / 2, 8), 0);
        assert_eq!(heap.alloc(&mut ram, 1 << 31, 8), 0);
        assert_ne!(heap.alloc(&mut ram, 1 << 20, 8), 0);
    }
}
