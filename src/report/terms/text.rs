//! `armistice terms` as text: a table of the terms for a terminal, each row
//! followed by the term's wording and source; every string from the input shown on
//! one line with its control characters as pictures.

use std::fmt::Write;

use crate::report::terminal::one_line;
use crate::report::words;
use crate::terms::TermsTable;

/// The table as text.
pub fn render(t: &TermsTable) -> String {
    let mut out = String::new();
    let title = t
        .title
        .as_deref()
        .map(|x| format!(": {}", one_line(x)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} ({}, {}){title}",
        one_line(&t.id),
        one_line(&t.by.join(", ")),
        t.kind
    );
    if let Some(s) = &t.source {
        let _ = writeln!(out, "source: {}", one_line(s));
    }
    let rows: Vec<[String; 7]> = t
        .terms
        .iter()
        .map(|r| {
            let calendar = t.entry_into_force.as_deref().and_then(crate::model::Date::parse);
            [
                r.id.clone(),
                r.subject.join(", "),
                words::modality(r.modality).to_owned(),
                super::action(r),
                super::place(r),
                words::window_on(r.interval, calendar),
                super::params(r),
            ]
            .map(|c| one_line(&c).into_owned())
        })
        .collect();
    let header = [
        "TERM",
        "SUBJECT",
        "MODALITY",
        "ACTION",
        "WHERE",
        "WHEN",
        "PARAMETERS",
    ]
    .map(str::to_owned);
    let mut width = header.clone().map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String; 7]| {
        let mut s = String::new();
        for (i, (c, w)) in cells.iter().zip(width).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                let _ = write!(s, "{c:w$}  ");
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    out.push('\n');
    out.push_str(&line(&header));
    for (r, cells) in t.terms.iter().zip(&rows) {
        out.push_str(&line(cells));
        if let Some(text) = &r.text {
            let _ = writeln!(out, "    \"{}\"", one_line(text));
        }
        if let Some(source) = &r.source {
            let _ = writeln!(out, "    source: {}", one_line(source));
        }
        if !r.requires.is_empty() {
            let _ = writeln!(out, "    requires: {}", one_line(&r.requires.join(", ")));
        }
    }
    let n = t.terms.len();
    let _ = writeln!(out, "\n{n} term{}", if n == 1 { "" } else { "s" });
    out
}
