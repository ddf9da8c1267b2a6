//! The concession analysis of a set of proposals: the terms in conflict as candidate
//! concessions (withdrawing a term, at the cost of its priority; red lines never), the
//! conflicts as what they must resolve, solved exactly by [`super::solver`], and each
//! package checked by evaluating it as a what-if scenario (the edits that withdraw its
//! terms), so that what it unblocks comes from the engine itself.

use std::collections::HashMap;

use super::costs::CostTable;
use super::solver::{
    self, Concession, Conflict, Cost, Instance, Options, Package, Progress, SolveError, Solver,
};
use super::withdraw::withdraw;
use crate::engine::{Analysis, RelationKind, TermRef};
use crate::model::Priority;
use crate::vocab::Vocab;
use crate::whatif::{Edit, Outcome, Scenario, evaluate_one};

/// A term that could be withdrawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The term.
    pub term: TermRef,
    /// `proposal-id/term-id`.
    pub name: String,
    /// Its priority.
    pub priority: Priority,
    /// What withdrawing it costs its proposal.
    pub cost: Cost,
}

/// A conflict to resolve: a conflict relation of a pair.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRef {
    /// The left term.
    pub left: String,
    /// The right term.
    pub right: String,
    /// Whether a derived atom is involved.
    pub indirect: bool,
}

/// One package of concessions and what it does.
#[derive(Debug, Clone)]
pub struct PackageResult {
    /// The solver's package (costs, balance).
    pub package: Package,
    /// The terms withdrawn, as indices into [`Concessions::candidates`].
    pub terms: Vec<usize>,
    /// The edits that apply it: `unrequire` for each condition on a withdrawn term,
    /// then `drop` for each withdrawn term.
    pub edits: Vec<Edit>,
    /// The package evaluated as a what-if scenario.
    pub outcome: Outcome,
}

/// What came of the search.
#[derive(Debug, Clone)]
pub enum Packages {
    /// Nothing conflicts: nothing to concede.
    NoConflict,
    /// The cheapest packages, cheapest first.
    Found {
        /// The packages.
        packages: Vec<PackageResult>,
        /// The algorithm used.
        solver: Solver,
    },
    /// No package exists: these conflicts (indices into [`Concessions::conflicts`]) can
    /// only be resolved by conceding a red line.
    Infeasible(Vec<usize>),
}

/// The concession analysis of a set of proposals.
#[derive(Debug, Clone)]
pub struct Concessions {
    /// The analysis of the proposals as they are.
    pub baseline: Analysis,
    /// The terms in conflict, each a candidate concession.
    pub candidates: Vec<Candidate>,
    /// The conflicts, each resolved by withdrawing either of its terms.
    pub conflicts: Vec<ConflictRef>,
    /// The packages.
    pub packages: Packages,
}

/// Finds the cheapest packages of concessions after which no conflict remains, and
/// evaluates each; `progress` hears from a long search as it goes. Errors: the
/// solver's budget ran out, or the instance is malformed.
pub fn concessions(
    baseline: Analysis,
    costs: &CostTable,
    options: &Options,
    vocab: &Vocab,
    progress: &mut dyn FnMut(Progress),
) -> Result<Concessions, SolveError> {
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut index: HashMap<TermRef, usize> = HashMap::new();
    let mut conflicts = Vec::new();
    let mut instance = Instance::default();
    for pair in &baseline.pairs {
        for r in pair.relations.iter().filter(|r| r.kind == RelationKind::Conflict) {
            let mut ends = [0usize; 2];
            for (slot, term) in ends.iter_mut().zip([r.left.term, r.right.term]) {
                *slot = *index.entry(term).or_insert_with(|| {
                    let priority = baseline.term(term).map(|t| t.priority).unwrap_or_default();
                    candidates.push(Candidate {
                        term,
                        name: baseline.term_name(term),
                        priority,
                        cost: costs.cost(priority),
                    });
                    instance
                        .concessions
                        .push(Concession::new(term.proposal, costs.cost(priority)));
                    candidates.len() - 1
                });
            }
            instance.conflicts.push(Conflict::edge(ends[0], ends[1]));
            conflicts.push(ConflictRef {
                left: baseline.term_name(r.left.term),
                right: baseline.term_name(r.right.term),
                indirect: r.is_indirect(),
            });
        }
    }
    if conflicts.is_empty() {
        return Ok(Concessions {
            baseline,
            candidates,
            conflicts,
            packages: Packages::NoConflict,
        });
    }
    let packages = match solver::solve_with_progress(&instance, options, progress) {
        Ok(solution) => Packages::Found {
            packages: solution
                .packages
                .into_iter()
                .map(|package| {
                    let terms = package.concessions.clone();
                    let edits = withdraw(&baseline, &candidates, &terms);
                    let scenario = Scenario::command_line(edits.clone());
                    let outcome = evaluate_one(&baseline, &scenario, vocab);
                    PackageResult {
                        package,
                        terms,
                        edits,
                        outcome,
                    }
                })
                .collect(),
            solver: solution.solver,
        },
        Err(SolveError::Infeasible { red_line_conflicts }) => Packages::Infeasible(red_line_conflicts),
        Err(e) => return Err(e),
    };
    Ok(Concessions {
        baseline,
        candidates,
        conflicts,
        packages,
    })
}

impl Concessions {
    /// For each proposal, the cheapest listed package in which it alone concedes, as
    /// `(proposal index, package index)`.
    pub fn one_sided(&self) -> Vec<(usize, usize)> {
        let Packages::Found { packages, .. } = &self.packages else {
            return Vec::new();
        };
        (0..self.baseline.proposals.len())
            .filter_map(|p| {
                packages
                    .iter()
                    .position(|k| {
                        k.package
                            .cost_by_proposal
                            .iter()
                            .enumerate()
                            .all(|(q, &c)| q == p || c == 0)
                    })
                    .map(|k| (p, k))
            })
            .collect()
    }

    /// The red-line terms of the conflicts that make the search infeasible.
    pub fn red_lines(&self, conflict: usize) -> Vec<&Candidate> {
        let Some(c) = self.conflicts.get(conflict) else {
            return Vec::new();
        };
        self.candidates
            .iter()
            .filter(|k| k.cost == Cost::Forbidden && (k.name == c.left || k.name == c.right))
            .collect()
    }
}
