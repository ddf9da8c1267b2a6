//! The graph in Mermaid flowchart syntax: one subgraph per proposal, each term with its
//! statement, window and values, `requires` edges
//! (`-->` for "only after", `-.->` for "together with"), relation edges (`---`, `-.-`
//! for indirect) coloured by kind with `linkStyle`, blocked and deadlocked terms
//! styled with classes.

use std::fmt::Write;

use petgraph::visit::EdgeRef;

use super::dot::colour;
use super::{EdgeKind, RelationEdge, TermGraph};
use crate::engine::BlockStatus;
use crate::model::Timing;

/// Renders `g` as a Mermaid flowchart.
pub fn render(g: &TermGraph) -> String {
    let mut out = String::from("flowchart LR\n");
    out.push_str("  classDef blocked fill:#ffcdd2,stroke:#c62828\n");
    out.push_str("  classDef pending fill:#fff3c4,stroke:#b8860b\n");
    out.push_str("  classDef deadlock stroke:#b71c1c,stroke-width:3px\n");
    for (ci, c) in g.clusters.iter().enumerate() {
        let mut label = escape(&c.label);
        if let Some(t) = &c.title {
            label.push_str("<br/>");
            label.push_str(&escape(t));
        }
        let _ = writeln!(out, "  subgraph p{ci}[\"{label}\"]");
        for &n in &c.nodes {
            if let Some(node) = g.graph.node_weight(n) {
                let values = node
                    .values
                    .as_deref()
                    .map(|v| format!("<br/>{}", escape(v)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "    n{}[\"{}<br/>{}{values}\"]",
                    n.index(),
                    escape(&node.id),
                    escape(&node.statement)
                );
            }
        }
        out.push_str("  end\n");
    }
    let mut styles = Vec::new();
    for (i, e) in g.graph.edge_references().enumerate() {
        let w = e.weight();
        let (link, style) = match w.kind {
            EdgeKind::Requires(Timing::Before) => ("-->", "stroke:#37474f".to_owned()),
            EdgeKind::Requires(Timing::Concurrent) => ("-.->", "stroke:#78909c".to_owned()),
            EdgeKind::Relation(k @ (RelationEdge::Indirect | RelationEdge::IndirectAgree)) => {
                ("-.-", format!("stroke:{},stroke-width:2px", colour(k)))
            }
            EdgeKind::Relation(k) => {
                let width = if k == RelationEdge::Conflict { 3 } else { 1 };
                ("---", format!("stroke:{},stroke-width:{width}px", colour(k)))
            }
        };
        let style = if w.deadlock {
            "stroke:#b71c1c,stroke-width:4px".to_owned()
        } else {
            style
        };
        let _ = writeln!(
            out,
            "  n{} {link}|\"{}\"| n{}",
            e.source().index(),
            escape(&w.label),
            e.target().index()
        );
        styles.push(format!("  linkStyle {i} {style}\n"));
    }
    out.extend(styles);
    for n in g.graph.node_indices() {
        let Some(node) = g.graph.node_weight(n) else {
            continue;
        };
        let class = match node.status {
            Some(BlockStatus::Blocked) => Some("blocked"),
            Some(BlockStatus::Pending) => Some("pending"),
            None => None,
        };
        if let Some(class) = class {
            let _ = writeln!(out, "  class n{} {class}", n.index());
        }
        if node.deadlock {
            let _ = writeln!(out, "  class n{} deadlock", n.index());
        }
    }
    out
}

/// `s` for a quoted Mermaid label: characters Mermaid would read as syntax or HTML
/// (quotes, `<`, `>`, `&`, `#`, `|`, square brackets, backslashes, backticks) as entity codes, line
/// breaks as `<br/>`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '\n' => out.push_str("<br/>"),
            '\r' => {}
            '|' | '[' | ']' | '\\' | '`' => {
                let _ = write!(out, "#{};", u32::from(ch));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_leaves_no_syntax() {
        let e = escape("a \"q\" <script>\n|x| [y] \\ #1 & `z`;");
        assert_eq!(
            e,
            "a #quot;q#quot; #lt;script#gt;<br/>#124;x#124; #91;y#93; #92; #35;1 #amp; #96;z#96;;"
        );
        for bad in ['"', '<', '>', '|', '[', ']', '\\', '\n', '`'] {
            assert!(!e.replace("<br/>", "").contains(bad), "{bad} left in {e}");
        }
    }
}
