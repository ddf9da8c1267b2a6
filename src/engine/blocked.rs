//! Blocked and pending terms of a pair: a term is held up when a term it requires,
//! directly or through a chain of `requires`, is in conflict with the other proposal
//! (blocked) or only open or met in part (pending). Also the criticality of each conflict: how many
//! otherwise agreed terms it blocks.
//!
//! Conditions stay inside one proposal, so the paths are traced on each proposal's own
//! `requires` lists, without the pair's condition graph (which [`super::graph`] builds
//! only for deadlocks). Successors are visited last-listed first, as the graph visits
//! its edges, so that the shortest paths chosen are the same.

use std::collections::VecDeque;

use super::analysis::{BlockCause, BlockStatus, Blocked, Relation, RelationKind};
use super::atom::TermRef;
use crate::collections::FlatLists;
use crate::collections::shared::Shared;
use crate::collections::{FastMap, FastSet};
use crate::model::Modality;
use crate::resolved::ResolvedProposal;

/// The terms of proposals `sides` (index, proposal) held up by their conditions, given
/// the pair's relations and open points, and the criticality of each conflict (added
/// into `relations`), with the steps the tracing took. Tracing the `requires` paths
/// takes at most `max_steps` steps (terms visited and path entries); past it, `Err`
/// with the limit.
pub(super) fn blocked(
    sides: [(usize, &ResolvedProposal); 2],
    relations: &mut [Relation],
    open: impl Iterator<Item = TermRef>,
    max_steps: usize,
) -> Result<(Vec<Blocked>, usize), usize> {
    let mut steps = Steps::new(max_steps, max_steps);
    let conflicts = relations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_conflict() && !super::contingent::is_contingent(sides, r))
        .flat_map(|(i, r)| [(r.left.term, i), (r.right.term, i)]);
    let partly = met_in_part(sides, relations.iter());
    let failures = Failures::new(sides.map(|(pi, p)| (pi, p.terms.len())), conflicts, open, partly);

    let mut out = Vec::new();
    for (pi, p) in sides {
        let mut trace = Trace::new(p.terms.len());
        for t in 0..p.terms.len() {
            out.extend(trace.held(pi, p, t, &failures, &mut steps)?);
        }
    }
    out.sort_by_key(|b| (b.status, b.term));
    agreed_with(&mut out, relations.iter());
    add_criticality(&out, relations);
    Ok((out, steps.used()))
}

/// What fails in a pair: the conflicts (indices into the relations, ascending) each
/// term of the two sides is in, and the open terms. Kept term by term rather than in
/// hash tables keyed by term, which took about 100 MB at 10^6 terms; a what-if, which
/// reaches few terms, keeps only theirs.
pub(super) struct Failures {
    /// The two sides' proposal indices.
    sides: [usize; 2],
    by: By,
    /// The terms met only in part (no conflict, but no relation that meets a
    /// condition on them either): the other side's terms and their relation.
    partly: FastMap<TermRef, Vec<(TermRef, RelationKind)>>,
}

/// Whether a relation of kind `kind` meets a condition on a term of modality
/// `required` when the other side's term has modality `other` (DESIGN §3, v2): only
/// agreement or a stronger commitment does. A `may` or `endeavour` never meets a
/// `must` condition; a divergence on the numbers, and any other kind of relation (to
/// be agreed), meets it only in part.
pub(crate) fn meets(kind: RelationKind, required: Modality, other: Modality) -> bool {
    match kind {
        RelationKind::Agree => true,
        RelationKind::Compatible | RelationKind::Diverge => {
            required != other && strength(other) > strength(required)
        }
        _ => false,
    }
}

/// How much a modality commits its subject to: a permission, an effort, a result.
fn strength(m: Modality) -> u8 {
    match m {
        Modality::May => 1,
        Modality::Endeavour => 2,
        Modality::Must | Modality::MustNot => 3,
    }
}

/// The terms of `sides` that a relation other than a conflict meets only in part
/// ([`meets`]), each with the other side's term and the relation's kind. An indirect
/// relation (v2) speaks only for its written side's term, met by what the other side
/// implies (the derived atom's modality); a term whose own derived atom relates is
/// neither met nor met in part by that. Incidental overlaps meet nothing.
pub(super) fn met_in_part<'r>(
    sides: [(usize, &ResolvedProposal); 2],
    relations: impl Iterator<Item = &'r Relation>,
) -> Vec<(TermRef, TermRef, RelationKind)> {
    let modality = |s: &crate::engine::analysis::Side| match s.chain.last() {
        Some(step) => Some(step.modality),
        None => sides
            .iter()
            .find(|(pi, _)| *pi == s.term.proposal)
            .and_then(|(_, p)| p.terms.get(s.term.term))
            .map(|x| x.modality),
    };
    let mut out = Vec::new();
    for r in relations.filter(|r| !r.is_conflict() && !r.incidental) {
        let (Some(l), Some(rm)) = (modality(&r.left), modality(&r.right)) else {
            continue;
        };
        if r.left.chain.is_empty() && !meets(r.kind, l, rm) {
            out.push((r.left.term, r.right.term, r.kind));
        }
        if r.right.chain.is_empty() && !meets(r.kind, rm, l) {
            out.push((r.right.term, r.left.term, r.kind));
        }
    }
    out
}

