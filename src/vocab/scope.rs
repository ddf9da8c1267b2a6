//! Scope algebra under the vocabulary's taxonomies: intersection and containment of
//! label sets, dimension by dimension (an absent dimension means everywhere). The
//! engine relates scopes with it; the diff tells a widened scope from a narrowed one.

use crate::vocab::{LabelId, Vocab};

/// The common part of two scopes, or `None` when they are disjoint.
pub(crate) fn intersect(a: &[LabelId], b: &[LabelId], vocab: &Vocab) -> Option<Vec<LabelId>> {
    if a == b {
        return Some(a.to_vec());
    }
    let mut out = Vec::new();
    for t in dimensions(a, b, vocab) {
        let la: Vec<LabelId> = in_dim(a, t, vocab).collect();
        let lb: Vec<LabelId> = in_dim(b, t, vocab).collect();
        let common: Vec<LabelId> = match (la.is_empty(), lb.is_empty()) {
            (true, _) => lb,
            (_, true) => la,
            _ => {
                let from_a = la
                    .iter()
                    .copied()
                    .filter(|&x| lb.iter().any(|&y| vocab.label_contains(y, x)));
                let from_b = lb
                    .iter()
                    .copied()
                    .filter(|&y| la.iter().any(|&x| vocab.label_contains(x, y)));
                let common: Vec<LabelId> = from_a.chain(from_b).collect();
                if common.is_empty() {
                    return None;
                }
                common
            }
        };
        out.extend(common);
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// Whether scope `outer` contains all of scope `inner`.
pub(crate) fn contains(outer: &[LabelId], inner: &[LabelId], vocab: &Vocab) -> bool {
    if outer == inner {
        return true;
    }
    dimensions(outer, inner, vocab).all(|t| {
        let mut lo = in_dim(outer, t, vocab).peekable();
        if lo.peek().is_none() {
            return true;
        }
        let lo: Vec<LabelId> = lo.collect();
        let mut li = in_dim(inner, t, vocab).peekable();
        li.peek().is_some() && li.all(|y| lo.iter().any(|&x| vocab.label_contains(x, y)))
    })
}

/// The taxonomies either scope names a label of.
fn dimensions<'a>(a: &'a [LabelId], b: &'a [LabelId], vocab: &'a Vocab) -> impl Iterator<Item = usize> + 'a {
    let mut dims: Vec<usize> = a
        .iter()
        .chain(b)
        .map(|&l| vocab.labels[l as usize].taxonomy)
        .collect();
    dims.sort_unstable();
    dims.dedup();
    dims.into_iter()
}

fn in_dim<'a>(s: &'a [LabelId], t: usize, vocab: &'a Vocab) -> impl Iterator<Item = LabelId> + 'a {
    s.iter()
        .copied()
        .filter(move |&l| vocab.labels[l as usize].taxonomy == t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(v: &Vocab, names: &[&str]) -> Vec<LabelId> {
        let mut l: Vec<LabelId> = names.iter().map(|n| v.label(n).unwrap()).collect();
        l.sort_unstable();
        l
    }

    #[test]
    fn taxonomy_intersection() {
        let v = Vocab::default_pack().unwrap();
        let infra = labels(&v, &["infrastructure"]);
        let energy = labels(&v, &["energy_infrastructure"]);
        let kursk = labels(&v, &["kursk"]);
        let ukraine = labels(&v, &["ukraine"]);
        assert_eq!(intersect(&infra, &energy, &v), Some(energy.clone()));
        assert_eq!(intersect(&[], &energy, &v), Some(energy.clone()));
        assert_eq!(intersect(&kursk, &ukraine, &v), None);
        let both = labels(&v, &["kursk", "energy_infrastructure"]);
        assert_eq!(intersect(&kursk, &energy, &v), Some(both));
        assert!(contains(&infra, &energy, &v));
        assert!(!contains(&energy, &infra, &v));
        assert!(contains(&[], &energy, &v));
        assert!(!contains(&energy, &[], &v));
        assert!(!contains(&kursk, &energy, &v));
    }
}
