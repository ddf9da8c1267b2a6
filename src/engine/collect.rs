//! Turning atom relations into term relations ([`Collector`]) and finding the open
//! points: the written terms the other side does not fully cover.

use crate::collections::FastMap;

use super::analysis::{ChainStep, Coverage, Open, Relation, RelationKind, Side};
use super::atom::Atom;
use super::derive;
use super::param_compare;
use super::partition;
use super::relate::{AtomRelation, relate};
use crate::collections::shared::{Interner, Shared};
use crate::model::ParamValue;
use crate::resolved::{Interval, ResolvedProposal};
use crate::vocab::{LabelId, PartyId, Vocab};

/// What a pair computation learned about one atom: whether it relates to some atom
/// of the other side, whether one atom of the other side covers it, and the days
/// covered by atoms that cover it but in time (the other side's windows add up,
/// DESIGN §3: days 0–30 plus days 30–60 cover days 0–60).
#[derive(Debug, Clone, Default)]
pub(super) struct Seen {
    pub(crate) related: bool,
    pub(crate) covered: bool,
    /// Rare (the other side covers the atom in pieces of time): boxed, so that the
    /// usual atom's takes one word.
    pub(crate) pieces: Option<Box<Pieces>>,
}

impl Seen {
    /// Takes in what another run saw of the same atom.
    pub(super) fn merge(&mut self, other: Seen) {
        self.related |= other.related;
        self.covered |= other.covered;
        if let Some(more) = other.pieces {
            self.add_pieces(&more.0);
        }
    }

    /// Whether the other side covers all of atom `a`: one atom does, or the windows
    /// of those that cover it but in time add up to its window.
    pub(super) fn covers(&self, a: &Atom) -> bool {
        self.covered
            || self
                .pieces
                .as_deref()
                .is_some_and(|p| union_contains(&p.0, a.window))
    }

    fn mark(&mut self, holds: bool, holds_untimed: bool, window: Interval) {
        self.related = true;
        if holds {
            self.covered = true;
        } else if holds_untimed && !self.covered {
            self.add_pieces(&[window]);
        }
    }

    fn add_pieces(&mut self, more: &[Interval]) {
        let pieces = &mut self.pieces.get_or_insert_default().0;
        pieces.extend_from_slice(more);
        // An atom met by many pieces keeps their union, not each: merged whenever the
        // list doubles, it stays as long as the union has stretches.
        if pieces.len() >= 16 && pieces.len().is_power_of_two() {
            merge(pieces);
        }
    }
}

/// The days of time pieces that cover an atom but in time.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Pieces(Vec<Interval>);

/// `pieces` made their union: sorted, disjoint stretches.
fn merge(pieces: &mut Vec<Interval>) {
    pieces.sort_unstable();
    let mut out: Vec<Interval> = Vec::with_capacity(pieces.len());
    for &p in pieces.iter() {
        match out.last_mut() {
            Some(last) if last.to().is_none_or(|end| p.from <= end) => {
                let to = match (last.to(), p.to()) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                *last = Interval::new(last.from, to);
            }
            _ => out.push(p),
        }
    }
    *pieces = out;
}

/// Whether the union of `pieces` contains all of `window`.
fn union_contains(pieces: &[Interval], window: Interval) -> bool {
    let mut sorted = pieces.to_vec();
    sorted.sort_unstable();
    // The first day not yet covered; `None` once covered without end.
    let mut reached = Some(window.from);
    for p in sorted {
        let Some(day) = reached else { break };
        if p.from > day {
            break;
        }
        reached = p.to().map(|t| t.max(day));
    }
    match (reached, window.to()) {
        (None, _) => true,
        (Some(day), Some(end)) => day >= end,
        (Some(_), None) => false,
    }
}

/// How two atoms relate, as far as covering goes: which side is broader, along
/// everything and along everything but time, and their common window.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cover {
    pub(crate) coverage: Coverage,
    pub(crate) untimed: Coverage,
    pub(crate) window: Interval,
}

impl Cover {
    pub(super) fn of(rel: &AtomRelation) -> Cover {
        Cover {
            coverage: rel.coverage,
            untimed: rel.untimed,
            window: rel.window,
        }
    }
}

