//! Relating the atoms of two proposals through an index on subject, action and scope
//! ([`AtomIndex`]), and turning atom relations into term relations and open points.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::collections::FastMap;

use super::analysis::{ChainStep, Coverage, Open, Relation, RelationKind, Side};
use super::atom::{Atom, TermRef};
use super::derive;
pub use super::index::AtomIndex;
use super::params;
use super::relate::{AtomRelation, relate};
use crate::collections::shared::{Interner, Shared};
use crate::resolved::ResolvedProposal;
use crate::vocab::{ActionId, LabelId, PartyId, Vocab};

/// For each action and each scope label, the ones related to it: itself, its
/// ancestors and its descendants.
#[derive(Debug, Clone)]
pub struct Related {
    actions: Vec<Vec<ActionId>>,
    /// The labels related to label `l`: `label_list[label_first[l]..label_first[l + 1]]`
    /// (one list for all labels: vocabularies may have many).
    label_first: Vec<usize>,
    label_list: Vec<LabelId>,
}

impl Related {
    /// Computes the relations of `vocab`'s hierarchies.
    pub fn new(vocab: &Vocab) -> Related {
        let mut actions: Vec<Vec<ActionId>> = (0..vocab.actions.len() as ActionId).map(|a| vec![a]).collect();
        for a in 0..vocab.actions.len() as ActionId {
            for anc in vocab.action_ancestors(a) {
                actions[a as usize].push(anc);
                actions[anc as usize].push(a);
            }
        }
        // Each label's count (itself, its ancestors, its descendants), summed up to
        // its list's end; the lists are then filled downwards to their starts.
        let n = vocab.labels.len();
        let ancestors = |l: usize| {
            std::iter::successors(vocab.labels.get(l).and_then(|x| x.parent), |&p| {
                vocab.labels.get(p as usize).and_then(|x| x.parent)
            })
        };
        let mut label_first = vec![1usize; n];
        label_first.push(0);
        for l in 0..n {
            for p in ancestors(l) {
                for c in [l, p as usize] {
                    if let Some(c) = label_first.get_mut(c) {
                        *c += 1;
                    }
                }
            }
        }
        let mut sum = 0;
        for c in &mut label_first {
            sum += *c;
            *c = sum;
        }
        let mut label_list = vec![0; sum];
        let mut put = |at: usize, label: LabelId| {
            if let Some(f) = label_first.get_mut(at) {
                *f -= 1;
                if let Some(slot) = label_list.get_mut(*f) {
                    *slot = label;
                }
            }
        };
        for l in 0..n {
            put(l, l as LabelId);
            for p in ancestors(l) {
                put(l, p);
                put(p as usize, l as LabelId);
            }
        }
        Related {
            actions,
            label_first,
            label_list,
        }
    }

    /// Whether these are the hierarchies of a vocabulary with as many actions and
    /// labels as `vocab`.
    pub fn fits(&self, vocab: &Vocab) -> bool {
        self.actions.len() == vocab.actions.len() && self.label_first.len() == vocab.labels.len() + 1
    }

    /// The labels related to `l`: itself, its ancestors and its descendants.
    pub fn labels(&self, l: LabelId) -> &[LabelId] {
        let l = l as usize;
        match (self.label_first.get(l), self.label_first.get(l + 1)) {
            (Some(&a), Some(&b)) => self.label_list.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }

    /// The actions related to `a` (the relation is symmetric).
    pub fn actions(&self, a: ActionId) -> &[ActionId] {
        self.actions.get(a as usize).map_or(&[][..], Vec::as_slice)
    }
}

/// The most pairs of atoms compared for one pair of proposals. Terms that meet few
/// others stay far below it even at millions of terms; proposals whose every term
/// meets every other (no scopes, one subject and action) would take hours, and end
/// with an error instead.
pub const MAX_CANDIDATES: usize = 500_000_000;

/// The pair needed more than [`MAX_CANDIDATES`] comparisons of atoms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyCandidates;

/// One proposal as the pair computation sees it.
pub struct PairInput<'a> {
    /// The resolved proposal.
    pub proposal: &'a ResolvedProposal,
    /// Its atoms, written then derived.
    pub atoms: &'a [Atom],
    /// The index of its atoms: read for the right side only (the left side's atoms are
    /// looked up in it), so the left side's may be empty.
    pub index: &'a AtomIndex,
}

