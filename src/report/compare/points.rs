//! The point-by-point table of N proposals, as data: each negotiated point (a cluster
//! of counterparts: terms joined by the relations the reports show) is a row, each
//! proposal's terms on it a column, and each pair's relation on it marked. Every
//! renderer (text, Markdown, CSV, HTML, JSON) draws the same rows.

use crate::engine::{Analysis, RelationKind, TermRef};

/// The rows of the table, in the order of their first term (the first proposal's terms
/// in file order, then the rows only later proposals have).
#[derive(Debug, Clone, PartialEq)]
pub struct Points {
    /// One row per negotiated point.
    pub rows: Vec<Point>,
}

/// One negotiated point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Each proposal's terms on this point, one list per proposal in the order given
    /// (empty where the proposal is silent), each in file order.
    pub terms: Vec<Vec<TermRef>>,
    /// What each pair of proposals is to each other on this point, in the order of
    /// [`Analysis::pairs`].
    pub marks: Vec<Mark>,
}

impl Point {
    /// The row's first term, which names it.
    pub fn first(&self) -> Option<TermRef> {
        self.terms.iter().find_map(|t| t.first().copied())
    }
}

/// What a pair of proposals is to each other on one point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The left proposal of the pair.
    pub left: usize,
    /// The right proposal.
    pub right: usize,
    /// The kinds of the relations between their terms on this point, the gravest
    /// first, without repeats; empty when they have no relation here.
    pub kinds: Vec<MarkKind>,
    /// Whether the left proposal has a term on this point.
    pub left_has: bool,
    /// Whether the right proposal has a term on this point.
    pub right_has: bool,
}

/// The kind of a relation as the table marks it, the gravest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    /// A direct conflict.
    Conflict,
    /// A conflict through a rule.
    IndirectConflict,
    /// A conflict only if an outcome comes about.
    Contingent,
    /// A divergence.
    Diverge,
    /// Left to be agreed.
    ToBeAgreed,
    /// Must against may.
    Compatible,
    /// An agreement through a rule.
    Implied,
    /// An agreement.
    Agree,
}

/// Builds the table of `a`: linear in the terms and the relations (a union-find over
/// the terms, joined by each relation a report shows).
pub fn points(a: &Analysis) -> Points {
    let offsets: Vec<usize> = a
        .proposals
        .iter()
        .scan(0, |at, p| {
            let start = *at;
            *at += p.terms.len();
            Some(start)
        })
        .collect();
    let total = a.proposals.iter().map(|p| p.terms.len()).sum();
    let index = |t: TermRef| offsets.get(t.proposal).map(|o| o + t.term).filter(|&i| i < total);
    let mut sets = UnionFind::new(total);
    for pair in &a.pairs {
        for r in pair.relations.iter().filter(|r| r.is_finding()) {
            if let (Some(l), Some(rt)) = (index(r.left.term), index(r.right.term)) {
                sets.union(l, rt);
            }
        }
    }
    // Rows in the order of their first term: the root of each set gets its row when
    // its first term is met.
    let mut row_of = vec![usize::MAX; total];
    let mut rows: Vec<Point> = Vec::new();
    for (p, proposal) in a.proposals.iter().enumerate() {
        for term in 0..proposal.terms.len() {
            let t = TermRef { proposal: p, term };
            let Some(i) = index(t) else { continue };
            let root = sets.find(i);
            if row_of[root] == usize::MAX {
                row_of[root] = rows.len();
                rows.push(Point {
                    terms: vec![Vec::new(); a.proposals.len()],
                    marks: Vec::new(),
                });
            }
            if let Some(cell) = rows.get_mut(row_of[root]).and_then(|r| r.terms.get_mut(p)) {
                cell.push(t);
            }
        }
    }
    for row in &mut rows {
        row.marks = a
            .pairs
            .iter()
            .map(|pair| Mark {
                left: pair.left,
                right: pair.right,
                kinds: Vec::new(),
                left_has: row.terms.get(pair.left).is_some_and(|c| !c.is_empty()),
                right_has: row.terms.get(pair.right).is_some_and(|c| !c.is_empty()),
            })
            .collect();
    }
    for (k, pair) in a.pairs.iter().enumerate() {
        for (i, r) in pair.relations.iter().enumerate() {
            let lapsed = pair.lapsed.binary_search(&i).is_ok();
            if !r.is_finding() && !r.is_conflict() || lapsed {
                continue;
            }
            let (Some(l), Some(rt)) = (index(r.left.term), index(r.right.term)) else {
                continue;
            };
            let root = sets.find(l);
            if root != sets.find(rt) {
                continue;
            }
            let contingent = pair.contingent.binary_search(&i).is_ok();
            let kind = match r.kind {
                RelationKind::Conflict if contingent => MarkKind::Contingent,
                RelationKind::Conflict if r.is_indirect() => MarkKind::IndirectConflict,
                RelationKind::Conflict => MarkKind::Conflict,
                RelationKind::Diverge => MarkKind::Diverge,
                RelationKind::ToBeAgreed => MarkKind::ToBeAgreed,
                RelationKind::Compatible => MarkKind::Compatible,
                RelationKind::Agree if r.is_indirect() => MarkKind::Implied,
                RelationKind::Agree => MarkKind::Agree,
            };
            if let Some(mark) = rows.get_mut(row_of[root]).and_then(|row| row.marks.get_mut(k))
                && !mark.kinds.contains(&kind)
            {
                mark.kinds.push(kind);
            }
        }
    }
    for row in &mut rows {
        for mark in &mut row.marks {
            mark.kinds.sort_unstable();
        }
    }
    Points { rows }
}

/// Sets of terms joined by their relations, with path halving and union by size.
struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}
