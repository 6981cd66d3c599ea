//! Hashes → ids, the one map type (the term index's, the model's keyed
//! signals, and the JSON reader's for duplicate keys): a multimap by open
//! addressing with linear probing over a power-of-two table of (key, id)
//! pairs, the ids of a key along its probe run (no list per key). Keys
//! are already hashes (or small ids, spread by one multiply); a collision
//! only adds candidates, which the caller checks. A pair is kept once. It
//! never shrinks: a map is built once.

use crate::prelude::*;

/// FNV-1a, the hash of the keys filed in an [`Ids`] (the model's, the
/// JSON reader's), started from a one-byte tag (a key's kind) and fed
/// piece by piece, so a shared prefix is hashed once.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(pub(crate) u64);

impl Fnv {
    pub(crate) fn new(tag: u8) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325).feed(&[tag])
    }

    pub(crate) fn feed(self, bytes: &[u8]) -> Fnv {
        let mut h = self.0;
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        Fnv(h)
    }
}

/// The id of an empty slot (never an id: ids are positions in vectors).
const EMPTY: u32 = u32::MAX;

/// The ids under a key ([`Ids::get`]).
pub struct Run<'a> {
    ids: &'a Ids,
    key: u64,
    i: usize,
}

impl Iterator for Run<'_> {
    type Item = u32;

    #[inline(always)]
    fn next(&mut self) -> Option<u32> {
        let slots = &self.ids.slots;
        loop {
            let &(k, id) = slots.get(self.i).filter(|s| s.1 != EMPTY)?;
            self.i = (self.i + 1) & (slots.len() - 1);
            if k == self.key {
                return Some(id);
            }
        }
    }
}

#[derive(Default)]
pub struct Ids {
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl Ids {
    /// Where the probe run for `key` starts (past the end of an empty
    /// table, which has no slot to read).
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & self.slots.len().wrapping_sub(1)
    }

    /// The ids under `key`, in no particular order. The table is never
    /// full: every run ends at an empty slot.
    pub fn get(&self, key: u64) -> Run<'_> {
        Run {
            ids: self,
            key,
            i: self.home(key),
        }
    }

    /// Adds `id` under `key`, unless it is there already: in the first
    /// empty slot of its run, after the table grows when half full. One
    /// walk of the run for both (the pairs moved to a grown table are
    /// added the same way).
    pub fn insert(&mut self, key: u64, id: u32) {
        loop {
            let mut i = self.home(key);
            while let Some(&(k, j)) = self.slots.get(i).filter(|s| s.1 != EMPTY) {
                if k == key && j == id {
                    return;
                }
                i = (i + 1) & (self.slots.len() - 1);
            }
            if 2 * (self.len + 1) <= self.slots.len() {
                if let Some(s) = self.slots.get_mut(i) {
                    *s = (key, id);
                    self.len += 1;
                }
                return;
            }
            let cap = (2 * self.slots.len()).max(16);
            let old = core::mem::take(&mut self.slots);
            // Pushed: `resize` is an `extend_with` instance of its own.
            for _ in 0..cap {
                self.slots.push((0, EMPTY));
            }
            self.len = 0;
            for &(k, j) in &old {
                if j != EMPTY {
                    self.insert(k, j);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_own_ids_through_growth_and_collisions() {
        let mut ids = Ids::default();
        assert_eq!(ids.get(7).next(), None);
        // Small ids and keys equal in the bits that pick the slot.
        let keys: Vec<u64> = (0..500).chain((1..300).map(|i| i << 40)).collect();
        for (n, &k) in keys.iter().enumerate() {
            ids.insert(k, n as u32);
            ids.insert(k, n as u32 + 1);
            ids.insert(k, n as u32);
        }
        for (n, &k) in keys.iter().enumerate() {
            let mut got: Vec<u32> = ids.get(k).collect();
            got.sort_unstable();
            assert_eq!(got, [n as u32, n as u32 + 1], "{k}");
        }
        assert_eq!(ids.get(1 << 50).next(), None);
    }
}
