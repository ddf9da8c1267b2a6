//! [`TermMap`]: how the terms of a new version of a proposal correspond to the
//! earlier version's, for `reanalyze`. A term is *clean* when it matches an earlier
//! term (by id) with the same content for relating, and *dirty* otherwise; an earlier
//! term is *gone* when no clean term matches it (removed, or changed).

use std::ops::Range;

use rayon::prelude::*;

use super::key::{Same, TermKey, Version};
use crate::model::Params;
use crate::resolved::ResolvedTerm;

/// How the terms of a new version of a proposal correspond to the earlier version's
/// (see the module doc).
#[derive(Debug, Clone)]
pub(crate) struct TermMap {
    /// Terms in the new version.
    terms: usize,
    maps: Maps,
}

#[derive(Debug, Clone)]
enum Maps {
    /// The proposal did not change.
    Identity,
    /// The same ids at the same places (the usual what-if).
    InPlace(InPlace),
    /// Terms added, removed, renamed or moved.
    General(General),
}

/// What changed in a version with the same ids at the same places, each list
/// ascending.
#[derive(Debug, Clone, Default)]
struct InPlace {
    /// The dirty terms; the earlier terms at their places are gone.
    changed: Vec<usize>,
    /// The clean terms whose `requires` changed.
    rewired: Vec<usize>,
    /// The terms whose priority changed.
    reweighed: Vec<usize>,
}

#[derive(Debug, Clone)]
struct General {
    new_to_old: Vec<Option<usize>>,
    old_to_new: Vec<Option<usize>>,
    /// The dirty new terms, ascending.
    dirty: Vec<usize>,
    /// The gone earlier terms, ascending.
    gone: Vec<usize>,
    /// Whether clean terms keep their order.
    ordered: bool,
    /// Whether clean terms keep their index.
    in_place: bool,
}

impl TermMap {
    /// The map of a proposal of `terms` terms that did not change.
    pub(crate) fn identity(terms: usize) -> TermMap {
        TermMap {
            terms,
            maps: Maps::Identity,
        }
    }

    /// The map from `old`'s terms to `new`'s. When the ids are the same at the same
    /// places, the terms themselves are read only where their keys cannot tell;
    /// otherwise ids are matched through the written terms.
    pub(crate) fn between(old: Version, new: Version) -> TermMap {
        let maps = match in_place(old, new) {
            Some(changes) => Maps::InPlace(changes),
            None => Maps::General(General::between(old, new)),
        };
        TermMap {
            terms: new.terms.len(),
            maps,
        }
    }

    /// Whether this is the identity (the proposal did not change).
    pub(crate) fn is_identity(&self) -> bool {
        matches!(self.maps, Maps::Identity)
    }

    /// The earlier index of new term `t`, when it is clean.
    pub(crate) fn old_of(&self, t: usize) -> Option<usize> {
        match &self.maps {
            Maps::Identity => (t < self.terms).then_some(t),
            Maps::InPlace(m) => (t < self.terms && m.changed.binary_search(&t).is_err()).then_some(t),
            Maps::General(m) => m.new_to_old.get(t).copied().flatten(),
        }
    }

    /// The new index of earlier term `k`, when it is clean.
    pub(crate) fn new_of(&self, k: usize) -> Option<usize> {
        match &self.maps {
            // The earlier version has as many terms as the new one.
            Maps::Identity | Maps::InPlace(_) => self.old_of(k),
            Maps::General(m) => m.old_to_new.get(k).copied().flatten(),
        }
    }

    /// Whether new term `t` is dirty.
    pub(crate) fn is_dirty(&self, t: usize) -> bool {
        self.old_of(t).is_none()
    }

    /// The dirty new terms, ascending.
    pub(crate) fn dirty(&self) -> &[usize] {
        match &self.maps {
            Maps::Identity => &[],
            Maps::InPlace(m) => &m.changed,
            Maps::General(m) => &m.dirty,
        }
    }

    /// The earlier terms no clean term matches, ascending.
    pub(crate) fn gone(&self) -> &[usize] {
        match &self.maps {
            Maps::Identity => &[],
            Maps::InPlace(m) => &m.changed,
            Maps::General(m) => &m.gone,
        }
    }

    /// How many of the new terms are dirty.
    pub(crate) fn dirty_count(&self) -> usize {
        self.dirty().len()
    }

    /// Whether every clean term keeps its index (`new_of(k) == Some(k)`).
    pub(crate) fn keeps_indices(&self) -> bool {
        match &self.maps {
            Maps::Identity | Maps::InPlace(_) => true,
            Maps::General(m) => m.in_place,
        }
    }

    /// Whether the map keeps the order of terms (a clean term after another stays
    /// after it), so that lists sorted by term stay sorted when renumbered.
    pub(crate) fn keeps_order(&self) -> bool {
        match &self.maps {
            Maps::Identity | Maps::InPlace(_) => true,
            Maps::General(m) => m.ordered,
        }
    }

    /// The clean terms whose `requires` changed, ascending, when the map is known to
    /// keep every term in place (`None`: not told).
    pub(crate) fn rewired(&self) -> Option<&[usize]> {
        match &self.maps {
            Maps::Identity => Some(&[]),
            Maps::InPlace(m) => Some(&m.rewired),
            Maps::General(_) => None,
        }
    }

    /// The terms whose priority changed, ascending, when the map is known to keep
    /// every term in place (`None`: not told).
    pub(crate) fn reweighed(&self) -> Option<&[usize]> {
        match &self.maps {
            Maps::Identity => Some(&[]),
            Maps::InPlace(m) => Some(&m.reweighed),
            Maps::General(_) => None,
        }
    }
}

/// Terms one task of [`in_place`] compares.
const IN_PLACE_CHUNK: usize = 1 << 13;

