//! [`Renumber`]: where the relations of a pair kept by `reanalyze` moved to, told by
//! the few that were removed and inserted, so that indices into the earlier
//! relations (the conflicts of blocked terms) can be carried over.

/// How the indices of a pair's earlier relations map to the new ones: the kept
/// relations keep their order, some earlier ones were removed and some new ones
/// inserted between them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Renumber {
    /// The indices of the earlier relations not kept, ascending.
    pub removed: Vec<usize>,
    /// For each inserted relation, how many kept ones come before it, ascending.
    pub inserted: Vec<usize>,
}

impl Renumber {
    /// Whether every kept relation keeps its index.
    pub(super) fn is_identity(&self) -> bool {
        self.removed.is_empty() && self.inserted.is_empty()
    }

    /// The new index of earlier relation `old`, or `None` when it was removed.
    pub(super) fn new_of(&self, old: usize) -> Option<usize> {
        let before = match self.removed.binary_search(&old) {
            Ok(_) => return None,
            Err(before) => before,
        };
        let kept = old - before;
        Some(kept + self.inserted.partition_point(|&k| k <= kept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_relations_move_past_the_removed_and_inserted_ones() {
        // Earlier: a b c d e; b and d removed; x inserted before c, y and z at the end.
        // New: a x c e y z.
        let r = Renumber {
            removed: vec![1, 3],
            inserted: vec![1, 3, 3],
        };
        let news: Vec<Option<usize>> = (0..5).map(|o| r.new_of(o)).collect();
        assert_eq!(news, [Some(0), None, Some(2), None, Some(3)]);
        assert_eq!(Renumber::default().new_of(7), Some(7));
    }
}
