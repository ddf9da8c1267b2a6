//! Proposals compared on the calendar (DESIGN §3 Settled details, Time): when every
//! proposal compared gives an entry into force, their windows are compared as dates,
//! each proposal's days shifted to count from the earliest entry into force;
//! otherwise each counts in days from its own.
//!
//! Between two proposals this is exactly the rule. With three or more of which only
//! some give an entry into force, all are compared in days (a proposal has one set of
//! windows in an analysis, not one per pair): the report says which.

use std::borrow::Borrow;
use std::sync::Arc;

use crate::model::Date;
use crate::resolved::ResolvedProposal;

/// The date every window counts from when the proposals are compared on the calendar:
/// the earliest entry into force, when each of them gives one (and there are two or
/// more).
pub(crate) fn origin<P: Borrow<ResolvedProposal>>(proposals: &[P]) -> Option<Date> {
    if proposals.len() < 2 {
        return None;
    }
    let mut earliest: Option<Date> = None;
    for p in proposals.iter().map(Borrow::borrow) {
        let d = p.proposal.entry_into_force?;
        earliest = Some(earliest.map_or(d, |e| e.min(d)));
    }
    earliest
}

/// Where proposal `p`'s day 0 falls among `origin`: the origin, or its own entry
/// into force when there is none.
fn target(p: &ResolvedProposal, origin: Option<Date>) -> Option<Date> {
    origin.or(p.proposal.entry_into_force)
}

/// Whether some proposal's windows do not count from where they should among these
/// proposals (a shift is due).
pub(crate) fn misaligned<P: Borrow<ResolvedProposal>>(proposals: &[P]) -> bool {
    let origin = origin(proposals);
    proposals
        .iter()
        .map(Borrow::borrow)
        .any(|p| p.calendar != target(p, origin))
}

/// The proposals with every window counted from the common origin (or its own entry
/// into force); those already so are kept as they are, shared.
pub(crate) fn align(proposals: Vec<Arc<ResolvedProposal>>) -> Vec<Arc<ResolvedProposal>> {
    let origin = origin(&proposals);
    proposals
        .into_iter()
        .map(|p| {
            let to = target(&p, origin);
            let (Some(to), Some(from)) = (to, p.calendar) else {
                return p;
            };
            if to == from {
                return p;
            }
            // Day `d` counted from `from` is day `d + shift` counted from `to`.
            let shift = to.days_until(from);
            let mut q = Arc::unwrap_or_clone(p);
            for t in &mut q.terms {
                t.window = t.window.shifted(shift);
            }
            q.calendar = Some(to);
            Arc::new(q)
        })
        .collect()
}
