//! The JSON report of a concession analysis, with its own output types and a
//! `schema_version`. Documented in `docs/json-output.md`. Costs are numbers of points
//! (a quarter of a minor term is `0.25`); every sentence has its values beside it.

use serde::Serialize;

use super::{
    balance, balanced_words, listed, move_words, plain, strict_stopped, strict_unproven, unblocks,
    verification,
};
use crate::concede::{Concessions, PackageResult, Packages, Solver, as_number};
use crate::whatif::{Edit, Outcome};

/// The version of this output format.
pub const SCHEMA_VERSION: u32 = 2;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The version of this format.
    pub schema_version: u32,
    /// The ids of the proposals, in order.
    pub proposals: Vec<String>,
    /// `packages` (found), `no_conflict` (nothing to resolve) or `infeasible`.
    pub status: &'static str,
    /// Whether pending conditions were resolved too (`strict`).
    pub strict: bool,
    /// Whether contingent conflicts were resolved too.
    pub contingent: bool,
    /// The problems to resolve.
    pub problems: Vec<ProblemOut>,
    /// The candidate moves.
    pub candidates: Vec<CandidateOut>,
    /// The packages, optimal first, then the next best.
    pub packages: Vec<PackageOut>,
    /// The Pareto front of the proposals' costs, ordered by the costs (cheapest for
    /// the first proposal first); null when no package was found.
    pub front: Option<FrontOut>,
    /// Why the front is null although packages were found: its search stopped.
    pub front_stopped: Option<String>,
    /// `min_cut` or `search` (null when nothing was solved).
    pub solver: Option<&'static str>,
    /// For each proposal that concedes alone in a listed package: the cheapest such.
    pub one_sided: Vec<OneSidedOut>,
    /// When infeasible: the problems only a red line could resolve.
    pub red_line_problems: Vec<RedLineOut>,
    /// With `strict`: how many times what packages uncovered was added and the search
    /// run again.
    pub strict_rounds: usize,
    /// With `strict`, when some package is left that the engine does not confirm: why
    /// the search stopped short (null otherwise).
    pub strict_stopped: Option<String>,
    /// With `strict`: why the packages are not proven the cheapest, when the look
    /// ahead before the search was cut short by its bound (null otherwise).
    pub strict_unproven: Option<String>,
}

/// A problem.
#[derive(Debug, Serialize)]
pub struct ProblemOut {
    /// `conflict`, `indirect_conflict`, `contingent_conflict`, `deadlock`, `pending`
    /// or `blocked`.
    pub kind: &'static str,
    /// The terms it names (see `docs/json-output.md`).
    pub terms: Vec<String>,
    /// The problem in words.
    pub description: String,
    /// For a problem the proposals do not have but moves would uncover (with
    /// `strict`, found by the engine): those moves (indices into `candidates`), all of
    /// which made, it must be resolved too; empty otherwise.
    pub uncovered_by: Vec<usize>,
}

/// A candidate move.
#[derive(Debug, Serialize)]
pub struct CandidateOut {
    /// `withdraw`, `narrow`, `meet`, `drop_condition`, `concurrent` or `commit`.
    pub kind: &'static str,
    /// `proposal-id/term-id` of the term it moves (for `commit`, the term committed to).
    pub term: String,
    /// The other term (the required term of a condition; the term met) or, for
    /// `commit`, the committing proposal.
    pub other: Option<String>,
    /// The proposal that makes (and pays for) the move.
    pub proposal: String,
    /// For `narrow`: the new window, in the proposal's own days.
    pub window: Option<WindowOut>,
    /// For `narrow_scope`, `narrow_topics` and `narrow_partition`: what is narrowed.
    pub narrowed: Option<NarrowedOut>,
    /// The priority it is priced by.
    pub priority: &'static str,
    /// Its cost; null for a red line (never moved).
    pub cost: Option<f64>,
    /// The move in words.
    pub description: String,
}

