//! Exact branch and bound over conflicts, collecting the K cheapest minimal packages.
//!
//! A node is a set of included concessions plus constraints: excluded concessions and
//! "nogoods" (sets that must not all be included). It picks the unresolved conflict with
//! the fewest usable ways and branches on each way, cheapest first; branch `i` includes
//! way `i` and forbids ways `0..i` wholly (a single concession is excluded outright), so
//! that each minimal package is reached along exactly one path. A node is pruned when a
//! conflict has no usable way left, when a nogood is wholly included, or — once K
//! packages are known — when its cost plus a lower bound reaches the K-th best cost. The
//! bound packs unresolved conflicts whose usable concessions are pairwise disjoint and
//! adds the cheapest remaining way of each. Leaves that are not minimal are dropped.
//! A conditional clause counts only at a node that includes its trigger. The search is
//! iterative (an explicit stack), so depth cannot overflow the call stack.

use std::collections::HashSet;

use super::budget::Budget;
use super::reduce::{Clause, drop_supersets};
use super::types::SolveError;

/// One open branching point.
struct Frame {
    /// The usable ways of the chosen conflict, minus included concessions, cheapest first.
    ways: Vec<Vec<usize>>,
    /// The next way to try.
    next: usize,
    /// Lengths of the trails when the frame was opened.
    marks: (usize, usize, usize),
}

/// What a node turned out to be.
enum Eval {
    Dead,
    Leaf,
    Branch(Vec<Vec<usize>>),
}

struct State<'a> {
    clauses: &'a [Clause],
    cost: &'a [u64],
    occurs: Vec<Vec<usize>>,
    k: usize,
    included: Vec<bool>,
    inc_trail: Vec<usize>,
    total: u64,
    excluded: Vec<u32>,
    exc_trail: Vec<usize>,
    nogoods: Vec<Vec<usize>>,
    stamp: Vec<u32>,
    generation: u32,
    best: Vec<(u64, Vec<usize>)>,
    seen: HashSet<Vec<usize>>,
    caps: &'a [Cap<'a>],
    /// What the included concessions cost against each cap.
    capped: Vec<u64>,
}

/// The `k` cheapest minimal packages of `clauses` (concession ids ascending, and cost),
/// cheapest first. `cost` gives each concession's cost.
pub(super) fn search(
    clauses: &[Clause],
    cost: &[u64],
    k: usize,
    budget: &mut Budget,
) -> Result<Vec<(Vec<usize>, u64)>, SolveError> {
    search_capped(clauses, cost, k, &[], budget)
}

/// A cap on what one side may pay: the concessions it owns (a flag per concession),
/// their own costs (which the search's `cost` may weigh otherwise), and the most they
/// may add up to.
pub(super) struct Cap<'a> {
    /// Whether each concession counts against the cap.
    pub owned: &'a [bool],
    /// Each concession's cost as the cap counts it.
    pub cost: &'a [u64],
    /// The most the owned concessions of a package may cost together.
    pub limit: u64,
}

/// [`search`] among the packages within every one of `caps`.
pub(super) fn search_capped(
    clauses: &[Clause],
    cost: &[u64],
    k: usize,
    caps: &[Cap],
    budget: &mut Budget,
) -> Result<Vec<(Vec<usize>, u64)>, SolveError> {
    let n = cost.len();
    let mut occurs = vec![Vec::new(); n];
    for (ci, clause) in clauses.iter().enumerate() {
        for &x in clause.ways.iter().flatten() {
            if let Some(list) = occurs.get_mut(x)
                && list.last() != Some(&ci)
            {
                list.push(ci);
            }
        }
    }
    let mut s = State {
        clauses,
        cost,
        occurs,
        k: k.max(1),
        included: vec![false; n],
        inc_trail: Vec::new(),
        total: 0,
        excluded: vec![0; n],
        exc_trail: Vec::new(),
        nogoods: Vec::new(),
        stamp: vec![0; n],
        generation: 0,
        best: Vec::new(),
        seen: HashSet::new(),
        caps,
        capped: vec![0; caps.len()],
    };
    let mut stack: Vec<Frame> = Vec::new();
    s.visit(&mut stack, budget)?;
    while let Some(frame) = stack.last_mut() {
        s.undo(frame.marks);
        let i = frame.next;
        let Some(way) = frame.ways.get(i) else {
            stack.pop();
            continue;
        };
        frame.next += 1;
        // Ways are cheapest first: once one cannot beat the K-th best, none after it can.
        let way_cost = way.iter().fold(0u64, |a, &x| a.saturating_add(s.cost[x]));
        if s.threshold()
            .is_some_and(|t| s.total.saturating_add(way_cost) >= t)
        {
            stack.pop();
            continue;
        }
        if s.apply(&frame.ways, i) {
            s.visit(&mut stack, budget)?;
        }
    }
    Ok(s.best.into_iter().map(|(c, set)| (set, c)).collect())
}

