//! A proposal's atoms rebuilt for a new version of it: the blocks of terms that did not
//! change are copied from the earlier atoms (runs of terms that keep their places in
//! one go, long runs on the threads of the pool), and only the changed terms' atoms are
//! derived again.

use std::ops::Range;

use rayon::prelude::*;

use super::termmap::TermMap;
use crate::engine::EngineError;
use crate::engine::atom::{Atom, Blocks, ProposalAtoms, TermRef};
use crate::limits::Limits;
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

impl ProposalAtoms {
    /// The same as [`ProposalAtoms::build`] within `limits`, reusing the blocks of
    /// `previous` (the atoms of an earlier version of the proposal, and how the new
    /// version's terms correspond to its terms) for terms whose atoms cannot have
    /// changed. Errors: the rules fired more than [`Limits::max_firings`] times (on the
    /// terms derived here; a reused block's firings were counted when it was made) or
    /// the proposal has more than [`Limits::max_derived`] derived atoms.
    pub(crate) fn rebuild(
        index: usize,
        proposal: &ResolvedProposal,
        previous: Option<(&ProposalAtoms, &TermMap)>,
        vocab: &Vocab,
        limits: &Limits,
    ) -> Result<ProposalAtoms, EngineError> {
        let mut out = Blocks::new(
            index,
            proposal,
            vocab,
            limits,
            previous.map_or(0, |(p, _)| p.atoms.len()),
        );
        let terms = proposal.terms.len();
        match previous {
            // The usual what-if: the clean terms keep their places, and those between
            // two dirty ones are copied in one go.
            Some((earlier, map))
                if map.keeps_indices()
                    && earlier.spans.len() == terms
                    && earlier.atoms.first().is_none_or(|a| a.term.proposal == index) =>
            {
                // The derived atoms copied: all the earlier ones but the dirty terms'.
                let replaced: usize = map
                    .dirty()
                    .iter()
                    .filter_map(|&t| earlier.spans.get(t).and_then(|s| earlier.atoms.get(s.clone())))
                    .map(|block| block.iter().filter(|a| a.is_derived()).count())
                    .sum();
                out.count_derived(earlier.derived.saturating_sub(replaced))?;
                let mut next = 0;
                for &t in map.dirty() {
                    out.copy(earlier, next..t);
                    out.derive(t)?;
                    next = t + 1;
                }
                out.copy(earlier, next..terms);
            }
            Some((earlier, map)) => {
                for t in 0..terms {
                    match map.old_of(t) {
                        Some(k) => out.reuse(earlier, k, t)?,
                        None => out.derive(t)?,
                    }
                }
            }
            None => {
                for t in 0..terms {
                    out.derive(t)?;
                }
            }
        }
        Ok(out.finish())
    }
}

/// Atoms copied from an earlier version on one thread, at most; longer runs of them
/// are copied on the threads of the pool.
const COPY_ALONE: usize = 1 << 12;

