//! [`Relations`]: a pair's relations in report order, kept in chunks behind reference
//! counts. A full analysis makes one list and views it in chunks without copying it;
//! `reanalyze` shares the chunks an edit leaves alone with the analysis it started
//! from, so a one-term what-if copies a chunk or two rather than every relation. Each
//! chunk knows how many relations of each kind it holds, so counting a pair's findings
//! takes a step per chunk.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use super::analysis::{Counts, Relation, RelationKind};

/// The relations a chunk holds, at most (a chunk made by a what-if may hold up to
/// twice as many).
const CHUNK: usize = 512;

/// A pair's relations, in report order (conflicts first). Reads like a list: `len`,
/// `get`, `iter`; only a relation's criticality can be changed in place.
#[derive(Clone, Default)]
pub struct Relations {
    chunks: Vec<Chunk>,
    /// Where each chunk starts, then the length: one more entry than `chunks`.
    starts: Vec<usize>,
}

/// Some consecutive relations of a list that may be shared with other chunks and
/// other analyses.
#[derive(Clone)]
struct Chunk {
    list: Arc<Vec<Relation>>,
    range: Range<usize>,
    /// Its relations of each kind.
    counts: Counts,
    terms: Arc<Terms>,
}

/// The terms a chunk's relations relate, each side sorted, without repeats: which
/// chunks relate a term is found without reading their relations.
struct Terms {
    left: Vec<usize>,
    right: Vec<usize>,
}

impl Chunk {
    fn new(list: Arc<Vec<Relation>>, range: Range<usize>) -> Chunk {
        let slice = list.get(range.clone()).unwrap_or_default();
        let counts = count(slice);
        let side = |term: fn(&Relation) -> usize| {
            let mut v: Vec<usize> = slice.iter().map(term).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let terms = Arc::new(Terms {
            left: side(|r| r.left.term.term),
            right: side(|r| r.right.term.term),
        });
        Chunk {
            list,
            range,
            counts,
            terms,
        }
    }

    /// Whether some relation of the chunk has its left term in `left` or its right
    /// term in `right` (both sorted).
    fn relates_any(&self, left: &[usize], right: &[usize]) -> bool {
        let any = |mine: &[usize], wanted: &[usize]| wanted.iter().any(|t| mine.binary_search(t).is_ok());
        any(&self.terms.left, left) || any(&self.terms.right, right)
    }

    fn slice(&self) -> &[Relation] {
        self.list.get(self.range.clone()).unwrap_or_default()
    }
}

/// How many relations of each kind `relations` holds (the other counts stay 0).
fn count(relations: &[Relation]) -> Counts {
    let mut c = Counts::default();
    for r in relations {
        match r.kind {
            RelationKind::Conflict if r.is_indirect() => c.indirect += 1,
            RelationKind::Conflict => c.conflicts += 1,
            RelationKind::Diverge => c.diverge += 1,
            RelationKind::Compatible => c.compatible += 1,
            RelationKind::Agree => c.agree += 1,
        }
    }
    c
}

impl Relations {
    /// No relations.
    pub fn new() -> Relations {
        Relations::default()
    }

    /// How many relations there are.
    pub fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The relations in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter::new(&[], &self.chunks, self.len())
    }

    /// The relations from index `from` on, in order.
    pub fn iter_from(&self, from: usize) -> Iter<'_> {
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

    /// The relation at `index`.
    pub fn get(&self, index: usize) -> Option<&Relation> {
        let k = self.chunk_of(index)?;
        self.chunks.get(k)?.slice().get(index - self.starts.get(k)?)
    }

    /// The first relation.
    pub fn first(&self) -> Option<&Relation> {
        self.get(0)
    }

