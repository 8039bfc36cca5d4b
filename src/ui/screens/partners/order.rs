//! Putting every partner in a column's order fast enough for a keystroke on
//! a 50,000-partner book: a stable radix sort, a few linear passes instead of
//! some 800,000 comparisons.

/// The room a sort works in, kept from one sort to the next: the
/// allocator hands the pages of a large buffer back as soon as it is
/// freed, so a sort of 50,000 partners in buffers of its own had them
/// faulted in again every time (more than the sort itself took).
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    keyed: Vec<(u64, usize)>,
    spare: Vec<(u64, usize)>,
}

/// Sort `items` by `key`, smallest first, keeping the order of items whose
/// keys are equal: a least-significant-byte-first radix sort of the keys
/// less the smallest, with one pass for each byte they differ in (a score
/// from 0 to 100 takes one, a day four), in `scratch`.
pub fn stable_sort_in(items: &mut Vec<usize>, key: impl Fn(usize) -> u64, scratch: &mut Scratch) {
    let Scratch { keyed, spare } = scratch;
    keyed.clear();
    keyed.extend(items.iter().map(|&i| (key(i), i)));
    let least = keyed.iter().map(|&(k, _)| k).min().unwrap_or(0);
    for (k, _) in keyed.iter_mut() {
        *k -= least;
    }
    let (all, any) = keyed
        .iter()
        .fold((u64::MAX, 0), |(all, any), &(k, _)| (all & k, any | k));
    let differ = all ^ any;
    let differ = differ.to_le_bytes();
    for byte in (0..8).filter(|&b| differ[b] != 0) {
        let digit = |k: u64| usize::from(k.to_le_bytes()[byte]);
        let mut starts = [0usize; 256];
        for &(k, _) in keyed.iter() {
            starts[digit(k)] += 1;
        }
        let mut at = 0;
        for start in &mut starts {
            (*start, at) = (at, at + *start);
        }
        spare.resize(keyed.len(), (0, 0));
        for &(k, i) in keyed.iter() {
            let d = digit(k);
            spare[starts[d]] = (k, i);
            starts[d] += 1;
        }
        std::mem::swap(keyed, spare);
    }
    items.clear();
    items.extend(keyed.iter().map(|&(_, i)| i));
}

/// Move item `item` of a sorted `items` to where `key` now puts it (the
/// rest kept in order): one partner edited need not sort them all again.
/// Keys must be unique, ties broken as the sort that made `items` did.
pub fn reposition<K: Ord>(items: &mut Vec<usize>, item: usize, key: impl Fn(usize) -> K) {
    remove(items, item);
    insert(items, item, key);
}

/// Take `item` out of `items`, if it is there.
pub fn remove(items: &mut Vec<usize>, item: usize) {
    if let Some(at) = items.iter().position(|&i| i == item) {
        items.remove(at);
    }
}

/// Put `item` into the sorted `items` where `key` puts it.
pub fn insert<K: Ord>(items: &mut Vec<usize>, item: usize, key: impl Fn(usize) -> K) {
    let wanted = key(item);
    let at = items.partition_point(|&i| key(i) < wanted);
    items.insert(at, item);
}

/// A signed key as an unsigned one in the same order.
#[must_use]
pub fn unsigned(key: i64) -> u64 {
    key.cast_unsigned() ^ (1 << 63)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_a_stable_comparison_sort_does(
            keys in proptest::collection::vec(any::<i64>(), 0..300),
            small in any::<bool>(),
        ) {
            // Small keys differ in one byte (the others are passed over);
            // any keys in all eight.
            let key = |i: usize| if small { keys[i] % 7 } else { keys[i] };
            let mut radix: Vec<usize> = (0..keys.len()).rev().collect();
            let mut std = radix.clone();
            stable_sort_in(&mut radix, |i| unsigned(key(i)), &mut Scratch::default());
            std.sort_by_key(|&i| key(i));
            prop_assert_eq!(radix, std);
        }

        #[test]
        fn one_key_changed_moves_as_sorting_again_would(
            mut keys in proptest::collection::vec(0..20i64, 1..200),
            pick in any::<proptest::sample::Index>(),
            new_key in 0..20i64,
        ) {
            let by_key = |keys: &[i64]| {
                let mut items: Vec<usize> = (0..keys.len()).collect();
                items.sort_by_key(|&i| (keys[i], i));
                items
            };
            let mut moved = by_key(&keys);
            let item = pick.index(keys.len());
            keys[item] = new_key;
            reposition(&mut moved, item, |i| (keys[i], i));
            prop_assert_eq!(moved, by_key(&keys));
        }
    }

    #[test]
    fn a_scratch_left_by_a_larger_sort_sorts_the_same() {
        let mut scratch = Scratch::default();
        let mut big: Vec<usize> = (0..1000).rev().collect();
        stable_sort_in(&mut big, |i| (i as u64 * 7919) % 1000, &mut scratch);
        let keys = [5u64, 1, 5, 0, 3];
        let mut small: Vec<usize> = (0..keys.len()).collect();
        stable_sort_in(&mut small, |i| keys[i], &mut scratch);
        assert_eq!(small, [3, 1, 4, 0, 2]);
    }

    #[test]
    fn signed_keys_keep_their_order() {
        let keys = [i64::MIN, -5, -1, 0, 1, 7, i64::MAX];
        assert!(keys.windows(2).all(|w| unsigned(w[0]) < unsigned(w[1])));
    }
}