impl Blocks<'_> {
    /// Appends the block of `earlier`'s term `k` as the block of term `t`.
    fn reuse(&mut self, earlier: &ProposalAtoms, k: usize, t: usize) -> Result<(), EngineError> {
        let Some(span) = earlier.spans.get(k) else {
            return self.derive(t);
        };
        let start = self.made.atoms.len();
        let block = earlier.atoms.get(span.clone()).unwrap_or_default();
        let term = TermRef {
            proposal: self.index,
            term: t,
        };
        self.made
            .atoms
            .extend(block.iter().map(|a| Atom { term, ..a.clone() }));
        self.made.spans.push(start..self.made.atoms.len());
        self.count_derived(block.iter().filter(|a| a.is_derived()).count())
    }

    /// Appends the blocks of `earlier`'s `terms`, which keep their indices, in one go
    /// (their derived atoms are counted by the caller).
    fn copy(&mut self, earlier: &ProposalAtoms, terms: Range<usize>) {
        let (Some(first), Some(last)) = (
            earlier.spans.get(terms.start),
            terms.end.checked_sub(1).and_then(|l| earlier.spans.get(l)),
        ) else {
            return;
        };
        let (from, to) = (first.start, last.end);
        let shift = self.made.atoms.len() as isize - from as isize;
        let offset = move |at: usize| at.saturating_add_signed(shift);
        let spans = earlier.spans.get(terms).unwrap_or_default();
        if shift == 0 {
            self.made.spans.extend_from_slice(spans);
        } else {
            self.made
                .spans
                .extend(spans.iter().map(|s| offset(s.start)..offset(s.end)));
        }
        let atoms = earlier.atoms.get(from..to).unwrap_or_default();
        if atoms.len() <= COPY_ALONE {
            self.made.atoms.extend_from_slice(atoms);
        } else {
            self.made.atoms.par_extend(atoms.par_iter().cloned());
        }
    }

    /// Counts `derived` more atoms, copied from an earlier version, against
    /// [`Limits::max_derived`] as when they were derived (their firings were counted
    /// then).
    fn count_derived(&mut self, derived: usize) -> Result<(), EngineError> {
        self.spent.derived += derived;
        if self.spent.derived > self.limits.max_derived {
            return Err(EngineError::TooManyDerived {
                proposal: self.proposal.id().to_owned(),
                limit: self.limits.max_derived,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::engine::incremental::key::{Keys, Version};
    use crate::model::Modality;

    /// Atoms rebuilt from an earlier version are those built afresh, whether the terms
    /// keep their places (long runs copied on several threads) or move.
    #[test]
    fn rebuilt_atoms_are_built_atoms() {
        let w = crate::generate::generate(&crate::generate::Spec::new(9000, 4));
        let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
        let resolve = |p: &crate::model::Proposal| crate::load::resolve(p, &vocab).0.unwrap();
        let old = resolve(&w.a);
        let old_atoms = ProposalAtoms::build(0, &old, &vocab).unwrap();
        assert!(old_atoms.atoms.len() > 2 * COPY_ALONE);
        let mut flipped = w.a.clone();
        for t in [10, 3000, 3001] {
            let term = &mut flipped.terms[t];
            term.modality = match term.modality {
                Modality::Must => Modality::MustNot,
                _ => Modality::Must,
            };
        }
        // A term bound on more or fewer parties: the blocks after it move.
        let mut rebound = w.a.clone();
        let first = w.a.terms[5000].subject.0[0].clone();
        let second =
            w.a.terms
                .iter()
                .map(|t| &t.subject.0[0])
                .find(|p| **p != first)
                .unwrap();
        rebound.terms[5000].subject = crate::model::Subject(Box::new([first, second.clone()]));
        let mut removed = w.a.clone();
        removed.terms.remove(1234);
        for edited in [flipped, rebound, removed] {
            let new = resolve(&edited);
            let (old_keys, new_keys) = (Keys::of(&old, &vocab), Keys::of(&new, &vocab));
            let map = TermMap::between(
                Version {
                    resolved: &old,
                    keys: &old_keys,
                },
                Version {
                    resolved: &new,
                    keys: &new_keys,
                },
            );
            let rebuilt =
                ProposalAtoms::rebuild(0, &new, Some((&old_atoms, &map)), &vocab, &Limits::default())
                    .unwrap();
            let built = ProposalAtoms::build(0, &new, &vocab).unwrap();
            assert_eq!(rebuilt, built);
            // The derived atoms copied count against the limit as those derived again.
            let derived = built.atoms.iter().filter(|a| a.is_derived()).count();
            assert!(derived > 0);
            let limits = |max_derived| Limits {
                max_derived,
                ..Limits::default()
            };
            let rebuild = |limits| ProposalAtoms::rebuild(0, &new, Some((&old_atoms, &map)), &vocab, &limits);
            assert!(rebuild(limits(derived)).is_ok());
            assert!(matches!(
                rebuild(limits(derived - 1)),
                Err(EngineError::TooManyDerived { .. })
            ));
        }
    }
}
