//! [`Chunked`]: a list kept in chunks behind reference counts. A full analysis makes
//! one list and views it in chunks without copying it; `reanalyze` shares the chunks
//! an edit leaves alone with the analysis it started from, so that a one-term what-if
//! copies a chunk or two rather than the whole list. Each chunk carries a summary of
//! its items ([`Summary`]), so that a question about the whole list (how many of each
//! kind, which chunks name a term) takes a step per chunk.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// The items a chunk holds, at most (a chunk made by a what-if may hold up to twice as
/// many).
pub(crate) const CHUNK: usize = 512;

/// What a chunk knows of its items, made when the chunk is.
pub trait Summary<T>: Clone {
    /// The summary of `items`.
    fn of(items: &[T]) -> Self;
}

/// No summary.
impl<T> Summary<T> for () {
    fn of(_: &[T]) {}
}

/// A list in chunks. Reads like a slice: `len`, `get`, `iter`, `partition_point`.
pub struct Chunked<T, S = ()> {
    chunks: Vec<Chunk<T, S>>,
    /// Where each chunk starts, then the length: one more entry than `chunks`.
    starts: Vec<usize>,
}

/// Some consecutive items of a list that may be shared with other chunks and other
/// analyses.
struct Chunk<T, S> {
    list: Arc<Vec<T>>,
    range: Range<usize>,
    summary: S,
}

impl<T, S: Clone> Clone for Chunk<T, S> {
    fn clone(&self) -> Chunk<T, S> {
        Chunk {
            list: Arc::clone(&self.list),
            range: self.range.clone(),
            summary: self.summary.clone(),
        }
    }
}

impl<T, S: Summary<T>> Chunk<T, S> {
    fn new(list: Arc<Vec<T>>, range: Range<usize>) -> Chunk<T, S> {
        let summary = S::of(list.get(range.clone()).unwrap_or_default());
        Chunk { list, range, summary }
    }
}

impl<T, S> Chunk<T, S> {
    fn slice(&self) -> &[T] {
        self.list.get(self.range.clone()).unwrap_or_default()
    }
}

impl<T, S> Default for Chunked<T, S> {
    fn default() -> Chunked<T, S> {
        Chunked {
            chunks: Vec::new(),
            starts: Vec::new(),
        }
    }
}

impl<T, S: Clone> Clone for Chunked<T, S> {
    fn clone(&self) -> Chunked<T, S> {
        Chunked {
            chunks: self.chunks.clone(),
            starts: self.starts.clone(),
        }
    }
}

impl<T, S> Chunked<T, S> {
    /// An empty list.
    pub fn new() -> Chunked<T, S> {
        Chunked::default()
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The items in order.
    pub fn iter(&self) -> Iter<'_, T, S> {
        Iter::new(&[], &self.chunks, self.len())
    }

    /// The items from index `from` on, in order.
    pub fn iter_from(&self, from: usize) -> Iter<'_, T, S> {
        let Some(k) = self.chunk_of(from) else {
            return Iter::new(&[], &[], 0);
        };
        let start = self.starts.get(k).copied().unwrap_or(0);
        let (first, rest) = match self.chunks.get(k..).unwrap_or_default() {
            [first, rest @ ..] => (first.slice().get(from - start..).unwrap_or_default(), rest),
            [] => (&[][..], &[][..]),
        };
        Iter::new(first, rest, self.len() - from)
    }

    /// The item at `index`.
    pub fn get(&self, index: usize) -> Option<&T> {
        let k = self.chunk_of(index)?;
        self.chunks.get(k)?.slice().get(index - self.starts.get(k)?)
    }

    /// The first item.
    pub fn first(&self) -> Option<&T> {
        self.get(0)
    }

    /// The index of the first item for which `pred` is false, the items being
    /// partitioned by it (all those for which it holds first), as
    /// [`slice::partition_point`].
    pub fn partition_point(&self, mut pred: impl FnMut(&T) -> bool) -> usize {
        let k = self
            .chunks
            .partition_point(|c| c.slice().last().is_some_and(&mut pred));
        match (self.chunks.get(k), self.starts.get(k)) {
            (Some(c), Some(&start)) => start + c.slice().partition_point(pred),
            _ => self.len(),
        }
    }

    /// The chunks: each one's first index, items and summary.
    pub(crate) fn chunks(&self) -> impl Iterator<Item = (usize, &[T], &S)> {
        self.chunks
            .iter()
            .zip(&self.starts)
            .map(|(c, &start)| (start, c.slice(), &c.summary))
    }

    /// The chunk holding `index`.
    fn chunk_of(&self, index: usize) -> Option<usize> {
        if index >= self.len() {
            return None;
        }
        Some(self.starts.partition_point(|&s| s <= index).saturating_sub(1))
    }

    fn push_chunk(&mut self, chunk: Chunk<T, S>) {
        if chunk.range.is_empty() {
            return;
        }
        let start = self.len();
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.starts.push(start + chunk.range.len());
        self.chunks.push(chunk);
    }
}

