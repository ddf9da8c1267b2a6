//! The report order of relations (by kind, direct before indirect, then by terms),
//! sorted in place with packed keys where they fit.

use super::analysis::{Relation, RelationKind};
use super::atom::TermRef;

/// Relations in report order: by kind, direct before indirect, then by terms; those of
/// the same two terms keep the order they were found in.
pub(super) fn sort_relations(relations: Vec<Relation>) -> Vec<Relation> {
    match packed_order(&relations) {
        Some(from) => permuted(relations, from),
        None => sorted_by_key(relations, relation_key),
    }
}

/// The order of [`sort_relations`] as `from` (see [`permuted`]), when each relation's
/// key fits in 64 bits: every relation with the same two proposals (as in a pair),
/// left and right terms below 2^30 (the kind takes three bits: there are five). Sorting 16-byte keys takes a third
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
        if left >= 1 << 30 || right >= 1 << 30 {
            return None;
        }
        let kind = r.kind as u64;
        let key = kind << 61 | u64::from(r.is_indirect()) << 60 | left << 30 | right;
        keys.push(u128::from(key) << 64 | i as u128);
    }
    // The index in the low half keeps equal keys in the order found.
    keys.sort_unstable();
    Some(keys.into_iter().map(|k| k as u64 as usize).collect())
}

/// What [`sort_relations`] orders by.
pub(super) fn relation_key(r: &Relation) -> (RelationKind, bool, TermRef, TermRef) {
    (r.kind, r.is_indirect(), r.left.term, r.right.term)
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
    use crate::vocab::Vocab;
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
        // Every kind among them, the last of the five in the top bits of the key.
        found[1].kind = RelationKind::ToBeAgreed;
        assert!(found.iter().any(|r| r.kind == RelationKind::Agree));
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
}
