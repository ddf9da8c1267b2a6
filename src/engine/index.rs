//! [`AtomIndex`]: where to find a proposal's atoms that may relate to a given atom, by
//! subject and action, and for scoped atoms by scope label too, so that terms confined
//! to different areas never meet. Each key's atoms are a range of one flat list (made
//! in two passes: count, then fill), not a list of their own: with many scope labels
//! there are about as many keys as atoms.

use std::hash::Hash;
use std::ops::Range;

use super::FastMap;
use super::atom::Atom;
use super::pair::Related;
use crate::vocab::{ActionId, LabelId, PartyId, Vocab};

/// The atoms of a proposal by subject and action, and by scope label (see the module
/// doc).
#[derive(Debug, Clone, Default)]
pub struct AtomIndex {
    by_action: Postings<(PartyId, ActionId)>,
    /// Per taxonomy: atoms by their labels in it, or under `None` when they have none.
    by_label: Postings<(PartyId, ActionId, usize, Option<LabelId>)>,
}

impl AtomIndex {
    /// Indexes `atoms`.
    pub fn new(atoms: &[Atom], vocab: &Vocab) -> AtomIndex {
        let by_action = Postings::build(|add| {
            for (i, a) in atoms.iter().enumerate() {
                add((a.subject, a.action), i);
            }
        });
        let by_label = Postings::build(|add| {
            for (i, a) in atoms.iter().enumerate() {
                for t in 0..vocab.taxonomies.len() {
                    let mut any = false;
                    for &l in a.scope.iter().filter(|&&l| taxonomy(vocab, l) == t) {
                        add((a.subject, a.action, t, Some(l)), i);
                        any = true;
                    }
                    if !any {
                        add((a.subject, a.action, t, None), i);
                    }
                }
            }
        });
        AtomIndex { by_action, by_label }
    }

    /// The atoms that may relate to `a` (same subject, related action, scopes that may
    /// overlap), each once, in index order.
    pub fn candidates(&self, a: &Atom, related: &Related, vocab: &Vocab) -> Vec<usize> {
        let actions = related.actions(a.action);
        let mut out = Vec::new();
        let Some(&first) = a.scope.first() else {
            for &action in actions {
                out.extend_from_slice(self.by_action.get(&(a.subject, action)));
            }
            out.sort_unstable();
            return out;
        };
        let t = taxonomy(vocab, first);
        for &action in actions {
            out.extend_from_slice(self.by_label.get(&(a.subject, action, t, None)));
            for &l in a.scope.iter().filter(|&&l| taxonomy(vocab, l) == t) {
                for &m in related.labels(l) {
                    out.extend_from_slice(self.by_label.get(&(a.subject, action, t, Some(m))));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn taxonomy(vocab: &Vocab, l: LabelId) -> usize {
    vocab.labels.get(l as usize).map_or(usize::MAX, |x| x.taxonomy)
}

/// Atom indices by key: each key's atoms, ascending, are a range of one list.
#[derive(Debug, Clone)]
struct Postings<K> {
    ranges: FastMap<K, Range<usize>>,
    atoms: Vec<usize>,
}

impl<K> Default for Postings<K> {
    fn default() -> Postings<K> {
        Postings {
            ranges: FastMap::default(),
            atoms: Vec::new(),
        }
    }
}

impl<K: Hash + Eq + Copy> Postings<K> {
    /// The postings of the `(key, atom)` pairs that `pairs` gives to the function it is
    /// passed, atoms ascending. It is called twice and must give the same pairs in the
    /// same order: once to count each key's atoms, once to fill their ranges.
    fn build(pairs: impl Fn(&mut dyn FnMut(K, usize))) -> Postings<K> {
        let mut ranges: FastMap<K, Range<usize>> = FastMap::default();
        let mut total = 0usize;
        pairs(&mut |k, _| {
            ranges.entry(k).or_insert(0..0).end += 1;
            total += 1;
        });
        let mut start = 0;
        for r in ranges.values_mut() {
            let n = r.end;
            *r = start..start;
            start += n;
        }
        let mut atoms = vec![0usize; total];
        pairs(&mut |k, i| {
            if let Some(r) = ranges.get_mut(&k) {
                if let Some(slot) = atoms.get_mut(r.end) {
                    *slot = i;
                }
                r.end += 1;
            }
        });
        Postings { ranges, atoms }
    }

    /// The atoms of key `k`, ascending.
    fn get(&self, k: &K) -> &[usize] {
        self.ranges
            .get(k)
            .and_then(|r| self.atoms.get(r.clone()))
            .unwrap_or_default()
    }
}
