//! The Pareto front of the sides' costs: the packages of which no other costs some
//! side less without costing another more, found exactly by the ε-constraint method
//! over the branch and bound, for any number of sides.
//!
//! Each search minimises the sides' costs lexicographically (side 0 first; the order
//! is a weighted sum, each side weighed by more than all later sides could ever pay)
//! under caps on what the later sides may pay. For two sides: the first point with no
//! cap, each next one with side 1's cap one below the point before. For more, the same
//! recursively: with the caps on sides after `k` fixed, the front of sides `0..=k` is
//! found, then side `k`'s cap is set one below the most any of its points costs side
//! `k`, and so on until no package is left. A point missed at one cap would be beaten
//! on the earlier sides by a point that costs side `k` more, which a lower cap takes
//! out, so every point of the front is found; points found twice, or beaten, are then
//! dropped. The points come ordered by their costs, cheapest for side 0 first, and
//! each is a minimal package.

use super::budget::Budget;
use super::reduce::Reduced;
use super::search::{Cap, search_capped};
use super::types::SolveError;

/// The front of `root` (reduced clauses and forced concessions) over `sides` sides:
/// each point's chosen concessions (the forced ones left out), ordered by the costs
/// to the sides. `owner` gives each concession's side (one past the sides: counted
/// nowhere), `cost` its cost.
pub(super) fn front(
    root: &Reduced,
    owner: &[usize],
    cost: &[u64],
    sides: usize,
    budget: &mut Budget,
) -> Result<Vec<Vec<usize>>, SolveError> {
    let sides = sides.max(1);
    let total = |s: usize| -> u64 {
        cost.iter()
            .zip(owner)
            .filter(|&(_, &o)| o == s)
            .fold(0u64, |a, (&c, _)| a.saturating_add(c))
    };
    // Weights for the lexicographic order: side s weighs more than every later side
    // could pay together.
    let too_large = || SolveError::InvalidInstance {
        message: "the costs are too large to weigh the sides against each other".into(),
    };
    let mut weight = vec![1u64; sides];
    let mut later = 0u64;
    for s in (0..sides).rev() {
        weight[s] = later.checked_add(1).ok_or_else(too_large)?;
        later = total(s)
            .checked_mul(weight[s])
            .and_then(|x| x.checked_add(later))
            .filter(|&x| x <= u64::MAX / 4)
            .ok_or_else(too_large)?;
    }
    let weighed: Vec<u64> = cost
        .iter()
        .zip(owner)
        .map(|(&c, &o)| c.saturating_mul(weight.get(o).copied().unwrap_or(0)))
        .collect();
    let owned: Vec<Vec<bool>> = (0..sides)
        .map(|s| owner.iter().map(|&o| o == s).collect())
        .collect();
    let forced: Vec<u64> = (0..sides)
        .map(|s| {
            root.forced
                .iter()
                .filter(|&&x| owner.get(x) == Some(&s))
                .fold(0u64, |a, &x| a.saturating_add(cost.get(x).copied().unwrap_or(0)))
        })
        .collect();
    let ctx = Ctx {
        root,
        cost,
        weighed: &weighed,
        owned: &owned,
        forced: &forced,
    };
    let mut limits = vec![u64::MAX; sides];
    let mut points = ctx.level(sides - 1, &mut limits, budget)?;
    // What each point costs each side, to order them and drop the beaten.
    let costs = |set: &[usize]| -> Vec<u64> {
        (0..sides)
            .map(|s| {
                set.iter()
                    .filter(|&&x| owner.get(x) == Some(&s))
                    .fold(forced[s], |a, &x| {
                        a.saturating_add(cost.get(x).copied().unwrap_or(0))
                    })
            })
            .collect()
    };
    let mut keyed: Vec<(Vec<u64>, Vec<usize>)> = points.drain(..).map(|p| (costs(&p), p)).collect();
    keyed.sort();
    keyed.dedup_by(|a, b| a.0 == b.0);
    let beaten = |v: &[u64], all: &[(Vec<u64>, Vec<usize>)]| {
        all.iter()
            .any(|(u, _)| u.as_slice() != v && u.iter().zip(v).all(|(a, b)| a <= b))
    };
    let kept: Vec<Vec<usize>> = keyed
        .iter()
        .filter(|(v, _)| !beaten(v, &keyed))
        .map(|(_, p)| p.clone())
        .collect();
    Ok(kept)
}

/// What every level of the recursion shares.
struct Ctx<'a> {
    root: &'a Reduced,
    cost: &'a [u64],
    weighed: &'a [u64],
    owned: &'a [Vec<bool>],
    forced: &'a [u64],
}

impl Ctx<'_> {
    /// The front of sides `0..=k` with the caps `limits` (on what each side may pay,
    /// forced concessions included) of the sides after `k` fixed; side 0's limit is
    /// never used.
    fn level(
        &self,
        k: usize,
        limits: &mut [u64],
        budget: &mut Budget,
    ) -> Result<Vec<Vec<usize>>, SolveError> {
        if k == 0 {
            return Ok(self.lexmin(limits, budget)?.into_iter().collect());
        }
        let mut out = Vec::new();
        let saved = limits.get(k).copied().unwrap_or(u64::MAX);
        loop {
            let found = self.level(k - 1, limits, budget)?;
            let Some(most) = found.iter().map(|p| self.paid(k, p)).max() else {
                break;
            };
            out.extend(found);
            match (most.checked_sub(1), limits.get_mut(k)) {
                (Some(next), Some(slot)) => *slot = next,
                _ => break,
            }
        }
        if let Some(slot) = limits.get_mut(k) {
            *slot = saved;
        }
        Ok(out)
    }

    /// What side `s` pays for `set` (forced concessions included).
    fn paid(&self, s: usize, set: &[usize]) -> u64 {
        let owned = self.owned.get(s).map_or(&[][..], Vec::as_slice);
        set.iter()
            .filter(|&&x| owned.get(x) == Some(&true))
            .fold(self.forced.get(s).copied().unwrap_or(0), |a, &x| {
                a.saturating_add(self.cost.get(x).copied().unwrap_or(0))
            })
    }

    /// The lexicographic minimum of the sides' costs among the packages within
    /// `limits` (sides 1 on), if there is one.
    fn lexmin(&self, limits: &[u64], budget: &mut Budget) -> Result<Option<Vec<usize>>, SolveError> {
        let mut caps = Vec::new();
        for (s, &limit) in limits.iter().enumerate().skip(1) {
            if limit == u64::MAX {
                continue;
            }
            let Some(room) = limit.checked_sub(self.forced.get(s).copied().unwrap_or(0)) else {
                return Ok(None);
            };
            caps.push(Cap {
                owned: self.owned.get(s).map_or(&[][..], Vec::as_slice),
                cost: self.cost,
                limit: room,
            });
        }
        let found = search_capped(&self.root.clauses, self.weighed, 1, &caps, budget)?;
        Ok(found.into_iter().next().map(|(set, _)| set))
    }
}
