//! The RFC 6902 JSON Patch rendering: the operations of [`crate::diff::json_patch`]
//! as a JSON array.

use serde::Serialize;
use serde_json::Value;

use crate::diff::PatchOp;

/// One operation as RFC 6902 writes it.
#[derive(Debug, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum OpOut<'a> {
    /// `{"op": "add", "path", "value"}`.
    Add {
        /// JSON Pointer.
        path: &'a str,
        /// Value added.
        value: &'a Value,
    },
    /// `{"op": "remove", "path"}`.
    Remove {
        /// JSON Pointer.
        path: &'a str,
    },
    /// `{"op": "replace", "path", "value"}`.
    Replace {
        /// JSON Pointer.
        path: &'a str,
        /// New value.
        value: &'a Value,
    },
    /// `{"op": "move", "from", "path"}`.
    Move {
        /// JSON Pointer of the value moved.
        from: &'a str,
        /// JSON Pointer of its new place.
        path: &'a str,
    },
}

/// Renders a patch as pretty JSON, ending with a newline.
pub fn render(ops: &[PatchOp]) -> String {
    let out: Vec<OpOut<'_>> = ops
        .iter()
        .map(|op| match op {
            PatchOp::Add { path, value } => OpOut::Add { path, value },
            PatchOp::Remove { path } => OpOut::Remove { path },
            PatchOp::Replace { path, value } => OpOut::Replace { path, value },
            PatchOp::Move { from, path } => OpOut::Move { from, path },
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}
