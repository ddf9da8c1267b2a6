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

/// The engine's hash map: a fast, deterministic hasher (inputs are not adversarial
/// keys but the engine's own indices).
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
/// The engine's hash set.
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

pub use analysis::{
    Analysis, BlockCause, BlockStatus, Blocked, ChainStep, Counts, Coverage, CycleEdge, Deadlock, Open, Pair,
    Relation, RelationKind, Side, Verdict,
};
pub use atom::{Atom, ProposalAtoms, Step, TermRef};
pub use burden::{Burden, BurdenRow};
pub use derive::MAX_FIRINGS;
pub use impact::{Change, Direction, Finding, PairImpact, findings, impact};
pub use pair::MAX_CANDIDATES;
pub use params::{ParamComparison, ParamOutcome};

use crate::limits::Limits;
use crate::load::{Diagnostic, ResolvedProposal};
use crate::model::Proposal;
use crate::vocab::Vocab;

/// Why an analysis could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineError {
    /// Two of the proposals compared have the same id, so findings could not name them.
    DuplicateProposalId(String),
    /// A proposal's rule derivation fired rules more than [`Limits::max_firings`] times.
    TooManyFirings {
        /// The proposal's id.
        proposal: String,
        /// The limit.
        limit: usize,
    },
    /// A proposal's rule derivation derived more than [`Limits::max_derived`] atoms.
    TooManyDerived {
        /// The proposal's id.
        proposal: String,
        /// The limit.
        limit: usize,
    },
    /// Two proposals' terms meet each other so widely that relating them would take
    /// more than [`Limits::max_comparisons`] comparisons.
    TooManyRelations {
        /// The left proposal's id.
        left: String,
        /// The right proposal's id.
        right: String,
        /// The limit.
        limit: usize,
    },
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
            EngineError::TooManyFirings { proposal, limit } => write!(
                f,
                "rules fired more than {} on proposal `{proposal}`; raise the limit with `--max-firings N` or check the vocabulary's rules",
                counted(*limit, "time")
            ),
            EngineError::TooManyDerived { proposal, limit } => write!(
                f,
                "rules derived more than {} from proposal `{proposal}`; raise the limit with `--max-derived N` or check the vocabulary's rules",
                counted(*limit, "atom")
            ),
            EngineError::TooManyRelations { left, right, limit } => write!(
                f,
                "`{left}` and `{right}` would need more than {} of terms; raise the limit with `--max-comparisons N`, or give the terms scopes (areas, sectors) so that they meet fewer others",
                counted(*limit, "comparison")
            ),
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

/// `1 time`, `3 times`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Validates `proposals` against `vocab` and analyses them, within the default
/// [`Limits`].
pub fn compare(proposals: &[Proposal], vocab: &Vocab) -> Result<Analysis, EngineError> {
    compare_with(proposals, vocab, &Limits::default())
}

/// [`compare`] within `limits`.
pub fn compare_with(proposals: &[Proposal], vocab: &Vocab, limits: &Limits) -> Result<Analysis, EngineError> {
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
    analyze_with(resolved, vocab, limits)
}

/// Analyses resolved proposals: every pair, the terms all agree on, and burden, within
/// the default [`Limits`].
pub fn analyze(proposals: Vec<ResolvedProposal>, vocab: &Vocab) -> Result<Analysis, EngineError> {
    analyze_with(proposals, vocab, &Limits::default())
}

