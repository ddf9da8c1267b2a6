//! Pending by coverage (DESIGN §3, Settled details): a term that the other side covers
//! only through terms that are themselves held up (pending or blocked) is pending, not
//! agreed. It is reported once, naming the held counterparts, and does not propagate
//! (no term that requires it is held for it).

use super::analysis::{BlockStatus, Blocked, Coverage, Open, RelationKind};
use super::atom::TermRef;
use super::relations::Relations;
use crate::collections::chunked::Chunked;
use crate::collections::shared::Shared;
use crate::collections::{FastMap, FastSet};

/// Replaces the entries of `blocked` that are pending by coverage with those the pair's
/// `relations`, `open` points and other held-up terms give now. A term is pending by
/// coverage when it is neither held up itself nor open, and every term of the other
/// side that covers all of it (directly, without conflict) is held up. Only terms
/// covered by a held-up term are looked at, so that the pass is one walk of the
/// relations with tables the size of the held-up terms' reach.
pub(super) fn pending_by_coverage(relations: &Relations, open: &Chunked<Open>, blocked: &mut Vec<Blocked>) {
    blocked.retain(|b| b.by_coverage.is_empty());
    if blocked.is_empty() {
        return;
    }
    let held: FastSet<TermRef> = blocked.iter().map(|b| b.term).collect();
    // Each term wholly covered by the other side: its held-up coverers, and whether a
    // term not held up covers it too.
    let mut covered: FastMap<TermRef, (Vec<TermRef>, bool)> = FastMap::default();
    let covering = || {
        relations
            .iter()
            .filter(|r| !r.is_indirect() && r.kind != RelationKind::Conflict)
            .flat_map(|r| {
                let left = matches!(r.coverage, Coverage::Same | Coverage::RightBroader);
                let right = matches!(r.coverage, Coverage::Same | Coverage::LeftBroader);
                [
                    left.then_some((r.left.term, r.right.term)),
                    right.then_some((r.right.term, r.left.term)),
                ]
            })
            .flatten()
    };
    for (t, by) in covering() {
        if held.contains(&by) && !held.contains(&t) {
            covered.entry(t).or_default().0.push(by);
        }
    }
    if covered.is_empty() {
        return;
    }
    for (t, by) in covering() {
        if !held.contains(&by)
            && let Some(c) = covered.get_mut(&t)
        {
            c.1 = true;
        }
    }
    let is_open = |t: TermRef| {
        let at = open.partition_point(|o| o.term < t);
        open.get(at).is_some_and(|o| o.term == t)
    };
    let mut fresh: Vec<Blocked> = covered
        .into_iter()
        .filter(|(t, (_, free))| !free && !is_open(*t))
        .map(|(term, (mut by, _))| {
            by.sort_unstable();
            by.dedup();
            Blocked {
                term,
                status: BlockStatus::Pending,
                agreed_with: Shared::empty(),
                causes: Shared::empty(),
                by_coverage: by.into(),
            }
        })
        .collect();
    fresh.sort_by_key(|b| b.term);
    blocked.extend(fresh);
    blocked.sort_by_key(|b| (b.status, b.term));
}
