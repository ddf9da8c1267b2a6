//! The K cheapest minimal vertex covers of a bipartite conflict graph, in order.
//!
//! Lawler's partitioning over the min-cut solver. A subproblem is a pair of constraints
//! (vertices to include, vertices to exclude); its min-cut cover costs no more than any
//! minimal cover that respects the constraints, so it keys a best-first queue. When the
//! popped cover is minimal it is the next answer, and the rest of its subproblem splits
//! into disjoint children: for the answer's free vertices `s1..sm`, child `j` includes
//! `s1..s(j-1)` and excludes `sj`. When an included vertex `x` is redundant in the cover
//! (all its neighbours are in it), every minimal cover of the subproblem must exclude a
//! neighbour of `x`, and the subproblem splits on which neighbour `y1..yd` is the first
//! one excluded. Children are solved lazily, keyed by their parent's cost until popped.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::rc::Rc;

use super::budget::Budget;
use super::cover::{Graph, min_cover};
use super::types::SolveError;

/// Constraints of one subproblem (vertex indices of the graph).
#[derive(Debug, Default)]
struct Constraints {
    include: Vec<usize>,
    exclude: Vec<usize>,
}

enum Node {
    /// Constraints `base` plus: include `items[..j]`, exclude `items[j]`.
    Pending {
        base: Rc<Constraints>,
        split: Option<(Rc<Vec<usize>>, usize)>,
    },
    /// A minimal cover of the subproblem `constraints`, vertices ascending.
    Solved {
        constraints: Rc<Constraints>,
        set: Vec<usize>,
        cost: u64,
    },
}

struct Queue {
    /// (key, 0 for solved or 1 for pending, sequence): at equal keys solved covers come
    /// first, so ties are answered without solving every pending child.
    heap: BinaryHeap<Reverse<(u64, u8, usize)>>,
    slab: Vec<Option<Node>>,
}

impl Queue {
    fn push(&mut self, key: u64, node: Node) {
        let kind = u8::from(matches!(node, Node::Pending { .. }));
        self.heap.push(Reverse((key, kind, self.slab.len())));
        self.slab.push(Some(node));
    }

    fn pop(&mut self) -> Option<Node> {
        let Reverse((_, _, seq)) = self.heap.pop()?;
        self.slab.get_mut(seq).and_then(Option::take)
    }

    /// Pushes the children of `base` that split on `items`, all keyed by `key`.
    fn split(&mut self, key: u64, base: &Rc<Constraints>, items: Vec<usize>) {
        let items = Rc::new(items);
        for j in 0..items.len() {
            self.push(
                key,
                Node::Pending {
                    base: Rc::clone(base),
                    split: Some((Rc::clone(&items), j)),
                },
            );
        }
    }
}

/// The minimal covers of one graph, cheapest first, computed on demand.
pub(super) struct Ranked<'g> {
    g: &'g Graph,
    queue: Queue,
    /// The covers found so far (vertex indices ascending, and cost), cheapest first.
    pub found: Vec<(Vec<usize>, u64)>,
}

impl<'g> Ranked<'g> {
    /// The enumeration of the minimal covers of `g`.
    pub(super) fn new(g: &'g Graph) -> Ranked<'g> {
        let mut queue = Queue {
            heap: BinaryHeap::new(),
            slab: Vec::new(),
        };
        queue.push(
            0,
            Node::Pending {
                base: Rc::new(Constraints::default()),
                split: None,
            },
        );
        Ranked {
            g,
            queue,
            found: Vec::new(),
        }
    }

    /// The concession id of vertex `w`.
    pub(super) fn concession(&self, w: usize) -> Option<usize> {
        self.g.concession.get(w).copied()
    }

    /// The cost of the `j`-th cheapest minimal cover (from 0), computing it if need be;
    /// `None` when there are no more.
    pub(super) fn cost(&mut self, j: usize, budget: &mut Budget) -> Result<Option<u64>, SolveError> {
        let more = j.saturating_add(1);
        if self.found.len() < more {
            advance(self.g, &mut self.queue, &mut self.found, more, budget)?;
        }
        Ok(self.found.get(j).map(|f| f.1))
    }
}

/// Runs the partitioning until `out` holds `k` covers or none are left.
fn advance(
    g: &Graph,
    queue: &mut Queue,
    out: &mut Vec<(Vec<usize>, u64)>,
    k: usize,
    budget: &mut Budget,
) -> Result<(), SolveError> {
    while out.len() < k {
        let Some(node) = queue.pop() else { break };
        match node {
            Node::Pending { base, split } => {
                budget.tick(out.len(), out.first().map(|o| o.1))?;
                let constraints = match split {
                    None => base,
                    Some((items, j)) => {
                        let mut include = base.include.clone();
                        include.extend(items.iter().take(j));
                        let mut exclude = base.exclude.clone();
                        exclude.extend(items.get(j));
                        Rc::new(Constraints { include, exclude })
                    }
                };
                let Some(cover) = min_cover(g, &constraints.include, &constraints.exclude) else {
                    continue;
                };
                let included = flags(g.concession.len(), &constraints.include);
                let redundant = constraints
                    .include
                    .iter()
                    .copied()
                    .find(|&x| g.adj[x].iter().all(|&y| cover.set[y]));
                match redundant {
                    Some(x) => {
                        let mut items: Vec<usize> = g.adj[x].clone();
                        items.retain(|&y| !included[y]);
                        items.sort_unstable();
                        items.dedup();
                        queue.split(cover.cost, &constraints, items);
                    }
                    None => {
                        let set: Vec<usize> = (0..cover.set.len()).filter(|&w| cover.set[w]).collect();
                        queue.push(
                            cover.cost,
                            Node::Solved {
                                constraints,
                                set,
                                cost: cover.cost,
                            },
                        );
                    }
                }
            }
            Node::Solved {
                constraints,
                set,
                cost,
            } => {
                let included = flags(g.concession.len(), &constraints.include);
                let free: Vec<usize> = set.iter().copied().filter(|&w| !included[w]).collect();
                out.push((set, cost));
                queue.split(cost, &constraints, free);
            }
        }
    }
    Ok(())
}

/// A flag per vertex, set for those listed.
fn flags(n: usize, list: &[usize]) -> Vec<bool> {
    let mut out = vec![false; n];
    for &x in list {
        if let Some(f) = out.get_mut(x) {
            *f = true;
        }
    }
    out
}
