//! The resolved form of a proposal: names turned into vocabulary indices, windows into
//! day intervals, negating aliases into modalities, conditions into term indices.

use super::key::TermKey;
use crate::model::{Modality, Proposal, Timing};
use crate::vocab::{ActionId, LabelId, PartyId};

/// A half-open interval of days from entry into force, `[from, to)`; `to = None` has no end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Interval {
    /// First day.
    pub from: i64,
    /// Day the interval ends (exclusive), if it ends.
    pub to: Option<i64>,
}

impl Interval {
    /// From entry into force, without end.
    pub const ALWAYS: Interval = Interval { from: 0, to: None };

    /// The common part of two intervals, if they overlap.
    pub fn intersect(self, other: Interval) -> Option<Interval> {
        let from = self.from.max(other.from);
        let to = match (self.to, other.to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, None) => a,
            (None, b) => b,
        };
        match to {
            Some(t) if t <= from => None,
            _ => Some(Interval { from, to }),
        }
    }

    /// Whether `self` contains all of `other`.
    pub fn contains(self, other: Interval) -> bool {
        self.from <= other.from
            && match (self.to, other.to) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) => b <= a,
            }
    }

    /// The length in days, if bounded.
    pub fn days(self) -> Option<i64> {
        self.to.map(|t| t - self.from)
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to {
            Some(to) => write!(f, "days {}–{}", self.from, to),
            None if self.from == 0 => f.write_str("from entry into force, open-ended"),
            None => write!(f, "from day {}, open-ended", self.from),
        }
    }
}

/// A proposal whose names all resolved against a vocabulary.
#[derive(Debug, Clone)]
pub struct ResolvedProposal {
    /// The proposal as written, for its metadata and the wording of its terms.
    pub proposal: Proposal,
    /// The authors.
    pub by: Vec<PartyId>,
    /// The terms, in file order (index `i` is `proposal.terms[i]`).
    pub terms: Vec<ResolvedTerm>,
    /// Each term's id and relating content, packed (index `i` is `terms[i]`), made
    /// with them: `reanalyze` matches versions of a proposal by them.
    pub(crate) keys: Vec<TermKey>,
    /// Who requires each term, made with them: `reanalyze` traces held-up terms up
    /// from a changed term without going through every term.
    pub(crate) required_by: RequiredBy,
}

/// The reverse of the terms' `requires`: `by[first[t]..first[t + 1]]` are the terms
/// that require term `t`, ascending.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequiredBy {
    first: Vec<usize>,
    by: Vec<usize>,
}

impl RequiredBy {
    /// The reverse of `edges`, pairs `(required, requiring)` in the order of the
    /// requiring term, among `terms` terms (edges out of range are left out).
    pub(crate) fn of(terms: usize, edges: &[(usize, usize)]) -> RequiredBy {
        // Counts summed up to each term's end, then filled downwards to its start.
        let mut first = vec![0usize; terms + 1];
        for &(req, _) in edges.iter().filter(|(req, _)| *req < terms) {
            if let Some(c) = first.get_mut(req) {
                *c += 1;
            }
        }
        let mut sum = 0;
        for c in &mut first {
            sum += *c;
            *c = sum;
        }
        let mut by = vec![0usize; sum];
        for &(req, t) in edges.iter().rev().filter(|(req, _)| *req < terms) {
            if let Some(f) = first.get_mut(req) {
                *f -= 1;
                if let Some(slot) = by.get_mut(*f) {
                    *slot = t;
                }
            }
        }
        RequiredBy { first, by }
    }

    /// The reverse of the `requires` of `terms`.
    pub(crate) fn of_terms(terms: &[ResolvedTerm]) -> RequiredBy {
        let edges: Vec<(usize, usize)> = terms
            .iter()
            .enumerate()
            .flat_map(|(t, term)| term.requires.iter().map(move |&(req, _)| (req, t)))
            .collect();
        RequiredBy::of(terms.len(), &edges)
    }

    /// Whether this is the reverse for a proposal of `terms` terms.
    pub(crate) fn covers(&self, terms: usize) -> bool {
        self.first.len() == terms + 1
    }

    /// The terms that require term `t`, ascending.
    pub(crate) fn of_term(&self, t: usize) -> &[usize] {
        match (self.first.get(t), self.first.get(t + 1)) {
            (Some(&a), Some(&b)) => self.by.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }
}

impl ResolvedProposal {
    /// The proposal's id.
    pub fn id(&self) -> &str {
        &self.proposal.id
    }

    /// The proposal without what only a what-if reads (the terms' keys and who
    /// requires each term, about 60 bytes a term), for a command that analyses it once.
    /// A what-if from it still gives the same result: it compares the terms in full
    /// and traces who requires whom afresh.
    pub fn for_one_analysis(mut self) -> ResolvedProposal {
        self.keys = Vec::new();
        self.required_by = RequiredBy::default();
        self
    }
}

/// A term whose names all resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedTerm {
    /// The parties bound, without repeats, in file order.
    pub subjects: Box<[PartyId]>,
    /// The effective modality, after any negating alias.
    pub modality: Modality,
    /// The action, after aliases.
    pub action: ActionId,
    /// The party the action is directed at, if any.
    pub target: Option<PartyId>,
    /// Scope labels, sorted, without repeats; empty means everywhere.
    pub scope: Box<[LabelId]>,
    /// When the term applies.
    pub window: Interval,
    /// Required terms of the same proposal, by index, with their timing.
    pub requires: Box<[(usize, Timing)]>,
}