/// The relations and open points between two proposals, comparing at most `budget`
/// pairs of atoms. The left side's atoms are related in runs on the threads of the
/// pool (each run whole terms, so that a term's relations are found in one run), and
/// the runs' relations put together in their order, as one run would find them.
pub fn relate_pair(
    left: &PairInput,
    right: &PairInput,
    related: &Related,
    vocab: &Vocab,
    budget: usize,
) -> Result<(Vec<Relation>, Vec<Open>), TooManyCandidates> {
    let parts = if left.atoms.len() < MIN_RUN {
        1
    } else {
        rayon::current_num_threads().clamp(1, left.atoms.len() / MIN_RUN)
    };
    relate_in_runs(left, right, related, vocab, budget, parts)
}

/// [`relate_pair`] in `parts` runs.
fn relate_in_runs(
    left: &PairInput,
    right: &PairInput,
    related: &Related,
    vocab: &Vocab,
    budget: usize,
    parts: usize,
) -> Result<(Vec<Relation>, Vec<Open>), TooManyCandidates> {
    let budget = AtomicUsize::new(budget);
    // A pair of proposals usually has about as many relations as atoms on both sides:
    // the first run makes room for them all at once (sparing the copies and fresh
    // pages of growing a list of millions by doubling), and the others' are added to it.
    let room = left.atoms.len() + right.atoms.len();
    let runs: Vec<_> = split_at_terms(left.atoms, parts)
        .into_par_iter()
        .enumerate()
        .map(|(k, run)| {
            let room = if k == 0 {
                room
            } else {
                run.len().saturating_mul(room) / left.atoms.len().max(1)
            };
            relate_run(left, right, related, vocab, run, room, &budget)
        })
        .collect();
    let mut relations = Vec::new();
    let mut seen_left = Vec::with_capacity(left.atoms.len());
    let mut seen_right: Vec<Seen> = Vec::new();
    // The first run's lists take in the others'.
    for run in runs {
        let run = run?;
        if relations.capacity() == 0 {
            relations = run.relations;
        } else {
            relations.extend(run.relations);
        }
        seen_left.extend(run.seen_left);
        if seen_right.is_empty() {
            seen_right = run.seen_right;
        } else {
            for (s, r) in seen_right.iter_mut().zip(run.seen_right) {
                s.related |= r.related;
                s.covered |= r.covered;
            }
        }
    }
    let relations = sort_relations(relations);
    let mut open = open_points(left.atoms, &seen_left);
    open.extend(open_points(right.atoms, &seen_right));
    Ok((relations, open))
}

/// The fewest left atoms worth a run of their own.
const MIN_RUN: usize = 1 << 14;

/// What relating one run of left atoms found.
struct Run {
    relations: Vec<Relation>,
    /// For each atom of the run.
    seen_left: Vec<Seen>,
    /// For each right atom.
    seen_right: Vec<Seen>,
}

/// Relates the left atoms `run` to the right side, with room for `room` relations,
/// taking the comparisons from `budget` (shared by the runs).
fn relate_run(
    left: &PairInput,
    right: &PairInput,
    related: &Related,
    vocab: &Vocab,
    run: Range<usize>,
    room: usize,
    budget: &AtomicUsize,
) -> Result<Run, TooManyCandidates> {
    let mut collector = Collector::new(left.proposal, left.atoms, right.proposal, right.atoms);
    collector.reserve(room);
    let mut seen_left = vec![Seen::default(); run.len()];
    let mut seen_right = vec![Seen::default(); right.atoms.len()];
    let start = run.start;
    for (i, a) in left.atoms.get(run).unwrap_or_default().iter().enumerate() {
        let i = start + i;
        let candidates = right.index.candidates(a, related, vocab);
        budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| {
                b.checked_sub(candidates.len())
            })
            .map_err(|_| TooManyCandidates)?;
        for j in candidates {
            if let Some(coverage) = collector.add(i, j, vocab) {
                mark(&mut seen_left, &mut seen_right, i - start, j, coverage);
            }
        }
    }
    Ok(Run {
        relations: collector.relations,
        seen_left,
        seen_right,
    })
}

