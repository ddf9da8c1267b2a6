//! Renderers of a what-if evaluation ([`crate::whatif::WhatIf`]): `text` (terminal),
//! `markdown` (a briefing), `json` (for scripts, with its own output types), in the
//! words of [`crate::report::words`]. What the three share beyond words lives here:
//! whether a change is for the better, what a problem says.

pub mod json;
pub mod markdown;
pub mod text;

use crate::engine::{BlockStatus, Change, Counts, Direction, Finding, RelationKind};
use crate::limit_kind::{LimitKind, Raise};
use crate::whatif::{Outcome, Problem, ScenarioResult, Summary};

/// Whether a change moves the sides closer or further apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// A conflict, block or deadlock gone, an agreement gained.
    Better,
    /// A conflict, block or deadlock introduced, an agreement lost.
    Worse,
    /// Open points, pending terms, divergences, compatibilities.
    Neutral,
}

/// Whether `change` is for the better.
pub fn tone(change: &Change) -> Tone {
    let gained = change.direction == Direction::Gained;
    let bad = match &change.finding {
        Finding::Relation {
            kind: RelationKind::Conflict,
            ..
        }
        | Finding::Held {
            status: BlockStatus::Blocked,
            ..
        }
        | Finding::Deadlock { .. } => true,
        Finding::Relation {
            kind: RelationKind::Agree,
            ..
        } => !gained,
        _ => return Tone::Neutral,
    };
    match (bad, gained) {
        (true, true) => Tone::Worse,
        (true, false) => Tone::Better,
        (false, true) => Tone::Better,
        (false, false) => Tone::Worse,
    }
}

/// A problem in words: the message and a suggestion, one entry per error.
pub fn problem(p: &Problem) -> Vec<(String, Option<String>)> {
    problem_with(p, LimitKind::raise)
}

/// [`problem`], with `raise` saying how to raise a limit the scenario went past (the
/// library's [`LimitKind::raise`] names the field of [`crate::limits::Limits`]; the
/// command line names its flag).
pub fn problem_with(p: &Problem, raise: Raise) -> Vec<(String, Option<String>)> {
    match p {
        Problem::Edit { index, edit, error } => vec![(
            format!("edit {} `{}`: {}", index + 1, edit.edit, error.message),
            error.help.clone(),
        )],
        Problem::Invalid { proposal, errors } => errors
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.raise_with(raise);
                let term = term_at(proposal, &d.path)
                    .map(|t| format!(" (term `{t}`)"))
                    .unwrap_or_default();
                let at = if d.path.is_empty() {
                    String::new()
                } else {
                    format!(" at `{}`{term}", d.path)
                };
                (
                    format!("the edits leave `{}` invalid{at}: {}", proposal.id, d.message),
                    d.help,
                )
            })
            .collect(),
        Problem::Engine(e) => vec![(e.message(raise), None)],
    }
}

/// The counts a what-if shows for each scenario and pair, in order, by their column
/// names.
pub const COLUMNS: [&str; 11] = [
    "conflicts",
    "indirect",
    "contingent",
    "deadlocks",
    "diverge",
    "to agree",
    "compatible",
    "blocked",
    "pending",
    "open",
    "agreed",
];

/// A pair's counts in the order of [`COLUMNS`] (every finding kind: a scenario that
/// only adds a deadlock or a divergence shows it); `—` each for a pair a scenario has
/// no analysis of.
pub fn columns(counts: Option<&Counts>) -> [String; 11] {
    match counts {
        Some(c) => [
            c.conflicts,
            c.indirect,
            c.contingent,
            c.deadlocks,
            c.diverge,
            c.to_be_agreed,
            c.compatible,
            c.blocked,
            c.pending,
            c.open,
            c.agree,
        ]
        .map(|n| n.to_string()),
        None => std::array::from_fn(|_| "—".to_owned()),
    }
}

/// What became of a pair's verdict in a scenario: `conflicting → compatible`, or, when
/// the verdict stays, the counts that moved (`conflicting (verdict unchanged; deadlocks
/// 0 → 1)`, with `counts` before and after), so that a new deadlock or divergence never
/// reads as "unchanged".
pub fn verdict_change(pc: &crate::whatif::PairChanges, counts: Option<(&Counts, &Counts)>) -> String {
    let after = pc.after;
    match pc.before {
        Some(b) if b == after => match counts {
            Some((b, a)) if b != a => format!(
                "{} (verdict unchanged; {})",
                after.as_str(),
                crate::report::words::counts_change(b, a)
            ),
            _ => format!("{} (unchanged)", after.as_str()),
        },
        Some(b) => format!("{} → {}", b.as_str(), after.as_str()),
        None => format!("new → {}", after.as_str()),
    }
}

/// The counts of the `k`th pair in the baseline and in evaluated scenario `e`.
pub fn pair_counts<'a>(
    base: &'a crate::whatif::Summary,
    e: &'a crate::whatif::Evaluation,
    k: usize,
) -> Option<(&'a Counts, &'a Counts)> {
    base.pairs
        .get(k)
        .zip(e.summary.pairs.get(k))
        .map(|(b, a)| (&b.counts, &a.counts))
}

/// The id of the term a JSON path `terms[N]...` points into.
fn term_at<'a>(proposal: &'a crate::model::Proposal, path: &str) -> Option<&'a str> {
    let rest = path.strip_prefix("terms[")?;
    let (n, _) = rest.split_once(']')?;
    let n: usize = n.parse().ok()?;
    proposal.terms.get(n).map(|t| &*t.id)
}

/// The summary of a scenario's analysis, if it was evaluated.
pub fn summary(s: &ScenarioResult) -> Option<&Summary> {
    match &s.outcome {
        Outcome::Evaluated(e) => Some(&e.summary),
        Outcome::Invalid(_) => None,
    }
}
