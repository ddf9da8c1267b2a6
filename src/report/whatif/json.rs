//! The JSON report of a what-if. Its types are its own (not the engine's or the
//! comparison report's), so either can change without breaking scripts;
//! `schema_version` changes when they do. Documented in `docs/json-output.md`.

use serde::Serialize;

use super::problem_with;
use crate::engine::Finding;
use crate::limit_kind::{LimitKind, Raise};
use crate::report::words;
use crate::whatif::{Edit, Outcome, Problem, ScenarioResult, Summary, WhatIf};

/// The version of this output format.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The version of this format.
    pub schema_version: u32,
    /// The ids of the proposals compared, in order.
    pub proposals: Vec<String>,
    /// The unedited proposals' summary.
    pub baseline: SummaryOut,
    /// One entry per scenario, in order.
    pub scenarios: Vec<ScenarioOut>,
}

/// Counts, verdicts and burden of one analysis.
#[derive(Debug, Serialize)]
pub struct SummaryOut {
    /// One entry per pair of proposals.
    pub pairs: Vec<PairSummaryOut>,
    /// The share of each proposal's weighted burden on its own authors, by proposal.
    pub burden: Vec<BurdenOut>,
}

/// A pair's verdict and counts.
#[derive(Debug, Serialize)]
pub struct PairSummaryOut {
    /// Left proposal id.
    pub left: String,
    /// Right proposal id.
    pub right: String,
    /// `compatible`, `compatible with open points` or `conflicting`.
    pub verdict: &'static str,
    /// Direct conflicts.
    pub conflicts: usize,
    /// Indirect conflicts.
    pub indirect: usize,
    /// Blocked terms.
    pub blocked: usize,
    /// Pending terms.
    pub pending: usize,
    /// Open terms.
    pub open: usize,
    /// Agreements.
    pub agreed: usize,
    /// Divergences.
    pub diverge: usize,
    /// Terms left to be agreed.
    pub to_be_agreed: usize,
    /// Must against may.
    pub compatible: usize,
    /// Sequencing deadlocks.
    pub deadlocks: usize,
    /// Contingent conflicts: they conflict only if another term's outcome comes (not
    /// counted in `conflicts` or `indirect`).
    pub contingent: usize,
}

/// One proposal's burden figure.
#[derive(Debug, Serialize)]
pub struct BurdenOut {
    /// The proposal id.
    pub proposal: String,
    /// The share (0 to 1) of its weighted burden on its own authors; null when it
    /// binds nobody.
    pub own_share: Option<f64>,
}

/// A scenario and what came of it.
#[derive(Debug, Serialize)]
pub struct ScenarioOut {
    /// Its name.
    pub name: String,
    /// The name in file-name form (as the files of its edited proposals are named).
    pub slug: String,
    /// What it stands for.
    pub description: Option<String>,
    /// The edits, in order.
    pub edits: Vec<EditOut>,
    /// `evaluated` or `invalid`.
    pub status: &'static str,
    /// The ids of the proposals its edits changed (evaluated only).
    pub changed_proposals: Vec<String>,
    /// Counts, verdicts and burden (null when invalid).
    pub summary: Option<SummaryOut>,
    /// What changed against the baseline, pair by pair (empty when invalid).
    pub changes: Vec<PairChangesOut>,
    /// Why it could not be evaluated (empty when evaluated).
    pub problems: Vec<ProblemOut>,
}

/// An edit.
#[derive(Debug, Serialize)]
pub struct EditOut {
    /// The edit in command-line form (`drop us-2025-03-11/aid`).
    pub text: String,
    /// The edit as in scenario files (`{"op": "drop", "term": ...}`).
    pub edit: Edit,
    /// Its JSON path in the scenario file; null when from the command line.
    pub origin: Option<String>,
}

/// What changed for one pair.
#[derive(Debug, Serialize)]
pub struct PairChangesOut {
    /// Left proposal id.
    pub left: String,
    /// Right proposal id.
    pub right: String,
    /// The verdict in the baseline.
    pub verdict_before: Option<&'static str>,
    /// The verdict in the scenario.
    pub verdict_after: &'static str,
    /// Every finding gained or lost, lost first.
    pub changes: Vec<ChangeOut>,
}

/// One changed finding.
#[derive(Debug, Serialize)]
pub struct ChangeOut {
    /// In words: `conflict resolved`, `newly pending`...
    pub change: &'static str,
    /// `gained` or `lost`.
    pub direction: &'static str,
    /// The finding.
    pub finding: FindingOut,
    /// The witness terms with their wording.
    pub witnesses: Vec<WitnessOut>,
    /// For a held term: the conditions holding it up.
    pub held_by: Vec<HeldOut>,
}

/// A finding, named by terms.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FindingOut {
    /// A relation between two terms.
    Relation {
        /// `conflict`, `diverge`, `compatible` or `agree`.
        kind: &'static str,
        /// Whether a derived atom is involved.
        indirect: bool,
        /// Whether it is a contingent conflict.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        contingent: bool,
        /// Left term.
        left: String,
        /// Right term.
        right: String,
    },
    /// A held-up term.
    Held {
        /// The term.
        term: String,
        /// `blocked` or `pending`.
        status: &'static str,
    },
    /// An open term.
    Open {
        /// The term.
        term: String,
    },
    /// A sequencing deadlock.
    Deadlock {
        /// The terms on the cycle.
        terms: Vec<String>,
    },
}

/// A witness term.
#[derive(Debug, Serialize)]
pub struct WitnessOut {
    /// `proposal-id/term-id`.
    pub term: String,
    /// Its wording.
    pub text: Option<String>,
}