/// A narrowing of scope, topics or partition.
#[derive(Debug, Serialize)]
pub struct NarrowedOut {
    /// The field the edit sets: `scope`, `about` or `params.NAME`.
    pub field: String,
    /// The taxonomy (`area`, `topic`) or the partition parameter.
    pub dimension: String,
    /// What the term named there before (empty: every category of a parameter it
    /// did not state).
    pub before: Vec<String>,
    /// What it names after.
    pub after: Vec<String>,
    /// The common part it leaves out, which the terms it conflicts with cover.
    pub left_out: Vec<String>,
}

/// A window of days (`to` exclusive, null for no end).
#[derive(Debug, Serialize)]
pub struct WindowOut {
    /// First day.
    pub from: i64,
    /// End day (exclusive), or null.
    pub to: Option<i64>,
}

/// A package.
#[derive(Debug, Serialize)]
pub struct PackageOut {
    /// Its moves (indices into `candidates`) and what each resolves.
    pub moves: Vec<PackageMoveOut>,
    /// The total cost.
    pub cost: f64,
    /// The cost to each proposal, by proposal id.
    pub cost_by_proposal: Vec<ProposalCostOut>,
    /// The share of the cost borne by the proposal conceding most (1/N to 1).
    pub balance: f64,
    /// How the cost falls on the sides, in words.
    pub balance_words: String,
    /// The verdict of each pair after the package.
    pub verdicts_after: Vec<String>,
    /// Whether the engine, run on the edited proposals, finds none of the problems left.
    pub verified: bool,
    /// What the engine found, in words.
    pub verification: String,
    /// The terms it unblocks.
    pub unblocks: Vec<String>,
    /// The edits that apply it, for `whatif`.
    pub edits: Vec<EditOut>,
}

/// A move of a package.
#[derive(Debug, Serialize)]
pub struct PackageMoveOut {
    /// Its index in `candidates`.
    pub candidate: usize,
    /// The problems (indices into `problems`) it resolves, alone or with the others.
    pub resolves: Vec<usize>,
}

/// The Pareto front.
#[derive(Debug, Serialize)]
pub struct FrontOut {
    /// The points, each a package.
    pub points: Vec<PackageOut>,
    /// The index in `points` of the balanced point.
    pub balanced: usize,
    /// The balanced point explained in words.
    pub balanced_words: String,
}

/// A cost borne by one proposal.
#[derive(Debug, Serialize)]
pub struct ProposalCostOut {
    /// The proposal id.
    pub proposal: String,
    /// Its cost.
    pub cost: f64,
}

/// An edit, in both forms.
#[derive(Debug, Serialize)]
pub struct EditOut {
    /// Command-line form.
    pub text: String,
    /// Scenario-file form.
    pub edit: Edit,
}

/// The cheapest package in which one proposal concedes alone.
#[derive(Debug, Serialize)]
pub struct OneSidedOut {
    /// The proposal id.
    pub proposal: String,
    /// The package's index in `packages`.
    pub package: usize,
    /// Its cost.
    pub cost: f64,
}

/// A problem only a red line could resolve.
#[derive(Debug, Serialize)]
pub struct RedLineOut {
    /// Its index in `problems`.
    pub problem: usize,
    /// The red-line terms among its terms.
    pub red_lines: Vec<String>,
}

