//! The resolved form of a proposal: names turned into vocabulary indices, windows into
//! day intervals, negating aliases into modalities, conditions into term indices.

use crate::model::{Modality, Outcome, Proposal, Timing};
use crate::vocab::{ActionId, LabelId, PartyId};

/// A half-open interval of days from entry into force, `[from, to)`; `to = None` has no end;
/// or [`Interval::UNSTATED`], a window the text does not state, which relates to any
/// window without a difference (DESIGN §2 `window`). Ordered by `from` (unstated
/// first), then by `to` with no end first.
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

/// The start of an unstated window: before any day a window may start on.
const UNSTATED_FROM: i64 = i64::MIN;

impl Interval {
    /// From entry into force, without end.
    pub const ALWAYS: Interval = Interval::new(0, None);

    /// A window the text does not state ("the text says nothing of duration"): it
    /// meets, contains and lies within any window, so that it never makes a
    /// difference of its own nor leaves a remainder in time.
    pub const UNSTATED: Interval = Interval {
        from: UNSTATED_FROM,
        end: OPEN,
    };

    /// Whether the window is [`Interval::UNSTATED`].
    pub const fn is_unstated(self) -> bool {
        self.from == UNSTATED_FROM && self.end == OPEN
    }

    /// Whether two windows are both stated and differ: the one difference in time a
    /// relation may rest on.
    pub fn differs(self, other: Interval) -> bool {
        !self.is_unstated() && !other.is_unstated() && self != other
    }

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
    /// An unstated window meets any other in the other one.
    pub fn intersect(self, other: Interval) -> Option<Interval> {
        if self.is_unstated() {
            return Some(other);
        }
        if other.is_unstated() {
            return Some(self);
        }
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

    /// Whether `self` contains all of `other`; an unstated window contains and lies
    /// within any.
    pub fn contains(self, other: Interval) -> bool {
        if self.is_unstated() || other.is_unstated() {
            return true;
        }
        self.from <= other.from
            && match (self.to(), other.to()) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) => b <= a,
            }
    }

    /// The length in days, if bounded (an unstated window has none).
    pub fn days(self) -> Option<i64> {
        self.to().map(|t| t - self.from)
    }
}

impl std::fmt::Debug for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_unstated() {
            return f.write_str("Interval::UNSTATED");
        }
        f.debug_struct("Interval")
            .field("from", &self.from)
            .field("to", &self.to())
            .finish()
    }
}

impl std::fmt::Display for Interval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_unstated() {
            return f.write_str("duration unstated");
        }
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
    /// The outcomes terms wait on or lapse on, apart from the terms (few have any).
    pub outcomes: Outcomes,
}

/// The outcomes of a proposal's terms that other terms depend on (DESIGN §2–§3, v2):
/// which terms are contingent, and on what, and which lapse, and on what. Kept as
/// short sorted lists rather than in every term: most proposals have none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcomes {
    /// Each contingent term, ascending, with the trigger that makes it so (the term
    /// and its outcome): its own trigger condition, or that of a term it requires.
    contingent: Vec<(usize, usize, Outcome)>,
    /// Each lapse, ascending by term: (term, the term whose outcome ends it, outcome).
    lapses: Vec<(usize, usize, Outcome)>,
    /// Each trigger condition, ascending by term: (term, the term whose outcome it
    /// waits on, outcome).
    triggers: Vec<(usize, usize, Outcome)>,
}

impl Outcomes {
    /// The outcomes of `contingent`, `lapses` and `triggers` lists (each sorted by its
    /// first element, each term at most once in `contingent`).
    pub fn new(
        contingent: Vec<(usize, usize, Outcome)>,
        lapses: Vec<(usize, usize, Outcome)>,
        triggers: Vec<(usize, usize, Outcome)>,
    ) -> Outcomes {
        Outcomes {
            contingent,
            lapses,
            triggers,
        }
    }

    /// The trigger term `t` applies after (a term of the proposal and its outcome),
    /// when `t` is contingent.
    pub fn trigger(&self, t: usize) -> Option<(usize, Outcome)> {
        let at = self.contingent.binary_search_by_key(&t, |&(k, _, _)| k).ok()?;
        self.contingent.get(at).map(|&(_, by, on)| (by, on))
    }

    /// Whether term `t` is contingent.
    pub fn is_contingent(&self, t: usize) -> bool {
        self.trigger(t).is_some()
    }

    /// Whether some term is contingent.
    pub fn any_contingent(&self) -> bool {
        !self.contingent.is_empty()
    }

    /// The outcomes on which term `t` lapses: (the term, its outcome), in file order.
    pub fn lapses(&self, t: usize) -> impl Iterator<Item = (usize, Outcome)> + '_ {
        of_term(&self.lapses, t)
    }

    /// The outcomes term `t`'s own trigger conditions wait on: (the term, its
    /// outcome), in file order.
    pub fn triggers(&self, t: usize) -> impl Iterator<Item = (usize, Outcome)> + '_ {
        of_term(&self.triggers, t)
    }
}

/// The entries of term `t` in `list` (sorted by term), without the term.
fn of_term(list: &[(usize, usize, Outcome)], t: usize) -> impl Iterator<Item = (usize, Outcome)> + '_ {
    let from = list.partition_point(|&(k, _, _)| k < t);
    list.get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(move |&&(k, _, _)| k == t)
        .map(|&(_, by, on)| (by, on))
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
    /// Required terms of the same proposal, by index, with their timing: the
    /// preconditions (in force or fulfilled); a trigger condition (an outcome) is in
    /// [`ResolvedProposal::outcomes`] instead.
    pub requires: Box<[(usize, Timing)]>,
}
