//! Term-level incremental relating, for `reanalyze`: when a proposal changes in a few
//! terms, the relations of a pair between terms that did not change are kept from the
//! earlier analysis (renumbered), and only the changed terms' atoms are related again,
//! against the other side. The result is exactly what [`crate::engine::pair::relate_pair`]
//! gives on the new versions: the same relations in the same order, the same open
//! points.
//!
//! Relations and open points depend on a term only through its atoms and parameters,
//! and the relations of two terms only on those two terms, so:
//! - a relation between two *clean* terms (matched to an earlier term with the same
//!   content) is the earlier one, renumbered;
//! - the relations that involve a *dirty* term (new or changed) are found by looking
//!   up every atom of the other side in an index of the dirty atoms (one linear scan,
//!   no index of the large side), and grouped in the order a full pass finds them;
//! - a clean term's open point changes only when it related to a dirty or removed term,
//!   before or now: those terms (*affected*) are related again in full, for their
//!   flags only.

use std::ops::Range;

use rayon::prelude::*;

use super::renumber::Renumber;
use super::termmap::TermMap;
use crate::collections::FastSet;
use crate::collections::chunked::{self, Chunked};
use crate::collections::shared::Interner;
use crate::engine::analysis::{Open, Pair, Relation};
use crate::engine::atom::{Atom, TermRef};
use crate::engine::collect::{self, Collector, Seen};
use crate::engine::index::AtomIndex;
use crate::engine::order;
use crate::engine::pair::TooManyCandidates;
use crate::engine::related::Related;
use crate::engine::relations::{Builder, Relations};
use crate::resolved::ResolvedProposal;
use crate::vocab::{ActionId, PartyId, Vocab};

/// One side of a pair being related again: the new version and how its terms
/// correspond to the earlier one.
pub(super) struct Side<'a> {
    /// The proposal, new version.
    pub proposal: &'a ResolvedProposal,
    /// Its atoms.
    pub atoms: &'a [Atom],
    /// Where each term's atoms lie in `atoms`.
    pub spans: &'a [Range<usize>],
    /// Its terms against the earlier version's.
    pub map: &'a TermMap,
}

impl Side<'_> {
    fn term_of(&self, atom: usize) -> Option<usize> {
        self.atoms.get(atom).map(|a| a.term.term)
    }

    fn is_dirty_atom(&self, atom: usize) -> bool {
        self.term_of(atom).is_none_or(|t| self.map.is_dirty(t))
    }

    /// The atoms of `terms`, term by term.
    fn atoms_of(&self, terms: &[usize]) -> Vec<usize> {
        terms
            .iter()
            .filter_map(|&t| self.spans.get(t))
            .flat_map(Clone::clone)
            .collect()
    }
}

/// A pair related again: its relations and open points, and what a caller needs to
/// bring the rest of the pair up to date.
pub(super) struct Again {
    /// The relations, in report order. Those kept from the earlier analysis keep
    /// their criticality (`renumber` is `Some`) or have it cleared (`None`).
    pub relations: Relations,
    /// The open points, in term order.
    pub open: Chunked<Open>,
    /// Per side, the new terms whose relations or open point may have changed (dirty
    /// and affected), ascending.
    pub touched: [Vec<usize>; 2],
    /// Where the kept earlier relations are now; `None` when they had to be sorted
    /// again (a map that does not keep the order of terms).
    pub renumber: Option<Renumber>,
    /// Whether a relation found again is a correspondence (an edge of the condition
    /// graph the earlier analysis may not have had).
    pub agreements_found: bool,
}

