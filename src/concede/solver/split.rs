//! The branch and bound run on each independent part of an instance, and the parts'
//! packages combined.
//!
//! Problems that share no concession are independent: a minimal package is one
//! minimal package of each part, and its cost their sum. The search of one part of
//! ten problems is quick; the search of ten thousand problems at once is not, as its
//! bound never sees that the parts are apart. So the clauses are split into connected
//! parts (by union–find over the concessions their ways and triggers use), each part searched for
//! its `k` cheapest packages, and the `k` cheapest sums taken, folding the parts in
//! one at a time (as `combine.rs` does for the min-cut's parts).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::budget::Budget;
use super::reduce::Clause;
use super::search::search;
use super::types::SolveError;

/// The `k` cheapest minimal packages of `clauses` (concession ids ascending, and cost),
/// cheapest first, part by part.
pub(super) fn search_parts(
    clauses: &[Clause],
    cost: &[u64],
    k: usize,
    budget: &mut Budget,
) -> Result<Vec<(Vec<usize>, u64)>, SolveError> {
    let parts = parts(clauses, cost.len());
    let mut current: Vec<(Vec<usize>, u64)> = vec![(Vec::new(), 0)];
    for part in parts {
        // The part's concessions numbered from 0, so that the search's tables are the
        // size of the part, not of the instance.
        let mut ids: Vec<usize> = part
            .iter()
            .flat_map(|c| c.ways.iter().flatten().chain(&c.when).copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let local = |x: usize| ids.binary_search(&x).unwrap_or(0);
        let clauses: Vec<Clause> = part
            .iter()
            .map(|c| Clause {
                id: c.id,
                ways: c
                    .ways
                    .iter()
                    .map(|w| w.iter().map(|&x| local(x)).collect())
                    .collect(),
                when: c.when.iter().map(|&x| local(x)).collect(),
            })
            .collect();
        let costs: Vec<u64> = ids.iter().map(|&x| cost.get(x).copied().unwrap_or(0)).collect();
        let found: Vec<(Vec<usize>, u64)> = search(&clauses, &costs, k, budget)?
            .into_iter()
            .map(|(set, c)| (set.iter().filter_map(|&l| ids.get(l).copied()).collect(), c))
            .collect();
        if found.is_empty() {
            return Ok(Vec::new());
        }
        current = smallest_sums(&current, &found, k);
    }
    for (set, _) in &mut current {
        set.sort_unstable();
    }
    Ok(current)
}

/// The clauses in connected parts (sharing a concession joins two clauses), in the
/// order of their first clause.
fn parts(clauses: &[Clause], n: usize) -> Vec<Vec<Clause>> {
    let mut parent: Vec<usize> = (0..clauses.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while let Some(&p) = parent.get(x) {
            if p == x {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(x) {
                *slot = grand;
            }
            x = p;
        }
        x
    }
    let mut owner: Vec<Option<usize>> = vec![None; n];
    for (ci, clause) in clauses.iter().enumerate() {
        for &x in clause.ways.iter().flatten().chain(&clause.when) {
            match owner.get(x).copied().flatten() {
                None => {
                    if let Some(slot) = owner.get_mut(x) {
                        *slot = Some(ci);
                    }
                }
                Some(other) => {
                    let (a, b) = (find(&mut parent, ci), find(&mut parent, other));
                    if a != b
                        && let Some(slot) = parent.get_mut(a.max(b))
                    {
                        *slot = a.min(b);
                    }
                }
            }
        }
    }
    let mut index: Vec<Option<usize>> = vec![None; clauses.len()];
    let mut out: Vec<Vec<Clause>> = Vec::new();
    for (ci, clause) in clauses.iter().enumerate() {
        let root = find(&mut parent, ci);
        let slot = match index.get(root).copied().flatten() {
            Some(s) => s,
            None => {
                out.push(Vec::new());
                if let Some(i) = index.get_mut(root) {
                    *i = Some(out.len() - 1);
                }
                out.len() - 1
            }
        };
        if let Some(part) = out.get_mut(slot) {
            part.push(clause.clone());
        }
    }
    out
}

/// The `k` smallest unions of one entry of `a` and one of `b` (both cheapest first),
/// cheapest first: a heap over the grid of pairs, each pair pushed once.
fn smallest_sums(a: &[(Vec<usize>, u64)], b: &[(Vec<usize>, u64)], k: usize) -> Vec<(Vec<usize>, u64)> {
    let mut out = Vec::new();
    let (Some(a0), Some(b0)) = (a.first(), b.first()) else {
        return out;
    };
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((a0.1.saturating_add(b0.1), 0usize, 0usize)));
    while out.len() < k {
        let Some(Reverse((sum, i, j))) = heap.pop() else {
            break;
        };
        let (Some(x), Some(y)) = (a.get(i), b.get(j)) else {
            continue;
        };
        let mut set = x.0.clone();
        set.extend_from_slice(&y.0);
        out.push((set, sum));
        if let Some(next) = b.get(j + 1) {
            heap.push(Reverse((x.1.saturating_add(next.1), i, j + 1)));
        }
        if j == 0
            && let Some(next) = a.get(i + 1)
        {
            heap.push(Reverse((next.1.saturating_add(y.1), i + 1, 0)));
        }
    }
    out
}
