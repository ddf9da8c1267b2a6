//! The comparison engine (DESIGN §3): terms normalized to atoms, rules applied to a
//! fixpoint, atoms related pair by pair through an index, the condition graph, burden
//! and verdicts. The result is one plain [`Analysis`].

mod analysis;
mod atom;
mod blocked;
mod burden;
mod collect;
mod derive;
mod error;
mod graph;
mod impact;
mod incremental;
mod index;
mod order;
mod pair;
mod params;
mod reblock;
mod relate;
mod related;
mod relations;
mod renumber;
mod scope;
mod termmap;

use std::sync::Arc;

use rayon::prelude::*;

pub use analysis::{
    Analysis, BlockCause, BlockStatus, Blocked, ChainStep, Counts, Coverage, CycleEdge, Deadlock, Open, Pair,
    Relation, RelationKind, Side, Verdict,
};
pub use atom::{Atom, ProposalAtoms, Step, TermRef};
pub use burden::{Burden, BurdenRow};
pub use derive::MAX_FIRINGS;
pub use error::EngineError;
pub use impact::{Change, Direction, Finding, PairImpact, findings, impact};
pub use pair::MAX_CANDIDATES;
pub use params::{ParamComparison, ParamOutcome};
pub use relations::{Findings, Iter as RelationIter, Relations};

use crate::collections::Chunked;
use crate::limits::Limits;
use crate::load::Diagnostic;
use crate::model::Proposal;
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

/// Validates `proposals` against `vocab` and analyses them, within the default
/// [`Limits`].
pub fn compare(proposals: &[Proposal], vocab: &Vocab) -> Result<Analysis, EngineError> {
    compare_with(proposals, vocab, &Limits::default())
}

/// [`compare`] within `limits`.
pub fn compare_with(proposals: &[Proposal], vocab: &Vocab, limits: &Limits) -> Result<Analysis, EngineError> {
    let mut resolved = Vec::with_capacity(proposals.len());
    for p in proposals {
        let (r, diags) = crate::load::resolve(p, vocab);
        match r {
            Some(r) => resolved.push(r),
            None => {
                let errors = diags.into_iter().filter(Diagnostic::is_error).collect();
                return Err(EngineError::Invalid {
                    proposal: p.id.clone(),
                    errors,
                });
            }
        }
    }
    analyze_with(resolved, vocab, limits)
}

/// Analyses resolved proposals (owned or shared): every pair, the terms all agree on,
/// and burden, within the default [`Limits`].
pub fn analyze<P: Into<Arc<ResolvedProposal>>>(
    proposals: Vec<P>,
    vocab: &Vocab,
) -> Result<Analysis, EngineError> {
    analyze_with(proposals, vocab, &Limits::default())
}

/// [`analyze`] within `limits` (rule firings and derived atoms per proposal,
/// comparisons per pair); the analysis keeps them for [`reanalyze`].
pub fn analyze_with<P: Into<Arc<ResolvedProposal>>>(
    proposals: Vec<P>,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Analysis, EngineError> {
    analyze_shared(proposals.into_iter().map(Into::into).collect(), vocab, limits)
}

/// [`analyze_with`] of shared proposals.
fn analyze_shared(
    proposals: Vec<Arc<ResolvedProposal>>,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Analysis, EngineError> {
    for (i, p) in proposals.iter().enumerate() {
        if proposals[..i].iter().any(|q| q.id() == p.id()) {
            return Err(EngineError::DuplicateProposalId(p.id().to_owned()));
        }
    }
    // Each proposal's atoms are its own: they are made in parallel (and the first
    // error in the proposals' order is the one reported).
    let atoms: Vec<_> = proposals
        .par_iter()
        .enumerate()
        .map(|(i, p)| ProposalAtoms::rebuild(i, p, None, vocab, limits).map(Arc::new))
        .collect();
    let atoms = atoms.into_iter().collect::<Result<Vec<_>, _>>()?;
    assemble(proposals, atoms, None, vocab, limits)
}

/// What a reanalysis reuses: the earlier analysis, and for each proposal how its
/// terms correspond to the earlier version's (`None` when it did not change).
struct Reuse<'a> {
    base: &'a Analysis,
    maps: Vec<Option<termmap::TermMap>>,
}

/// A pair is related again term by term when at most this share of a side's terms
/// changed (one in eight); past it, relating the pair afresh is as quick.
const INCREMENTAL_SHARE: usize = 8;
/// Proposals of up to this many terms are always related again term by term (both
/// ways are quick there).
const INCREMENTAL_ALWAYS: usize = 64;

/// How one pair is computed.
enum Plan {
    /// Neither proposal changed: the earlier pair as it was.
    Keep(usize),
    /// A few terms changed: the earlier pair brought up to date.
    Update(usize),
    /// Relate the pair afresh.
    Full,
}

impl Reuse<'_> {
    fn plan(&self, i: usize, j: usize, terms: [usize; 2]) -> Plan {
        let Some(k) = self.base.pairs.iter().position(|p| p.left == i && p.right == j) else {
            return Plan::Full;
        };
        let maps = [self.maps.get(i), self.maps.get(j)];
        if maps.iter().all(|m| matches!(m, Some(None))) {
            return Plan::Keep(k);
        }
        let few = maps.iter().zip(terms).all(|(m, n)| match m {
            Some(Some(map)) => {
                map.dirty_count().saturating_mul(INCREMENTAL_SHARE) <= n.max(INCREMENTAL_ALWAYS)
            }
            Some(None) => true,
            None => false,
        });
        if few { Plan::Update(k) } else { Plan::Full }
    }
}

