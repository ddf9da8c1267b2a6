//! A parent hierarchy (the actions', or the scope labels') closed once, in time linear
//! in its size: each node's depth and its interval in a depth-first order, so that
//! "does `outer` contain `inner`" is two comparisons, however deep the hierarchy, and
//! the nodes on a parent cycle are found without walking each chain from each node.

/// A hierarchy given by each node's parent, closed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hierarchy {
    /// Each node's level: 1 for a node without a parent; 0 for a node on a cycle or
    /// below one (never reached from a root).
    depth: Vec<u32>,
    /// Each node's position in the depth-first order (roots and children in
    /// definition order); its descendants follow it, up to `end`.
    start: Vec<u32>,
    /// One past the position of each node's last descendant.
    end: Vec<u32>,
    /// The nodes in depth-first order.
    order: Vec<u32>,
}

impl Hierarchy {
    /// Closes the hierarchy where node `i`'s parent is `parents[i]` (parents out of
    /// range are taken as none).
    pub(crate) fn new(parents: &[Option<u32>]) -> Hierarchy {
        let n = parents.len();
        // Children in one flat list, in definition order (counting sort by parent).
        let mut first = vec![0u32; n + 1];
        for &p in parents.iter().flatten().filter(|&&p| (p as usize) < n) {
            first[p as usize + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let mut fill = first.clone();
        let mut children = vec![0u32; first[n] as usize];
        for (c, p) in parents.iter().enumerate() {
            if let Some(p) = p.filter(|&p| (p as usize) < n) {
                children[fill[p as usize] as usize] = c as u32;
                fill[p as usize] += 1;
            }
        }
        let mut h = Hierarchy {
            depth: vec![0; n],
            start: vec![u32::MAX; n],
            end: vec![0; n],
            order: Vec::with_capacity(n),
        };
        // Iterative depth-first walk: (node, next child to visit).
        let mut stack: Vec<(u32, u32)> = Vec::new();
        let roots = (0..n).filter(|&i| parents[i].is_none_or(|p| p as usize >= n));
        for root in roots {
            h.enter(root as u32, 1, &first, &mut stack);
            while let Some(top) = stack.last_mut() {
                let node = top.0;
                if top.1 < first[node as usize + 1] {
                    let child = children[top.1 as usize];
                    top.1 += 1;
                    let depth = h.depth[node as usize].saturating_add(1);
                    h.enter(child, depth, &first, &mut stack);
                } else {
                    h.end[node as usize] = h.order.len() as u32;
                    stack.pop();
                }
            }
        }
        h
    }

    fn enter(&mut self, node: u32, depth: u32, first: &[u32], stack: &mut Vec<(u32, u32)>) {
        self.depth[node as usize] = depth;
        self.start[node as usize] = self.order.len() as u32;
        self.order.push(node);
        stack.push((node, first[node as usize]));
    }

    /// Whether `outer` contains `inner` or is it.
    pub(crate) fn contains(&self, outer: u32, inner: u32) -> bool {
        if outer == inner {
            return true;
        }
        match (self.start.get(outer as usize), self.start.get(inner as usize)) {
            (Some(&o), Some(&i)) if o != u32::MAX && i != u32::MAX => o < i && i < self.end[outer as usize],
            _ => false,
        }
    }

    /// The level of a node (1 for a root; 0 on or below a cycle).
    pub(crate) fn depth(&self, node: u32) -> u32 {
        self.depth.get(node as usize).copied().unwrap_or(0)
    }

    /// The first node, in definition order, whose level is past `limit`.
    pub(crate) fn first_deeper_than(&self, limit: usize) -> Option<usize> {
        self.depth.iter().position(|&d| d as usize > limit)
    }

    /// The nodes in depth-first order, each with its level: roots in definition order,
    /// each followed by its descendants. Nodes on a cycle are left out.
    pub(crate) fn tree_order(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.order.iter().map(|&n| (n as usize, self.depth[n as usize]))
    }

    /// The nodes that lie on a parent cycle, in definition order. Linear: each node
    /// is walked once, from the first node of its chain not yet seen.
    pub(crate) fn on_cycles(parents: &[Option<u32>]) -> Vec<usize> {
        let n = parents.len();
        // 0: not seen; k + 1: seen on the walk that started at node k.
        let mut walk = vec![0usize; n];
        let mut on_cycle = vec![false; n];
        for start in 0..n {
            let mut cur = Some(start);
            while let Some(c) = cur.filter(|&c| c < n) {
                if walk[c] == start + 1 {
                    // Back on this walk's own path: `c` begins a cycle; mark it round.
                    let mut k = c;
                    while !on_cycle[k] {
                        on_cycle[k] = true;
                        k = parents[k].map_or(k, |p| p as usize);
                    }
                    break;
                }
                if walk[c] != 0 {
                    break;
                }
                walk[c] = start + 1;
                cur = parents[c].map(|p| p as usize);
            }
        }
        (0..n).filter(|&i| on_cycle[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Hierarchy;

    #[test]
    fn containment_by_intervals() {
        // 0 ← 1 ← 2, 0 ← 3, 4 alone.
        let parents = [None, Some(0), Some(1), Some(0), None];
        let h = Hierarchy::new(&parents);
        assert!(h.contains(0, 2) && h.contains(1, 2) && h.contains(0, 3));
        assert!(!h.contains(2, 0) && !h.contains(1, 3) && !h.contains(3, 2) && !h.contains(0, 4));
        assert!(h.contains(4, 4));
        assert_eq!((h.depth(0), h.depth(2), h.depth(4)), (1, 3, 1));
        assert_eq!(h.first_deeper_than(2), Some(2));
        let order: Vec<_> = h.tree_order().collect();
        assert_eq!(order, vec![(0, 1), (1, 2), (2, 3), (3, 2), (4, 1)]);
    }

    #[test]
    fn a_chain_of_a_million_closes_in_linear_time() {
        let n = 1_000_000u32;
        let parents: Vec<Option<u32>> = (0..n).map(|i| i.checked_sub(1)).collect();
        let h = Hierarchy::new(&parents);
        assert_eq!(h.depth(n - 1), n);
        assert_eq!(h.first_deeper_than(n as usize), None);
        assert!(h.contains(0, n - 1) && !h.contains(n - 1, 0));
        assert!(Hierarchy::on_cycles(&parents).is_empty());
    }

    #[test]
    fn cycles_are_found_with_only_their_members() {
        // 0 → 1 → 2 → 0 a cycle, 3 → 0 below it, 4 its own parent, 5 a root.
        let parents = [Some(1), Some(2), Some(0), Some(0), Some(4), None];
        assert_eq!(Hierarchy::on_cycles(&parents), vec![0, 1, 2, 4]);
        let h = Hierarchy::new(&parents);
        assert_eq!(h.depth(3), 0);
        assert!(!h.contains(0, 3));
    }
}
