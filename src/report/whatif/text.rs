//! The terminal report of a what-if: the baseline and every scenario side by side
//! (counts, verdict, burden), then per scenario its edits and every changed finding
//! with the wording of its witness terms.

use std::fmt::Write;

use super::{COLUMNS, Tone, columns, pair_counts, problem_with, summary, tone, verdict_change};
use crate::engine::{Direction, Verdict};
use crate::limit_kind::{LimitKind, Raise};
use crate::report::style::{Painter, Role};
use crate::report::terminal::{guard, one_line as line};
use crate::report::words;
use crate::vocab::Vocab;
use crate::whatif::{ChangedFinding, Outcome, Summary, WhatIf};

/// Renders `w` as text.
pub fn render(w: &WhatIf, vocab: &Vocab, p: Painter) -> String {
    render_with(w, vocab, LimitKind::raise, p)
}

/// [`render`], with `raise` saying how to raise a limit a scenario went past.
pub fn render_with(w: &WhatIf, vocab: &Vocab, raise: Raise, p: Painter) -> String {
    let mut out = String::new();
    let base = &w.baseline;
    let base_summary = Summary::of(base);
    for (k, pair) in base.pairs.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}  {} vs {}",
            p.paint(Role::Strong, "WHAT-IF"),
            line(&words::proposal(base, vocab, pair.left)),
            line(&words::proposal(base, vocab, pair.right))
        );
        let _ = writeln!(
            out,
            "  {:<8}{}  {:<27}  scenario",
            "",
            cells(&COLUMNS.map(str::to_owned)),
            "verdict"
        );
        row(&mut out, p, "baseline", Some(&base_summary), k, "");
        for (i, s) in w.scenarios.iter().enumerate() {
            row(
                &mut out,
                p,
                &format!("#{}", i + 1),
                summary(s),
                k,
                &line(&s.scenario.name),
            );
        }
        out.push('\n');
    }
    burden(&mut out, w, &base_summary, p);
    for (i, s) in w.scenarios.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}  {}",
            p.paint(Role::Strong, &format!("SCENARIO #{}", i + 1)),
            p.paint(Role::Strong, &line(&s.scenario.name))
        );
        if let Some(d) = &s.scenario.description {
            let _ = writeln!(out, "  {}", p.paint(Role::Dim, &line(d)));
        }
        for (k, e) in s.scenario.edits.iter().enumerate() {
            let label = if k == 0 { "edits" } else { "" };
            let _ = writeln!(out, "  {label:<6}  {}", line(&e.edit.to_string()));
        }
        match &s.outcome {
            Outcome::Invalid(problems) => {
                let _ = writeln!(out, "  {}", p.paint(Role::Bad, "INVALID: not evaluated"));
                for pr in problems {
                    for (message, help) in problem_with(pr, raise) {
                        let _ = writeln!(out, "  {} {}", p.paint(Role::Bad, "error:"), line(&message));
                        if let Some(h) = help {
                            let _ = writeln!(out, "    = help: {}", line(&h));
                        }
                    }
                }
            }
            Outcome::Evaluated(e) => {
                for (k, pc) in e.pairs.iter().enumerate() {
                    let arrow =
                        paint_verdict(p, pc.after, &verdict_change(pc, pair_counts(&base_summary, e, k)));
                    let _ = writeln!(out, "  {} vs {}: {arrow}", line(&pc.left), line(&pc.right));
                    if pc.changes.is_empty() {
                        let _ = writeln!(out, "    no finding changed");
                    }
                    for c in &pc.changes {
                        change(&mut out, p, c);
                    }
                }
            }
        }
        out.push('\n');
    }
    let mut trimmed: String = out.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    if trimmed.ends_with("\n\n") {
        trimmed.pop();
    }
    guard(&trimmed, p.enabled()).into_owned()
}

fn row(out: &mut String, p: Painter, label: &str, a: Option<&Summary>, pair: usize, name: &str) {
    let pair = a.and_then(|a| a.pairs.get(pair));
    let verdict = match pair {
        Some(pair) => paint_verdict(p, pair.verdict, &format!("{:<27}", pair.verdict.as_str())),
        None => p.paint(Role::Bad, &format!("{:<27}", "invalid")),
    };
    let _ = writeln!(
        out,
        "  {label:<8}{}  {verdict}  {name}",
        cells(&columns(pair.map(|p| &p.counts)))
    );
}

/// The counts of a row, each right-aligned under its column's name.
fn cells(values: &[String]) -> String {
    COLUMNS
        .iter()
        .zip(values)
        .map(|(column, v)| format!("  {v:>w$}", w = column.chars().count()))
        .collect()
}

fn paint_verdict(p: Painter, v: Verdict, text: &str) -> String {
    let role = match v {
        Verdict::Conflicting => Role::Bad,
        Verdict::CompatibleWithOpenPoints => Role::Warn,
        Verdict::Compatible => Role::Good,
    };
    p.paint(role, text)
}

fn burden(out: &mut String, w: &WhatIf, base: &Summary, p: Painter) {
    let ids: Vec<String> = w
        .baseline
        .proposals
        .iter()
        .map(|q| line(q.id()).into_owned())
        .collect();
    let _ = write!(out, "{}  {:<8}", p.paint(Role::Strong, "BURDEN"), "own share");
    for id in &ids {
        let _ = write!(out, "  {id:>w$}", w = id.len().max(4));
    }
    out.push('\n');
    let line_of = |out: &mut String, label: &str, a: Option<&Summary>, name: &str| {
        let _ = write!(out, "  {label:<15}");
        for (i, id) in ids.iter().enumerate() {
            let s = a
                .and_then(|a| a.own_shares.get(i))
                .map_or("—".to_owned(), |share| words::share(*share));
            let _ = write!(out, "  {s:>w$}", w = id.len().max(4));
        }
        let _ = writeln!(out, "  {name}");
    };
    line_of(out, "baseline", Some(base), "");
    for (i, s) in w.scenarios.iter().enumerate() {
        line_of(out, &format!("#{}", i + 1), summary(s), &line(&s.scenario.name));
    }
    out.push('\n');
}

fn change(out: &mut String, p: Painter, c: &ChangedFinding) {
    let role = match tone(&c.change) {
        Tone::Better => Role::Good,
        Tone::Worse => Role::Bad,
        Tone::Neutral => Role::Warn,
    };
    let _ = writeln!(
        out,
        "    {}  {}",
        p.paint(role, &format!("{:<28}", words::changed(&c.change))),
        line(&words::finding(&c.change.finding))
    );
    for h in &c.held_by {
        let why = line(&words::why_held(&h.conflicts_with)).into_owned();
        let was = if c.change.direction == Direction::Lost {
            "was: "
        } else {
            ""
        };
        let _ = writeln!(out, "{:34}{was}requires {} — {why}", "", line(&h.required));
    }
    for wit in &c.witnesses {
        if let Some(text) = &wit.text {
            let _ = writeln!(
                out,
                "{:34}{}: {}",
                "",
                line(&wit.term),
                p.paint(Role::Dim, &format!("\"{}\"", line(text)))
            );
        }
    }
}
