//! The condition graph of a pair of proposals (petgraph): terms as nodes, `requires`
//! conditions and correspondences as edges. From it: sequencing deadlocks (blocked
//! terms need only each proposal's own `requires`: [`super::blocked`]).
//!
//! A deadlock (DESIGN §3) is a *simple* cycle (no term twice) through `requires` edges
//! of both proposals and correspondence edges (every direct relation but a conflict,
//! in both directions), with at least one `before` condition; one per strongly
//! connected component, its shortest such cycle in edges. Finding a cycle through
//! given edges is hard in general, so the search is an iterative deepening with a
//! lower bound (the shortest walk still to go), without recursion, and bounded in
//! steps ([`crate::limits::Limits::max_paths`]).

use std::collections::VecDeque;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::analysis::{CycleEdge, Deadlock, Relation, RelationKind};
use super::atom::TermRef;
use super::blocked::Steps;
use super::relations::Relations;
use crate::collections::{FastMap, FastSet};
use crate::model::Timing;
use crate::resolved::ResolvedProposal;

/// Whether both proposals of a pair have a `requires` condition or an anchor: a
/// deadlock needs one of each, so without them the condition graph need not be built.
pub(crate) fn may_deadlock(sides: [(usize, &ResolvedProposal); 2]) -> bool {
    sides.iter().all(|(_, p)| {
        let n = p.terms.len();
        !p.anchors.is_empty() || p.terms.iter().any(|t| t.requires.iter().any(|&(req, _)| req < n))
    })
}

/// Whether a relation joins its two terms in the condition graph (a correspondence):
/// every direct relation that is not a conflict, so that a dispute about order is
/// found even when the two sides also differ on the numbers; counterparts only, never
/// an incidental overlap. A new kind of relation joins unless it is a conflict.
pub(crate) fn corresponds(r: &Relation) -> bool {
    !r.is_indirect() && !r.is_conflict() && !r.incidental
}

/// An edge of the condition graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// The source term requires the target term (same proposal).
    Requires(Timing),
    /// The two terms correspond (one edge each way).
    Corresponds(RelationKind),
}

/// The condition graph of one pair: node `k` is term `k` of the left proposal, node
/// `left terms + k` term `k` of the right one.
pub(super) struct ConditionGraph {
    graph: DiGraph<TermRef, Link>,
    /// Each side's proposal index, its first node and its number of terms.
    sides: [(usize, usize, usize); 2],
    /// The `before` edges that are anchors (`after`) and not also `requires`
    /// conditions: a deadlock through one says so.
    anchors: FastSet<(NodeIndex, NodeIndex)>,
}

