//! The JSON report of a concession analysis, with its own output types and a
//! `schema_version`. Documented in `docs/json-output.md`.

use serde::Serialize;

use super::unblocks;
use crate::concede::{Concessions, Packages, Solver};
use crate::whatif::{Edit, Outcome};

/// The version of this output format.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The version of this format.
    pub schema_version: u32,
    /// The ids of the proposals, in order.
    pub proposals: Vec<String>,
    /// `packages` (found), `no_conflict` or `infeasible`.
    pub status: &'static str,
    /// The conflicts to resolve.
    pub conflicts: Vec<ConflictOut>,
    /// The terms in conflict, each a candidate concession.
    pub candidates: Vec<CandidateOut>,
    /// The packages, cheapest first.
    pub packages: Vec<PackageOut>,
    /// `min_cut` or `search` (null when nothing was solved).
    pub solver: Option<&'static str>,
    /// For each proposal that concedes alone in a listed package: the cheapest such.
    pub one_sided: Vec<OneSidedOut>,
    /// When infeasible: the conflicts only a red line could resolve.
    pub red_line_conflicts: Vec<RedLineOut>,
}

/// A conflict.
#[derive(Debug, Serialize)]
pub struct ConflictOut {
    /// Left term.
    pub left: String,
    /// Right term.
    pub right: String,
    /// Whether a derived atom is involved.
    pub indirect: bool,
}

/// A candidate concession.
#[derive(Debug, Serialize)]
pub struct CandidateOut {
    /// `proposal-id/term-id`.
    pub term: String,
    /// Its priority.
    pub priority: &'static str,
    /// Its cost; null for a red line (never conceded).
    pub cost: Option<u64>,
}

/// A package.
#[derive(Debug, Serialize)]
pub struct PackageOut {
    /// The terms withdrawn.
    pub withdraw: Vec<String>,
    /// The total cost.
    pub cost: u64,
    /// The cost to each proposal, by proposal id.
    pub cost_by_proposal: Vec<ProposalCostOut>,
    /// The share of the cost borne by the proposal conceding most (1/N to 1).
    pub balance: f64,
    /// The verdict of each pair after the package.
    pub verdicts_after: Vec<String>,
    /// The terms it unblocks.
    pub unblocks: Vec<String>,
    /// The edits that apply it, for `whatif`.
    pub edits: Vec<EditOut>,
}

/// A cost borne by one proposal.
#[derive(Debug, Serialize)]
pub struct ProposalCostOut {
    /// The proposal id.
    pub proposal: String,
    /// Its cost.
    pub cost: u64,
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
    pub cost: u64,
}

/// A conflict only a red line could resolve.
#[derive(Debug, Serialize)]
pub struct RedLineOut {
    /// Left term.
    pub left: String,
    /// Right term.
    pub right: String,
    /// The red-line terms among the two.
    pub red_lines: Vec<String>,
}

/// Builds the report.
pub fn report(c: &Concessions) -> Report {
    let ids: Vec<String> = c.baseline.proposals.iter().map(|p| p.id().to_owned()).collect();
    let mut r = Report {
        schema_version: SCHEMA_VERSION,
        proposals: ids.clone(),
        status: "packages",
        conflicts: c
            .conflicts
            .iter()
            .map(|k| ConflictOut {
                left: k.left.clone(),
                right: k.right.clone(),
                indirect: k.indirect,
            })
            .collect(),
        candidates: c
            .candidates
            .iter()
            .map(|k| CandidateOut {
                term: k.name.clone(),
                priority: k.priority.as_str(),
                cost: k.cost.finite(),
            })
            .collect(),
        packages: Vec::new(),
        solver: None,
        one_sided: Vec::new(),
        red_line_conflicts: Vec::new(),
    };
    match &c.packages {
        Packages::NoConflict => r.status = "no_conflict",
        Packages::Infeasible(conflicts) => {
            r.status = "infeasible";
            r.red_line_conflicts = conflicts
                .iter()
                .filter_map(|&i| {
                    let k = c.conflicts.get(i)?;
                    Some(RedLineOut {
                        left: k.left.clone(),
                        right: k.right.clone(),
                        red_lines: c.red_lines(i).iter().map(|x| x.name.clone()).collect(),
                    })
                })
                .collect();
        }
        Packages::Found { packages, solver } => {
            r.solver = Some(match solver {
                Solver::MinCut => "min_cut",
                Solver::Search => "search",
            });
            r.packages = packages
                .iter()
                .map(|k| PackageOut {
                    withdraw: k
                        .terms
                        .iter()
                        .filter_map(|&t| c.candidates.get(t).map(|x| x.name.clone()))
                        .collect(),
                    cost: k.package.cost,
                    cost_by_proposal: ids
                        .iter()
                        .enumerate()
                        .map(|(j, id)| ProposalCostOut {
                            proposal: id.clone(),
                            cost: k.package.cost_by_proposal.get(j).copied().unwrap_or(0),
                        })
                        .collect(),
                    balance: k.package.balance,
                    verdicts_after: match &k.outcome {
                        Outcome::Evaluated(e) => e
                            .summary
                            .pairs
                            .iter()
                            .map(|p| p.verdict.as_str().to_owned())
                            .collect(),
                        Outcome::Invalid(_) => vec!["invalid".to_owned()],
                    },
                    unblocks: unblocks(k),
                    edits: k
                        .edits
                        .iter()
                        .map(|e| EditOut {
                            text: e.to_string(),
                            edit: e.clone(),
                        })
                        .collect(),
                })
                .collect();
            r.one_sided = c
                .one_sided()
                .into_iter()
                .filter_map(|(p, k)| {
                    Some(OneSidedOut {
                        proposal: ids.get(p)?.clone(),
                        package: k,
                        cost: packages.get(k)?.package.cost,
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
