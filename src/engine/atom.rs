//! Atoms: terms normalized to one subject party each, the unit the engine compares.

use std::ops::Range;

use rayon::prelude::*;

use super::termmap::TermMap;
use crate::collections::shared::{Interner, Shared};

use super::EngineError;
use super::derive::{self, Spent};
use crate::limits::Limits;
use crate::model::Modality;
use crate::resolved::{Interval, ResolvedProposal};
use crate::vocab::Vocab;
use crate::vocab::{ActionId, LabelId, PartyId};

/// A term of one of the proposals compared: `proposal` indexes the compared
/// proposals, `term` the proposal's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermRef {
    /// Index of the proposal among those compared.
    pub proposal: usize,
    /// Index of the term in its proposal.
    pub term: usize,
}

/// How a derived atom came about: a rule applied to another atom of the same term.
/// Both are numbered in 32 bits, so that the step sits in the atom itself (a block
/// copied from an earlier analysis is then copied byte for byte, without allocating).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Step {
    /// Index of the rule in [`crate::vocab::Vocab::rules`].
    pub rule: u32,
    /// The place of the atom the rule was applied to in the term's block
    /// ([`ProposalAtoms::in_block`]): a block's steps stay right wherever it lies.
    pub from: u32,
}

/// One term for one subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Atom {
    /// The term the atom comes from (for a derived atom, the written term at the start
    /// of its chain).
    pub term: TermRef,
    /// The party bound.
    pub subject: PartyId,
    /// Obligation, prohibition or permission.
    pub modality: Modality,
    /// The action.
    pub action: ActionId,
    /// The party the action is directed at, if any.
    pub target: Option<PartyId>,
    /// Scope labels, sorted; empty means everywhere.
    pub scope: Shared<LabelId>,
    /// When the atom applies.
    pub window: Interval,
    /// For a derived atom, the last rule applied and the atom it was applied to.
    pub derived: Option<Step>,
}

impl Atom {
    /// Whether the atom was derived by rules rather than written.
    pub fn is_derived(&self) -> bool {
        self.derived.is_some()
    }

    /// Whether two atoms say the same thing (ignoring where they come from).
    pub fn same_content(&self, other: &Atom) -> bool {
        self.subject == other.subject
            && self.modality == other.modality
            && self.action == other.action
            && self.target == other.target
            && self.scope == other.scope
            && self.window == other.window
    }
}

/// A proposal's atoms: for each term, its written atoms (one per subject) followed by
/// the atoms derived from them, the terms' blocks in term order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProposalAtoms {
    /// All atoms, block by block.
    pub atoms: Vec<Atom>,
    /// Where each term's block lies in `atoms`.
    pub spans: Vec<std::ops::Range<usize>>,
    /// How many of `atoms` are derived: a what-if counts those it copies against
    /// [`Limits::max_derived`] without reading them.
    derived: usize,
}

impl ProposalAtoms {
    /// Atom `offset` of term `term`'s block.
    pub fn in_block(&self, term: usize, offset: u32) -> Option<&Atom> {
        let span = self.spans.get(term)?;
        let at = span.start.checked_add(usize::try_from(offset).ok()?)?;
        if at < span.end { self.atoms.get(at) } else { None }
    }

    /// The atoms of proposal `index`, deriving what the rules imply term by term, within
    /// the default [`Limits`].
    pub fn build(
        index: usize,
        proposal: &ResolvedProposal,
        vocab: &Vocab,
    ) -> Result<ProposalAtoms, EngineError> {
        ProposalAtoms::rebuild(index, proposal, None, vocab, &Limits::default())
    }

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
        let mut out = Blocks {
            index,
            proposal,
            vocab,
            limits,
            made: ProposalAtoms {
                atoms: Vec::with_capacity(previous.map_or(0, |(p, _)| p.atoms.len())),
                spans: Vec::with_capacity(proposal.terms.len()),
                derived: 0,
            },
            spent: Spent::default(),
            scopes: Interner::default(),
        };
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
        out.made.derived = out.spent.derived;
        Ok(out.made)
    }
}

/// A proposal's atoms being made, block by block.
struct Blocks<'a> {
    index: usize,
    proposal: &'a ResolvedProposal,
    vocab: &'a Vocab,
    limits: &'a Limits,
    made: ProposalAtoms,
    spent: Spent,
    /// The atoms of all the terms with the same scope hold one list of it.
    scopes: Interner<LabelId>,
}

/// Atoms copied from an earlier version on one thread, at most; longer runs of them
/// are copied on the threads of the pool.
const COPY_ALONE: usize = 1 << 12;

impl Blocks<'_> {
    /// Appends term `t`'s block: its written atoms (one per subject) and what the rules
    /// derive from them.
    fn derive(&mut self, t: usize) -> Result<(), EngineError> {
        let Some(term) = self.proposal.terms.get(t) else {
            return Ok(());
        };
        let start = self.made.atoms.len();
        let mut block: Vec<Atom> = term
            .subjects
            .iter()
            .map(|&subject| Atom {
                term: TermRef {
                    proposal: self.index,
                    term: t,
                },
                subject,
                modality: term.modality,
                action: term.action,
                target: term.target,
                scope: self.scopes.of(&term.scope),
                window: term.window,
                derived: None,
            })
            .collect();
        derive::derive(
            &mut block,
            self.vocab,
            self.proposal.id(),
            &mut self.spent,
            self.limits,
        )?;
        self.made.atoms.append(&mut block);
        self.made.spans.push(start..self.made.atoms.len());
        Ok(())
    }

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
            let map = TermMap::between(&old, &new);
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

    /// The atoms of terms with the same scope hold one list of it.
    #[test]
    fn equal_scopes_are_shared() {
        let w = crate::generate::generate(&crate::generate::Spec::new(200, 5));
        let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
        let p = crate::load::resolve(&w.a, &vocab).0.unwrap();
        let atoms = ProposalAtoms::build(0, &p, &vocab).unwrap().atoms;
        let mut shared = 0;
        for (i, a) in atoms.iter().enumerate() {
            for b in atoms
                .iter()
                .skip(i + 1)
                .filter(|b| !a.scope.is_empty() && b.scope == a.scope)
            {
                assert_eq!(a.scope.as_ptr(), b.scope.as_ptr(), "{:?}", a.scope);
                shared += 1;
            }
        }
        assert!(shared > 100, "{shared} pairs of atoms with the same scope");
    }
}
