//! The Pareto front of two sides' costs: the packages of which no other costs either
//! side less without costing the other more, found exactly by the ε-constraint
//! method over the branch and bound.
//!
//! With sides 0 and 1, each point is the lexicographic minimum of (cost to side 0,
//! cost to side 1) among the packages that cost side 1 at most a cap: the first with
//! no cap, each next one with the cap one below the side-1 cost of the point before.
//! The lexicographic order is a weighted sum (side 0's costs weighed by one more than
//! side 1 could ever pay), so each point is one ordinary search. The points come
//! cheapest for side 0 first, and each is a minimal package.

use super::budget::Budget;
use super::reduce::Reduced;
use super::search::{Cap, search_capped};
use super::types::SolveError;

/// The front of `root` (reduced clauses and forced concessions): each point's chosen
/// concessions (the forced ones left out), cheapest for side 0 first. `owner` gives
/// each concession's side (0, 1, or another, counted nowhere), `cost` its cost.
pub(super) fn front(
    root: &Reduced,
    owner: &[usize],
    cost: &[u64],
    budget: &mut Budget,
) -> Result<Vec<Vec<usize>>, SolveError> {
    let side = |s: usize| -> u64 {
        cost.iter()
            .zip(owner)
            .filter(|&(_, &o)| o == s)
            .fold(0u64, |a, (&c, _)| a.saturating_add(c))
    };
    let forced = |s: usize| -> u64 {
        root.forced
            .iter()
            .filter(|&&x| owner.get(x) == Some(&s))
            .fold(0u64, |a, &x| a.saturating_add(cost.get(x).copied().unwrap_or(0)))
    };
    let scale = side(1).saturating_add(1);
    let weighed: Option<Vec<u64>> = cost
        .iter()
        .zip(owner)
        .map(|(&c, &o)| if o == 0 { c.checked_mul(scale) } else { Some(c) })
        .collect();
    let total_fits = side(0)
        .checked_mul(scale)
        .and_then(|t| t.checked_add(side(1)))
        .is_some_and(|t| t <= u64::MAX / 4);
    let (Some(weighed), true) = (weighed, total_fits) else {
        return Err(SolveError::InvalidInstance {
            message: "the costs are too large to weigh the two sides against each other".into(),
        });
    };
    let owned: Vec<bool> = owner.iter().map(|&o| o == 1).collect();
    let forced1 = forced(1);
    let mut points = Vec::new();
    let mut limit = u64::MAX;
    while let Some(room) = limit.checked_sub(forced1) {
        let cap = Cap {
            owned: &owned,
            cost,
            limit: room,
        };
        let found = search_capped(&root.clauses, &weighed, 1, Some(&cap), budget)?;
        let Some((set, _)) = found.into_iter().next() else {
            break;
        };
        let paid1 = set
            .iter()
            .filter(|&&x| owned.get(x) == Some(&true))
            .fold(forced1, |a, &x| {
                a.saturating_add(cost.get(x).copied().unwrap_or(0))
            });
        points.push(set);
        match paid1.checked_sub(1) {
            Some(next) => limit = next,
            None => break,
        }
    }
    Ok(points)
}
