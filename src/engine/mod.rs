//! The comparison engine (DESIGN §3): terms normalized to atoms, rules applied to a
//! fixpoint, atoms related pair by pair through an index, the condition graph, burden
//! and verdicts. The result is one plain [`Analysis`].

mod analysis;
mod atom;
mod burden;
mod derive;
mod graph;
mod impact;
mod pair;
mod params;
mod relate;
mod scope;

use std::fmt;

pub use analysis::{
    Analysis, BlockCause, BlockStatus, Blocked, ChainStep, Counts, Coverage, CycleEdge, Deadlock, Open, Pair,
    Relation, RelationKind, Side, Verdict,
};
pub use atom::{Atom, Step, TermRef};
pub use burden::{Burden, BurdenRow};
pub use derive::MAX_FIRINGS;
pub use impact::{Change, Direction, Finding, PairImpact, findings, impact};
pub use params::{ParamComparison, ParamOutcome};

use crate::load::{Diagnostic, ResolvedProposal};
use crate::model::Proposal;
use crate::vocab::Vocab;

/// Why an analysis could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineError {
    /// Two of the proposals compared have the same id, so findings could not name them.
    DuplicateProposalId(String),
    /// A proposal's rule derivation went past [`MAX_FIRINGS`].
    TooManyFirings(String),
    /// A proposal is invalid.
    Invalid {
        /// The proposal's id.
        proposal: String,
        /// Its errors.
        errors: Vec<Diagnostic>,
    },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::DuplicateProposalId(id) => write!(f, "two proposals have the id `{id}`"),
            EngineError::TooManyFirings(id) => {
                write!(
                    f,
                    "rules fired more than {MAX_FIRINGS} times on proposal `{id}`; check the vocabulary's rules"
                )
            }
            EngineError::Invalid { proposal, errors } => {
                write!(f, "proposal `{proposal}` is invalid")?;
                for e in errors {
                    write!(f, "\n  {}: {}", e.path, e.message)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for EngineError {}

/// Validates `proposals` against `vocab` and analyses them.
pub fn compare(proposals: &[Proposal], vocab: &Vocab) -> Result<Analysis, EngineError> {
    let mut resolved = Vec::with_capacity(proposals.len());
    for p in proposals {
        let (r, diags) = crate::load::resolve(p, vocab);
        match r {
            Some(r) => resolved.push(r),
            None => {
                let errors = diags.into_iter().filter(Diagnostic::is_error).collect();
                return Err(EngineError::Invalid {
                    proposal: p.id.clone(),
                    errors,
                });
            }
        }
    }
    analyze(resolved, vocab)
}

/// Analyses resolved proposals: every pair, the terms all agree on, and burden.
pub fn analyze(proposals: Vec<ResolvedProposal>, vocab: &Vocab) -> Result<Analysis, EngineError> {
    for (i, p) in proposals.iter().enumerate() {
        if proposals[..i].iter().any(|q| q.id() == p.id()) {
            return Err(EngineError::DuplicateProposalId(p.id().to_owned()));
        }
    }
    let mut atoms = Vec::with_capacity(proposals.len());
    for (i, p) in proposals.iter().enumerate() {
        let mut a = atom::atoms_of(i, p);
        derive::derive(&mut a, vocab, p.id()).map_err(|e| EngineError::TooManyFirings(e.proposal))?;
        atoms.push(a);
    }
    let indices: Vec<pair::AtomIndex> = atoms.iter().map(|a| pair::AtomIndex::new(a)).collect();
    let related = pair::related_actions(vocab);

    let mut pairs = Vec::new();
    for i in 0..proposals.len() {
        for j in i + 1..proposals.len() {
            let left = pair::PairInput {
                proposal: &proposals[i],
                atoms: &atoms[i],
                index: &indices[i],
            };
            let right = pair::PairInput {
                proposal: &proposals[j],
                atoms: &atoms[j],
                index: &indices[j],
            };
            pairs.push(analyze_pair(i, j, &left, &right, &related, vocab));
        }
    }
    let common = common_terms(&proposals, &pairs);
    let burden = proposals
        .iter()
        .enumerate()
        .map(|(i, p)| burden::burden(i, p, &atoms[i]))
        .collect();
    Ok(Analysis {
        proposals,
        atoms,
        pairs,
        common,
        burden,
    })
}

fn analyze_pair(
    i: usize,
    j: usize,
    left: &pair::PairInput,
    right: &pair::PairInput,
    related: &[Vec<crate::vocab::ActionId>],
    vocab: &Vocab,
) -> Pair {
    let (mut relations, open) = pair::relate_pair(left, right, related, vocab);
    let graph = graph::ConditionGraph::new([(i, left.proposal), (j, right.proposal)], &relations);
    let blocked = graph.blocked(&mut relations, &open);
    let deadlocks = graph.deadlocks();
    let mut pair = Pair {
        left: i,
        right: j,
        relations,
        open,
        blocked,
        deadlocks,
        verdict: Verdict::Compatible,
    };
    let c = pair.counts();
    pair.verdict = if c.conflicts + c.indirect + c.deadlocks > 0 {
        Verdict::Conflicting
    } else if c.open + c.diverge + c.compatible + c.blocked + c.pending > 0 {
        Verdict::CompatibleWithOpenPoints
    } else {
        Verdict::Compatible
    };
    pair
}

/// With three or more proposals: the terms of the first that agree directly with a
/// term of every other, with those terms.
fn common_terms(proposals: &[ResolvedProposal], pairs: &[Pair]) -> Vec<Vec<TermRef>> {
    if proposals.len() < 3 {
        return Vec::new();
    }
    let Some(first) = proposals.first() else {
        return Vec::new();
    };
    (0..first.terms.len())
        .filter_map(|t| {
            let term = TermRef { proposal: 0, term: t };
            let mut group = vec![term];
            for pair in pairs.iter().filter(|p| p.left == 0) {
                let found = pair
                    .relations
                    .iter()
                    .find(|r| r.kind == RelationKind::Agree && !r.is_indirect() && r.left.term == term)?;
                group.push(found.right.term);
            }
            Some(group)
        })
        .collect()
}

/// The analysis of `base`'s proposals with some of them replaced: `changed` holds
/// `(index, new version)` pairs. Gives the same result as [`analyze`] on the edited
/// set of proposals.
pub fn reanalyze(
    base: &Analysis,
    changed: Vec<(usize, ResolvedProposal)>,
    vocab: &Vocab,
) -> Result<Analysis, EngineError> {
    let mut proposals = base.proposals.clone();
    for (i, p) in changed {
        if let Some(slot) = proposals.get_mut(i) {
            *slot = p;
        }
    }
    analyze(proposals, vocab)
}
