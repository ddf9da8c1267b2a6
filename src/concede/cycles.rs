//! Every cycle a deadlock's moves must break. The engine reports one deadlock per
//! strongly connected component of a pair's condition graph, as its shortest cycle
//! (DESIGN §3); a package that breaks that cycle but leaves another one of the
//! component with a `before` condition leaves the deadlock. So each simple cycle of
//! the component with a `before` condition (or an anchor) is a problem of its own.
//!
//! The graph is built as the engine builds it (`engine/graph.rs`): `requires`
//! conditions, anchors as `before` conditions, and correspondences — direct relations
//! that are no conflict and no incidental overlap — both ways. The cycles are listed
//! by a bounded depth-first search; past the bound, the reported cycle alone stands
//! for the component (and the engine check says when that was not enough).

use std::collections::{HashMap, HashSet};

use crate::engine::{Analysis, Deadlock, Pair, TermRef};
use crate::model::Timing;

/// The most cycles listed per component, and the most search steps.
const MAX_CYCLES: usize = 64;
const MAX_STEPS: usize = 20_000;

/// An edge's kind: a condition (its timing, and whether it is an anchor) or a
/// correspondence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    /// `from` requires `to`.
    Requires(Timing, bool),
    /// The two terms correspond.
    Corresponds,
}

/// A cycle: its terms in order, and the edge from each to the next (the last back to
/// the first).
pub(super) type Cycle = Vec<(TermRef, Edge)>;

/// The cycles of the component of `pair`'s deadlock `d` that are deadlocks (conditions
/// of both proposals, one `before`), the reported cycle first.
pub(super) fn cycles(a: &Analysis, pair: &Pair, d: &Deadlock) -> Vec<Cycle> {
    let reported: Cycle = d
        .cycle
        .iter()
        .map(|e| {
            let edge = match e.requires {
                Some(t) => Edge::Requires(t, e.anchor),
                None => Edge::Corresponds,
            };
            (e.from, edge)
        })
        .collect();
    let graph = Graph::of(a, pair);
    let Some(&(start, _)) = reported.first() else {
        return vec![reported];
    };
    let component = graph.component(start);
    let mut out = vec![reported.clone()];
    let mut found = graph.simple_cycles(&component);
    let key = |c: &Cycle| -> Vec<TermRef> {
        let mut k: Vec<TermRef> = c.iter().map(|x| x.0).collect();
        k.sort_unstable();
        k
    };
    let seen = key(&reported);
    if let Some(list) = &mut found {
        list.retain(|c| key(c) != seen || !same_cycle(c, &reported));
        out.append(list);
    }
    out
}

/// Whether two cycles are the same up to rotation.
fn same_cycle(a: &Cycle, b: &Cycle) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(first) = b.first().map(|x| x.0) else {
        return a.is_empty();
    };
    let Some(at) = a.iter().position(|x| x.0 == first) else {
        return false;
    };
    (0..a.len()).all(|i| a.get((at + i) % a.len()).map(|x| x.0) == b.get(i).map(|x| x.0))
}

/// Whether a cycle is a deadlock's (DESIGN §3): `requires` edges of both proposals,
/// and at least one `before`.
fn is_deadlock(cycle: &Cycle) -> bool {
    let proposals: HashSet<usize> = cycle
        .iter()
        .filter(|(_, e)| matches!(e, Edge::Requires(..)))
        .map(|(t, _)| t.proposal)
        .collect();
    proposals.len() >= 2
        && cycle
            .iter()
            .any(|&(_, e)| matches!(e, Edge::Requires(Timing::Before, _)))
}

struct Graph {
    out: HashMap<TermRef, Vec<(TermRef, Edge)>>,
    back: HashMap<TermRef, Vec<TermRef>>,
}

