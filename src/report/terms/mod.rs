//! `armistice terms`: one proposal's terms as a table, one file per format (text,
//! Markdown, CSV, JSON), all from [`crate::terms::TermsTable`].

pub mod csv;
pub mod json;
pub mod markdown;
pub mod text;

use crate::model::ParamValue;
use crate::report::words;
use crate::terms::TermRow;

/// The parameters of a row in words: `count 30, exchange all_for_all`.
pub(crate) fn params(row: &TermRow) -> String {
    row.params
        .iter()
        .map(|(name, v)| format!("{name} {}", words::value_in_list(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The action of a row, with the name written when it is an alias: `withdrawal`,
/// `military_aid (written halt_aid)`; with its target: `military_aid to UA`.
pub(crate) fn action(row: &TermRow) -> String {
    let mut out = row.action.clone();
    if let Some(t) = &row.target {
        out.push_str(" to ");
        out.push_str(t);
    }
    if let Some(w) = &row.written_action {
        out.push_str(&format!(" (written {w})"));
    }
    out
}

/// Where and about what: scope labels and topics, `everywhere` when neither.
pub(crate) fn place(row: &TermRow) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !row.scope.is_empty() {
        parts.push(format!("in {}", row.scope.join(", ")));
    }
    if !row.about.is_empty() {
        parts.push(format!("about {}", row.about.join(", ")));
    }
    if parts.is_empty() {
        "everywhere".to_owned()
    } else {
        parts.join("; ")
    }
}

/// A parameter's value as one cell of a CSV table: a number, a name, names joined by
/// `;`, a range `min..max` (an open bound left empty), a ratio `count per name`.
pub(crate) fn value_cell(v: &ParamValue) -> String {
    match v {
        ParamValue::Number(n) => words::number(*n),
        ParamValue::Value(s) => s.clone(),
        ParamValue::Set(s) => s.join(";"),
        ParamValue::Range { min, max } => format!(
            "{}..{}",
            min.map(words::number).unwrap_or_default(),
            max.map(words::number).unwrap_or_default()
        ),
        ParamValue::Ratio { per, count } => format!("{} per {per}", words::number(*count)),
    }
}