/// `atoms` in `parts` runs of about the same length, each run whole blocks of terms.
fn split_at_terms(atoms: &[Atom], parts: usize) -> Vec<Range<usize>> {
    let mut runs = Vec::with_capacity(parts);
    let mut start = 0;
    for k in 1..parts {
        let mut end = (atoms.len() * k / parts).max(start);
        while end < atoms.len() && end > 0 && atoms[end].term == atoms[end - 1].term {
            end += 1;
        }
        runs.push(start..end);
        start = end;
    }
    runs.push(start..atoms.len());
    runs
}

/// Relations in report order: by kind, direct before indirect, then by terms; those of
/// the same two terms keep the order they were found in.
pub fn sort_relations(relations: Vec<Relation>) -> Vec<Relation> {
    match packed_order(&relations) {
        Some(from) => permuted(relations, from),
        None => sorted_by_key(relations, relation_key),
    }
}

/// The order of [`sort_relations`] as `from` (see [`permuted`]), when each relation's
/// key fits in 64 bits: every relation with the same two proposals (as in a pair),
/// left terms below 2^31, right terms below 2^30. Sorting 16-byte keys takes a third
/// of the room the keys themselves take, at the end of relating, when memory peaks.
fn packed_order(relations: &[Relation]) -> Option<Vec<usize>> {
    let first = relations.first()?;
    let proposals = (first.left.term.proposal, first.right.term.proposal);
    let mut keys = Vec::with_capacity(relations.len());
    for (i, r) in relations.iter().enumerate() {
        if (r.left.term.proposal, r.right.term.proposal) != proposals {
            return None;
        }
        let (left, right) = (
            u64::try_from(r.left.term.term).ok()?,
            u64::try_from(r.right.term.term).ok()?,
        );
        if left >= 1 << 31 || right >= 1 << 30 {
            return None;
        }
        let kind = r.kind as u64;
        let key = kind << 62 | u64::from(r.is_indirect()) << 61 | left << 30 | right;
        keys.push(u128::from(key) << 64 | i as u128);
    }
    // The index in the low half keeps equal keys in the order found.
    keys.sort_unstable();
    Some(keys.into_iter().map(|k| k as u64 as usize).collect())
}

/// What [`sort_relations`] orders by.
pub fn relation_key(r: &Relation) -> (RelationKind, bool, TermRef, TermRef) {
    (r.kind, r.is_indirect(), r.left.term, r.right.term)
}

/// What a pair computation learned about one atom: whether it relates to some atom
/// of the other side, and whether the other side covers it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Seen {
    related: bool,
    covered: bool,
}

/// Records in `seen_left[i]` and `seen_right[j]` that atoms `i` and `j` relate with
/// `coverage`.
pub fn mark(seen_left: &mut [Seen], seen_right: &mut [Seen], i: usize, j: usize, coverage: Coverage) {
    if let Some(s) = seen_left.get_mut(i) {
        s.related = true;
        s.covered |= matches!(coverage, Coverage::Same | Coverage::RightBroader);
    }
    if let Some(s) = seen_right.get_mut(j) {
        s.related = true;
        s.covered |= matches!(coverage, Coverage::Same | Coverage::LeftBroader);
    }
}

/// Term relations being collected from pairs of atoms: the atoms of the same two terms
/// through the same rules make one relation, whose subjects are theirs. Left atoms come
/// term by term (each term's atoms together, as both callers add them): a relation is
/// looked for again only among those of the current left term, so the table that
/// finds them holds one term's relations, not the pair's millions.
pub struct Collector<'a> {
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
    params: params::Comparisons,
    /// The relations so far, in the order they were found.
    pub relations: Vec<Relation>,
}