impl Graph {
    fn of(a: &Analysis, pair: &Pair) -> Graph {
        let mut g = Graph {
            out: HashMap::new(),
            back: HashMap::new(),
        };
        for pi in [pair.left, pair.right] {
            let Some(p) = a.proposals.get(pi) else { continue };
            for (t, term) in p.terms.iter().enumerate() {
                for &(req, timing) in term.requires.iter() {
                    if req < p.terms.len() {
                        g.add(
                            TermRef {
                                proposal: pi,
                                term: t,
                            },
                            TermRef {
                                proposal: pi,
                                term: req,
                            },
                            Edge::Requires(timing, false),
                        );
                    }
                }
            }
            for &(t, anchor) in p.anchors.iter() {
                let required = p.terms.get(t).is_some_and(|term| {
                    term.requires
                        .iter()
                        .any(|&(req, timing)| req == anchor && timing == Timing::Before)
                });
                if !required {
                    g.add(
                        TermRef {
                            proposal: pi,
                            term: t,
                        },
                        TermRef {
                            proposal: pi,
                            term: anchor,
                        },
                        Edge::Requires(Timing::Before, true),
                    );
                }
            }
        }
        let mut joined = HashSet::new();
        for r in pair.relations.iter() {
            if r.is_indirect() || r.is_conflict() || r.incidental {
                continue;
            }
            if joined.insert((r.left.term, r.right.term)) {
                g.add(r.left.term, r.right.term, Edge::Corresponds);
                g.add(r.right.term, r.left.term, Edge::Corresponds);
            }
        }
        g
    }

    fn add(&mut self, from: TermRef, to: TermRef, edge: Edge) {
        self.out.entry(from).or_default().push((to, edge));
        self.back.entry(to).or_default().push(from);
    }

    /// The strongly connected component of `start`: reached from it and reaching it.
    fn component(&self, start: TermRef) -> Vec<TermRef> {
        let reach = |next: &dyn Fn(TermRef) -> Vec<TermRef>| {
            let mut seen = HashSet::from([start]);
            let mut stack = vec![start];
            while let Some(u) = stack.pop() {
                for v in next(u) {
                    if seen.insert(v) {
                        stack.push(v);
                    }
                }
            }
            seen
        };
        let forward = reach(&|u| {
            self.out
                .get(&u)
                .map_or(Vec::new(), |l| l.iter().map(|x| x.0).collect())
        });
        let backward = reach(&|u| self.back.get(&u).cloned().unwrap_or_default());
        let mut c: Vec<TermRef> = forward.intersection(&backward).copied().collect();
        c.sort_unstable();
        c
    }

    /// The simple cycles within `component` that are deadlocks, each from its least
    /// term; `None` past the bounds.
    fn simple_cycles(&self, component: &[TermRef]) -> Option<Vec<Cycle>> {
        let inside: HashSet<TermRef> = component.iter().copied().collect();
        let mut out = Vec::new();
        let mut steps = 0usize;
        for &s in component {
            // Depth-first from `s` through terms greater than `s`, back to `s`.
            let mut path: Vec<(TermRef, Edge)> = Vec::new();
            let mut on: HashSet<TermRef> = HashSet::from([s]);
            let mut stack: Vec<(TermRef, usize)> = vec![(s, 0)];
            while let Some(&mut (u, ref mut next)) = stack.last_mut() {
                steps += 1;
                if steps > MAX_STEPS {
                    return None;
                }
                let edges = self.out.get(&u).map_or(&[][..], Vec::as_slice);
                let Some(&(v, edge)) = edges.get(*next) else {
                    stack.pop();
                    if u != s {
                        on.remove(&u);
                        path.pop();
                    }
                    continue;
                };
                *next += 1;
                if v == s {
                    let mut cycle = path.clone();
                    cycle.push((u, edge));
                    if is_deadlock(&cycle) {
                        out.push(cycle);
                        if out.len() > MAX_CYCLES {
                            return None;
                        }
                    }
                } else if v > s && inside.contains(&v) && !on.contains(&v) {
                    path.push((u, edge));
                    on.insert(v);
                    stack.push((v, 0));
                }
            }
        }
        Some(out)
    }
}
