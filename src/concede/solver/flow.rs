//! Maximum flow by Dinic's algorithm on adjacency arrays, and the source side of a min cut.
//!
//! Edges are stored in pairs (edge `2i` forward, `2i + 1` its residual twin) and grouped
//! by tail in one array (compressed rows). Blocking flows are found by an iterative
//! depth-first search with current-arc pointers, so deep level graphs cannot overflow
//! the stack.

/// A flow network with capacities in `u64`.
#[derive(Debug, Clone)]
pub(super) struct Network {
    /// Head of each edge.
    to: Vec<usize>,
    /// Residual capacity of each edge.
    cap: Vec<u64>,
    /// `adj[start[u]..start[u + 1]]` are the edges leaving `u`.
    start: Vec<usize>,
    /// Edge ids grouped by tail.
    adj: Vec<usize>,
}

const UNSEEN: usize = usize::MAX;

impl Network {
    /// A network on `nodes` nodes with the given `(from, to, capacity)` edges; edges that
    /// name a node out of range are ignored.
    pub(super) fn new(nodes: usize, edges: &[(usize, usize, u64)]) -> Network {
        let edges: Vec<&(usize, usize, u64)> = edges.iter().filter(|e| e.0 < nodes && e.1 < nodes).collect();
        let mut to = Vec::with_capacity(2 * edges.len());
        let mut cap = Vec::with_capacity(2 * edges.len());
        let mut degree = vec![0usize; nodes + 1];
        for &&(u, v, c) in &edges {
            to.push(v);
            cap.push(c);
            to.push(u);
            cap.push(0);
            degree[u + 1] += 1;
            degree[v + 1] += 1;
        }
        for i in 1..=nodes {
            degree[i] += degree[i - 1];
        }
        let start = degree.clone();
        let mut fill = degree;
        let mut adj = vec![0usize; to.len()];
        for e in 0..to.len() {
            // The tail of edge e is the head of its twin.
            let tail = to[e ^ 1];
            adj[fill[tail]] = e;
            fill[tail] += 1;
        }
        Network { to, cap, start, adj }
    }

    fn nodes(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Pushes the maximum flow from `s` to `t` and returns its value (saturating).
    pub(super) fn max_flow(&mut self, s: usize, t: usize) -> u64 {
        let n = self.nodes();
        if s >= n || t >= n || s == t {
            return 0;
        }
        let mut flow = 0u64;
        let mut level = vec![UNSEEN; n];
        let mut arc = vec![0usize; n];
        let mut queue = Vec::with_capacity(n);
        let mut path: Vec<usize> = Vec::new();
        while self.levels(s, t, &mut level, &mut queue) {
            arc.copy_from_slice(&self.start[..n]);
            flow = flow.saturating_add(self.blocking_flow(s, t, &mut level, &mut arc, &mut path));
        }
        flow
    }

    /// Breadth-first levels over residual edges; whether `t` is reachable.
    fn levels(&self, s: usize, t: usize, level: &mut [usize], queue: &mut Vec<usize>) -> bool {
        level.fill(UNSEEN);
        queue.clear();
        level[s] = 0;
        queue.push(s);
        let mut head = 0;
        while let Some(&u) = queue.get(head) {
            head += 1;
            for &e in &self.adj[self.start[u]..self.start[u + 1]] {
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] == UNSEEN {
                    level[v] = level[u] + 1;
                    queue.push(v);
                }
            }
        }
        level[t] != UNSEEN
    }