impl ConditionGraph {
    /// Builds the graph of proposals `(li, left)` and `(ri, right)` with the
    /// correspondences among `relations` (one edge each way per pair of terms, of the
    /// first relation's kind in report order).
    pub(super) fn new(sides: [(usize, &ResolvedProposal); 2], relations: &Relations) -> ConditionGraph {
        let [(li, left), (ri, right)] = sides;
        let terms = left.terms.len() + right.terms.len();
        let requires: usize = sides
            .iter()
            .map(|(_, p)| p.anchors.len() + p.terms.iter().map(|t| t.requires.len()).sum::<usize>())
            .sum();
        let mut graph = DiGraph::with_capacity(terms, requires + 2 * relations.len());
        let mut cg = ConditionGraph {
            graph: DiGraph::new(),
            sides: [
                (li, 0, left.terms.len()),
                (ri, left.terms.len(), right.terms.len()),
            ],
            anchors: FastSet::default(),
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
                        graph.add_edge(from, to, Link::Requires(timing));
                    }
                }
            }
        }
        // A window anchored to another term's (`after`) counts as a `before`
        // condition on it here, and only here (DESIGN §3 Settled details).
        for (pi, p) in sides {
            for &(t, anchor) in &p.anchors {
                let from = cg.node(TermRef {
                    proposal: pi,
                    term: t,
                });
                let to = cg.node(TermRef {
                    proposal: pi,
                    term: anchor,
                });
                let required = p.terms.get(t).is_some_and(|term| {
                    term.requires
                        .iter()
                        .any(|&(req, timing)| req == anchor && timing == Timing::Before)
                });
                if let (Some(from), Some(to)) = (from, to)
                    && !required
                {
                    graph.add_edge(from, to, Link::Requires(Timing::Before));
                    cg.anchors.insert((from, to));
                }
            }
        }
        let mut joined: FastSet<(NodeIndex, NodeIndex)> = FastSet::default();
        for r in relations.iter().filter(|r| corresponds(r)) {
            if let (Some(a), Some(b)) = (cg.node(r.left.term), cg.node(r.right.term))
                && joined.insert((a, b))
            {
                graph.add_edge(a, b, Link::Corresponds(r.kind));
                graph.add_edge(b, a, Link::Corresponds(r.kind));
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

    /// Which side (0 or 1) a node is on.
    fn side(&self, n: NodeIndex) -> usize {
        usize::from(n.index() >= self.sides[1].1)
    }

    /// The sequencing deadlocks: in each strongly connected component, its shortest
    /// simple cycle through conditions of both proposals with at least one `before`,
    /// ordered by their first term. The search takes at most `max_steps` steps (nodes
    /// visited); past it, `Err` with the limit.
    pub(super) fn deadlocks(&self, max_steps: usize) -> Result<Vec<Deadlock>, usize> {
        let mut out = Vec::new();
        // Kosaraju's algorithm walks the graph without recursion: a recursive Tarjan
        // overflows the stack on a chain of 10^5 conditions.
        let sccs = kosaraju_scc(&self.graph);
        let mut component = vec![usize::MAX; self.graph.node_count()];
        for (c, scc) in sccs.iter().enumerate() {
            for n in scc {
                if let Some(slot) = component.get_mut(n.index()) {
                    *slot = c;
                }
            }
        }
        // What each component's inner conditions hold: a `before`, and a condition of
        // each side. Only a component with all three can hold a deadlock.
        let mut holds = vec![[false; 3]; sccs.len()];
        for e in self.graph.edge_references() {
            let Link::Requires(timing) = *e.weight() else {
                continue;
            };
            let c = component.get(e.source().index()).copied();
            if c.is_none() || c != component.get(e.target().index()).copied() {
                continue;
            }
            if let Some(h) = c.and_then(|c| holds.get_mut(c)) {
                h[self.side(e.source())] = true;
                h[2] |= timing == Timing::Before;
            }
        }
        let mut steps = Steps::new(max_steps, max_steps);
        for (scc, h) in sccs.iter().zip(&holds) {
            if h.iter().all(|&x| x) {
                out.extend(self.shortest_cycle(scc, &mut steps)?);
            }
        }
        out.sort_by_key(|d| d.cycle.first().map(|e| e.from));
        Ok(out)
    }

    /// The shortest simple cycle of component `scc` through a `before` condition and
    /// conditions of both sides, if there is one. Ties go to the first `before` edge
    /// (by its terms) and then to the first edges in term order.
    fn shortest_cycle(&self, scc: &[NodeIndex], steps: &mut Steps) -> Result<Option<Deadlock>, usize> {
        let local = Local::new(self, scc);
        let mut befores: Vec<(usize, usize)> = Vec::new();
        for (u, out) in local.adj.iter().enumerate() {
            for &(v, link) in out {
                if link == Link::Requires(Timing::Before) {
                    befores.push((u, v));
                }
            }
        }
        let mut best: Option<Cycle> = None;
        // Shortest walks to each `before` edge's source (the other side's condition
        // is the one wanted: the edge is a condition of its own side).
        let mut bounds: FastMap<usize, Vec<[usize; 2]>> = FastMap::default();
        for (u, v) in befores {
            let want = 1 - local.side.get(u).copied().unwrap_or(0);
            let dist = match bounds.entry(u) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(local.distances(u, want, steps)?),
            };
            let Some(&[need, _]) = dist.get(v) else {
                continue;
            };
            let lower = need.saturating_add(1);
            let upper = best.as_ref().map_or(local.adj.len(), |b| b.len() - 1);
            for length in lower..=upper {
                if let Some(path) = local.cycle_of_length(u, v, want, length, dist, steps)? {
                    best = Some(path);
                    break;
                }
            }
        }
        Ok(best.map(|path| Deadlock {
            cycle: path
                .into_iter()
                .map(|(a, b, link)| CycleEdge {
                    from: self.graph[local.nodes[a]],
                    to: self.graph[local.nodes[b]],
                    anchor: link == Link::Requires(Timing::Before)
                        && self.anchors.contains(&(local.nodes[a], local.nodes[b])),
                    requires: match link {
                        Link::Requires(t) => Some(t),
                        Link::Corresponds(_) => None,
                    },
                    relation: match link {
                        Link::Requires(_) => None,
                        Link::Corresponds(k) => Some(k),
                    },
                })
                .collect(),
        }))
    }
}

/// One strongly connected component, numbered in term order, its edges inside it
/// sorted by target.
struct Local {
    nodes: Vec<NodeIndex>,
    side: Vec<usize>,
    adj: Vec<Vec<(usize, Link)>>,
}

/// A cycle as its edges (from, to, link) between a component's local nodes.
type Cycle = Vec<(usize, usize, Link)>;

/// A distance that cannot be walked.
const FAR: usize = usize::MAX;

