//! Concessions: the cheapest packages of withdrawn terms after which no conflict
//! remains, each evaluated as a what-if.
//!
//! Two layers. [`solver`] is the exact algorithm on an abstract [`Instance`] of
//! concessions and conflicts; it imports nothing else from the crate, and its types are
//! re-exported here. Around it, the domain: [`CostTable`] prices the withdrawal of a
//! term by its priority, [`problem`] turns an analysis into an instance, and
//! [`concessions`] solves it and evaluates each package as a what-if scenario. The
//! result, [`Concessions`], is plain data for the renderers in `crate::report::concede`.

mod costs;
mod packages;
mod problem;
pub mod solver;
mod withdraw;

use std::time::Instant;

pub use solver::{
    Concession, Conflict, Cost, Instance, Limit, Method, Options, Package, Progress, Solution, SolveError,
    Solver, solve, solve_with_progress,
};

pub use costs::CostTable;
pub use packages::{Concessions, PackageResult, Packages, concessions};
pub use problem::{Candidate, ConflictRef, Problem, problem};

use crate::limits::Limits;

impl Options {
    /// The default options within `limits`: its node budget, and a deadline its time
    /// limit from now.
    pub fn within(limits: &Limits) -> Options {
        Options {
            max_nodes: limits.max_nodes,
            deadline: limits.time_limit.and_then(|t| Instant::now().checked_add(t)),
            ..Options::default()
        }
    }
}
