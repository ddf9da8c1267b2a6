//! Held-up terms of a pair brought up to date for `reanalyze` (see [`crate::engine::blocked`]).
//!
//! Whether a term is held up, and by which paths, depends only on the terms it reaches
//! through `requires` and on whether those fail (their conflicts and open points). So
//! only the terms that reach, through `requires`, a term whose relations or open point
//! may have changed (dirty or affected) or whose own `requires` changed are traced
//! again; the others keep their earlier entries, renumbered, and their share of the
//! conflicts' criticality. The steps counted against `max_paths` are the earlier
//! total, less those of the earlier terms traced again, plus those of the terms traced
//! now: the result, and the error past the limit, are those of a full
//! [`crate::engine::blocked::blocked`].

use rayon::prelude::*;

use super::renumber::Renumber;
use super::termmap::TermMap;
use crate::collections::FastSet;
use crate::collections::FlatLists;
use crate::collections::chunked::Chunked;
use crate::collections::shared::Shared;
use crate::engine::analysis::{BlockCause, Blocked, Open, Pair, RelationKind};
use crate::engine::atom::TermRef;
use crate::engine::blocked::{self, Failures, Steps, Trace};
use crate::engine::relations::Relations;
use crate::resolved::ResolvedProposal;

/// The pair as the earlier analysis had it.
pub(super) struct Earlier<'a> {
    /// The earlier versions of the two proposals.
    pub proposals: [&'a ResolvedProposal; 2],
    /// The earlier pair.
    pub pair: &'a Pair,
}