    /// Saturates every shortest augmenting path of the current level graph.
    fn blocking_flow(
        &mut self,
        s: usize,
        t: usize,
        level: &mut [usize],
        arc: &mut [usize],
        path: &mut Vec<usize>,
    ) -> u64 {
        let mut total = 0u64;
        path.clear();
        let mut u = s;
        loop {
            if u == t {
                let push = path.iter().map(|&e| self.cap[e]).min().unwrap_or(0);
                for &e in path.iter() {
                    self.cap[e] -= push;
                    self.cap[e ^ 1] = self.cap[e ^ 1].saturating_add(push);
                }
                total = total.saturating_add(push);
                // Retreat to the tail of the first saturated edge.
                let cut = path.iter().position(|&e| self.cap[e] == 0).unwrap_or(0);
                path.truncate(cut);
                u = path.last().map_or(s, |&e| self.to[e]);
                continue;
            }
            let end = self.start[u + 1];
            while arc[u] < end {
                let e = self.adj[arc[u]];
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] != UNSEEN && level[v] == level[u] + 1 {
                    break;
                }
                arc[u] += 1;
            }
            if arc[u] < end {
                let e = self.adj[arc[u]];
                path.push(e);
                u = self.to[e];
            } else {
                // Dead end: nothing more passes through u in this phase.
                level[u] = UNSEEN;
                match path.pop() {
                    None => return total,
                    Some(e) => {
                        u = self.to[e ^ 1];
                        arc[u] += 1;
                    }
                }
            }
        }
    }

    /// The nodes reachable from `s` over edges with residual capacity: after
    /// [`Network::max_flow`], the source side of a minimum cut.
    pub(super) fn reachable(&self, s: usize) -> Vec<bool> {
        let n = self.nodes();
        let mut seen = vec![false; n];
        if s >= n {
            return seen;
        }
        let mut stack = vec![s];
        seen[s] = true;
        while let Some(u) = stack.pop() {
            for &e in &self.adj[self.start[u]..self.start[u + 1]] {
                let v = self.to[e];
                if self.cap[e] > 0 && !seen[v] {
                    seen[v] = true;
                    stack.push(v);
                }
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_network() {
        // CLRS figure 26.1: max flow 23.
        let edges = [
            (0, 1, 16),
            (0, 2, 13),
            (2, 1, 4),
            (1, 3, 12),
            (3, 2, 9),
            (2, 4, 14),
            (4, 3, 7),
            (3, 5, 20),
            (4, 5, 4),
        ];
        let mut net = Network::new(6, &edges);
        assert_eq!(net.max_flow(0, 5), 23);
        let side = net.reachable(0);
        // The cut {0,1,2,4} | {3,5} has capacity 12 + 7 + 4 = 23.
        assert_eq!(side, vec![true, true, true, false, true, false]);
    }

    #[test]
    fn disconnected_and_degenerate() {
        let mut net = Network::new(4, &[(0, 1, 5), (2, 3, 5)]);
        assert_eq!(net.max_flow(0, 3), 0);
        assert_eq!(net.max_flow(0, 0), 0);
        assert_eq!(net.max_flow(0, 9), 0);
        let mut empty = Network::new(0, &[]);
        assert_eq!(empty.max_flow(0, 1), 0);
        assert!(empty.reachable(0).is_empty());
    }

    #[test]
    fn parallel_edges_and_back_edges() {
        // Two parallel edges add; the flow must use a back edge to reach 7.
        let edges = [(0, 1, 3), (0, 1, 2), (0, 2, 2), (1, 2, 5), (1, 3, 2), (2, 3, 5)];
        let mut net = Network::new(4, &edges);
        assert_eq!(net.max_flow(0, 3), 7);
    }

    #[test]
    fn bipartite_cover_by_cut() {
        // Left 2,3 (cost 1, 5); right 4,5 (cost 2, 2); edges 2-4, 2-5, 3-5.
        let inf = 100;
        let edges = [
            (0, 2, 1),
            (0, 3, 5),
            (4, 1, 2),
            (5, 1, 2),
            (2, 4, inf),
            (2, 5, inf),
            (3, 5, inf),
        ];
        let mut net = Network::new(6, &edges);
        assert_eq!(net.max_flow(0, 1), 3);
        let side = net.reachable(0);
        // Cover: left 2 (unreachable), right 5 (reachable).
        assert!(!side[2] && side[3] && !side[4] && side[5]);
    }

    #[test]
    fn long_chain_does_not_recurse() {
        let n = 200_000;
        let edges: Vec<(usize, usize, u64)> = (0..n - 1).map(|i| (i, i + 1, 1 + (i % 7) as u64)).collect();
        let mut net = Network::new(n, &edges);
        assert_eq!(net.max_flow(0, n - 1), 1);
    }
}