/// Records in `seen_left[i]` and `seen_right[j]` that atoms `i` and `j` relate as
/// `cover` says.
pub(super) fn mark(seen_left: &mut [Seen], seen_right: &mut [Seen], i: usize, j: usize, cover: Cover) {
    let left = |c: Coverage| matches!(c, Coverage::Same | Coverage::RightBroader);
    let right = |c: Coverage| matches!(c, Coverage::Same | Coverage::LeftBroader);
    if let Some(s) = seen_left.get_mut(i) {
        s.mark(left(cover.coverage), left(cover.untimed), cover.window);
    }
    if let Some(s) = seen_right.get_mut(j) {
        s.mark(right(cover.coverage), right(cover.untimed), cover.window);
    }
}

/// Term relations being collected from pairs of atoms: the atoms of the same two terms
/// through the same rules make one relation, whose subjects are theirs. Left atoms come
/// term by term (each term's atoms together, as both callers add them): a relation is
/// looked for again only among those of the current left term, so the table that
/// finds them holds one term's relations, not the pair's millions.
pub(super) struct Collector<'a> {
    left: &'a ResolvedProposal,
    left_atoms: &'a [Atom],
    right: &'a ResolvedProposal,
    right_atoms: &'a [Atom],
    /// The left term whose atoms are being added.
    current: Option<usize>,
    /// The last relation found for each kind and pair of terms, of the current left term.
    groups: FastMap<GroupKey, usize>,
    /// For a relation, the one found before it with the same kind and terms but other
    /// derivation chains (rare: only derived atoms give them).
    earlier: FastMap<usize, usize>,
    /// One list per party of that party alone: most relations hold for one subject,
    /// and share its list.
    lists: Interner<PartyId>,
    /// The comparisons of parameters made so far, shared by the relations that make
    /// the same one.
    params: param_compare::Comparisons,
    /// The relations so far, in the order they were found.
    pub relations: Vec<Relation>,
}

impl<'a> Collector<'a> {
    /// An empty collection for the atoms of two proposals.
    pub(super) fn new(
        left: &'a ResolvedProposal,
        left_atoms: &'a [Atom],
        right: &'a ResolvedProposal,
        right_atoms: &'a [Atom],
    ) -> Collector<'a> {
        Collector {
            left,
            left_atoms,
            right,
            right_atoms,
            current: None,
            groups: FastMap::default(),
            earlier: FastMap::default(),
            lists: Interner::default(),
            params: param_compare::Comparisons::default(),
            relations: Vec::new(),
        }
    }

    /// Makes room for `relations` relations.
    pub(super) fn reserve(&mut self, relations: usize) {
        self.relations.reserve(relations);
    }

    /// Relates left atom `i` to right atom `j`, adding to the relations when they
    /// relate; returns how they relate then (`None` when they do not, or when two
    /// derived atoms meet without conflict, which is no finding). The atoms of a left
    /// term come together (see [`Collector`]).
    pub(super) fn add(&mut self, i: usize, j: usize, vocab: &Vocab) -> Option<Cover> {
        let (a, b) = (self.left_atoms.get(i)?, self.right_atoms.get(j)?);
        if self.current != Some(a.term.term) {
            self.start_term(a.term.term);
        }
        let (pa, pb) = (term_params(self.left, a), term_params(self.right, b));
        let rel = finding(a, b, pa, pb, vocab)?;
        let derived = a.is_derived() || b.is_derived();
        let params = if derived {
            Shared::empty()
        } else {
            self.params
                .of(pa, pb, &|name| partition::is_partition(name, vocab))
        };
        let kind = match rel.kind {
            RelationKind::Agree if a.window.differs(b.window) || params.iter().any(|p| p.differs()) => {
                RelationKind::Diverge
            }
            k => k,
        };
        let kind = if derived {
            kind
        } else {
            partition::existential_kind(
                kind,
                rel.coverage,
                (a.modality, b.modality),
                (
                    partition::existential(pa) || vocab.is_unspecified(a.subject),
                    partition::existential(pb) || vocab.is_unspecified(b.subject),
                ),
            )
        };
        let cover = Cover::of(&rel);
        // The relation is about the named party when one side names no actor.
        let subject = if vocab.is_unspecified(a.subject) {
            b.subject
        } else {
            a.subject
        };
        let key = GroupKey {
            kind,
            left: a.term.term,
            right: b.term.term,
        };
        match self.find(&key, i, j) {
            Some(g) => {
                if let Some(r) = self.relations.get_mut(g)
                    && !r.subjects.contains(&subject)
                {
                    // Rare (one relation per subject of a many-party term): the short
                    // list is made again.
                    r.subjects = r.subjects.iter().copied().chain([subject]).collect();
                }
            }
            None => {
                let at = self.relations.len();
                if let Some(before) = self.groups.insert(key, at) {
                    self.earlier.insert(at, before);
                }
                self.relations.push(Relation {
                    kind,
                    left: side(self.left_atoms, i),
                    right: side(self.right_atoms, j),
                    subjects: self.lists.of(&[subject]),
                    action: rel.action,
                    scope: shared_scope(rel.scope, a, b),
                    coverage: rel.coverage,
                    params,
                    criticality: 0,
                    incidental: false,
                });
            }
        }
        Some(cover)
    }
}

