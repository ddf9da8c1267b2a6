//! Minimum-weight vertex covers of a bipartite conflict graph, by min-cut.
//!
//! When every unresolved conflict is an edge (conceding either of two concessions
//! resolves it) and the edges form a bipartite graph, a cheapest package is a
//! minimum-weight vertex cover: source → left vertex (capacity = cost), right vertex →
//! sink (capacity = cost), left → right for each edge (infinite). The cover is read off
//! the minimum cut: left vertices not reachable from the source in the residual graph,
//! right vertices reachable from it.

use super::flow::Network;
use super::reduce::Clause;

/// A conflict graph on the concessions that appear in edge conflicts.
#[derive(Debug, Clone)]
pub(super) struct Graph {
    /// The concession id of each vertex.
    pub concession: Vec<usize>,
    /// The cost of each vertex.
    pub cost: Vec<u64>,
    /// Whether each vertex is on the source (left) side.
    pub left: Vec<bool>,
    /// The neighbours of each vertex.
    pub adj: Vec<Vec<usize>>,
    /// The edges, each as (left vertex, right vertex).
    pub edges: Vec<(usize, usize)>,
}

/// The graph of `clauses` if each is an edge and together they are bipartite. `cost`
/// gives each concession's cost.
pub(super) fn bipartite(clauses: &[Clause], cost: &[u64]) -> Option<Graph> {
    const NONE: usize = usize::MAX;
    let mut vertex = vec![NONE; cost.len()];
    let mut g = Graph {
        concession: Vec::new(),
        cost: Vec::new(),
        left: Vec::new(),
        adj: Vec::new(),
        edges: Vec::new(),
    };
    let mut pairs = Vec::with_capacity(clauses.len());
    for clause in clauses {
        if !clause.when.is_empty() {
            return None;
        }
        let [a, b] = clause.ways.as_slice() else {
            return None;
        };
        let (&[a], &[b]) = (a.as_slice(), b.as_slice()) else {
            return None;
        };
        let mut id = |x: usize| -> Option<usize> {
            let slot = vertex.get_mut(x)?;
            if *slot == NONE {
                *slot = g.concession.len();
                g.concession.push(x);
                g.cost.push(cost.get(x).copied().unwrap_or(0));
                g.adj.push(Vec::new());
            }
            Some(*slot)
        };
        let (u, v) = (id(a)?, id(b)?);
        g.adj[u].push(v);
        g.adj[v].push(u);
        pairs.push((u, v));
    }
    // Two-colour by breadth-first search.
    let n = g.concession.len();
    let mut colour: Vec<Option<bool>> = vec![None; n];
    let mut queue = Vec::new();
    for root in 0..n {
        if colour[root].is_some() {
            continue;
        }
        colour[root] = Some(true);
        queue.clear();
        queue.push(root);
        let mut head = 0;
        while let Some(&u) = queue.get(head) {
            head += 1;
            let side = colour[u] == Some(true);
            for &v in &g.adj[u] {
                match colour[v] {
                    None => {
                        colour[v] = Some(!side);
                        queue.push(v);
                    }
                    Some(c) if c == side => return None,
                    Some(_) => {}
                }
            }
        }
    }
    g.left = colour.iter().map(|c| *c == Some(true)).collect();
    g.edges = pairs
        .into_iter()
        .map(|(u, v)| if g.left[u] { (u, v) } else { (v, u) })
        .collect();
    Some(g)
}

/// The connected components of `g`, each a graph of its own (with the same concession
/// ids); covers of `g` are unions of covers of its components.
pub(super) fn components(g: &Graph) -> Vec<Graph> {
    const NONE: usize = usize::MAX;
    let n = g.concession.len();
    let mut local = vec![NONE; n];
    let mut part_of = vec![0usize; n];
    let mut out: Vec<Graph> = Vec::new();
    for root in 0..n {
        if local[root] != NONE {
            continue;
        }
        let mut members = vec![root];
        local[root] = 0;
        let mut head = 0;
        while let Some(&u) = members.get(head) {
            head += 1;
            part_of[u] = out.len();
            for &v in &g.adj[u] {
                if local[v] == NONE {
                    local[v] = members.len();
                    members.push(v);
                }
            }
        }
        out.push(Graph {
            concession: members.iter().map(|&u| g.concession[u]).collect(),
            cost: members.iter().map(|&u| g.cost[u]).collect(),
            left: members.iter().map(|&u| g.left[u]).collect(),
            adj: members
                .iter()
                .map(|&u| g.adj[u].iter().map(|&v| local[v]).collect())
                .collect(),
            edges: Vec::new(),
        });
    }
    for &(u, v) in &g.edges {
        if let Some(part) = out.get_mut(part_of[u]) {
            part.edges.push((local[u], local[v]));
        }
    }
    out
}

