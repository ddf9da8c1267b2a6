//! The terminal rendering of a diff: one line per change, the wording as an inline word
//! diff, coloured when asked (without colour, `[-removed-]{+added+}` as in git's
//! word diff).

use anstyle::{AnsiColor, Style};

use super::{impact_rows, is_improvement};
use crate::diff::{Impact, MatchBy, MatchedTerm, ProposalDiff, Segment, SegmentKind, TermDiff, TermSide};
use crate::report::terminal::{guard, one_line as line};
use crate::report::words;

/// Renders `d` for a terminal; `color` adds ANSI styles.
pub fn render(d: &ProposalDiff, color: bool) -> String {
    let paint = Paint { color };
    let mut out = String::new();
    let verdict = if d.is_same_in_meaning() {
        "same in meaning"
    } else {
        "different"
    };
    out.push_str(&paint.style(
        Style::new().bold(),
        &format!(
            "{} → {}: {verdict} — {}",
            line(&d.old.id),
            line(&d.new.id),
            words::diff_counts(d)
        ),
    ));
    out.push('\n');
    if !d.metadata.is_empty() {
        out.push('\n');
        for m in &d.metadata {
            out.push_str(&format!(
                "{:<9} {}\n",
                m.field.as_str(),
                line(&words::meta_change(m))
            ));
        }
    }
    let mut first = true;
    for t in &d.terms {
        let block = match t {
            TermDiff::Matched(m) if m.changes.is_empty() => continue,
            TermDiff::Matched(m) => matched(m, &paint),
            TermDiff::Added(s) => one_sided("ADDED", AnsiColor::Green, s, &paint),
            TermDiff::Removed(s) => one_sided("REMOVED", AnsiColor::Red, s, &paint),
        };
        if first {
            out.push('\n');
            first = false;
        }
        out.push_str(&block);
    }
    if let Some(i) = &d.impact {
        out.push_str(&impact(d, i, &paint));
    }
    if !d.ignored.is_empty() {
        let names: Vec<&str> = d.ignored.iter().map(|f| f.as_str()).collect();
        out.push_str(&format!("\nignored: {}\n", names.join(", ")));
    }
    guard(&out, color).into_owned()
}

/// The impact section: verdicts, counts, then each effect with its witnesses.
fn impact(d: &ProposalDiff, i: &Impact, paint: &Paint) -> String {
    let mut out = format!(
        "\n{} against {}: {} → {}\n",
        paint.fg(AnsiColor::Magenta, "IMPACT"),
        line(&i.other),
        i.before.as_str(),
        i.after.as_str()
    );
    out.push_str(&format!(
        "  {}\n",
        words::counts_change(&i.before_counts, &i.after_counts)
    ));
    let rows = impact_rows(d, i);
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    for (label, e) in rows {
        let color = if is_improvement(e) {
            AnsiColor::Green
        } else {
            AnsiColor::Red
        };
        let what = paint.style(Style::new().fg_color(Some(color.into())), words::effect(e));
        out.push_str(&format!(
            "  {:<width$}  {what}: {}\n",
            line(&label),
            line(&words::witnesses(e))
        ));
    }
    out
}

struct Paint {
    color: bool,
}

impl Paint {
    fn style(&self, style: Style, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    fn fg(&self, color: AnsiColor, text: &str) -> String {
        self.style(Style::new().fg_color(Some(color.into())).bold(), text)
    }
}

fn matched(m: &MatchedTerm, paint: &Paint) -> String {
    let (label, color) = if m.changes_meaning() {
        ("CHANGED", AnsiColor::Yellow)
    } else {
        ("NOTATION", AnsiColor::Cyan)
    };
    let how = match m.by {
        MatchBy::Id => String::new(),
        MatchBy::Similarity(c) => format!(" (matched to `{}` by similarity {c:.2})", line(&m.old.id)),
    };
    let mut out = format!(
        "{} {}{how}\n",
        paint.fg(color, &format!("{label:<8}")),
        line(&m.new.id)
    );
    for c in &m.changes {
        let body = match c.rewording() {
            Some(segments) => inline(segments, paint),
            None => line(&words::change(c)).into_owned(),
        };
        out.push_str(&format!("  {:<9} {body}\n", c.field.as_str()));
    }
    out
}

fn one_sided(label: &str, color: AnsiColor, s: &TermSide, paint: &Paint) -> String {
    let mut out = format!(
        "{} {}  {}\n",
        paint.fg(color, &format!("{label:<8}")),
        line(&s.id),
        line(&s.summary)
    );
    if let Some(text) = &s.text {
        out.push_str(&format!("{:<9} \"{}\"\n", "", line(text)));
    }
    out
}

/// The word diff inline: coloured, or with `[-…-]` and `{+…+}` markers.
fn inline(segments: &[Segment], paint: &Paint) -> String {
    let removed = Style::new().fg_color(Some(AnsiColor::Red.into())).strikethrough();
    let added = Style::new().fg_color(Some(AnsiColor::Green.into())).underline();
    segments
        .iter()
        .map(|s| {
            let text = line(&s.text);
            match (s.kind, paint.color) {
                (SegmentKind::Same, _) => text.into_owned(),
                (SegmentKind::Removed, true) => paint.style(removed, &text),
                (SegmentKind::Added, true) => paint.style(added, &text),
                (SegmentKind::Removed, false) => format!("[-{text}-]"),
                (SegmentKind::Added, false) => format!("{{+{text}+}}"),
            }
        })
        .collect()
}
