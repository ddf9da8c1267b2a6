//! A synthetic concession instance of mixed problems for the benchmarks and the clingo
//! comparison (`bench/clingo/`): conflicts (withdraw or narrow either term), sequencing
//! deadlocks (withdraw a term of the cycle, drop a condition, or make both `before`
//! conditions concurrent) and pending conditions (withdraw, drop the condition, or
//! the other side commits), priced as `armistice concede` prices them, with a few
//! red lines (on the first side only, so that a package exists) and conflicts that
//! join neighbouring blocks. Not part of the library's
//! API; the same seed gives the same instance.

use std::fmt::Write;

use super::costs::CostTable;
use super::solver::{Concession, Conflict, Cost, Instance};
use crate::model::Priority;

/// The instance of `problems` problems (about a third of each kind) from `seed`.
#[doc(hidden)]
pub fn mixed_instance(problems: usize, seed: u64) -> Instance {
    let costs = CostTable::default();
    let mut state = seed ^ 0x9e37_79b9_7f4a_7c15;
    let mut next = move |bound: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % bound.max(1)
    };
    let mut i = Instance::default();
    // Red lines on the first side only, so that every problem has a way.
    let priority = |next: &mut dyn FnMut(u64) -> u64, side: usize| match next(50) {
        0 if side == 0 => Priority::RedLine,
        0..=15 => Priority::Minor,
        16..=35 => Priority::Normal,
        _ => Priority::Core,
    };
    // Adds a concession of `side` at `cost`; its id.
    let add = |i: &mut Instance, side: usize, cost: Cost| {
        i.concessions.push(Concession::new(side, cost));
        i.concessions.len() - 1
    };
    let mut previous: Option<(usize, usize)> = None;
    while i.conflicts.len() < problems {
        let kind = next(3);
        let (pa, pb) = (priority(&mut next, 0), priority(&mut next, 1));
        match kind {
            0 => {
                let wa = add(&mut i, 0, costs.cost(pa));
                let wb = add(&mut i, 1, costs.cost(pb));
                let na = add(&mut i, 0, costs.share(pa, costs.narrow));
                let nb = add(&mut i, 1, costs.share(pb, costs.narrow));
                i.conflicts.push(Conflict {
                    ways: vec![vec![wa], vec![wb], vec![na], vec![nb]],
                });
                // Now and then the term also conflicts with the last block's.
                if let Some((qa, qb)) = previous
                    && next(4) == 0
                {
                    i.conflicts.push(Conflict {
                        ways: vec![vec![wa], vec![qb], vec![qa]],
                    });
                }
                previous = Some((wa, wb));
            }
            1 => {
                let (pc, pd) = (priority(&mut next, 0), priority(&mut next, 1));
                let w: Vec<usize> = [(0, pa), (0, pc), (1, pb), (1, pd)]
                    .iter()
                    .map(|&(side, p)| add(&mut i, side, costs.cost(p)))
                    .collect();
                let da = add(&mut i, 0, costs.share(pa, costs.drop));
                let db = add(&mut i, 1, costs.share(pd, costs.drop));
                let ca = add(&mut i, 0, costs.share(pa, costs.concurrent));
                let cb = add(&mut i, 1, costs.share(pd, costs.concurrent));
                let mut ways: Vec<Vec<usize>> = w.iter().map(|&x| vec![x]).collect();
                ways.extend([vec![da], vec![db], vec![ca, cb]]);
                i.conflicts.push(Conflict { ways });
            }
            _ => {
                let pr = priority(&mut next, 0);
                let held = add(&mut i, 0, costs.cost(pa));
                let required = add(&mut i, 0, costs.cost(pr));
                let drop = add(&mut i, 0, costs.share(pa, costs.drop));
                let commit = add(&mut i, 1, costs.commit(pr));
                i.conflicts.push(Conflict {
                    ways: vec![vec![held], vec![required], vec![drop], vec![commit]],
                });
            }
        }
    }
    i
}

/// The instance as answer-set facts for `bench/clingo/moves.lp`: `move(M,Side,Cost).`
/// for each concession that may be made (a red line is left out) and
/// `way(Problem,Way,M).` for each concession of each way.
#[doc(hidden)]
pub fn to_asp(i: &Instance) -> String {
    let mut out = String::new();
    for (m, c) in i.concessions.iter().enumerate() {
        if let Cost::Finite(cost) = c.cost {
            let _ = writeln!(out, "move({m},{},{cost}).", c.proposal);
        }
    }
    for (k, p) in i.conflicts.iter().enumerate() {
        for (w, way) in p.ways.iter().enumerate() {
            for m in way {
                let _ = writeln!(out, "way({k},{w},{m}).");
            }
        }
    }
    out
}
