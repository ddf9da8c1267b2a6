//! Relating the atoms of two proposals through an index on subject, action and scope
//! ([`AtomIndex`]), in runs on the threads of the pool, within a budget of comparisons
//! and one of relations kept.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::analysis::{Open, Relation};
use super::atom::Atom;
use super::collect::{Collector, Seen, mark, open_points};
use super::counterpart;
pub(super) use super::index::AtomIndex;
use super::order::sort_relations;
use super::related::Related;
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

/// The pair needed more than [`crate::limits::MAX_CANDIDATES`] comparisons of atoms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TooManyCandidates;

/// Why relating a pair stopped: its comparisons or its relations went past their
/// budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stopped {
    /// More comparisons than [`crate::limits::Limits::max_comparisons`].
    Comparisons,
    /// More relations than [`crate::limits::Limits::max_relations`].
    Relations,
}

/// The budgets of relating one pair: comparisons of atoms, and relations kept.
#[derive(Debug, Clone, Copy)]
pub(super) struct Budget {
    /// Comparisons of atoms.
    pub comparisons: usize,
    /// Relations kept.
    pub relations: usize,
}

/// One proposal as the pair computation sees it.
pub(super) struct PairInput<'a> {
    /// The resolved proposal.
    pub proposal: &'a ResolvedProposal,
    /// Its atoms, written then derived.
    pub atoms: &'a [Atom],
    /// Where each term's block lies in `atoms`.
    pub spans: &'a [Range<usize>],
    /// The index of its atoms: read for the right side only (the left side's atoms are
    /// looked up in it), so the left side's may be empty.
    pub index: &'a AtomIndex,
}

/// The relations and open points between two proposals, comparing at most
/// `budget.comparisons` pairs of atoms and keeping at most `budget.relations` relations
/// (counted as they are found, so that a pair whose every term meets every other stops
/// at the limit instead of running out of memory). The left side's atoms are related in runs on the threads of the
/// pool (each run whole terms, so that a term's relations are found in one run), and
/// the runs' relations put together in their order, as one run would find them.
pub(super) fn relate_pair(
    left: &PairInput,
    right: &PairInput,
    related: &Related,
    vocab: &Vocab,
    budget: Budget,
) -> Result<(Vec<Relation>, Vec<Open>), Stopped> {
    let parts = if left.atoms.len() < MIN_RUN {
        1
    } else {
        rayon::current_num_threads().clamp(1, left.atoms.len() / MIN_RUN)
    };
    relate_in_runs(left, right, related, vocab, budget, parts)
}

/// [`relate_pair`] in `parts` runs.
fn relate_in_runs(
    left: &PairInput,
    right: &PairInput,
    related: &Related,
    vocab: &Vocab,
    budget: Budget,
    parts: usize,
) -> Result<(Vec<Relation>, Vec<Open>), Stopped> {
    let budget = Budgets {
        comparisons: AtomicUsize::new(budget.comparisons),
        relations: AtomicUsize::new(budget.relations),
    };
    // Room made up front is bounded by what may be kept.
    let most = budget.relations.load(Ordering::Relaxed);
    // A pair of proposals usually has about as many relations as atoms on both sides:
    // the first run makes room for them all at once (sparing the copies and fresh
    // pages of growing a list of millions by doubling), and the others' are added to it.
    let room = (left.atoms.len() + right.atoms.len()).min(most);
    let runs: Vec<_> = split_at_terms(left.atoms, parts)
        .into_par_iter()
        .enumerate()
        .map(|(k, run)| {
            let room = if k == 0 {
                room
            } else {
                run.len().saturating_mul(room) / left.atoms.len().max(1)
            };
            relate_run(left, right, related, vocab, run, room, &budget)
        })
        .collect();
    let mut relations = Vec::new();
    let mut seen_left = Vec::with_capacity(left.atoms.len());
    let mut seen_right: Vec<Seen> = Vec::new();
    // The first run's lists take in the others'.
    for run in runs {
        let run = run?;
        if relations.capacity() == 0 {
            relations = run.relations;
        } else {
            relations.extend(run.relations);
        }
        seen_left.extend(run.seen_left);
        if seen_right.is_empty() {
            seen_right = run.seen_right;
        } else {
            for (s, r) in seen_right.iter_mut().zip(run.seen_right) {
                s.merge(r);
            }
        }
    }
    let mut relations = sort_relations(relations);
    let blocks = [left, right].map(|s| counterpart::Blocks {
        atoms: s.atoms,
        spans: s.spans,
    });
    counterpart::mark_incidental(&mut relations, blocks, related, vocab);
    let mut open = open_points(left.atoms, &seen_left);
    open.extend(open_points(right.atoms, &seen_right));
    Ok((relations, open))
}

