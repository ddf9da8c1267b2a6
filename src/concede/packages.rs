//! The concession analysis of a set of proposals: their concession problem (DESIGN
//! §5, v2: conflicts, deadlocks and, when asked, pending conditions, each with the
//! moves that resolve it) solved exactly by [`super::solver`] — the cheapest packages
//! and the Pareto front of the proposals' costs (two or more) — and every
//! package verified by the engine: its edits evaluated as a what-if scenario, and the
//! package confirmed only when the edited proposals leave none of the problems asked
//! about.

use std::collections::HashMap;

use super::costs::CostTable;
use super::edits::edits;
use super::moves::{Candidate, MoveKind};
use super::problem::{Problem, ProblemKind, ProblemRef, Scope, problem_in};
use super::solver::{self, Cost, Options, Package, Progress, SolveError, Solver};
use super::strict::{Ctx, LOOKAHEAD, MAX_ROUNDS, Model, PAIRS_AHEAD, Refiner};
use crate::engine::{Analysis, Baseline, BlockStatus, Direction, Finding};
use crate::vocab::Vocab;
use crate::whatif::{Edit, Keep, Outcome, Scenario, evaluate_one_with};

/// What the engine found left after a package: the problems asked about that remain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Remaining {
    /// Conflicts, direct and indirect (not contingent).
    pub conflicts: usize,
    /// Sequencing deadlocks.
    pub deadlocks: usize,
    /// Contingent conflicts (counted when they were asked about).
    pub contingent: usize,
    /// Conditions left pending or blocked (counted when they were asked about).
    pub held: usize,
}

impl Remaining {
    /// Whether nothing asked about remains: the package is confirmed.
    pub fn none(&self) -> bool {
        *self == Remaining::default()
    }
}

/// One package of moves and what it does.
#[derive(Debug, Clone)]
pub struct PackageResult {
    /// The solver's package (its moves, costs and balance).
    pub package: Package,
    /// The moves, as indices into [`Concessions::candidates`].
    pub moves: Vec<usize>,
    /// For each move, the problems (indices into [`Concessions::problems`]) it
    /// resolves, alone or with the other moves of the package.
    pub resolves: Vec<Vec<usize>>,
    /// The edits that apply it.
    pub edits: Vec<Edit>,
    /// The package evaluated as a what-if scenario: its summary (verdicts and counts
    /// after it), and of its changes only the blocked terms it unblocks.
    pub outcome: Outcome,
    /// What the engine found left of the problems asked about; `None` when the
    /// edits could not be evaluated.
    pub remaining: Option<Remaining>,
}

impl PackageResult {
    /// Whether the engine confirms the package: evaluated, and nothing asked about left.
    pub fn verified(&self) -> bool {
        self.remaining.is_some_and(|r| r.none())
    }
}

/// What came of the search.
#[derive(Debug, Clone)]
pub enum Packages {
    /// No problem to resolve: nothing to concede.
    NoConflict,
    /// The cheapest packages, cheapest first.
    Found {
        /// The packages.
        packages: Vec<PackageResult>,
        /// The algorithm used.
        solver: Solver,
    },
    /// No package exists: these problems (indices into [`Concessions::problems`])
    /// can only be resolved by moving a red line.
    Infeasible(Vec<usize>),
}

/// The Pareto front of the proposals' costs.
#[derive(Debug, Clone)]
pub struct Front {
    /// The points, ordered by their costs (cheapest for the first proposal first).
    pub points: Vec<PackageResult>,
    /// The balanced point (an index into `points`): the one whose largest cost to a
    /// side is least, then the cheapest in all.
    pub balanced: usize,
}

