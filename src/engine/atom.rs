//! Atoms: terms normalized to one subject party each, the unit the engine compares.

use super::shared::{Interner, Shared};
use super::termmap::TermMap;

use super::EngineError;
use super::derive::{self, Spent};
use crate::limits::Limits;
use crate::load::{Interval, ResolvedProposal};
use crate::model::Modality;
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

/// How a derived atom came about: a rule applied to another atom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Step {
    /// Index of the rule in [`crate::vocab::Vocab::rules`].
    pub rule: usize,
    /// Index of the atom the rule was applied to, in the same proposal's atoms (always
    /// in the same term's block).
    pub from: usize,
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
    /// For a derived atom, the last rule applied and the atom it was applied to. Boxed:
    /// few atoms are derived, and inline the step took 16 bytes of every atom.
    pub derived: Option<Box<Step>>,
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
        let mut out = ProposalAtoms {
            atoms: Vec::with_capacity(previous.map_or(0, |(p, _)| p.atoms.len())),
            spans: Vec::with_capacity(proposal.terms.len()),
        };
        let mut spent = Spent::default();
        // The atoms of all the terms with the same scope hold one list of it.
        let mut scopes = Interner::default();
        // Earlier atoms of whole blocks that keep their place (the same term index and
        // the same first atom), copied as they are in one go.
        let mut run = 0..0;
        for (t, term) in proposal.terms.iter().enumerate() {
            let start = out.atoms.len() + run.len();
            let reusable = previous.and_then(|(atoms, map)| {
                let k = map.old_of(t)?;
                Some((k, atoms.spans.get(k)?.clone(), &atoms.atoms))
            });
            if let Some((k, span, _)) = &reusable
                && *k == t
                && span.start == start
            {
                run = if run.is_empty() {
                    span.clone()
                } else {
                    run.start..span.end
                };
                out.spans.push(span.clone());
                continue;
            }
            if let Some((earlier, _)) = previous {
                copy_run(
                    &mut out,
                    earlier,
                    std::mem::replace(&mut run, 0..0),
                    &mut spent,
                    proposal,
                    limits,
                )?;
            }
            let start = out.atoms.len();
            match reusable.map(|(_, span, atoms)| (span, atoms)) {
                Some((span, old_atoms)) => {
                    let shift = start as isize - span.start as isize;
                    let offset = |from: usize| from.saturating_add_signed(shift);
                    out.atoms
                        .extend(old_atoms.get(span).unwrap_or_default().iter().map(|a| {
                            let mut a = a.clone();
                            a.term = TermRef {
                                proposal: index,
                                term: t,
                            };
                            if let Some(step) = &mut a.derived {
                                step.from = offset(step.from);
                            }
                            a
                        }));
                    // A reused block's atoms count against the limit on derived atoms
                    // as when they were derived (its firings were counted then).
                    spent.derived += out
                        .atoms
                        .get(start..)
                        .map_or(0, |b| b.iter().filter(|a| a.is_derived()).count());
                    if spent.derived > limits.max_derived {
                        return Err(EngineError::TooManyDerived {
                            proposal: proposal.id().to_owned(),
                            limit: limits.max_derived,
                        });
                    }
                }
                None => {
                    let mut block: Vec<Atom> = term
                        .subjects
                        .iter()
                        .map(|&subject| Atom {
                            term: TermRef {
                                proposal: index,
                                term: t,
                            },
                            subject,
                            modality: term.modality,
                            action: term.action,
                            target: term.target,
                            scope: scopes.of(&term.scope),
                            window: term.window,
                            derived: None,
                        })
                        .collect();
                    derive::derive(&mut block, vocab, proposal.id(), &mut spent, limits)?;
                    out.atoms.extend(block.into_iter().map(|mut a| {
                        if let Some(step) = &mut a.derived {
                            step.from += start;
                        }
                        a
                    }));
                }
            }
            out.spans.push(start..out.atoms.len());
        }
        if let Some((earlier, _)) = previous {
            copy_run(&mut out, earlier, run, &mut spent, proposal, limits)?;
        }
        Ok(out)
    }
}

/// Appends the `earlier` atoms `run` (whole blocks that keep their place) to `out`,
/// counting their derived atoms against [`Limits::max_derived`].
fn copy_run(
    out: &mut ProposalAtoms,
    earlier: &ProposalAtoms,
    run: std::ops::Range<usize>,
    spent: &mut Spent,
    proposal: &ResolvedProposal,
    limits: &Limits,
) -> Result<(), EngineError> {
    let Some(atoms) = earlier.atoms.get(run) else {
        return Ok(());
    };
    out.atoms.extend_from_slice(atoms);
    spent.derived += atoms.iter().filter(|a| a.is_derived()).count();
    if spent.derived > limits.max_derived {
        return Err(EngineError::TooManyDerived {
            proposal: proposal.id().to_owned(),
            limit: limits.max_derived,
        });
    }
    Ok(())
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