/// A condition holding a term up.
#[derive(Debug, Serialize)]
pub struct HeldOut {
    /// The required term.
    pub required: String,
    /// The other side's terms it conflicts with; empty when only open.
    pub conflicts_with: Vec<String>,
}

/// Why a scenario could not be evaluated.
#[derive(Debug, Serialize)]
pub struct ProblemOut {
    /// `edit` (an edit could not be applied), `invalid_proposal` or `engine`.
    pub kind: &'static str,
    /// What is wrong.
    pub message: String,
    /// A suggestion.
    pub help: Option<String>,
}

/// Builds the report.
pub fn report(w: &WhatIf) -> Report {
    report_with(w, LimitKind::raise)
}

/// [`report`], with `raise` saying how to raise a limit a scenario went past.
pub fn report_with(w: &WhatIf, raise: Raise) -> Report {
    let ids: Vec<String> = w.baseline.proposals.iter().map(|p| p.id().to_owned()).collect();
    Report {
        schema_version: SCHEMA_VERSION,
        baseline: summary(&Summary::of(&w.baseline), &ids),
        scenarios: w.scenarios.iter().map(|s| scenario(s, &ids, raise)).collect(),
        proposals: ids,
    }
}

/// Renders the report as pretty JSON with a final newline.
pub fn render(w: &WhatIf) -> Result<String, serde_json::Error> {
    render_with(w, LimitKind::raise)
}

/// [`render`], with `raise` saying how to raise a limit a scenario went past.
pub fn render_with(w: &WhatIf, raise: Raise) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(&report_with(w, raise))?;
    s.push('\n');
    Ok(s)
}

/// The summary of an analysis, its proposals named by `ids` (a scenario's are the
/// baseline's: edits change terms, not proposals).
fn summary(a: &Summary, ids: &[String]) -> SummaryOut {
    let id = |i: usize| ids.get(i).cloned().unwrap_or_default();
    SummaryOut {
        pairs: a
            .pairs
            .iter()
            .map(|p| {
                let c = p.counts;
                PairSummaryOut {
                    left: id(p.left),
                    right: id(p.right),
                    verdict: p.verdict.as_str(),
                    conflicts: c.conflicts,
                    indirect: c.indirect,
                    blocked: c.blocked,
                    pending: c.pending,
                    open: c.open,
                    agreed: c.agree,
                    diverge: c.diverge,
                    to_be_agreed: c.to_be_agreed,
                    compatible: c.compatible,
                    deadlocks: c.deadlocks,
                    contingent: c.contingent,
                }
            })
            .collect(),
        burden: a
            .own_shares
            .iter()
            .enumerate()
            .map(|(i, share)| BurdenOut {
                proposal: id(i),
                own_share: *share,
            })
            .collect(),
    }
}

fn scenario(s: &ScenarioResult, ids: &[String], raise: Raise) -> ScenarioOut {
    let edits = s
        .scenario
        .edits
        .iter()
        .map(|e| EditOut {
            text: e.edit.to_string(),
            edit: e.edit.clone(),
            origin: e.origin.clone(),
        })
        .collect();
    let mut out = ScenarioOut {
        name: s.scenario.name.clone(),
        slug: s.scenario.slug.clone(),
        description: s.scenario.description.clone(),
        edits,
        status: "evaluated",
        changed_proposals: Vec::new(),
        summary: super::summary(s).map(|a| summary(a, ids)),
        changes: Vec::new(),
        problems: Vec::new(),
    };
    match &s.outcome {
        Outcome::Invalid(problems) => {
            out.status = "invalid";
            out.problems = problems.iter().flat_map(|p| problem_out(p, raise)).collect();
        }
        Outcome::Evaluated(e) => {
            out.changed_proposals = e.edited.clone();
            out.changes = e
                .pairs
                .iter()
                .map(|pc| PairChangesOut {
                    left: pc.left.clone(),
                    right: pc.right.clone(),
                    verdict_before: pc.before.map(|v| v.as_str()),
                    verdict_after: pc.after.as_str(),
                    changes: pc
                        .changes
                        .iter()
                        .map(|c| ChangeOut {
                            change: words::changed(&c.change),
                            direction: words::direction(c.change.direction),
                            finding: finding_out(&c.change.finding),
                            witnesses: c
                                .witnesses
                                .iter()
                                .map(|w| WitnessOut {
                                    term: w.term.clone(),
                                    text: w.text.clone(),
                                })
                                .collect(),
                            held_by: c
                                .held_by
                                .iter()
                                .map(|h| HeldOut {
                                    required: h.required.clone(),
                                    conflicts_with: h.conflicts_with.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect();
        }
    }
    out
}

fn problem_out(p: &Problem, raise: Raise) -> Vec<ProblemOut> {
    let kind = match p {
        Problem::Edit { .. } => "edit",
        Problem::Invalid { .. } => "invalid_proposal",
        Problem::Engine(_) => "engine",
    };
    problem_with(p, raise)
        .into_iter()
        .map(|(message, help)| ProblemOut { kind, message, help })
        .collect()
}

fn finding_out(f: &Finding) -> FindingOut {
    match f {
        Finding::Relation {
            kind,
            indirect,
            contingent,
            left,
            right,
        } => FindingOut::Relation {
            kind: kind.as_str(),
            indirect: *indirect,
            contingent: *contingent,
            left: left.clone(),
            right: right.clone(),
        },
        Finding::Held { term, status } => FindingOut::Held {
            term: term.clone(),
            status: words::status(*status),
        },
        Finding::Open { term } => FindingOut::Open { term: term.clone() },
        Finding::Deadlock { terms } => FindingOut::Deadlock { terms: terms.clone() },
    }
}
