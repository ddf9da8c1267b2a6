//! The condition graph of a pair of proposals (petgraph): terms as nodes, `requires`
//! and agreements as edges. From it: sequencing deadlocks (blocked terms need only
//! each proposal's own `requires`: [`super::blocked`]).

use std::collections::VecDeque;

use super::blocked::agrees;
use crate::collections::{FastMap, FastSet};

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::analysis::{CycleEdge, Deadlock};
use super::atom::TermRef;
use super::relations::Relations;
use crate::model::Timing;
use crate::resolved::ResolvedProposal;

/// Whether both proposals of a pair have a `requires` condition: a deadlock needs one
/// of each, so without them the condition graph need not be built.
pub(crate) fn may_deadlock(sides: [(usize, &ResolvedProposal); 2]) -> bool {
    sides.iter().all(|(_, p)| {
        let n = p.terms.len();
        p.terms.iter().any(|t| t.requires.iter().any(|&(req, _)| req < n))
    })
}

/// The condition graph of one pair: node `k` is term `k` of the left proposal, node
/// `left terms + k` term `k` of the right one.
pub(super) struct ConditionGraph {
    graph: DiGraph<TermRef, Option<Timing>>,
    /// Each side's proposal index, its first node and its number of terms.
    sides: [(usize, usize, usize); 2],
}

impl ConditionGraph {
    /// Builds the graph of proposals `(li, left)` and `(ri, right)` with the agreements
    /// among `relations` (direct agreements and compatibles, in both directions).
    pub(super) fn new(sides: [(usize, &ResolvedProposal); 2], relations: &Relations) -> ConditionGraph {
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

    /// Cycles of conditions across the two proposals with at least one precondition
    /// (`before`) on them: one per strongly connected component that holds such a cycle.
    pub(super) fn deadlocks(&self) -> Vec<Deadlock> {
        let mut out = Vec::new();
        if !self.both_sides_require() {
            // Every cycle's conditions would be one proposal's: no deadlock.
            return out;
        }
        // Kosaraju's algorithm walks the graph without recursion: a recursive Tarjan overflows
        // the stack on a chain of 10^5 conditions.
        for scc in kosaraju_scc(&self.graph).into_iter().filter(|c| c.len() > 1) {
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