/// The relations and open points of `previous` (the earlier analysis of the pair)
/// brought up to date with the new versions `left` and `right`, comparing at most
/// `budget` pairs of atoms.
pub(super) fn relate_pair_again(
    left: &Side,
    right: &Side,
    previous: &Pair,
    related: &Related,
    vocab: &Vocab,
    budget: usize,
) -> Result<Again, TooManyCandidates> {
    let mut affected = [FastSet::default(), FastSet::default()];
    let mut budget = Budget(budget);
    let dirty = [left.map.dirty(), right.map.dirty()];

    let pairs = fresh_pairs(left, right, dirty, related, vocab, &mut budget)?;
    let mut seen = [
        vec![Seen::default(); left.atoms.len()],
        vec![Seen::default(); right.atoms.len()],
    ];
    let fresh = relate_fresh(left, right, &pairs, &mut seen, &mut affected, vocab);
    let agreements_found = fresh.iter().any(crate::engine::graph::corresponds);
    let (relations, renumber) =
        keep_and_merge(&previous.relations, left.map, right.map, fresh, &mut affected);

    // Affected clean terms: related again in full, for their flags.
    let [affected_left, affected_right] = affected.map(sorted);
    flags_again(
        left,
        &affected_left,
        right,
        true,
        &mut seen,
        related,
        vocab,
        &mut budget,
    )?;
    flags_again(
        right,
        &affected_right,
        left,
        false,
        &mut seen,
        related,
        vocab,
        &mut budget,
    )?;

    let touched = [union(dirty[0], &affected_left), union(dirty[1], &affected_right)];
    let [seen_left, seen_right] = &seen;
    let mut open = chunked::Builder::new();
    open_side(left, previous, &touched[0], seen_left, &mut open);
    open_side(right, previous, &touched[1], seen_right, &mut open);
    Ok(Again {
        relations,
        open: open.finish(),
        touched,
        renumber,
        agreements_found,
    })
}

/// The pairs of atoms `(left, right)` that may relate and involve a dirty term, in
/// the order a full pass meets them: dirty left atoms against every right atom, dirty
/// right atoms against the clean left ones.
fn fresh_pairs(
    left: &Side,
    right: &Side,
    dirty: [&[usize]; 2],
    related: &Related,
    vocab: &Vocab,
    budget: &mut Budget,
) -> Result<Vec<(usize, usize)>, TooManyCandidates> {
    let [dirty_left, dirty_right] = dirty;
    let mut pairs = scan(
        left.atoms,
        &left.atoms_of(dirty_left),
        right.atoms,
        related,
        vocab,
        budget,
    )?;
    let from_right = scan(
        right.atoms,
        &right.atoms_of(dirty_right),
        left.atoms,
        related,
        vocab,
        budget,
    )?;
    pairs.extend(
        from_right
            .into_iter()
            .map(|(j, i)| (i, j))
            .filter(|&(i, _)| !left.is_dirty_atom(i)),
    );
    pairs.sort_unstable();
    pairs.dedup();
    Ok(pairs)
}

/// The relations of `pairs` in report order, marking in `seen` the atoms that relate
/// and in `affected` the clean terms they touch.
fn relate_fresh(
    left: &Side,
    right: &Side,
    pairs: &[(usize, usize)],
    seen: &mut [Vec<Seen>; 2],
    affected: &mut [FastSet<usize>; 2],
    vocab: &Vocab,
) -> Vec<Relation> {
    let mut collector = Collector::new(left.proposal, left.atoms, right.proposal, right.atoms);
    let [seen_left, seen_right] = seen;
    for &(i, j) in pairs {
        let Some(coverage) = collector.add(i, j, vocab) else {
            continue;
        };
        collect::mark(seen_left, seen_right, i, j, coverage);
        for (k, side, atom) in [(0, left, i), (1, right, j)] {
            if let Some(t) = side.term_of(atom).filter(|&t| !side.map.is_dirty(t)) {
                affected[k].insert(t);
            }
        }
    }
    order::sort_relations(collector.relations)
}

/// The comparisons left to make.
struct Budget(usize);

impl Budget {
    fn spend(&mut self, n: usize) -> Result<(), TooManyCandidates> {
        self.0 = self.0.checked_sub(n).ok_or(TooManyCandidates)?;
        Ok(())
    }
}

