//! The changes between two versions of a proposal in words: one line per change
//! (`must → must_not: US now agrees to halt military aid to UA`), the counts of a
//! diff, and the witnesses of what a change does against another proposal.

use super::findings::changed;
use super::values::{scope_named, value_in_list};
use crate::diff::{Change, ChangeKind, Counts, Direction, Effect, Link, MetaChange, ProposalDiff};
use crate::engine::Finding;
use crate::model::{Modality, ParamValue, Timing};

/// What a change means, in one line, without the field name:
/// `must → must_not: US now agrees to halt military aid to UA`.
pub fn change(c: &Change) -> String {
    change_with(c, &|name| format!("`{name}`"))
}

/// [`change`], with the ids and parameter names it quotes written by `code` (Markdown
/// passes its code spans).
pub fn change_with(c: &Change, code: &dyn Fn(&str) -> String) -> String {
    match &c.kind {
        ChangeKind::Renamed { old, new } => format!("{} → {}", code(old), code(new)),
        ChangeKind::Modality {
            old,
            new,
            subject,
            action,
            target,
            self_binding,
        } => format!(
            "{old} → {new}: {}",
            modality_gloss(*new, subject, action, target.as_deref(), *self_binding)
        ),
        ChangeKind::Subject {
            old,
            new,
            added,
            removed,
        } => {
            let mut parts = vec![format!("{} → {}", bound(old), bound(new))];
            if !added.is_empty() {
                parts.push(format!("now binds {}", added.join(", ")));
            }
            if !removed.is_empty() {
                parts.push(format!("no longer binds {}", removed.join(", ")));
            }
            parts.join("; ")
        }
        ChangeKind::Target { old, new } => {
            let t = |x: &Option<String>| x.clone().unwrap_or_else(|| "any".into());
            format!("{} → {}", t(old), t(new))
        }
        ChangeKind::Action { old, new, direction } => format!(
            "{old} → {new} ({})",
            how(*direction, ["broadened", "narrowed", "changed"])
        ),
        ChangeKind::About { old, new, direction } => {
            let topics = |l: &[String]| {
                if l.is_empty() {
                    "any topic".to_owned()
                } else {
                    l.join(", ")
                }
            };
            format!(
                "{} → {} ({})",
                topics(old),
                topics(new),
                how(*direction, ["widened", "narrowed", "changed"])
            )
        }
        ChangeKind::Scope { old, new, direction } => format!(
            "{} → {} ({})",
            scope_named(old.iter().map(String::as_str)),
            scope_named(new.iter().map(String::as_str)),
            how(*direction, ["widened", "narrowed", "changed"])
        ),
        ChangeKind::Window {
            old,
            new,
            direction,
            named,
        } => {
            let how = if old == new {
                "same days"
            } else if old.is_deadline() && new.is_deadline() {
                match (old.to(), new.to()) {
                    (Some(a), Some(b)) if b > a => "deadline later",
                    _ => "deadline earlier",
                }
            } else if new.is_deadline() {
                "now a deadline"
            } else if old.is_deadline() {
                "no longer a deadline"
            } else {
                how(*direction, ["lengthened", "shortened", "moved"])
            };
            // What the windows name: the same (the change follows it), another, or one
            // side only (a window that starts or stops following the ceasefire term
            // says nothing more than its days do).
            let follows = match named {
                [Some(a), Some(b)] if a == b => format!(", following {}", named_words(a, code)),
                [Some(a), Some(b)] => {
                    format!("; {} → {}", named_words(a, code), named_words(b, code))
                }
                [None, Some(crate::diff::Named::Ceasefire)]
                | [Some(crate::diff::Named::Ceasefire), None]
                | [None, None] => String::new(),
                [None, Some(b)] => format!("; now {}", named_words(b, code)),
                [Some(a), None] => format!("; no longer {}", named_words(a, code)),
            };
            match (old.from, old.to(), new.from, new.to()) {
                _ if old.is_unstated() => format!("{old} → {new} (now stated{follows})"),
                _ if new.is_unstated() => format!("{old} → {new} (no longer stated{follows})"),
                (0, Some(a), 0, Some(b)) if !old.is_deadline() && !new.is_deadline() => {
                    format!("{a} → {b} days ({how}{follows})")
                }
                _ => format!("{old} → {new} ({how}{follows})"),
            }
        }
        ChangeKind::Param {
            name,
            old,
            new,
            direction,
        } => param(&code(name), old.as_ref(), new.as_ref(), *direction),
        ChangeKind::Requires {
            added,
            removed,
            retimed,
        } => {
            let list = |cs: &[(String, Timing)]| {
                cs.iter()
                    .map(|(id, t)| format!("{} ({})", code(id), t.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("now requires {}", list(added)));
            }
            if !removed.is_empty() {
                parts.push(format!("no longer requires {}", list(removed)));
            }
            for (id, a, b) in retimed {
                parts.push(format!("{} {} → {}", code(id), a.as_str(), b.as_str()));
            }
            parts.join("; ")
        }
        ChangeKind::Triggers { added, removed } => outcomes(
            added,
            removed,
            ["now applies only if", "no longer waits until"],
            code,
        ),
        ChangeKind::Lapses { added, removed } => {
            outcomes(added, removed, ["now lapses if", "no longer lapses if"], code)
        }
        ChangeKind::Priority { old, new, direction } => format!(
            "{old} → {new} ({})",
            how(*direction, ["raised", "lowered", "changed"])
        ),
        ChangeKind::Wording { old, new, .. } => match (old, new) {
            (None, Some(_)) => "added".into(),
            (Some(_), None) => "removed".into(),
            _ => "reworded".into(),
        },
        ChangeKind::Annotation { old, new } => annotation(old.as_deref(), new.as_deref()),
        ChangeKind::Notation { old, new } => format!("written {old} → {new} (same meaning)"),
    }
}

/// A change to a field of the proposal itself, without the field name.
pub fn meta_change(m: &MetaChange) -> String {
    let Some(e) = m.every_term else {
        return annotation(m.old.as_deref(), m.new.as_deref());
    };
    let side = |v: &Option<String>, n: usize| match (v, n) {
        (Some(v), _) => format!("\"{v}\""),
        (None, 0) => "none".to_owned(),
        (None, n) => format!("{n} different values"),
    };
    let what = match (e.old_values, e.new_values) {
        (0, _) => format!("added: {}", side(&m.new, e.new_values)),
        (_, 0) => format!("removed (was {})", side(&m.old, e.old_values)),
        _ => format!("{} → {}", side(&m.old, e.old_values), side(&m.new, e.new_values)),
    };
    format!("of every term ({}): {what}", e.terms)
}

/// What a new modality means for whom: "US now agrees to halt military aid to UA".
pub fn modality_gloss(
    modality: Modality,
    subject: &[String],
    action: &str,
    target: Option<&str>,
    self_binding: bool,
) -> String {
    let who = subject.join(" and ");
    let what = match target {
        Some(t) => format!("{} to {t}", action.replace('_', " ")),
        None => action.replace('_', " "),
    };
    // Two parties or more take the plural: "IL and HAMAS now agree".
    let s = if subject.len() > 1 { "" } else { "s" };
    match (self_binding, modality) {
        (true, Modality::Must) => format!("{who} now commit{s} to {what}"),
        (true, Modality::MustNot) => format!("{who} now agree{s} to halt {what}"),
        (true, Modality::May) => format!("{who} now only keep{s} the option of {what}"),
        (false, Modality::Must) => format!("the proposal now demands {what} from {who}"),
        (false, Modality::MustNot) => format!("the proposal now demands that {who} halt {what}"),
        (false, Modality::May) => format!("the proposal now merely allows {who} {what}"),
        (true, Modality::Endeavour) => format!("{who} now only commit{s} to endeavour {what}"),
        (false, Modality::Endeavour) => format!("the proposal now asks only an effort at {what} from {who}"),
    }
}

/// The headline counts of a diff: `2 changed, 1 added, 1 removed, 3 unchanged`.
pub fn diff_counts(d: &ProposalDiff) -> String {
    let Counts {
        changed,
        added,
        removed,
        unchanged,
    } = d.counts();
    format!("{changed} changed, {added} added, {removed} removed, {unchanged} unchanged")
}

/// What a change does to a finding against another proposal: `conflict resolved`.
pub fn effect(e: &Effect) -> &'static str {
    changed(&e.change)
}

