//! The what-if edits that carry out a package: the conditions held on each withdrawn
//! term lifted (`unrequire`), then the terms dropped.

use std::collections::HashSet;

use super::problem::Candidate;
use crate::engine::{Analysis, TermRef};
use crate::whatif::Edit;

/// The edits that withdraw `terms`: first every condition on them held by a term that
/// stays, then the terms themselves.
pub(super) fn withdraw(a: &Analysis, candidates: &[Candidate], terms: &[usize]) -> Vec<Edit> {
    let dropped: Vec<TermRef> = terms
        .iter()
        .filter_map(|&i| candidates.get(i))
        .map(|c| c.term)
        .collect();
    let gone: HashSet<TermRef> = dropped.iter().copied().collect();
    let gone_ids: HashSet<(usize, &str)> = dropped
        .iter()
        .filter_map(|d| Some((d.proposal, &*a.term(*d)?.id)))
        .collect();
    let mut edits = Vec::new();
    for (pi, p) in a.proposals.iter().enumerate() {
        for (ti, t) in p.proposal.terms.iter().enumerate() {
            if t.requires.is_empty()
                || gone.contains(&TermRef {
                    proposal: pi,
                    term: ti,
                })
            {
                continue;
            }
            for c in t.requires.iter().filter(|c| gone_ids.contains(&(pi, &*c.term))) {
                edits.push(Edit::Unrequire {
                    term: format!("{}/{}", p.id(), t.id),
                    condition: c.term.to_string(),
                });
            }
        }
    }
    edits.extend(dropped.iter().map(|&d| Edit::Drop { term: a.term_name(d) }));
    edits
}