impl<T: Clone, S> Chunked<T, S> {
    /// The items, copied into one list.
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().cloned().collect()
    }

    /// The item at `index`, to change in a way that leaves its chunk's summary true:
    /// its chunk is copied first when it is shared.
    pub(crate) fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        let k = self.chunk_of(index)?;
        let offset = index - self.starts.get(k)?;
        let chunk = self.chunks.get_mut(k)?;
        if Arc::get_mut(&mut chunk.list).is_none() {
            chunk.list = Arc::new(chunk.slice().to_vec());
            chunk.range = 0..chunk.list.len();
        }
        let at = chunk.range.start + offset;
        Arc::get_mut(&mut chunk.list)?.get_mut(at)
    }
}

impl<T: Clone, S: Summary<T>> Chunked<T, S> {
    /// The item at `index` changed by `change`, in any way: its chunk is copied first
    /// when it is shared, and its summary made again. `false` when there is no such
    /// item.
    pub(crate) fn update(&mut self, index: usize, change: impl FnOnce(&mut T)) -> bool {
        let Some(item) = self.get_mut(index) else {
            return false;
        };
        change(item);
        if let Some(chunk) = self.chunk_of(index).and_then(|k| self.chunks.get_mut(k)) {
            chunk.summary = S::of(chunk.slice());
        }
        true
    }
}

impl<T, S: Summary<T>> From<Vec<T>> for Chunked<T, S> {
    /// The list viewed in chunks, without copying it.
    fn from(list: Vec<T>) -> Chunked<T, S> {
        let len = list.len();
        let list = Arc::new(list);
        let mut out = Chunked::new();
        for start in (0..len).step_by(CHUNK) {
            out.push_chunk(Chunk::new(Arc::clone(&list), start..len.min(start + CHUNK)));
        }
        out
    }
}

impl<T, S: Summary<T>> FromIterator<T> for Chunked<T, S> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Chunked<T, S> {
        Chunked::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<'a, T, S> IntoIterator for &'a Chunked<T, S> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T, S>;

    fn into_iter(self) -> Iter<'a, T, S> {
        self.iter()
    }
}

/// Equal when the items are, however they are chunked.
impl<T: PartialEq, S> PartialEq for Chunked<T, S> {
    fn eq(&self, other: &Chunked<T, S>) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: fmt::Debug, S> fmt::Debug for Chunked<T, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The items of a [`Chunked`] list, in order: the rest of one chunk, then whole
/// chunks, with the count left for an exact length.
pub struct Iter<'a, T, S = ()> {
    inner: std::iter::Flatten<ChunkSlices<'a, T, S>>,
    left: usize,
}

impl<T, S> Clone for Iter<'_, T, S> {
    fn clone(&self) -> Self {
        Iter {
            inner: self.inner.clone(),
            left: self.left,
        }
    }
}

/// The lists an [`Iter`] goes through: a first slice, then each chunk's.
type ChunkSlices<'a, T, S> = std::iter::Chain<
    std::iter::Once<&'a [T]>,
    std::iter::Map<std::slice::Iter<'a, Chunk<T, S>>, fn(&'a Chunk<T, S>) -> &'a [T]>,
>;

impl<'a, T, S> Iter<'a, T, S> {
    fn new(first: &'a [T], chunks: &'a [Chunk<T, S>], len: usize) -> Iter<'a, T, S> {
        let slices: ChunkSlices<'a, T, S> =
            std::iter::once(first).chain(chunks.iter().map(Chunk::slice as fn(&'a Chunk<T, S>) -> &'a [T]));
        Iter {
            inner: slices.flatten(),
            left: len,
        }
    }
}

impl<'a, T, S> Iterator for Iter<'a, T, S> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        let r = self.inner.next()?;
        self.left -= 1;
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<T, S> DoubleEndedIterator for Iter<'_, T, S> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let r = self.inner.next_back()?;
        self.left -= 1;
        Some(r)
    }
}

impl<T, S> ExactSizeIterator for Iter<'_, T, S> {}

impl<T, S> std::iter::FusedIterator for Iter<'_, T, S> {}

/// A list being made from new items and runs of an earlier list, sharing the earlier
/// list's whole chunks.
pub(crate) struct Builder<T, S = ()> {
    out: Chunked<T, S>,
    /// Items not yet in a chunk.
    pending: Vec<T>,
}

impl<T, S> Default for Builder<T, S> {
    fn default() -> Builder<T, S> {
        Builder {
            out: Chunked::new(),
            pending: Vec::new(),
        }
    }
}

impl<T: Clone, S: Summary<T>> Builder<T, S> {
    /// An empty list.
    pub(crate) fn new() -> Builder<T, S> {
        Builder::default()
    }

