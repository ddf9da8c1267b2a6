//! [`AtomIndex`]: where to find a proposal's atoms that may relate to a given atom, by
//! subject and action, and for scoped atoms by scope label too, so that terms confined
//! to different areas never meet. Each key's atoms are a range of one flat list (made
//! in two passes: count, then fill), not a list of their own: with many scope labels
//! there are about as many keys as atoms.

use std::hash::Hash;
use std::ops::Range;

use super::atom::Atom;
use super::related::Related;
use crate::collections::FastMap;
use crate::vocab::{ActionId, LabelId, PartyId, Vocab};

/// The atoms of a proposal by subject and action, and by scope label (see the module
/// doc).
#[derive(Debug, Clone, Default)]
pub(super) struct AtomIndex {
    by_action: Postings<(PartyId, ActionId)>,
    /// Per taxonomy: atoms by their labels in it, or under [`NO_LABEL`] when they have
    /// none.
    by_label: Postings<(PartyId, ActionId, u32, LabelId)>,
    /// Set to the number of atoms when they are too many to number in 32 bits (2^32
    /// atoms would take hundreds of gigabytes): every atom is then a candidate, and the
    /// comparison budget ends the work.
    unindexed: Option<usize>,
}

/// The label key of atoms without a label in a taxonomy.
const NO_LABEL: LabelId = LabelId::MAX;

impl AtomIndex {
    /// Indexes `atoms`.
    pub(super) fn new(atoms: &[Atom], vocab: &Vocab) -> AtomIndex {
        let unindexed = AtomIndex {
            unindexed: Some(atoms.len()),
            ..AtomIndex::default()
        };
        if u32::try_from(atoms.len()).is_err() {
            return unindexed;
        }
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
                        add((a.subject, a.action, key(t), l), i);
                        any = true;
                    }
                    if !any {
                        add((a.subject, a.action, key(t), NO_LABEL), i);
                    }
                }
            }
        });
        match (by_action, by_label) {
            (Some(by_action), Some(by_label)) => AtomIndex {
                by_action,
                by_label,
                unindexed: None,
            },
            _ => unindexed,
        }
    }

    /// The atoms that may relate to `a` (same subject, related action, scopes that may
    /// overlap), each once, in index order.
    pub(super) fn candidates(&self, a: &Atom, related: &Related, vocab: &Vocab) -> Vec<usize> {
        let mut out = Vec::new();
        self.candidates_into(&mut out, a, related, vocab);
        out
    }

    /// [`AtomIndex::candidates`] of `a` in `out` (emptied first), so that one list
    /// serves the look-ups of many atoms.
    pub(super) fn candidates_into(&self, out: &mut Vec<usize>, a: &Atom, related: &Related, vocab: &Vocab) {
        out.clear();
        if let Some(n) = self.unindexed {
            out.extend(0..n);
            return;
        }
        let actions = related.actions(a.action);
        // An unspecified actor may be any party, and any party's atom may meet one: the
        // index is asked for those subjects (a handful of keys, never every atom).
        let unspecified = vocab.unspecified();
        let subjects = if vocab.is_unspecified(a.subject) {
            0..unspecified.saturating_add(1)
        } else {
            a.subject..a.subject.saturating_add(1)
        };
        let subjects = subjects.chain((!vocab.is_unspecified(a.subject)).then_some(unspecified));
        let first = a.scope.first().map(|&l| taxonomy(vocab, l));
        for subject in subjects {
            let Some(t) = first else {
                for &action in actions {
                    self.by_action.extend(out, &(subject, action));
                }
                continue;
            };
            for &action in actions {
                self.by_label.extend(out, &(subject, action, key(t), NO_LABEL));
                for &l in a.scope.iter().filter(|&&l| taxonomy(vocab, l) == t) {
                    for &m in related.labels(l) {
                        self.by_label.extend(out, &(subject, action, key(t), m));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// A taxonomy's index as a key (taxonomies are few; an unknown one is `u32::MAX`).
fn key(t: usize) -> u32 {
    u32::try_from(t).unwrap_or(u32::MAX)
}

fn taxonomy(vocab: &Vocab, l: LabelId) -> usize {
    vocab.labels.get(l as usize).map_or(usize::MAX, |x| x.taxonomy)
}

/// Atom indices by key: each key's atoms, ascending, are a range of one list.
#[derive(Debug, Clone)]
struct Postings<K> {
    /// Each key's atoms: a range of `atoms`.
    ranges: FastMap<K, Range<u32>>,
    /// Atom indices, key by key, ascending within a key.
    atoms: Vec<u32>,
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
    /// `None` when there are 2^32 pairs or more.
    fn build(pairs: impl Fn(&mut dyn FnMut(K, usize))) -> Option<Postings<K>> {
        let mut ranges: FastMap<K, Range<u32>> = FastMap::default();
        let mut total = 0u32;
        let mut fits = true;
        pairs(&mut |k, _| {
            let r = ranges.entry(k).or_insert(0..0);
            match (r.end.checked_add(1), total.checked_add(1)) {
                (Some(end), Some(t)) => (r.end, total) = (end, t),
                _ => fits = false,
            }
        });
        if !fits {
            return None;
        }
        let mut start = 0;
        for r in ranges.values_mut() {
            let n = r.end;
            *r = start..start;
            start += n;
        }
        let mut atoms = vec![0u32; total as usize];
        pairs(&mut |k, i| {
            if let Some(r) = ranges.get_mut(&k) {
                if let (Some(slot), Ok(i)) = (atoms.get_mut(r.end as usize), u32::try_from(i)) {
                    *slot = i;
                }
                r.end += 1;
            }
        });
        Some(Postings { ranges, atoms })
    }

    /// Adds the atoms of key `k` (ascending) to `out`.
    fn extend(&self, out: &mut Vec<usize>, k: &K) {
        if let Some(found) = self
            .ranges
            .get(k)
            .and_then(|r| self.atoms.get(r.start as usize..r.end as usize))
        {
            out.extend(found.iter().map(|&i| i as usize));
        }
    }
}
