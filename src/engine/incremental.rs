//! Term-level incremental relating, for `reanalyze`: when a proposal changes in a few
//! terms, the relations of a pair between terms that did not change are kept from the
//! earlier analysis (renumbered), and only the changed terms' atoms are related again,
//! against the other side. The result is exactly what [`super::pair::relate_pair`]
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

use super::FastSet;
use super::analysis::{Open, Pair, Relation};
use super::atom::{Atom, TermRef};
use super::pair::{self, AtomIndex, Collector, Related, Seen, TooManyCandidates};
use crate::load::{ResolvedProposal, ResolvedTerm};
use crate::vocab::{ActionId, PartyId, Vocab};

/// How the terms of a new version of a proposal correspond to the earlier version's:
/// a term is *clean* when it matches an earlier term (by id) with the same content for
/// relating (subjects, modality, action, target, scope, window, parameters), and
/// *dirty* otherwise.
#[derive(Debug, Clone)]
pub struct TermMap {
    new_to_old: Vec<Option<usize>>,
    old_to_new: Vec<Option<usize>>,
}

impl TermMap {
    /// The map of a proposal that did not change.
    pub fn identity(terms: usize) -> TermMap {
        let same: Vec<Option<usize>> = (0..terms).map(Some).collect();
        TermMap {
            new_to_old: same.clone(),
            old_to_new: same,
        }
    }

    /// The map from `old`'s terms to `new`'s.
    pub fn between(old: &ResolvedProposal, new: &ResolvedProposal) -> TermMap {
        let mut map = TermMap {
            new_to_old: vec![None; new.terms.len()],
            old_to_new: vec![None; old.terms.len()],
        };
        let mut by_id: Option<super::FastMap<&str, usize>> = None;
        for (t, written) in new.proposal.terms.iter().enumerate() {
            let same_place = old.proposal.terms.get(t).is_some_and(|o| o.id == written.id);
            let k = if same_place {
                Some(t)
            } else {
                by_id
                    .get_or_insert_with(|| {
                        old.proposal
                            .terms
                            .iter()
                            .enumerate()
                            .map(|(k, o)| (o.id.as_str(), k))
                            .collect()
                    })
                    .get(written.id.as_str())
                    .copied()
            };
            let Some(k) = k else { continue };
            let same = match (old.terms.get(k), new.terms.get(t)) {
                (Some(a), Some(b)) => same_for_relating(a, b),
                _ => false,
            };
            if same && map.old_to_new.get(k) == Some(&None) {
                map.old_to_new[k] = Some(t);
                map.new_to_old[t] = Some(k);
            }
        }
        map
    }

    /// The earlier index of new term `t`, when it is clean.
    pub fn old_of(&self, t: usize) -> Option<usize> {
        self.new_to_old.get(t).copied().flatten()
    }

    /// The new index of earlier term `k`, when it is clean.
    pub fn new_of(&self, k: usize) -> Option<usize> {
        self.old_to_new.get(k).copied().flatten()
    }

    /// Whether new term `t` is dirty.
    pub fn is_dirty(&self, t: usize) -> bool {
        !matches!(self.new_to_old.get(t), Some(Some(_)))
    }

    /// How many of the new terms are dirty.
    pub fn dirty_count(&self) -> usize {
        self.new_to_old.iter().filter(|k| k.is_none()).count()
    }
}

/// Whether two versions of a term give the same atoms and parameters (their
/// conditions may differ: relations do not depend on them).
fn same_for_relating(a: &ResolvedTerm, b: &ResolvedTerm) -> bool {
    a.subjects == b.subjects
        && a.modality == b.modality
        && a.action == b.action
        && a.target == b.target
        && a.scope == b.scope
        && a.window == b.window
        && a.params == b.params
}

/// One side of a pair being related again: the new version and how its terms
/// correspond to the earlier one.
pub struct Side<'a> {
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

    fn dirty_terms(&self) -> Vec<usize> {
        (0..self.spans.len()).filter(|&t| self.map.is_dirty(t)).collect()
    }
}

/// The relations and open points of `previous` (the earlier analysis of the pair)
/// brought up to date with the new versions `left` and `right`, comparing at most
/// `budget` pairs of atoms.
pub fn relate_pair_again(
    left: &Side,
    right: &Side,
    previous: &Pair,
    related: &Related,
    vocab: &Vocab,
    budget: usize,
) -> Result<(Vec<Relation>, Vec<Open>), TooManyCandidates> {
    let mut affected = [FastSet::default(), FastSet::default()];
    let kept = kept_relations(&previous.relations, left.map, right.map, &mut affected);
    let mut budget = Budget(budget);
    let dirty = [left.dirty_terms(), right.dirty_terms()];

    let pairs = fresh_pairs(left, right, &dirty, related, vocab, &mut budget)?;
    let mut seen = [
        vec![Seen::default(); left.atoms.len()],
        vec![Seen::default(); right.atoms.len()],
    ];
    let fresh = relate_fresh(left, right, &pairs, &mut seen, &mut affected, vocab);

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

    let relations = merge_relations(kept, fresh);
    let [seen_left, seen_right] = &seen;
    let mut open = open_side(left, previous, &dirty[0], &affected_left, seen_left);
    open.extend(open_side(right, previous, &dirty[1], &affected_right, seen_right));
    Ok((relations, open))
}

