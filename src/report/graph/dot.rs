//! The graph in Graphviz DOT, laid out as the point-by-point table: a column per
//! proposal, a cluster per negotiated point and in it one per proposal, `requires`
//! edges (solid for "only after", dashed for "together with"), relation edges
//! coloured by kind, blocked and pending terms filled, deadlock cycles drawn thick and
//! red.

use std::fmt::Write;

use petgraph::visit::EdgeRef;

use super::{EdgeKind, RelationEdge, TermGraph, TermNode};
use crate::engine::BlockStatus;
use crate::model::Timing;
use crate::report::words;

/// The colour of deadlock cycles.
const DEADLOCK: &str = "#b71c1c";

/// Renders `g` as a DOT digraph laid out as the point-by-point table: a column per
/// proposal (its letter in the key above), a band per negotiated point (a cluster),
/// and in it a cluster per proposal with terms on the point, so that three proposals
/// fit a page's width and the graph grows down, point by point.
pub fn render(g: &TermGraph) -> String {
    let mut out = String::from(
        "digraph armistice {\n  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", nodesep=0.2, ranksep=0.5, \
         labelloc=t, labeljust=l];\n  \
         node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10, margin=\"0.08,0.04\"];\n  \
         edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    let key: Vec<String> = g
        .clusters
        .iter()
        .map(|c| match &c.title {
            Some(t) => format!("{}  {}\n{}", words::column(c.proposal), c.label, wrap(t, 64)),
            None => format!("{}  {}", words::column(c.proposal), c.label),
        })
        .collect();
    let _ = writeln!(out, "  label={};", quote(&format!("{}\n", key.join("\n"))));
    // Declared last to first: with `rankdir=LR` Graphviz stacks the clusters declared
    // first lowest, and the table reads from the top.
    for (k, point) in g.points.iter().enumerate().rev() {
        let _ = writeln!(out, "  subgraph cluster_point_{k} {{");
        let _ = writeln!(
            out,
            "    label={}; style=\"rounded,filled\"; fillcolor=\"#f5f7f8\"; color=\"#b0bec5\"; fontsize=12;",
            quote(&format!("{}. {}", k + 1, point.label))
        );
        for (pi, nodes) in &point.cells {
            let _ = writeln!(out, "    subgraph cluster_point_{k}_{pi} {{");
            let cell = g.clusters.get(*pi).map_or("", |c| c.id.as_str());
            let _ = writeln!(
                out,
                "      label={}; style=\"rounded\"; color=\"#90a4ae\"; fontsize=10;",
                quote(&format!("{} {}", words::column(*pi), cell))
            );
            for &n in nodes {
                if let Some(node) = g.graph.node_weight(n) {
                    let _ = writeln!(out, "      n{} [{}];", n.index(), node_attrs(node));
                }
            }
            out.push_str("    }\n");
        }
        out.push_str("  }\n");
    }
    // Each proposal's terms in one column, the columns in proposal order (an invisible
    // edge from each proposal's first term to the next proposal's).
    let mut firsts = Vec::new();
    for c in &g.clusters {
        if c.nodes.is_empty() {
            continue;
        }
        let same: Vec<String> = c.nodes.iter().map(|n| format!("n{}", n.index())).collect();
        let _ = writeln!(out, "  {{ rank=same; {}; }}", same.join("; "));
        firsts.extend(c.nodes.first().copied());
    }
    for w in firsts.windows(2) {
        if let [a, b] = w {
            let _ = writeln!(out, "  n{} -> n{} [style=invis];", a.index(), b.index());
        }
    }
    for e in g.graph.edge_references() {
        let w = e.weight();
        let mut attrs = vec![format!("label={}", quote(&w.label))];
        match w.kind {
            EdgeKind::Requires(Timing::Before) => attrs.push("color=\"#37474f\", constraint=false".into()),
            EdgeKind::Requires(Timing::Concurrent) => {
                attrs.push("color=\"#78909c\", style=dashed, arrowhead=odot, constraint=false".into())
            }
            EdgeKind::Relation(k) => {
                attrs.push(format!("color=\"{}\", fontcolor=\"{}\"", colour(k), colour(k)));
                attrs.push("dir=none".into());
                match k {
                    RelationEdge::Conflict => attrs.push("penwidth=2.5".into()),
                    RelationEdge::Indirect => attrs.push("penwidth=2, style=dashed".into()),
                    RelationEdge::Diverge | RelationEdge::ToBeAgreed | RelationEdge::Compatible => {
                        attrs.push("style=dotted".into())
                    }
                    RelationEdge::Agree => attrs.push("penwidth=1.5".into()),
                    RelationEdge::IndirectAgree => attrs.push("penwidth=1.5, style=dashed".into()),
                }
            }
        }
        if w.deadlock {
            attrs.push(format!("color=\"{DEADLOCK}\", penwidth=3.5"));
        }
        let _ = writeln!(
            out,
            "  n{} -> n{} [{}];",
            e.source().index(),
            e.target().index(),
            attrs.join(", ")
        );
    }
    out.push_str("}\n");
    out
}

