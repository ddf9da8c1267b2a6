//! Concessions (DESIGN §5, v2): the cheapest packages of moves — withdraw a term,
//! narrow it in time, scope, topics or partition, meet a divergence, drop a condition or make it concurrent,
//! commit to what the other side requires — after which no conflict and no deadlock
//! remains (and, when asked, no pending condition and no contingent conflict), each
//! verified by the engine as a what-if.
//!
//! Two layers. [`solver`] is the exact algorithm on an abstract [`Instance`] of
//! concessions and problems; it imports nothing else from the crate, and its types are
//! re-exported here. Around it, the domain: [`CostTable`] prices each move by the
//! priority of the term it moves, [`problem_with`] turns an analysis into an instance
//! (`narrow.rs` finds each term's narrowing in time, `restrict.rs` its narrowings of
//! scope, topics and partitions), `edits.rs` turns a package back
//! into what-if edits, and [`concessions_with`] solves, evaluates and checks each
//! package. The result, [`Concessions`], is plain data for the renderers in
//! `crate::report::concede`.

mod costs;
mod cycles;
mod edits;
mod mixed;
mod moves;
mod narrow;
mod packages;
mod problem;
mod restrict;
pub mod solver;
mod strict;

use std::time::Instant;

pub use solver::{
    Concession, Conditional, Conflict, Cost, Instance, Limit, Method, Options, Package, Progress, Solution,
    SolveError, Solver, pareto, solve, solve_with_progress,
};

pub use costs::{CostTable, UNIT, as_number, points};
pub use edits::edits;
#[doc(hidden)]
pub use mixed::{mixed_instance, to_asp};
pub use moves::{Candidate, Move, MoveKind, Restriction};
pub use packages::{Concessions, Front, PackageResult, Packages, Remaining, concessions, concessions_with};
pub use problem::{Problem, ProblemKind, ProblemRef, Scope, problem, problem_in, problem_with};
pub use restrict::Restricted;
pub use strict::{
    LOOKAHEAD as STRICT_LOOKAHEAD, MAX_ROUNDS as STRICT_ROUNDS, PAIRS_AHEAD as STRICT_PAIRS_AHEAD,
};

use crate::limits::Limits;

impl Options {
    /// The default options within `limits`: its node budget, and a deadline its time
    /// limit from now.
    pub fn within(limits: &Limits) -> Options {
        Options {
            max_nodes: limits.max_nodes,
            deadline: limits.time_limit.and_then(|t| Instant::now().checked_add(t)),
            front_time: limits.front_time_limit,
            ..Options::default()
        }
    }
}
