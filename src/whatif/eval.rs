//! Evaluating scenarios: apply the edits to copies of the proposals they touch,
//! validate the edited proposals, re-analyse with only those proposals replaced
//! (`engine::reanalyze`), and describe every changed finding with its witnesses.

use std::collections::HashMap;

use super::apply::{EditError, unknown_proposal};
use super::edit::Edit;
use super::editor::Editor;
use super::scenario::{Scenario, ScenarioEdit};
use super::summary::Summary;
use crate::engine::{
    self, Analysis, Baseline, BlockStatus, Change, Direction, EngineError, Finding, Pair, Revision, Verdict,
};
use crate::load::Diagnostic;
use crate::model::Proposal;
use crate::vocab::Vocab;

/// The baseline and every scenario evaluated against it.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// The analysis of the unedited proposals.
    pub baseline: Analysis,
    /// One result per scenario, in order.
    pub scenarios: Vec<ScenarioResult>,
}

impl WhatIf {
    /// Whether the baseline or any evaluated scenario has a conflict or deadlock.
    pub fn has_conflict(&self) -> bool {
        self.baseline.has_conflict()
            || self.scenarios.iter().any(|s| match &s.outcome {
                Outcome::Evaluated(e) => e.summary.has_conflict(),
                Outcome::Invalid(_) => false,
            })
    }

    /// Whether any scenario could not be evaluated.
    pub fn has_invalid(&self) -> bool {
        self.scenarios
            .iter()
            .any(|s| matches!(s.outcome, Outcome::Invalid(_)))
    }
}

/// A scenario and what came of it.
#[derive(Debug, Clone)]
pub struct ScenarioResult {
    /// The scenario.
    pub scenario: Scenario,
    /// Its evaluation, or why there is none.
    pub outcome: Outcome,
}

/// What came of a scenario.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The edits applied and every edited proposal is valid.
    Evaluated(Box<Evaluation>),
    /// An edit could not be applied, or it left a proposal invalid.
    Invalid(Vec<Problem>),
}

/// A scenario's results and its changes against the baseline.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The ids of the proposals the edits changed, in the order of their indices.
    pub edited: Vec<String>,
    /// The proposals the edits changed, by index among those compared, as edited;
    /// empty unless kept ([`Keep::proposals`]).
    pub changed: Vec<(usize, Proposal)>,
    /// The verdicts, counts and burden shares of the analysis with the edited
    /// proposals.
    pub summary: Summary,
    /// The analysis with the edited proposals, when kept ([`Keep::analysis`]).
    pub analysis: Option<Analysis>,
    /// What changed, pair by pair.
    pub pairs: Vec<PairChanges>,
}

/// What an evaluation keeps beyond its summary and changes. A sweep keeps neither by
/// default: an analysis each would make its memory grow with the number of
/// scenarios by the size of the proposals, for the few counts the reports show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Keep {
    /// The analysis with the edited proposals.
    pub analysis: bool,
    /// The edited proposals themselves (to write them out).
    pub proposals: bool,
}

impl Keep {
    /// The summary and changes only.
    pub const SUMMARY: Keep = Keep {
        analysis: false,
        proposals: false,
    };
    /// Everything: the analysis and the edited proposals too.
    pub const ALL: Keep = Keep {
        analysis: true,
        proposals: true,
    };
}

/// What changed for one pair of proposals.
#[derive(Debug, Clone, PartialEq)]
pub struct PairChanges {
    /// The left proposal's id.
    pub left: String,
    /// The right proposal's id.
    pub right: String,
    /// The verdict in the baseline.
    pub before: Option<Verdict>,
    /// The verdict in the scenario.
    pub after: Verdict,
    /// Every finding gained or lost: conflicts, deadlocks and held terms first, open
    /// points last; lost before gained within a kind.
    pub changes: Vec<ChangedFinding>,
}

/// One changed finding, with its witnesses.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedFinding {
    /// The change, as `engine::impact` gives it.
    pub change: Change,
    /// The terms that witness it, with their wording (from the scenario for a gained
    /// finding, from the baseline for a lost one).
    pub witnesses: Vec<Witness>,
    /// For a held (blocked or pending) term: the conditions that hold it up, where the
    /// finding holds.
    pub held_by: Vec<Held>,
}

/// A witness term.
#[derive(Debug, Clone, PartialEq)]
pub struct Witness {
    /// `proposal-id/term-id`.
    pub term: String,
    /// Its wording, if it has any.
    pub text: Option<String>,
}

