//! Field-by-field comparison of two matched terms, on their resolved meaning, with
//! differences of spelling only reported as notation.

use super::result::{Change, ChangeKind, Direction, Named};
use super::word_diff::word_diff;
use super::{DiffOptions, Field};
use crate::model::{Outcome, ParamValue, Term};
use crate::resolved::{Interval, Outcomes, ResolvedTerm};
use crate::vocab::LabelId;
use crate::vocab::scope::contains;
use crate::vocab::{PartyId, Vocab};

/// One side of a matched pair: the term as written and as resolved, and its authors.
#[derive(Clone, Copy)]
pub(super) struct Side<'a> {
    /// As written.
    pub term: &'a Term,
    /// As resolved.
    pub resolved: &'a ResolvedTerm,
    /// The authors of its proposal.
    pub by: &'a [PartyId],
    /// The ids of all terms of its proposal, by index.
    pub ids: &'a [&'a str],
    /// The outcomes of its proposal's terms.
    pub outcomes: &'a Outcomes,
    /// Its index in its proposal.
    pub index: usize,
}

/// The changes from `old` to `new`; `old_to_new` maps old term indices to new ones.
pub(super) fn compare(
    vocab: &Vocab,
    old: Side<'_>,
    new: Side<'_>,
    old_to_new: &[Option<usize>],
    opts: &DiffOptions,
) -> Vec<Change> {
    let (a, b) = (old.resolved, new.resolved);
    let (ta, tb) = (old.term, new.term);
    let mut out = Vec::new();
    let mut push = |field: Field, kind: ChangeKind| {
        if opts.compares(field) {
            out.push(Change { field, kind });
        }
    };
    let codes = |ps: &[PartyId]| {
        ps.iter()
            .map(|&p| vocab.party_code(p).to_owned())
            .collect::<Vec<_>>()
    };

    if ta.id != tb.id {
        push(
            Field::Id,
            ChangeKind::Renamed {
                old: ta.id.to_string(),
                new: tb.id.to_string(),
            },
        );
    }

    let same_subjects =
        a.subjects.len() == b.subjects.len() && a.subjects.iter().all(|s| b.subjects.contains(s));
    if !same_subjects {
        push(
            Field::Subject,
            ChangeKind::Subject {
                old: codes(&a.subjects),
                new: codes(&b.subjects),
                added: codes(
                    &b.subjects
                        .iter()
                        .copied()
                        .filter(|s| !a.subjects.contains(s))
                        .collect::<Vec<_>>(),
                ),
                removed: codes(
                    &a.subjects
                        .iter()
                        .copied()
                        .filter(|s| !b.subjects.contains(s))
                        .collect::<Vec<_>>(),
                ),
            },
        );
    } else if ta.subject != tb.subject {
        push(Field::Subject, notation(&ta.subject, &tb.subject));
    }

    if a.modality != b.modality {
        push(
            Field::Modality,
            ChangeKind::Modality {
                old: a.modality,
                new: b.modality,
                subject: codes(&b.subjects),
                action: vocab.action_id(b.action).to_owned(),
                target: b.target.map(|t| vocab.party_code(t).to_owned()),
                self_binding: !b.subjects.is_empty() && b.subjects.iter().all(|s| new.by.contains(s)),
            },
        );
    }

    if a.action != b.action {
        let direction = if vocab.action_contains(b.action, a.action) {
            Direction::Widened
        } else if vocab.action_contains(a.action, b.action) {
            Direction::Narrowed
        } else {
            Direction::Shifted
        };
        push(
            Field::Action,
            ChangeKind::Action {
                old: vocab.action_id(a.action).to_owned(),
                new: vocab.action_id(b.action).to_owned(),
                direction,
            },
        );
    } else if a.modality == b.modality && (ta.action != tb.action || ta.modality != tb.modality) {
        let spell = |t: &Term| format!("{} {}", t.modality, t.action);
        push(
            Field::Action,
            ChangeKind::Notation {
                old: spell(ta),
                new: spell(tb),
            },
        );
    }

    if a.target != b.target {
        push(
            Field::Target,
            ChangeKind::Target {
                old: a.target.map(|t| vocab.party_code(t).to_owned()),
                new: b.target.map(|t| vocab.party_code(t).to_owned()),
            },
        );
    }

    // A resolved scope holds the topics too (one more dimension): each is reported
    // as the field it was written in.
    let split = |ls: &[LabelId], topic: bool| -> Vec<LabelId> {
        ls.iter()
            .copied()
            .filter(|&l| vocab.is_topic(l) == topic)
            .collect()
    };
    let labels = |ls: &[LabelId]| {
        ls.iter()
            .map(|&l| vocab.label_id(l).to_owned())
            .collect::<Vec<_>>()
    };
    let (about_a, about_b) = (split(&a.scope, true), split(&b.scope, true));
    if about_a != about_b {
        push(
            Field::About,
            ChangeKind::About {
                old: labels(&about_a),
                new: labels(&about_b),
                direction: scope_direction(vocab, &about_a, &about_b),
            },
        );
    } else if ta.about != tb.about {
        push(Field::About, notation(&ta.about, &tb.about));
    }
    let (scope_a, scope_b) = (split(&a.scope, false), split(&b.scope, false));
    if scope_a != scope_b {
        push(
            Field::Scope,
            ChangeKind::Scope {
                old: labels(&scope_a),
                new: labels(&scope_b),
                direction: scope_direction(vocab, &scope_a, &scope_b),
            },
        );
    } else if ta.scope != tb.scope {
        push(Field::Scope, notation(&ta.scope, &tb.scope));
    }

    let named = [Named::of(ta.window.as_ref()), Named::of(tb.window.as_ref())];
    // A window anchored to another term, or naming another phase, is a change in
    // meaning even on the same days (an anchor is an order between terms).
    if a.window != b.window || named[0] != named[1] {
        push(
            Field::Window,
            ChangeKind::Window {
                old: a.window,
                new: b.window,
                direction: window_direction(a.window, b.window),
                named,
            },
        );
    } else if ta.window != tb.window {
        push(Field::Window, notation(&ta.window, &tb.window));
    }

    if opts.compares(Field::Params) {
        for (name, old, new) in param_changes(ta.params.as_slice(), tb.params.as_slice()) {
            let direction = match (&old, &new) {
                (Some(x), Some(y)) => param_direction(x, y),
                _ => None,
            };
            push(
                Field::Params,
                ChangeKind::Param {
                    name,
                    old,
                    new,
                    direction,
                },
            );
        }
    }

    let requires = requires_change(a, b, old.ids, new.ids, old_to_new);
    let triggers = outcomes_change(
        old.outcomes.triggers(old.index),
        new.outcomes.triggers(new.index),
        (old.ids, new.ids),
        old_to_new,
    );
    let same = requires.is_none() && triggers.is_none();
    if let Some(kind) = requires {
        push(Field::Requires, kind);
    }
    if let Some((added, removed)) = triggers {
        push(Field::Requires, ChangeKind::Triggers { added, removed });
    }
    if same && ta.requires != tb.requires {
        push(Field::Requires, notation(&ta.requires, &tb.requires));
    }
    let lapses = outcomes_change(
        old.outcomes.lapses(old.index),
        new.outcomes.lapses(new.index),
        (old.ids, new.ids),
        old_to_new,
    );
    if let Some((added, removed)) = lapses {
        push(Field::LapsesIf, ChangeKind::Lapses { added, removed });
    } else if ta.lapses_if != tb.lapses_if {
        push(Field::LapsesIf, notation(&ta.lapses_if, &tb.lapses_if));
    }

    if ta.priority != tb.priority {
        // Priorities are declared from the most to the least important.
        let direction = if tb.priority < ta.priority {
            Direction::Widened
        } else {
            Direction::Narrowed
        };
        push(
            Field::Priority,
            ChangeKind::Priority {
                old: ta.priority,
                new: tb.priority,
                direction,
            },
        );
    }

    if ta.text != tb.text {
        let words = word_diff(ta.text.as_deref().unwrap_or(""), tb.text.as_deref().unwrap_or(""));
        push(
            Field::Text,
            ChangeKind::Wording {
                old: ta.text.as_deref().map(str::to_owned),
                new: tb.text.as_deref().map(str::to_owned),
                words,
            },
        );
    }
    for (field, x, y) in [
        (Field::Source, &ta.source, &tb.source),
        (Field::Note, &ta.note, &tb.note),
    ] {
        if x != y {
            push(
                field,
                ChangeKind::Annotation {
                    old: x.as_deref().map(str::to_owned),
                    new: y.as_deref().map(str::to_owned),
                },
            );
        }
    }
    out
}

