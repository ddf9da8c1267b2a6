//! Narrowing a term in time (DESIGN §5, v2): the one window of each term, within its
//! own, that overlaps none of the terms it directly conflicts with — found from each
//! conflict's common part, and cut only as far as that part reaches: the window ends
//! where the first common part begins (shortened), or starts where the last one ends
//! (shifted), whichever keeps more days.
//!
//! A term has no narrowing when its window or a common part is unstated (an unstated
//! window relates to every window), when its window is a deadline or anchored to
//! another term (a new range would change what it says, not only how long), or when
//! neither cut leaves a day.

use std::collections::HashMap;

use super::moves::Move;
use crate::engine::{Analysis, Relation, RelationKind, TermRef};
use crate::resolved::Interval;

/// Each term's narrowing, when it has one.
pub(super) struct Narrowings {
    by_term: HashMap<TermRef, Option<Move>>,
}

impl Narrowings {
    /// The narrowings of the terms in direct conflicts of `a` (contingent ones too
    /// when `contingent`).
    pub(super) fn of(a: &Analysis, contingent: bool) -> Narrowings {
        // Each term's common parts with the terms it conflicts with; `None` once one
        // of them is unstated.
        let mut parts: HashMap<TermRef, Option<Vec<Interval>>> = HashMap::new();
        for r in direct_conflicts(a, contingent) {
            let common = a.common_window(r).filter(|w| !w.is_unstated());
            for t in [r.left.term, r.right.term] {
                let entry = parts.entry(t).or_insert_with(|| Some(Vec::new()));
                match (entry.as_mut(), common) {
                    (Some(list), Some(w)) => list.push(w),
                    _ => *entry = None,
                }
            }
        }
        let by_term = parts
            .into_iter()
            .map(|(t, common)| (t, common.and_then(|c| narrowing(a, t, &c))))
            .collect();
        Narrowings { by_term }
    }

    /// The narrowing of `t`, which no longer overlaps `other` nor any other term `t`
    /// conflicts with directly.
    pub(super) fn avoiding(&self, t: TermRef, _other: TermRef) -> Option<Move> {
        self.by_term.get(&t).copied().flatten()
    }
}

/// The direct conflicts of every pair of `a` that a narrowing may clear (contingent
/// ones too when `contingent`).
pub(super) fn direct_conflicts(a: &Analysis, contingent: bool) -> impl Iterator<Item = &Relation> {
    a.pairs.iter().flat_map(move |pair| {
        pair.relations.iter().enumerate().filter_map(move |(i, r)| {
            let counted = contingent || pair.contingent.binary_search(&i).is_err();
            (r.kind == RelationKind::Conflict && !r.is_indirect() && counted).then_some(r)
        })
    })
}

/// The narrowing of `t` clear of the `common` parts (days of the analysis).
fn narrowing(a: &Analysis, t: TermRef, common: &[Interval]) -> Option<Move> {
    let p = a.proposals.get(t.proposal)?;
    let term = p.terms.get(t.term)?;
    let window = term.window;
    if window.is_unstated() || window.is_deadline() || p.anchors.iter().any(|&(x, _)| x == t.term) {
        return None;
    }
    let first = common.iter().map(|w| w.from).min()?;
    // The last day any common part reaches; `None` when one has no end.
    let last = common.iter().try_fold(i64::MIN, |m, w| w.to().map(|e| m.max(e)));
    let (from, to) = (window.from, window.to());
    let length = |f: i64, e: Option<i64>| e.map(|e| u64::try_from(e - f).unwrap_or(0));
    // Shortened: [from, first), when a day is left.
    let shortened = (first > from).then_some((from, Some(first)));
    // Shifted: [last, to), when a day is left.
    let shifted = last.filter(|&l| to.is_none_or(|e| l < e)).map(|l| (l, to));
    let keep = match (shortened, shifted) {
        (Some(s), Some(h)) => {
            // More days kept wins; a window without end keeps the most.
            match (length(s.0, s.1), length(h.0, h.1)) {
                (_, None) => h,
                (None, _) => s,
                (Some(x), Some(y)) if y > x => h,
                _ => s,
            }
        }
        (Some(s), None) => s,
        (None, Some(h)) => h,
        (None, None) => return None,
    };
    // Back into the proposal's own days (a calendar comparison shifts them).
    let shift = match (p.calendar, p.proposal.entry_into_force) {
        (Some(c), Some(e)) => c.days_until(e),
        _ => 0,
    };
    let own_from = keep.0.checked_sub(shift)?;
    let own_to = match keep.1 {
        Some(e) => Some(e.checked_sub(shift)?),
        None => None,
    };
    if own_from < 0 {
        return None;
    }
    Some(Move::Narrow {
        term: t,
        from: own_from,
        to: own_to,
    })
}
