//! The exact concession solver: the cheapest packages of concessions that resolve every
//! conflict between proposals.
//!
//! A pure algorithm that knows nothing of proposals and imports nothing else from the
//! crate (limits come in as [`Options`]). It works on an [`Instance`]: candidate
//! concessions (each belonging to one proposal, with a cost or [`Cost::Forbidden`] for
//! a red line) and conflicts (each with the ways — sets of concessions — that resolve
//! it). A *package* is a set of concessions that contains a whole way of every conflict
//! and none of whose concessions can be dropped (it is minimal); [`solve`] returns the
//! cheapest packages, cheapest first.
//!
//! How, exactly in every case:
//! 1. The reduction (`reduce.rs`) drops red-line ways and resolved conflicts and forces
//!    the concessions a conflict cannot do without; a conflict all of whose ways use a
//!    red line makes the instance [`SolveError::Infeasible`].
//! 2. When the remaining conflicts are edges of a bipartite graph (the common case of two
//!    proposals), the optimum is a minimum-weight vertex cover found by min-cut (Dinic),
//!    and the next best come from Lawler's partitioning over the min-cut, run on each
//!    connected component and combined ([`Solver::MinCut`]).
//! 3. Otherwise a branch and bound over conflicts finds them ([`Solver::Search`]), on
//!    each independent part of the instance (problems that share no concession) and
//!    combined, within the node budget and deadline of [`Options`].
//!
//! A [`Conditional`] conflict (one that arises only once some concessions are all
//! made) is a clause of the branch and bound that counts only at a node that includes
//! its trigger; an instance with one is always searched.
//!
//! [`pareto`] finds the Pareto front of the proposals' costs (two or more) by the
//! ε-constraint method over the same branch and bound (`front.rs`).
//!
//! ```
//! use armistice::concede::solver::{solve, Concession, Conflict, Cost, Instance, Options};
//! let instance = Instance {
//!     concessions: vec![
//!         Concession::new(0, Cost::Finite(3)), // P withdraws `aid`
//!         Concession::new(1, Cost::Finite(2)), // Q withdraws `no-aid`
//!         Concession::new(1, Cost::Forbidden), // Q's red line
//!     ],
//!     conflicts: vec![Conflict::edge(0, 1), Conflict::edge(0, 2)],
//!     ..Instance::default()
//! };
//! let solution = solve(&instance, &Options::default()).unwrap();
//! assert_eq!(solution.packages[0].concessions, vec![0]);
//! assert_eq!(solution.packages[0].cost_by_proposal, vec![3, 0]);
//! ```

mod budget;
mod combine;
mod cover;
mod flow;
mod front;
mod ranked;
mod reduce;
mod search;
mod split;
mod types;

pub use types::{
    Concession, Conditional, Conflict, Cost, Instance, Limit, Method, Options, Package, Progress, Solution,
    SolveError, Solver,
};

use budget::Budget;
use reduce::Clause;

/// What every search starts from: each concession's cost (a red line's counted 0, as
/// it is never taken) and the instance reduced (red-line ways dropped, the concessions
/// a conflict cannot do without forced); infeasible when a conflict is left with none.
/// Conditional conflicts join the reduced clauses as they stand under the forced
/// concessions: dropped when a forced way resolves them, unconditional (and reduced
/// again) when their trigger is forced.
fn prepare(instance: &Instance) -> Result<(Vec<u64>, reduce::Reduced), SolveError> {
    let (mut clauses, mut conditional) = validate(instance)?;
    let cost = instance
        .concessions
        .iter()
        .map(|c| c.cost.finite().unwrap_or(0))
        .collect();
    let forbidden: Vec<bool> = instance
        .concessions
        .iter()
        .map(|c| c.cost == Cost::Forbidden)
        .collect();
    let flag = |flags: &[bool], x: usize| flags.get(x).copied().unwrap_or(false);
    // A conditional conflict raised only by a red line never arises.
    conditional.retain(|c| !c.when.iter().any(|&x| flag(&forbidden, x)));
    loop {
        let mut root = reduce::reduce(&clauses, vec![false; instance.concessions.len()], &forbidden)
            .map_err(|red_line_conflicts| SolveError::Infeasible { red_line_conflicts })?;
        let included = &root.included;
        let (raised, pending): (Vec<Clause>, Vec<Clause>) = conditional
            .into_iter()
            .filter(|c| !c.ways.iter().any(|w| w.iter().all(|&x| flag(included, x))))
            .partition(|c| c.when.iter().all(|&x| flag(included, x)));
        if raised.is_empty() {
            root.clauses.extend(pending.into_iter().map(|c| {
                Clause {
                    id: c.id,
                    ways: c
                        .ways
                        .iter()
                        .filter(|w| !w.iter().any(|&x| flag(&forbidden, x)))
                        .map(|w| w.iter().copied().filter(|&x| !flag(included, x)).collect())
                        .collect(),
                    when: c.when.iter().copied().filter(|&x| !flag(included, x)).collect(),
                }
            }));
            return Ok((cost, root));
        }
        clauses.extend(raised.into_iter().map(|c| Clause {
            when: Vec::new(),
            ..c
        }));
        conditional = pending;
    }
}

/// The cheapest packages of `instance`, as many as [`Options::top`] asks.
pub fn solve(instance: &Instance, options: &Options) -> Result<Solution, SolveError> {
    solve_with_progress(instance, options, &mut |_| {})
}

