//! Counterparts and incidental overlaps (DESIGN §3, v2). A term's counterparts in the
//! other proposal are the terms whose relation to it covers the most of it; an
//! *incidental* overlap is a relation that is a counterpart of neither of its terms
//! (a sliver, each term having a larger counterpart elsewhere). An incidental relation
//! that is not a conflict is kept, marked [`Relation::incidental`], and counts for
//! nothing: no verdict, no condition, no correspondence of the condition graph.
//!
//! How much of a term a relation covers (its *share*) is measured on the common
//! part, dimension by dimension, as fractions of the term's coverage:
//! - subjects: the relation's subjects over the term's written subjects;
//! - action: the size of the common action's subtree over the term's action's (each
//!   action counts with all it contains);
//! - scope: per taxonomy, the labels (each with its subtree) the common scope names
//!   over those the term names (a taxonomy a scope does not name counts whole), the
//!   taxonomies multiplied;
//! - window: the common days over the term's days, a window without end counted as
//!   [`HORIZON`] days from its start.
//!
//! The share is the pair (subjects × action × scope, window), compared in that order:
//! *what* a term covers decides its counterpart, and the days only choose among
//! counterparts that cover as much of the substance. A window is negotiated within a
//! provision (two windows that differ are a divergence, DESIGN §3): measured in days
//! alone, an open-ended term would find a larger "counterpart" in any open-ended sliver
//! of another provision than in its own 30-day version.
//!
//! Only direct relations have shares: an indirect one (through a derived atom) is
//! never incidental, and never makes a counterpart.

use std::ops::Range;

use rayon::prelude::*;

use super::analysis::Relation;
use super::atom::Atom;
use super::related::Related;
use super::relations::Relations;
use crate::resolved::Interval;
use crate::vocab::{LabelId, Vocab};

/// The days a window without end counts for when shares are measured: a hundred
/// years, so that a 30-day window is a small part of an open-ended one.
pub(crate) const HORIZON: i64 = 36_525;

/// Two shares closer than this (relatively) are equal: ties make several
/// counterparts.
const TIE: f64 = 1e-9;

/// One proposal's atoms, block by block, as the shares read them.
#[derive(Clone, Copy)]
pub(crate) struct Blocks<'a> {
    /// The atoms.
    pub atoms: &'a [Atom],
    /// Where each term's block lies in `atoms`.
    pub spans: &'a [Range<usize>],
}

impl Blocks<'_> {
    fn atom(&self, term: usize, offset: u32) -> Option<&Atom> {
        let span = self.spans.get(term)?;
        let at = span.start.checked_add(usize::try_from(offset).ok()?)?;
        if at < span.end { self.atoms.get(at) } else { None }
    }

    /// How many subjects term `term` is written for (its written atoms).
    fn subjects(&self, term: usize) -> usize {
        self.spans
            .get(term)
            .and_then(|s| self.atoms.get(s.clone()))
            .map_or(0, |b| b.iter().filter(|a| !a.is_derived()).count())
    }
}

/// How much of a term a relation covers: its substance (subjects × action × scope) and
/// its days, each in `[0, 1]`, compared in that order.
pub(crate) type Share = (f64, f64);

/// The shares of a direct relation: how much of its left term, and of its right term,
/// it covers; `None` for an indirect relation.
pub(crate) fn shares(
    r: &Relation,
    blocks: [Blocks; 2],
    sizes: &Related,
    vocab: &Vocab,
) -> Option<[Share; 2]> {
    if r.is_indirect() {
        return None;
    }
    let [left, right] = blocks;
    let (a, b) = (
        left.atom(r.left.term.term, r.left.atom)?,
        right.atom(r.right.term.term, r.right.atom)?,
    );
    let window = a.window.intersect(b.window)?;
    let common = Common {
        subjects: r.subjects.len(),
        action: r.action,
        scope: &r.scope,
        window,
    };
    Some([
        share(a, left.subjects(r.left.term.term), &common, sizes, vocab),
        share(b, right.subjects(r.right.term.term), &common, sizes, vocab),
    ])
}

/// The common part of a relation, as the shares measure it.
struct Common<'a> {
    subjects: usize,
    action: crate::vocab::ActionId,
    scope: &'a [LabelId],
    window: Interval,
}

/// The share of atom `x` (of a term written for `subjects` subjects) that `common`
/// covers.
fn share(x: &Atom, subjects: usize, common: &Common, sizes: &Related, vocab: &Vocab) -> Share {
    let ratio = |part: f64, whole: f64| if whole > 0.0 { (part / whole).min(1.0) } else { 1.0 };
    let subjects = ratio(common.subjects as f64, subjects as f64);
    let action = ratio(
        f64::from(sizes.action_size(common.action)),
        f64::from(sizes.action_size(x.action)),
    );
    let scope = ratio(
        scope_measure(common.scope, sizes, vocab),
        scope_measure(&x.scope, sizes, vocab),
    );
    let days = |w: Interval, end: i64| (w.to().unwrap_or(end).min(end) - w.from.max(x.window.from)).max(0);
    let end = x.window.to().unwrap_or(x.window.from.saturating_add(HORIZON));
    let window = ratio(days(common.window, end) as f64, days(x.window, end) as f64);
    (subjects * action * scope, window)
}

/// Whether share `v` is less than `best`: less substance, or as much and fewer days
/// (values closer than [`TIE`] are equal).
fn less(v: Share, best: Share) -> bool {
    let below = |x: f64, y: f64| x < y * (1.0 - TIE);
    below(v.0, best.0) || (!below(best.0, v.0) && below(v.1, best.1))
}

