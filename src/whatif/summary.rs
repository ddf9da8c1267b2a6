//! What the what-if and concession reports show of a scenario's analysis: each
//! pair's verdict and counts, and each proposal's burden share. A sweep keeps this
//! for each scenario and lets the analysis go, so that its memory grows with the
//! number of scenarios by a few words each, not by a full analysis each.

use crate::engine::{Analysis, Counts, Verdict};

/// The verdicts, counts and burden shares of one analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// One entry per pair of proposals, in the analysis's order.
    pub pairs: Vec<PairSummary>,
    /// For each proposal, the share of its weighted burden on its own authors (`None`
    /// when it binds no one).
    pub own_shares: Vec<Option<f64>>,
}

/// One pair's verdict and counts.
#[derive(Debug, Clone, PartialEq)]
pub struct PairSummary {
    /// Index of the left proposal.
    pub left: usize,
    /// Index of the right proposal.
    pub right: usize,
    /// The overall judgement.
    pub verdict: Verdict,
    /// How many findings of each kind.
    pub counts: Counts,
}

impl Summary {
    /// The summary of `a`.
    pub fn of(a: &Analysis) -> Summary {
        Summary {
            pairs: a
                .pairs
                .iter()
                .map(|p| PairSummary {
                    left: p.left,
                    right: p.right,
                    verdict: p.verdict,
                    counts: p.counts(),
                })
                .collect(),
            own_shares: a.burden.iter().map(|b| b.own_share()).collect(),
        }
    }

    /// Whether some pair conflicts (a conflict or a deadlock).
    pub fn has_conflict(&self) -> bool {
        self.pairs.iter().any(|p| p.verdict == Verdict::Conflicting)
    }
}