enum By {
    /// For each side, each term's conflicts, and whether each term is open.
    Terms {
        conflicts: [FlatLists; 2],
        open: [Vec<bool>; 2],
    },
    /// The conflicts of the terms in some, and the open terms.
    Few {
        conflicts: FastMap<TermRef, Vec<usize>>,
        open: FastSet<TermRef>,
    },
}

impl Failures {
    /// The failures of a pair of `sides` (proposal index, number of terms), from
    /// `conflicts` (a term and a conflict it is in, the conflicts ascending) and the
    /// `open` terms; terms of other proposals are left out.
    pub(super) fn new(
        sides: [(usize, usize); 2],
        conflicts: impl Iterator<Item = (TermRef, usize)>,
        open: impl Iterator<Item = TermRef>,
        partly: Vec<(TermRef, TermRef, RelationKind)>,
    ) -> Failures {
        let proposals = sides.map(|(pi, _)| pi);
        let side = |t: &TermRef| proposals.iter().position(|&p| p == t.proposal);
        let mut edges: [Vec<(usize, usize)>; 2] = [Vec::new(), Vec::new()];
        for (t, i) in conflicts {
            if let Some(list) = side(&t).and_then(|s| edges.get_mut(s)) {
                list.push((t.term, i));
            }
        }
        let mut is_open = sides.map(|(_, terms)| vec![false; terms]);
        for t in open {
            if let Some(slot) = side(&t)
                .and_then(|s| is_open.get_mut(s))
                .and_then(|o| o.get_mut(t.term))
            {
                *slot = true;
            }
        }
        let [(_, left), (_, right)] = sides;
        let [left_edges, right_edges] = edges;
        Failures {
            sides: proposals,
            by: By::Terms {
                conflicts: [
                    FlatLists::of(left, &left_edges),
                    FlatLists::of(right, &right_edges),
                ],
                open: is_open,
            },
            partly: partly_by_term(&proposals, partly),
        }
    }

    /// [`Failures::new`] for a few terms: only those given are kept, in hash tables.
    pub(super) fn few(
        sides: [usize; 2],
        conflicts: impl Iterator<Item = (TermRef, usize)>,
        open: impl Iterator<Item = TermRef>,
        partly: Vec<(TermRef, TermRef, RelationKind)>,
    ) -> Failures {
        let mut by_term: FastMap<TermRef, Vec<usize>> = FastMap::default();
        for (t, i) in conflicts.filter(|(t, _)| sides.contains(&t.proposal)) {
            by_term.entry(t).or_default().push(i);
        }
        Failures {
            sides,
            by: By::Few {
                conflicts: by_term,
                open: open.filter(|t| sides.contains(&t.proposal)).collect(),
            },
            partly: partly_by_term(&sides, partly),
        }
    }

    /// The other side's terms that meet term `t` only in part, with their relation,
    /// sorted.
    pub(super) fn partly(&self, t: &TermRef) -> &[(TermRef, RelationKind)] {
        self.partly.get(t).map_or(&[], Vec::as_slice)
    }

    /// The conflicts term `t` is in, ascending.
    pub(super) fn conflicts(&self, t: &TermRef) -> &[usize] {
        match &self.by {
            By::Terms { conflicts, .. } => match self.sides.iter().position(|&p| p == t.proposal) {
                Some(s) => conflicts.get(s).map_or(&[], |c| c.list(t.term)),
                None => &[],
            },
            By::Few { conflicts, .. } => conflicts.get(t).map_or(&[], Vec::as_slice),
        }
    }

    fn failing(&self, t: &TermRef) -> bool {
        let open = match &self.by {
            By::Terms { open, .. } => self
                .sides
                .iter()
                .position(|&p| p == t.proposal)
                .is_some_and(|s| open.get(s).and_then(|o| o.get(t.term)).copied().unwrap_or(false)),
            By::Few { open, .. } => open.contains(t),
        };
        open || !self.conflicts(t).is_empty() || self.partly.contains_key(t)
    }
}

