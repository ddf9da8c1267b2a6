//! The graph of a comparison as petgraph data: the terms of every proposal as nodes
//! (grouped by proposal), `requires` conditions and relations across proposals as
//! edges, with the marks the renderers draw: blocked and pending terms, open terms,
//! deadlock cycles. One renderer per format: [`dot`] (Graphviz) and [`mermaid`].

pub mod dot;
pub mod mermaid;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::engine::{Analysis, BlockStatus, Relation, RelationKind, TermRef};
use crate::model::Timing;
use crate::report::words;
use crate::vocab::Vocab;

/// A term, as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TermNode {
    /// The term.
    pub term: TermRef,
    /// `proposal-id/term-id`.
    pub name: String,
    /// The term's id.
    pub id: String,
    /// What the term states: `US must military_aid to UA`.
    pub statement: String,
    /// Its window and values, when it states any: `days 0–42 (19 January–2 March
    /// 2025), trucks_per_day 600`.
    pub values: Option<String>,
    /// Blocked or pending in some pair, the worse of the two.
    pub status: Option<BlockStatus>,
    /// Whether some other proposal is silent on it (in whole or in part).
    pub open: bool,
    /// Whether it lies on a sequencing deadlock.
    pub deadlock: bool,
}

/// The kind of a relation edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelationEdge {
    /// A direct conflict.
    Conflict,
    /// A conflict through a derived atom.
    Indirect,
    /// A divergence.
    Diverge,
    /// Left to be agreed.
    ToBeAgreed,
    /// Obligation against permission.
    Compatible,
    /// An agreement.
    Agree,
    /// An agreement through a derived atom (v2): one side agrees with what the
    /// other implies through the vocabulary's rules.
    IndirectAgree,
}

impl RelationEdge {
    /// The kind of a relation.
    pub fn of(r: &Relation) -> RelationEdge {
        match r.kind {
            RelationKind::Conflict if r.is_indirect() => RelationEdge::Indirect,
            RelationKind::Conflict => RelationEdge::Conflict,
            RelationKind::Diverge => RelationEdge::Diverge,
            RelationKind::ToBeAgreed => RelationEdge::ToBeAgreed,
            RelationKind::Compatible => RelationEdge::Compatible,
            RelationKind::Agree if r.is_indirect() => RelationEdge::IndirectAgree,
            RelationKind::Agree => RelationEdge::Agree,
        }
    }

    /// The name used in labels and legends.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationEdge::Conflict => "conflict",
            RelationEdge::Indirect => "indirect conflict",
            RelationEdge::Diverge => "diverge",
            RelationEdge::ToBeAgreed => "to be agreed",
            RelationEdge::Compatible => "compatible",
            RelationEdge::Agree => "agree",
            RelationEdge::IndirectAgree => "indirect agreement",
        }
    }
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// The source term requires the target term (same proposal).
    Requires(Timing),
    /// A relation between terms of two proposals (left to right).
    Relation(RelationEdge),
}

/// An edge, as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TermEdge {
    /// What it stands for.
    pub kind: EdgeKind,
    /// Its label: the timing of a condition, the kind of a relation (an indirect one
    /// with what the derived atom states).
    pub label: String,
    /// Whether it lies on a sequencing deadlock.
    pub deadlock: bool,
}

/// One proposal's group of nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The proposal's index.
    pub proposal: usize,
    /// `us-2025-03-11`.
    pub id: String,
    /// `us-2025-03-11 (US)`.
    pub label: String,
    /// The proposal's title, if any.
    pub title: Option<String>,
    /// Its nodes, in term order.
    pub nodes: Vec<NodeIndex>,
}

/// One negotiated point of the point-by-point table, as drawn: its name and, per
/// proposal with terms on it, those terms.
#[derive(Debug, Clone, PartialEq)]
pub struct PointCluster {
    /// What the point is about: `withdrawal`.
    pub label: String,
    /// `(proposal index, its nodes on the point)`, in proposal order, proposals
    /// silent on the point left out.
    pub cells: Vec<(usize, Vec<NodeIndex>)>,
}

/// The graph of a comparison.
#[derive(Debug, Clone)]
pub struct TermGraph {
    /// Terms and edges.
    pub graph: DiGraph<TermNode, TermEdge>,
    /// The nodes grouped by proposal, in proposal order.
    pub clusters: Vec<Cluster>,
    /// The nodes grouped by negotiated point, in the order of the point-by-point
    /// table ([`crate::report::compare::points`]).
    pub points: Vec<PointCluster>,
}

