//! The concession problem of an analysis, as the solver takes it: every term in a
//! conflict (direct or indirect) a candidate withdrawal priced by its priority, every
//! conflict relation an edge that withdrawing either of its terms resolves.

use std::collections::HashMap;

use super::costs::CostTable;
use super::solver::{Concession, Conflict, Cost, Instance};
use crate::engine::{Analysis, RelationKind, TermRef};
use crate::model::Priority;

/// A term that could be withdrawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The term.
    pub term: TermRef,
    /// `proposal-id/term-id`.
    pub name: String,
    /// Its priority.
    pub priority: Priority,
    /// What withdrawing it costs its proposal.
    pub cost: Cost,
}

/// A conflict to resolve: a conflict relation of a pair.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictRef {
    /// The left term.
    pub left: String,
    /// The right term.
    pub right: String,
    /// Whether a derived atom is involved.
    pub indirect: bool,
}

/// The concession problem of an analysis: the solver's [`Instance`] and what its ids
/// stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The terms in conflict; concession `i` of the instance withdraws candidate `i`.
    pub candidates: Vec<Candidate>,
    /// The conflicts; conflict `i` of the instance is conflict `i` here.
    pub conflicts: Vec<ConflictRef>,
    /// The instance the solver takes.
    pub instance: Instance,
}

/// The concession problem of `baseline`, withdrawals priced by `costs`: candidates in
/// the order their terms first appear among the pairs' conflict relations.
pub fn problem(baseline: &Analysis, costs: &CostTable) -> Problem {
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut index: HashMap<TermRef, usize> = HashMap::new();
    let mut conflicts = Vec::new();
    let mut instance = Instance::default();
    for pair in &baseline.pairs {
        // A contingent conflict conflicts only if another term's outcome comes: it is
        // no problem to concede on, as it does not make the pair conflicting.
        let unconditional = pair
            .relations
            .iter()
            .enumerate()
            .filter(|(i, r)| r.kind == RelationKind::Conflict && pair.contingent.binary_search(i).is_err())
            .map(|(_, r)| r);
        for r in unconditional {
            let mut ends = [0usize; 2];
            for (slot, term) in ends.iter_mut().zip([r.left.term, r.right.term]) {
                *slot = *index.entry(term).or_insert_with(|| {
                    let priority = baseline.term(term).map(|t| t.priority).unwrap_or_default();
                    candidates.push(Candidate {
                        term,
                        name: baseline.term_name(term),
                        priority,
                        cost: costs.cost(priority),
                    });
                    instance
                        .concessions
                        .push(Concession::new(term.proposal, costs.cost(priority)));
                    candidates.len() - 1
                });
            }
            instance.conflicts.push(Conflict::edge(ends[0], ends[1]));
            conflicts.push(ConflictRef {
                left: baseline.term_name(r.left.term),
                right: baseline.term_name(r.right.term),
                indirect: r.is_indirect(),
            });
        }
    }
    Problem {
        candidates,
        conflicts,
        instance,
    }
}