/// Puts an analysis together from proposals and their atoms. With `reuse`, pairs of
/// unchanged proposals are taken from the earlier analysis, and pairs where a
/// proposal changed in a few terms are brought up to date term by term.
fn assemble(
    proposals: Vec<Arc<ResolvedProposal>>,
    atoms: Vec<Arc<ProposalAtoms>>,
    reuse: Option<&Reuse>,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Analysis, EngineError> {
    let n = proposals.len();
    let mut plans = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let terms = [proposals[i].terms.len(), proposals[j].terms.len()];
            let plan = reuse.map_or(Plan::Full, |r| r.plan(i, j, terms));
            plans.push((i, j, plan));
        }
    }
    // How many of the pairs to relate afresh use each proposal's atom index (that of
    // the right side: the left side's atoms are looked up in it): an index is made
    // before its first use and freed after its last, so that what follows relating
    // (tracing blocked terms) can reuse its memory.
    let mut uses = vec![0usize; n];
    for (_, j, plan) in &plans {
        if matches!(plan, Plan::Full) {
            uses[*j] += 1;
        }
    }
    let mut indices: Vec<Option<index::AtomIndex>> = (0..n).map(|_| None).collect();
    // A what-if keeps the earlier analysis' (its atoms were made with the same
    // vocabulary), unless the vocabulary is plainly another.
    let related = match reuse.map(|r| &r.base.related) {
        Some(earlier) if earlier.fits(vocab) => Arc::clone(earlier),
        _ => Arc::new(related::Related::new(vocab)),
    };
    let mut pairs = Vec::with_capacity(plans.len());
    for (i, j, plan) in plans {
        let pair = match (plan, reuse) {
            (Plan::Keep(k), Some(r)) => r.base.pairs.get(k).cloned(),
            (Plan::Update(k), Some(r)) => match r.base.pairs.get(k) {
                Some(previous) => Some(update_pair(
                    i, j, &proposals, &atoms, r, previous, &related, vocab, limits,
                )?),
                None => None,
            },
            _ => None,
        };
        let pair = match pair {
            Some(p) => p,
            None => {
                if let (Some(slot @ None), Some(a)) = (indices.get_mut(j), atoms.get(j)) {
                    *slot = Some(index::AtomIndex::new(&a.atoms, vocab));
                }
                let empty = index::AtomIndex::default();
                let input = |k: usize| pair::PairInput {
                    proposal: &proposals[k],
                    atoms: &atoms[k].atoms,
                    index: indices.get(k).and_then(Option::as_ref).unwrap_or(&empty),
                };
                let found = pair::relate_pair(&input(i), &input(j), &related, vocab, limits.max_comparisons)
                    .map_err(|_| too_many(&proposals[i], &proposals[j], limits))?;
                if let Some(u) = uses.get_mut(j) {
                    *u = u.saturating_sub(1);
                    if *u == 0 {
                        indices[j] = None;
                    }
                }
                full_pair([(i, &proposals[i]), (j, &proposals[j])], found, limits)?
            }
        };
        pairs.push(pair);
    }
    let common = common_terms(&proposals, &pairs);
    let burden = proposals
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let carried = reuse.and_then(|r| burden_carried(r, i, p, &atoms[i]));
            carried.unwrap_or_else(|| burden::burden(i, p, &atoms[i].atoms))
        })
        .collect();
    Ok(Analysis {
        proposals,
        atoms,
        pairs,
        common,
        burden,
        limits: *limits,
        related,
    })
}

