//! Pending by coverage (DESIGN §3, Settled details): a term that the other side covers
//! only through terms that are themselves held up (pending or blocked) is pending, not
//! agreed. It is reported once, naming the held counterparts, and does not propagate
//! (no term that requires it is held for it).

use super::analysis::{BlockStatus, Blocked, Coverage, Open, Relation, RelationKind};
use super::atom::TermRef;
use super::relations::Relations;
use crate::collections::FastMap;
use crate::collections::chunked::Chunked;
use crate::collections::shared::Shared;

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
    let Some(first) = relations.get(0) else {
        return;
    };
    // Which terms are held up, as a flag per term of each side: this walks every
    // relation, twice, so a look-up is an index, not a hash.
    let held = Marks::of(first.left.term.proposal, blocked.iter().map(|b| b.term));
    let fresh = pending_among(relations.iter(), &held, None, open);
    merge_pending(blocked, fresh);
}

/// The terms pending by coverage among `only` (every term when `None`), sorted, given
/// the `held` terms and the `open` points. `relations` holds every relation of those
/// terms (it may hold others).
pub(super) fn pending_among<'a, I>(
    relations: I,
    held: &Marks,
    only: Option<&Marks>,
    open: &Chunked<Open>,
) -> Vec<Blocked>
where
    I: Iterator<Item = &'a Relation> + Clone,
{
    // Each (covered term, covering term) of a direct non-conflict relation with a term
    // in `marks`, to `visit`.
    let covering = |marks: &Marks, visit: &mut dyn FnMut(TermRef, TermRef)| {
        for r in relations.clone() {
            let (l, r_) = (r.left.term, r.right.term);
            if !(marks.has(l) || marks.has(r_)) || r.is_indirect() || r.kind == RelationKind::Conflict {
                continue;
            }
            if matches!(r.coverage, Coverage::Same | Coverage::RightBroader) {
                visit(l, r_);
            }
            if matches!(r.coverage, Coverage::Same | Coverage::LeftBroader) {
                visit(r_, l);
            }
        }
    };
    let wanted = |t: TermRef| only.is_none_or(|o| o.has(t));
    // Each term wholly covered by a held-up term: its held-up coverers, and whether a
    // term not held up covers it too.
    let mut covered: FastMap<TermRef, (Vec<TermRef>, bool)> = FastMap::default();
    covering(held, &mut |t, by| {
        if held.has(by) && !held.has(t) && wanted(t) {
            covered.entry(t).or_default().0.push(by);
        }
    });
    if covered.is_empty() {
        return Vec::new();
    }
    let candidates = Marks::of(held.left_proposal, covered.keys().copied());
    covering(&candidates, &mut |t, by| {
        if candidates.has(t)
            && !held.has(by)
            && let Some(c) = covered.get_mut(&t)
        {
            c.1 = true;
        }
    });
    let is_open = |t: TermRef| {
        let at = open.partition_point(|o| o.term < t);
        open.get(at).is_some_and(|o| o.term == t)
    };
    // The terms come out of the table in no order: sorted (each once) before they
    // are made entries.
    let mut pending: Vec<(TermRef, Vec<TermRef>)> = covered
        .into_iter()
        .filter(|(t, (_, free))| !free && !is_open(*t))
        .map(|(term, (by, _))| (term, by))
        .collect();
    pending.sort_unstable_by_key(|(t, _)| *t);
    pending
        .into_iter()
        .map(|(term, mut by)| {
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
        .collect()
}

/// Merges `fresh` entries (pending, sorted by term) into `blocked`, keeping report order
/// (status, then term): both lists are in that order, so they are merged, not sorted
/// again.
pub(super) fn merge_pending(blocked: &mut Vec<Blocked>, fresh: Vec<Blocked>) {
    let key = |b: &Blocked| (b.status, b.term);
    if !blocked.is_sorted_by_key(key) {
        blocked.sort_by_key(key);
    }
    if fresh.is_empty() {
        return;
    }
    let mut merged = Vec::with_capacity(blocked.len() + fresh.len());
    let mut fresh = fresh.into_iter().peekable();
    for b in blocked.drain(..) {
        while let Some(f) = fresh.next_if(|f| key(f) < key(&b)) {
            merged.push(f);
        }
        merged.push(b);
    }
    merged.extend(fresh);
    *blocked = merged;
}

/// A set of terms of a pair's two proposals, as a flag per term index on each side.
pub(super) struct Marks {
    left_proposal: usize,
    sides: [Vec<bool>; 2],
}

impl Marks {
    /// The set of `terms`, of the pair whose left proposal is `left_proposal`.
    pub(super) fn of(left_proposal: usize, terms: impl Iterator<Item = TermRef>) -> Marks {
        let mut sides: [Vec<bool>; 2] = [Vec::new(), Vec::new()];
        for t in terms {
            let side = &mut sides[usize::from(t.proposal != left_proposal)];
            if side.len() <= t.term {
                side.resize(t.term + 1, false);
            }
            side[t.term] = true;
        }
        Marks { left_proposal, sides }
    }

    /// Whether `t` is in the set.
    pub(super) fn has(&self, t: TermRef) -> bool {
        self.sides[usize::from(t.proposal != self.left_proposal)]
            .get(t.term)
            .copied()
            .unwrap_or(false)
    }
}