/// What changed in the pair.
pub(super) struct Changes<'a> {
    /// Each side's terms against the earlier version's.
    pub maps: [&'a TermMap; 2],
    /// Each side's terms whose relations or open point may have changed, ascending.
    pub touched: &'a [Vec<usize>; 2],
    /// Where the kept relations are now.
    pub renumber: &'a Renumber,
    /// Who requires each term of each side, when the side's keys were made (empty
    /// otherwise: it is then made from the terms).
    pub required_by: [&'a FlatLists; 2],
}

/// The held-up terms of proposals `sides` (index, proposal, new versions) and the steps
/// their tracing took, from the `earlier` pair and its `changes`; the criticality of
/// the kept relations (`relations`, new) is brought up to date. `Ok(None)` when the
/// earlier entries cannot be carried over: then the criticality of kept relations is
/// no longer right, and the caller traces every term afresh. `Err` with `max_steps`
/// when tracing takes more steps than that.
pub(super) fn blocked_again(
    sides: [(usize, &ResolvedProposal); 2],
    earlier: &Earlier,
    changes: &Changes,
    relations: &mut Relations,
    open: &Chunked<Open>,
    max_steps: usize,
) -> Result<Option<(Vec<Blocked>, usize)>, usize> {
    let redo = [0, 1].map(|s| {
        let seeds = seeds(
            sides[s].1,
            earlier.proposals[s],
            changes.maps[s],
            &changes.touched[s],
        );
        ancestors(sides[s].1, changes.required_by[s], seeds)
    });

    // The earlier entries: kept, renumbered (in parallel: each is a few lists to copy),
    // or dropped with their criticality and the steps of their paths.
    let carried: Option<Vec<Option<Blocked>>> = earlier
        .pair
        .blocked
        .par_iter()
        .map_init(Room::default, |room, b| {
            let s = side_of(sides, b.term.proposal)?;
            let still = changes.maps[s]
                .new_of(b.term.term)
                .filter(|t| !contains(&redo[s], *t));
            match still {
                Some(_) => carry(b, sides, changes, room).map(Some),
                None => Some(None),
            }
        })
        .collect();
    let Some(carried) = carried else {
        return Ok(None);
    };
    // Room for the entries traced again too (at most one per term): no copy to grow.
    let mut kept = Vec::with_capacity(carried.len() + redo.iter().map(Vec::len).sum::<usize>());
    let mut dropped_steps = 0usize;
    for (b, carried) in earlier.pair.blocked.iter().zip(carried) {
        if let Some(c) = carried {
            kept.push(c);
            continue;
        }
        dropped_steps += b
            .causes
            .iter()
            .map(|c| c.path.len().saturating_sub(1))
            .sum::<usize>();
        for c in blocked::critical_conflicts(b) {
            if let Some(k) = changes
                .renumber
                .new_of(c)
                .and_then(|n| relations.criticality_mut(n))
            {
                *k = k.saturating_sub(1);
            }
        }
    }
    // The steps the earlier terms traced again took in their searches.
    let mut counted = Steps::new(usize::MAX, usize::MAX);
    for ((terms, map), p) in redo.iter().zip(changes.maps).zip(earlier.proposals) {
        let mut trace = Trace::sparse();
        for k in earlier_terms(terms, map) {
            trace.reach(p, k, &mut counted)?;
        }
    }
    let Some(kept_steps) = earlier
        .pair
        .path_steps
        .checked_sub(counted.used().saturating_add(dropped_steps))
    else {
        return Ok(None);
    };
    let Some(budget) = max_steps.checked_sub(kept_steps) else {
        return Ok(None);
    };

    let failures = failures_reached(sides, &redo, relations, open)?;
    let mut steps = Steps::new(budget, max_steps);
    let mut fresh = Vec::new();
    for (s, (pi, p)) in sides.into_iter().enumerate() {
        let mut trace = Trace::sparse();
        for &t in &redo[s] {
            fresh.extend(trace.held(pi, p, t, &failures, &mut steps)?);
        }
    }
    if !fresh.is_empty() {
        // Agreements and compatibles come last in report order.
        let from = relations.partition_point(|r| r.kind < RelationKind::Compatible);
        blocked::agreed_with(&mut fresh, relations.iter_from(from));
        for b in &fresh {
            for c in blocked::critical_conflicts(b) {
                if let Some(k) = relations.criticality_mut(c) {
                    *k += 1;
                }
            }
        }
    }
    kept.extend(fresh);
    kept.sort_by_key(|b| (b.status, b.term));
    Ok(Some((kept, kept_steps + steps.used())))
}

/// Which of `sides` proposal `index` is.
fn side_of(sides: [(usize, &ResolvedProposal); 2], index: usize) -> Option<usize> {
    sides.iter().position(|&(pi, _)| pi == index)
}

fn contains(sorted: &[usize], t: usize) -> bool {
    sorted.binary_search(&t).is_ok()
}

/// The terms of `new` to trace again for their own sake: the `touched` ones and the
/// clean ones whose `requires` changed.
fn seeds(new: &ResolvedProposal, old: &ResolvedProposal, map: &TermMap, touched: &[usize]) -> Vec<usize> {
    let mut seeds = touched.to_vec();
    if map.is_identity() {
        return seeds;
    }
    if let Some(rewired) = map.rewired() {
        // A clean term that requires a dirty one need not be a seed: it is traced
        // again as the dirty one's ancestor.
        seeds.extend_from_slice(rewired);
        seeds.sort_unstable();
        seeds.dedup();
        return seeds;
    }
    for (t, term) in new.terms.iter().enumerate() {
        let Some(before) = map.old_of(t).and_then(|k| old.terms.get(k)) else {
            continue;
        };
        if term.requires.is_empty() && before.requires.is_empty() {
            continue;
        }
        let same = term.requires.len() == before.requires.len()
            && term
                .requires
                .iter()
                .zip(&before.requires)
                .all(|(&(a, ta), &(b, tb))| ta == tb && map.new_of(b) == Some(a));
        if !same {
            seeds.push(t);
        }
    }
    seeds.sort_unstable();
    seeds.dedup();
    seeds
}

/// `seeds` and every term of `p` that requires one, directly or transitively,
/// ascending.
fn ancestors(p: &ResolvedProposal, known: &FlatLists, seeds: Vec<usize>) -> Vec<usize> {
    if seeds.is_empty() {
        return seeds;
    }
    let made;
    let required_by = if known.covers(p.terms.len()) {
        known
    } else {
        made = super::key::required_by(&p.terms);
        &made
    };
    let mut seen: FastSet<usize> = seeds.iter().copied().collect();
    let mut stack = seeds;
    let mut out = Vec::new();
    while let Some(t) = stack.pop() {
        out.push(t);
        for &from in required_by.list(t) {
            if seen.insert(from) {
                stack.push(from);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The earlier terms whose entries are made again: those matching a term in `redo`
/// and those no term matches.
fn earlier_terms(redo: &[usize], map: &TermMap) -> Vec<usize> {
    let mut out: Vec<usize> = redo
        .iter()
        .filter_map(|&t| map.old_of(t))
        .chain(map.gone().iter().copied())
        .collect();
    out.sort_unstable();
    out
}

/// Whether the terms the `redo` terms reach fail: their conflicts (indices into
/// `relations`, ascending), and which are open. Only the terms reached are kept.
fn failures_reached(
    sides: [(usize, &ResolvedProposal); 2],
    redo: &[Vec<usize>; 2],
    relations: &Relations,
    open: &Chunked<Open>,
) -> Result<Failures, usize> {
    let mut unlimited = Steps::new(usize::MAX, usize::MAX);
    let mut reached: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for (s, (_, p)) in sides.into_iter().enumerate() {
        let mut trace = Trace::sparse();
        for &t in &redo[s] {
            reached[s].extend_from_slice(trace.reach(p, t, &mut unlimited)?);
        }
        reached[s].sort_unstable();
        reached[s].dedup();
    }
    let proposals = sides.map(|(pi, _)| pi);
    if reached.iter().all(Vec::is_empty) {
        return Ok(Failures::few(
            proposals,
            std::iter::empty(),
            std::iter::empty(),
            Vec::new(),
        ));
    }
    let reaches = |s: usize, t: TermRef| sides[s].0 == t.proposal && contains(&reached[s], t.term);
    // Conflicts come first in report order.
    let conflicts = relations
        .iter()
        .enumerate()
        .take_while(|(_, r)| r.is_conflict())
        .filter(|(_, r)| !crate::engine::contingent::is_contingent(sides, r))
        .flat_map(|(i, r)| [(0, r.left.term, i), (1, r.right.term, i)])
        .filter(|&(s, t, _)| reaches(s, t))
        .map(|(_, t, i)| (t, i));
    let open_reached = sides.iter().enumerate().flat_map(|(s, &(pi, _))| {
        reached[s]
            .iter()
            .map(move |&t| TermRef {
                proposal: pi,
                term: t,
            })
            .filter(|term| {
                open.get(open.partition_point(|o| o.term < *term))
                    .is_some_and(|o| o.term == *term)
            })
    });
    // The terms reached that a relation meets only in part (its relations, kept or
    // found again, are those of the new versions).
    let partly = blocked::met_in_part(sides, relations.iter())
        .into_iter()
        .filter(|&(t, _, _)| (0..2).any(|s| reaches(s, t)))
        .collect();
    Ok(Failures::few(proposals, conflicts, open_reached, partly))
}

/// Lists being made by [`carry`], kept from one entry to the next.
#[derive(Default)]
struct Room {
    causes: Vec<BlockCause>,
    conflicts: Vec<usize>,
}

/// An earlier entry, renumbered: its terms moved where a map shifts them and its
/// conflicts where relations were removed or inserted; `None` when one of its terms
/// or conflicts is gone. The lists that stay as they are (all of them, for an entry
/// whose terms keep their places and whose conflicts did not move) are shared with
/// the earlier entry, not copied; the others are made in `room`'s buffers.
fn carry(
    b: &Blocked,
    sides: [(usize, &ResolvedProposal); 2],
    changes: &Changes,
    room: &mut Room,
) -> Option<Blocked> {
    let moved = |t: TermRef| {
        let map = changes.maps[side_of(sides, t.proposal)?];
        if map.keeps_indices() {
            return Some(t);
        }
        Some(TermRef {
            term: map.new_of(t.term)?,
            ..t
        })
    };
    let in_place = changes.maps.iter().all(|m| m.keeps_indices());
    let terms = |list: &Shared<TermRef>| {
        if in_place {
            Some(list.clone())
        } else {
            list.iter()
                .map(|&t| moved(t))
                .collect::<Option<Shared<TermRef>>>()
        }
    };
    let renumber = changes.renumber;
    let stays =
        |c: &BlockCause| renumber.is_identity() || c.conflicts.iter().all(|&k| renumber.new_of(k) == Some(k));
    let causes = if in_place && b.causes.iter().all(stays) {
        b.causes.clone()
    } else {
        room.causes.clear();
        for c in &b.causes {
            let conflicts = if stays(c) {
                c.conflicts.clone()
            } else {
                room.conflicts.clear();
                for &k in &c.conflicts {
                    room.conflicts.push(renumber.new_of(k)?);
                }
                Shared::take_from(&mut room.conflicts)
            };
            let met_in_part = if in_place || c.met_in_part.is_empty() {
                c.met_in_part.clone()
            } else {
                c.met_in_part
                    .iter()
                    .map(|&(t, k)| Some((moved(t)?, k)))
                    .collect::<Option<Shared<(TermRef, RelationKind)>>>()?
            };
            room.causes.push(BlockCause {
                path: terms(&c.path)?,
                conflicts,
                met_in_part,
            });
        }
        Shared::take_from(&mut room.causes)
    };
    Some(Blocked {
        term: moved(b.term)?,
        status: b.status,
        agreed_with: terms(&b.agreed_with)?,
        causes,
        by_coverage: terms(&b.by_coverage)?,
    })
}
