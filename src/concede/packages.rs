//! The concession analysis of a set of proposals: their concession problem (terms in
//! conflict as candidate withdrawals, conflicts as what they must resolve) solved
//! exactly by [`super::solver`], and each package checked by evaluating it as a what-if
//! scenario (the edits that withdraw its terms), so that what it unblocks comes from
//! the engine itself.

use super::costs::CostTable;
use super::problem::{Candidate, ConflictRef, Problem, problem};
use super::solver::{self, Cost, Options, Package, Progress, SolveError, Solver};
use super::withdraw::withdraw;
use crate::engine::{Analysis, Baseline};
use crate::engine::{BlockStatus, Direction, Finding};
use crate::vocab::Vocab;
use crate::whatif::{Edit, Keep, Outcome, Scenario, evaluate_one_with};

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
    /// The package evaluated as a what-if scenario: its summary (verdicts and counts
    /// after it), and of its changes only the blocked terms it unblocks (see
    /// `lean`: the reports need no more, and every package asked for is kept at once).
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
    let Problem {
        candidates,
        conflicts,
        instance,
    } = problem(&baseline, costs);
    if conflicts.is_empty() {
        return Ok(Concessions {
            baseline,
            candidates,
            conflicts,
            packages: Packages::NoConflict,
        });
    }
    // Each package is verified by a what-if from the baseline, its keys made once.
    let keyed = Baseline::new(baseline, vocab);
    let baseline = keyed.analysis();
    let packages = match solver::solve_with_progress(&instance, options, progress) {
        Ok(solution) => Packages::Found {
            packages: solution
                .packages
                .into_iter()
                .map(|package| {
                    let terms = package.concessions.clone();
                    let edits = withdraw(baseline, &candidates, &terms);
                    let scenario = Scenario::command_line(edits.clone());
                    let outcome = lean(evaluate_one_with(&keyed, &scenario, vocab, Keep::SUMMARY));
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
        baseline: keyed.into_analysis(),
        candidates,
        conflicts,
        packages,
    })
}

/// A package's evaluation cut to what its reports show: the summary, and of the
/// changed findings only the blocked terms it unblocks, without witnesses. Every
/// package asked for is kept until the report is written, so what each keeps is
/// bounded by the findings it unblocks, not by the size of the proposals.
fn lean(outcome: Outcome) -> Outcome {
    let Outcome::Evaluated(mut e) = outcome else {
        return outcome;
    };
    for pc in &mut e.pairs {
        pc.changes.retain(|c| {
            c.change.direction == Direction::Lost
                && matches!(
                    c.change.finding,
                    Finding::Held {
                        status: BlockStatus::Blocked,
                        ..
                    }
                )
        });
        pc.changes.shrink_to_fit();
        for c in &mut pc.changes {
            c.witnesses = Vec::new();
            c.held_by = Vec::new();
        }
    }
    Outcome::Evaluated(e)
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
