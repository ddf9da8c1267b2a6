//! The one-edit what-if: [`reanalyze`] brings an analysis up to date with new
//! versions of some of its proposals, computing again only what the edit touches. The
//! result equals a full analysis of the edited proposals; this module only makes it
//! quicker, and the semantics (the rest of the engine) never import it.
//!
//! - [`termmap`]: how the terms of a new version correspond to the earlier one's;
//! - [`atoms`]: atoms rebuilt, copying the blocks of unchanged terms;
//! - [`again`]: a pair's relations and open points kept for unchanged terms and found
//!   again for the changed ones;
//! - [`renumber`] and [`reblock`]: held-up terms carried over, renumbered, and traced
//!   again where an edit can have changed them.

mod again;
mod atoms;
mod key;
mod pending;
mod reblock;
mod renumber;
mod termmap;

use std::sync::Arc;

use rayon::prelude::*;

use key::{Keys, Version};

use crate::collections::FlatLists;

use crate::engine::analysis::{Analysis, Deadlock, Pair};
use crate::engine::assemble::{
    Fresh, deadlocks, finish, finish_pair, finish_pair_with, too_many, too_many_kept, too_many_paths,
};
use crate::engine::atom::ProposalAtoms;
use crate::engine::burden::{self, Burden};
use crate::engine::related::Related;
use crate::engine::relations::Relations;
use crate::engine::{EngineError, blocked};
use crate::limits::Limits;
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

/// An analysis kept for what-ifs: the analysis, and for each proposal the keys that
/// the terms of its next versions are matched by (made once, here, rather than for
/// every what-if).
#[derive(Debug, Clone)]
pub struct Baseline {
    analysis: Analysis,
    keys: Vec<Arc<Keys>>,
}

impl Baseline {
    /// `analysis` kept for what-ifs, its proposals' keys made (in parallel).
    pub fn new(analysis: Analysis, vocab: &Vocab) -> Baseline {
        let keys = analysis
            .proposals
            .par_iter()
            .map(|p| Arc::new(Keys::of(p, vocab)))
            .collect();
        Baseline { analysis, keys }
    }

    /// The analysis.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The analysis, let go of the keys.
    pub fn into_analysis(self) -> Analysis {
        self.analysis
    }

    /// [`reanalyze`] from this baseline, matching terms by their keys: the result is
    /// itself a baseline, for a what-if from the what-if. The new versions' keys are
    /// made here; [`Baseline::reanalyze_revised`] takes versions keyed beforehand.
    pub fn reanalyze(
        &self,
        changed: Vec<(usize, ResolvedProposal)>,
        vocab: &Vocab,
    ) -> Result<Baseline, EngineError> {
        let changed = changed
            .into_iter()
            .map(|(i, p)| (i, Revision::new(p, vocab)))
            .collect();
        self.reanalyze_revised(changed, vocab)
    }

    /// [`Baseline::reanalyze`] of new versions whose keys were made when they were
    /// resolved (as `whatif` does, scenario by scenario).
    pub fn reanalyze_revised(
        &self,
        changed: Vec<(usize, Revision)>,
        vocab: &Vocab,
    ) -> Result<Baseline, EngineError> {
        let changed = changed
            .into_iter()
            .map(|(i, r)| (i, r.proposal, r.keys))
            .collect();
        reanalyze_with(&self.analysis, &self.keys, changed, vocab)
    }
}

/// A new version of one of a baseline's proposals, with the keys its terms will be
/// matched by.
#[derive(Debug, Clone)]
pub struct Revision {
    proposal: ResolvedProposal,
    keys: Arc<Keys>,
}

impl Revision {
    /// `proposal` with its keys made (in parallel).
    pub fn new(proposal: ResolvedProposal, vocab: &Vocab) -> Revision {
        let keys = Arc::new(Keys::of(&proposal, vocab));
        Revision { proposal, keys }
    }
}

