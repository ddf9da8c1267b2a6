//! Concessions: the cheapest packages of withdrawn terms after which no conflict
//! remains.
//!
//! [`solver`] is the exact algorithm on an abstract [`Instance`] of concessions and
//! conflicts; it imports nothing else from the crate. Its types are re-exported here.

pub mod solver;

use std::time::Instant;

pub use solver::{
    Concession, Conflict, Cost, Instance, Limit, Method, Options, Package, Progress, Solution, SolveError,
    Solver, solve, solve_with_progress,
};

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
