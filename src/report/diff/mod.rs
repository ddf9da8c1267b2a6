//! Renderers of a [`crate::diff::ProposalDiff`]: one file per format.

pub mod json;
pub mod markdown;
pub mod patch;
pub mod text;

use crate::diff::{Counts, ProposalDiff};

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
