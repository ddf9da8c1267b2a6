//! `armistice terms` as Markdown: a table of the terms for a briefing, every
//! id and code in a code span and every wording escaped, so that nothing from the
//! input is read as Markdown.

use std::fmt::Write;

use crate::report::markdown::cell_code;
use crate::report::words;
use crate::terms::TermsTable;

/// `s` as plain text in a table cell: on one line, every character Markdown gives a
/// meaning to inside a line escaped with a backslash (a cell never starts a line, so
/// list and heading markers need no escape; with `[` escaped, `!` and `(` make no
/// link or image).
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The table as Markdown.
pub fn render(t: &TermsTable) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Terms of {}", cell_code(&t.id));
    out.push('\n');
    if let Some(title) = &t.title {
        let _ = writeln!(out, "{}\n", cell(title));
    }
    let by: Vec<String> = t.by.iter().map(|b| cell_code(b)).collect();
    let _ = writeln!(out, "By {} ({}).", by.join(", "), t.kind);
    if let Some(s) = &t.source {
        let _ = writeln!(out, "Source: {}.", cell(s));
    }
    out.push('\n');
    out.push_str(
        "| term | subject | modality | action | where | when | parameters | requires | wording | source |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
    let calendar = t.entry_into_force.as_deref().and_then(crate::model::Date::parse);
    for r in &t.terms {
        let codes = |v: &[String]| v.iter().map(|x| cell_code(x)).collect::<Vec<_>>().join(", ");
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            cell_code(&r.id),
            codes(&r.subject),
            words::modality(r.modality),
            cell_code(&super::action(r)),
            cell(&super::place(r)),
            cell(&words::window_on(r.interval, calendar)),
            cell(&super::params(r)),
            codes(&r.requires),
            r.text.as_deref().map(cell).unwrap_or_default(),
            r.source.as_deref().map(cell).unwrap_or_default(),
        );
    }
    out
}
