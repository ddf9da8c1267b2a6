//! Evaluating scenarios: apply the edits to copies of the proposals they touch,
//! validate the edited proposals, re-analyse with only those proposals replaced
//! (`engine::reanalyze`), and describe every changed finding with its witnesses.

use std::collections::HashMap;

use super::apply::{EditError, unknown_proposal};
use super::edit::Edit;
use super::editor::Editor;
use super::scenario::{Scenario, ScenarioEdit};
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
                Outcome::Evaluated(e) => e.analysis.has_conflict(),
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

/// A scenario's analysis and its changes against the baseline.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The proposals the edits changed, by index among those compared, as edited.
    pub changed: Vec<(usize, Proposal)>,
    /// The analysis with the edited proposals.
    pub analysis: Analysis,
    /// What changed, pair by pair.
    pub pairs: Vec<PairChanges>,
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
    let mut editor = Editor::new(&mut copies);
    for (index, e) in edits.iter().enumerate() {
        let applied = editor.apply(&e.edit).map_err(|error| Problem::Edit {
            index,
            edit: Box::new(e.clone()),
            error,
        })?;
        if let Some((old, new)) = applied.renamed {
            match renames.iter_mut().find(|(_, v)| **v == old) {
                Some((_, v)) => *v = new,
                None => {
                    renames.insert(old, new);
                }
            }
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

/// Evaluates every scenario against `baseline`.
pub fn evaluate(baseline: Analysis, scenarios: Vec<Scenario>, vocab: &Vocab) -> WhatIf {
    let baseline = Baseline::new(baseline, vocab);
    let scenarios = scenarios
        .into_iter()
        .map(|scenario| {
            let outcome = evaluate_one(&baseline, &scenario, vocab);
            ScenarioResult { scenario, outcome }
        })
        .collect();
    WhatIf {
        baseline: baseline.into_analysis(),
        scenarios,
    }
}

/// Evaluates one scenario against `baseline`: the engine receives only the proposals
/// the edits changed.
pub fn evaluate_one(baseline: &Baseline, scenario: &Scenario, vocab: &Vocab) -> Outcome {
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
    let pairs = engine::impact(baseline, &analysis, &edited.renames)
        .into_iter()
        .map(|pi| {
            let mut sorted = pi.changes;
            sorted.sort_by_key(|c| (rank(&c.finding), c.direction == Direction::Gained));
            let changes = sorted
                .into_iter()
                .map(|change| {
                    let lost = change.direction == Direction::Lost;
                    let here = if lost { baseline } else { &analysis };
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
                            held_by(here, &pi.left, &pi.right, &name_here(term), *status)
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
    Outcome::Evaluated(Box::new(Evaluation {
        changed: edited.changed,
        analysis,
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

fn pair_of<'a>(a: &'a Analysis, left: &str, right: &str) -> Option<&'a Pair> {
    a.pairs.iter().find(|p| {
        a.proposals.get(p.left).is_some_and(|q| q.id() == left)
            && a.proposals.get(p.right).is_some_and(|q| q.id() == right)
    })
}

fn held_by(a: &Analysis, left: &str, right: &str, term: &str, status: BlockStatus) -> Vec<Held> {
    let Some(pair) = pair_of(a, left, right) else {
        return Vec::new();
    };
    let Some(blocked) = pair
        .blocked
        .iter()
        .find(|b| b.status == status && a.term_name(b.term) == term)
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