/// The burden of proposal `i` (new version `p`, atoms `atoms`) from the earlier
/// analysis, when it can be carried over: as it was when the proposal did not change,
/// brought up to date when its terms kept their places and its authors are the same.
fn burden_carried(reuse: &Reuse, i: usize, p: &ResolvedProposal, atoms: &ProposalAtoms) -> Option<Burden> {
    let earlier = reuse.base.burden.get(i)?;
    let Some(map) = reuse.maps.get(i)? else {
        return Some(earlier.clone());
    };
    let (old, old_atoms) = (reuse.base.proposals.get(i)?, reuse.base.atoms.get(i)?);
    if old.by != p.by {
        return None;
    }
    let mut changed: Vec<usize> = map.dirty().iter().chain(map.reweighed()?).copied().collect();
    changed.sort_unstable();
    changed.dedup();
    Some(burden::burden_again(
        i,
        earlier,
        (old, old_atoms),
        (p, atoms),
        &changed,
    ))
}

/// A pair related afresh, from its relations and open points: the blocked terms
/// traced, and the verdict and counts.
fn full_pair(
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
    let deadlocks = deadlocks(sides, &relations);
    Ok(finish_pair(sides, relations, open.into(), blocked, deadlocks))
}

/// Pair `(i, j)` brought up to date from `previous` (see [`incremental`] and
/// [`reblock`]).
#[allow(clippy::too_many_arguments)]
fn update_pair(
    i: usize,
    j: usize,
    proposals: &[Arc<ResolvedProposal>],
    atoms: &[Arc<ProposalAtoms>],
    reuse: &Reuse,
    previous: &Pair,
    related: &related::Related,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Pair, EngineError> {
    let identity = [
        termmap::TermMap::identity(proposals[i].terms.len()),
        termmap::TermMap::identity(proposals[j].terms.len()),
    ];
    let side = |k: usize, fallback| incremental::Side {
        proposal: &proposals[k],
        atoms: &atoms[k].atoms,
        spans: &atoms[k].spans,
        map: reuse.maps.get(k).and_then(Option::as_ref).unwrap_or(fallback),
    };
    let (left, right) = (side(i, &identity[0]), side(j, &identity[1]));
    let again =
        incremental::relate_pair_again(&left, &right, previous, related, vocab, limits.max_comparisons)
            .map_err(|_| too_many(left.proposal, right.proposal, limits))?;
    let incremental::Again {
        mut relations,
        open,
        touched,
        renumber,
        agreements_found,
    } = again;
    let sides = [(i, left.proposal), (j, right.proposal)];
    let earlier = match (reuse.base.proposals.get(i), reuse.base.proposals.get(j)) {
        (Some(l), Some(r)) => Some(reblock::Earlier {
            proposals: [l, r],
            pair: previous,
        }),
        _ => None,
    };
    let carried = match (&earlier, &renumber) {
        (Some(earlier), Some(renumber)) => {
            let changes = reblock::Changes {
                maps: [left.map, right.map],
                touched: &touched,
                renumber,
            };
            reblock::blocked_again(sides, earlier, &changes, &mut relations, &open, limits.max_paths)
                .map_err(|limit| too_many_paths(sides, limit))?
        }
        _ => None,
    };
    let blocked = match carried {
        Some(b) => b,
        None => {
            let mut list = relations.to_vec();
            for r in &mut list {
                r.criticality = 0;
            }
            let blocked = blocked::blocked(sides, &mut list, open.iter().map(|o| o.term), limits.max_paths)
                .map_err(|limit| too_many_paths(sides, limit))?;
            relations = list.into();
            blocked
        }
    };
    // Without deadlocks before, a new one needs a new edge of the condition graph: an
    // agreement found again, or a changed condition (removed edges open no cycle).
    let deadlocks = if previous.deadlocks.is_empty()
        && !agreements_found
        && same_conditions(left.map, reuse.base.proposals.get(i), left.proposal)
        && same_conditions(right.map, reuse.base.proposals.get(j), right.proposal)
    {
        Vec::new()
    } else {
        deadlocks(sides, &relations)
    };
    Ok(finish_pair(sides, relations, open, blocked, deadlocks))
}

/// Whether every term of `new` has the conditions of the earlier version's term at
/// its place. `map.rewired()` is told only for maps that keep every term in place
/// (the two versions then have as many terms); the dirty terms are compared here.
fn same_conditions(
    map: &termmap::TermMap,
    old: Option<&Arc<ResolvedProposal>>,
    new: &ResolvedProposal,
) -> bool {
    let Some(old) = old else {
        return false;
    };
    map.rewired().is_some_and(<[usize]>::is_empty)
        && map
            .dirty()
            .iter()
            .all(|&t| old.terms.get(t).map(|x| &x.requires) == new.terms.get(t).map(|x| &x.requires))
}

/// The deadlocks of a pair, from its conditions and the agreements among `relations`.
fn deadlocks(sides: [(usize, &ResolvedProposal); 2], relations: &Relations) -> Vec<Deadlock> {
    if graph::may_deadlock(sides) {
        graph::ConditionGraph::new(sides, relations).deadlocks()
    } else {
        Vec::new()
    }
}

fn too_many(left: &ResolvedProposal, right: &ResolvedProposal, limits: &Limits) -> EngineError {
    EngineError::TooManyRelations {
        left: left.id().to_owned(),
        right: right.id().to_owned(),
        limit: limits.max_comparisons,
    }
}

fn too_many_paths(sides: [(usize, &ResolvedProposal); 2], limit: usize) -> EngineError {
    EngineError::TooManyPaths {
        left: sides[0].1.id().to_owned(),
        right: sides[1].1.id().to_owned(),
        limit,
    }
}

/// A pair from its relations, open points, held-up terms (with the steps tracing
/// them took) and deadlocks: its verdict.
fn finish_pair(
    sides: [(usize, &ResolvedProposal); 2],
    relations: Relations,
    open: Chunked<Open>,
    (blocked, path_steps): (Vec<Blocked>, usize),
    deadlocks: Vec<Deadlock>,
) -> Pair {
    let [(left, _), (right, _)] = sides;
    let mut pair = Pair {
        left,
        right,
        relations,
        open,
        blocked,
        deadlocks,
        verdict: Verdict::Compatible,
        path_steps,
    };
    let c = pair.counts();
    pair.verdict = if c.conflicts + c.indirect + c.deadlocks > 0 {
        Verdict::Conflicting
    } else if c.open + c.diverge + c.compatible + c.blocked + c.pending > 0 {
        Verdict::CompatibleWithOpenPoints
    } else {
        Verdict::Compatible
    };
    pair
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
                let found = pair
                    .relations
                    .iter()
                    .find(|r| r.kind == RelationKind::Agree && !r.is_indirect() && r.left.term == term)?;
                group.push(found.right.term);
            }
            Some(group)
        })
        .collect()
}

