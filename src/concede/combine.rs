//! The K cheapest combinations of independent parts.
//!
//! The conflict graph falls apart into connected components, and a minimal package is
//! one minimal cover of each component. Given each component's covers cheapest first,
//! [`k_best_unions`] folds the components in one at a time, keeping the K cheapest
//! partial combinations (K smallest pairwise sums by a heap over the sorted lists).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One partial combination: its cost, the entry it extends in the previous level, and
/// the choice made in this level's component.
type Entry = (u64, usize, usize);

/// The `k` cheapest unions taking one option from each list. Each list holds options
/// (concession ids, cost) cheapest first.
pub(crate) fn k_best_unions(lists: &[Vec<(Vec<usize>, u64)>], k: usize) -> Vec<(Vec<usize>, u64)> {
    let mut levels: Vec<Vec<Entry>> = Vec::with_capacity(lists.len());
    let mut current: Vec<Entry> = vec![(0, 0, 0)];
    for list in lists {
        let next = smallest_sums(&current, list, k);
        levels.push(current);
        current = next;
    }
    current
        .iter()
        .map(|&(cost, mut prev, mut j)| {
            let mut set = Vec::new();
            for (level, list) in levels.iter().zip(lists).rev() {
                set.extend(list.get(j).map(|o| o.0.iter().copied()).into_iter().flatten());
                let Some(&(_, p, pj)) = level.get(prev) else { break };
                (prev, j) = (p, pj);
            }
            set.sort_unstable();
            (set, cost)
        })
        .collect()
}

/// The `k` smallest sums `a[i].0 + b[j].1`, as entries pointing at `i` and `j`.
fn smallest_sums(a: &[Entry], b: &[(Vec<usize>, u64)], k: usize) -> Vec<Entry> {
    let mut out = Vec::with_capacity(k.min(a.len().saturating_mul(b.len())));
    let sum = |i: usize, j: usize| -> Option<u64> { Some(a.get(i)?.0.saturating_add(b.get(j)?.1)) };
    let mut heap = BinaryHeap::new();
    if let Some(s) = sum(0, 0) {
        heap.push(Reverse((s, 0usize, 0usize)));
    }
    // Each pair is generated once: (i, j) yields (i, j + 1), and (i, 0) also (i + 1, 0).
    while out.len() < k {
        let Some(Reverse((s, i, j))) = heap.pop() else {
            break;
        };
        out.push((s, i, j));
        if let Some(t) = sum(i, j + 1) {
            heap.push(Reverse((t, i, j + 1)));
        }
        if j == 0
            && let Some(t) = sum(i + 1, 0)
        {
            heap.push(Reverse((t, i + 1, 0)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combines_cheapest_first() {
        let lists = vec![
            vec![(vec![0], 1), (vec![1], 4)],
            vec![(vec![2], 2), (vec![3], 3), (vec![4, 5], 10)],
            vec![(vec![6], 0)],
        ];
        let got = k_best_unions(&lists, 4);
        assert_eq!(
            got,
            vec![
                (vec![0, 2, 6], 3),
                (vec![0, 3, 6], 4),
                (vec![1, 2, 6], 6),
                (vec![1, 3, 6], 7)
            ]
        );
        assert_eq!(k_best_unions(&lists, 100).len(), 6);
        assert_eq!(k_best_unions(&[], 3), vec![(vec![], 0)]);
        assert!(k_best_unions(&[vec![(vec![1], 1)], vec![]], 3).is_empty());
    }
}