/// A notation change: the two spellings as compact JSON.
fn notation<T: serde::Serialize>(old: &T, new: &T) -> ChangeKind {
    let json = |v: &T| serde_json::to_string(v).unwrap_or_default();
    ChangeKind::Notation {
        old: json(old),
        new: json(new),
    }
}

/// Longer when the new window contains the old, shorter when the old contains the new;
/// moved when neither does, or when one of them is unstated (it says nothing of length).
pub(super) fn window_direction(old: Interval, new: Interval) -> Direction {
    if old.is_unstated() || new.is_unstated() {
        Direction::Shifted
    } else if new.contains(old) {
        Direction::Widened
    } else if old.contains(new) {
        Direction::Narrowed
    } else {
        Direction::Shifted
    }
}

type ParamChange = (String, Option<ParamValue>, Option<ParamValue>);

/// Parameters added, removed or changed, by name (both lists sorted by name).
fn param_changes(old: &[(String, ParamValue)], new: &[(String, ParamValue)]) -> Vec<ParamChange> {
    let mut names: Vec<&String> = old.iter().chain(new).map(|(n, _)| n).collect();
    names.sort();
    names.dedup();
    let get = |ps: &[(String, ParamValue)], n: &str| ps.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    names
        .into_iter()
        .filter_map(|n| {
            let (x, y) = (get(old, n), get(new, n));
            // Compared by meaning: `100` rewritten as `{"min": 100, "max": 100}`, or a
            // set reordered, is no change.
            let same = match (&x, &y) {
                (Some(a), Some(b)) => a.means_the_same(b),
                (None, None) => true,
                _ => false,
            };
            (!same).then(|| (n.clone(), x, y))
        })
        .collect()
}