impl Collector<'_> {
    /// Forgets the relations of the previous left term: none is found again.
    fn start_term(&mut self, term: usize) {
        self.current = Some(term);
        // A term with many relations leaves a large table; clearing one walks all of
        // it, so it is let go instead.
        if self.groups.capacity() > 64 {
            self.groups = FastMap::default();
            self.earlier = FastMap::default();
        } else {
            self.groups.clear();
            self.earlier.clear();
        }
    }

    /// The relation of `key`'s kind and terms found through the same rules as left
    /// atom `i` and right atom `j`, if any.
    fn find(&self, key: &GroupKey, i: usize, j: usize) -> Option<usize> {
        let mut at = self.groups.get(key).copied();
        let (left, right) = (rules(self.left_atoms, i), rules(self.right_atoms, j));
        while let Some(g) = at {
            let r = self.relations.get(g)?;
            let same =
                |chain: &[ChainStep], rules: &[usize]| chain.iter().map(|s| s.rule).eq(rules.iter().copied());
            if same(&r.left.chain, &left) && same(&r.right.chain, &right) {
                return Some(g);
            }
            at = self.earlier.get(&g).copied();
        }
        None
    }
}

/// The common scope of atoms `a` and `b` as a shared list: one of theirs when it is
/// the same (a scope within the other's is the usual case), a new one otherwise.
fn shared_scope(scope: Vec<LabelId>, a: &Atom, b: &Atom) -> Shared<LabelId> {
    if scope == *a.scope {
        a.scope.clone()
    } else if scope == *b.scope {
        b.scope.clone()
    } else {
        scope.into()
    }
}

/// How left atom `a` relates to right atom `b` (whose terms' parameters are `pa` and
/// `pb`), when that is a finding: they relate, partitions included. A derived atom
/// against a written one is an indirect relation of any kind (v2: indirect agreement
/// as well as indirect conflict); two derived atoms make a finding only when they
/// conflict (that they agree says no more than the terms they come from).
pub(super) fn finding(
    a: &Atom,
    b: &Atom,
    pa: &[(String, ParamValue)],
    pb: &[(String, ParamValue)],
    vocab: &Vocab,
) -> Option<AtomRelation> {
    let mut rel = relate(a, b, vocab)?;
    rel.coverage = partition::narrow(rel.coverage, pa, pb, vocab)?;
    rel.untimed = partition::narrow(rel.untimed, pa, pb, vocab)?;
    let both_derived = a.is_derived() && b.is_derived();
    (!both_derived || rel.kind == RelationKind::Conflict).then_some(rel)
}

/// What the relations of one kind between two terms (of the collector's two
/// proposals) share; those found through different rules are told apart by their
/// chains.
#[derive(Debug, PartialEq, Eq, Hash)]
struct GroupKey {
    kind: RelationKind,
    left: usize,
    right: usize,
}

fn rules(atoms: &[Atom], i: usize) -> Vec<usize> {
    if atoms.get(i).is_none_or(|a| !a.is_derived()) {
        return Vec::new();
    }
    let (block, at) = block_to(atoms, i);
    derive::chain(block, at)
        .into_iter()
        .map(|(rule, _)| rule)
        .collect()
}

/// Atom `i`'s block (its term's atoms, which lie together) up to the atom, and the
/// atom's place in it.
fn block_to(atoms: &[Atom], i: usize) -> (&[Atom], usize) {
    let Some(a) = atoms.get(i) else {
        return (&[], 0);
    };
    let start = atoms
        .get(..i)
        .unwrap_or_default()
        .iter()
        .rposition(|b| b.term != a.term)
        .map_or(0, |k| k + 1);
    (atoms.get(start..=i).unwrap_or_default(), i - start)
}

