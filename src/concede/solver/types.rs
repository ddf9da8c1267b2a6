//! The input and output data of the concession solver: instances, options, packages, errors.

use std::fmt;
use std::time::Instant;

/// What conceding one concession costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cost {
    /// A finite cost (the weight of the term's priority, say).
    Finite(u64),
    /// A red line: this concession is never made.
    Forbidden,
}

impl Cost {
    /// The finite cost, or `None` for a red line.
    pub fn finite(self) -> Option<u64> {
        match self {
            Cost::Finite(c) => Some(c),
            Cost::Forbidden => None,
        }
    }
}

/// One candidate concession. Its id is its index in [`Instance::concessions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Concession {
    /// The proposal (numbered from 0) that would make this concession.
    pub proposal: usize,
    /// What it costs that proposal.
    pub cost: Cost,
}

impl Concession {
    /// A concession of `proposal` at `cost`.
    pub fn new(proposal: usize, cost: Cost) -> Concession {
        Concession { proposal, cost }
    }
}

/// One conflict and the ways to resolve it.
///
/// A way is a set of concession ids that together resolve the conflict; the conflict is
/// resolved by a package that contains every concession of at least one way. A conflict
/// with an empty way is resolved already; a conflict with no way cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Conflict {
    /// The ways to resolve the conflict (concession ids, in any order).
    pub ways: Vec<Vec<usize>>,
}

impl Conflict {
    /// The common case: conceding either `a` or `b` resolves the conflict.
    pub fn edge(a: usize, b: usize) -> Conflict {
        Conflict {
            ways: vec![vec![a], vec![b]],
        }
    }

    /// A conflict that only concession `a` resolves.
    pub fn single(a: usize) -> Conflict {
        Conflict { ways: vec![vec![a]] }
    }
}

/// A conflict that arises only once some concessions are all made (resolving one
/// problem can uncover another): a package that makes every concession of `when`
/// must contain a way of it too; any other package may leave it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Conditional {
    /// The conflict (an id in [`Instance::conflicts`]) it stands for, named when it
    /// cannot be resolved.
    pub conflict: usize,
    /// The concessions that, all made, raise it.
    pub when: Vec<usize>,
    /// The ways to resolve it.
    pub ways: Vec<Vec<usize>>,
}

/// A concession problem: the candidate concessions and the conflicts they must resolve.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Instance {
    /// The candidate concessions; a concession's id is its index here.
    pub concessions: Vec<Concession>,
    /// The conflicts; a conflict's id is its index here.
    pub conflicts: Vec<Conflict>,
    /// Conflicts that arise only once some concessions are made (usually none).
    pub conditional: Vec<Conditional>,
}

/// Which algorithm to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Min-cut when the conflicts form a bipartite graph of edges, search otherwise.
    #[default]
    Auto,
    /// Always the branch-and-bound search (for cross-checks and small instances).
    Search,
}

/// How the solver proceeds and when it gives up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How many packages to return: the optimal one and the next best (0 is taken as 1).
    pub top: usize,
    /// The most search nodes (branch-and-bound nodes or min-cut subproblems) to explore.
    pub max_nodes: u64,
    /// The moment after which the solver gives up.
    pub deadline: Option<Instant>,
    /// How long the search for the Pareto front may take from its start (within
    /// [`Options::deadline`]); `None`: until the deadline.
    pub front_time: Option<std::time::Duration>,
    /// Which algorithm to use.
    pub method: Method,
}

impl Options {
    /// The options of the search for the Pareto front started now: the deadline the
    /// earlier of [`Options::deadline`] and [`Options::front_time`] from now.
    pub fn for_front(&self) -> Options {
        let own = self.front_time.and_then(|t| Instant::now().checked_add(t));
        let deadline = match (self.deadline, own) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Options { deadline, ..*self }
    }
}

impl Default for Options {
    /// One package, a million nodes, no deadline (a caller that must stop in time sets
    /// [`Options::deadline`]; the command line always does).
    fn default() -> Options {
        Options {
            top: 1,
            max_nodes: 1_000_000,
            deadline: None,
            front_time: None,
            method: Method::Auto,
        }
    }
}

/// Where a long search stands, passed to the progress callback now and then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Nodes explored so far.
    pub explored: u64,
    /// The node budget ([`Options::max_nodes`]).
    pub max_nodes: u64,
    /// Packages found so far (not yet proven to be among the best).
    pub found: usize,
    /// The cost of the cheapest package found so far.
    pub best_cost: Option<u64>,
}

/// Which algorithm produced a solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Solver {
    /// Minimum-weight vertex cover of a bipartite graph by min-cut (ranked by partitioning).
    MinCut,
    /// Exact branch-and-bound search.
    Search,
}

/// One package of concessions that resolves every conflict, and none of whose concessions
/// can be left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// The concession ids, ascending.
    pub concessions: Vec<usize>,
    /// The total cost.
    pub cost: u64,
    /// The cost borne by each proposal, indexed by proposal; its length is one more than
    /// the highest proposal number among the instance's concessions.
    pub cost_by_proposal: Vec<u64>,
    /// The share of the total cost borne by the proposal that concedes most: from 1/N
    /// (every one of N proposals pays the same) to 1.0 (one proposal pays everything);
    /// 0.0 when the package costs nothing.
    pub balance: f64,
}

/// The cheapest packages, cheapest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// The optimal package first, then the next best in non-decreasing cost. Fewer than
    /// [`Options::top`] when there are fewer distinct minimal packages.
    pub packages: Vec<Package>,
    /// The algorithm used.
    pub solver: Solver,
    /// The nodes explored.
    pub explored: u64,
}

/// Which budget ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`Options::max_nodes`].
    Nodes,
    /// [`Options::deadline`].
    Time,
}

/// Why no solution was returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SolveError {
    /// No package exists: each listed conflict (ascending ids) can only be resolved by
    /// conceding a red line (every way to resolve it uses a forbidden concession, or it
    /// has no way at all).
    Infeasible {
        /// The conflicts that cannot be resolved.
        red_line_conflicts: Vec<usize>,
    },
    /// The search budget ran out before the answer was proven.
    BudgetExceeded {
        /// The nodes explored.
        explored: u64,
        /// Which budget ran out.
        limit: Limit,
    },
    /// The instance is malformed (a way names a concession that does not exist, or the
    /// costs overflow).
    InvalidInstance {
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for SolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SolveError::Infeasible { red_line_conflicts } => {
                let ids: Vec<String> = red_line_conflicts.iter().map(|c| format!("`{c}`")).collect();
                write!(
                    f,
                    "no package of concessions exists: red lines block conflicts {}",
                    ids.join(", ")
                )
            }
            SolveError::BudgetExceeded {
                explored,
                limit: Limit::Nodes,
            } => {
                write!(f, "search budget exceeded after {explored} nodes")
            }
            SolveError::BudgetExceeded {
                explored,
                limit: Limit::Time,
            } => {
                write!(f, "search time limit reached after {explored} nodes")
            }
            SolveError::InvalidInstance { message } => write!(f, "invalid concession instance: {message}"),
        }
    }
}

impl std::error::Error for SolveError {}
