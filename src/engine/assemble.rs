//! Putting an analysis together: each pair of proposals related afresh through the
//! right side's atom index (made before its first use and freed after its last), its
//! held-up terms traced, its deadlocks found and its verdict given; then the terms all
//! proposals agree on.

use std::sync::Arc;

use super::analysis::{Analysis, Blocked, Deadlock, Open, Pair, Relation, RelationKind, Verdict};
use super::atom::{ProposalAtoms, TermRef};
use super::burden::Burden;
use super::index::AtomIndex;
use super::related::Related;
use super::relations::Relations;
use super::{EngineError, blocked, graph, pair};
use crate::collections::Chunked;
use crate::limits::Limits;
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

/// Relates pairs of proposals afresh. The right side's atoms are indexed (the left
/// side's are looked up in the index): an index is made before its first use and
/// freed after its last, so that what follows relating (tracing blocked terms) can
/// reuse its memory.
pub(crate) struct Fresh<'a> {
    proposals: &'a [Arc<ResolvedProposal>],
    atoms: &'a [Arc<ProposalAtoms>],
    /// How many of the pairs still to relate use each proposal's index.
    uses: Vec<usize>,
    indices: Vec<Option<AtomIndex>>,
    related: &'a Related,
    vocab: &'a Vocab,
    limits: &'a Limits,
}

impl<'a> Fresh<'a> {
    /// Ready to relate `pairs` (each `(i, j)` with `i < j`) of `proposals`.
    pub(crate) fn new(
        proposals: &'a [Arc<ResolvedProposal>],
        atoms: &'a [Arc<ProposalAtoms>],
        pairs: impl Iterator<Item = (usize, usize)>,
        related: &'a Related,
        vocab: &'a Vocab,
        limits: &'a Limits,
    ) -> Fresh<'a> {
        let mut uses = vec![0usize; proposals.len()];
        for (_, j) in pairs {
            if let Some(u) = uses.get_mut(j) {
                *u += 1;
            }
        }
        Fresh {
            proposals,
            atoms,
            uses,
            indices: (0..proposals.len()).map(|_| None).collect(),
            related,
            vocab,
            limits,
        }
    }

    /// Uses `index` as proposal `j`'s atom index (made from its atoms, by the caller,
    /// ahead of the first pair that needs it).
    pub(crate) fn index_with(&mut self, j: usize, index: AtomIndex) {
        if let Some(slot) = self.indices.get_mut(j) {
            *slot = Some(index);
        }
    }

    /// Pair `(i, j)` related afresh: its relations and open points, held-up terms,
    /// deadlocks and verdict.
    pub(crate) fn pair(&mut self, i: usize, j: usize) -> Result<Pair, EngineError> {
        let (proposals, atoms, limits) = (self.proposals, self.atoms, self.limits);
        if let (Some(slot @ None), Some(a)) = (self.indices.get_mut(j), atoms.get(j)) {
            *slot = Some(AtomIndex::new(&a.atoms, self.vocab));
        }
        let empty = AtomIndex::default();
        let input = |k: usize| pair::PairInput {
            proposal: &proposals[k],
            atoms: &atoms[k].atoms,
            spans: &atoms[k].spans,
            index: self.indices.get(k).and_then(Option::as_ref).unwrap_or(&empty),
        };
        let budget = pair::Budget {
            comparisons: limits.max_comparisons,
            relations: limits.max_relations,
        };
        let found =
            pair::relate_pair(&input(i), &input(j), self.related, self.vocab, budget).map_err(|stopped| {
                match stopped {
                    pair::Stopped::Comparisons => too_many(&proposals[i], &proposals[j], limits),
                    pair::Stopped::Relations => too_many_kept(&proposals[i], &proposals[j], limits),
                }
            })?;
        if let Some(u) = self.uses.get_mut(j) {
            *u = u.saturating_sub(1);
            if *u == 0 {
                self.indices[j] = None;
            }
        }
        full_pair([(i, &proposals[i]), (j, &proposals[j])], found, limits)
    }
}

/// The analysis of `proposals` from their atoms, pairs and burden: the terms all agree
/// on are found.
pub(crate) fn finish(
    proposals: Vec<Arc<ResolvedProposal>>,
    atoms: Vec<Arc<ProposalAtoms>>,
    pairs: Vec<Pair>,
    burden: Vec<Burden>,
    related: Arc<Related>,
    limits: &Limits,
) -> Analysis {
    let common = common_terms(&proposals, &pairs);
    Analysis {
        proposals,
        atoms,
        pairs,
        common,
        burden,
        limits: *limits,
        related,
    }
}

/// A pair related afresh, from its relations and open points: the blocked terms
/// traced, and the verdict and counts.
pub(crate) fn full_pair(
    sides: [(usize, &ResolvedProposal); 2],
    (mut relations, open): (Vec<Relation>, Vec<Open>),
    limits: &Limits,
) -> Result<Pair, EngineError> {
    let blocked = blocked::blocked(
        sides,
        &mut relations,
        open.iter().map(|o| o.term),
        limits.max_paths,
    )
    .map_err(|limit| too_many_paths(sides, limit))?;
    let relations = relations.into();
    let deadlocks = deadlocks(sides, &relations, limits)?;
    Ok(finish_pair(sides, relations, open.into(), blocked, deadlocks))
}