/// The witnesses of an effect in one line: `a ⟷ b; c requires d`, or the terms the
/// finding names when it has no pair (an open point, a deadlock's cycle).
pub fn witnesses(e: &Effect) -> String {
    if e.witnesses.is_empty() {
        let sep = match e.change.finding {
            Finding::Deadlock { .. } => " → ",
            _ => ", ",
        };
        return e.change.witnesses().join(sep);
    }
    e.witnesses
        .iter()
        .map(|w| match w.link {
            Link::Relation => format!("{} ⟷ {}", w.left, w.right),
            Link::Requires => format!("{} requires {}", w.left, w.right),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A parameter's change, its name as quoted: `` `count` 30 → at least 60 (increased) ``,
/// `` `count` added: 30 ``.
fn param(
    name: &str,
    old: Option<&ParamValue>,
    new: Option<&ParamValue>,
    direction: Option<Direction>,
) -> String {
    match (old, new) {
        (Some(x), Some(y)) => {
            let how = match (x, y, direction) {
                (ParamValue::Number(_), ParamValue::Number(_), Some(d)) => {
                    format!(" ({})", how(d, ["increased", "decreased", "changed"]))
                }
                (_, _, Some(d)) => format!(" ({})", how(d, ["widened", "narrowed", "changed"])),
                _ => String::new(),
            };
            format!("{name} {} → {}{how}", value_in_list(x), value_in_list(y))
        }
        (None, Some(y)) => format!("{name} added: {}", value_in_list(y)),
        (Some(x), None) => format!("{name} removed (was {})", value_in_list(x)),
        (None, None) => format!("{name} unchanged"),
    }
}

fn annotation(old: Option<&str>, new: Option<&str>) -> String {
    match (old, new) {
        (None, Some(n)) => format!("added: \"{n}\""),
        (Some(o), None) => format!("removed (was \"{o}\")"),
        (Some(o), Some(n)) => format!("\"{o}\" → \"{n}\""),
        (None, None) => "unchanged".into(),
    }
}

/// The word for a direction of change: `[more, less, other]`.
fn how(d: Direction, [more, less, other]: [&'static str; 3]) -> &'static str {
    match d {
        Direction::Widened => more,
        Direction::Narrowed => less,
        Direction::Shifted => other,
    }
}

/// The parties a term binds, or `nobody`.
fn bound(codes: &[String]) -> String {
    if codes.is_empty() {
        "nobody".into()
    } else {
        codes.join(", ")
    }
}

/// Outcomes added and removed, each after its words: `now lapses if `talks` fails`.
fn outcomes(
    added: &[(String, crate::model::Outcome)],
    removed: &[(String, crate::model::Outcome)],
    [now, no_longer]: [&str; 2],
    code: &dyn Fn(&str) -> String,
) -> String {
    let added = added
        .iter()
        .map(|(id, on)| format!("{now} {}", super::outcome(&code(id), *on)));
    let removed = removed
        .iter()
        .map(|(id, on)| format!("{no_longer} {}", super::outcome(&code(id), *on)));
    added.chain(removed).collect::<Vec<_>>().join("; ")
}

/// What a window names, in words: `the ceasefire term`, `phase `phase-2``, `after
/// `release``.
fn named_words(n: &crate::diff::Named, code: &dyn Fn(&str) -> String) -> String {
    match n {
        crate::diff::Named::Ceasefire => "the ceasefire term".to_owned(),
        crate::diff::Named::Phase(p) => format!("phase {}", code(p)),
        crate::diff::Named::After { term, from_start } => {
            if *from_start {
                format!("the start of {}", code(term))
            } else {
                format!("after {}", code(term))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Field;

    #[test]
    fn a_range_reads_as_in_a_comparison() {
        let c = Change {
            field: Field::Params,
            kind: ChangeKind::Param {
                name: "count".into(),
                old: Some(ParamValue::Number(30.0)),
                new: Some(ParamValue::Range {
                    min: Some(30.0),
                    max: None,
                }),
                direction: Some(Direction::Widened),
            },
        };
        assert_eq!(change(&c), "`count` 30 → at least 30 (widened)");
    }

    #[test]
    fn modality_glosses_name_who_is_bound() {
        assert_eq!(
            modality_gloss(
                Modality::MustNot,
                &["US".into()],
                "military_aid",
                Some("UA"),
                true
            ),
            "US now agrees to halt military aid to UA"
        );
        assert_eq!(
            modality_gloss(Modality::May, &["RU".into(), "UA".into()], "strikes", None, false),
            "the proposal now merely allows RU and UA strikes"
        );
        assert_eq!(
            modality_gloss(
                Modality::MustNot,
                &["IL".into(), "HAMAS".into()],
                "hostilities",
                None,
                true
            ),
            "IL and HAMAS now agree to halt hostilities"
        );
    }
}