/// [`met_in_part`]'s list as a table by term (terms of `sides` only), each list
/// sorted and without repeats.
fn partly_by_term(
    sides: &[usize; 2],
    partly: Vec<(TermRef, TermRef, RelationKind)>,
) -> FastMap<TermRef, Vec<(TermRef, RelationKind)>> {
    let mut by: FastMap<TermRef, Vec<(TermRef, RelationKind)>> = FastMap::default();
    for (t, other, kind) in partly.into_iter().filter(|(t, _, _)| sides.contains(&t.proposal)) {
        by.entry(t).or_default().push((other, kind));
    }
    for list in by.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    by
}

/// Fills in what each held-up term agrees with on the other side (direct agreements
/// and compatibles), sorted, without repeats.
pub(super) fn agreed_with<'r>(out: &mut [Blocked], relations: impl IntoIterator<Item = &'r Relation>) {
    if out.is_empty() {
        return;
    }
    let at: FastMap<TermRef, usize> = out.iter().enumerate().map(|(k, b)| (b.term, k)).collect();
    let mut found: Vec<Vec<TermRef>> = vec![Vec::new(); out.len()];
    for r in relations.into_iter().filter(|r| agrees(r)) {
        for (term, other) in [(r.left.term, r.right.term), (r.right.term, r.left.term)] {
            if let Some(list) = at.get(&term).and_then(|&k| found.get_mut(k)) {
                list.push(other);
            }
        }
    }
    for (b, mut list) in out.iter_mut().zip(found) {
        list.sort_unstable();
        list.dedup();
        b.agreed_with = list.into();
    }
}

/// Adds to each conflict's criticality the blocked, otherwise agreed terms it holds up.
fn add_criticality(out: &[Blocked], relations: &mut [Relation]) {
    for b in out {
        for c in critical_conflicts(b) {
            if let Some(r) = relations.get_mut(c) {
                r.criticality += 1;
            }
        }
    }
}

/// The conflicts whose criticality held-up term `b` adds to (each once): those of its
/// causes when it is blocked and otherwise agreed.
pub(super) fn critical_conflicts(b: &Blocked) -> Vec<usize> {
    if b.status != BlockStatus::Blocked || b.agreed_with.is_empty() {
        return Vec::new();
    }
    let mut hit: Vec<usize> = b
        .causes
        .iter()
        .flat_map(|c| c.conflicts.iter().copied())
        .collect();
    hit.sort_unstable();
    hit.dedup();
    hit
}

/// Whether a relation counts as agreement for conditions: a direct agreement or a
/// compatible pair, not an incidental overlap.
pub(super) fn agrees(r: &Relation) -> bool {
    !r.is_indirect() && !r.incidental && matches!(r.kind, RelationKind::Agree | RelationKind::Compatible)
}

/// The breadth-first search over one proposal's `requires`, its buffers kept from one
/// term to the next: for each term, the search that last reached it (`start + 1`), the
/// term it was reached from and its distance from the start. Dense (a slot per term)
/// for a search from every term, sparse for a few.
pub(super) struct Trace {
    reached: Slots,
    queue: VecDeque<usize>,
    order: Vec<usize>,
}

#[derive(Clone, Copy, Default)]
struct Reached {
    by: usize,
    from: usize,
    depth: usize,
}

enum Slots {
    Dense(Vec<Reached>),
    Sparse(FastMap<usize, Reached>),
}

impl Slots {
    fn get(&self, t: usize) -> Option<Reached> {
        match self {
            Slots::Dense(v) => v.get(t).copied(),
            Slots::Sparse(m) => m.get(&t).copied(),
        }
    }

    /// Marks `to` (one of `terms` terms) reached, unless search `by` has reached it.
    fn reach(&mut self, to: usize, terms: usize, r: Reached) -> bool {
        let slot = match self {
            Slots::Dense(v) => v.get_mut(to),
            Slots::Sparse(m) if to < terms => Some(m.entry(to).or_default()),
            Slots::Sparse(_) => None,
        };
        match slot {
            Some(slot) if slot.by != r.by => {
                *slot = r;
                true
            }
            _ => false,
        }
    }
}

impl Trace {
    /// A search from each of a proposal's `terms` terms in turn.
    pub(super) fn new(terms: usize) -> Trace {
        Trace {
            reached: Slots::Dense(vec![Reached::default(); terms]),
            queue: VecDeque::new(),
            order: Vec::new(),
        }
    }

    /// A search from a few terms.
    pub(super) fn sparse() -> Trace {
        Trace {
            reached: Slots::Sparse(FastMap::default()),
            queue: VecDeque::new(),
            order: Vec::new(),
        }
    }

