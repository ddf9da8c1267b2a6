//! Renderers of a [`crate::diff::ProposalDiff`]: one file per format, each in the
//! words of [`crate::report::words`]; here what the formats share beyond words: the
//! order of the effects of the change impact, and whether an effect is for the better.

pub mod json;
pub mod markdown;
pub mod patch;
pub mod text;

use crate::diff::{Effect, Impact, ProposalDiff, TermDiff};
use crate::engine::{self, Finding, RelationKind};

/// The effects of the change impact, each once, ordered by the first term of the diff they
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

/// Whether an effect brings the sides closer: a conflict, divergence, held-up term,
/// open point or deadlock gone, or an agreement or compatibility gained.
pub fn is_improvement(e: &Effect) -> bool {
    let gained = e.change.direction == engine::Direction::Gained;
    match &e.change.finding {
        Finding::Relation { kind, .. } => match kind {
            RelationKind::Agree | RelationKind::Compatible => gained,
            RelationKind::Conflict | RelationKind::Diverge | RelationKind::ToBeAgreed => !gained,
        },
        Finding::Held { .. } | Finding::Open { .. } | Finding::Deadlock { .. } => !gained,
    }
}
