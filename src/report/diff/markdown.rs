//! The Markdown rendering of a diff, for briefings and pull requests: the wording as
//! an inline word diff with ~~removed~~ and **added** words.

use super::{impact_rows, is_improvement};
use crate::diff::{Impact, MatchBy, MatchedTerm, ProposalDiff, SegmentKind, TermDiff, TermSide};
use crate::report::words;

/// Renders `d` as Markdown.
pub fn render(d: &ProposalDiff) -> String {
    let mut out = format!("# Diff: `{}` → `{}`\n\n", d.old.id, d.new.id);
    let verdict = if d.is_same_in_meaning() {
        "Same in meaning"
    } else {
        "Different"
    };
    out.push_str(&format!("{verdict}: {}.\n", words::diff_counts(d)));
    if !d.ignored.is_empty() {
        let names: Vec<String> = d.ignored.iter().map(|f| format!("`{f}`")).collect();
        out.push_str(&format!("\nIgnored fields: {}.\n", names.join(", ")));
    }
    if !d.metadata.is_empty() {
        out.push_str("\n## Proposal\n\n| field | old | new |\n|---|---|---|\n");
        for m in &d.metadata {
            let cell = |v: &Option<String>| v.as_deref().map(escape).unwrap_or_else(|| "—".into());
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                m.field,
                cell(&m.old),
                cell(&m.new)
            ));
        }
    }
    let changed: Vec<&MatchedTerm> = d
        .terms
        .iter()
        .filter_map(|t| match t {
            TermDiff::Matched(m) if !m.changes.is_empty() => Some(m),
            _ => None,
        })
        .collect();
    if !changed.is_empty() {
        out.push_str("\n## Changed terms\n");
        for m in changed {
            out.push_str(&matched(m));
        }
    }
    for (title, pick) in [("Added terms", true), ("Removed terms", false)] {
        let sides: Vec<&TermSide> = d
            .terms
            .iter()
            .filter_map(|t| match t {
                TermDiff::Added(s) if pick => Some(s),
                TermDiff::Removed(s) if !pick => Some(s),
                _ => None,
            })
            .collect();
        if !sides.is_empty() {
            out.push_str(&format!("\n## {title}\n\n"));
            for s in sides {
                out.push_str(&format!("- `{}`: {}", s.id, escape_summary(&s.summary)));
                if let Some(text) = &s.text {
                    out.push_str(&format!(" — “{}”", escape(text)));
                }
                out.push('\n');
            }
        }
    }
    if let Some(i) = &d.impact {
        out.push_str(&impact(d, i));
    }
    out
}

/// The impact section: verdicts, counts, then a table of effects.
fn impact(d: &ProposalDiff, i: &Impact) -> String {
    let mut out = format!(
        "\n## Impact against `{}`\n\nVerdict: {} → **{}** ({}).\n",
        i.other,
        i.before.as_str(),
        i.after.as_str(),
        words::counts_change(&i.before_counts, &i.after_counts)
    );
    let rows = impact_rows(d, i);
    if !rows.is_empty() {
        out.push_str("\n| term | effect | witnesses |\n|---|---|---|\n");
        for (label, e) in rows {
            let mark = if is_improvement(e) { "✓" } else { "✗" };
            out.push_str(&format!(
                "| {} | {mark} {} | {} |\n",
                escape(&label),
                words::effect(e),
                escape(&words::witnesses(e))
            ));
        }
    }
    out
}

fn matched(m: &MatchedTerm) -> String {
    let mut out = format!("\n### `{}`\n\n", m.new.id);
    if !m.changes_meaning() {
        out.push_str("Written differently, same meaning.\n\n");
    }
    if let MatchBy::Similarity(c) = m.by {
        out.push_str(&format!("Matched to `{}` by similarity {c:.2}.\n\n", m.old.id));
    }
    for c in &m.changes {
        let body = match c.rewording() {
            Some(segments) => segments
                .iter()
                .map(|s| {
                    let t = escape(&s.text);
                    match s.kind {
                        SegmentKind::Same => t,
                        SegmentKind::Removed => emphasis("~~", &t),
                        SegmentKind::Added => emphasis("**", &t),
                    }
                })
                .collect(),
            None => escape_summary(&words::change(c)),
        };
        out.push_str(&format!("- **{}**: {body}\n", c.field));
    }
    out
}

/// Wraps `t` in a Markdown marker, keeping surrounding spaces outside it (Markdown
/// does not accept `** x**`).
fn emphasis(marker: &str, t: &str) -> String {
    let core = t.trim();
    if core.is_empty() {
        return t.to_owned();
    }
    let lead = &t[..t.len() - t.trim_start().len()];
    let trail = &t[t.trim_end().len()..];
    format!("{lead}{marker}{core}{marker}{trail}")
}

/// Escapes the characters Markdown would read as markup (and a line break, so that
/// a value stays in its table cell or list item).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '*' | '_' | '~' | '`' | '|' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escapes a summary of ours, keeping its `code spans` (which Markdown does not parse).
fn escape_summary(s: &str) -> String {
    s.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("`{part}`")
            } else {
                escape(part)
            }
        })
        .collect()
}