/// The concession analysis of a set of proposals.
#[derive(Debug, Clone)]
pub struct Concessions {
    /// The analysis of the proposals as they are.
    pub baseline: Analysis,
    /// Which problems were resolved.
    pub scope: Scope,
    /// The candidate moves.
    pub candidates: Vec<Candidate>,
    /// The problems, each resolved by any of its ways.
    pub problems: Vec<ProblemRef>,
    /// The packages.
    pub packages: Packages,
    /// When packages were found: the Pareto front of the proposals' costs.
    pub front: Option<Front>,
    /// Why the front was not found, when its search stopped (its budget ran out).
    pub front_stopped: Option<SolveError>,
    /// With `strict`: how many times the problems that packages uncovered were added
    /// and the instance solved again.
    pub strict_rounds: usize,
    /// With `strict`: the round after which the refinement stopped with a package the
    /// engine does not confirm (the bound of rounds reached, or nothing new found).
    pub strict_stopped: Option<usize>,
    /// With `strict`: the bound that cut the look ahead short (the most moves tried
    /// each alone, [`super::STRICT_LOOKAHEAD`], or two together,
    /// [`super::STRICT_PAIRS_AHEAD`]), so that the packages, each confirmed by the
    /// engine, are not proven the cheapest.
    pub strict_unproven: Option<usize>,
}

/// [`concessions_with`] over conflicts and deadlocks (no pending conditions, no
/// contingent conflicts).
pub fn concessions(
    baseline: Analysis,
    costs: &CostTable,
    options: &Options,
    vocab: &Vocab,
    progress: &mut dyn FnMut(Progress),
) -> Result<Concessions, SolveError> {
    concessions_with(baseline, costs, Scope::default(), options, vocab, progress)
}

/// Finds the cheapest packages of moves after which none of the problems of `scope`
/// remains, and the Pareto front of the proposals' costs; evaluates
/// each package. `progress` hears from a long search as it goes. Errors: the solver's
/// budget ran out, or the instance is malformed.
pub fn concessions_with(
    baseline: Analysis,
    costs: &CostTable,
    scope: Scope,
    options: &Options,
    vocab: &Vocab,
    progress: &mut dyn FnMut(Progress),
) -> Result<Concessions, SolveError> {
    let Problem {
        candidates,
        problems,
        mut instance,
    } = problem_in(&baseline, costs, scope, vocab);
    let mut out = Concessions {
        baseline,
        scope,
        candidates,
        problems,
        packages: Packages::NoConflict,
        front: None,
        front_stopped: None,
        strict_rounds: 0,
        strict_stopped: None,
        strict_unproven: None,
    };
    if out.problems.is_empty() {
        return Ok(out);
    }
    // Each package is verified by a what-if from the baseline, its keys made once.
    let keyed = Baseline::new(out.baseline, vocab);
    if scope.strict {
        screen(
            &keyed,
            &mut out.candidates,
            &mut instance,
            &out.problems,
            costs,
            scope,
            vocab,
        );
    }
    // What each problem is resolved by, as the reports word it (an uncovered problem
    // stands in the instance as a conditional conflict).
    let mut ways: Vec<Vec<Vec<usize>>> = instance.conflicts.iter().map(|c| c.ways.clone()).collect();
    let mut refiner = Refiner::default();
    let ctx = Ctx {
        keyed: &keyed,
        costs,
        scope,
        vocab,
    };
    if scope.strict {
        let mut model = Model {
            candidates: &mut out.candidates,
            instance: &mut instance,
            problems: &mut out.problems,
            ways: &mut ways,
        };
        let singles = refiner.lookahead(&ctx, &mut model, LOOKAHEAD);
        let pairs = refiner.pairs_ahead(&ctx, &mut model, PAIRS_AHEAD);
        out.strict_unproven = match (singles, pairs) {
            (false, _) => Some(LOOKAHEAD),
            (true, false) => Some(PAIRS_AHEAD),
            (true, true) => None,
        };
    }
    // A package both listed and on the front is evaluated once, and once only across
    // the rounds of `strict` (its evaluation depends on its moves alone).
    let mut done: HashMap<Vec<usize>, PackageResult> = HashMap::new();
    let mut rounds = 0;
    let (packages, points, solver) = loop {
        let solution = match solver::solve_with_progress(&instance, options, progress) {
            Ok(s) => s,
            Err(SolveError::Infeasible { red_line_conflicts }) => {
                out.packages = Packages::Infeasible(red_line_conflicts);
                out.baseline = keyed.into_analysis();
                return Ok(out);
            }
            Err(e) => return Err(e),
        };
        // The front is a second search; when its budget runs out, the packages stand
        // and the report says the front was not found.
        out.front_stopped = None;
        let front = if keyed.analysis().proposals.len() >= 2 {
            match solver::pareto(&instance, &options.for_front()) {
                Ok(points) => Some(points),
                Err(e) => {
                    out.front_stopped = Some(e);
                    None
                }
            }
        } else {
            None
        };
        let mut evaluate = |package: Package| -> PackageResult {
            let r = match done.get(&package.concessions) {
                Some(r) => PackageResult { package, ..r.clone() },
                None => evaluate(&keyed, &out.candidates, scope, vocab, package),
            };
            done.insert(r.package.concessions.clone(), r.clone());
            r
        };
        let packages: Vec<PackageResult> = solution.packages.into_iter().map(&mut evaluate).collect();
        let points: Option<Vec<PackageResult>> =
            front.map(|points| points.into_iter().map(&mut evaluate).collect());
        let unconfirmed: Vec<Vec<usize>> = packages
            .iter()
            .chain(points.iter().flatten())
            .filter(|k| !k.verified())
            .map(|k| k.moves.clone())
            .collect();
        if !scope.strict || unconfirmed.is_empty() {
            break (packages, points, solution.solver);
        }
        if rounds == MAX_ROUNDS {
            out.strict_stopped = Some(rounds);
            break (packages, points, solution.solver);
        }
        let mut model = Model {
            candidates: &mut out.candidates,
            instance: &mut instance,
            problems: &mut out.problems,
            ways: &mut ways,
        };
        if !refiner.refine(&ctx, &mut model, &unconfirmed) {
            out.strict_stopped = Some(rounds);
            break (packages, points, solution.solver);
        }
        rounds += 1;
    };
    out.strict_rounds = rounds;
    let problems = &out.problems;
    let with_resolves = |mut k: PackageResult| {
        k.resolves = resolves(&ways, problems, &k.moves);
        k
    };
    let packages: Vec<PackageResult> = packages.into_iter().map(with_resolves).collect();
    out.front = points.map(|points| {
        let points: Vec<PackageResult> = points.into_iter().map(with_resolves).collect();
        let balanced = balanced(&points);
        Front { points, balanced }
    });
    out.packages = Packages::Found { packages, solver };
    out.baseline = keyed.into_analysis();
    Ok(out)
}