/// The analysis of `base`'s proposals with some of them replaced: `changed` holds
/// `(index, new version)` pairs. Only what the change touches is computed again: the
/// atoms of changed terms (a term keeps its atoms when its id and content are the
/// same), and, in the pairs that involve a changed proposal, the relations of its
/// changed terms; pairs of unchanged proposals are kept. The result is the same as
/// [`crate::engine::analyze_with`] on the edited set of proposals, within the limits
/// of `base`. Terms are compared in full; a [`Baseline`] compares most by their keys.
pub fn reanalyze(
    base: &Analysis,
    changed: Vec<(usize, ResolvedProposal)>,
    vocab: &Vocab,
) -> Result<Analysis, EngineError> {
    let none = Arc::new(Keys::default());
    let changed = changed
        .into_iter()
        .map(|(i, p)| (i, p, Arc::clone(&none)))
        .collect();
    reanalyze_with(base, &[], changed, vocab).map(Baseline::into_analysis)
}

/// [`reanalyze`] with the keys of `base`'s proposals (missing ones taken as not made)
/// and of each new version.
fn reanalyze_with(
    base: &Analysis,
    base_keys: &[Arc<Keys>],
    changed: Vec<(usize, ResolvedProposal, Arc<Keys>)>,
    vocab: &Vocab,
) -> Result<Baseline, EngineError> {
    let n = base.proposals.len();
    let none = Arc::new(Keys::default());
    let mut replacements: Vec<Option<(ResolvedProposal, Arc<Keys>)>> = (0..n).map(|_| None).collect();
    for (i, p, keys) in changed {
        if let Some(slot) = replacements.get_mut(i) {
            *slot = Some((p, keys));
        }
    }
    // Windows compared on the calendar count from the earliest entry into force: when
    // that shifts a proposal (a new version is resolved in its own days), the shift
    // touches every window, and the analysis is made afresh.
    let all: Vec<&ResolvedProposal> = base
        .proposals
        .iter()
        .zip(&replacements)
        .map(|(old, new)| new.as_ref().map_or(&**old, |(p, _)| p))
        .collect();
    if crate::engine::calendar::misaligned(&all) {
        let all = base
            .proposals
            .iter()
            .zip(replacements)
            .map(|(old, new)| new.map_or_else(|| Arc::clone(old), |(p, _)| Arc::new(p)))
            .collect();
        let analysis = crate::engine::analyze_shared(all, vocab, &base.limits)?;
        return Ok(Baseline::new(analysis, vocab));
    }
    drop(all);
    let mut proposals = Vec::with_capacity(n);
    let mut atoms = Vec::with_capacity(n);
    let mut maps = Vec::with_capacity(n);
    let mut keys = Vec::with_capacity(n);
    for ((i, replacement), (old, old_atoms)) in replacements
        .into_iter()
        .enumerate()
        .zip(base.proposals.iter().zip(&base.atoms))
    {
        let old_keys = base_keys.get(i).unwrap_or(&none);
        match replacement {
            Some((p, new_keys)) => {
                let map = termmap::TermMap::between(
                    Version {
                        resolved: old,
                        keys: old_keys,
                    },
                    Version {
                        resolved: &p,
                        keys: &new_keys,
                    },
                );
                let rebuilt = ProposalAtoms::rebuild(i, &p, Some((old_atoms, &map)), vocab, &base.limits)?;
                maps.push(Some(map));
                atoms.push(Arc::new(rebuilt));
                proposals.push(Arc::new(p));
                keys.push(new_keys);
            }
            None => {
                maps.push(None);
                atoms.push(Arc::clone(old_atoms));
                proposals.push(Arc::clone(old));
                keys.push(Arc::clone(old_keys));
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
    let reuse = Reuse {
        base,
        maps,
        keys: &keys,
    };
    let analysis = assemble(proposals, atoms, &reuse, vocab, &base.limits)?;
    Ok(Baseline { analysis, keys })
}

/// What a reanalysis reuses: the earlier analysis, and for each proposal how its
/// terms correspond to the earlier version's (`None` when it did not change) and the
/// keys of its new version.
struct Reuse<'a> {
    base: &'a Analysis,
    maps: Vec<Option<termmap::TermMap>>,
    keys: &'a [Arc<Keys>],
}

/// The keys of a proposal whose keys were not made.
static NO_KEYS: Keys = Keys {
    terms: Vec::new(),
    required_by: FlatLists::EMPTY,
};

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
    /// The keys of the new version of proposal `i` (empty when not made).
    fn keys_of(&self, i: usize) -> &Keys {
        self.keys.get(i).map_or(&NO_KEYS, |k| k)
    }

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

/// Puts the reanalysis together: pairs of unchanged proposals are taken from the
/// earlier analysis, pairs where a proposal changed in a few terms are brought up to
/// date term by term, and the others are related afresh.
fn assemble(
    proposals: Vec<Arc<ResolvedProposal>>,
    atoms: Vec<Arc<ProposalAtoms>>,
    reuse: &Reuse,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Analysis, EngineError> {
    let n = proposals.len();
    let mut plans = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let terms = [proposals[i].terms.len(), proposals[j].terms.len()];
            plans.push((i, j, reuse.plan(i, j, terms)));
        }
    }
    // The earlier analysis' hierarchies (its atoms were made with the same
    // vocabulary), unless the vocabulary is plainly another.
    let related = if reuse.base.related.fits(vocab) {
        Arc::clone(&reuse.base.related)
    } else {
        Arc::new(Related::new(vocab))
    };
    let afresh = plans
        .iter()
        .filter(|(_, _, plan)| matches!(plan, Plan::Full))
        .map(|&(i, j, _)| (i, j));
    let mut fresh = Fresh::new(&proposals, &atoms, afresh, &related, vocab, limits);
    let mut pairs = Vec::with_capacity(plans.len());
    for (i, j, plan) in plans {
        let pair = match plan {
            Plan::Keep(k) => reuse.base.pairs.get(k).cloned(),
            Plan::Update(k) => match reuse.base.pairs.get(k) {
                Some(previous) => Some(update_pair(
                    i, j, &proposals, &atoms, reuse, previous, &related, vocab, limits,
                )?),
                None => None,
            },
            Plan::Full => None,
        };
        let pair = match pair {
            Some(p) => p,
            None => fresh.pair(i, j)?,
        };
        pairs.push(pair);
    }
    drop(fresh);
    let burden = proposals
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let carried = burden_carried(reuse, i, p, &atoms[i]);
            carried.unwrap_or_else(|| burden::burden(i, p, &atoms[i].atoms))
        })
        .collect();
    Ok(finish(proposals, atoms, pairs, burden, related, limits))
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
    related: &Related,
    vocab: &Vocab,
    limits: &Limits,
) -> Result<Pair, EngineError> {
    let identity = [
        termmap::TermMap::identity(proposals[i].terms.len()),
        termmap::TermMap::identity(proposals[j].terms.len()),
    ];
    let side = |k: usize, fallback| again::Side {
        proposal: &proposals[k],
        atoms: &atoms[k].atoms,
        spans: &atoms[k].spans,
        map: reuse.maps.get(k).and_then(Option::as_ref).unwrap_or(fallback),
    };
    let (left, right) = (side(i, &identity[0]), side(j, &identity[1]));
    let again = again::relate_pair_again(&left, &right, previous, related, vocab, limits.max_comparisons)
        .map_err(|_| too_many(left.proposal, right.proposal, limits))?;
    if again.relations.len() > limits.max_relations {
        return Err(too_many_kept(left.proposal, right.proposal, limits));
    }
    let again::Again {
        mut relations,
        open,
        mut touched,
        renumber,
        agreements_found,
    } = again;
    // Counterparts may have changed for the touched terms: their incidental overlaps
    // marked again (a mark that changes is a changed correspondence).
    let blocks = |k: usize| crate::engine::counterpart::Blocks {
        atoms: &atoms[k].atoms,
        spans: &atoms[k].spans,
    };
    let marks_changed = crate::engine::counterpart::refresh_incidental(
        &mut relations,
        &mut touched,
        [blocks(i), blocks(j)],
        related,
        vocab,
    );
    let agreements_found = agreements_found || marks_changed;
    let sides = [(i, left.proposal), (j, right.proposal)];
    let earlier = match (reuse.base.proposals.get(i), reuse.base.proposals.get(j)) {
        (Some(l), Some(r)) => Some(reblock::Earlier {
            proposals: [l, r],
            pair: previous,
        }),
        _ => None,
    };
    // Held-up terms on an earlier deadlock were left out of the earlier pair
    // (`finish_pair`): its entries cannot be carried over then.
    // Which conflicts are contingent depends on the outcomes of both sides' terms: when
    // they changed, a term may be held up, or freed, by a conflict whose relation did
    // not change, so every term is traced again.
    let same_outcomes = earlier.as_ref().is_some_and(|e| {
        e.proposals[0].outcomes == left.proposal.outcomes
            && e.proposals[1].outcomes == right.proposal.outcomes
    });
    let carried = match (&earlier, &renumber) {
        (Some(earlier), Some(renumber)) if previous.deadlocks.is_empty() && same_outcomes => {
            let changes = reblock::Changes {
                maps: [left.map, right.map],
                touched: &touched,
                renumber,
                required_by: [&reuse.keys_of(i).required_by, &reuse.keys_of(j).required_by],
            };
            reblock::blocked_again(sides, earlier, &changes, &mut relations, &open, limits.max_paths)
                .map_err(|limit| too_many_paths(sides, limit))?
        }
        _ => None,
    };
    let carried_over = carried.is_some();
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
        deadlocks_again(sides, [reuse.keys_of(i), reuse.keys_of(j)], &relations, limits)?
    };
    if !carried_over {
        return Ok(finish_pair(sides, relations, open, blocked, deadlocks));
    }
    let since = pending::Since {
        earlier: previous,
        proposals: [i, j],
        maps: [left.map, right.map],
        touched: &touched,
    };
    Ok(finish_pair_with(
        sides,
        relations,
        open,
        blocked,
        deadlocks,
        |relations, open, blocked| pending::pending_again(&since, relations, open, blocked),
    ))
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
    old.anchors == new.anchors
        && map.rewired().is_some_and(<[usize]>::is_empty)
        && map
            .dirty()
            .iter()
            .all(|&t| old.terms.get(t).map(|x| &x.requires) == new.terms.get(t).map(|x| &x.requires))
}

