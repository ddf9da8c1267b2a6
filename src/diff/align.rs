//! Term alignment: which term of the old version is which term of the new one.
//!
//! Terms with the same id are the same term. The others are paired by coverage first:
//! only two terms that could be the same provision are candidates — the same action
//! family, and coverage that meets (subjects in common, one action containing the
//! other, the same target where both name one, scopes and topics that meet, partition
//! categories in common, and the same time for a prohibition against an obligation or
//! permission; [`could_be_same`]) — so that a veto on one category of
//! prisoners is never paired with the release of another, whatever their wording or
//! modality. Candidates are scored on coverage (action, subjects, scope, partitions,
//! target), then wording and the other fields, and paired greedily, best first, above
//! [`THRESHOLD`]: a renamed or rewritten term is a change, not a removal plus an
//! addition. At most [`PAIR_BUDGET`] candidate pairs are scored; beyond that, the
//! remaining terms stay unmatched.

use std::collections::{BTreeMap, HashMap};

use super::MatchBy;
use super::word_diff::similarity;
use crate::model::{Modality, ParamValue, Term};
use crate::resolved::{ResolvedProposal, ResolvedTerm};
use crate::vocab::{ActionId, ParamKind, Vocab};

/// The least score at which two terms with different ids are taken as one.
pub const THRESHOLD: f64 = 0.6;

/// The most candidate pairs scored by similarity in one diff.
pub const PAIR_BUDGET: usize = 100_000;

/// The alignment of two versions' terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alignment {
    /// Matched terms: old index, new index and how they were matched, by old index.
    pub pairs: Vec<(usize, usize, MatchBy)>,
    /// Old terms without a match, in order.
    pub removed: Vec<usize>,
    /// New terms without a match, in order.
    pub added: Vec<usize>,
}

impl Alignment {
    /// The new index of each old term, if matched.
    pub fn old_to_new(&self, old_len: usize) -> Vec<Option<usize>> {
        let mut map = vec![None; old_len];
        for &(o, n, _) in &self.pairs {
            if let Some(slot) = map.get_mut(o) {
                *slot = Some(n);
            }
        }
        map
    }
}

