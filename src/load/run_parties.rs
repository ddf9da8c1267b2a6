//! The parties of a run (issue 23): the subject `any` ("no one may ...") stands for
//! every party the proposals of the run name — authors, subjects, groups' members and
//! targets — not for every party of the vocabulary, which names every state and armed
//! group a negotiation may involve.

use crate::collections::Shared;
use crate::resolved::ResolvedProposal;
use crate::vocab::{ANY, PartyId, Vocab};

/// Whether term `i` of `p` names `any` among its subjects.
fn names_any(p: &ResolvedProposal, i: usize) -> bool {
    p.proposal
        .terms
        .get(i)
        .is_some_and(|t| t.subject.parties().iter().any(|s| **s == *ANY))
}

/// Sets the parties `any` stands for to those the `proposals` name otherwise, and
/// narrows the subjects of their terms written with `any` to them; nothing when no
/// term names `any` (the usual case costs one look at each term's subject).
pub fn restrict_any(vocab: &mut Vocab, proposals: &mut [ResolvedProposal]) {
    let uses_any = proposals
        .iter()
        .any(|p| (0..p.terms.len()).any(|i| names_any(p, i)));
    if !uses_any {
        return;
    }
    let mut named: Vec<PartyId> = Vec::new();
    for p in proposals.iter() {
        named.extend(&p.by);
        for (i, t) in p.terms.iter().enumerate() {
            if !names_any(p, i) {
                named.extend(t.subjects.iter());
            }
            named.extend(t.target);
        }
    }
    vocab.set_run_parties(named);
    let Some(run) = vocab.run_parties.clone() else {
        return;
    };
    // One list, shared by every term written with `any`.
    let run: Shared<PartyId> = run.iter().copied().collect();
    for p in proposals.iter_mut() {
        for i in 0..p.terms.len() {
            // `any` beside named parties or groups is `any`: they are among the run's.
            if names_any(p, i) {
                p.terms[i].subjects = run.clone();
            }
        }
    }
}