fn node_attrs(node: &TermNode) -> String {
    let mut label = format!("{}\n{}", node.id, wrap(&node.statement, 24));
    if let Some(v) = &node.values {
        label.push('\n');
        label.push_str(&wrap(v, 24));
    }
    let mut attrs = Vec::new();
    match node.status {
        Some(BlockStatus::Blocked) => {
            label.push_str("\nBLOCKED");
            attrs.push("fillcolor=\"#ffcdd2\"".to_owned());
        }
        Some(BlockStatus::Pending) => {
            label.push_str("\npending");
            attrs.push("fillcolor=\"#fff3c4\"".to_owned());
        }
        None => {}
    }
    if node.open {
        attrs.push("style=\"rounded,filled,dashed\"".to_owned());
    }
    if node.deadlock {
        label.push_str("\nDEADLOCK");
        attrs.push(format!("color=\"{DEADLOCK}\", penwidth=3"));
    }
    attrs.insert(0, format!("id={}", quote(&node.name)));
    attrs.insert(0, format!("label={}", quote(&label)));
    attrs.join(", ")
}

/// `s` broken into lines of at most about `width` characters, at spaces (a word
/// longer than that keeps its line).
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut line = 0;
    for word in s.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// The colour of a relation kind.
pub fn colour(k: RelationEdge) -> &'static str {
    match k {
        RelationEdge::Conflict => "#c62828",
        RelationEdge::Indirect => "#e65100",
        RelationEdge::Diverge => "#b8860b",
        RelationEdge::ToBeAgreed => "#6a1b9a",
        RelationEdge::Compatible => "#1565c0",
        RelationEdge::Agree | RelationEdge::IndirectAgree => "#2e7d32",
    }
}

/// `s` as a DOT quoted string: quotes and backslashes escaped, line breaks as `\n`
/// (so that no escape sequence of the user's, like `\l`, reaches Graphviz), and `&` as
/// `&amp;` (Graphviz expands entities in a label: an id written `x&#8238;y` would
/// otherwise be drawn with a right-to-left override, reading backwards).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(super::wrap("a bb ccc dddd", 6), "a bb\nccc\ndddd");
        assert_eq!(
            super::wrap("averyveryverylongword x", 4),
            "averyveryverylongword\nx"
        );
        assert_eq!(super::wrap("", 4), "");
    }

    #[test]
    fn quote_escapes_quotes_backslashes_and_newlines() {
        assert_eq!(quote(r#"a "b" \l"#), r#""a \"b\" \\l""#);
        assert_eq!(quote("x\r\ny"), r#""x\ny""#);
        assert_eq!(quote("<b>&</b>"), "\"<b>&amp;</b>\"");
        assert_eq!(quote("x&#8238;y&amp;"), "\"x&amp;#8238;y&amp;amp;\"");
    }
}
