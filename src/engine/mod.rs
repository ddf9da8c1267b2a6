//! The comparison engine: terms normalized to atoms, rules applied to a
//! fixpoint, atoms related pair by pair through an index, the condition graph, burden
//! and verdicts. The result is one plain [`Analysis`].

mod analysis;
mod assemble;
mod atom;
mod blocked;
mod burden;
mod calendar;
mod collect;
mod consistency;
mod contingent;
mod counterpart;
mod derive;
mod error;
mod graph;
mod held_cover;
mod impact;
mod incremental;
mod index;
mod order;
mod pair;
mod param_compare;
mod partition;
mod relate;
mod related;
mod relations;

use std::sync::Arc;

use rayon::prelude::*;

pub use analysis::{
    Analysis, BlockCause, BlockStatus, Blocked, ChainStep, Counts, Coverage, CycleEdge, Deadlock, Open, Pair,
    Relation, RelationKind, Side, Verdict,
};
pub use atom::{Atom, ProposalAtoms, Step, TermRef};
pub(crate) use blocked::meets;
pub use burden::{Burden, BurdenRow};
pub use consistency::{SelfConflict, self_conflicts};
pub use error::EngineError;
pub use impact::{Change, Direction, Finding, PairImpact, findings, impact};
pub use incremental::{Baseline, Revision, reanalyze};
pub use param_compare::{ParamComparison, ParamOutcome};
pub use relations::{Findings, Iter as RelationIter, Relations};

use crate::limits::Limits;
use crate::load::Diagnostic;
use crate::model::Proposal;
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;
use related::Related;

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

/// Analyses resolved proposals (owned or shared): every pair, the terms all agree on,
/// and burden, within the default [`Limits`].
pub fn analyze<P: Into<Arc<ResolvedProposal>>>(
    proposals: Vec<P>,
    vocab: &Vocab,
) -> Result<Analysis, EngineError> {
    analyze_with(proposals, vocab, &Limits::default())
}

/// [`analyze`] within `limits` (rule firings and derived atoms per proposal,
/// comparisons per pair); the analysis keeps them for [`reanalyze`].
pub fn analyze_with<P: Into<Arc<ResolvedProposal>>>(
    proposals: Vec<P>,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Analysis, EngineError> {
    analyze_shared(proposals.into_iter().map(Into::into).collect(), vocab, limits)
}

/// [`analyze_with`] of shared proposals.
pub(crate) fn analyze_shared(
    proposals: Vec<Arc<ResolvedProposal>>,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Analysis, EngineError> {
    // On the calendar when every proposal gives an entry into force.
    let proposals = calendar::align(proposals);
    for (i, p) in proposals.iter().enumerate() {
        if proposals[..i].iter().any(|q| q.id() == p.id()) {
            return Err(EngineError::DuplicateProposalId(p.id().to_owned()));
        }
    }
    // Each proposal's atoms are its own: they are made in parallel (and the first
    // error in the proposals' order is the one reported). The right side of the first
    // pair is indexed on the thread that made its atoms, while the others' are still
    // being made, rather than alone afterwards.
    let built: Vec<_> = proposals
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let atoms = ProposalAtoms::build_within(i, p, vocab, limits)?;
            let index = (i == 1).then(|| index::AtomIndex::new(&atoms.atoms, vocab));
            Ok((Arc::new(atoms), index))
        })
        .collect();
    let built = built.into_iter().collect::<Result<Vec<_>, EngineError>>()?;
    let (atoms, mut indices): (Vec<_>, Vec<_>) = built.into_iter().unzip();
    let related = Arc::new(Related::new(vocab));
    let all: Vec<(usize, usize)> = (0..proposals.len())
        .flat_map(|i| (i + 1..proposals.len()).map(move |j| (i, j)))
        .collect();
    let mut fresh = assemble::Fresh::new(&proposals, &atoms, all.iter().copied(), &related, vocab, limits);
    if let Some(index) = indices.get_mut(1).and_then(Option::take) {
        fresh.index_with(1, index);
    }
    let pairs = all
        .iter()
        .map(|&(i, j)| fresh.pair(i, j))
        .collect::<Result<Vec<_>, _>>()?;
    drop(fresh);
    let burden = proposals
        .iter()
        .enumerate()
        .map(|(i, p)| burden::burden(i, p, &atoms[i].atoms))
        .collect();
    Ok(assemble::finish(proposals, atoms, pairs, burden, related, limits))
}
