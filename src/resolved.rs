//! The resolved form of a proposal: names turned into vocabulary indices, windows into
//! day intervals, negating aliases into modalities, conditions into term indices.

use crate::model::{Modality, Proposal, Timing};
use crate::vocab::{ActionId, LabelId, PartyId};

/// A half-open interval of days from entry into force, `[from, to)`; `to = None` has no end.
/// Ordered by `from`, then by `to` with no end first.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Interval {
    /// First day.
    pub from: i64,
    /// The day it ends (exclusive), or [`OPEN`]: a plain day rather than an `Option`,
    /// which took 8 bytes more in every atom and resolved term. Read with
    /// [`Interval::to`].
    end: i64,
}

/// The end of an interval without end: below every day, so that such an interval
/// sorts first among those of the same start.
const OPEN: i64 = i64::MIN;

impl Interval {
    /// From entry into force, without end.
    pub const ALWAYS: Interval = Interval::new(0, None);

    /// The interval `[from, to)`, or from `from` on when `to` is `None`. (A `to` of
    /// `i64::MIN`, before any start, is taken as no end.)
    pub const fn new(from: i64, to: Option<i64>) -> Interval {
        let end = match to {
            Some(t) => t,
            None => OPEN,
        };
        Interval { from, end }
    }

    /// The day the interval ends (exclusive), if it ends.
    pub const fn to(self) -> Option<i64> {
        if self.end == OPEN { None } else { Some(self.end) }
    }

    /// The common part of two intervals, if they overlap.
    pub fn intersect(self, other: Interval) -> Option<Interval> {
        let from = self.from.max(other.from);
        let to = match (self.to(), other.to()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, None) => a,
            (None, b) => b,
        };
        match to {
            Some(t) if t <= from => None,
            _ => Some(Interval::new(from, to)),
        }
    }

    /// Whether `self` contains all of `other`.
    pub fn contains(self, other: Interval) -> bool {
        self.from <= other.from
            && match (self.to(), other.to()) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) => b <= a,
            }
    }

    /// The length in days, if bounded.
    pub fn days(self) -> Option<i64> {
        self.to().map(|t| t - self.from)
    }
}

impl std::fmt::Debug for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interval")
            .field("from", &self.from)
            .field("to", &self.to())
            .finish()
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to() {
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
}

impl ResolvedProposal {
    /// The proposal's id.
    pub fn id(&self) -> &str {
        &self.proposal.id
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