/// A vertex cover: a flag per vertex, and its cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cover {
    /// Whether each vertex is in the cover.
    pub set: Vec<bool>,
    /// The total cost.
    pub cost: u64,
}

/// A cheapest vertex cover of `g` that contains `include` and avoids `exclude`, or `None`
/// when there is none. Within the vertices not forced by the constraints, the cover is
/// minimal (no vertex can be dropped); vertices of `include` may be redundant.
pub(super) fn min_cover(g: &Graph, include: &[usize], exclude: &[usize]) -> Option<Cover> {
    let n = g.concession.len();
    let mut inc = vec![false; n];
    let mut exc = vec![false; n];
    for &x in exclude {
        *exc.get_mut(x)? = true;
    }
    for &x in include {
        if *exc.get(x)? {
            return None;
        }
        inc[x] = true;
    }
    for &x in exclude {
        for &y in &g.adj[x] {
            if exc[y] {
                return None;
            }
            inc[y] = true;
        }
    }
    let total: u64 = g.cost.iter().fold(0u64, |a, &c| a.saturating_add(c));
    let infinite = total.saturating_add(1);
    let (source, sink) = (n, n + 1);
    let mut touched = vec![false; n];
    let mut arcs = Vec::new();
    for &(u, v) in &g.edges {
        if !inc[u] && !inc[v] {
            arcs.push((u, v, infinite));
            for w in [u, v] {
                if !touched[w] {
                    touched[w] = true;
                    arcs.push(if g.left[w] {
                        (source, w, g.cost[w])
                    } else {
                        (w, sink, g.cost[w])
                    });
                }
            }
        }
    }
    let mut net = Network::new(n + 2, &arcs);
    net.max_flow(source, sink);
    let reach = net.reachable(source);
    let mut set = inc;
    let mut chosen = Vec::new();
    for w in 0..n {
        if touched[w] && (g.left[w] != reach[w]) {
            set[w] = true;
            chosen.push(w);
        }
    }
    // Drop vertices of the cut that are not needed (possible only at zero cost).
    for w in chosen {
        if g.adj[w].iter().all(|&y| set[y]) {
            set[w] = false;
        }
    }
    let cost = (0..n)
        .filter(|&w| set[w])
        .fold(0u64, |a, w| a.saturating_add(g.cost[w]));
    Some(Cover { set, cost })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(list: &[(usize, usize)]) -> Vec<Clause> {
        list.iter()
            .enumerate()
            .map(|(id, &(a, b))| Clause {
                id,
                ways: vec![vec![a], vec![b]],
                when: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn odd_cycle_is_not_bipartite() {
        assert!(bipartite(&edges(&[(0, 1), (1, 2), (2, 0)]), &[1, 1, 1]).is_none());
        assert!(bipartite(&edges(&[(0, 1), (1, 2), (2, 3), (3, 0)]), &[1, 1, 1, 1]).is_some());
    }

    #[test]
    fn star_is_covered_by_its_centre_unless_excluded() {
        // Centre 0 (cost 3) with leaves 1, 2, 3, 4 (cost 1 each).
        let g = bipartite(&edges(&[(0, 1), (0, 2), (0, 3), (0, 4)]), &[3, 1, 1, 1, 1]).unwrap();
        let c = min_cover(&g, &[], &[]).unwrap();
        assert_eq!(c.cost, 3);
        assert_eq!(c.set, vec![true, false, false, false, false]);
        let c = min_cover(&g, &[], &[0]).unwrap();
        assert_eq!(c.cost, 4);
        assert!(min_cover(&g, &[1], &[0, 1]).is_none());
        assert!(min_cover(&g, &[], &[0, 1]).is_none());
    }

    #[test]
    fn components_split_the_graph() {
        let g = bipartite(&edges(&[(0, 1), (2, 3), (1, 4)]), &[1, 2, 3, 4, 5]).unwrap();
        let parts = components(&g);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].concession, vec![0, 1, 4]);
        assert_eq!(parts[0].edges.len(), 2);
        assert_eq!(parts[1].concession, vec![2, 3]);
        assert_eq!(parts[1].cost, vec![3, 4]);
        assert_eq!(min_cover(&parts[0], &[], &[]).unwrap().cost, 2);
    }

    #[test]
    fn zero_cost_vertices_are_not_added_needlessly() {
        let g = bipartite(&edges(&[(0, 1), (2, 3)]), &[0, 0, 0, 5]).unwrap();
        let c = min_cover(&g, &[], &[]).unwrap();
        assert_eq!(c.cost, 0);
        assert_eq!(c.set.iter().filter(|&&b| b).count(), 2);
    }
}