fn package(ids: &[String], k: &PackageResult) -> PackageOut {
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    PackageOut {
        moves: k
            .moves
            .iter()
            .enumerate()
            .map(|(n, &m)| PackageMoveOut {
                candidate: m,
                resolves: k.resolves.get(n).cloned().unwrap_or_default(),
            })
            .collect(),
        cost: as_number(k.package.cost),
        cost_by_proposal: ids
            .iter()
            .enumerate()
            .map(|(j, id)| ProposalCostOut {
                proposal: id.clone(),
                cost: as_number(k.package.cost_by_proposal.get(j).copied().unwrap_or(0)),
            })
            .collect(),
        balance: k.package.balance,
        balance_words: balance(&refs, k),
        verdicts_after: match &k.outcome {
            Outcome::Evaluated(e) => e
                .summary
                .pairs
                .iter()
                .map(|p| p.verdict.as_str().to_owned())
                .collect(),
            Outcome::Invalid(_) => vec!["invalid".to_owned()],
        },
        verified: k.verified(),
        verification: verification(k),
        unblocks: unblocks(k),
        edits: k
            .edits
            .iter()
            .map(|e| EditOut {
                text: e.to_string(),
                edit: e.clone(),
            })
            .collect(),
    }
}

/// Builds the report.
pub fn report(c: &Concessions) -> Report {
    let ids: Vec<String> = c.baseline.proposals.iter().map(|p| p.id().to_owned()).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut r = Report {
        schema_version: SCHEMA_VERSION,
        proposals: ids.clone(),
        status: "packages",
        strict: c.scope.strict,
        contingent: c.scope.contingent,
        problems: c
            .problems
            .iter()
            .map(|k| ProblemOut {
                kind: k.kind.as_str(),
                terms: k.names.clone(),
                description: listed(c, k, &plain),
                uncovered_by: k.uncovered_by.clone(),
            })
            .collect(),
        candidates: c
            .candidates
            .iter()
            .map(|k| CandidateOut {
                kind: k.mv.kind().as_str(),
                term: k.name.clone(),
                other: k.other.clone(),
                proposal: ids.get(k.mv.proposal()).cloned().unwrap_or_default(),
                window: match k.mv {
                    crate::concede::Move::Narrow { from, to, .. } => Some(WindowOut { from, to }),
                    _ => None,
                },
                narrowed: k.restricted.as_ref().map(|r| NarrowedOut {
                    field: r.field.clone(),
                    dimension: r.dimension.clone(),
                    before: r.before.clone(),
                    after: r.after.clone(),
                    left_out: r.left_out.clone(),
                }),
                priority: k.priority.as_str(),
                cost: k.cost.finite().map(as_number),
                description: move_words(c, k, &plain),
            })
            .collect(),
        packages: Vec::new(),
        front: None,
        front_stopped: c.front_stopped.as_ref().map(ToString::to_string),
        solver: None,
        one_sided: Vec::new(),
        red_line_problems: Vec::new(),
        strict_rounds: c.strict_rounds,
        strict_stopped: strict_stopped(c),
        strict_unproven: strict_unproven(c),
    };
    match &c.packages {
        Packages::NoConflict => r.status = "no_conflict",
        Packages::Infeasible(problems) => {
            r.status = "infeasible";
            r.red_line_problems = problems
                .iter()
                .map(|&i| RedLineOut {
                    problem: i,
                    red_lines: c.red_lines(i).iter().map(|x| x.name.clone()).collect(),
                })
                .collect();
        }
        Packages::Found { packages, solver } => {
            r.solver = Some(match solver {
                Solver::MinCut => "min_cut",
                Solver::Search => "search",
            });
            r.packages = packages.iter().map(|k| package(&ids, k)).collect();
            r.front = c.front.as_ref().map(|f| FrontOut {
                points: f.points.iter().map(|k| package(&ids, k)).collect(),
                balanced: f.balanced,
                balanced_words: balanced_words(c, &refs).unwrap_or_default(),
            });
            r.one_sided = c
                .one_sided()
                .into_iter()
                .filter_map(|(p, k)| {
                    Some(OneSidedOut {
                        proposal: ids.get(p)?.clone(),
                        package: k,
                        cost: as_number(packages.get(k)?.package.cost),
                    })
                })
                .collect();
        }
    }
    r
}

/// Renders the report as pretty JSON with a final newline.
pub fn render(c: &Concessions) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(&report(c))?;
    s.push('\n');
    Ok(s)
}