/// [`solve`], calling `progress` every so many nodes of a long search (to drive a
/// progress bar).
pub fn solve_with_progress(
    instance: &Instance,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Solution, SolveError> {
    let (cost, root) = prepare(instance)?;
    let mut budget = Budget::new(options, progress);
    let k = options.top.max(1);
    let graph = match options.method {
        Method::Auto => cover::bipartite(&root.clauses, &cost),
        Method::Search => None,
    };
    let (found, solver) = match graph {
        Some(g) => {
            // Largest last: the fold asks the last component for covers lazily, and the
            // largest is where each further cover costs most.
            let mut parts = cover::components(&g);
            parts.sort_by_key(|p| p.concession.len());
            let mut streams: Vec<ranked::Ranked> = parts.iter().map(ranked::Ranked::new).collect();
            (
                combine::k_best_unions(&mut streams, k, &mut budget)?,
                Solver::MinCut,
            )
        }
        None => (
            split::search_parts(&root.clauses, &cost, k, &mut budget)?,
            Solver::Search,
        ),
    };
    let proposals = instance
        .concessions
        .iter()
        .map(|c| c.proposal + 1)
        .max()
        .unwrap_or(0);
    let packages = found
        .into_iter()
        .map(|(set, _)| package(instance, &cost, proposals, &root.forced, set))
        .collect();
    Ok(Solution {
        packages,
        solver,
        explored: budget.explored(),
    })
}

/// The Pareto front of the proposals' costs (cost to proposal 0, to proposal 1, ...,
/// as many as the instance's concessions name, at least two): every package of which
/// no other costs some proposal less without costing another more, one per point,
/// ordered by the costs (cheapest for proposal 0 first). Errors as [`solve`].
pub fn pareto(instance: &Instance, options: &Options) -> Result<Vec<Package>, SolveError> {
    let (cost, root) = prepare(instance)?;
    let owner: Vec<usize> = instance.concessions.iter().map(|c| c.proposal).collect();
    let mut quiet = |_: Progress| {};
    let mut budget = Budget::new(options, &mut quiet);
    let proposals = owner.iter().map(|&p| p + 1).max().unwrap_or(0).max(2);
    Ok(front::front(&root, &owner, &cost, proposals, &mut budget)?
        .into_iter()
        .map(|set| package(instance, &cost, proposals, &root.forced, set))
        .collect())
}

/// Checks the ids and the cost total, and sorts each way: the unconditional clauses
/// and the conditional ones.
fn validate(instance: &Instance) -> Result<(Vec<Clause>, Vec<Clause>), SolveError> {
    let n = instance.concessions.len();
    let total = instance
        .concessions
        .iter()
        .filter_map(|c| c.cost.finite())
        .try_fold(0u64, |a, c| a.checked_add(c).filter(|&t| t <= u64::MAX / 4));
    if total.is_none() {
        return Err(SolveError::InvalidInstance {
            message: "the total cost of the concessions overflows".into(),
        });
    }
    let checked = |id: usize, list: &[usize]| -> Result<Vec<usize>, SolveError> {
        if let Some(&bad) = list.iter().find(|&&x| x >= n) {
            return Err(SolveError::InvalidInstance {
                message: format!("conflict `{id}` names concession `{bad}`, but there are {n}"),
            });
        }
        let mut list = list.to_vec();
        list.sort_unstable();
        list.dedup();
        Ok(list)
    };
    let mut clauses = Vec::with_capacity(instance.conflicts.len());
    for (id, conflict) in instance.conflicts.iter().enumerate() {
        let ways = conflict
            .ways
            .iter()
            .map(|w| checked(id, w))
            .collect::<Result<_, _>>()?;
        clauses.push(Clause {
            id,
            ways,
            when: Vec::new(),
        });
    }
    let mut conditional = Vec::with_capacity(instance.conditional.len());
    for c in &instance.conditional {
        let ways = c
            .ways
            .iter()
            .map(|w| checked(c.conflict, w))
            .collect::<Result<_, _>>()?;
        let when = checked(c.conflict, &c.when)?;
        // Raised by nothing: a conflict like any other.
        if when.is_empty() {
            clauses.push(Clause {
                id: c.conflict,
                ways,
                when,
            });
        } else {
            conditional.push(Clause {
                id: c.conflict,
                ways,
                when,
            });
        }
    }
    Ok((clauses, conditional))
}

/// A package of the `forced` concessions and `chosen` ones, with its costs.
fn package(
    instance: &Instance,
    cost: &[u64],
    proposals: usize,
    forced: &[usize],
    chosen: Vec<usize>,
) -> Package {
    let mut concessions = chosen;
    concessions.extend_from_slice(forced);
    concessions.sort_unstable();
    concessions.dedup();
    let mut cost_by_proposal = vec![0u64; proposals];
    let mut total = 0u64;
    for &x in &concessions {
        let c = cost.get(x).copied().unwrap_or(0);
        total = total.saturating_add(c);
        if let Some(p) = instance
            .concessions
            .get(x)
            .and_then(|k| cost_by_proposal.get_mut(k.proposal))
        {
            *p = p.saturating_add(c);
        }
    }
    let most = cost_by_proposal.iter().copied().max().unwrap_or(0);
    let balance = if total == 0 {
        0.0
    } else {
        most as f64 / total as f64
    };
    Package {
        concessions,
        cost: total,
        cost_by_proposal,
        balance,
    }
}
