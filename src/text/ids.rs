//! Hashes → lists of ids, the one map type of the term index: open
//! addressing with linear probing over a power-of-two table. Keys are
//! already hashes (or small ids, spread by one multiply); a collision only
//! adds candidates, which the index checks. It never shrinks: the index
//! is built once.

use crate::prelude::*;

#[derive(Default)]
pub struct Ids {
    slots: Vec<Option<(u64, Vec<u32>)>>,
    len: usize,
}

impl Ids {
    /// The slot holding `key`, or the empty one where it would go (the
    /// table is never full).
    fn slot(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask;
        while let Some(Some((k, _))) = self.slots.get(i) {
            if *k == key {
                break;
            }
            i = (i + 1) & mask;
        }
        i
    }

    /// The ids under `key`.
    pub fn get(&self, key: u64) -> Option<&[u32]> {
        if self.len == 0 {
            return None;
        }
        match self.slots.get(self.slot(key)) {
            Some(Some((_, ids))) => Some(ids),
            _ => None,
        }
    }

    /// The ids under `key`, an empty list added if there was none.
    pub fn entry(&mut self, key: u64) -> &mut Vec<u32> {
        if 2 * (self.len + 1) > self.slots.len() {
            let cap = (2 * self.slots.len()).max(16);
            let old = core::mem::replace(&mut self.slots, (0..cap).map(|_| None).collect());
            for (k, ids) in old.into_iter().flatten() {
                let i = self.slot(k);
                self.slots[i] = Some((k, ids));
            }
        }
        let i = self.slot(key);
        let slot = &mut self.slots[i];
        if slot.is_none() {
            self.len += 1;
        }
        &mut slot.get_or_insert_with(|| (key, Vec::new())).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_own_ids_through_growth_and_collisions() {
        let mut ids = Ids::default();
        assert_eq!(ids.get(7), None);
        // Small ids and keys equal in the bits that pick the slot.
        let keys: Vec<u64> = (0..500).chain((1..300).map(|i| i << 40)).collect();
        for (n, &k) in keys.iter().enumerate() {
            ids.entry(k).push(n as u32);
            ids.entry(k).push(n as u32 + 1);
        }
        for (n, &k) in keys.iter().enumerate() {
            assert_eq!(ids.get(k), Some(&[n as u32, n as u32 + 1][..]), "{k}");
        }
        assert_eq!(ids.get(1 << 50), None);
    }
}
