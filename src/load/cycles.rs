//! Finding cycles in the `requires` relation of one proposal.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::DiGraph;

/// One cycle per strongly connected component of `edges` (node `i` requires each of
/// `edges[i]`), as the nodes in order, starting from the smallest index.
pub(super) fn find_cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut graph = DiGraph::<(), ()>::with_capacity(edges.len(), 0);
    let nodes: Vec<_> = (0..edges.len()).map(|_| graph.add_node(())).collect();
    for (from, tos) in edges.iter().enumerate() {
        for &to in tos {
            graph.add_edge(nodes[from], nodes[to], ());
        }
    }
    // Kosaraju's algorithm walks the graph without recursion: petgraph's Tarjan
    // recurses once per node of a path and overflowed the stack on a cycle of 10^5
    // conditions.
    let mut cycles: Vec<Vec<usize>> = kosaraju_scc(&graph)
        .into_iter()
        .filter(|scc| scc.len() > 1)
        .filter_map(|scc| {
            let members: Vec<usize> = scc.iter().map(|n| n.index()).collect();
            let start = members.iter().copied().min()?;
            walk_cycle(edges, &members, start)
        })
        .collect();
    cycles.sort();
    cycles
}

/// A simple cycle through `start` inside `members`, found depth-first.
fn walk_cycle(edges: &[Vec<usize>], members: &[usize], start: usize) -> Option<Vec<usize>> {
    let mut path = vec![start];
    let mut next = vec![0usize];
    let mut member = vec![false; edges.len()];
    for &m in members {
        if let Some(slot) = member.get_mut(m) {
            *slot = true;
        }
    }
    let mut seen = vec![false; edges.len()];
    seen[start] = true;
    while let Some(&node) = path.last() {
        let depth = path.len() - 1;
        let Some(&to) = edges[node].get(next[depth]) else {
            path.pop();
            next.pop();
            continue;
        };
        next[depth] += 1;
        if to == start {
            return Some(path);
        }
        if member[to] && !seen[to] {
            seen[to] = true;
            path.push(to);
            next.push(0);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_cycles;

    #[test]
    fn finds_each_cycle_once() {
        // 0 → 1 → 2 → 0, 3 → 4, 4 → 3, 5 alone
        let edges = vec![vec![1], vec![2], vec![0], vec![4], vec![3], vec![]];
        assert_eq!(find_cycles(&edges), vec![vec![0, 1, 2], vec![3, 4]]);
    }

    #[test]
    fn acyclic_has_none() {
        let edges = vec![vec![1, 2], vec![2], vec![]];
        assert!(find_cycles(&edges).is_empty());
    }
}
