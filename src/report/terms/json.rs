//! `armistice terms` as JSON: the table, parameters and windows as
//! values (see [`crate::terms::TermsTable`]).

use crate::terms::TermsTable;

/// The table as pretty-printed JSON, ended by a line break.
pub fn render(t: &TermsTable) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(t).map(|s| s + "\n")
}
