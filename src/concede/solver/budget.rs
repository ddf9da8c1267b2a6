//! Counting explored nodes against the node budget and the deadline (read at every
//! node), and reporting progress every so many nodes.

use std::time::Instant;

use super::types::{Limit, Options, Progress, SolveError};

/// How often (in nodes) progress is reported.
const EVERY: u64 = 1024;

/// The budget of one solve.
pub(super) struct Budget<'a> {
    max_nodes: u64,
    deadline: Option<Instant>,
    explored: u64,
    progress: &'a mut dyn FnMut(Progress),
}

impl<'a> Budget<'a> {
    /// The budget set by `options`, reporting to `progress`.
    pub(super) fn new(options: &Options, progress: &'a mut dyn FnMut(Progress)) -> Budget<'a> {
        Budget {
            max_nodes: options.max_nodes,
            deadline: options.deadline,
            explored: 0,
            progress,
        }
    }

    /// The nodes explored so far.
    pub(super) fn explored(&self) -> u64 {
        self.explored
    }

    /// Counts one node; fails when a budget is exhausted.
    pub(super) fn tick(&mut self, found: usize, best_cost: Option<u64>) -> Result<(), SolveError> {
        if self.explored >= self.max_nodes {
            return Err(SolveError::BudgetExceeded {
                explored: self.explored,
                limit: Limit::Nodes,
            });
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(SolveError::BudgetExceeded {
                explored: self.explored,
                limit: Limit::Time,
            });
        }
        self.explored += 1;
        if self.explored.is_multiple_of(EVERY) {
            self.report(found, best_cost);
        }
        Ok(())
    }

    /// Reports progress now.
    pub(super) fn report(&mut self, found: usize, best_cost: Option<u64>) {
        let progress = Progress {
            explored: self.explored,
            max_nodes: self.max_nodes,
            found,
            best_cost,
        };
        (self.progress)(progress);
    }
}