/// The fewest left atoms worth a run of their own.
const MIN_RUN: usize = 1 << 14;

/// What relating one run of left atoms found.
struct Run {
    relations: Vec<Relation>,
    /// For each atom of the run.
    seen_left: Vec<Seen>,
    /// For each right atom.
    seen_right: Vec<Seen>,
}

/// The budgets of a pair, shared by its runs.
struct Budgets {
    comparisons: AtomicUsize,
    relations: AtomicUsize,
}

/// Takes `n` from `budget`, or fails when it has less.
fn spend(budget: &AtomicUsize, n: usize) -> bool {
    budget
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| b.checked_sub(n))
        .is_ok()
}

/// Relates the left atoms `run` to the right side, with room for `room` relations,
/// taking the comparisons and the relations found from `budget` (shared by the runs).
fn relate_run(
    left: &PairInput,
    right: &PairInput,
    related: &Related,
    vocab: &Vocab,
    run: Range<usize>,
    room: usize,
    budget: &Budgets,
) -> Result<Run, Stopped> {
    let mut collector = Collector::new(left.proposal, left.atoms, right.proposal, right.atoms);
    collector.reserve(room);
    let mut seen_left = vec![Seen::default(); run.len()];
    let mut seen_right = vec![Seen::default(); right.atoms.len()];
    let start = run.start;
    let mut candidates = Vec::new();
    for (i, a) in left.atoms.get(run).unwrap_or_default().iter().enumerate() {
        let i = start + i;
        right.index.candidates_into(&mut candidates, a, related, vocab);
        if !spend(&budget.comparisons, candidates.len()) {
            return Err(Stopped::Comparisons);
        }
        let before = collector.relations.len();
        for &j in &candidates {
            if let Some(coverage) = collector.add(i, j, vocab) {
                mark(&mut seen_left, &mut seen_right, i - start, j, coverage);
            }
        }
        if !spend(&budget.relations, collector.relations.len() - before) {
            return Err(Stopped::Relations);
        }
    }
    Ok(Run {
        relations: collector.relations,
        seen_left,
        seen_right,
    })
}

