//! Atoms: terms normalized to one subject party each, the unit the engine compares.

use crate::collections::shared::Shared;

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
    pub(crate) derived: usize,
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
        ProposalAtoms::build_within(index, proposal, vocab, &Limits::default())
    }

    /// The same as [`ProposalAtoms::build`] within `limits`. Errors: the rules fired
    /// more than [`Limits::max_firings`] times or the proposal has more than
    /// [`Limits::max_derived`] derived atoms.
    pub(crate) fn build_within(
        index: usize,
        proposal: &ResolvedProposal,
        vocab: &Vocab,
        limits: &Limits,
    ) -> Result<ProposalAtoms, EngineError> {
        let mut out = Blocks::new(index, proposal, vocab, limits, 0);
        for t in 0..proposal.terms.len() {
            out.derive(t)?;
        }
        Ok(out.finish())
    }
}

/// A proposal's atoms being made, block by block.
pub(crate) struct Blocks<'a> {
    pub(crate) index: usize,
    pub(crate) proposal: &'a ResolvedProposal,
    pub(crate) vocab: &'a Vocab,
    pub(crate) limits: &'a Limits,
    pub(crate) made: ProposalAtoms,
    pub(crate) spent: Spent,
}

impl<'a> Blocks<'a> {
    /// Ready to make the atoms of proposal `index`, with room for `atoms` of them.
    pub(crate) fn new(
        index: usize,
        proposal: &'a ResolvedProposal,
        vocab: &'a Vocab,
        limits: &'a Limits,
        atoms: usize,
    ) -> Blocks<'a> {
        Blocks {
            index,
            proposal,
            vocab,
            limits,
            made: ProposalAtoms {
                atoms: Vec::with_capacity(atoms),
                spans: Vec::with_capacity(proposal.terms.len()),
                derived: 0,
            },
            spent: Spent::default(),
        }
    }

    /// The atoms made, with the count of derived ones.
    pub(crate) fn finish(mut self) -> ProposalAtoms {
        self.made.derived = self.spent.derived;
        self.made
    }

    /// Appends term `t`'s block: its written atoms (one per subject) and what the rules
    /// derive from them.
    pub(crate) fn derive(&mut self, t: usize) -> Result<(), EngineError> {
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
                // Shared with the term and the other terms of the same scope.
                scope: term.scope.clone(),
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
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

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
