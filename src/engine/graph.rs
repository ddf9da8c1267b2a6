//! The condition graph of a pair of proposals (petgraph): terms as nodes, `requires`
//! and agreements as edges. From it: blocked and pending terms, sequencing deadlocks,
//! and the criticality of each conflict.

use std::collections::VecDeque;

use super::{FastMap, FastSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::analysis::{BlockCause, BlockStatus, Blocked, CycleEdge, Deadlock, Open, Relation, RelationKind};
use super::atom::TermRef;
use crate::load::ResolvedProposal;
use crate::model::Timing;

/// The condition graph of one pair: node `k` is term `k` of the left proposal, node
/// `left terms + k` term `k` of the right one.
pub struct ConditionGraph {
    graph: DiGraph<TermRef, Option<Timing>>,
    /// Each side's proposal index, its first node and its number of terms.
    sides: [(usize, usize, usize); 2],
}

impl ConditionGraph {
    /// Builds the graph of proposals `(li, left)` and `(ri, right)` with the agreements
    /// among `relations` (direct agreements and compatibles, in both directions).
    pub fn new(sides: [(usize, &ResolvedProposal); 2], relations: &[Relation]) -> ConditionGraph {
        let [(li, left), (ri, right)] = sides;
        let terms = left.terms.len() + right.terms.len();
        let requires: usize = sides
            .iter()
            .map(|(_, p)| p.terms.iter().map(|t| t.requires.len()).sum::<usize>())
            .sum();
        let mut graph = DiGraph::with_capacity(terms, requires + 2 * relations.len());
        let mut cg = ConditionGraph {
            graph: DiGraph::new(),
            sides: [
                (li, 0, left.terms.len()),
                (ri, left.terms.len(), right.terms.len()),
            ],
        };
        for (pi, p) in sides {
            for t in 0..p.terms.len() {
                graph.add_node(TermRef {
                    proposal: pi,
                    term: t,
                });
            }
        }
        for (pi, p) in sides {
            for (t, term) in p.terms.iter().enumerate() {
                for &(req, timing) in &term.requires {
                    let from = cg.node(TermRef {
                        proposal: pi,
                        term: t,
                    });
                    let to = cg.node(TermRef {
                        proposal: pi,
                        term: req,
                    });
                    if let (Some(from), Some(to)) = (from, to) {
                        graph.add_edge(from, to, Some(timing));
                    }
                }
            }
        }
        for r in relations.iter().filter(|r| agrees(r)) {
            if let (Some(a), Some(b)) = (cg.node(r.left.term), cg.node(r.right.term)) {
                graph.add_edge(a, b, None);
                graph.add_edge(b, a, None);
            }
        }
        cg.graph = graph;
        cg
    }

    /// The node of a term, when the term is one of the pair's.
    fn node(&self, r: TermRef) -> Option<NodeIndex> {
        let (_, first, terms) = self.sides.into_iter().find(|&(p, _, _)| p == r.proposal)?;
        (r.term < terms).then(|| NodeIndex::new(first + r.term))
    }

    /// The terms held up by their conditions, and the criticality of each conflict
    /// (written into `relations`). Tracing the `requires` paths takes at most
    /// `max_steps` steps (terms visited and path entries); past it, `Err` with the limit.
    pub fn blocked(
        &self,
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
        let mut open_nodes = vec![false; self.graph.node_count()];
        for n in open.iter().filter_map(|o| self.node(o.term)) {
            if let Some(slot) = open_nodes.get_mut(n.index()) {
                *slot = true;
            }
        }
        let mut agreed: FastMap<TermRef, Vec<TermRef>> = FastMap::default();
        for r in relations.iter().filter(|r| agrees(r)) {
            agreed.entry(r.left.term).or_default().push(r.right.term);
            agreed.entry(r.right.term).or_default().push(r.left.term);
        }

        let mut out = Vec::new();
        let failing = |t: &TermRef| {
            in_conflict.contains_key(t)
                || self
                    .node(*t)
                    .is_some_and(|n| open_nodes.get(n.index()).copied().unwrap_or(false))
        };
        for start in self.graph.node_indices() {
            let term = self.graph[start];
            let mut causes = Vec::new();
            for path in self.requires_paths(start, &failing, &mut steps)? {
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
            let mut agreed_with = agreed.get(&term).cloned().unwrap_or_default();
            agreed_with.sort_unstable();
            agreed_with.dedup();
            out.push(Blocked {
                term,
                status,
                agreed_with,
                causes,
            });
        }
        out.sort_by_key(|b| (b.status, b.term));

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
        Ok(out)
    }

    /// The shortest `requires` path from `start` to each term it requires, directly or
    /// transitively, that is `failing` (each path starts at `start`'s term and ends at
    /// the required term).
    fn requires_paths(
        &self,
        start: NodeIndex,
        failing: &impl Fn(&TermRef) -> bool,
        steps: &mut Steps,
    ) -> Result<Vec<Vec<TermRef>>, usize> {
        if !self.graph.edges(start).any(|e| e.weight().is_some()) {
            return Ok(Vec::new());
        }
        let mut parent: FastMap<NodeIndex, NodeIndex> = FastMap::default();
        let mut queue = VecDeque::from([start]);
        let mut order = Vec::new();
        while let Some(n) = queue.pop_front() {
            for e in self.graph.edges(n).filter(|e| e.weight().is_some()) {
                let to = e.target();
                if to != start && !parent.contains_key(&to) {
                    steps.take(1)?;
                    parent.insert(to, n);
                    order.push(to);
                    queue.push_back(to);
                }
            }
        }
        let mut paths = Vec::new();
        for end in order.into_iter().filter(|&end| failing(&self.graph[end])) {
            let mut path = vec![self.graph[end]];
            let mut cur = end;
            while let Some(&p) = parent.get(&cur) {
                steps.take(1)?;
                path.push(self.graph[p]);
                cur = p;
            }
            path.reverse();
            paths.push(path);
        }
        Ok(paths)
    }

    /// Cycles of conditions across the two proposals with at least one precondition
    /// (`before`) on them: one per strongly connected component that holds such a cycle.
    pub fn deadlocks(&self) -> Vec<Deadlock> {
        let mut out = Vec::new();
        if !self.both_sides_require() {
            // Every cycle's conditions would be one proposal's: no deadlock.
            return out;
        }
        for scc in tarjan_scc(&self.graph).into_iter().filter(|c| c.len() > 1) {
            let members: FastSet<NodeIndex> = scc.iter().copied().collect();
            let mut requires: Vec<(NodeIndex, NodeIndex, Timing)> = Vec::new();
            for &n in &scc {
                for e in self.graph.edges(n) {
                    if let Some(t) = *e.weight()
                        && members.contains(&e.target())
                    {
                        requires.push((n, e.target(), t));
                    }
                }
            }
            requires.sort_by_key(|&(a, b, t)| (t != Timing::Before, self.graph[a], self.graph[b]));
            let Some(&(u, v, t1)) = requires.first() else {
                continue;
            };
            let p = self.graph[u].proposal;
            let Some(&(x, y, t2)) = requires.iter().find(|(a, _, _)| self.graph[*a].proposal != p) else {
                continue;
            };
            if t1 != Timing::Before && t2 != Timing::Before {
                continue;
            }
            let (Some(to_x), Some(to_u)) = (self.path(v, x, &members), self.path(y, u, &members)) else {
                continue;
            };
            let mut cycle = vec![self.edge(u, v, Some(t1))];
            cycle.extend(to_x);
            cycle.push(self.edge(x, y, Some(t2)));
            cycle.extend(to_u);
            out.push(Deadlock { cycle });
        }
        out.sort_by_key(|d| d.cycle.first().map(|e| e.from));
        out
    }

    /// Whether both proposals have a `requires` condition (a deadlock needs one of
    /// each).
    fn both_sides_require(&self) -> bool {
        self.sides.iter().all(|&(p, _, _)| {
            self.graph
                .edge_references()
                .any(|e| e.weight().is_some() && self.graph[e.source()].proposal == p)
        })
    }

    fn edge(&self, from: NodeIndex, to: NodeIndex, requires: Option<Timing>) -> CycleEdge {
        CycleEdge {
            from: self.graph[from],
            to: self.graph[to],
            requires,
        }
    }

    /// The shortest path from `from` to `to` inside `members`, as edges.
    fn path(&self, from: NodeIndex, to: NodeIndex, members: &FastSet<NodeIndex>) -> Option<Vec<CycleEdge>> {
        let mut parent: FastMap<NodeIndex, (NodeIndex, Option<Timing>)> = FastMap::default();
        let mut queue = VecDeque::from([from]);
        let mut reached = from == to;
        while let Some(n) = queue.pop_front() {
            if reached {
                break;
            }
            for e in self.graph.edges(n) {
                let t = e.target();
                if members.contains(&t) && t != from && !parent.contains_key(&t) {
                    parent.insert(t, (n, *e.weight()));
                    if t == to {
                        reached = true;
                        break;
                    }
                    queue.push_back(t);
                }
            }
        }
        if !reached {
            return None;
        }
        let mut edges = Vec::new();
        let mut cur = to;
        while cur != from {
            let &(p, w) = parent.get(&cur)?;
            edges.push(self.edge(p, cur, w));
            cur = p;
        }
        edges.reverse();
        Some(edges)
    }
}

/// Whether a relation counts as agreement for conditions: a direct agreement or a
/// compatible pair.
fn agrees(r: &Relation) -> bool {
    !r.is_indirect() && matches!(r.kind, RelationKind::Agree | RelationKind::Compatible)
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