/// The pairs of atoms `(left, right)` that may relate and involve a dirty term, in
/// the order a full pass meets them: dirty left atoms against every right atom, dirty
/// right atoms against the clean left ones.
fn fresh_pairs(
    left: &Side,
    right: &Side,
    dirty: &[Vec<usize>; 2],
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
        pair::mark(seen_left, seen_right, i, j, coverage);
        for (k, side, atom) in [(0, left, i), (1, right, j)] {
            if let Some(t) = side.term_of(atom).filter(|&t| !side.map.is_dirty(t)) {
                affected[k].insert(t);
            }
        }
    }
    pair::sort_relations(collector.relations)
}

/// The comparisons left to make.
struct Budget(usize);

impl Budget {
    fn spend(&mut self, n: usize) -> Result<(), TooManyCandidates> {
        self.0 = self.0.checked_sub(n).ok_or(TooManyCandidates)?;
        Ok(())
    }
}

/// The earlier relations between two clean terms, renumbered, with their criticality
/// cleared (it is computed again); the clean ends of the others are noted as affected.
fn kept_relations(
    previous: &[Relation],
    left: &TermMap,
    right: &TermMap,
    affected: &mut [FastSet<usize>; 2],
) -> Vec<Relation> {
    let mut kept = Vec::with_capacity(previous.len());
    for r in previous {
        match (left.new_of(r.left.term.term), right.new_of(r.right.term.term)) {
            (Some(s), Some(t)) => {
                let mut r = r.clone();
                r.left.term.term = s;
                r.right.term.term = t;
                r.criticality = 0;
                kept.push(r);
            }
            (s, t) => {
                let [al, ar] = affected;
                al.extend(s);
                ar.extend(t);
            }
        }
    }
    kept
}

/// The pairs `(own atom, other atom)` among `queries` (atoms of `own`) and all of
/// `other` that may relate: every atom of `other` looked up in an index of the
/// queries, so that the large side needs no index.
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
    let meets: FastSet<(PartyId, ActionId)> = query_atoms
        .iter()
        .flat_map(|q| related.actions(q.action).iter().map(|&a| (q.subject, a)))
        .collect();
    for (j, b) in other.iter().enumerate() {
        if !meets.contains(&(b.subject, b.action)) {
            continue;
        }
        let found = index.candidates(b, related, vocab);
        budget.spend(found.len())?;
        out.extend(found.into_iter().filter_map(|q| Some((*queries.get(q)?, j))));
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
        if let Some(rel) = pair::finding(a, b, vocab) {
            pair::mark(sl, sr, i, j, rel.coverage);
        }
    }
    Ok(())
}

/// Two lists of relations in report order, merged (no two relations of the same two
/// terms come from both, so the merge is the order a full pass gives).
fn merge_relations(kept: Vec<Relation>, fresh: Vec<Relation>) -> Vec<Relation> {
    let kept = if kept.is_sorted_by_key(pair::relation_key) {
        kept
    } else {
        pair::sort_relations(kept)
    };
    if fresh.is_empty() {
        return kept;
    }
    let mut out = Vec::with_capacity(kept.len() + fresh.len());
    let mut fresh = fresh.into_iter().peekable();
    for r in kept {
        while let Some(f) = fresh.next_if(|f| pair::relation_key(f) < pair::relation_key(&r)) {
            out.push(f);
        }
        out.push(r);
    }
    out.extend(fresh);
    out
}

/// The open points of one side: the earlier ones of terms neither dirty nor affected
/// (renumbered), and those of the others computed from `seen`, in term order.
fn open_side(side: &Side, previous: &Pair, dirty: &[usize], affected: &[usize], seen: &[Seen]) -> Vec<Open> {
    let Some(index) = side.atoms.first().map(|a| a.term.proposal) else {
        return Vec::new();
    };
    let redo: FastSet<usize> = dirty.iter().chain(affected).copied().collect();
    let mut out: Vec<Open> = previous
        .open
        .iter()
        .filter(|o| o.term.proposal == index)
        .filter_map(|o| {
            let t = side.map.new_of(o.term.term).filter(|t| !redo.contains(t))?;
            Some(Open {
                term: TermRef {
                    proposal: index,
                    term: t,
                },
                ..o.clone()
            })
        })
        .collect();
    for &t in dirty.iter().chain(affected) {
        let Some(span) = side.spans.get(t) else { continue };
        let (Some(block), Some(flags)) = (side.atoms.get(span.clone()), seen.get(span.clone())) else {
            continue;
        };
        out.extend(pair::open_point(block, flags));
    }
    out.sort_by_key(|o| o.term);
    out
}

fn sorted(set: FastSet<usize>) -> Vec<usize> {
    let mut v: Vec<usize> = set.into_iter().collect();
    v.sort_unstable();
    v
}