impl<'a> Collector<'a> {
    /// An empty collection for the atoms of two proposals.
    pub fn new(
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
            params: params::Comparisons::default(),
            relations: Vec::new(),
        }
    }

    /// Makes room for `relations` relations.
    pub fn reserve(&mut self, relations: usize) {
        self.relations.reserve(relations);
    }

    /// Relates left atom `i` to right atom `j`, adding to the relations when they
    /// relate; returns how they relate then (`None` when they do not, or when only
    /// derived atoms meet without conflict, which is no finding). The atoms of a left
    /// term come together (see [`Collector`]).
    pub fn add(&mut self, i: usize, j: usize, vocab: &Vocab) -> Option<Coverage> {
        let (a, b) = (self.left_atoms.get(i)?, self.right_atoms.get(j)?);
        if self.current != Some(a.term.term) {
            self.start_term(a.term.term);
        }
        let rel = finding(a, b, vocab)?;
        let derived = a.is_derived() || b.is_derived();
        let params = if derived {
            Shared::empty()
        } else {
            self.params
                .of(term_params(self.left, a), term_params(self.right, b))
        };
        let kind = match rel.kind {
            RelationKind::Agree if a.window != b.window || params.iter().any(|p| p.differs()) => {
                RelationKind::Diverge
            }
            k => k,
        };
        let key = GroupKey {
            kind,
            left: a.term.term,
            right: b.term.term,
        };
        match self.find(&key, i, j) {
            Some(g) => {
                if let Some(r) = self.relations.get_mut(g)
                    && !r.subjects.contains(&a.subject)
                {
                    // Rare (one relation per subject of a many-party term): the short
                    // list is made again.
                    r.subjects = r.subjects.iter().copied().chain([a.subject]).collect();
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
                    subjects: self.lists.of(&[a.subject]),
                    action: rel.action,
                    scope: shared_scope(rel.scope, a, b),
                    coverage: rel.coverage,
                    params,
                    criticality: 0,
                });
            }
        }
        Some(rel.coverage)
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

/// How left atom `a` relates to right atom `b`, when that is a finding: they relate,
/// and if a derived atom is involved, they conflict.
pub fn finding(a: &Atom, b: &Atom, vocab: &Vocab) -> Option<AtomRelation> {
    let rel = relate(a, b, vocab)?;
    let derived = a.is_derived() || b.is_derived();
    (!derived || rel.kind == RelationKind::Conflict).then_some(rel)
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

fn term_params<'p>(p: &'p ResolvedProposal, a: &Atom) -> &'p [(String, crate::model::ParamValue)] {
    p.proposal
        .terms
        .get(a.term.term)
        .map_or(&[], |t| t.params.as_slice())
}

/// The written terms not fully covered by the other side, with the subjects for which
/// they are open (`seen` runs alongside `atoms`; a term's atoms lie together).
pub fn open_points(atoms: &[Atom], seen: &[Seen]) -> Vec<Open> {
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
pub fn open_point(block: &[Atom], seen: &[Seen], lists: &mut Interner<PartyId>) -> Option<Open> {
    let first = block.first()?;
    let mut partial = false;
    let mut subjects = Vec::new();
    for (a, s) in block.iter().zip(seen).filter(|(a, _)| !a.is_derived()) {
        partial |= s.related;
        if !s.covered {
            subjects.push(a.subject);
        }
    }
    (!subjects.is_empty()).then(|| Open {
        term: first.term,
        subjects: lists.of(&subjects),
        partial,
    })
}

/// `items` in the order of their keys (stable), sorted in place: relations are large
/// and their keys small, so the keys are sorted and the items then moved into place by
/// swaps along the cycles of the permutation, without a second list of items.
fn sorted_by_key<T, K: Ord>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut order: Vec<(K, usize)> = items.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
    order.sort();
    permuted(items, order.into_iter().map(|(_, i)| i).collect())
}