/// `atoms` in `parts` runs of about the same length, each run whole blocks of terms.
fn split_at_terms(atoms: &[Atom], parts: usize) -> Vec<Range<usize>> {
    let mut runs = Vec::with_capacity(parts);
    let mut start = 0;
    for k in 1..parts {
        let mut end = (atoms.len() * k / parts).max(start);
        while end < atoms.len() && end > 0 && atoms[end].term == atoms[end - 1].term {
            end += 1;
        }
        runs.push(start..end);
        start = end;
    }
    runs.push(start..atoms.len());
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relating in runs on several threads finds what one run finds, in the same
    /// order, and spends the same budget.
    #[test]
    fn runs_find_what_one_run_finds() {
        let w = crate::generate::generate(&crate::generate::Spec::new(600, 3));
        let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
        let resolve = |p: &crate::model::Proposal| crate::load::resolve(p, &vocab).0.unwrap();
        let (a, b) = (resolve(&w.a), resolve(&w.b));
        let (atoms_a, atoms_b) = (
            crate::engine::ProposalAtoms::build(0, &a, &vocab).unwrap(),
            crate::engine::ProposalAtoms::build(1, &b, &vocab).unwrap(),
        );
        let (empty, index) = (AtomIndex::default(), AtomIndex::new(&atoms_b.atoms, &vocab));
        let left = PairInput {
            proposal: &a,
            atoms: &atoms_a.atoms,
            spans: &atoms_a.spans,
            index: &empty,
        };
        let right = PairInput {
            proposal: &b,
            atoms: &atoms_b.atoms,
            spans: &atoms_b.spans,
            index: &index,
        };
        let related = Related::new(&vocab);
        let all = |comparisons| Budget {
            comparisons,
            relations: usize::MAX,
        };
        let one = relate_in_runs(&left, &right, &related, &vocab, all(usize::MAX), 1).unwrap();
        assert!(one.0.len() > 100 && !one.1.is_empty());
        for parts in [2, 3, 7] {
            let runs = split_at_terms(&atoms_a.atoms, parts);
            assert_eq!(runs.len(), parts);
            assert!(runs.windows(2).all(|w| w[0].end == w[1].start));
            assert!(
                runs.iter()
                    .all(|r| r.start == 0 || atoms_a.atoms[r.start].term != atoms_a.atoms[r.start - 1].term)
            );
            let many = relate_in_runs(&left, &right, &related, &vocab, all(usize::MAX), parts).unwrap();
            assert_eq!(many, one, "{parts} runs");
        }
        // The budget is shared: what one run cannot afford, several cannot either.
        let spent: usize = atoms_a
            .atoms
            .iter()
            .map(|x| index.candidates(x, &related, &vocab).len())
            .sum();
        assert!(relate_in_runs(&left, &right, &related, &vocab, all(spent), 3).is_ok());
        assert_eq!(
            relate_in_runs(&left, &right, &related, &vocab, all(spent - 1), 3).err(),
            Some(Stopped::Comparisons)
        );
        // So is the budget of relations: what one run keeps, several keep, and no more.
        let kept = one.0.len();
        let keep = |relations| Budget {
            comparisons: usize::MAX,
            relations,
        };
        assert!(relate_in_runs(&left, &right, &related, &vocab, keep(kept), 3).is_ok());
        assert_eq!(
            relate_in_runs(&left, &right, &related, &vocab, keep(kept - 1), 3).err(),
            Some(Stopped::Relations)
        );
    }
    use crate::engine::atom::ProposalAtoms;

    #[test]
    fn the_comparison_budget_ends_with_an_error_not_a_hang() {
        let vocab = Vocab::default_pack().unwrap();
        let terms: Vec<serde_json::Value> = (0..20)
            .map(|i| serde_json::json!({ "id": format!("t{i}"), "subject": "RU", "modality": "must_not", "action": "strikes", "text": "x" }))
            .collect();
        let p: crate::model::Proposal = serde_json::from_value(
            serde_json::json!({ "id": "p", "by": ["RU"], "source": "s", "terms": terms }),
        )
        .unwrap();
        let resolved = crate::load::resolve(&p, &vocab).0.unwrap();
        let atoms = ProposalAtoms::build(0, &resolved, &vocab).unwrap();
        let index = AtomIndex::new(&atoms.atoms, &vocab);
        let input = PairInput {
            proposal: &resolved,
            atoms: &atoms.atoms,
            spans: &atoms.spans,
            index: &index,
        };
        let related = Related::new(&vocab);
        let budget = |comparisons, relations| Budget {
            comparisons,
            relations,
        };
        assert!(
            relate_pair(&input, &input, &related, &vocab, budget(400, 400)).is_ok(),
            "20 × 20 fits"
        );
        assert_eq!(
            relate_pair(&input, &input, &related, &vocab, budget(399, 400)).err(),
            Some(Stopped::Comparisons)
        );
        // Every term agrees with every other: 400 relations, one more than allowed.
        assert_eq!(
            relate_pair(&input, &input, &related, &vocab, budget(400, 399)).err(),
            Some(Stopped::Relations)
        );
    }
}
