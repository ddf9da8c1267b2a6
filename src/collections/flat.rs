//! [`FlatLists`]: a list for each of many items, kept in one flat list with the
//! offsets of each item's part (compressed sparse rows), so that a million short lists
//! take two allocations rather than a million.

/// A list of `T` for each of `n` items, all in one flat list: `by[first[t]..first[t +
/// 1]]` are item `t`'s. Who requires each term (the reverse of the terms' `requires`),
/// the conflicts each term of a pair is in, the labels related to each label.
#[derive(Debug, Clone)]
pub(crate) struct FlatLists<T = usize> {
    first: Vec<usize>,
    by: Vec<T>,
}

impl<T> Default for FlatLists<T> {
    fn default() -> FlatLists<T> {
        FlatLists::EMPTY
    }
}

impl<T> FlatLists<T> {
    /// No lists at all.
    pub(crate) const EMPTY: FlatLists<T> = FlatLists {
        first: Vec::new(),
        by: Vec::new(),
    };
}

impl<T: Copy + Default> FlatLists<T> {
    /// The lists of the `(item, value)` pairs that `pairs` gives to the function it is
    /// passed, among `items` items (pairs of items out of range are left out). It is
    /// called twice and must give the same pairs in the same order: once to count each
    /// item's values, once to put them in place. Each list is filled from its end, so
    /// the last pair given for an item comes first in its list.
    pub(crate) fn build(items: usize, pairs: impl Fn(&mut dyn FnMut(usize, T))) -> FlatLists<T> {
        // Counts summed up to each item's end, then filled downwards to its start.
        let mut first = vec![0usize; items + 1];
        pairs(&mut |item, _| {
            if item < items
                && let Some(c) = first.get_mut(item)
            {
                *c += 1;
            }
        });
        let mut sum = 0;
        for c in &mut first {
            sum += *c;
            *c = sum;
        }
        let mut by = vec![T::default(); sum];
        pairs(&mut |item, value| {
            if item < items
                && let Some(f) = first.get_mut(item)
            {
                *f -= 1;
                if let Some(slot) = by.get_mut(*f) {
                    *slot = value;
                }
            }
        });
        FlatLists { first, by }
    }

    /// The lists of `edges`, pairs `(item, value)`, each item's in the order of `edges`
    /// (edges out of range are left out). For who requires whom, the pairs are
    /// `(required, requiring)`.
    pub(crate) fn of(items: usize, edges: &[(usize, T)]) -> FlatLists<T> {
        FlatLists::build(items, |add| {
            for &(item, value) in edges.iter().rev() {
                add(item, value);
            }
        })
    }

    /// Whether this has a list for each of `items` items.
    pub(crate) fn covers(&self, items: usize) -> bool {
        self.first.len() == items + 1
    }

    /// Whether every list is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.by.is_empty()
    }

    /// Item `t`'s list (for who requires whom, the terms that require it, ascending).
    pub(crate) fn list(&self, t: usize) -> &[T] {
        match (self.first.get(t), self.first.get(t + 1)) {
            (Some(&a), Some(&b)) => self.by.get(a..b).unwrap_or_default(),
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_the_order_of_the_edges() {
        let lists = FlatLists::of(4, &[(2, 7), (0, 1), (2, 5), (9, 9), (0, 3)]);
        assert!(lists.covers(4));
        assert_eq!(lists.list(0), [1, 3]);
        assert_eq!(lists.list(1), [] as [usize; 0]);
        assert_eq!(lists.list(2), [7, 5]);
        assert_eq!(lists.list(3), [] as [usize; 0]);
        assert_eq!(lists.list(4), [] as [usize; 0]);
        assert!(!lists.is_empty());
        assert!(FlatLists::<usize>::of(3, &[]).is_empty());
        assert!(!FlatLists::<usize>::EMPTY.covers(3));
    }
}