/// Builds the graph of `a`.
pub fn build(a: &Analysis, vocab: &Vocab) -> TermGraph {
    let mut graph = DiGraph::new();
    let mut nodes: HashMap<TermRef, NodeIndex> = HashMap::new();
    let mut clusters = Vec::new();
    for (pi, p) in a.proposals.iter().enumerate() {
        let mut members = Vec::new();
        for (ti, t) in p.terms.iter().enumerate() {
            let term = TermRef {
                proposal: pi,
                term: ti,
            };
            let statement = words::statement(vocab, t);
            let n = graph.add_node(TermNode {
                term,
                name: a.term_name(term),
                id: a.term(term).map(|t| t.id.to_string()).unwrap_or_default(),
                statement,
                values: words::term_values(a, term, true),
                status: None,
                open: false,
                deadlock: false,
            });
            nodes.insert(term, n);
            members.push(n);
        }
        clusters.push(Cluster {
            proposal: pi,
            id: p.id().to_owned(),
            label: words::proposal(a, vocab, pi),
            title: p.proposal.title.clone(),
            nodes: members,
        });
    }
    for (pi, p) in a.proposals.iter().enumerate() {
        for (ti, t) in p.terms.iter().enumerate() {
            for &(req, timing) in &t.requires {
                let from = nodes.get(&TermRef {
                    proposal: pi,
                    term: ti,
                });
                let to = nodes.get(&TermRef {
                    proposal: pi,
                    term: req,
                });
                if let (Some(&from), Some(&to)) = (from, to) {
                    let label = match timing {
                        Timing::Before => "only after",
                        Timing::Concurrent => "together with",
                    };
                    graph.add_edge(
                        from,
                        to,
                        TermEdge {
                            kind: EdgeKind::Requires(timing),
                            label: label.to_owned(),
                            deadlock: false,
                        },
                    );
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for pair in &a.pairs {
        for r in pair.relations.iter().filter(|r| r.is_finding()) {
            let kind = RelationEdge::of(r);
            let label = match kind {
                k if r.is_indirect() => {
                    let derived: Vec<String> = [&r.left, &r.right]
                        .into_iter()
                        .filter_map(|s| words::derived(vocab, s))
                        .collect();
                    let how = match k {
                        RelationEdge::Indirect => "indirect".to_owned(),
                        RelationEdge::IndirectAgree => k.as_str().to_owned(),
                        k => format!("{} (indirect)", k.as_str()),
                    };
                    format!("{how}: {}", derived.join(" / "))
                }
                k => k.as_str().to_owned(),
            };
            if !seen.insert((r.left.term, r.right.term, kind, label.clone())) {
                continue;
            }
            if let (Some(&from), Some(&to)) = (nodes.get(&r.left.term), nodes.get(&r.right.term)) {
                graph.add_edge(
                    from,
                    to,
                    TermEdge {
                        kind: EdgeKind::Relation(kind),
                        label,
                        deadlock: false,
                    },
                );
            }
        }
        for b in &pair.blocked {
            if let Some(n) = nodes.get(&b.term).and_then(|&n| graph.node_weight_mut(n)) {
                n.status = Some(n.status.map_or(b.status, |s| s.min(b.status)));
            }
        }
        for o in &pair.open {
            if let Some(n) = nodes.get(&o.term).and_then(|&n| graph.node_weight_mut(n)) {
                n.open = true;
            }
        }
        for d in &pair.deadlocks {
            for e in &d.cycle {
                let (Some(&from), Some(&to)) = (nodes.get(&e.from), nodes.get(&e.to)) else {
                    continue;
                };
                for n in [from, to] {
                    if let Some(w) = graph.node_weight_mut(n) {
                        w.deadlock = true;
                    }
                }
                mark_cycle_edge(&mut graph, from, to, e.requires);
            }
        }
    }
    let points = crate::report::compare::points::points(a)
        .rows
        .iter()
        .map(|row| PointCluster {
            label: words::point_name(a, vocab, row),
            cells: row
                .terms
                .iter()
                .enumerate()
                .filter(|(_, cell)| !cell.is_empty())
                .map(|(pi, cell)| (pi, cell.iter().filter_map(|t| nodes.get(t).copied()).collect()))
                .collect(),
        })
        .collect();
    TermGraph {
        graph,
        clusters,
        points,
    }
}

/// Marks the edge a deadlock cycle step runs along: the `requires` edge, or the
/// relation edge (any but a conflict) between the two terms in either direction.
fn mark_cycle_edge(
    graph: &mut DiGraph<TermNode, TermEdge>,
    from: NodeIndex,
    to: NodeIndex,
    req: Option<Timing>,
) {
    let found = graph.edge_indices().find(|&e| {
        let (Some((a, b)), Some(w)) = (graph.edge_endpoints(e), graph.edge_weight(e)) else {
            return false;
        };
        match (req, w.kind) {
            (Some(t), EdgeKind::Requires(u)) => t == u && a == from && b == to,
            (None, EdgeKind::Relation(k))
                if !matches!(
                    k,
                    RelationEdge::Conflict | RelationEdge::Indirect | RelationEdge::IndirectAgree
                ) =>
            {
                (a, b) == (from, to) || (a, b) == (to, from)
            }
            _ => false,
        }
    });
    if let Some(w) = found.and_then(|e| graph.edge_weight_mut(e)) {
        w.deadlock = true;
    }
}
