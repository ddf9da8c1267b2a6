//! Narrowing what a term covers (DESIGN §5, v2) beyond its window: its scope in one
//! of the vocabulary's taxonomies, its topics (`about`), or the categories of a
//! `partition` parameter — each only as far as the common part of its direct
//! conflicts reaches, so that the term keeps all it covers but that part.
//!
//! Scope and topics: the term's labels in a taxonomy lose every label inside the
//! common part. A label that contains some of the common part but more besides is not
//! cut: "Ukraine but Donetsk" has no label, and the vocabulary's children of a label
//! need not make up all of it (`ukraine`'s are the regions of the front, not the
//! country), so no narrowing is offered then, rather than one that silently drops
//! what the children do not name. A term that names no label in the taxonomy applies
//! everywhere there and is not narrowed either. The common parts come from each
//! conflict's common scope, which in a hierarchy is what the other side covers of the
//! term. Partition: the term's categories lose those the other sides' terms name (a
//! term without the parameter covers every category of the vocabulary). A narrowing
//! that would leave nothing, or that some conflict cannot be cleared by (the other
//! side covers the whole taxonomy or every category), is not offered.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};

use super::moves::{Move, Restriction};
use crate::engine::{Analysis, TermRef};
use crate::model::ParamValue;
use crate::vocab::{LabelId, ParamKind, Vocab};

/// A narrowing of scope, topics or partition, as the reports and the edit need it.
#[derive(Debug, Clone, PartialEq)]
pub struct Restricted {
    /// The field the edit sets: `scope`, `about` or `params.NAME`.
    pub field: String,
    /// The taxonomy (`area`, `topic`) or the parameter narrowed.
    pub dimension: String,
    /// What the term named there before; empty when it covered all of it (a
    /// parameter it did not state).
    pub before: Vec<String>,
    /// What it names after.
    pub after: Vec<String>,
    /// The common part it leaves out: what the terms it conflicts with cover of it.
    pub left_out: Vec<String>,
    /// The field's new value.
    pub value: Value,
}

/// Each term's narrowings of scope, topics and partition.
#[derive(Default)]
pub(super) struct Restrictions {
    by_term: HashMap<TermRef, Vec<Move>>,
    data: HashMap<Move, Restricted>,
}

impl Restrictions {
    /// The narrowings of the terms in direct conflicts of `a` (contingent ones too
    /// when `contingent`), under `vocab`.
    pub(super) fn of(a: &Analysis, vocab: &Vocab, contingent: bool) -> Restrictions {
        // Each term's conflicts: the other term and their common scope.
        let mut partners: BTreeMap<TermRef, Vec<(TermRef, Vec<LabelId>)>> = BTreeMap::new();
        for r in super::narrow::direct_conflicts(a, contingent) {
            let common: Vec<LabelId> = r.scope.iter().copied().collect();
            for (t, o) in [(r.left.term, r.right.term), (r.right.term, r.left.term)] {
                partners.entry(t).or_default().push((o, common.clone()));
            }
        }
        let mut out = Restrictions::default();
        let mut partitions: Vec<&String> = vocab
            .params
            .iter()
            .filter(|(_, d)| d.kind == ParamKind::Partition)
            .map(|(n, _)| n)
            .collect();
        partitions.sort_unstable();
        for (t, list) in partners {
            let mut found = Vec::new();
            for d in 0..vocab.taxonomies.len() {
                found.extend(labels(a, vocab, t, d, &list));
            }
            for (k, name) in partitions.iter().enumerate() {
                let Ok(k) = u32::try_from(k) else { break };
                found.extend(categories(a, vocab, t, name, k, &list));
            }
            for (mv, r) in found {
                out.by_term.entry(t).or_default().push(mv);
                out.data.insert(mv, r);
            }
        }
        out
    }

    /// The narrowings of `t`, each clear of every term `t` conflicts with directly.
    pub(super) fn of_term(&self, t: TermRef) -> &[Move] {
        self.by_term.get(&t).map_or(&[], Vec::as_slice)
    }

    /// What a narrowing does.
    pub(super) fn get(&self, mv: &Move) -> Option<&Restricted> {
        self.data.get(mv)
    }
}

