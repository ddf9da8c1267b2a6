//! Blocked and pending terms of a pair: a term is held up when a term it requires,
//! directly or through a chain of `requires`, is in conflict with the other proposal
//! (blocked) or only open (pending). Also the criticality of each conflict: how many
//! otherwise agreed terms it blocks.
//!
//! Conditions stay inside one proposal, so the paths are traced on each proposal's own
//! `requires` lists, without the pair's condition graph (which [`super::graph`] builds
//! only for deadlocks). Successors are visited last-listed first, as the graph visits
//! its edges, so that the shortest paths chosen are the same.

use std::collections::VecDeque;

use super::analysis::{BlockCause, BlockStatus, Blocked, Open, Relation, RelationKind};
use super::atom::TermRef;
use super::{FastMap, FastSet};
use crate::load::ResolvedProposal;

/// The terms of proposals `sides` (index, proposal) held up by their conditions, given
/// the pair's relations and open points, and the criticality of each conflict (written
/// into `relations`). Tracing the `requires` paths takes at most `max_steps` steps
/// (terms visited and path entries); past it, `Err` with the limit.
pub fn blocked(
    sides: [(usize, &ResolvedProposal); 2],
    relations: &mut [Relation],
    open: &[Open],
    max_steps: usize,
) -> Result<Vec<Blocked>, usize> {
    let mut steps = Steps {
        left: max_steps,
        limit: max_steps,
    };
    let mut in_conflict: FastMap<TermRef, Vec<usize>> = FastMap::default();
    for (i, r) in relations.iter().enumerate().filter(|(_, r)| r.is_conflict()) {
        in_conflict.entry(r.left.term).or_default().push(i);
        in_conflict.entry(r.right.term).or_default().push(i);
    }
    let open: FastSet<TermRef> = open.iter().map(|o| o.term).collect();
    let failing = |t: &TermRef| in_conflict.contains_key(t) || open.contains(t);

    let mut out = Vec::new();
    for (pi, p) in sides {
        let mut trace = Trace::new(p.terms.len());
        for t in 0..p.terms.len() {
            let term = TermRef {
                proposal: pi,
                term: t,
            };
            let mut causes = Vec::new();
            for path in trace.paths(pi, p, t, &failing, &mut steps)? {
                let Some(&required) = path.last() else { continue };
                let conflicts = in_conflict.get(&required).cloned().unwrap_or_default();
                causes.push(BlockCause { path, conflicts });
            }
            if causes.is_empty() {
                continue;
            }
            causes.sort_by_key(|c| c.required());
            let status = if causes.iter().any(|c| !c.conflicts.is_empty()) {
                BlockStatus::Blocked
            } else {
                BlockStatus::Pending
            };
            out.push(Blocked {
                term,
                status,
                agreed_with: Vec::new(),
                causes,
            });
        }
    }
    out.sort_by_key(|b| (b.status, b.term));
    agreed_with(&mut out, relations);
    add_criticality(&out, relations);
    Ok(out)
}

/// Fills in what each held-up term agrees with on the other side (direct agreements
/// and compatibles), sorted, without repeats.
fn agreed_with(out: &mut [Blocked], relations: &[Relation]) {
    if out.is_empty() {
        return;
    }
    let at: FastMap<TermRef, usize> = out.iter().enumerate().map(|(k, b)| (b.term, k)).collect();
    for r in relations.iter().filter(|r| agrees(r)) {
        for (term, other) in [(r.left.term, r.right.term), (r.right.term, r.left.term)] {
            if let Some(b) = at.get(&term).and_then(|&k| out.get_mut(k)) {
                b.agreed_with.push(other);
            }
        }
    }
    for b in out {
        b.agreed_with.sort_unstable();
        b.agreed_with.dedup();
    }
}

/// Adds to each conflict's criticality the blocked, otherwise agreed terms it holds up.
fn add_criticality(out: &[Blocked], relations: &mut [Relation]) {
    for b in out
        .iter()
        .filter(|b| b.status == BlockStatus::Blocked && !b.agreed_with.is_empty())
    {
        let mut hit: Vec<usize> = b
            .causes
            .iter()
            .flat_map(|c| c.conflicts.iter().copied())
            .collect();
        hit.sort_unstable();
        hit.dedup();
        for c in hit {
            if let Some(r) = relations.get_mut(c) {
                r.criticality += 1;
            }
        }
    }
}

/// Whether a relation counts as agreement for conditions: a direct agreement or a
/// compatible pair.
pub fn agrees(r: &Relation) -> bool {
    !r.is_indirect() && matches!(r.kind, RelationKind::Agree | RelationKind::Compatible)
}

/// The breadth-first search over one proposal's `requires`, its buffers kept from one
/// term to the next: for each term, the search that last reached it (`start + 1`), the
/// term it was reached from and its distance from the start.
struct Trace {
    reached: Vec<Reached>,
    queue: VecDeque<usize>,
    order: Vec<usize>,
}

#[derive(Clone, Copy, Default)]
struct Reached {
    by: usize,
    from: usize,
    depth: usize,
}

impl Trace {
    fn new(terms: usize) -> Trace {
        Trace {
            reached: vec![Reached::default(); terms],
            queue: VecDeque::new(),
            order: Vec::new(),
        }
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
        let n = p.terms.len();
        let requires = |t: usize| {
            p.terms
                .get(t)
                .map_or(&[][..], |x| x.requires.as_slice())
                .iter()
                .rev()
                .map(|&(req, _)| req)
                .filter(move |&req| req < n)
        };
        if requires(start).next().is_none() {
            return Ok(Vec::new());
        }
        let search = start + 1;
        self.queue.clear();
        self.order.clear();
        self.queue.push_back(start);
        while let Some(t) = self.queue.pop_front() {
            let depth = self
                .reached
                .get(t)
                .filter(|r| r.by == search)
                .map_or(0, |r| r.depth)
                + 1;
            for to in requires(t) {
                let Some(slot) = self.reached.get_mut(to) else {
                    continue;
                };
                if to != start && slot.by != search {
                    steps.take(1)?;
                    *slot = Reached {
                        by: search,
                        from: t,
                        depth,
                    };
                    self.order.push(to);
                    self.queue.push_back(to);
                }
            }
        }
        let term = |t: usize| TermRef {
            proposal: pi,
            term: t,
        };
        let mut paths = Vec::new();
        for &end in self.order.iter().filter(|&&end| failing(&term(end))) {
            let Some(&Reached { depth, .. }) = self.reached.get(end) else {
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
/// bounded (`--max-paths`).
struct Steps {
    left: usize,
    limit: usize,
}

impl Steps {
    /// Takes `n` steps, or fails with the limit when they are used up.
    fn take(&mut self, n: usize) -> Result<(), usize> {
        self.left = self.left.checked_sub(n).ok_or(self.limit)?;
        Ok(())
    }
}