    /// Adds one item.
    pub(crate) fn push(&mut self, item: T) {
        self.pending.push(item);
        if self.pending.len() >= 2 * CHUNK {
            self.flush();
        }
    }

    /// Adds the items `range` of `earlier`: its chunks that lie wholly in the range are
    /// shared, the rest copied.
    pub(crate) fn extend_shared(&mut self, earlier: &Chunked<T, S>, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let (Some(first), Some(last)) = (
            earlier.chunk_of(range.start),
            range.end.checked_sub(1).and_then(|l| earlier.chunk_of(l)),
        ) else {
            return;
        };
        for k in first..=last {
            let (Some(chunk), Some(&start)) = (earlier.chunks.get(k), earlier.starts.get(k)) else {
                continue;
            };
            let end = start + chunk.range.len();
            let (from, to) = (range.start.max(start), range.end.min(end));
            if from == start && to == end {
                self.flush();
                self.out.push_chunk(chunk.clone());
            } else {
                let part = chunk.slice().get(from - start..to - start).unwrap_or_default();
                self.pending.extend_from_slice(part);
                if self.pending.len() >= 2 * CHUNK {
                    self.flush();
                }
            }
        }
    }

    /// Adds new items.
    pub(crate) fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        for item in items {
            self.push(item);
        }
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let list = Arc::new(std::mem::take(&mut self.pending));
        let len = list.len();
        self.out.push_chunk(Chunk::new(list, 0..len));
    }

    /// The list made.
    pub(crate) fn finish(mut self) -> Chunked<T, S> {
        self.flush();
        self.out
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// How many items are even: a summary to check that chunks keep theirs.
    #[derive(Clone, Debug, PartialEq)]
    struct Even(usize);

    impl Summary<usize> for Even {
        fn of(items: &[usize]) -> Even {
            Even(items.iter().filter(|&&i| i % 2 == 0).count())
        }
    }

    fn evens(c: &Chunked<usize, Even>) -> usize {
        c.chunks().map(|(_, _, s)| s.0).sum()
    }

    #[test]
    fn reads_as_the_list_it_was_made_from() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            let v: Vec<usize> = (0..n).collect();
            let c = Chunked::<usize, Even>::from(v.clone());
            assert_eq!(c.len(), n);
            assert_eq!(c.is_empty(), n == 0);
            assert_eq!(c.to_vec(), v);
            assert_eq!(c.iter().len(), n);
            assert!(c.iter().rev().eq(v.iter().rev()));
            for i in [0, n / 2, n.saturating_sub(1), n] {
                assert_eq!(c.get(i), v.get(i));
                assert!(c.iter_from(i).eq(v.get(i..).unwrap_or_default().iter()));
                assert_eq!(c.partition_point(|&x| x < i), i);
            }
            assert_eq!(evens(&c), n.div_ceil(2));
            assert_eq!(format!("{c:?}"), format!("{v:?}"));
        }
    }

    #[test]
    fn a_changed_item_leaves_the_list_it_shares_alone() {
        let earlier = Chunked::<usize>::from((0..3 * CHUNK).collect::<Vec<_>>());
        let mut b = Builder::new();
        b.extend_shared(&earlier, 0..3 * CHUNK);
        let mut now = b.finish();
        assert_eq!(now, earlier);
        *now.get_mut(CHUNK + 5).unwrap() = 7;
        assert_eq!(now.get(CHUNK + 5), Some(&7));
        assert_eq!(earlier.get(CHUNK + 5), Some(&(CHUNK + 5)));
        assert_eq!(now.get_mut(3 * CHUNK), None);
    }

    #[test]
    fn a_built_list_is_its_runs_and_new_items_in_order() {
        let earlier = Chunked::<usize, Even>::from((0..4 * CHUNK).collect::<Vec<_>>());
        let mut b = Builder::new();
        b.extend_shared(&earlier, 0..CHUNK + 10);
        b.push(100_000);
        b.extend_shared(&earlier, CHUNK + 11..4 * CHUNK);
        b.push(100_001);
        let now = b.finish();
        let mut want: Vec<usize> = (0..CHUNK + 10).collect();
        want.push(100_000);
        want.extend(CHUNK + 11..4 * CHUNK);
        want.push(100_001);
        assert_eq!(now.to_vec(), want);
        for (i, t) in want.iter().enumerate() {
            assert_eq!(now.get(i), Some(t));
        }
        assert_eq!(evens(&now), want.iter().filter(|&&i| i % 2 == 0).count());
        // The chunks after the new item are the earlier ones, not copies.
        let shared = now
            .chunks
            .iter()
            .filter(|c| Arc::ptr_eq(&c.list, &earlier.chunks[0].list))
            .count();
        assert!(shared >= 2, "{shared} chunks shared");
    }
}
