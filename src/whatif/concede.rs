//! Concessions (DESIGN §5): the terms in conflict as candidate concessions (withdrawing
//! a term, at the cost of its priority; red lines never), the conflicts as what they
//! must resolve, solved exactly by `crate::concede`, and each package checked by
//! evaluating it as a what-if scenario (the edits that withdraw its terms), so that
//! what it unblocks comes from the engine itself.

use std::collections::{HashMap, HashSet};

use super::edit::Edit;
use super::eval::{Outcome, evaluate_one};
use super::scenario::Scenario;
use crate::concede::{
    self, Concession, Conflict, Cost, Instance, Options, Package, Progress, SolveError, Solver,
};
use crate::engine::{Analysis, Baseline, RelationKind, TermRef};
use crate::model::Priority;
use crate::vocab::Vocab;

/// The cost of withdrawing a term of each priority; `red_line: None` never concedes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostTable {
    /// Red lines: `None` (the default) never conceded.
    pub red_line: Option<u64>,
    /// Core terms.
    pub core: u64,
    /// Normal terms.
    pub normal: u64,
    /// Minor terms.
    pub minor: u64,
}

impl Default for CostTable {
    /// The weights of [`Priority::weight`], red lines never conceded.
    fn default() -> CostTable {
        CostTable {
            red_line: None,
            core: u64::from(Priority::Core.weight()),
            normal: u64::from(Priority::Normal.weight()),
            minor: u64::from(Priority::Minor.weight()),
        }
    }
}

impl CostTable {
    /// Reads `red_line=never,core=5,minor=1` over the defaults.
    pub fn parse(text: &str) -> Result<CostTable, String> {
        let mut table = CostTable::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("bad cost `{part}`: expected `PRIORITY=COST`"))?;
            let (name, value) = (name.trim(), value.trim());
            let number = || {
                value
                    .parse::<u64>()
                    .map_err(|_| format!("bad cost `{part}`: `{value}` is not a whole number"))
            };
            match name {
                "red_line" if value == "never" => table.red_line = None,
                "red_line" => table.red_line = Some(number()?),
                "core" => table.core = number()?,
                "normal" => table.normal = number()?,
                "minor" => table.minor = number()?,
                other => {
                    let names = ["red_line", "core", "normal", "minor"];
                    let hint = crate::vocab::did_you_mean(other, names)
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    return Err(format!(
                        "bad cost `{part}`: unknown priority `{other}`{hint}; expected `red_line`, `core`, `normal` or `minor`"
                    ));
                }
            }
        }
        Ok(table)
    }

    /// The cost of withdrawing a term of priority `p`.
    pub fn cost(&self, p: Priority) -> Cost {
        match p {
            Priority::RedLine => self.red_line.map_or(Cost::Forbidden, Cost::Finite),
            Priority::Core => Cost::Finite(self.core),
            Priority::Normal => Cost::Finite(self.normal),
            Priority::Minor => Cost::Finite(self.minor),
        }
    }
}

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
    // Each package is verified by a what-if from the baseline, its keys made once.
    let keyed = Baseline::new(baseline, vocab);
    let baseline = keyed.analysis();
    let packages = match concede::solve_with_progress(&instance, options, progress) {
        Ok(solution) => Packages::Found {
            packages: solution
                .packages
                .into_iter()
                .map(|package| {
                    let terms = package.concessions.clone();
                    let edits = withdraw(baseline, &candidates, &terms);
                    let scenario = Scenario::command_line(edits.clone());
                    let outcome = evaluate_one(&keyed, &scenario, vocab);
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

/// The edits that withdraw `terms`: first every condition on them held by a term that
/// stays, then the terms themselves.
fn withdraw(a: &Analysis, candidates: &[Candidate], terms: &[usize]) -> Vec<Edit> {
    let dropped: Vec<TermRef> = terms
        .iter()
        .filter_map(|&i| candidates.get(i))
        .map(|c| c.term)
        .collect();
    let gone: HashSet<TermRef> = dropped.iter().copied().collect();
    let gone_ids: HashSet<(usize, &str)> = dropped
        .iter()
        .filter_map(|d| Some((d.proposal, &*a.term(*d)?.id)))
        .collect();
    let mut edits = Vec::new();
    for (pi, p) in a.proposals.iter().enumerate() {
        for (ti, t) in p.proposal.terms.iter().enumerate() {
            if t.requires.is_empty()
                || gone.contains(&TermRef {
                    proposal: pi,
                    term: ti,
                })
            {
                continue;
            }
            for c in t.requires.iter().filter(|c| gone_ids.contains(&(pi, &*c.term))) {
                edits.push(Edit::Unrequire {
                    term: format!("{}/{}", p.id(), t.id),
                    condition: c.term.to_string(),
                });
            }
        }
    }
    edits.extend(dropped.iter().map(|&d| Edit::Drop { term: a.term_name(d) }));
    edits
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

#[cfg(test)]
mod tests {
    use super::CostTable;

    #[test]
    fn cost_tables() {
        let t = CostTable::parse("core=5, red_line=20").unwrap();
        assert_eq!((t.core, t.red_line, t.normal), (5, Some(20), 2));
        assert_eq!(CostTable::parse("red_line=never").unwrap().red_line, None);
        assert!(
            CostTable::parse("cor=5")
                .unwrap_err()
                .contains("did you mean `core`?")
        );
        assert!(CostTable::parse("core").unwrap_err().contains("PRIORITY=COST"));
        assert!(
            CostTable::parse("core=-1")
                .unwrap_err()
                .contains("not a whole number")
        );
    }
}