impl State<'_> {
    /// Adds (or with `add` false takes away) what concession `x` costs against each
    /// cap.
    fn count_caps(&mut self, x: usize, add: bool) {
        for (c, n) in self.caps.iter().zip(self.capped.iter_mut()) {
            if c.owned.get(x).copied().unwrap_or(false) {
                let v = c.cost.get(x).copied().unwrap_or(0);
                *n = if add {
                    n.saturating_add(v)
                } else {
                    n.saturating_sub(v)
                };
            }
        }
    }

    /// The cost a new package must beat, once K packages are known.
    fn threshold(&self) -> Option<u64> {
        if self.best.len() >= self.k {
            self.best.last().map(|b| b.0)
        } else {
            None
        }
    }

    /// Explores the current node: records a leaf or opens a frame.
    fn visit(&mut self, stack: &mut Vec<Frame>, budget: &mut Budget) -> Result<(), SolveError> {
        budget.tick(self.best.len(), self.best.first().map(|b| b.0))?;
        match self.evaluate() {
            Eval::Dead => {}
            Eval::Leaf => self.record(),
            Eval::Branch(ways) => {
                let marks = (self.inc_trail.len(), self.exc_trail.len(), self.nogoods.len());
                stack.push(Frame { ways, next: 0, marks });
            }
        }
        Ok(())
    }

    /// Restores the trails to the given lengths.
    fn undo(&mut self, (inc, exc, nogoods): (usize, usize, usize)) {
        while self.inc_trail.len() > inc {
            if let Some(x) = self.inc_trail.pop() {
                self.included[x] = false;
                self.total -= self.cost[x];
                self.count_caps(x, false);
            }
        }
        while self.exc_trail.len() > exc {
            if let Some(x) = self.exc_trail.pop() {
                self.excluded[x] -= 1;
            }
        }
        self.nogoods.truncate(nogoods);
    }

    /// Takes branch `i`: forbids `ways[..i]`, includes `ways[i]`. False if that is
    /// contradictory.
    fn apply(&mut self, ways: &[Vec<usize>], i: usize) -> bool {
        for way in ways.iter().take(i) {
            match way.as_slice() {
                [x] => {
                    self.excluded[*x] += 1;
                    self.exc_trail.push(*x);
                }
                _ => self.nogoods.push(way.clone()),
            }
        }
        for &x in ways.get(i).into_iter().flatten() {
            if self.excluded[x] > 0 {
                return false;
            }
            if !self.included[x] {
                self.included[x] = true;
                self.inc_trail.push(x);
                self.total += self.cost[x];
                self.count_caps(x, true);
            }
        }
        if self.caps.iter().zip(&self.capped).any(|(c, &n)| n > c.limit) {
            return false;
        }
        !self.nogoods.iter().any(|g| g.iter().all(|&x| self.included[x]))
    }

    /// Classifies the current node and, for a branching node, lists the ways to try.
    fn evaluate(&mut self) -> Eval {
        let mut open: Vec<(u64, usize)> = Vec::new();
        let mut pick: Option<(usize, u64, usize)> = None;
        for (ci, clause) in self.clauses.iter().enumerate() {
            if !self.active(clause) {
                continue;
            }
            let mut usable = 0usize;
            let mut cheapest = u64::MAX;
            let mut resolved = false;
            for way in &clause.ways {
                match self.residual_cost(way) {
                    Residual::Done => {
                        resolved = true;
                        break;
                    }
                    Residual::Blocked => {}
                    Residual::Cost(c) => {
                        usable += 1;
                        cheapest = cheapest.min(c);
                    }
                }
            }
            if resolved {
                continue;
            }
            if usable == 0 {
                return Eval::Dead;
            }
            open.push((cheapest, ci));
            let better = match pick {
                None => true,
                Some((u, c, _)) => usable < u || (usable == u && cheapest > c),
            };
            if better {
                pick = Some((usable, cheapest, ci));
            }
        }
        let Some((_, _, ci)) = pick else { return Eval::Leaf };
        if let Some(t) = self.threshold()
            && self.total.saturating_add(self.lower_bound(&mut open)) >= t
        {
            return Eval::Dead;
        }
        let mut ways: Vec<(u64, Vec<usize>)> = Vec::new();
        for way in self.clauses.get(ci).map(|c| c.ways.as_slice()).unwrap_or(&[]) {
            if let Residual::Cost(c) = self.residual_cost(way) {
                let rest: Vec<usize> = way.iter().copied().filter(|&x| !self.included[x]).collect();
                ways.push((c, rest));
            }
        }
        ways.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.len().cmp(&b.1.len()))
                .then_with(|| a.1.cmp(&b.1))
        });
        Eval::Branch(drop_supersets(ways.into_iter().map(|(_, way)| way)))
    }

    /// The cost of completing `way`, unless it is complete or blocked.
    fn residual_cost(&self, way: &[usize]) -> Residual {
        let mut cost = 0u64;
        let mut done = true;
        for &x in way {
            if self.included[x] {
                continue;
            }
            done = false;
            if self.excluded[x] > 0 {
                return Residual::Blocked;
            }
            cost = cost.saturating_add(self.cost[x]);
        }
        if done {
            Residual::Done
        } else {
            Residual::Cost(cost)
        }
    }

    /// A lower bound on what resolving the `open` conflicts costs: a greedy packing of
    /// conflicts with pairwise disjoint usable concessions, most expensive first.
    fn lower_bound(&mut self, open: &mut [(u64, usize)]) -> u64 {
        open.sort_unstable_by(|a, b| b.cmp(a));
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
        let g = self.generation;
        let mut bound = 0u64;
        for &(cheapest, ci) in open.iter() {
            let Some(clause) = self.clauses.get(ci) else {
                continue;
            };
            let usable = || {
                clause
                    .ways
                    .iter()
                    .filter(|w| !w.iter().any(|&x| !self.included[x] && self.excluded[x] > 0))
                    .flatten()
                    .copied()
                    .filter(|&x| !self.included[x])
            };
            if usable().any(|x| self.stamp[x] == g) {
                continue;
            }
            let touched: Vec<usize> = usable().collect();
            for x in touched {
                self.stamp[x] = g;
            }
            bound = bound.saturating_add(cheapest);
        }
        bound
    }

    /// Whether a clause counts at this node: unconditional, or its trigger included.
    fn active(&self, clause: &Clause) -> bool {
        clause.when.iter().all(|&x| self.included[x])
    }

    /// Records the current package if it is minimal and new.
    fn record(&mut self) {
        let needed = |x: usize| {
            self.occurs[x].iter().any(|&ci| {
                self.clauses.get(ci).is_some_and(|c| {
                    self.active(c)
                        && !c
                            .ways
                            .iter()
                            .any(|w| !w.contains(&x) && w.iter().all(|&y| self.included[y]))
                })
            })
        };
        if !self.inc_trail.iter().all(|&x| needed(x)) {
            return;
        }
        let mut set = self.inc_trail.clone();
        set.sort_unstable();
        if self.threshold().is_some_and(|t| self.total >= t) || !self.seen.insert(set.clone()) {
            return;
        }
        let entry = (self.total, set);
        let at = self.best.partition_point(|b| *b <= entry);
        self.best.insert(at, entry);
        self.best.truncate(self.k);
    }
}

/// The state of one way at a node.
enum Residual {
    /// Every concession of the way is included.
    Done,
    /// The way uses an excluded concession.
    Blocked,
    /// What including the rest of the way costs.
    Cost(u64),
}
