//! Change impact (a diff against a third proposal, OTHER): what the move from the old
//! version to the new one does to the relations with OTHER.
//!
//! The engine runs on (OLD, OTHER) and on (NEW, OTHER); findings are matched across
//! the two runs through the term alignment (a renamed term keeps its findings), and
//! each finding gained or lost is attributed to the terms of the diffed proposal that
//! witness it, directly or through the conflicts that hold a term up.

use std::collections::HashMap;

use super::{ProposalDiff, TermDiff};
use crate::engine::{self, Analysis, BlockStatus, Counts, EngineError, Finding, Pair, Verdict};
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

/// What the new version changes in the relations with OTHER.
#[derive(Debug, Clone, PartialEq)]
pub struct Impact {
    /// OTHER's id.
    pub other: String,
    /// The verdict of (OLD, OTHER).
    pub before: Verdict,
    /// The verdict of (NEW, OTHER).
    pub after: Verdict,
    /// The finding counts of (OLD, OTHER).
    pub before_counts: Counts,
    /// The finding counts of (NEW, OTHER).
    pub after_counts: Counts,
    /// Every finding gained or lost, lost first.
    pub effects: Vec<Effect>,
}

/// One finding gained or lost.
#[derive(Debug, Clone, PartialEq)]
pub struct Effect {
    /// The engine's change: gained or lost, and the finding (terms named
    /// `proposal-id/term-id`, the old version's terms by their new names when matched).
    pub change: engine::Change,
    /// The pairs of terms that witness it: the relation itself; for a held-up term,
    /// the held term with the required term that fails, and the conflicts it is in.
    pub witnesses: Vec<Witness>,
    /// The ids of the diffed proposal's terms it is attributed to (new ids; old ids
    /// for removed terms); empty when it names only OTHER's terms.
    pub terms: Vec<String>,
}

/// Two terms that witness an effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witness {
    /// The first term, `proposal-id/term-id`.
    pub left: String,
    /// The second term.
    pub right: String,
    /// How they are linked.
    pub link: Link,
}

/// How the two terms of a witness are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// A relation across the proposals (the finding itself, or a conflict that holds
    /// a term up).
    Relation,
    /// The first term requires the second (directly or through others).
    Requires,
}

impl Witness {
    fn new(left: String, right: String, link: Link) -> Witness {
        Witness { left, right, link }
    }
}

/// Runs the engine on (OLD, OTHER) and (NEW, OTHER) and matches the findings through
/// the alignment of `diff` (which must be the diff of `old` and `new`).
pub fn impact(
    old: &ResolvedProposal,
    new: &ResolvedProposal,
    other: &ResolvedProposal,
    diff: &ProposalDiff,
    vocab: &Vocab,
) -> Result<Impact, EngineError> {
    impact_with(old, new, other, diff, vocab, &crate::limits::Limits::default())
}

/// [`impact`], the engine running within `limits`.
pub fn impact_with(
    old: &ResolvedProposal,
    new: &ResolvedProposal,
    other: &ResolvedProposal,
    diff: &ProposalDiff,
    vocab: &Vocab,
    limits: &crate::limits::Limits,
) -> Result<Impact, EngineError> {
    let before = engine::analyze_with(vec![old.clone(), other.clone()], vocab, limits)?;
    let after = engine::analyze_with(vec![new.clone(), other.clone()], vocab, limits)?;
    let mut rename: HashMap<String, String> = HashMap::new();
    rename.insert(old.id().to_owned(), new.id().to_owned());
    for t in &diff.terms {
        if let TermDiff::Matched(m) = t {
            rename.insert(
                format!("{}/{}", old.id(), m.old.id),
                format!("{}/{}", new.id(), m.new.id),
            );
        }
    }
    let name = |n: String| rename.get(&n).cloned().unwrap_or(n);
    let pair_impact = engine::impact(&before, &after, &rename).into_iter().next();
    let (bp, ap) = (before.pairs.first(), after.pairs.first());
    let mut effects = Vec::new();
    for change in pair_impact.map(|p| p.changes).unwrap_or_default() {
        let witnesses = match change.direction {
            engine::Direction::Lost => witnesses(&before, bp, &change.finding, &name),
            engine::Direction::Gained => witnesses(&after, ap, &change.finding, &name),
        };
        let terms = attributed(&change, &witnesses, old.id(), new.id());
        effects.push(Effect {
            change,
            witnesses,
            terms,
        });
    }
    Ok(Impact {
        other: other.id().to_owned(),
        before: bp.map_or(Verdict::Compatible, |p| p.verdict),
        after: ap.map_or(Verdict::Compatible, |p| p.verdict),
        before_counts: bp.map(Pair::counts).unwrap_or_default(),
        after_counts: ap.map(Pair::counts).unwrap_or_default(),
        effects,
    })
}

/// The pairs of terms behind a finding, in the analysis where it holds.
fn witnesses(
    a: &Analysis,
    pair: Option<&Pair>,
    finding: &Finding,
    name: &impl Fn(String) -> String,
) -> Vec<Witness> {
    match finding {
        Finding::Relation { left, right, .. } => {
            vec![Witness::new(left.clone(), right.clone(), Link::Relation)]
        }
        Finding::Held { term, status } => {
            let Some(pair) = pair else { return Vec::new() };
            let held = pair
                .blocked
                .iter()
                .find(|b| b.status == *status && name(a.term_name(b.term)) == *term);
            let mut out = Vec::new();
            let causes = held.map(|b| &b.causes[..]).unwrap_or_default();
            // A blocked term is witnessed by the conditions in conflict, a pending one
            // by the conditions left open.
            let failing = causes
                .iter()
                .filter(|c| *status == BlockStatus::Pending || !c.conflicts.is_empty());
            for cause in failing {
                if let Some(req) = cause.required() {
                    out.push(Witness::new(term.clone(), name(a.term_name(req)), Link::Requires));
                }
                if *status == BlockStatus::Blocked {
                    for r in cause.conflicts.iter().filter_map(|&k| pair.relations.get(k)) {
                        let (l, r) = (name(a.term_name(r.left.term)), name(a.term_name(r.right.term)));
                        out.push(Witness::new(l, r, Link::Relation));
                    }
                }
            }
            out.dedup();
            out
        }
        Finding::Open { .. } | Finding::Deadlock { .. } => Vec::new(),
    }
}

/// The diffed proposal's term ids among the names a change and its witnesses mention.
fn attributed(change: &engine::Change, witnesses: &[Witness], old_id: &str, new_id: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let names = change
        .witnesses()
        .into_iter()
        .chain(witnesses.iter().flat_map(|w| [w.left.as_str(), w.right.as_str()]));
    for n in names {
        let id = n
            .strip_prefix(new_id)
            .or_else(|| n.strip_prefix(old_id))
            .and_then(|rest| rest.strip_prefix('/'));
        if let Some(id) = id
            && !out.iter().any(|x| x == id)
        {
            out.push(id.to_owned());
        }
    }
    out
}