/// For each of `moves`, the problems it resolves, alone or with the others: those
/// with a way (`ways`, by problem) that holds it and lies wholly in `moves` (of the
/// problems moves uncover, only those `moves` uncover).
fn resolves(ways: &[Vec<Vec<usize>>], problems: &[ProblemRef], moves: &[usize]) -> Vec<Vec<usize>> {
    // Each problem is looked at once, its ways against the moves by a table: asking
    // every problem of every move made a package of thousands of withdrawals over
    // thousands of conflicts take most of a second.
    let at: HashMap<usize, usize> = moves.iter().enumerate().map(|(i, &m)| (m, i)).collect();
    let mut out = vec![Vec::new(); moves.len()];
    for (p, problem_ways) in ways.iter().enumerate() {
        if !problems
            .get(p)
            .is_some_and(|q| q.uncovered_by.iter().all(|x| at.contains_key(x)))
        {
            continue;
        }
        let mut by: Vec<usize> = problem_ways
            .iter()
            .filter(|w| w.iter().all(|x| at.contains_key(x)))
            .flatten()
            .filter_map(|x| at.get(x).copied())
            .collect();
        by.sort_unstable();
        by.dedup();
        for i in by {
            if let Some(list) = out.get_mut(i) {
                list.push(p);
            }
        }
    }
    out
}