/// `items` reordered in place: `from[i]` is where the item that belongs at `i` is now
/// (a permutation of the indices).
fn permuted<T>(mut items: Vec<T>, mut from: Vec<usize>) -> Vec<T> {
    for start in 0..from.len() {
        let mut at = start;
        while from[at] != start {
            let next = from[at];
            items.swap(at, next);
            from[at] = at;
            at = next;
        }
        from[at] = at;
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relating in runs on several threads finds what one run finds, in the same
    /// order, and spends the same budget.
    #[test]
    fn runs_find_what_one_run_finds() {
        let w = crate::generate::generate(&crate::generate::Spec::new(600, 3));
        let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
        let resolve = |p: &crate::model::Proposal| crate::load::resolve(p, &vocab).0.unwrap();
        let (a, b) = (resolve(&w.a), resolve(&w.b));
        let (atoms_a, atoms_b) = (
            crate::engine::ProposalAtoms::build(0, &a, &vocab).unwrap(),
            crate::engine::ProposalAtoms::build(1, &b, &vocab).unwrap(),
        );
        let (empty, index) = (AtomIndex::default(), AtomIndex::new(&atoms_b.atoms, &vocab));
        let left = PairInput {
            proposal: &a,
            atoms: &atoms_a.atoms,
            index: &empty,
        };
        let right = PairInput {
            proposal: &b,
            atoms: &atoms_b.atoms,
            index: &index,
        };
        let related = Related::new(&vocab);
        let one = relate_in_runs(&left, &right, &related, &vocab, usize::MAX, 1).unwrap();
        assert!(one.0.len() > 100 && !one.1.is_empty());
        for parts in [2, 3, 7] {
            let runs = split_at_terms(&atoms_a.atoms, parts);
            assert_eq!(runs.len(), parts);
            assert!(runs.windows(2).all(|w| w[0].end == w[1].start));
            assert!(
                runs.iter()
                    .all(|r| r.start == 0 || atoms_a.atoms[r.start].term != atoms_a.atoms[r.start - 1].term)
            );
            let many = relate_in_runs(&left, &right, &related, &vocab, usize::MAX, parts).unwrap();
            assert_eq!(many, one, "{parts} runs");
        }
        // The budget is shared: what one run cannot afford, several cannot either.
        let spent: usize = atoms_a
            .atoms
            .iter()
            .map(|x| index.candidates(x, &related, &vocab).len())
            .sum();
        assert!(relate_in_runs(&left, &right, &related, &vocab, spent, 3).is_ok());
        assert!(relate_in_runs(&left, &right, &related, &vocab, spent - 1, 3).is_err());
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

    /// The packed keys order relations exactly as their full keys do, equal keys in
    /// the order found; relations of more than one pair of proposals take the full keys.
    #[test]
    fn packed_keys_sort_as_the_full_keys() {
        let w = crate::generate::generate(&crate::generate::Spec::new(400, 7));
        let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
        let resolve = |p: &crate::model::Proposal| crate::load::resolve(p, &vocab).0.unwrap();
        let a = crate::engine::analyze(vec![resolve(&w.a), resolve(&w.b)], &vocab).unwrap();
        let mut found: Vec<Relation> = a.pairs[0].relations.iter().cloned().collect();
        assert!(found.len() > 100);
        // Out of order, with runs of equal keys kept apart.
        found.reverse();
        let third = found.len() / 3;
        found.rotate_left(third);
        let names = |rs: &[Relation]| -> Vec<_> {
            rs.iter()
                .map(|r| (relation_key(r), r.left.chain.clone(), r.right.chain.clone()))
                .collect()
        };
        let want = names(&sorted_by_key(found.clone(), relation_key));
        assert!(packed_order(&found).is_some());
        assert_eq!(names(&sort_relations(found.clone())), want);
        // Another pair's relation among them: sorted by the full keys.
        let mut mixed = found.clone();
        mixed[0].left.term.proposal = 5;
        assert!(packed_order(&mixed).is_none());
        let want = names(&sorted_by_key(mixed.clone(), relation_key));
        assert_eq!(names(&sort_relations(mixed)), want);
    }

    #[test]
    fn sorted_by_key_is_a_stable_sort() {
        let items: Vec<(u8, usize)> = [3u8, 1, 2, 1, 3, 0, 2, 1].iter().copied().zip(0..).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|x| x.0);
        assert_eq!(sorted_by_key(items, |x| x.0), expected);
        assert!(sorted_by_key(Vec::<u8>::new(), |x| *x).is_empty());
    }
    use crate::engine::atom::ProposalAtoms;

    #[test]
    fn the_comparison_budget_ends_with_an_error_not_a_hang() {
        let vocab = Vocab::default_pack().unwrap();
        let terms: Vec<serde_json::Value> = (0..20)
            .map(|i| serde_json::json!({ "id": format!("t{i}"), "subject": "RU", "modality": "must_not", "action": "strikes", "text": "x" }))
            .collect();
        let p: crate::model::Proposal = serde_json::from_value(
            serde_json::json!({ "id": "p", "by": ["RU"], "source": "s", "terms": terms }),
        )
        .unwrap();
        let resolved = crate::load::resolve(&p, &vocab).0.unwrap();
        let atoms = ProposalAtoms::build(0, &resolved, &vocab).unwrap();
        let index = AtomIndex::new(&atoms.atoms, &vocab);
        let input = PairInput {
            proposal: &resolved,
            atoms: &atoms.atoms,
            index: &index,
        };
        let related = Related::new(&vocab);
        assert!(
            relate_pair(&input, &input, &related, &vocab, 400).is_ok(),
            "20 × 20 fits"
        );
        assert_eq!(
            relate_pair(&input, &input, &related, &vocab, 399).err(),
            Some(TooManyCandidates)
        );
    }
}
