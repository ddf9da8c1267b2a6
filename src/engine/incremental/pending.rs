//! Terms pending by coverage brought up to date for `reanalyze` (see
//! [`crate::engine::held_cover`]).
//!
//! Whether a term is pending by coverage depends only on whether it is held up or open
//! itself, on its relations, and on whether the terms that cover it are held up. So
//! only the terms whose relations or open point may have changed (the touched terms),
//! the terms whose held-up status changed, and the terms related to either are looked
//! at again; every other term keeps its earlier entry (carried over, renumbered, with
//! the held-up terms).

use super::termmap::TermMap;
use crate::collections::chunked::Chunked;
use crate::engine::analysis::{Blocked, Open, Pair};
use crate::engine::atom::TermRef;
use crate::engine::held_cover::{Marks, merge_pending, pending_among};
use crate::engine::relations::Relations;

/// The pair as the earlier analysis had it, and what changed since.
pub(super) struct Since<'a> {
    /// The earlier pair.
    pub earlier: &'a Pair,
    /// The proposal indices of the pair's two sides.
    pub proposals: [usize; 2],
    /// Each side's terms against the earlier version's.
    pub maps: [&'a TermMap; 2],
    /// Each side's terms whose relations or open point may have changed, ascending.
    pub touched: &'a [Vec<usize>; 2],
}

/// Replaces the entries of `blocked` that are pending by coverage, as
/// [`crate::engine::held_cover::pending_by_coverage`] does, when the other entries
/// were carried over from `since.earlier` (its pending-by-coverage entries among them,
/// renumbered): those of the terms that may have changed are found again, the others
/// kept.
pub(super) fn pending_again(
    since: &Since,
    relations: &Relations,
    open: &Chunked<Open>,
    blocked: &mut Vec<Blocked>,
) {
    let [left, right] = since.proposals;
    let side_of = |t: TermRef| {
        (t.proposal == left)
            .then_some(0)
            .or((t.proposal == right).then_some(1))
    };
    let (mut carried, held): (Vec<Blocked>, Vec<Blocked>) =
        blocked.drain(..).partition(|b| !b.by_coverage.is_empty());
    if !carried.is_sorted_by_key(|b| b.term) {
        carried.sort_by_key(|b| b.term);
    }
    *blocked = held;
    let now = Marks::of(left, blocked.iter().map(|b| b.term));
    let before: Vec<TermRef> = since
        .earlier
        .blocked
        .iter()
        .filter(|b| b.by_coverage.is_empty())
        .filter_map(|b| {
            let term = since.maps[side_of(b.term)?].new_of(b.term.term)?;
            Some(TermRef { term, ..b.term })
        })
        .collect();
    let then = Marks::of(left, before.iter().copied());
    // The earlier pending-by-coverage entries not carried over (their terms were
    // traced again).
    let kept = Marks::of(left, carried.iter().map(|b| b.term));
    let dropped: Vec<TermRef> = since
        .earlier
        .blocked
        .iter()
        .filter(|b| !b.by_coverage.is_empty())
        .filter_map(|b| {
            let term = since.maps[side_of(b.term)?].new_of(b.term.term)?;
            Some(TermRef { term, ..b.term })
        })
        .filter(|t| !kept.has(*t))
        .collect();
    // The terms that changed: touched, or held up now and not before, or before and
    // not now, or whose earlier entry was dropped.
    let mut changed: [Vec<usize>; 2] = since.touched.clone();
    let flipped = before
        .iter()
        .filter(|t| !now.has(**t))
        .chain(blocked.iter().map(|b| &b.term).filter(|t| !then.has(**t)))
        .chain(&dropped);
    for t in flipped {
        if let Some(s) = side_of(*t) {
            changed[s].push(t.term);
        }
    }
    for side in &mut changed {
        side.sort_unstable();
        side.dedup();
    }
    // The terms looked at again: those that changed and those related to them.
    let mut again = changed.clone();
    for k in relations.touching(&changed[0], &changed[1]) {
        if let Some(r) = relations.get(k) {
            again[0].push(r.left.term.term);
            again[1].push(r.right.term.term);
        }
    }
    for side in &mut again {
        side.sort_unstable();
        side.dedup();
    }
    let looked_at = Marks::of(
        left,
        again[0]
            .iter()
            .map(|&term| TermRef { proposal: left, term })
            .chain(again[1].iter().map(|&term| TermRef {
                proposal: right,
                term,
            })),
    );
    let theirs = relations.touching(&again[0], &again[1]);
    let fresh = pending_among(
        theirs.iter().filter_map(|&k| relations.get(k)),
        &now,
        Some(&looked_at),
        open,
    );
    // The carried entries of the other terms, with the fresh ones, in term order.
    let mut pending = Vec::with_capacity(carried.len() + fresh.len());
    let mut fresh = fresh.into_iter().peekable();
    for b in carried.into_iter().filter(|b| !looked_at.has(b.term)) {
        while let Some(f) = fresh.next_if(|f| f.term < b.term) {
            pending.push(f);
        }
        pending.push(b);
    }
    pending.extend(fresh);
    merge_pending(blocked, pending);
}