/// The earlier relations between two clean terms, renumbered, merged with `fresh`
/// (in report order); the clean ends of the earlier relations that are not kept are
/// noted as affected. Kept relations keep their criticality when both maps keep the
/// order of terms, and have it cleared otherwise.
fn keep_and_merge(
    previous: &Relations,
    left: &TermMap,
    right: &TermMap,
    fresh: Vec<Relation>,
    affected: &mut [FastSet<usize>; 2],
) -> (Relations, Option<Renumber>) {
    if left.keeps_indices() && right.keeps_indices() {
        return keep_in_place(previous, left, right, fresh, affected);
    }
    let ordered = left.keeps_order() && right.keeps_order();
    let mut out = Vec::with_capacity(previous.len() + fresh.len());
    let mut renumber = Renumber::default();
    let mut fresh = fresh.into_iter();
    // The next fresh relation to place, with its key (computed once).
    let mut next = fresh.next().map(|f| (order::relation_key(&f), f));
    // Consecutive kept relations, copied in one go when a fresh or removed one comes.
    let mut run = 0..0;
    let copy = |out: &mut Vec<Relation>, run: &mut Range<usize>| {
        let run = std::mem::replace(run, 0..0);
        for r in previous.iter_from(run.start).take(run.len()) {
            let mut r = r.clone();
            r.left.term.term = left.new_of(r.left.term.term).unwrap_or(r.left.term.term);
            r.right.term.term = right.new_of(r.right.term.term).unwrap_or(r.right.term.term);
            if !ordered {
                r.criticality = 0;
            }
            out.push(r);
        }
    };
    let mut kept = 0;
    for (o, r) in previous.iter().enumerate() {
        let (Some(s), Some(t)) = (left.new_of(r.left.term.term), right.new_of(r.right.term.term)) else {
            note_affected(r, left, right, affected);
            renumber.removed.push(o);
            copy(&mut out, &mut run);
            continue;
        };
        if ordered && next.is_some() {
            let key = (
                r.kind,
                r.is_indirect(),
                TermRef {
                    term: s,
                    ..r.left.term
                },
                TermRef {
                    term: t,
                    ..r.right.term
                },
            );
            while let Some((_, f)) = next.take_if(|(k, _)| *k < key) {
                copy(&mut out, &mut run);
                renumber.inserted.push(kept);
                out.push(f);
                next = fresh.next().map(|f| (order::relation_key(&f), f));
            }
        }
        run = if run.is_empty() {
            o..o + 1
        } else {
            run.start..o + 1
        };
        kept += 1;
    }
    copy(&mut out, &mut run);
    let rest: Vec<Relation> = next.map(|(_, f)| f).into_iter().chain(fresh).collect();
    if ordered {
        renumber.inserted.extend(std::iter::repeat_n(kept, rest.len()));
        out.extend(rest);
        return (out.into(), Some(renumber));
    }
    (merge_relations(order::sort_relations(out), rest).into(), None)
}

/// [`keep_and_merge`] when every clean term keeps its index, so that kept relations
/// are the earlier ones unchanged: the relations of gone terms are found through the
/// chunks that relate them, each fresh relation's place by a binary search, and the
/// runs between them are shared with `previous`, not copied.
fn keep_in_place(
    previous: &Relations,
    left: &TermMap,
    right: &TermMap,
    fresh: Vec<Relation>,
    affected: &mut [FastSet<usize>; 2],
) -> (Relations, Option<Renumber>) {
    let removed = previous.touching(left.gone(), right.gone());
    for r in removed.iter().filter_map(|&o| previous.get(o)) {
        note_affected(r, left, right, affected);
    }
    let mut out = Builder::new();
    let mut inserted = Vec::with_capacity(fresh.len());
    // The earlier relations before `at` are placed; `kept` of them were kept.
    let (mut at, mut kept) = (0, 0);
    let mut copy_to = |out: &mut Builder, at: &mut usize, to: usize| {
        let from = *at;
        for o in removed
            .iter()
            .copied()
            .filter(|&o| o >= from && o < to)
            .chain([to])
        {
            if o > *at {
                out.extend_shared(previous, *at..o);
                kept += o - *at;
            }
            *at = o + 1;
        }
        *at = to;
        kept
    };
    for f in fresh {
        let key = order::relation_key(&f);
        let place = previous.partition_point(|r| order::relation_key(r) < key).max(at);
        inserted.push(copy_to(&mut out, &mut at, place));
        out.push(f);
    }
    copy_to(&mut out, &mut at, previous.len());
    (out.finish(), Some(Renumber { removed, inserted }))
}

