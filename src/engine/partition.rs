//! What parameters do to coverage, beyond their values: a `partition` parameter narrows
//! what a term covers like a scope (disjoint categories relate nothing, a term without
//! it covers every category), and a value left to be agreed (`"some"`, `"tbd"`) makes
//! the term existential, covering some of what it names, not all of it.

use super::analysis::{Coverage, RelationKind};
use crate::model::{Modality, ParamValue};
use crate::vocab::{ParamKind, Vocab};

/// A term's parameters, as the engine reads them.
type Params = [(String, ParamValue)];

/// The categories a partition value names, or `None` when it names no particular one
/// (left to be agreed, or not a list of categories).
fn categories(v: &ParamValue) -> Option<Vec<&str>> {
    match v {
        ParamValue::Value(s) if !v.is_open() => Some(vec![s.as_str()]),
        ParamValue::Set(s) => Some(s.iter().map(String::as_str).collect()),
        _ => None,
    }
}

/// The categories parameter `name` names in `params`, if it is given and names some.
fn named<'p>(params: &'p Params, name: &str) -> Option<Vec<&'p str>> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| categories(v))
}

/// Whether parameter `name` is a partition of the vocabulary.
pub(super) fn is_partition(name: &str, vocab: &Vocab) -> bool {
    vocab
        .params
        .get(name)
        .is_some_and(|d| d.kind == ParamKind::Partition)
}

/// The coverage of two related terms once their partitions are taken into account,
/// from `coverage` (what action, target, scope and window give), or `None` when a
/// partition both state has no category in common: they then relate nothing.
pub(super) fn narrow(coverage: Coverage, left: &Params, right: &Params, vocab: &Vocab) -> Option<Coverage> {
    if left.is_empty() && right.is_empty() {
        return Some(coverage);
    }
    let (mut left_holds, mut right_holds) = match coverage {
        Coverage::Same => (true, true),
        Coverage::LeftBroader => (true, false),
        Coverage::RightBroader => (false, true),
        Coverage::Overlap => (false, false),
    };
    let names = left.iter().chain(right).map(|(n, _)| n.as_str());
    for name in names.filter(|n| is_partition(n, vocab)) {
        match (named(left, name), named(right, name)) {
            (Some(l), Some(r)) => {
                if !l.iter().any(|c| r.contains(c)) {
                    return None;
                }
                left_holds &= r.iter().all(|c| l.contains(c));
                right_holds &= l.iter().all(|c| r.contains(c));
            }
            // One side names categories, the other covers them all.
            (Some(_), None) => left_holds = false,
            (None, Some(_)) => right_holds = false,
            (None, None) => {}
        }
    }
    Some(match (left_holds, right_holds) {
        (true, true) => Coverage::Same,
        (true, false) => Coverage::LeftBroader,
        (false, true) => Coverage::RightBroader,
        (false, false) => Coverage::Overlap,
    })
}

/// Whether a term is existential: one of its values is left to be agreed.
pub(super) fn existential(params: &Params) -> bool {
    params.iter().any(|(_, v)| v.is_open())
}

/// The relation of two terms when one of them, or both, is existential (DESIGN §3): it
/// holds only where every admissible choice would hold it, else the terms are to be
/// agreed. `kind` is the relation the modalities and values gave, `coverage` which
/// side covers the other.
pub(super) fn existential_kind(
    kind: RelationKind,
    coverage: Coverage,
    modalities: (Modality, Modality),
    existential: (bool, bool),
) -> RelationKind {
    // Every choice of the existential side lies inside the other side's coverage.
    let inside = match existential {
        (false, false) => return kind,
        (true, true) => return RelationKind::ToBeAgreed,
        (true, false) => matches!(coverage, Coverage::Same | Coverage::RightBroader),
        (false, true) => matches!(coverage, Coverage::Same | Coverage::LeftBroader),
    };
    let chooser = if existential.0 { modalities.0 } else { modalities.1 };
    match kind {
        RelationKind::Conflict if inside => RelationKind::Conflict,
        // What the existential side commits to is permitted, whatever it comes to.
        RelationKind::Compatible if inside && chooser == Modality::Must => RelationKind::Compatible,
        _ => RelationKind::ToBeAgreed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(name: &str, v: &[&str]) -> Vec<(String, ParamValue)> {
        vec![(
            name.to_owned(),
            ParamValue::Set(v.iter().map(|s| (*s).to_owned()).collect()),
        )]
    }

    #[test]
    fn partitions_narrow_coverage_like_scope() {
        let v = Vocab::default_pack().unwrap();
        let women = set("prisoner_category", &["women", "children"]);
        let leaders = set("prisoner_category", &["named_leaders"]);
        assert_eq!(narrow(Coverage::Same, &women, &leaders, &v), None);
        assert_eq!(
            narrow(Coverage::Same, &[], &leaders, &v),
            Some(Coverage::LeftBroader)
        );
        let children = set("prisoner_category", &["children"]);
        assert_eq!(
            narrow(Coverage::Same, &women, &children, &v),
            Some(Coverage::LeftBroader)
        );
        assert_eq!(
            narrow(Coverage::RightBroader, &women, &children, &v),
            Some(Coverage::Overlap)
        );
        let reordered = set("prisoner_category", &["children", "women"]);
        assert_eq!(
            narrow(Coverage::Same, &women, &reordered, &v),
            Some(Coverage::Same)
        );
        // A category left to be agreed names none in particular: it covers them all.
        let some = vec![("prisoner_category".to_owned(), ParamValue::Value("some".into()))];
        assert_eq!(narrow(Coverage::Same, &some, &[], &v), Some(Coverage::Same));
        // Other kinds of parameter do not narrow.
        let count = vec![("count".to_owned(), ParamValue::Number(3.0))];
        assert_eq!(narrow(Coverage::Same, &count, &[], &v), Some(Coverage::Same));
    }

    #[test]
    fn existential_terms_hold_only_what_every_choice_would() {
        use Modality::*;
        use RelationKind::*;
        let k = existential_kind;
        // "An agreed number of prisoners" against "not the named leaders".
        assert_eq!(
            k(Conflict, Coverage::LeftBroader, (Must, MustNot), (true, false)),
            ToBeAgreed
        );
        // ... against "no prisoner released": every choice conflicts.
        assert_eq!(
            k(Conflict, Coverage::Same, (Must, MustNot), (true, false)),
            Conflict
        );
        assert_eq!(
            k(Conflict, Coverage::RightBroader, (Must, MustNot), (true, false)),
            Conflict
        );
        assert_eq!(
            k(Conflict, Coverage::RightBroader, (MustNot, Must), (false, true)),
            ToBeAgreed
        );
        // ... against a demand for the named leaders: not agreed by every choice.
        assert_eq!(
            k(Agree, Coverage::LeftBroader, (Must, Must), (true, false)),
            ToBeAgreed
        );
        assert_eq!(k(Agree, Coverage::Same, (Must, Must), (true, false)), ToBeAgreed);
        assert_eq!(
            k(Compatible, Coverage::Same, (Must, May), (true, false)),
            Compatible
        );
        assert_eq!(
            k(Compatible, Coverage::Same, (May, Must), (true, false)),
            ToBeAgreed
        );
        // Two existential terms are always to be agreed.
        assert_eq!(
            k(Conflict, Coverage::Same, (Must, MustNot), (true, true)),
            ToBeAgreed
        );
        assert_eq!(k(Diverge, Coverage::Same, (Must, Must), (false, false)), Diverge);
    }
}