/// The deadlocks of a pair brought up to date. A proposal with keys tells at once,
/// from its list of who requires each term, whether it has a condition (a deadlock
/// needs one on each side); otherwise every term is read (a millisecond at 10^5
/// terms, which a what-if need not spend).
fn deadlocks_again(
    sides: [(usize, &ResolvedProposal); 2],
    keys: [&Keys; 2],
    relations: &Relations,
    limits: &Limits,
) -> Result<Vec<Deadlock>, EngineError> {
    if sides.iter().zip(keys).all(|((_, p), k)| conditioned(p, k)) {
        deadlocks(sides, relations, limits)
    } else {
        Ok(Vec::new())
    }
}

/// Whether a proposal has a `requires` condition or an anchor (a `before` edge too).
fn conditioned(p: &ResolvedProposal, keys: &Keys) -> bool {
    let n = p.terms.len();
    if !p.anchors.is_empty() {
        true
    } else if keys.required_by.covers(n) {
        !keys.required_by.is_empty()
    } else {
        p.terms.iter().any(|t| t.requires.iter().any(|&(req, _)| req < n))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::vocab::Vocab;

    /// Whether a proposal has conditions is told alike with its keys (from who
    /// requires each term) or without (from the terms).
    #[test]
    fn both_loadings_tell_whether_a_deadlock_may_be() {
        let w = crate::generate::generate(&crate::generate::Spec::new(300, 2));
        let vocab = Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
        let mut unconditioned = w.b.clone();
        for t in &mut unconditioned.terms {
            t.requires = Default::default();
        }
        let load = |p: &crate::model::Proposal| crate::load::resolve(p, &vocab).0.unwrap();
        let (b, none) = (load(&w.b), load(&unconditioned));
        assert!(b.terms.iter().any(|t| !t.requires.is_empty()));
        for keyed in [false, true] {
            let keys = |p: &ResolvedProposal| {
                if keyed {
                    Keys::of(p, &vocab)
                } else {
                    Keys::default()
                }
            };
            assert!(conditioned(&b, &keys(&b)), "keys made: {keyed}");
            assert!(!conditioned(&none, &keys(&none)), "keys made: {keyed}");
        }
    }
}