/// Sets aside each move that changes what a term says (a narrowing, a meeting, a
/// commitment) when, tried alone, it raises a problem the proposals did not have — a
/// commitment may conflict with the other side's terms, a meeting leave another term
/// diverging: the engine is asked, once per such move. Only with `strict` (without
/// it, narrowing raises no conflict or deadlock, and there is no other such move).
fn screen(
    keyed: &Baseline,
    candidates: &mut [Candidate],
    instance: &mut solver::Instance,
    problems: &[ProblemRef],
    costs: &CostTable,
    scope: Scope,
    vocab: &Vocab,
) {
    let before: std::collections::HashSet<(ProblemKind, &[String])> =
        problems.iter().map(|p| (p.kind, p.names.as_slice())).collect();
    for i in 0..candidates.len() {
        let changes = matches!(
            candidates[i].mv.kind(),
            MoveKind::Narrow
                | MoveKind::NarrowScope
                | MoveKind::NarrowTopics
                | MoveKind::NarrowPartition
                | MoveKind::Meet
                | MoveKind::Commit
        );
        if !changes || candidates[i].cost == Cost::Forbidden {
            continue;
        }
        let scenario = Scenario::command_line(edits(keyed.analysis(), candidates, &[i]));
        let keep = Keep {
            analysis: true,
            proposals: false,
        };
        let raises = match evaluate_one_with(keyed, &scenario, vocab, keep) {
            Outcome::Evaluated(e) => e.analysis.is_none_or(|a| {
                problem_in(&a, costs, scope, vocab)
                    .problems
                    .iter()
                    .any(|p| !before.contains(&(p.kind, p.names.as_slice())))
            }),
            Outcome::Invalid(_) => true,
        };
        if raises {
            candidates[i].cost = Cost::Forbidden;
            candidates[i].set_aside = true;
            if let Some(c) = instance.concessions.get_mut(i) {
                c.cost = Cost::Forbidden;
            }
        }
    }
}

/// The index of the balanced point: least cost to the side that pays more, then
/// least in all, then the first.
fn balanced(points: &[PackageResult]) -> usize {
    points
        .iter()
        .enumerate()
        .min_by_key(|(i, p)| {
            let most = p.package.cost_by_proposal.iter().copied().max().unwrap_or(0);
            (most, p.package.cost, *i)
        })
        .map_or(0, |(i, _)| i)
}

/// `package` carried out as edits, evaluated, and checked (what each move resolves is
/// filled in once the problems are final).
fn evaluate(
    keyed: &Baseline,
    candidates: &[Candidate],
    scope: Scope,
    vocab: &Vocab,
    package: Package,
) -> PackageResult {
    let moves = package.concessions.clone();
    let edits = edits(keyed.analysis(), candidates, &moves);
    let scenario = Scenario::command_line(edits.clone());
    let keep = Keep {
        analysis: true,
        proposals: false,
    };
    let mut outcome = evaluate_one_with(keyed, &scenario, vocab, keep);
    let remaining = match &mut outcome {
        Outcome::Evaluated(e) => e.analysis.take().map(|a| remaining(&a, scope)),
        Outcome::Invalid(_) => None,
    };
    PackageResult {
        package,
        moves,
        resolves: Vec::new(),
        edits,
        outcome: lean(outcome),
        remaining,
    }
}

/// What is left of the problems of `scope` in `a`.
fn remaining(a: &Analysis, scope: Scope) -> Remaining {
    let mut r = Remaining::default();
    for pair in &a.pairs {
        let c = pair.counts();
        r.conflicts += c.conflicts + c.indirect;
        r.deadlocks += c.deadlocks;
        if scope.contingent {
            r.contingent += c.contingent;
        }
        if scope.strict {
            r.held += pair
                .blocked
                .iter()
                .filter(|b| b.by_coverage.is_empty() && !b.causes.is_empty())
                .count();
        }
    }
    r
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

    /// The red-line terms of a problem that makes the search infeasible: its terms
    /// that cannot be withdrawn.
    pub fn red_lines(&self, problem: usize) -> Vec<&Candidate> {
        let Some(p) = self.problems.get(problem) else {
            return Vec::new();
        };
        self.candidates
            .iter()
            .filter(|k| {
                k.cost == Cost::Forbidden
                    && matches!(k.mv, super::moves::Move::Withdraw { .. })
                    && p.names.contains(&k.name)
            })
            .collect()
    }
}