/// One condition that holds a term up.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    /// The required term, `proposal-id/term-id`.
    pub required: String,
    /// The terms of the other side it conflicts with; empty when it is only open.
    pub conflicts_with: Vec<String>,
}

/// Why a scenario could not be evaluated.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// An edit could not be applied.
    Edit {
        /// Its index in the scenario's edits.
        index: usize,
        /// The edit and where it was written.
        edit: Box<ScenarioEdit>,
        /// What went wrong.
        error: EditError,
    },
    /// The edits left a proposal invalid.
    Invalid {
        /// The proposal as edited.
        proposal: Box<Proposal>,
        /// Its errors (JSON paths are into the edited proposal).
        errors: Vec<Diagnostic>,
    },
    /// The engine refused the edited proposals.
    Engine(EngineError),
}

/// The proposals a scenario's edits change, as edited, and the terms they rename.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited {
    /// `(index, edited proposal)` for each proposal that differs from the original.
    pub changed: Vec<(usize, Proposal)>,
    /// Old `proposal-id/term-id` to new, for terms renamed by `set ... id=...`.
    pub renames: HashMap<String, String>,
}

/// Applies `edits` in order to copies of the proposals they name (only those are
/// copied). Fails at the first edit that cannot be applied.
pub fn apply_edits(originals: &[&Proposal], edits: &[ScenarioEdit]) -> Result<Edited, Problem> {
    let ids: Vec<&str> = originals.iter().map(|p| p.id.as_str()).collect();
    let mut touched: Vec<usize> = Vec::new();
    for (index, e) in edits.iter().enumerate() {
        let named = e.edit.proposal();
        let well_formed = matches!(e.edit, Edit::Add { .. }) || term_of(&e.edit).contains('/');
        match ids.iter().position(|&id| id == named) {
            Some(i) if !touched.contains(&i) => touched.push(i),
            Some(_) => {}
            None if well_formed => {
                return Err(Problem::Edit {
                    index,
                    edit: Box::new(e.clone()),
                    error: unknown_proposal(named, &ids),
                });
            }
            None => {}
        }
    }
    let mut copies: Vec<Proposal> = touched
        .iter()
        .filter_map(|&i| originals.get(i).map(|p| (*p).clone()))
        .collect();
    let mut renames: HashMap<String, String> = HashMap::new();
    // Each current name back to the original one it was renamed from, so that a term
    // renamed again is found without a scan of the renames (quadratic in a scenario of
    // many renames).
    let mut original: HashMap<String, String> = HashMap::new();
    let mut editor = Editor::new(&mut copies);
    for (index, e) in edits.iter().enumerate() {
        let applied = editor.apply(&e.edit).map_err(|error| Problem::Edit {
            index,
            edit: Box::new(e.clone()),
            error,
        })?;
        if let Some((old, new)) = applied.renamed {
            let first = original.remove(&old).unwrap_or(old);
            original.insert(new.clone(), first.clone());
            renames.insert(first, new);
        }
    }
    editor.finish();
    let changed = touched
        .into_iter()
        .zip(copies)
        .filter(|(i, p)| originals.get(*i).is_some_and(|o| *o != p))
        .collect();
    renames.retain(|k, v| k != v);
    Ok(Edited { changed, renames })
}

fn term_of(edit: &Edit) -> &str {
    match edit {
        Edit::Add { proposal, .. } => proposal,
        Edit::Set { term, .. }
        | Edit::Drop { term }
        | Edit::Require { term, .. }
        | Edit::Unrequire { term, .. } => term,
    }
}

/// Evaluates every scenario against `baseline`, one after the other, keeping of each
/// its summary, its changes and the edited proposals (not its analysis: see
/// [`Keep`]).
pub fn evaluate(baseline: Analysis, scenarios: Vec<Scenario>, vocab: &Vocab) -> WhatIf {
    evaluate_with(
        baseline,
        scenarios,
        vocab,
        Keep {
            analysis: false,
            proposals: true,
        },
    )
}

/// [`evaluate`], keeping of each scenario what `keep` says: each scenario's analysis
/// is dropped before the next is made unless it is kept.
pub fn evaluate_with(baseline: Analysis, scenarios: Vec<Scenario>, vocab: &Vocab, keep: Keep) -> WhatIf {
    let baseline = Baseline::new(baseline, vocab);
    let scenarios = scenarios
        .into_iter()
        .map(|scenario| {
            let outcome = evaluate_one_with(&baseline, &scenario, vocab, keep);
            ScenarioResult { scenario, outcome }
        })
        .collect();
    WhatIf {
        baseline: baseline.into_analysis(),
        scenarios,
    }
}