/// Notes as affected the clean ends of earlier relation `r`, which is not kept.
fn note_affected(r: &Relation, left: &TermMap, right: &TermMap, affected: &mut [FastSet<usize>; 2]) {
    let [al, ar] = affected;
    al.extend(left.new_of(r.left.term.term));
    ar.extend(right.new_of(r.right.term.term));
}

/// The atoms of the other side one task of [`scan`] reads.
const SCAN_CHUNK: usize = 1 << 14;

/// What [`scan`] found in one chunk of the other side: the pairs, and the
/// comparisons they took.
struct Scanned {
    pairs: Vec<(usize, usize)>,
    spent: usize,
}

/// The pairs `(own atom, other atom)` among `queries` (atoms of `own`) and all of
/// `other` that may relate: every atom of `other` looked up in an index of the
/// queries, so that the large side needs no index. The other side is read in chunks
/// on the threads of the pool; the pairs come in the order of `other`.
fn scan(
    own: &[Atom],
    queries: &[usize],
    other: &[Atom],
    related: &Related,
    vocab: &Vocab,
    budget: &mut Budget,
) -> Result<Vec<(usize, usize)>, TooManyCandidates> {
    let mut out = Vec::new();
    if queries.is_empty() {
        return Ok(out);
    }
    let query_atoms: Vec<Atom> = queries.iter().filter_map(|&q| own.get(q).cloned()).collect();
    let index = AtomIndex::new(&query_atoms, vocab);
    // The subjects and actions the queries may meet: most atoms of `other` are passed
    // over with one look-up.
    let mut meets: Vec<(PartyId, ActionId)> = query_atoms
        .iter()
        .flat_map(|q| related.actions(q.action).iter().map(|&a| (q.subject, a)))
        .collect();
    meets.sort_unstable();
    meets.dedup();
    // An unspecified actor meets every subject: a query of one meets any atom of its
    // actions, and an atom of one meets any query of its actions.
    let unspecified = vocab.unspecified();
    let mut actions: Vec<ActionId> = meets.iter().map(|&(_, a)| a).collect();
    actions.sort_unstable();
    actions.dedup();
    let meet = |b: &Atom| {
        let hit = |s: PartyId| meets.binary_search(&(s, b.action)).is_ok();
        hit(b.subject)
            || hit(unspecified)
            || (vocab.is_unspecified(b.subject) && actions.binary_search(&b.action).is_ok())
    };
    let limit = budget.0;
    // A chunk stops once it alone took more than the whole budget.
    let chunks: Vec<Result<Scanned, TooManyCandidates>> = other
        .par_chunks(SCAN_CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut pairs = Vec::new();
            let mut spent = 0usize;
            for (k, b) in chunk.iter().enumerate() {
                if !meet(b) {
                    continue;
                }
                let found = index.candidates(b, related, vocab);
                spent = spent.saturating_add(found.len());
                if spent > limit {
                    return Err(TooManyCandidates);
                }
                let j = c * SCAN_CHUNK + k;
                pairs.extend(found.into_iter().filter_map(|q| Some((*queries.get(q)?, j))));
            }
            Ok(Scanned { pairs, spent })
        })
        .collect();
    for chunk in chunks {
        let Scanned { pairs, spent } = chunk?;
        budget.spend(spent)?;
        out.extend(pairs);
    }
    Ok(out)
}

/// Marks in `seen` every relation of the atoms of `terms` (clean terms of `own`)
/// with the atoms of `other` (`own_is_left` says which side `own` is).
#[allow(clippy::too_many_arguments)]
fn flags_again(
    own: &Side,
    terms: &[usize],
    other: &Side,
    own_is_left: bool,
    seen: &mut [Vec<Seen>; 2],
    related: &Related,
    vocab: &Vocab,
    budget: &mut Budget,
) -> Result<(), TooManyCandidates> {
    let pairs = scan(
        own.atoms,
        &own.atoms_of(terms),
        other.atoms,
        related,
        vocab,
        budget,
    )?;
    let [sl, sr] = seen;
    for (o, x) in pairs {
        let (i, j, l, r) = if own_is_left {
            (o, x, own, other)
        } else {
            (x, o, other, own)
        };
        let (Some(a), Some(b)) = (l.atoms.get(i), r.atoms.get(j)) else {
            continue;
        };
        let (pa, pb) = (
            collect::term_params(l.proposal, a),
            collect::term_params(r.proposal, b),
        );
        if let Some(rel) = collect::finding(a, b, pa, pb, vocab) {
            collect::mark(sl, sr, i, j, collect::Cover::of(&rel));
        }
    }
    Ok(())
}