impl Local {
    fn new(g: &ConditionGraph, scc: &[NodeIndex]) -> Local {
        let mut nodes = scc.to_vec();
        nodes.sort_unstable();
        let at = |n: NodeIndex| nodes.binary_search(&n).ok();
        let mut adj = Vec::with_capacity(nodes.len());
        for &n in &nodes {
            let mut out: Vec<(usize, Link)> = g
                .graph
                .edges(n)
                .filter_map(|e| Some((at(e.target())?, *e.weight())))
                .collect();
            out.sort_by_key(|&(t, link)| {
                let rank = match link {
                    Link::Requires(Timing::Before) => 0,
                    Link::Requires(_) => 1,
                    Link::Corresponds(_) => 2,
                };
                (t, rank)
            });
            adj.push(out);
        }
        let side = nodes.iter().map(|&n| g.side(n)).collect();
        Local { nodes, side, adj }
    }

    /// For each node, the length of the shortest walk to `goal`: `[0]` one that takes
    /// a condition of side `want` on the way, `[1]` any. A breadth-first search
    /// backwards over the pairs (node, condition taken yet), one step per pair
    /// reached.
    fn distances(&self, goal: usize, want: usize, steps: &mut Steps) -> Result<Vec<[usize; 2]>, usize> {
        let n = self.adj.len();
        let mut back: Vec<Vec<(usize, Link)>> = vec![Vec::new(); n];
        for (a, out) in self.adj.iter().enumerate() {
            for &(b, link) in out {
                if let Some(list) = back.get_mut(b) {
                    list.push((a, link));
                }
            }
        }
        let mut dist = vec![[FAR; 2]; n];
        let mut queue = VecDeque::new();
        if let Some(d) = dist.get_mut(goal) {
            d[1] = 0;
            queue.push_back((goal, 1usize));
        }
        while let Some((b, taken)) = queue.pop_front() {
            steps.take(1)?;
            let db = dist.get(b).map_or(FAR, |d| d[taken]);
            for &(a, link) in back.get(b).map_or(&[][..], Vec::as_slice) {
                let takes = matches!(link, Link::Requires(_)) && self.side.get(a) == Some(&want);
                // A walk from `a` along this edge arrives at `b` having taken the
                // condition already when `taken` is set or this edge is one.
                for s in [0, 1] {
                    // State `s` at `a`: 0 still wants the condition, 1 does not.
                    let arrives = if takes { 1 } else { s };
                    if arrives != taken {
                        continue;
                    }
                    if let Some(d) = dist.get_mut(a)
                        && d[s] == FAR
                    {
                        d[s] = db + 1;
                        queue.push_back((a, s));
                    }
                }
            }
        }
        Ok(dist)
    }

    /// A simple cycle of exactly `length` edges (or fewer: the bound lets none through)
    /// that starts with edge `u → v` and takes a condition of side `want`, found by a
    /// depth-first search without recursion that cuts every path the shortest walk
    /// left (`dist`) cannot close in time.
    fn cycle_of_length(
        &self,
        u: usize,
        v: usize,
        want: usize,
        length: usize,
        dist: &[[usize; 2]],
        steps: &mut Steps,
    ) -> Result<Option<Cycle>, usize> {
        let n = self.adj.len();
        let mut on_path = vec![false; n];
        // The path from `v`: each entry a node, whether the wanted condition is taken,
        // and the next of its edges to try.
        let mut stack: Vec<(usize, usize, usize)> = vec![(v, 0, 0)];
        let mut links: Vec<Link> = Vec::new();
        if let Some(x) = on_path.get_mut(v) {
            *x = true;
        }
        if let Some(x) = on_path.get_mut(u) {
            *x = true;
        }
        steps.take(1)?;
        while let Some(top) = stack.last_mut() {
            let (node, taken, next) = *top;
            let Some(&(to, link)) = self.adj.get(node).and_then(|o| o.get(next)) else {
                stack.pop();
                links.pop();
                if let Some(x) = on_path.get_mut(node)
                    && node != u
                {
                    *x = false;
                }
                continue;
            };
            top.2 += 1;
            let now = usize::from(
                taken == 1 || (matches!(link, Link::Requires(_)) && self.side.get(node) == Some(&want)),
            );
            // Edges so far: `u → v`, the path's, and this one.
            let used = stack.len() + 1;
            if to == u {
                if now == 1 && used <= length {
                    links.push(link);
                    let mut cycle = vec![(u, v, Link::Requires(Timing::Before))];
                    let mut from = v;
                    for (k, &l) in links.iter().enumerate() {
                        let to = stack.get(k + 1).map_or(u, |s| s.0);
                        cycle.push((from, to, l));
                        from = to;
                    }
                    return Ok(Some(cycle));
                }
                continue;
            }
            if on_path.get(to).copied().unwrap_or(true) {
                continue;
            }
            let left = dist.get(to).map_or(FAR, |d| d[now]);
            if left == FAR || used.saturating_add(left) > length {
                continue;
            }
            steps.take(1)?;
            if let Some(x) = on_path.get_mut(to) {
                *x = true;
            }
            links.push(link);
            stack.push((to, now, 0));
        }
        Ok(None)
    }
}