/// What changed from `old` to `new` when they have the same ids at the same places;
/// `None` otherwise. One pass over the two lists of keys, in chunks on the threads of
/// the pool.
fn in_place(old: Version, new: Version) -> Option<InPlace> {
    let n = new.proposal.terms.len();
    if old.proposal.terms.len() != n || old.terms.len() != n || new.terms.len() != n {
        return None;
    }
    let chunks: Option<Vec<InPlace>> = (0..n.div_ceil(IN_PLACE_CHUNK))
        .into_par_iter()
        .map(|c| in_place_within(old, new, c * IN_PLACE_CHUNK..n.min((c + 1) * IN_PLACE_CHUNK)))
        .collect();
    let mut out = InPlace::default();
    for chunk in chunks? {
        out.changed.extend(chunk.changed);
        out.rewired.extend(chunk.rewired);
        out.reweighed.extend(chunk.reweighed);
    }
    Some(out)
}

/// [`in_place`] for the terms `range` (of the same number in both versions).
fn in_place_within(old: Version, new: Version, range: Range<usize>) -> Option<InPlace> {
    let (old_written, new_written) = (&old.proposal.terms, &new.proposal.terms);
    let mut out = InPlace::default();
    for t in range {
        let (a, b) = (keys(old, t), keys(new, t));
        if let (Some(a), Some(b)) = (a, b)
            && a.is_whole()
            && a == b
        {
            // The same id, content, conditions and priority: the usual case.
            continue;
        }
        let same_id = match a.zip(b).map(|(a, b)| a.same_id(b)) {
            Some(Same::Yes) => true,
            Some(Same::No) => false,
            _ => old_written.get(t).map(|w| &w.id) == new_written.get(t).map(|w| &w.id),
        };
        if !same_id {
            return None;
        }
        if !same_content(old, t, new, t) {
            out.changed.push(t);
        } else {
            let same_requires = match a.zip(b).map(|(a, b)| a.same_requires(b)) {
                Some(Same::Yes) => true,
                Some(Same::No) => false,
                _ => old.terms.get(t).map(|x| &x.requires) == new.terms.get(t).map(|x| &x.requires),
            };
            if !same_requires {
                out.rewired.push(t);
            }
        }
        let same_priority = match a.zip(b) {
            Some((a, b)) => a.same_priority(b),
            None => old_written.get(t).map(|w| w.priority) == new_written.get(t).map(|w| w.priority),
        };
        if !same_priority {
            out.reweighed.push(t);
        }
    }
    Some(out)
}

impl General {
    fn between(old: Version, new: Version) -> General {
        let mut maps = General {
            new_to_old: vec![None; new.terms.len()],
            old_to_new: vec![None; old.terms.len()],
            dirty: Vec::new(),
            gone: Vec::new(),
            ordered: true,
            in_place: true,
        };
        let mut last = None;
        let mut by_id: Option<crate::collections::FastMap<&str, usize>> = None;
        let (old_written, new_written) = (&old.proposal.terms, &new.proposal.terms);
        for (t, written) in new_written.iter().enumerate() {
            let same_place = old_written.get(t).is_some_and(|o| o.id == written.id);
            let k = if same_place {
                Some(t)
            } else {
                by_id
                    .get_or_insert_with(|| old_written.iter().enumerate().map(|(k, o)| (&*o.id, k)).collect())
                    .get(&*written.id)
                    .copied()
            };
            let matched =
                k.filter(|&k| same_content(old, k, new, t) && maps.old_to_new.get(k) == Some(&None));
            match matched {
                Some(k) => {
                    maps.ordered &= last.is_none_or(|l| l < k);
                    maps.in_place &= k == t;
                    last = Some(k);
                    if let (Some(o), Some(n)) = (maps.old_to_new.get_mut(k), maps.new_to_old.get_mut(t)) {
                        *o = Some(t);
                        *n = Some(k);
                    }
                }
                None => maps.dirty.push(t),
            }
        }
        // Terms beyond the written ones (none in a resolved proposal) are dirty too.
        maps.dirty.extend(new_written.len()..new.terms.len());
        maps.gone = (0..maps.old_to_new.len())
            .filter(|&k| maps.old_to_new.get(k) == Some(&None))
            .collect();
        maps
    }
}

/// Whether `old`'s term `k` and `new`'s term `t` are the same for relating: by their
/// keys, or in full where the keys cannot tell.
fn same_content(old: Version, k: usize, new: Version, t: usize) -> bool {
    match keys(old, k).zip(keys(new, t)).map(|(a, b)| a.same_content(b)) {
        Some(Same::Yes) => true,
        Some(Same::No) => false,
        _ => match (old.terms.get(k), new.terms.get(t)) {
            (Some(a), Some(b)) => same_for_relating(a, b) && params(old, k) == params(new, t),
            _ => false,
        },
    }
}

/// The key of term `t`, when the proposal has one for each term.
fn keys<'a>(p: Version<'a>, t: usize) -> Option<&'a TermKey> {
    let keys = &p.keys.terms;
    (keys.len() == p.terms.len()).then(|| keys.get(t)).flatten()
}

/// Whether two versions of a term give the same atoms (their conditions may differ:
/// relations do not depend on them). The cheap fields first.
fn same_for_relating(a: &ResolvedTerm, b: &ResolvedTerm) -> bool {
    a.modality == b.modality
        && a.action == b.action
        && a.target == b.target
        && a.window == b.window
        && a.subjects == b.subjects
        && a.scope == b.scope
}

/// The parameters of term `t` as written (resolution keeps them as they are).
fn params<'a>(p: Version<'a>, t: usize) -> Option<&'a Params> {
    p.resolved.proposal.terms.get(t).map(|term| &term.params)
}
