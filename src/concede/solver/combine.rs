//! The K cheapest combinations of independent parts.
//!
//! The conflict graph falls apart into connected components, and a minimal package is
//! one minimal cover of each component. Given each component's covers cheapest first,
//! [`k_best_unions`] folds the components in one at a time, keeping the K cheapest
//! partial combinations (K smallest pairwise sums by a heap over the sorted lists).
//! Tested through the solver's property tests.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::budget::Budget;
use super::ranked::Ranked;
use super::types::SolveError;

/// One partial combination: its cost, the entry it extends in the previous level, and
/// the choice made in this level's component.
type Entry = (u64, usize, usize);

/// The `k` cheapest unions taking one minimal cover from each component (concession ids
/// ascending, and cost), cheapest first. A component's next cover is computed only when
/// a combination might use it.
pub(super) fn k_best_unions(
    parts: &mut [Ranked],
    k: usize,
    budget: &mut Budget,
) -> Result<Vec<(Vec<usize>, u64)>, SolveError> {
    let mut levels: Vec<Vec<Entry>> = Vec::with_capacity(parts.len());
    let mut current: Vec<Entry> = vec![(0, 0, 0)];
    for part in parts.iter_mut() {
        let next = smallest_sums(&current, part, k, budget)?;
        levels.push(current);
        current = next;
    }
    Ok(current
        .iter()
        .map(|&(cost, mut prev, mut j)| {
            let mut set = Vec::new();
            for (level, part) in levels.iter().zip(parts.iter()).rev() {
                if let Some((cover, _)) = part.found.get(j) {
                    set.extend(cover.iter().filter_map(|&w| part.concession(w)));
                }
                let Some(&(_, p, pj)) = level.get(prev) else { break };
                (prev, j) = (p, pj);
            }
            set.sort_unstable();
            (set, cost)
        })
        .collect())
}

/// The `k` smallest sums of an entry of `a` and a cover of `b`, as entries pointing at
/// both. Pairs are generated once each: (i, j) yields (i, j + 1), and (i, 0) also
/// (i + 1, 0); a pair whose cover is not computed yet waits in the heap under the
/// lower bound of its predecessor's sum and is computed only when that bound comes up.
fn smallest_sums(
    a: &[Entry],
    b: &mut Ranked,
    k: usize,
    budget: &mut Budget,
) -> Result<Vec<Entry>, SolveError> {
    let mut out = Vec::new();
    let (Some(first), Some(b0)) = (a.first(), b.cost(0, budget)?) else {
        return Ok(out);
    };
    // (sum or bound, 0 when exact and 1 when a bound, i, j)
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((first.0.saturating_add(b0), 0u8, 0usize, 0usize)));
    while out.len() < k {
        let Some(Reverse((s, bound, i, j))) = heap.pop() else {
            break;
        };
        let Some(ai) = a.get(i).map(|e| e.0) else { continue };
        if bound == 1 {
            if let Some(bj) = b.cost(j, budget)? {
                heap.push(Reverse((ai.saturating_add(bj), 0, i, j)));
            }
            continue;
        }
        out.push((s, i, j));
        heap.push(Reverse((s, 1, i, j + 1)));
        if j == 0
            && let Some(next) = a.get(i + 1)
        {
            heap.push(Reverse((next.0.saturating_add(b0), 0, i + 1, 0)));
        }
    }
    Ok(out)
}