    /// The criticality of the relation at `index`, to change: its chunk is copied
    /// first when it is shared.
    pub fn criticality_mut(&mut self, index: usize) -> Option<&mut usize> {
        let k = self.chunk_of(index)?;
        let offset = index - self.starts.get(k)?;
        let chunk = self.chunks.get_mut(k)?;
        if Arc::get_mut(&mut chunk.list).is_none() {
            // The counts and terms stay true: only the criticality changes.
            chunk.list = Arc::new(chunk.slice().to_vec());
            chunk.range = 0..chunk.list.len();
        }
        let at = chunk.range.start + offset;
        Arc::get_mut(&mut chunk.list)?
            .get_mut(at)
            .map(|r| &mut r.criticality)
    }

    /// The index of the first relation for which `pred` is false, the relations being
    /// partitioned by it (all those for which it holds first), as
    /// [`slice::partition_point`].
    pub fn partition_point(&self, mut pred: impl FnMut(&Relation) -> bool) -> usize {
        let k = self
            .chunks
            .partition_point(|c| c.slice().last().is_some_and(&mut pred));
        match (self.chunks.get(k), self.starts.get(k)) {
            (Some(c), Some(&start)) => start + c.slice().partition_point(pred),
            _ => self.len(),
        }
    }

    /// How many relations of each kind there are (the counts of relations; the
    /// others are 0).
    pub fn counts(&self) -> Counts {
        let mut total = Counts::default();
        for Chunk { counts: c, .. } in &self.chunks {
            total.conflicts += c.conflicts;
            total.indirect += c.indirect;
            total.diverge += c.diverge;
            total.compatible += c.compatible;
            total.agree += c.agree;
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
        for (c, &start) in self.chunks.iter().zip(&self.starts) {
            if !c.relates_any(left, right) {
                continue;
            }
            out.extend(c.slice().iter().enumerate().filter_map(|(k, r)| {
                let hit = left.binary_search(&r.left.term.term).is_ok()
                    || right.binary_search(&r.right.term.term).is_ok();
                hit.then_some(start + k)
            }));
        }
        out
    }

    /// The relations, copied into one list.
    pub fn to_vec(&self) -> Vec<Relation> {
        self.iter().cloned().collect()
    }

    /// The chunk holding `index`.
    fn chunk_of(&self, index: usize) -> Option<usize> {
        if index >= self.len() {
            return None;
        }
        Some(self.starts.partition_point(|&s| s <= index).saturating_sub(1))
    }

    fn push_chunk(&mut self, chunk: Chunk) {
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

impl From<Vec<Relation>> for Relations {
    /// The list viewed in chunks, without copying it.
    fn from(list: Vec<Relation>) -> Relations {
        let len = list.len();
        let list = Arc::new(list);
        let mut out = Relations::new();
        for start in (0..len).step_by(CHUNK) {
            out.push_chunk(Chunk::new(Arc::clone(&list), start..len.min(start + CHUNK)));
        }
        out
    }
}

impl FromIterator<Relation> for Relations {
    fn from_iter<I: IntoIterator<Item = Relation>>(iter: I) -> Relations {
        Relations::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Relations {
    type Item = &'a Relation;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl PartialEq for Relations {
    fn eq(&self, other: &Relations) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Relations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The relations of a [`Relations`], in order: the rest of one chunk, then whole
/// chunks, with the count left for an exact length.
#[derive(Clone)]
pub struct Iter<'a> {
    inner: std::iter::Flatten<ChunkSlices<'a>>,
    left: usize,
}

/// The lists an [`Iter`] goes through: a first slice, then each chunk's.
type ChunkSlices<'a> = std::iter::Chain<
    std::iter::Once<&'a [Relation]>,
    std::iter::Map<std::slice::Iter<'a, Chunk>, fn(&'a Chunk) -> &'a [Relation]>,
>;

impl<'a> Iter<'a> {
    fn new(first: &'a [Relation], chunks: &'a [Chunk], len: usize) -> Iter<'a> {
        let slices: ChunkSlices<'a> =
            std::iter::once(first).chain(chunks.iter().map(Chunk::slice as fn(&'a Chunk) -> &'a [Relation]));
        Iter {
            inner: slices.flatten(),
            left: len,
        }
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Relation;

    fn next(&mut self) -> Option<&'a Relation> {
        let r = self.inner.next()?;
        self.left -= 1;
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let r = self.inner.next_back()?;
        self.left -= 1;
        Some(r)
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl std::iter::FusedIterator for Iter<'_> {}

/// A list of relations being made from new relations and runs of an earlier list,
/// sharing the earlier list's whole chunks.
#[derive(Default)]
pub struct Builder {
    out: Relations,
    /// Relations not yet in a chunk.
    pending: Vec<Relation>,
}

impl Builder {
    /// An empty list.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Adds one relation.
    pub fn push(&mut self, r: Relation) {
        self.pending.push(r);
        if self.pending.len() >= 2 * CHUNK {
            self.flush();
        }
    }

    /// Adds the relations `range` of `earlier`: its chunks that lie wholly in the range
    /// are shared, the rest copied.
    pub fn extend_shared(&mut self, earlier: &Relations, range: Range<usize>) {
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

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let list = Arc::new(std::mem::take(&mut self.pending));
        let len = list.len();
        self.out.push_chunk(Chunk::new(list, 0..len));
    }

    /// The list made.
    pub fn finish(mut self) -> Relations {
        self.flush();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    fn terms(r: &Relations) -> Vec<usize> {
        r.iter().map(|r| r.left.term.term).collect()
    }

    #[test]
    fn reads_as_the_list_it_was_made_from() {
        for n in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            let v = list(n);
            let r = Relations::from(v.clone());
            assert_eq!(r.len(), n);
            assert_eq!(r.to_vec(), v);
            assert_eq!(r.iter().len(), n);
            assert!(r.iter().rev().eq(v.iter().rev()));
            for i in [0, n / 2, n.saturating_sub(1), n] {
                assert_eq!(r.get(i), v.get(i));
                assert!(r.iter_from(i).eq(v.get(i..).unwrap_or_default().iter()));
            }
            let pp = r.partition_point(|r| r.kind < RelationKind::Agree);
            assert_eq!(pp, v.partition_point(|r| r.kind < RelationKind::Agree));
            assert_eq!(r.counts().conflicts, n / 3);
            assert_eq!(r.counts().agree, n - n / 3);
        }
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
        let mut b = Builder::new();
        b.extend_shared(&earlier, 0..3 * CHUNK);
        let mut now = b.finish();
        assert_eq!(now, earlier);
        *now.criticality_mut(CHUNK + 5).unwrap() = 7;
        assert_eq!(now.get(CHUNK + 5).unwrap().criticality, 7);
        assert_eq!(earlier.get(CHUNK + 5).unwrap().criticality, 0);
        assert_eq!(now.criticality_mut(3 * CHUNK), None);
    }

    #[test]
    fn a_built_list_is_its_runs_and_new_relations_in_order() {
        let earlier = Relations::from(list(4 * CHUNK));
        let mut b = Builder::new();
        b.extend_shared(&earlier, 0..CHUNK + 10);
        b.push(relation(RelationKind::Agree, 100_000));
        b.extend_shared(&earlier, CHUNK + 11..4 * CHUNK);
        b.push(relation(RelationKind::Agree, 100_001));
        let now = b.finish();
        let mut want: Vec<usize> = (0..CHUNK + 10).collect();
        want.push(100_000);
        want.extend(CHUNK + 11..4 * CHUNK);
        want.push(100_001);
        assert_eq!(terms(&now), want);
        assert_eq!(now.len(), want.len());
        for (i, &t) in want.iter().enumerate() {
            assert_eq!(now.get(i).map(|r| r.left.term.term), Some(t));
        }
        // The chunks after the new relation are the earlier ones, not copies.
        let shared = now
            .chunks
            .iter()
            .filter(|c| Arc::ptr_eq(&c.list, &earlier.chunks[0].list))
            .count();
        assert!(shared >= 2, "{shared} chunks shared");
    }
}