/// [`analyze`] within `limits` (rule firings and derived atoms per proposal,
/// comparisons per pair); the analysis keeps them for [`reanalyze`].
pub fn analyze_with(
    proposals: Vec<ResolvedProposal>,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Analysis, EngineError> {
    for (i, p) in proposals.iter().enumerate() {
        if proposals[..i].iter().any(|q| q.id() == p.id()) {
            return Err(EngineError::DuplicateProposalId(p.id().to_owned()));
        }
    }
    let atoms = proposals
        .iter()
        .enumerate()
        .map(|(i, p)| ProposalAtoms::rebuild(i, p, None, vocab, limits))
        .collect::<Result<Vec<_>, _>>()?;
    assemble(proposals, atoms, None, vocab, limits)
}

/// Puts an analysis together from proposals and their atoms. With `reuse` (an earlier
/// analysis and which proposals changed since), pairs of unchanged proposals are
/// taken from it instead of being computed again.
fn assemble(
    proposals: Vec<ResolvedProposal>,
    atoms: Vec<ProposalAtoms>,
    reuse: Option<(&Analysis, &[bool])>,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Analysis, EngineError> {
    let indices: Vec<pair::AtomIndex> = atoms
        .iter()
        .map(|a| pair::AtomIndex::new(&a.atoms, vocab))
        .collect();
    let related = pair::Related::new(vocab);
    let mut pairs = Vec::new();
    for i in 0..proposals.len() {
        for j in i + 1..proposals.len() {
            let kept = reuse.and_then(|(base, changed)| {
                let untouched =
                    !changed.get(i).copied().unwrap_or(true) && !changed.get(j).copied().unwrap_or(true);
                base.pairs
                    .iter()
                    .find(|p| untouched && p.left == i && p.right == j)
            });
            if let Some(p) = kept {
                pairs.push(p.clone());
                continue;
            }
            let left = pair::PairInput {
                proposal: &proposals[i],
                atoms: &atoms[i].atoms,
                index: &indices[i],
            };
            let right = pair::PairInput {
                proposal: &proposals[j],
                atoms: &atoms[j].atoms,
                index: &indices[j],
            };
            pairs.push(analyze_pair(i, j, &left, &right, &related, vocab, limits)?);
        }
    }
    let common = common_terms(&proposals, &pairs);
    let burden = proposals
        .iter()
        .enumerate()
        .map(|(i, p)| burden::burden(i, p, &atoms[i].atoms))
        .collect();
    Ok(Analysis {
        proposals,
        atoms,
        pairs,
        common,
        burden,
        limits: *limits,
    })
}

fn analyze_pair(
    i: usize,
    j: usize,
    left: &pair::PairInput,
    right: &pair::PairInput,
    related: &pair::Related,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Pair, EngineError> {
    let (mut relations, open) = pair::relate_pair(left, right, related, vocab, limits.max_comparisons)
        .map_err(|_| EngineError::TooManyRelations {
            left: left.proposal.id().to_owned(),
            right: right.proposal.id().to_owned(),
            limit: limits.max_comparisons,
        })?;
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
    Ok(pair)
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
/// `(index, new version)` pairs. Only what the change touches is computed again: the
/// atoms of changed terms (a term keeps its atoms when its id and content are the
/// same) and the pairs that involve a changed proposal. The result is the same as
/// [`analyze_with`] on the edited set of proposals, within the limits of `base`.
pub fn reanalyze(
    base: &Analysis,
    changed: Vec<(usize, ResolvedProposal)>,
    vocab: &Vocab,
) -> Result<Analysis, EngineError> {
    let mut proposals = base.proposals.clone();
    let mut atoms = base.atoms.clone();
    let mut touched = vec![false; proposals.len()];
    for (i, p) in changed {
        let (Some(slot), Some(old_atoms)) = (proposals.get(i), atoms.get(i)) else {
            continue;
        };
        let rebuilt = ProposalAtoms::rebuild(i, &p, Some((slot, old_atoms)), vocab, &base.limits)?;
        atoms[i] = rebuilt;
        proposals[i] = p;
        touched[i] = true;
    }
    for (i, p) in proposals.iter().enumerate() {
        if touched[i]
            && proposals
                .iter()
                .enumerate()
                .any(|(j, q)| j != i && q.id() == p.id())
        {
            return Err(EngineError::DuplicateProposalId(p.id().to_owned()));
        }
    }
    assemble(proposals, atoms, Some((base, &touched)), vocab, &base.limits)
}
