//! The Markdown rendering of a diff, for briefings and pull requests: the wording as
//! an inline word diff with ~~removed~~ and **added** words.

use super::{impact_rows, is_improvement};
use crate::diff::{Impact, MatchBy, MatchedTerm, ProposalDiff, SegmentKind, TermDiff, TermSide};
use crate::report::markdown as md;
use crate::report::words;

/// Renders `d` as Markdown.
pub fn render(d: &ProposalDiff) -> String {
    let mut out = format!("# Diff: {} → {}\n\n", md::code(&d.old.id), md::code(&d.new.id));
    let verdict = if d.is_same_in_meaning() {
        "Same in meaning"
    } else {
        "Different"
    };
    out.push_str(&format!("{verdict}: {}.\n", words::diff_counts(d)));
    if !d.ignored.is_empty() {
        let names: Vec<String> = d.ignored.iter().map(|f| md::code(f.as_str())).collect();
        out.push_str(&format!("\nIgnored fields: {}.\n", names.join(", ")));
    }
    if !d.metadata.is_empty() {
        out.push_str("\n## Proposal\n\n| field | old | new |\n|---|---|---|\n");
        for m in &d.metadata {
            let cell = |v: &Option<String>, n: usize| match (v, n) {
                (Some(v), _) => escape(v),
                (None, 0 | 1) => "—".into(),
                (None, n) => format!("{n} different values"),
            };
            let (field, olds, news) = match m.every_term {
                Some(e) => (
                    format!("{} of every term ({})", m.field, e.terms),
                    e.old_values,
                    e.new_values,
                ),
                None => (m.field.to_string(), 0, 0),
            };
            out.push_str(&format!(
                "| {field} | {} | {} |\n",
                cell(&m.old, olds),
                cell(&m.new, news)
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
                out.push_str(&format!("- {}: {}", md::code(&s.id), escape(&s.summary)));
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
        "\n## Impact against {}\n\nVerdict: {} → **{}** ({}).\n",
        md::code(&i.other),
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
    let mut out = format!("\n### {}\n\n", md::code(&m.new.id));
    if !m.changes_meaning() {
        out.push_str("Written differently, same meaning.\n\n");
    }
    if let MatchBy::Similarity(c) = m.by {
        out.push_str(&format!(
            "Matched to {} by similarity {c:.2}.\n\n",
            md::code(&m.old.id)
        ));
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
            None => summary(c),
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

/// A change in words, its ids and names as code spans and the rest escaped. The spans
/// are marked while the words are made, with two private-use characters; when the words
/// hold such a character of their own (an id could), the marks cannot be told from it
/// and the whole is escaped instead, with no code span.
fn summary(c: &crate::diff::Change) -> String {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let spans = std::cell::Cell::new(0usize);
    let marked = words::change_with(c, &|name| {
        spans.set(spans.get() + 1);
        format!("{OPEN}{name}{CLOSE}")
    });
    let ours = |mark| marked.matches(mark).count() == spans.get();
    if !ours(OPEN) || !ours(CLOSE) {
        return escape(&words::change(c));
    }
    let mut out = String::with_capacity(marked.len() + 8);
    for (k, part) in marked.split([OPEN, CLOSE]).enumerate() {
        if k % 2 == 1 {
            out.push_str(&md::code(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}
