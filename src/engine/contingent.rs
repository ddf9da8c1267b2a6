//! Contingent conflicts (DESIGN §3, v2): a term with a condition on another term's
//! outcome (succeeded, failed, breached) applies only after that outcome, and so does
//! what requires it (the proposal's [`Outcomes`](crate::resolved::Outcomes)). Its
//! conflicts are contingent: they conflict only if the outcome comes, so they are
//! reported apart, hold up no term and do not make a pair conflicting by themselves.
//! One whose other term lapses on that very outcome (of its own side's counterpart of
//! the trigger term) is no conflict at all: the two never apply together.

use super::analysis::Relation;
use super::relations::Relations;
use crate::resolved::ResolvedProposal;

/// Whether conflict `r` between proposals `sides` (index, proposal) is contingent: one
/// of its terms is.
pub(super) fn is_contingent(sides: [(usize, &ResolvedProposal); 2], r: &Relation) -> bool {
    [&r.left, &r.right].into_iter().any(|s| {
        sides
            .iter()
            .find(|(pi, _)| *pi == s.term.proposal)
            .is_some_and(|(_, p)| p.outcomes.is_contingent(s.term.term))
    })
}

/// The contingent conflicts among a pair's `relations` (indices, ascending), and
/// among them those whose two terms never apply together (see the module doc).
/// Conflicts come first in report order, so only they are read; nothing is when
/// neither proposal has a contingent term.
pub(super) fn conflicts(
    sides: [(usize, &ResolvedProposal); 2],
    relations: &Relations,
) -> (Vec<usize>, Vec<usize>) {
    if sides.iter().all(|(_, p)| !p.outcomes.any_contingent()) {
        return (Vec::new(), Vec::new());
    }
    let contingent: Vec<usize> = relations
        .iter()
        .enumerate()
        .take_while(|(_, r)| r.is_conflict())
        .filter(|(_, r)| is_contingent(sides, r))
        .map(|(i, _)| i)
        .collect();
    let lapsed = contingent
        .iter()
        .copied()
        .filter(|&i| {
            relations
                .get(i)
                .is_some_and(|r| never_together(sides, relations, r))
        })
        .collect();
    (contingent, lapsed)
}

/// Whether one term of contingent conflict `r` lapses on the outcome that brings the
/// other in: the same outcome of a term of its own proposal that is a counterpart of
/// the trigger term (a direct relation that is no conflict).
fn never_together(sides: [(usize, &ResolvedProposal); 2], relations: &Relations, r: &Relation) -> bool {
    let proposal = |pi: usize| sides.iter().find(|(i, _)| *i == pi).map(|(_, p)| *p);
    let ends = [(&r.left, &r.right), (&r.right, &r.left)];
    ends.into_iter().any(|(applies, other)| {
        let (a, o) = (applies.term, other.term);
        let (Some(pa), Some(po)) = (proposal(a.proposal), proposal(o.proposal)) else {
            return false;
        };
        let Some((trigger, on)) = pa.outcomes.trigger(a.term) else {
            return false;
        };
        po.outcomes.lapses(o.term).any(|(by, lapse_on)| {
            lapse_on == on && corresponds(relations, (a.proposal, trigger), (o.proposal, by))
        })
    })
}

/// Whether term `x` (proposal, term) and term `y` of the other proposal are
/// counterparts: a direct relation between them that is no conflict.
fn corresponds(relations: &Relations, x: (usize, usize), y: (usize, usize)) -> bool {
    let (left, right) = match relations.get(0) {
        Some(first) if first.left.term.proposal == x.0 => (x.1, y.1),
        Some(_) => (y.1, x.1),
        None => return false,
    };
    relations.touching(&[left], &[]).into_iter().any(|k| {
        relations.get(k).is_some_and(|r| {
            r.left.term.term == left
                && r.right.term.term == right
                && !r.is_conflict()
                && !r.is_indirect()
                && r.is_finding()
        })
    })
}