/// The analysis of `base`'s proposals with some of them replaced: `changed` holds
/// `(index, new version)` pairs. Only what the change touches is computed again: the
/// atoms of changed terms (a term keeps its atoms when its id and content are the
/// same), and, in the pairs that involve a changed proposal, the relations of its
/// changed terms (see [`incremental`]); pairs of unchanged proposals are kept. The
/// result is the same as [`analyze_with`] on the edited set of proposals, within the
/// limits of `base`.
pub fn reanalyze(
    base: &Analysis,
    changed: Vec<(usize, ResolvedProposal)>,
    vocab: &Vocab,
) -> Result<Analysis, EngineError> {
    let n = base.proposals.len();
    let mut replacements: Vec<Option<ResolvedProposal>> = (0..n).map(|_| None).collect();
    for (i, p) in changed {
        if let Some(slot) = replacements.get_mut(i) {
            *slot = Some(p);
        }
    }
    let mut proposals = Vec::with_capacity(n);
    let mut atoms = Vec::with_capacity(n);
    let mut maps = Vec::with_capacity(n);
    for ((i, replacement), (old, old_atoms)) in replacements
        .into_iter()
        .enumerate()
        .zip(base.proposals.iter().zip(&base.atoms))
    {
        match replacement {
            Some(p) => {
                let map = termmap::TermMap::between(old, &p);
                let rebuilt = ProposalAtoms::rebuild(i, &p, Some((old_atoms, &map)), vocab, &base.limits)?;
                maps.push(Some(map));
                atoms.push(Arc::new(rebuilt));
                proposals.push(Arc::new(p));
            }
            None => {
                maps.push(None);
                atoms.push(Arc::clone(old_atoms));
                proposals.push(Arc::clone(old));
            }
        }
    }
    for (i, p) in proposals.iter().enumerate() {
        if maps[i].is_some()
            && proposals
                .iter()
                .enumerate()
                .any(|(j, q)| j != i && q.id() == p.id())
        {
            return Err(EngineError::DuplicateProposalId(p.id().to_owned()));
        }
    }
    assemble(proposals, atoms, Some(&Reuse { base, maps }), vocab, &base.limits)
}
