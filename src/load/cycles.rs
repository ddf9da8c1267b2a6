//! Finding the `requires` cycles of one proposal that are input errors: those with a
//! `before` condition on them (a term that must wait for itself). A cycle of
//! `concurrent` conditions only is reciprocity ("each together with the other") and
//! valid (DESIGN §2, v2).

use std::collections::VecDeque;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::DiGraph;

/// One cycle with a `before` condition per strongly connected component of `edges`
/// (node `i` requires each `(j, before)` of `edges[i]`), as the nodes in order: the
/// shortest through the component's first `before` edge, starting at its source.
pub(super) fn find_cycles(edges: &[Vec<(usize, bool)>]) -> Vec<Vec<usize>> {
    let mut graph = DiGraph::<(), ()>::with_capacity(edges.len(), 0);
    let nodes: Vec<_> = (0..edges.len()).map(|_| graph.add_node(())).collect();
    for (from, tos) in edges.iter().enumerate() {
        for &(to, _) in tos {
            if let (Some(&a), Some(&b)) = (nodes.get(from), nodes.get(to)) {
                graph.add_edge(a, b, ());
            }
        }
    }
    // Kosaraju's algorithm walks the graph without recursion: petgraph's Tarjan
    // recurses once per node of a path and overflowed the stack on a cycle of 10^5
    // conditions.
    let mut component = vec![usize::MAX; edges.len()];
    let sccs = kosaraju_scc(&graph);
    for (c, scc) in sccs.iter().enumerate() {
        for n in scc {
            if let Some(slot) = component.get_mut(n.index()) {
                *slot = c;
            }
        }
    }
    let mut first_before: Vec<Option<(usize, usize)>> = vec![None; sccs.len()];
    for (from, tos) in edges.iter().enumerate() {
        for &(to, before) in tos {
            let c = component.get(from).copied().unwrap_or(usize::MAX);
            if before
                && from != to
                && component.get(to) == Some(&c)
                && let Some(slot @ None) = first_before.get_mut(c)
            {
                *slot = Some((from, to));
            }
        }
    }
    let mut cycles: Vec<Vec<usize>> = first_before
        .into_iter()
        .flatten()
        .filter_map(|(u, v)| {
            let c = component.get(u).copied()?;
            let mut cycle = vec![u];
            cycle.extend(path(edges, &component, c, v, u)?);
            cycle.pop();
            Some(cycle)
        })
        .collect();
    cycles.sort();
    cycles
}

/// The shortest path from `from` to `to` inside component `c`, as its nodes
/// (`from` first, `to` last), found breadth-first.
fn path(
    edges: &[Vec<(usize, bool)>],
    component: &[usize],
    c: usize,
    from: usize,
    to: usize,
) -> Option<Vec<usize>> {
    let mut parent = vec![usize::MAX; edges.len()];
    let mut queue = VecDeque::from([from]);
    *parent.get_mut(from)? = from;
    while let Some(n) = queue.pop_front() {
        if n == to {
            break;
        }
        for &(m, _) in edges.get(n)? {
            if component.get(m) == Some(&c) && parent.get(m) == Some(&usize::MAX) {
                *parent.get_mut(m)? = n;
                queue.push_back(m);
            }
        }
    }
    let mut out = vec![to];
    let mut cur = to;
    while cur != from {
        cur = *parent.get(cur)?;
        if cur == usize::MAX {
            return None;
        }
        out.push(cur);
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::find_cycles;

    fn before(edges: &[&[usize]]) -> Vec<Vec<(usize, bool)>> {
        edges
            .iter()
            .map(|t| t.iter().map(|&x| (x, true)).collect())
            .collect()
    }

    #[test]
    fn finds_each_cycle_once() {
        // 0 → 1 → 2 → 0, 3 → 4, 4 → 3, 5 alone
        let edges = before(&[&[1], &[2], &[0], &[4], &[3], &[]]);
        assert_eq!(find_cycles(&edges), vec![vec![0, 1, 2], vec![3, 4]]);
    }

    #[test]
    fn acyclic_has_none() {
        let edges = before(&[&[1, 2], &[2], &[]]);
        assert!(find_cycles(&edges).is_empty());
    }

    #[test]
    fn concurrent_only_cycles_are_reciprocity() {
        // 0 ⇄ 1 concurrent: valid. 2 → 3 concurrent, 3 → 2 before: an error.
        let edges = vec![
            vec![(1, false)],
            vec![(0, false)],
            vec![(3, false)],
            vec![(2, true)],
        ];
        assert_eq!(find_cycles(&edges), vec![vec![3, 2]]);
    }
}