/// Evaluates one scenario against `baseline`: the engine receives only the proposals
/// the edits changed. Keeps everything ([`Keep::ALL`]).
pub fn evaluate_one(baseline: &Baseline, scenario: &Scenario, vocab: &Vocab) -> Outcome {
    evaluate_one_with(baseline, scenario, vocab, Keep::ALL)
}

/// [`evaluate_one`], keeping what `keep` says.
pub fn evaluate_one_with(baseline: &Baseline, scenario: &Scenario, vocab: &Vocab, keep: Keep) -> Outcome {
    let base = baseline;
    let baseline = base.analysis();
    let originals: Vec<&Proposal> = baseline.proposals.iter().map(|p| &p.proposal).collect();
    let edited = match apply_edits(&originals, &scenario.edits) {
        Ok(e) => e,
        Err(problem) => return Outcome::Invalid(vec![problem]),
    };
    let mut resolved = Vec::with_capacity(edited.changed.len());
    let mut problems = Vec::new();
    for (i, p) in &edited.changed {
        let (r, diags) = crate::load::resolve(p, vocab);
        match r {
            Some(r) => resolved.push((*i, Revision::new(r, vocab))),
            None => problems.push(Problem::Invalid {
                proposal: Box::new(p.clone()),
                errors: diags
                    .into_iter()
                    .filter(Diagnostic::is_error)
                    .map(|d| explain_dropped(d, p, &scenario.edits))
                    .collect(),
            }),
        }
    }
    if !problems.is_empty() {
        return Outcome::Invalid(problems);
    }
    let analysis = match base.reanalyze_revised(resolved, vocab) {
        Ok(a) => a.into_analysis(),
        Err(e) => return Outcome::Invalid(vec![Problem::Engine(e)]),
    };
    let back: HashMap<&str, &str> = edited
        .renames
        .iter()
        .map(|(k, v)| (v.as_str(), k.as_str()))
        .collect();
    let (texts_before, texts_after) = (texts(baseline), texts(&analysis));
    let impacts = engine::impact(baseline, &analysis, &edited.renames);
    // Held-up terms by name, made only when some change is about one: a scan of a
    // pair's held-up terms for each such change would be quadratic in them.
    let any_held = impacts
        .iter()
        .flat_map(|pi| &pi.changes)
        .any(|c| matches!(c.finding, Finding::Held { .. }));
    let (held_before, held_after) = if any_held {
        (HeldIndex::of(baseline), HeldIndex::of(&analysis))
    } else {
        (HeldIndex::default(), HeldIndex::default())
    };
    let pairs = impacts
        .into_iter()
        .map(|pi| {
            let mut sorted = pi.changes;
            sorted.sort_by_key(|c| (rank(&c.finding), c.direction == Direction::Gained));
            let changes = sorted
                .into_iter()
                .map(|change| {
                    let lost = change.direction == Direction::Lost;
                    let (here, held_here) = if lost {
                        (baseline, &held_before)
                    } else {
                        (&analysis, &held_after)
                    };
                    let texts_here = if lost { &texts_before } else { &texts_after };
                    let name_here = |n: &str| -> String {
                        if lost {
                            back.get(n).map_or(n, |b| *b).to_owned()
                        } else {
                            n.to_owned()
                        }
                    };
                    let witnesses = change
                        .witnesses()
                        .into_iter()
                        .map(|w| Witness {
                            term: w.to_owned(),
                            text: texts_here
                                .get(name_here(w).as_str())
                                .or_else(|| texts_after.get(w))
                                .map(|t| (*t).to_owned()),
                        })
                        .collect();
                    let held_by = match &change.finding {
                        Finding::Held { term, status } => {
                            held_by(here, held_here, &pi.left, &pi.right, &name_here(term), *status)
                        }
                        _ => Vec::new(),
                    };
                    ChangedFinding {
                        change,
                        witnesses,
                        held_by,
                    }
                })
                .collect();
            PairChanges {
                left: pi.left,
                right: pi.right,
                before: pi.before,
                after: pi.after,
                changes,
            }
        })
        .collect();
    let summary = Summary::of(&analysis);
    Outcome::Evaluated(Box::new(Evaluation {
        edited: edited.changed.iter().map(|(_, p)| p.id.clone()).collect(),
        changed: if keep.proposals {
            edited.changed
        } else {
            Vec::new()
        },
        summary,
        analysis: keep.analysis.then_some(analysis),
        pairs,
    }))
}