/// Larger or smaller, for two numbers, two ranges, or two sets.
fn param_direction(old: &ParamValue, new: &ParamValue) -> Option<Direction> {
    let bounds = |v: &ParamValue| match v {
        ParamValue::Number(n) => Some((*n, *n)),
        ParamValue::Range { min, max } => {
            Some((min.unwrap_or(f64::NEG_INFINITY), max.unwrap_or(f64::INFINITY)))
        }
        _ => None,
    };
    match (old, new) {
        (ParamValue::Number(x), ParamValue::Number(y)) => Some(if y > x {
            Direction::Widened
        } else {
            Direction::Narrowed
        }),
        (ParamValue::Set(x), ParamValue::Set(y)) => Some(set_direction(x, y)),
        _ => {
            let ((a0, a1), (b0, b1)) = (bounds(old)?, bounds(new)?);
            Some(if b0 <= a0 && a1 <= b1 {
                Direction::Widened
            } else if a0 <= b0 && b1 <= a1 {
                Direction::Narrowed
            } else {
                Direction::Shifted
            })
        }
    }
}

fn set_direction(old: &[String], new: &[String]) -> Direction {
    if old.iter().all(|v| new.contains(v)) {
        Direction::Widened
    } else if new.iter().all(|v| old.contains(v)) {
        Direction::Narrowed
    } else {
        Direction::Shifted
    }
}