/// The narrowing of `t`'s labels in taxonomy `d` clear of its conflicts' common parts.
fn labels(
    a: &Analysis,
    vocab: &Vocab,
    t: TermRef,
    d: usize,
    partners: &[(TermRef, Vec<LabelId>)],
) -> Option<(Move, Restricted)> {
    let in_dim = |l: &LabelId| vocab.labels.get(*l as usize).is_some_and(|x| x.taxonomy == d);
    let resolved = a.proposals.get(t.proposal)?.terms.get(t.term)?;
    let mine: Vec<LabelId> = resolved.scope.iter().copied().filter(in_dim).collect();
    if mine.is_empty() {
        return None;
    }
    let mut avoid: Vec<LabelId> = Vec::new();
    for (_, common) in partners {
        let part: Vec<LabelId> = common.iter().copied().filter(in_dim).collect();
        if part.is_empty() {
            return None;
        }
        avoid.extend(part);
    }
    avoid.sort_unstable();
    avoid.dedup();
    let kept = split(&mine, &avoid, vocab)?;
    if kept.is_empty() || kept == mine {
        return None;
    }
    let name = |l: &LabelId| vocab.label_id(*l).to_owned();
    let after: Vec<String> = kept.iter().map(name).collect();
    let topics = vocab.topic_taxonomy == Some(d);
    let written = a.term(t)?;
    let (field, value) = if topics {
        ("about", json!(after))
    } else {
        // The labels of the other taxonomies as written, then the new ones.
        let mut scope: Vec<String> = written
            .scope
            .iter()
            .filter(|s| vocab.label(s).is_none_or(|l| !in_dim(&l)))
            .map(|s| s.to_string())
            .collect();
        scope.extend(after.iter().cloned());
        ("scope", json!(scope))
    };
    let what = if topics {
        Restriction::Topics
    } else {
        Restriction::Scope(u32::try_from(d).ok()?)
    };
    Some((
        Move::Restrict { term: t, what },
        Restricted {
            field: field.to_owned(),
            dimension: vocab.taxonomies.get(d).map_or_else(String::new, |x| x.id.clone()),
            before: mine.iter().map(name).collect(),
            after,
            left_out: avoid.iter().map(name).collect(),
            value,
        },
    ))
}

/// `labels` without what lies inside `avoid`: a label inside an avoided one is left
/// out, any other kept; `None` when a label contains an avoided one and more (it
/// cannot be cut without naming what is left, which no label may name). Sorted.
fn split(labels: &[LabelId], avoid: &[LabelId], vocab: &Vocab) -> Option<Vec<LabelId>> {
    let mut out = Vec::new();
    for &x in labels {
        if avoid.iter().any(|&y| vocab.label_contains(y, x)) {
            continue;
        }
        if avoid.iter().any(|&y| vocab.label_contains(x, y)) {
            return None;
        }
        out.push(x);
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// The categories a partition value names; `None` for a value left to be agreed or
/// not a list of categories.
fn named(v: &ParamValue) -> Option<Vec<String>> {
    match v {
        ParamValue::Value(s) if !v.is_open() => Some(vec![s.clone()]),
        ParamValue::Set(s) => Some(s.clone()),
        _ => None,
    }
}

/// The narrowing of `t`'s categories of partition `name` (the `k`-th partition of the
/// vocabulary by name) clear of the categories its conflicts' terms name.
fn categories(
    a: &Analysis,
    vocab: &Vocab,
    t: TermRef,
    name: &str,
    k: u32,
    partners: &[(TermRef, Vec<LabelId>)],
) -> Option<(Move, Restricted)> {
    let written = a.term(t)?;
    let (before, mine) = match written.params.get(name) {
        Some(v) => {
            let mine = named(v)?;
            (mine.clone(), mine)
        }
        None => (Vec::new(), vocab.params.get(name)?.values.clone()),
    };
    let mut avoid: Vec<String> = Vec::new();
    for (o, _) in partners {
        let theirs = named(a.term(*o)?.params.get(name)?)?;
        // The common part: the categories both name.
        avoid.extend(theirs.into_iter().filter(|c| mine.contains(c)));
    }
    avoid.sort_unstable();
    avoid.dedup();
    let after: Vec<String> = mine.iter().filter(|c| !avoid.contains(c)).cloned().collect();
    if after.is_empty() || after.len() == mine.len() {
        return None;
    }
    Some((
        Move::Restrict {
            term: t,
            what: Restriction::Partition(k),
        },
        Restricted {
            field: format!("params.{name}"),
            dimension: name.to_owned(),
            before,
            value: json!(after),
            after,
            left_out: avoid,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::split;
    use crate::vocab::{LabelId, Vocab};

    fn labels(v: &Vocab, names: &[&str]) -> Vec<LabelId> {
        let mut l: Vec<LabelId> = names.iter().map(|n| v.label(n).unwrap()).collect();
        l.sort_unstable();
        l
    }

    #[test]
    fn a_covered_label_goes_and_a_broader_one_is_never_cut() {
        let v = Vocab::default_pack().unwrap();
        let l = |names: &[&str]| labels(&v, names);
        // Ukraine's children in the vocabulary are the regions of the front, not the
        // country: "Ukraine but Donetsk" is not offered as the other regions.
        assert_eq!(split(&l(&["ukraine"]), &l(&["donetsk"]), &v), None);
        assert_eq!(
            split(&l(&["ukraine", "kursk"]), &l(&["kursk"]), &v),
            Some(l(&["ukraine"]))
        );
        assert_eq!(
            split(&l(&["donetsk", "luhansk"]), &l(&["donetsk"]), &v),
            Some(l(&["luhansk"]))
        );
        assert_eq!(split(&l(&["donetsk"]), &l(&["ukraine"]), &v), Some(Vec::new()));
        assert_eq!(
            split(&l(&["black_sea"]), &l(&["kursk"]), &v),
            Some(l(&["black_sea"]))
        );
    }
}