fn side(atoms: &[Atom], i: usize) -> Side {
    let a = &atoms[i];
    let (block, at) = block_to(atoms, i);
    let chain = derive::chain(block, at)
        .into_iter()
        .map(|(rule, k)| ChainStep {
            rule,
            subject: block[k].subject,
            modality: block[k].modality,
            action: block[k].action,
        })
        .collect();
    Side {
        term: a.term,
        atom: u32::try_from(at).unwrap_or(u32::MAX),
        chain,
    }
}

pub(super) fn term_params<'p>(p: &'p ResolvedProposal, a: &Atom) -> &'p [(String, ParamValue)] {
    p.proposal
        .terms
        .get(a.term.term)
        .map_or(&[], |t| t.params.as_slice())
}

/// The written terms not fully covered by the other side, with the subjects for which
/// they are open (`seen` runs alongside `atoms`; a term's atoms lie together).
pub(super) fn open_points(atoms: &[Atom], seen: &[Seen]) -> Vec<Open> {
    let mut out = Vec::new();
    let mut lists = Interner::default();
    let mut start = 0;
    for block in atoms.chunk_by(|a, b| a.term == b.term) {
        let end = start + block.len();
        out.extend(open_point(
            block,
            seen.get(start..end).unwrap_or_default(),
            &mut lists,
        ));
        start = end;
    }
    out
}

/// Whether one term (its atoms, and what was seen of them) is open, and for whom.
/// Open points for the same subjects share one list (from `lists`), so that copying
/// them touches few reference counts.
pub(super) fn open_point(block: &[Atom], seen: &[Seen], lists: &mut Interner<PartyId>) -> Option<Open> {
    let first = block.first()?;
    let mut partial = false;
    let mut subjects = Vec::new();
    for (a, s) in block.iter().zip(seen).filter(|(a, _)| !a.is_derived()) {
        partial |= s.related;
        if !s.covers(a) {
            subjects.push(a.subject);
        }
    }
    (!subjects.is_empty()).then(|| Open {
        term: first.term,
        subjects: lists.of(&subjects),
        partial,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows add up: consecutive pieces cover, a gap does not, an endless piece
    /// covers an endless window; many pieces are kept as their union.
    #[test]
    fn pieces_of_time_add_up() {
        let d = |a, b| Interval::new(a, Some(b));
        assert!(union_contains(&[d(30, 60), d(0, 30)], d(0, 60)));
        assert!(!union_contains(&[d(0, 30), d(40, 60)], d(0, 60)));
        assert!(!union_contains(&[d(0, 30)], Interval::new(0, None)));
        assert!(union_contains(
            &[d(0, 30), Interval::new(20, None)],
            Interval::new(0, None)
        ));
        let mut seen = Seen::default();
        for k in 0..100 {
            seen.add_pieces(&[d(k, k + 1)]);
        }
        let pieces = &seen.pieces.as_deref().unwrap().0;
        assert!(pieces.len() < 16, "{pieces:?}");
        assert!(union_contains(pieces, d(0, 100)));
        assert!(!union_contains(pieces, d(0, 101)));
    }
    /// Open points open for the same subjects hold one list of them.
    #[test]
    fn open_points_for_the_same_subjects_share_their_list() {
        let w = crate::generate::generate(&crate::generate::Spec::new(300, 2));
        let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
        let (a, b) = (
            crate::load::resolve(&w.a, &vocab).0.unwrap(),
            crate::load::resolve(&w.b, &vocab).0.unwrap(),
        );
        let analysis = crate::engine::analyze(vec![a, b], &vocab).unwrap();
        let pair = &analysis.pairs[0];
        let mut shared = 0;
        for (i, o) in pair
            .open
            .iter()
            .enumerate()
            .filter(|(_, o)| o.subjects.len() == 1)
        {
            for p in pair
                .open
                .iter_from(i + 1)
                .filter(|p| p.term.proposal == o.term.proposal && p.subjects == o.subjects)
            {
                assert_eq!(o.subjects.as_ptr(), p.subjects.as_ptr(), "{o:?} {p:?}");
                shared += 1;
            }
        }
        assert!(
            shared > 100,
            "{shared} pairs of open points for the same subjects"
        );
    }
}