/// Aligns the terms of `old` and `new`.
pub fn align(old: &ResolvedProposal, new: &ResolvedProposal, vocab: &Vocab) -> Alignment {
    let new_ids: HashMap<&str, usize> = new
        .proposal
        .terms
        .iter()
        .enumerate()
        .map(|(i, t)| (&*t.id, i))
        .collect();
    let mut pairs = Vec::new();
    let mut new_taken = vec![false; new.terms.len()];
    let mut old_left = Vec::new();
    for (i, t) in old.proposal.terms.iter().enumerate() {
        match new_ids.get(&*t.id) {
            Some(&j) if j < new_taken.len() => {
                new_taken[j] = true;
                pairs.push((i, j, MatchBy::Id));
            }
            _ => old_left.push(i),
        }
    }
    let new_left: Vec<usize> = (0..new.terms.len()).filter(|&j| !new_taken[j]).collect();

    // Candidates by similarity, within each action family.
    let mut families: BTreeMap<ActionId, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for &i in &old_left {
        if let Some(t) = old.terms.get(i) {
            families.entry(family(vocab, t.action)).or_default().0.push(i);
        }
    }
    for &j in &new_left {
        if let Some(t) = new.terms.get(j) {
            families.entry(family(vocab, t.action)).or_default().1.push(j);
        }
    }
    let mut budget = PAIR_BUDGET;
    let mut candidates = Vec::new();
    for (olds, news) in families.values() {
        for &i in olds {
            for &j in news {
                if budget == 0 {
                    break;
                }
                budget -= 1;
                if let (Some(a), Some(b)) = (side(old, i), side(new, j))
                    && could_be_same(vocab, a, b)
                {
                    let score = score(vocab, a, b);
                    if score >= THRESHOLD {
                        candidates.push((score, i, j));
                    }
                }
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut old_taken = vec![false; old.terms.len()];
    for (score, i, j) in candidates {
        if old_taken.get(i) == Some(&false) && new_taken.get(j) == Some(&false) {
            old_taken[i] = true;
            new_taken[j] = true;
            pairs.push((i, j, MatchBy::Similarity(score)));
        }
    }
    pairs.sort_by_key(|p| p.0);
    Alignment {
        removed: old_left.into_iter().filter(|&i| !old_taken[i]).collect(),
        added: (0..new.terms.len()).filter(|&j| !new_taken[j]).collect(),
        pairs,
    }
}

fn side(p: &ResolvedProposal, i: usize) -> Option<(&ResolvedTerm, &Term)> {
    Some((p.terms.get(i)?, p.proposal.terms.get(i)?))
}

/// The top of an action's hierarchy.
fn family(vocab: &Vocab, action: ActionId) -> ActionId {
    vocab.action_ancestors(action).last().unwrap_or(action)
}

/// Whether two terms of the same action family could be the same provision: their
/// coverage meets.
fn could_be_same(vocab: &Vocab, (a, ta): (&ResolvedTerm, &Term), (b, tb): (&ResolvedTerm, &Term)) -> bool {
    let unspecified = vocab.unspecified();
    let subjects = a.subjects.iter().any(|s| b.subjects.contains(s))
        || a.subjects.contains(&unspecified)
        || b.subjects.contains(&unspecified);
    let action = a.action == b.action
        || vocab.action_contains(a.action, b.action)
        || vocab.action_contains(b.action, a.action);
    let target = a.target.is_none() || b.target.is_none() || a.target == b.target;
    let scope = crate::vocab::scope::intersect(&a.scope, &b.scope, vocab).is_some();
    // A prohibition against an obligation or permission is the same provision turned
    // round only where they cover the same time: "aid in phase one" and "no aid after
    // it" are two provisions.
    let flipped = (a.modality == Modality::MustNot) != (b.modality == Modality::MustNot);
    let time = !flipped || a.window.intersect(b.window).is_some();
    subjects && action && target && scope && time && partitions(vocab, ta, tb).is_some()
}

/// How much two terms' partition categories have in common (the Jaccard index, over
/// the partitions both state; 1 when they state none in common), or `None` when a
/// partition both state has no category in common: they cover different people or
/// things.
fn partitions(vocab: &Vocab, ta: &Term, tb: &Term) -> Option<f64> {
    let categories = |v: &ParamValue| match v {
        ParamValue::Value(s) if !v.is_open() => Some(vec![s.clone()]),
        ParamValue::Set(s) => Some(s.clone()),
        _ => None,
    };
    let mut share = 1.0;
    for (name, va) in ta.params.iter() {
        let partition = vocab
            .params
            .get(name.as_str())
            .is_some_and(|d| d.kind == ParamKind::Partition);
        let vb = tb
            .params
            .iter()
            .find(|(n, _)| n.as_str() == name.as_str())
            .map(|(_, v)| v);
        if let (true, Some(ca), Some(cb)) = (partition, categories(va), vb.and_then(categories)) {
            let j = jaccard(&ca, &cb);
            if j == 0.0 {
                return None;
            }
            share = f64::min(share, j);
        }
    }
    Some(share)
}

/// How alike two terms of the same action family are, in `0..=1`: coverage first
/// (action, subjects, scope, partitions, target: 0.65), then wording (0.2) and the
/// rest (modality, window, parameters: 0.15).
fn score(vocab: &Vocab, (a, ta): (&ResolvedTerm, &Term), (b, tb): (&ResolvedTerm, &Term)) -> f64 {
    let action = if a.action == b.action {
        1.0
    } else if vocab.action_contains(a.action, b.action) || vocab.action_contains(b.action, a.action) {
        0.7
    } else {
        0.4
    };
    let wording = match (&ta.text, &tb.text) {
        (Some(x), Some(y)) => similarity(x, y),
        (None, None) => 1.0,
        _ => 0.0,
    };
    let same = |x: bool| if x { 1.0 } else { 0.0 };
    let window = if a.window == b.window {
        1.0
    } else if a.window.intersect(b.window).is_some() {
        0.5
    } else {
        0.0
    };
    0.20 * action
        + 0.20 * jaccard(&a.subjects, &b.subjects)
        + 0.10 * jaccard(&a.scope, &b.scope)
        + 0.10 * partitions(vocab, ta, tb).unwrap_or(0.0)
        + 0.05 * same(a.target == b.target)
        + 0.20 * wording
        + 0.05 * same(a.modality == b.modality)
        + 0.05 * window
        + 0.05 * same(ta.params.means_the_same(&tb.params))
}

/// The Jaccard index of two small sets (1 when both are empty).
fn jaccard<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    let common = a.iter().filter(|x| b.contains(x)).count();
    let union = a.len() + b.len() - common;
    if union == 0 {
        1.0
    } else {
        common as f64 / union as f64
    }
}