/// Outcomes (of triggers or lapses: a term and its outcome) added and removed, old
/// terms carried through the alignment and all named by the new ids where matched;
/// `None` when they mean the same.
type OutcomeChange = (Vec<(String, Outcome)>, Vec<(String, Outcome)>);

fn outcomes_change(
    old: impl Iterator<Item = (usize, Outcome)>,
    new: impl Iterator<Item = (usize, Outcome)>,
    (old_ids, new_ids): (&[&str], &[&str]),
    old_to_new: &[Option<usize>],
) -> Option<OutcomeChange> {
    let name = |ids: &[&str], i: usize| ids.get(i).copied().unwrap_or("?").to_owned();
    let mapped: Vec<(Option<usize>, usize, Outcome)> = old
        .map(|(i, on)| (old_to_new.get(i).copied().flatten(), i, on))
        .collect();
    let new: Vec<(usize, Outcome)> = new.collect();
    let added: Vec<(String, Outcome)> = new
        .iter()
        .filter(|&&(j, on)| !mapped.iter().any(|&(m, _, o)| m == Some(j) && o == on))
        .map(|&(j, on)| (name(new_ids, j), on))
        .collect();
    let removed: Vec<(String, Outcome)> = mapped
        .iter()
        .filter(|&&(m, _, on)| !m.is_some_and(|j| new.contains(&(j, on))))
        .map(|&(m, i, on)| (m.map_or_else(|| name(old_ids, i), |j| name(new_ids, j)), on))
        .collect();
    (!added.is_empty() || !removed.is_empty()).then_some((added, removed))
}

/// Conditions added, removed or retimed, with old conditions carried through the
/// alignment; `None` when the conditions mean the same.
fn requires_change(
    a: &ResolvedTerm,
    b: &ResolvedTerm,
    old_ids: &[&str],
    new_ids: &[&str],
    old_to_new: &[Option<usize>],
) -> Option<ChangeKind> {
    let name = |ids: &[&str], i: usize| ids.get(i).copied().unwrap_or("?").to_owned();
    let mapped: Vec<(Option<usize>, usize, _)> = a
        .requires
        .iter()
        .map(|&(i, t)| (old_to_new.get(i).copied().flatten(), i, t))
        .collect();
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut retimed = Vec::new();
    for &(j, t) in &b.requires {
        match mapped.iter().find(|(m, _, _)| *m == Some(j)) {
            None => added.push((name(new_ids, j), t)),
            Some(&(_, _, old_t)) if old_t != t => retimed.push((name(new_ids, j), old_t, t)),
            Some(_) => {}
        }
    }
    for &(m, i, t) in &mapped {
        if !m.is_some_and(|j| b.requires.iter().any(|&(k, _)| k == j)) {
            removed.push((name(old_ids, i), t));
        }
    }
    if added.is_empty() && removed.is_empty() && retimed.is_empty() {
        None
    } else {
        Some(ChangeKind::Requires {
            added,
            removed,
            retimed,
        })
    }
}

/// A scope is a set of labels per taxonomy (area, target class...). Within a taxonomy
/// the labels add up (`kursk` and `belgorod`), and no label means all of it; across
/// taxonomies they restrict each other (`kursk` and `encircled_troops`).
/// Widened when the new scope covers the old, narrowed when the old covers the new.
fn scope_direction(vocab: &Vocab, old: &[LabelId], new: &[LabelId]) -> Direction {
    match (contains(new, old, vocab), contains(old, new, vocab)) {
        (true, false) => Direction::Widened,
        (false, true) => Direction::Narrowed,
        // Both: the same area written with other labels; neither: moved.
        _ => Direction::Shifted,
    }
}
