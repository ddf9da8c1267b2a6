//! Atoms: terms normalized to one subject party each, the unit the engine compares.

use crate::load::{Interval, ResolvedProposal};
use crate::model::Modality;
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
    /// Index of the atom the rule was applied to, in the same proposal's atoms.
    pub from: usize,
}

/// One term for one subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Atom {
    /// The term the atom comes from (for a derived atom, the original term at the
    /// start of its chain).
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
    pub scope: Vec<LabelId>,
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

/// The atoms of one proposal's written terms, one per subject, in term order.
pub fn atoms_of(index: usize, proposal: &ResolvedProposal) -> Vec<Atom> {
    proposal
        .terms
        .iter()
        .enumerate()
        .flat_map(|(t, term)| {
            term.subjects.iter().map(move |&subject| Atom {
                term: TermRef {
                    proposal: index,
                    term: t,
                },
                subject,
                modality: term.modality,
                action: term.action,
                target: term.target,
                scope: term.scope.clone(),
                window: term.window,
                derived: None,
            })
        })
        .collect()
}