/// Two lists of relations in report order, merged (no two relations of the same two
/// terms come from both, so the merge is the order a full pass gives).
fn merge_relations(kept: Vec<Relation>, fresh: Vec<Relation>) -> Vec<Relation> {
    if fresh.is_empty() {
        return kept;
    }
    let mut out = Vec::with_capacity(kept.len() + fresh.len());
    let mut fresh = fresh.into_iter().peekable();
    for r in kept {
        while let Some(f) = fresh.next_if(|f| order::relation_key(f) < order::relation_key(&r)) {
            out.push(f);
        }
        out.push(r);
    }
    out.extend(fresh);
    out
}

/// Adds to `out` the open points of one side: the earlier ones of terms not `touched`
/// (renumbered), and those of the touched terms computed from `seen`, in term order.
fn open_side(
    side: &Side,
    previous: &Pair,
    touched: &[usize],
    seen: &[Seen],
    out: &mut chunked::Builder<Open>,
) {
    let Some(index) = side.atoms.first().map(|a| a.term.proposal) else {
        return;
    };
    let mut lists = Interner::default();
    let mut again = move |t: usize| {
        let span = side.spans.get(t)?;
        collect::open_point(side.atoms.get(span.clone())?, seen.get(span.clone())?, &mut lists)
    };
    // The earlier open points are in term order, this side's in one stretch.
    let earlier = &previous.open;
    let from = earlier.partition_point(|o| o.term.proposal < index);
    let to = earlier.partition_point(|o| o.term.proposal <= index);
    if side.map.keeps_indices() {
        return open_in_place(earlier, (index, from..to), side.spans.len(), touched, again, out);
    }
    let mut again = touched.iter().filter_map(move |&t| again(t));
    let mut open = Vec::with_capacity(to - from + touched.len());
    let mut next = again.next();
    for o in earlier.iter_from(from).take(to - from) {
        let Some(t) = side.map.new_of(o.term.term) else {
            continue;
        };
        if touched.binary_search(&t).is_ok() {
            continue;
        }
        while let Some(a) = next.take_if(|a| a.term.term < t) {
            open.push(a);
            next = again.next();
        }
        open.push(Open {
            term: TermRef {
                proposal: index,
                term: t,
            },
            ..o.clone()
        });
    }
    open.extend(next);
    open.extend(again);
    if !side.map.keeps_order() {
        open.sort_by_key(|o| o.term);
    }
    out.extend(open);
}

/// [`open_side`] when every clean term keeps its index (`terms` in the new version):
/// the `earlier` open points of the side (proposal `proposal`, the range `side` of
/// them) are kept as they are in runs between the `touched` terms, whose open points
/// (`again`) take their places; the runs' whole chunks are shared. An earlier term
/// that is gone either is touched (its place holds a dirty term) or lies past the new
/// version's end.
fn open_in_place(
    earlier: &Chunked<Open>,
    (proposal, side): (usize, Range<usize>),
    terms: usize,
    touched: &[usize],
    mut again: impl FnMut(usize) -> Option<Open>,
    out: &mut chunked::Builder<Open>,
) {
    // The first of the side's earlier open points at term `t` or after it.
    let at = |t: usize| {
        let term = TermRef { proposal, term: t };
        earlier
            .partition_point(|o| o.term < term)
            .clamp(side.start, side.end)
    };
    let end = at(terms);
    let mut next = side.start;
    for &t in touched {
        let here = at(t).max(next);
        out.extend_shared(earlier, next..here);
        next = if here < end && earlier.get(here).is_some_and(|o| o.term.term == t) {
            here + 1
        } else {
            here
        };
        out.extend(again(t));
    }
    out.extend_shared(earlier, next..end);
}

/// The union of two ascending lists, ascending, without repeats.
fn union(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn sorted(set: FastSet<usize>) -> Vec<usize> {
    let mut v: Vec<usize> = set.into_iter().collect();
    v.sort_unstable();
    v
}
