//! Renderers of a [`crate::diff::ProposalDiff`]: one file per format.

pub mod json;
pub mod markdown;
pub mod patch;
pub mod text;

use crate::diff::{Counts, Effect, Impact, Link, ProposalDiff, TermDiff};
use crate::engine::{self, Finding, RelationKind};

/// The headline counts: `2 changed, 1 added, 1 removed, 3 unchanged`.
pub fn counts_line(d: &ProposalDiff) -> String {
    let Counts {
        changed,
        added,
        removed,
        unchanged,
    } = d.counts();
    format!("{changed} changed, {added} added, {removed} removed, {unchanged} unchanged")
}

/// The effects of `--against`, each once, ordered by the first term of the diff they
/// are attributed to (effects naming only OTHER's terms last), with the term ids as a
/// label (`—` for none).
pub fn impact_rows<'a>(d: &ProposalDiff, i: &'a Impact) -> Vec<(String, &'a Effect)> {
    let order: Vec<&str> = d
        .terms
        .iter()
        .map(|t| match t {
            TermDiff::Matched(m) => m.new.id.as_str(),
            TermDiff::Added(s) | TermDiff::Removed(s) => s.id.as_str(),
        })
        .collect();
    let rank = |e: &Effect| {
        e.terms
            .iter()
            .filter_map(|t| order.iter().position(|o| o == t))
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut rows: Vec<(usize, usize, &Effect)> = i
        .effects
        .iter()
        .enumerate()
        .map(|(k, e)| (rank(e), k, e))
        .collect();
    rows.sort_by_key(|r| (r.0, r.1));
    rows.into_iter()
        .map(|(_, _, e)| {
            let label = if e.terms.is_empty() {
                "—".to_owned()
            } else {
                e.terms.join(", ")
            };
            (label, e)
        })
        .collect()
}

/// The witnesses of an effect in one line: `a ⟷ b; c requires d`, or the terms the
/// finding names when it has no pair (an open point, a deadlock's cycle).
pub fn witness_line(e: &Effect) -> String {
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

/// The finding counts that differ before and after: `conflicts 2 → 0, open 3 → 2`.
pub fn counts_change(before: &engine::Counts, after: &engine::Counts) -> String {
    let pick = |c: &engine::Counts| {
        [
            ("conflicts", c.conflicts),
            ("indirect", c.indirect),
            ("diverge", c.diverge),
            ("compatible", c.compatible),
            ("agree", c.agree),
            ("blocked", c.blocked),
            ("pending", c.pending),
            ("open", c.open),
            ("deadlocks", c.deadlocks),
        ]
    };
    let parts: Vec<String> = pick(before)
        .into_iter()
        .zip(pick(after))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| format!("{name} {a} → {b}"))
        .collect();
    if parts.is_empty() {
        "no count changed".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Whether an effect brings the sides closer: a conflict, divergence, held-up term,
/// open point or deadlock gone, or an agreement or compatibility gained.
pub fn is_improvement(e: &Effect) -> bool {
    let gained = e.change.direction == engine::Direction::Gained;
    match &e.change.finding {
        Finding::Relation { kind, .. } => match kind {
            RelationKind::Agree | RelationKind::Compatible => gained,
            RelationKind::Conflict | RelationKind::Diverge => !gained,
        },
        Finding::Held { .. } | Finding::Open { .. } | Finding::Deadlock { .. } => !gained,
    }
}
