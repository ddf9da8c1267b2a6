//! The Markdown report of a what-if: a briefing with the baseline and the scenarios
//! side by side in tables, then each scenario's edits and changed findings with the
//! wording of their witness terms.

use std::fmt::Write;

use super::{COLUMNS, columns, pair_counts, problem_with, summary, verdict_change};
use crate::engine::Direction;
use crate::limit_kind::{LimitKind, Raise};
use crate::report::compare::markdown::esc;
use crate::report::markdown as md;
use crate::report::words;
use crate::vocab::Vocab;
use crate::whatif::{ChangedFinding, Outcome, Summary, WhatIf};

/// Renders `w` as Markdown.
pub fn render(w: &WhatIf, vocab: &Vocab) -> String {
    render_with(w, vocab, LimitKind::raise)
}

/// [`render`], with `raise` saying how to raise a limit a scenario went past.
pub fn render_with(w: &WhatIf, vocab: &Vocab, raise: Raise) -> String {
    let mut out = String::new();
    let base = &w.baseline;
    let base_summary = Summary::of(base);
    let ids: Vec<String> = base.proposals.iter().map(|p| md::cell_code(p.id())).collect();
    let heading: Vec<String> = base.proposals.iter().map(|p| md::code(p.id())).collect();
    let _ = writeln!(out, "# What-if on {}\n", heading.join(", "));
    for (k, pair) in base.pairs.iter().enumerate() {
        let _ = writeln!(
            out,
            "## {} and {}\n",
            esc(&words::proposal(base, vocab, pair.left)),
            esc(&words::proposal(base, vocab, pair.right))
        );
        let _ = writeln!(
            out,
            "| scenario | {} | verdict |\n|---|{}---|",
            COLUMNS.join(" | "),
            "--:|".repeat(COLUMNS.len())
        );
        row(&mut out, "baseline", Some(&base_summary), k);
        for (i, s) in w.scenarios.iter().enumerate() {
            let label = format!("{}. {}", i + 1, esc(&s.scenario.name));
            row(&mut out, &label, summary(s), k);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Burden: share on the proposal's own authors\n");
    let _ = writeln!(
        out,
        "| scenario | {} |\n|---|{}",
        ids.join(" | "),
        "--:|".repeat(ids.len())
    );
    let line = |out: &mut String, label: &str, a: Option<&Summary>| {
        let cells: Vec<String> = (0..ids.len())
            .map(|i| {
                a.and_then(|a| a.own_shares.get(i))
                    .map_or("—".to_owned(), |share| words::share(*share))
            })
            .collect();
        let _ = writeln!(out, "| {label} | {} |", cells.join(" | "));
    };
    line(&mut out, "baseline", Some(&base_summary));
    for (i, s) in w.scenarios.iter().enumerate() {
        line(
            &mut out,
            &format!("{}. {}", i + 1, esc(&s.scenario.name)),
            summary(s),
        );
    }
    out.push('\n');
    for (i, s) in w.scenarios.iter().enumerate() {
        let _ = writeln!(out, "## Scenario {}: {}\n", i + 1, esc(&s.scenario.name));
        if let Some(d) = &s.scenario.description {
            let _ = writeln!(out, "{}\n", esc(d));
        }
        let _ = writeln!(out, "Edits:\n");
        for e in &s.scenario.edits {
            let _ = writeln!(out, "- {}", md::code(&e.edit.to_string()));
        }
        out.push('\n');
        match &s.outcome {
            Outcome::Invalid(problems) => {
                let _ = writeln!(out, "**Invalid: not evaluated.**\n");
                for pr in problems {
                    for (message, help) in problem_with(pr, raise) {
                        let help = help.map(|h| format!(" ({})", esc(&h))).unwrap_or_default();
                        let _ = writeln!(out, "- error: {}{help}", esc(&message));
                    }
                }
                out.push('\n');
            }
            Outcome::Evaluated(e) => {
                for (k, pc) in e.pairs.iter().enumerate() {
                    let verdict = verdict_change(pc, pair_counts(&base_summary, e, k));
                    let _ = writeln!(
                        out,
                        "### {} and {}: {verdict}\n",
                        md::code(&pc.left),
                        md::code(&pc.right)
                    );
                    if pc.changes.is_empty() {
                        let _ = writeln!(out, "No finding changed.");
                    }
                    for c in &pc.changes {
                        change(&mut out, c);
                    }
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn row(out: &mut String, label: &str, a: Option<&Summary>, pair: usize) {
    let pair = a.and_then(|a| a.pairs.get(pair));
    let verdict = pair.map_or("invalid", |p| p.verdict.as_str());
    let _ = writeln!(
        out,
        "| {label} | {} | {verdict} |",
        columns(pair.map(|p| &p.counts)).join(" | ")
    );
}

fn change(out: &mut String, c: &ChangedFinding) {
    let f = words::finding_with(&c.change.finding, &md::code);
    let _ = writeln!(out, "- **{}**: {f}", words::changed(&c.change));
    for h in &c.held_by {
        let with: Vec<String> = h.conflicts_with.iter().map(|t| md::code(t)).collect();
        let why = words::why_held(&with);
        let was = if c.change.direction == Direction::Lost {
            "was: "
        } else {
            ""
        };
        let _ = writeln!(out, "  - {was}requires {} — {why}", md::code(&h.required));
    }
    for w in &c.witnesses {
        if let Some(text) = &w.text {
            let _ = writeln!(out, "  - {}: \"{}\"", md::code(&w.term), esc(text));
        }
    }
}
