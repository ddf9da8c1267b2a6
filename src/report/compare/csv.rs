//! The point-by-point table as CSV (RFC 4180 quoting, one line per point): for a
//! spreadsheet. Columns: the point's number and name, one per proposal (its terms on
//! the point, one per line of the cell), one per pair (their relation on it).

use std::fmt::Write;

use super::points::points;
use crate::engine::Analysis;
use crate::report::words;
use crate::vocab::Vocab;

/// Renders the point-by-point table of `a` as CSV.
pub fn render(a: &Analysis, vocab: &Vocab) -> String {
    let mut out = String::new();
    let id = |i: usize| a.proposals.get(i).map(|p| p.id().to_owned()).unwrap_or_default();
    let mut head = vec!["point".to_owned(), "about".to_owned()];
    head.extend((0..a.proposals.len()).map(id));
    head.extend(
        a.pairs
            .iter()
            .map(|p| format!("{} vs {}", id(p.left), id(p.right))),
    );
    line(&mut out, &head);
    for (n, row) in points(a).rows.iter().enumerate() {
        let mut cells = vec![(n + 1).to_string(), words::point_name(a, vocab, row)];
        cells.extend(row.terms.iter().map(|cell| {
            cell.iter()
                .map(|&t| words::point_term(a, vocab, t))
                .collect::<Vec<_>>()
                .join("\n")
        }));
        cells.extend(row.marks.iter().map(|m| words::mark(m, id)));
        line(&mut out, &cells);
    }
    out
}

/// Appends one record: every field quoted.
fn line(out: &mut String, fields: &[String]) {
    for (k, f) in fields.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{}\"", field(f));
    }
    out.push('\n');
}

/// A field's text for quoting: quotes doubled, and a field that a spreadsheet would
/// read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
/// prefixed with `'` so that it stays text.
fn field(f: &str) -> String {
    let escaped = f.replace('"', "\"\"");
    if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_are_doubled_and_formulas_stay_text() {
        assert_eq!(field("say \"no\""), "say \"\"no\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"\"x\"\")");
        assert_eq!(field("-1"), "'-1");
        assert_eq!(
            field("halt: RU must not hostilities"),
            "halt: RU must not hostilities"
        );
    }
}
