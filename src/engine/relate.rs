//! The relation between two atoms with the same subject and related actions
//! (overlap of target, scope and window; the modality table; which side is broader).

use super::analysis::{Coverage, RelationKind};
use super::atom::Atom;
use crate::model::Modality;
use crate::resolved::Interval;
use crate::vocab::scope;
use crate::vocab::{ActionId, LabelId, Vocab};

/// What two overlapping atoms are to each other, before parameters are looked at.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct AtomRelation {
    /// The kind, from the modalities (agree here may still become diverge).
    pub kind: RelationKind,
    /// The narrower action.
    pub action: ActionId,
    /// The common scope.
    pub scope: Vec<LabelId>,
    /// The common window.
    pub window: Interval,
    /// Which side is broader.
    pub coverage: Coverage,
    /// Which side is broader along everything but time: where one side covers the
    /// other but for some days, the other side's windows may add up to it.
    pub untimed: Coverage,
}

/// The relation between `a` and `b`, or `None` when they do not overlap (different
/// subjects, unrelated actions, different targets, disjoint scopes or windows).
pub(super) fn relate(a: &Atom, b: &Atom, vocab: &Vocab) -> Option<AtomRelation> {
    // An unspecified actor may be any party: it meets every subject, and covers no
    // party's atom for certain (the relation is then to be agreed, see `collect`).
    let someone = vocab.is_unspecified(a.subject) || vocab.is_unspecified(b.subject);
    if a.subject != b.subject && !someone {
        return None;
    }
    let action = if vocab.action_contains(a.action, b.action) {
        b.action
    } else if vocab.action_contains(b.action, a.action) {
        a.action
    } else {
        return None;
    };
    if matches!((a.target, b.target), (Some(x), Some(y)) if x != y) {
        return None;
    }
    let window = a.window.intersect(b.window)?;
    let scope = scope::intersect(&a.scope, &b.scope, vocab)?;
    let kind = kind(a.modality, b.modality);
    // Against a named party, an unspecified actor covers it only in part; two
    // unspecified actors are the same (both to be agreed).
    let named_apart = a.subject != b.subject;
    let (ab, ba) = (
        contains_untimed(a, b, vocab) && !named_apart,
        contains_untimed(b, a, vocab) && !named_apart,
    );
    let coverage = Coverage::of(
        ab && a.window.contains(b.window),
        ba && b.window.contains(a.window),
    );
    Some(AtomRelation {
        kind,
        action,
        scope,
        window,
        coverage,
        untimed: Coverage::of(ab, ba),
    })
}

/// The relation the modality table gives.
pub(super) fn kind(a: Modality, b: Modality) -> RelationKind {
    use Modality::*;
    match (a, b) {
        (Must, Must) | (MustNot, MustNot) | (May, May) | (Endeavour, Endeavour) => RelationKind::Agree,
        (Must | Endeavour, May) | (May, Must | Endeavour) => RelationKind::Compatible,
        // A divergence of strength: one commits to the result, the other to effort.
        (Must, Endeavour) | (Endeavour, Must) => RelationKind::Diverge,
        (Must | May | Endeavour, MustNot) | (MustNot, Must | May | Endeavour) => RelationKind::Conflict,
    }
}

/// Whether atom `outer` covers all of atom `inner` but perhaps in time (action,
/// target, scope).
fn contains_untimed(outer: &Atom, inner: &Atom, vocab: &Vocab) -> bool {
    vocab.action_contains(outer.action, inner.action)
        && (outer.target.is_none() || outer.target == inner.target)
        && scope::contains(&outer.scope, &inner.scope, vocab)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::shared::Shared;
    use crate::engine::atom::TermRef;

    fn atom(v: &Vocab, subject: &str, modality: Modality, action: &str, window: Interval) -> Atom {
        Atom {
            term: TermRef { proposal: 0, term: 0 },
            subject: v.party(subject).unwrap(),
            modality,
            action: v.action(action).unwrap().0,
            target: None,
            scope: Shared::empty(),
            window,
            derived: None,
        }
    }

    const DAYS_30: Interval = Interval::new(0, Some(30));

    #[test]
    fn modality_table() {
        use Modality::*;
        assert_eq!(kind(Must, Must), RelationKind::Agree);
        assert_eq!(kind(MustNot, MustNot), RelationKind::Agree);
        assert_eq!(kind(Must, May), RelationKind::Compatible);
        assert_eq!(kind(May, MustNot), RelationKind::Conflict);
        assert_eq!(kind(MustNot, Must), RelationKind::Conflict);
        assert_eq!(kind(Must, Endeavour), RelationKind::Diverge);
        assert_eq!(kind(Endeavour, Endeavour), RelationKind::Agree);
        assert_eq!(kind(Endeavour, May), RelationKind::Compatible);
        assert_eq!(kind(MustNot, Endeavour), RelationKind::Conflict);
    }

    #[test]
    fn hierarchy_gives_broader_and_common_action() {
        let v = Vocab::default_pack().unwrap();
        let all = atom(&v, "RU", Modality::MustNot, "hostilities", DAYS_30);
        let strikes = atom(&v, "RU", Modality::MustNot, "strikes", Interval::ALWAYS);
        let r = relate(&all, &strikes, &v).unwrap();
        assert_eq!(r.action, v.action("strikes").unwrap().0);
        assert_eq!(r.window, DAYS_30);
        assert_eq!(r.coverage, Coverage::Overlap);
        let strikes_30 = atom(&v, "RU", Modality::MustNot, "strikes", DAYS_30);
        assert_eq!(
            relate(&all, &strikes_30, &v).unwrap().coverage,
            Coverage::LeftBroader
        );
    }

    #[test]
    fn disjoint_windows_and_subjects_relate_nothing() {
        let v = Vocab::default_pack().unwrap();
        let a = atom(&v, "RU", Modality::MustNot, "hostilities", DAYS_30);
        let later = atom(&v, "RU", Modality::Must, "hostilities", Interval::new(30, None));
        assert_eq!(relate(&a, &later, &v), None);
        let other = atom(&v, "UA", Modality::Must, "hostilities", DAYS_30);
        assert_eq!(relate(&a, &other, &v), None);
        let unrelated = atom(&v, "RU", Modality::Must, "elections", DAYS_30);
        assert_eq!(relate(&a, &unrelated, &v), None);
    }
}