/// The deadlocks of a pair, from its conditions and the correspondences among
/// `relations`; the search is bounded by [`Limits::max_paths`].
pub(crate) fn deadlocks(
    sides: [(usize, &ResolvedProposal); 2],
    relations: &Relations,
    limits: &Limits,
) -> Result<Vec<Deadlock>, EngineError> {
    if graph::may_deadlock(sides) {
        graph::ConditionGraph::new(sides, relations)
            .deadlocks(limits.max_paths)
            .map_err(|limit| too_many_paths(sides, limit))
    } else {
        Ok(Vec::new())
    }
}

pub(crate) fn too_many(left: &ResolvedProposal, right: &ResolvedProposal, limits: &Limits) -> EngineError {
    EngineError::TooManyRelations {
        left: left.id().to_owned(),
        right: right.id().to_owned(),
        limit: limits.max_comparisons,
    }
}

pub(crate) fn too_many_kept(
    left: &ResolvedProposal,
    right: &ResolvedProposal,
    limits: &Limits,
) -> EngineError {
    EngineError::TooManyRelationsKept {
        left: left.id().to_owned(),
        right: right.id().to_owned(),
        limit: limits.max_relations,
    }
}

pub(crate) fn too_many_paths(sides: [(usize, &ResolvedProposal); 2], limit: usize) -> EngineError {
    EngineError::TooManyPaths {
        left: sides[0].1.id().to_owned(),
        right: sides[1].1.id().to_owned(),
        limit,
    }
}

/// A pair from its relations, open points, held-up terms (with the steps tracing
/// them took) and deadlocks: its verdict.
pub(crate) fn finish_pair(
    sides: [(usize, &ResolvedProposal); 2],
    relations: Relations,
    open: Chunked<Open>,
    blocked: (Vec<Blocked>, usize),
    deadlocks: Vec<Deadlock>,
) -> Pair {
    finish_pair_with(
        sides,
        relations,
        open,
        blocked,
        deadlocks,
        super::held_cover::pending_by_coverage,
    )
}

/// [`finish_pair`], with the terms pending by coverage found by `pending` (which
/// replaces those entries of the held-up terms, as
/// [`super::held_cover::pending_by_coverage`] does).
pub(crate) fn finish_pair_with(
    sides: [(usize, &ResolvedProposal); 2],
    relations: Relations,
    open: Chunked<Open>,
    (blocked, path_steps): (Vec<Blocked>, usize),
    deadlocks: Vec<Deadlock>,
    pending: impl FnOnce(&Relations, &Chunked<Open>, &mut Vec<Blocked>),
) -> Pair {
    let [(left, _), (right, _)] = sides;
    let mut blocked = blocked;
    quiet_waits(&mut blocked, &deadlocks);
    pending(&relations, &open, &mut blocked);
    let (contingent, lapsed) = super::contingent::conflicts(sides, &relations);
    let mut pair = Pair {
        left,
        right,
        relations,
        open,
        blocked,
        deadlocks,
        contingent,
        lapsed,
        verdict: Verdict::Compatible,
        path_steps,
    };
    let c = pair.counts();
    pair.verdict = if c.conflicts + c.indirect + c.deadlocks > 0 {
        Verdict::Conflicting
    } else if c.open + c.diverge + c.to_be_agreed + c.compatible + c.blocked + c.pending + c.contingent > 0 {
        Verdict::CompatibleWithOpenPoints
    } else {
        Verdict::Compatible
    };
    pair
}

/// Proposals that wait on each other leave nothing pending: the deadlock is the
/// finding (DESIGN §3). A term on a deadlock's cycle loses the pending conditions on
/// terms of the same cycle, and is no longer held up when none is left; its blocked
/// conditions (a conflict) stay.
fn quiet_waits(blocked: &mut Vec<Blocked>, deadlocks: &[Deadlock]) {
    if deadlocks.is_empty() {
        return;
    }
    let cycle_of = |t: TermRef| deadlocks.iter().position(|d| d.cycle.iter().any(|e| e.from == t));
    blocked.retain_mut(|b| {
        let Some(d) = cycle_of(b.term) else {
            return true;
        };
        if b.causes
            .iter()
            .all(|c| !c.conflicts.is_empty() || c.required().and_then(cycle_of) != Some(d))
        {
            return true;
        }
        let causes: Vec<_> = b
            .causes
            .iter()
            .filter(|c| !c.conflicts.is_empty() || c.required().and_then(cycle_of) != Some(d))
            .cloned()
            .collect();
        b.causes = causes.into();
        !b.causes.is_empty()
    });
}

/// With three or more proposals: the terms of the first that agree directly with a
/// term of every other, with those terms.
fn common_terms(proposals: &[Arc<ResolvedProposal>], pairs: &[Pair]) -> Vec<Vec<TermRef>> {
    if proposals.len() < 3 {
        return Vec::new();
    }
    let Some(first) = proposals.first() else {
        return Vec::new();
    };
    (0..first.terms.len())
        .filter_map(|t| {
            let term = TermRef { proposal: 0, term: t };
            let mut group = vec![term];
            for pair in pairs.iter().filter(|p| p.left == 0) {
                let found = pair.relations.iter().find(|r| {
                    r.kind == RelationKind::Agree && !r.is_indirect() && r.is_finding() && r.left.term == term
                })?;
                group.push(found.right.term);
            }
            Some(group)
        })
        .collect()
}
