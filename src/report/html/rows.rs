//! The side-by-side alignment: one column per proposal, one row per group of related
//! terms (terms linked by any relation, across every pair), the row marked by its
//! gravest relation; terms no other proposal relates to get rows of their own.

use super::escape::Html;
use super::term_card;
use crate::collections::{FastMap, FastSet};
use crate::engine::{Analysis, BlockStatus, TermRef};
use crate::report::graph::RelationEdge;
use crate::report::words;
use crate::vocab::Vocab;

/// A row of the alignment: the terms of each proposal, and the relations among them.
struct Row {
    terms: Vec<TermRef>,
    relations: Vec<(RelationEdge, TermRef, TermRef)>,
}

impl Row {
    /// The gravest relation kind in the row, if any.
    fn kind(&self) -> Option<RelationEdge> {
        self.relations.iter().map(|r| r.0).min()
    }
}

/// Groups the terms of `a` into rows: terms linked by relations are joined with a
/// union-find, each term reaches its row through its root, and each relation (once per
/// kind and pair of terms) the row of its left term, so that the whole grouping is
/// near-linear in terms and relations.
fn rows(a: &Analysis) -> Vec<Row> {
    let offsets: Vec<usize> = a
        .proposals
        .iter()
        .scan(0, |acc, p| {
            let o = *acc;
            *acc += p.terms.len();
            Some(o)
        })
        .collect();
    let flat = |t: TermRef| {
        let o = offsets.get(t.proposal)?;
        let n = a.proposals.get(t.proposal)?.terms.len();
        (t.term < n).then_some(o + t.term)
    };
    let total = a.proposals.iter().map(|p| p.terms.len()).sum();
    let mut parent: Vec<usize> = (0..total).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }
    let mut seen: FastSet<(RelationEdge, TermRef, TermRef)> = FastSet::default();
    let mut relations = Vec::new();
    for pair in &a.pairs {
        for r in pair.relations.iter().filter(|r| r.is_finding()) {
            let rel = (RelationEdge::of(r), r.left.term, r.right.term);
            if seen.insert(rel) {
                relations.push(rel);
            }
            if let (Some(x), Some(y)) = (flat(r.left.term), flat(r.right.term)) {
                let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
                if let Some(slot) = parent.get_mut(rx.max(ry)) {
                    *slot = rx.min(ry);
                }
            }
        }
    }
    drop(seen);
    // The row of each root, by the root's flat index.
    let mut row_of: Vec<Option<usize>> = vec![None; total];
    let mut rows: Vec<Row> = Vec::new();
    for (pi, p) in a.proposals.iter().enumerate() {
        for ti in 0..p.terms.len() {
            let t = TermRef {
                proposal: pi,
                term: ti,
            };
            let Some(i) = flat(t) else { continue };
            let root = find(&mut parent, i);
            let Some(slot) = row_of.get_mut(root) else {
                continue;
            };
            match *slot {
                Some(k) => {
                    if let Some(row) = rows.get_mut(k) {
                        row.terms.push(t);
                    }
                }
                None => {
                    *slot = Some(rows.len());
                    rows.push(Row {
                        terms: vec![t],
                        relations: Vec::new(),
                    });
                }
            }
        }
    }
    for rel in relations {
        let Some(i) = flat(rel.1) else { continue };
        let root = find(&mut parent, i);
        if let Some(row) = row_of.get(root).copied().flatten().and_then(|k| rows.get_mut(k)) {
            row.relations.push(rel);
        }
    }
    rows.sort_by_cached_key(|r| {
        (
            r.kind().map_or(usize::MAX, |k| k as usize),
            r.terms.first().copied(),
        )
    });
    rows
}

/// The alignment table.
pub(super) fn alignment(h: &mut Html, a: &Analysis, vocab: &Vocab) {
    h.raw("<section id=\"alignment\">\n<h2>Side by side</h2>\n")
        .raw("<p class=\"legend\">One column per proposal; related terms share a row, marked by their gravest relation: ")
        .raw("<span class=\"badge k-conflict\">conflict</span> <span class=\"badge k-indirect\">indirect conflict</span> ")
        .raw("<span class=\"badge k-diverge\">diverge</span> <span class=\"badge k-to-be-agreed\">to be agreed</span> ")
        .raw("<span class=\"badge k-compatible\">compatible</span> ")
        .raw("<span class=\"badge k-agree\">agree</span> <span class=\"badge\">open</span>.</p>\n")
        .raw("<table class=\"stack alignment\">\n<thead><tr><th>relation</th>");
    for i in 0..a.proposals.len() {
        h.el("th", "", &words::proposal(a, vocab, i));
    }
    h.raw("</tr></thead>\n<tbody>\n");
    let held = held(a);
    for row in rows(a) {
        let kind = row.kind();
        let class = format!("align k-{}", kind.map_or("open", class_of));
        h.open("tr", &[("class", &class)])
            .open("td", &[("data-label", "relation")]);
        h.el("span", "badge kind", kind.map_or("open", RelationEdge::as_str));
        if !row.relations.is_empty() {
            h.raw("<ul class=\"rels\">");
            for (k, l, r) in &row.relations {
                h.raw("<li>")
                    .el("span", &format!("badge k-{}", class_of(*k)), k.as_str())
                    .raw(" ")
                    .text(&format!("{} ⟷ {}", words::term(a, *l), words::term(a, *r)))
                    .raw("</li>");
            }
            h.raw("</ul>");
        }
        h.raw("</td>");
        for (pi, p) in a.proposals.iter().enumerate() {
            let terms: Vec<TermRef> = row.terms.iter().copied().filter(|t| t.proposal == pi).collect();
            if terms.is_empty() {
                h.open("td", &[("class", "empty"), ("data-label", p.id())])
                    .text("silent")
                    .close("td");
                continue;
            }
            h.open("td", &[("data-label", p.id())]);
            for t in terms {
                term_card(h, a, vocab, t, held.get(&t).copied());
            }
            h.raw("</td>");
        }
        h.raw("</tr>\n").spill();
    }
    h.raw("</tbody>\n</table>\n</section>\n");
}

/// Whether each held-up term is blocked or pending (blocked where some pair blocks
/// it), found in one pass over the pairs rather than once per term.
fn held(a: &Analysis) -> FastMap<TermRef, BlockStatus> {
    let mut held: FastMap<TermRef, BlockStatus> = FastMap::default();
    for b in a.pairs.iter().flat_map(|p| p.blocked.iter()) {
        held.entry(b.term)
            .and_modify(|s| *s = (*s).min(b.status))
            .or_insert(b.status);
    }
    held
}

/// The CSS class suffix of a relation kind.
pub(super) fn class_of(k: RelationEdge) -> &'static str {
    match k {
        RelationEdge::Conflict => "conflict",
        RelationEdge::Indirect => "indirect",
        RelationEdge::Diverge => "diverge",
        RelationEdge::ToBeAgreed => "to-be-agreed",
        RelationEdge::Compatible => "compatible",
        RelationEdge::Agree | RelationEdge::IndirectAgree => "agree",
    }
}
