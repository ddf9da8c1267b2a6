//! Self-consistency (DESIGN §3, v2): the conflicts of one proposal with itself, found
//! by relating the proposal to a copy of itself with the engine's own relation (not a
//! second rule set). `check` words them as warnings. A contingent conflict (one term
//! applies only after another term's outcome) is none.

use std::sync::Arc;

use super::analysis::RelationKind;
use super::{EngineError, analyze_shared};
use crate::limits::Limits;
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

/// Two terms of one proposal that conflict with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SelfConflict {
    /// The earlier term, by index in the proposal.
    pub first: usize,
    /// The later term.
    pub second: usize,
    /// Whether the conflict goes through a derivation rule.
    pub indirect: bool,
}

/// The conflicts of `proposal` with itself, each pair of terms once (earlier term
/// first), in term order.
pub fn self_conflicts(
    proposal: &ResolvedProposal,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Vec<SelfConflict>, EngineError> {
    let mut copy = proposal.clone();
    // The copy needs an id of its own; no finding is worded with it.
    copy.proposal.id = format!("{}~itself", proposal.id());
    let analysis = analyze_shared(vec![Arc::new(proposal.clone()), Arc::new(copy)], vocab, limits)?;
    let mut out: Vec<SelfConflict> = analysis
        .pairs
        .iter()
        // A contingent conflict is no contradiction: one term applies only after an
        // outcome ("a ceasefire, and the right to resume if the talks fail").
        .flat_map(|pair| {
            pair.relations
                .iter()
                .enumerate()
                .filter(|(i, _)| pair.contingent.binary_search(i).is_err())
                .map(|(_, r)| r)
        })
        .filter(|r| r.kind == RelationKind::Conflict && r.left.term.term != r.right.term.term)
        .map(|r| {
            let (a, b) = (r.left.term.term, r.right.term.term);
            SelfConflict {
                first: a.min(b),
                second: a.max(b),
                indirect: r.is_indirect(),
            }
        })
        .collect();
    out.sort_unstable();
    // A direct conflict of two terms is named once, before an indirect one.
    out.dedup_by_key(|c| (c.first, c.second));
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_proposal_that_contradicts_itself_and_one_that_does_not() {
        let vocab = Vocab::default_pack().unwrap();
        let p: crate::model::Proposal = serde_json::from_str(
            r#"{ "id": "p", "by": ["RU"], "terms": [
                { "id": "all", "subject": "RU", "action": "withdrawal" },
                { "id": "keep", "subject": "RU", "modality": "must_not", "action": "withdrawal", "scope": ["kherson"] },
                { "id": "talks", "subject": "RU", "action": "negotiations" }
            ] }"#,
        )
        .unwrap();
        let r = crate::load::resolve(&p, &vocab).0.unwrap();
        let found = self_conflicts(&r, &vocab, &Limits::default()).unwrap();
        assert_eq!(
            found,
            vec![SelfConflict {
                first: 0,
                second: 1,
                indirect: false
            }]
        );
        let mut fine = p.clone();
        fine.terms.remove(1);
        let r = crate::load::resolve(&fine, &vocab).0.unwrap();
        assert!(self_conflicts(&r, &vocab, &Limits::default()).unwrap().is_empty());
    }
}
