//! Changes in domain words: the one-line summaries every renderer shows.

use super::result::{Change, ChangeKind, Direction, MetaChange};
use crate::model::{Modality, ParamValue, Params, Timing};
use crate::resolved::{Interval, ResolvedTerm};
use crate::vocab::Vocab;

impl Change {
    /// What the change means, in one line, without the field name:
    /// `must → must_not: US now agrees to halt military aid to UA`.
    pub fn summary(&self) -> String {
        match &self.kind {
            ChangeKind::Renamed { old, new } => format!("`{old}` → `{new}`"),
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
                let mut parts = vec![format!("{} → {}", parties(old), parties(new))];
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
            ChangeKind::Action { old, new, direction } => {
                format!(
                    "{old} → {new} ({})",
                    words(*direction, ["broadened", "narrowed", "changed"])
                )
            }
            ChangeKind::Scope { old, new, direction } => format!(
                "{} → {} ({})",
                scope(old),
                scope(new),
                words(*direction, ["widened", "narrowed", "changed"])
            ),
            ChangeKind::Window {
                old,
                new,
                direction,
                follows_ceasefire,
            } => {
                let how = words(*direction, ["lengthened", "shortened", "moved"]);
                let follows = if *follows_ceasefire {
                    ", following the ceasefire term"
                } else {
                    ""
                };
                match (old.from, old.to(), new.from, new.to()) {
                    (0, Some(a), 0, Some(b)) => format!("{a} → {b} days ({how}{follows})"),
                    _ => format!("{old} → {new} ({how}{follows})"),
                }
            }
            ChangeKind::Param {
                name,
                old,
                new,
                direction,
            } => match (old, new) {
                (Some(x), Some(y)) => {
                    let how = match (x, y, direction) {
                        (ParamValue::Number(_), ParamValue::Number(_), Some(d)) => {
                            format!(" ({})", words(*d, ["increased", "decreased", "changed"]))
                        }
                        (_, _, Some(d)) => format!(" ({})", words(*d, ["widened", "narrowed", "changed"])),
                        _ => String::new(),
                    };
                    format!("`{name}` {} → {}{how}", param(x), param(y))
                }
                (None, Some(y)) => format!("`{name}` added: {}", param(y)),
                (Some(x), None) => format!("`{name}` removed (was {})", param(x)),
                (None, None) => format!("`{name}` unchanged"),
            },
            ChangeKind::Requires {
                added,
                removed,
                retimed,
            } => {
                let list = |cs: &[(String, Timing)]| {
                    cs.iter()
                        .map(|(id, t)| format!("`{id}` ({})", t.as_str()))
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
                    parts.push(format!("`{id}` {} → {}", a.as_str(), b.as_str()));
                }
                parts.join("; ")
            }
            ChangeKind::Priority { old, new, direction } => {
                format!(
                    "{old} → {new} ({})",
                    words(*direction, ["raised", "lowered", "changed"])
                )
            }
            ChangeKind::Wording { old, new, .. } => match (old, new) {
                (None, Some(_)) => "added".into(),
                (Some(_), None) => "removed".into(),
                _ => "reworded".into(),
            },
            ChangeKind::Annotation { old, new } => annotation(old.as_deref(), new.as_deref()),
            ChangeKind::Notation { old, new } => format!("written {old} → {new} (same meaning)"),
        }
    }
}

impl MetaChange {
    /// What changed, in one line, without the field name.
    pub fn summary(&self) -> String {
        annotation(self.old.as_deref(), self.new.as_deref())
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
    match (self_binding, modality) {
        (true, Modality::Must) => format!("{who} now commits to {what}"),
        (true, Modality::MustNot) => format!("{who} now agrees to halt {what}"),
        (true, Modality::May) => format!("{who} now only keeps the option of {what}"),
        (false, Modality::Must) => format!("the proposal now demands {what} from {who}"),
        (false, Modality::MustNot) => format!("the proposal now demands that {who} halt {what}"),
        (false, Modality::May) => format!("the proposal now merely allows {who} {what}"),
    }
}

fn words(d: Direction, [more, less, other]: [&'static str; 3]) -> &'static str {
    match d {
        Direction::Widened => more,
        Direction::Narrowed => less,
        Direction::Shifted => other,
    }
}

fn parties(ps: &[String]) -> String {
    if ps.is_empty() {
        "nobody".into()
    } else {
        ps.join(", ")
    }
}

fn scope(labels: &[String]) -> String {
    if labels.is_empty() {
        "everywhere".into()
    } else {
        labels.join(", ")
    }
}

/// A parameter value as reports show it: `30`, `30–60`, `≥ 30`, `all_for_all`, `{a, b}`.
pub fn param(v: &ParamValue) -> String {
    let num = |n: f64| {
        if n.fract() == 0.0 && n.abs() < 9.0e15 {
            format!("{}", n as i64)
        } else {
            format!("{n}")
        }
    };
    match v {
        ParamValue::Number(n) => num(*n),
        ParamValue::Range {
            min: Some(a),
            max: Some(b),
        } => format!("{}–{}", num(*a), num(*b)),
        ParamValue::Range {
            min: Some(a),
            max: None,
        } => format!("≥ {}", num(*a)),
        ParamValue::Range {
            min: None,
            max: Some(b),
        } => format!("≤ {}", num(*b)),
        ParamValue::Range { min: None, max: None } => "any".into(),
        ParamValue::Value(s) => s.clone(),
        ParamValue::Set(s) => format!("{{{}}}", s.join(", ")),
    }
}

/// A term (as resolved, with its written parameters) in one line: `US must not
/// military_aid to UA, days 0–30`.
pub fn term_summary(vocab: &Vocab, t: &ResolvedTerm, params: &Params) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(64);
    let list = |s: &mut String, names: &mut dyn Iterator<Item = &str>| {
        for (k, name) in names.enumerate() {
            if k > 0 {
                s.push_str(", ");
            }
            s.push_str(name);
        }
    };
    list(&mut s, &mut t.subjects.iter().map(|&p| vocab.party_code(p)));
    s.push(' ');
    s.push_str(t.modality.in_words());
    s.push(' ');
    s.push_str(vocab.action_id(t.action));
    if let Some(target) = t.target {
        s.push_str(" to ");
        s.push_str(vocab.party_code(target));
    }
    if !t.scope.is_empty() {
        s.push_str(" in ");
        list(&mut s, &mut t.scope.iter().map(|&l| vocab.label_id(l)));
    }
    // Writing to a `String` cannot fail.
    if t.window != Interval::ALWAYS {
        let _ = write!(s, ", {}", t.window);
    }
    for (name, v) in params.iter() {
        let _ = write!(s, ", {name} {}", param(v));
    }
    s
}
