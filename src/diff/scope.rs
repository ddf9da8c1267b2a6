//! Whether a scope was widened or narrowed, through the vocabulary's taxonomies.
//!
//! A scope is a set of labels per taxonomy (area, target class...). Within a
//! taxonomy the labels add up (`kursk` and `belgorod`), and no label means all of
//! it; across taxonomies they restrict each other (`kursk` and `encircled_troops`).

use super::result::Direction;
use crate::vocab::{LabelId, Vocab};

/// Widened when the new scope covers the old, narrowed when the old covers the new.
pub fn scope_direction(vocab: &Vocab, old: &[LabelId], new: &[LabelId]) -> Direction {
    match (covers(vocab, new, old), covers(vocab, old, new)) {
        (true, false) => Direction::Widened,
        (false, true) => Direction::Narrowed,
        // Both: the same area written with other labels; neither: moved.
        _ => Direction::Shifted,
    }
}

/// Whether scope `outer` covers all of scope `inner`.
pub fn covers(vocab: &Vocab, outer: &[LabelId], inner: &[LabelId]) -> bool {
    (0..vocab.taxonomies.len()).all(|t| {
        let o = in_taxonomy(vocab, outer, t);
        let i = in_taxonomy(vocab, inner, t);
        // No label of this taxonomy: all of it.
        o.is_empty() || (!i.is_empty() && i.iter().all(|&l| o.iter().any(|&p| vocab.label_contains(p, l))))
    })
}

fn in_taxonomy(vocab: &Vocab, labels: &[LabelId], taxonomy: usize) -> Vec<LabelId> {
    labels
        .iter()
        .copied()
        .filter(|&l| {
            vocab
                .labels
                .get(l as usize)
                .is_some_and(|x| x.taxonomy == taxonomy)
        })
        .collect()
}