/// The part of all places (of every taxonomy) a scope names: per taxonomy it names,
/// its labels' subtrees (a label within another named counts once) over the
/// taxonomy's labels; the taxonomies multiplied.
fn scope_measure(scope: &[LabelId], sizes: &Related, vocab: &Vocab) -> f64 {
    let taxonomy = |l: LabelId| vocab.labels.get(l as usize).map_or(usize::MAX, |x| x.taxonomy);
    // Each taxonomy is measured once, at the first of its labels in the scope (a scope
    // names a few labels: the quadratic walk costs less than sorting them).
    let mut measure = 1.0;
    for (i, &first) in scope.iter().enumerate() {
        let t = taxonomy(first);
        if scope[..i].iter().any(|&l| taxonomy(l) == t) {
            continue;
        }
        let named = || scope[i..].iter().copied().filter(|&l| taxonomy(l) == t);
        let labels: u32 = named()
            .filter(|&l| !named().any(|o| o != l && vocab.label_contains(o, l)))
            .map(|l| sizes.label_size(l))
            .sum();
        let whole = sizes.taxonomy_size(t);
        if whole > 0 {
            measure *= (f64::from(labels) / f64::from(whole)).min(1.0);
        }
    }
    measure
}

/// The largest share of each term that a relation covers, per side.
struct Best {
    sides: [Vec<Share>; 2],
}

impl Best {
    fn new(terms: [usize; 2]) -> Best {
        Best {
            sides: terms.map(|n| vec![(0.0, 0.0); n]),
        }
    }

    fn add(&mut self, r: &Relation, s: [Share; 2]) {
        for (side, term, v) in [(0, r.left.term.term, s[0]), (1, r.right.term.term, s[1])] {
            if let Some(b) = self.sides[side].get_mut(term)
                && (v.0 > b.0 || (v.0 == b.0 && v.1 > b.1))
            {
                *b = v;
            }
        }
    }

    /// Whether relation `r`, of shares `s`, is an incidental overlap: a counterpart of
    /// neither term (each has a relation that covers more of it), and not a conflict.
    fn incidental(&self, r: &Relation, s: Option<[Share; 2]>) -> bool {
        let Some(s) = s else { return false };
        let smaller = |side: usize, term: usize, v: Share| {
            self.sides[side].get(term).is_some_and(|&best| less(v, best))
        };
        !r.is_conflict() && smaller(0, r.left.term.term, s[0]) && smaller(1, r.right.term.term, s[1])
    }
}

/// Marks the incidental overlaps among a pair's `relations` (all of them).
pub(crate) fn mark_incidental(
    relations: &mut [Relation],
    blocks: [Blocks; 2],
    sizes: &Related,
    vocab: &Vocab,
) {
    // The shares are measured twice, on the threads of the pool, rather than kept:
    // for millions of relations, a list of them would be the largest thing alive.
    // First each term's best, a block of relations at a time…
    let mut best = Best::new(blocks.map(|b| b.spans.len()));
    for block in relations.chunks(SHARES_BLOCK) {
        let measured: Vec<Option<[Share; 2]>> = block
            .par_iter()
            .map(|r| shares(r, blocks, sizes, vocab))
            .collect();
        for (r, s) in block.iter().zip(measured) {
            if let Some(s) = s {
                best.add(r, s);
            }
        }
    }
    // …then each relation against the bests of its terms.
    relations.par_iter_mut().for_each(|r| {
        r.incidental = best.incidental(r, shares(r, blocks, sizes, vocab));
    });
}

/// The relations whose shares are measured together, in parallel, before they are
/// added to the bests.
const SHARES_BLOCK: usize = 1 << 14;

/// After a what-if: the incidental marks brought up to date on the relations of the
/// `touched` terms (per side, sorted), whose relations may have changed; the others'
/// stay as they were (their terms' relations did not change). A term of the other
/// side whose relation with a touched term changed its mark is added to `touched`.
/// Returns whether any mark changed.
pub(crate) fn refresh_incidental(
    relations: &mut Relations,
    touched: &mut [Vec<usize>; 2],
    blocks: [Blocks; 2],
    sizes: &Related,
    vocab: &Vocab,
) -> bool {
    let mine = relations.touching(&touched[0], &touched[1]);
    if mine.is_empty() {
        return false;
    }
    // Their partners' relations too: a mark depends on both terms' counterparts.
    let mut partners: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for r in mine.iter().filter_map(|&i| relations.get(i)) {
        if touched[0].binary_search(&r.left.term.term).is_err() {
            partners[0].push(r.left.term.term);
        }
        if touched[1].binary_search(&r.right.term.term).is_err() {
            partners[1].push(r.right.term.term);
        }
    }
    for p in &mut partners {
        p.sort_unstable();
        p.dedup();
    }
    let theirs = relations.touching(&partners[0], &partners[1]);
    let mut best = Best::new(blocks.map(|b| b.spans.len()));
    for r in mine.iter().chain(&theirs).filter_map(|&i| relations.get(i)) {
        if let Some(s) = shares(r, blocks, sizes, vocab) {
            best.add(r, s);
        }
    }
    let mut changed = false;
    let mut more: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for i in mine {
        let Some(r) = relations.get(i) else { continue };
        let now = best.incidental(r, shares(r, blocks, sizes, vocab));
        if now == r.incidental {
            continue;
        }
        changed = true;
        more[0].push(r.left.term.term);
        more[1].push(r.right.term.term);
        relations.update(i, |r| r.incidental = now);
    }
    for (t, m) in touched.iter_mut().zip(more) {
        t.extend(m);
        t.sort_unstable();
        t.dedup();
    }
    changed
}