/// A condition left naming a term the scenario drops gets a help that says so.
fn explain_dropped(d: Diagnostic, p: &Proposal, edits: &[ScenarioEdit]) -> Diagnostic {
    let condition = (|| {
        let rest = d.path.strip_prefix("terms[")?;
        let (i, rest) = rest.split_once("].requires[")?;
        let j = rest.strip_suffix(']')?;
        let term = p.terms.get(i.parse::<usize>().ok()?)?;
        let c = term.requires.get(j.parse::<usize>().ok()?)?;
        Some((term.id.clone(), c.term.clone()))
    })();
    let Some((term, condition)) = condition else {
        return d;
    };
    let dropped = format!("{}/{condition}", p.id);
    let drops = edits
        .iter()
        .any(|e| matches!(&e.edit, Edit::Drop { term } if *term == dropped));
    if drops {
        d.with_help(format!(
            "the scenario drops `{dropped}`, which `{}/{term}` requires: add `unrequire {}/{term} {condition}` first",
            p.id, p.id
        ))
    } else {
        d
    }
}

/// The order changes are listed in: conflicts, deadlocks and blocks first, open
/// points last; within a kind, lost before gained (a stable sort keeps term order).
fn rank(f: &Finding) -> u8 {
    use crate::engine::RelationKind::*;
    match f {
        Finding::Relation {
            kind: Conflict,
            indirect,
            ..
        } => u8::from(*indirect),
        Finding::Deadlock { .. } => 2,
        Finding::Held {
            status: BlockStatus::Blocked,
            ..
        } => 3,
        Finding::Held {
            status: BlockStatus::Pending,
            ..
        } => 4,
        Finding::Relation { kind: Agree, .. } => 5,
        Finding::Relation { kind: Diverge, .. } => 6,
        Finding::Relation { kind: ToBeAgreed, .. } => 7,
        Finding::Relation { kind: Compatible, .. } => 8,
        Finding::Open { .. } => 9,
    }
}

/// The wording of every term of `a` that has one, by `proposal-id/term-id`.
fn texts(a: &Analysis) -> HashMap<String, &str> {
    a.proposals
        .iter()
        .flat_map(|p| {
            p.proposal
                .terms
                .iter()
                .filter_map(move |t| Some((format!("{}/{}", p.id(), t.id), t.text.as_deref()?)))
        })
        .collect()
}

fn pair_of<'a>(a: &'a Analysis, left: &str, right: &str) -> Option<(usize, &'a Pair)> {
    a.pairs.iter().enumerate().find(|(_, p)| {
        a.proposals.get(p.left).is_some_and(|q| q.id() == left)
            && a.proposals.get(p.right).is_some_and(|q| q.id() == right)
    })
}

/// Each pair's held-up terms (by the pair's index) by `proposal-id/term-id` and
/// status: the first held-up entry of each.
#[derive(Default)]
struct HeldIndex(HashMap<(usize, String, BlockStatus), usize>);

impl HeldIndex {
    fn of(a: &Analysis) -> HeldIndex {
        let mut index = HashMap::new();
        for (k, pair) in a.pairs.iter().enumerate() {
            for (i, b) in pair.blocked.iter().enumerate() {
                index.entry((k, a.term_name(b.term), b.status)).or_insert(i);
            }
        }
        HeldIndex(index)
    }
}

fn held_by(
    a: &Analysis,
    index: &HeldIndex,
    left: &str,
    right: &str,
    term: &str,
    status: BlockStatus,
) -> Vec<Held> {
    let Some((k, pair)) = pair_of(a, left, right) else {
        return Vec::new();
    };
    let Some(blocked) = index
        .0
        .get(&(k, term.to_owned(), status))
        .and_then(|&i| pair.blocked.get(i))
    else {
        return Vec::new();
    };
    blocked
        .causes
        .iter()
        .filter_map(|c| {
            let required = c.required()?;
            let conflicts_with = c
                .conflicts
                .iter()
                .filter_map(|&i| pair.relations.get(i))
                .map(|r| {
                    let other = if r.left.term == required {
                        r.right.term
                    } else {
                        r.left.term
                    };
                    a.term_name(other)
                })
                .collect();
            Some(Held {
                required: a.term_name(required),
                conflicts_with,
            })
        })
        .collect()
}
