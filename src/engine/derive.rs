//! Derivation: applying the vocabulary's rules to a proposal's atoms, to a bounded
//! fixpoint, so that implied terms (aid lets the recipient resupply) can be compared.

use crate::collections::FastSet;

use super::EngineError;
use super::atom::{Atom, Step};
use crate::limits::Limits;
use crate::vocab::{PartyId, PartyRef, Pattern, Vocab};

/// What derivation has spent so far on one proposal, against [`Limits::max_firings`]
/// and [`Limits::max_derived`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Spent {
    /// Rule firings.
    pub firings: usize,
    /// Atoms derived.
    pub derived: usize,
}

/// Appends to `atoms` (one term's atoms) every atom the rules derive from them,
/// transitively, counting firings and derived atoms in `spent`. An atom already in the
/// block (same content) is not derived again, which makes the fixpoint finite; going
/// past a limit of `limits` is an error naming `proposal`.
pub(super) fn derive(
    atoms: &mut Vec<Atom>,
    vocab: &Vocab,
    proposal: &str,
    spent: &mut Spent,
    limits: &Limits,
) -> Result<(), EngineError> {
    if vocab.rules.is_empty() {
        return Ok(());
    }
    let mut seen: FastSet<Key> = atoms.iter().map(Key::of).collect();
    let mut next = 0;
    while next < atoms.len() {
        for (r, rule) in vocab.rules.iter().enumerate() {
            let Some(derived) = apply(&rule.when, &rule.then, &atoms[next], vocab) else {
                continue;
            };
            spent.firings += 1;
            if spent.firings > limits.max_firings {
                return Err(EngineError::TooManyFirings {
                    proposal: proposal.to_owned(),
                    limit: limits.max_firings,
                });
            }
            let (Ok(rule), Ok(from)) = (u32::try_from(r), u32::try_from(next)) else {
                // More atoms in one block than 32 bits number: past any sane limit.
                return Err(EngineError::TooManyDerived {
                    proposal: proposal.to_owned(),
                    limit: limits.max_derived,
                });
            };
            let derived = Atom {
                derived: Some(Step { rule, from }),
                ..derived
            };
            if seen.insert(Key::of(&derived)) {
                spent.derived += 1;
                if spent.derived > limits.max_derived {
                    return Err(EngineError::TooManyDerived {
                        proposal: proposal.to_owned(),
                        limit: limits.max_derived,
                    });
                }
                atoms.push(derived);
            }
        }
        next += 1;
    }
    Ok(())
}

/// The atom `then` implies when `atom` matches `when`.
fn apply(when: &Pattern, then: &Pattern, atom: &Atom, vocab: &Vocab) -> Option<Atom> {
    if when.modality.is_some_and(|m| m != atom.modality) || !vocab.action_contains(when.action, atom.action) {
        return None;
    }
    let mut bindings: Vec<(&str, PartyId)> = Vec::with_capacity(2);
    if !bind(&when.subject, Some(atom.subject), &mut bindings) {
        return None;
    }
    if let Some(t) = &when.target
        && !bind(t, atom.target, &mut bindings)
    {
        return None;
    }
    let lookup = |r: &PartyRef| match r {
        PartyRef::Party(p) => Some(*p),
        PartyRef::Var(v) => bindings.iter().find(|(n, _)| n == v).map(|(_, p)| *p),
    };
    Some(Atom {
        term: atom.term,
        subject: lookup(&then.subject)?,
        modality: then.modality.unwrap_or(atom.modality),
        action: then.action,
        target: then.target.as_ref().and_then(lookup),
        scope: atom.scope.clone(),
        window: atom.window,
        derived: None,
    })
}

/// Matches a pattern party against a value, binding a variable on first use.
fn bind<'p>(pattern: &'p PartyRef, value: Option<PartyId>, bindings: &mut Vec<(&'p str, PartyId)>) -> bool {
    let Some(value) = value else { return false };
    match pattern {
        PartyRef::Party(p) => *p == value,
        PartyRef::Var(v) => match bindings.iter().find(|(n, _)| n == v) {
            Some((_, bound)) => *bound == value,
            None => {
                bindings.push((v, value));
                true
            }
        },
    }
}

/// What makes two atoms the same for the fixpoint.
#[derive(PartialEq, Eq, Hash)]
struct Key {
    subject: PartyId,
    modality: crate::model::Modality,
    action: crate::vocab::ActionId,
    target: Option<PartyId>,
    scope: crate::collections::Shared<crate::vocab::LabelId>,
    window: crate::resolved::Interval,
}

impl Key {
    fn of(a: &Atom) -> Key {
        Key {
            subject: a.subject,
            modality: a.modality,
            action: a.action,
            target: a.target,
            scope: a.scope.clone(),
            window: a.window,
        }
    }
}

/// The rules and atoms that led to atom `i` of a term's `block`, from the written term
/// to the atom itself: `(rule index, place in the block)` pairs, first rule first.
pub(super) fn chain(block: &[Atom], mut i: usize) -> Vec<(usize, usize)> {
    let mut steps = Vec::new();
    while let Some(step) = block.get(i).and_then(|a| a.derived) {
        steps.push((step.rule as usize, i));
        i = step.from as usize;
    }
    steps.reverse();
    steps
}
