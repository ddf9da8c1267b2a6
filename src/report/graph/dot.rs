//! The graph in Graphviz DOT: one cluster per proposal, `requires` edges (solid for
//! "only after", dashed for "together with"), relation edges coloured by kind,
//! blocked and pending terms filled, deadlock cycles drawn thick and red.

use std::fmt::Write;

use petgraph::visit::EdgeRef;

use super::{EdgeKind, RelationEdge, TermGraph, TermNode};
use crate::engine::BlockStatus;
use crate::model::Timing;

/// The colour of deadlock cycles.
const DEADLOCK: &str = "#b71c1c";

/// Renders `g` as a DOT digraph.
pub fn render(g: &TermGraph) -> String {
    let mut out = String::from(
        "digraph armistice {\n  graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.3, ranksep=0.9];\n  \
         node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=11];\n  \
         edge [fontname=\"Helvetica\", fontsize=9];\n",
    );
    for (ci, c) in g.clusters.iter().enumerate() {
        let mut label = c.label.clone();
        if let Some(t) = &c.title {
            label.push('\n');
            label.push_str(t);
        }
        let _ = writeln!(out, "  subgraph cluster_{ci} {{");
        let _ = writeln!(
            out,
            "    label={}; style=\"rounded\"; color=\"#90a4ae\"; fontsize=12;",
            quote(&label)
        );
        for &n in &c.nodes {
            if let Some(node) = g.graph.node_weight(n) {
                let _ = writeln!(out, "    n{} [{}];", n.index(), node_attrs(node));
            }
        }
        out.push_str("  }\n");
    }
    for e in g.graph.edge_references() {
        let w = e.weight();
        let mut attrs = vec![format!("label={}", quote(&w.label))];
        match w.kind {
            EdgeKind::Requires(Timing::Before) => attrs.push("color=\"#37474f\"".into()),
            EdgeKind::Requires(Timing::Concurrent) => {
                attrs.push("color=\"#78909c\", style=dashed, arrowhead=odot".into())
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
    let mut label = format!("{}\n{}", node.id, node.statement);
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
    fn quote_escapes_quotes_backslashes_and_newlines() {
        assert_eq!(quote(r#"a "b" \l"#), r#""a \"b\" \\l""#);
        assert_eq!(quote("x\r\ny"), r#""x\ny""#);
        assert_eq!(quote("<b>&</b>"), "\"<b>&amp;</b>\"");
        assert_eq!(quote("x&#8238;y&amp;"), "\"x&amp;#8238;y&amp;amp;\"");
    }
}