    /// Term `t` of proposal `p` (index `pi`) as a held-up term, if it is one.
    pub(super) fn held(
        &mut self,
        pi: usize,
        p: &ResolvedProposal,
        t: usize,
        failures: &Failures,
        steps: &mut Steps,
    ) -> Result<Option<Blocked>, usize> {
        let mut causes = Vec::new();
        for path in self.paths(pi, p, t, &|r| failures.failing(r), steps)? {
            let Some(&required) = path.last() else { continue };
            let conflicts = failures.conflicts(&required).to_vec();
            let partly = if conflicts.is_empty() {
                failures.partly(&required).to_vec()
            } else {
                Vec::new()
            };
            causes.push(BlockCause {
                path: path.into(),
                conflicts: conflicts.into(),
                met_in_part: partly.into(),
            });
        }
        if causes.is_empty() {
            return Ok(None);
        }
        causes.sort_by_key(|c| c.required());
        let status = if causes.iter().any(|c| !c.conflicts.is_empty()) {
            BlockStatus::Blocked
        } else {
            BlockStatus::Pending
        };
        Ok(Some(Blocked {
            term: TermRef {
                proposal: pi,
                term: t,
            },
            status,
            agreed_with: Shared::empty(),
            causes: causes.into(),
            by_coverage: Shared::empty(),
        }))
    }

    /// The terms term `start` of `p` requires, directly or transitively (not `start`
    /// itself), in the order the search reaches them; each reached term takes a step.
    pub(super) fn reach(
        &mut self,
        p: &ResolvedProposal,
        start: usize,
        steps: &mut Steps,
    ) -> Result<&[usize], usize> {
        let n = p.terms.len();
        let requires = |t: usize| {
            p.terms
                .get(t)
                .map_or(&[][..], |x| &x.requires[..])
                .iter()
                .rev()
                .map(|&(req, _)| req)
                .filter(move |&req| req < n)
        };
        self.queue.clear();
        self.order.clear();
        if requires(start).next().is_none() {
            return Ok(&self.order);
        }
        let search = start + 1;
        self.queue.push_back(start);
        while let Some(t) = self.queue.pop_front() {
            let depth = self
                .reached
                .get(t)
                .filter(|r| r.by == search)
                .map_or(0, |r| r.depth)
                + 1;
            for to in requires(t) {
                let r = Reached {
                    by: search,
                    from: t,
                    depth,
                };
                if to != start && self.reached.reach(to, n, r) {
                    steps.take(1)?;
                    self.order.push(to);
                    self.queue.push_back(to);
                }
            }
        }
        Ok(&self.order)
    }

    /// The shortest `requires` path from term `start` of proposal `p` (index `pi`) to
    /// each term it requires, directly or transitively, that is `failing` (each path
    /// starts at `start` and ends at the required term), in the order the search
    /// reaches them.
    fn paths(
        &mut self,
        pi: usize,
        p: &ResolvedProposal,
        start: usize,
        failing: &impl Fn(&TermRef) -> bool,
        steps: &mut Steps,
    ) -> Result<Vec<Vec<TermRef>>, usize> {
        self.reach(p, start, steps)?;
        let term = |t: usize| TermRef {
            proposal: pi,
            term: t,
        };
        let mut paths = Vec::new();
        for &end in self.order.iter().filter(|&&end| failing(&term(end))) {
            let Some(Reached { depth, .. }) = self.reached.get(end) else {
                continue;
            };
            steps.take(depth)?;
            let mut path = vec![term(start); depth + 1];
            let mut cur = end;
            for slot in path.iter_mut().skip(1).rev() {
                *slot = term(cur);
                cur = self.reached.get(cur).map_or(start, |r| r.from);
            }
            paths.push(path);
        }
        Ok(paths)
    }
}

/// The steps left for tracing `requires` paths: long chains of conditions in which
/// every term fails make the paths grow with the square of the chain, so they are
/// bounded ([`crate::limits::Limits::max_paths`]).
pub(super) struct Steps {
    left: usize,
    budget: usize,
    limit: usize,
}

impl Steps {
    /// `budget` steps, failing with `limit` when they are used up.
    pub(super) fn new(budget: usize, limit: usize) -> Steps {
        Steps {
            left: budget,
            budget,
            limit,
        }
    }

    /// Takes `n` steps, or fails with the limit when they are used up.
    pub(super) fn take(&mut self, n: usize) -> Result<(), usize> {
        self.left = self.left.checked_sub(n).ok_or(self.limit)?;
        Ok(())
    }

    /// The steps taken.
    pub(super) fn used(&self) -> usize {
        self.budget - self.left
    }
}
