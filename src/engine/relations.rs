//! [`Relations`]: a pair's relations in report order, a [`Chunked`] list whose chunks
//! know how many relations of each kind they hold and which terms they relate, so that
//! counting a pair's findings takes a step per chunk and the relations of a few terms
//! are found without reading the others.

use std::sync::Arc;

use super::analysis::{Counts, Relation, RelationKind};
use crate::collections::chunked::{self, Chunked, Summary};

/// A pair's relations, in report order (conflicts first). Reads like a list: `len`,
/// `get`, `iter`; only a relation's criticality can be changed in place.
pub type Relations = Chunked<Relation, Findings>;

/// The relations of a [`Relations`], in order.
pub type Iter<'a> = chunked::Iter<'a, Relation, Findings>;

/// A list of relations being made from new relations and runs of an earlier list.
pub(super) type Builder = chunked::Builder<Relation, Findings>;

/// What a chunk of relations holds: how many of each kind, and the terms they relate.
#[derive(Clone)]
pub struct Findings {
    counts: Counts,
    terms: Arc<Terms>,
}

/// The terms a chunk's relations relate, each side sorted, without repeats: which
/// chunks relate a term is found without reading their relations.
struct Terms {
    left: Vec<usize>,
    right: Vec<usize>,
}

impl Summary<Relation> for Findings {
    fn of(relations: &[Relation]) -> Findings {
        let side = |term: fn(&Relation) -> usize| {
            let mut v: Vec<usize> = relations.iter().map(term).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        Findings {
            counts: count(relations),
            terms: Arc::new(Terms {
                left: side(|r| r.left.term.term),
                right: side(|r| r.right.term.term),
            }),
        }
    }
}

impl Findings {
    /// Whether some relation of the chunk has its left term in `left` or its right
    /// term in `right` (both sorted).
    fn relates_any(&self, left: &[usize], right: &[usize]) -> bool {
        let any = |mine: &[usize], wanted: &[usize]| wanted.iter().any(|t| mine.binary_search(t).is_ok());
        any(&self.terms.left, left) || any(&self.terms.right, right)
    }
}

/// How many relations of each kind `relations` holds, incidental overlaps left out
/// (the other counts stay 0).
fn count(relations: &[Relation]) -> Counts {
    let mut c = Counts::default();
    for r in relations.iter().filter(|r| r.is_finding()) {
        match r.kind {
            RelationKind::Conflict if r.is_indirect() => c.indirect += 1,
            RelationKind::Conflict => c.conflicts += 1,
            RelationKind::Diverge => c.diverge += 1,
            RelationKind::ToBeAgreed => c.to_be_agreed += 1,
            RelationKind::Compatible => c.compatible += 1,
            RelationKind::Agree if r.is_indirect() => c.indirect_agree += 1,
            RelationKind::Agree => c.agree += 1,
        }
    }
    c
}

impl Chunked<Relation, Findings> {
    /// The criticality of the relation at `index`, to change: its chunk is copied
    /// first when it is shared (its counts and terms stay true).
    pub fn criticality_mut(&mut self, index: usize) -> Option<&mut usize> {
        self.get_mut(index).map(|r| &mut r.criticality)
    }

    /// How many relations of each kind there are (the counts of relations; the
    /// others are 0).
    pub fn counts(&self) -> Counts {
        let mut total = Counts::default();
        for (_, _, Findings { counts: c, .. }) in self.chunks() {
            total.conflicts += c.conflicts;
            total.indirect += c.indirect;
            total.diverge += c.diverge;
            total.to_be_agreed += c.to_be_agreed;
            total.compatible += c.compatible;
            total.agree += c.agree;
            total.indirect_agree += c.indirect_agree;
        }
        total
    }

    /// The indices, ascending, of the relations whose left term is one of `left` or
    /// whose right term is one of `right` (term indices in their proposals; both lists
    /// sorted). Only the chunks that relate one of them are read.
    pub fn touching(&self, left: &[usize], right: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        if left.is_empty() && right.is_empty() {
            return out;
        }
        for (start, relations, findings) in self.chunks() {
            if !findings.relates_any(left, right) {
                continue;
            }
            out.extend(relations.iter().enumerate().filter_map(|(k, r)| {
                let hit = left.binary_search(&r.left.term.term).is_ok()
                    || right.binary_search(&r.right.term.term).is_ok();
                hit.then_some(start + k)
            }));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::chunked::CHUNK;
    use crate::engine::analysis::{Coverage, Side};
    use crate::engine::atom::TermRef;

    fn relation(kind: RelationKind, term: usize) -> Relation {
        let side = |proposal| Side {
            term: TermRef { proposal, term },
            atom: 0,
            chain: Default::default(),
        };
        Relation {
            kind,
            left: side(0),
            right: side(1),
            subjects: Default::default(),
            action: 0,
            scope: Default::default(),
            coverage: Coverage::Same,
            params: Default::default(),
            criticality: 0,
            incidental: false,
        }
    }

    fn list(n: usize) -> Vec<Relation> {
        (0..n)
            .map(|t| {
                let kind = if t < n / 3 {
                    RelationKind::Conflict
                } else {
                    RelationKind::Agree
                };
                relation(kind, t)
            })
            .collect()
    }

    #[test]
    fn counts_the_relations_of_each_kind_by_their_chunks() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            let r = Relations::from(list(n));
            assert_eq!(r.counts().conflicts, n / 3);
            assert_eq!(r.counts().agree, n - n / 3);
        }
        // A list built from runs of another and new relations counts them all.
        let earlier = Relations::from(list(4 * CHUNK));
        let mut b = Builder::new();
        b.extend_shared(&earlier, 0..CHUNK + 10);
        b.push(relation(RelationKind::Diverge, 100_000));
        b.extend_shared(&earlier, CHUNK + 11..4 * CHUNK);
        let now = b.finish();
        let c = now.counts();
        // The relation left out (term CHUNK + 10) is a conflict.
        assert_eq!(
            (c.conflicts, c.diverge, c.agree),
            (4 * CHUNK / 3 - 1, 1, 4 * CHUNK - 4 * CHUNK / 3)
        );
    }

    #[test]
    fn finds_the_relations_of_some_terms_by_their_chunks() {
        let v = list(3 * CHUNK + 5);
        let r = Relations::from(v.clone());
        let (left, right) = (vec![3, CHUNK + 1, 3 * CHUNK + 4], vec![2 * CHUNK]);
        let want: Vec<usize> = (0..v.len())
            .filter(|&i| left.contains(&v[i].left.term.term) || right.contains(&v[i].right.term.term))
            .collect();
        assert_eq!(want.len(), 4);
        assert_eq!(r.touching(&left, &right), want);
        assert!(r.touching(&[], &[]).is_empty());
    }

    #[test]
    fn a_changed_criticality_leaves_the_list_it_shares_alone() {
        let earlier = Relations::from(list(3 * CHUNK));
        let mut now = earlier.clone();
        *now.criticality_mut(CHUNK + 5).unwrap() = 7;
        assert_eq!(now.get(CHUNK + 5).unwrap().criticality, 7);
        assert_eq!(earlier.get(CHUNK + 5).unwrap().criticality, 0);
        assert_eq!(now.criticality_mut(3 * CHUNK), None);
        assert_eq!(now.counts().conflicts, earlier.counts().conflicts);
    }
}
