//! Reading a proposal file: bytes to text to the serde model, with syntax and type
//! errors located by JSON path.

use std::path::{Path, PathBuf};

use super::Diagnostic;
use crate::model::Proposal;

/// An input file and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it.
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
}

impl SourceFile {
    /// Reads `path` as UTF-8 text.
    pub fn read(path: &Path) -> Result<SourceFile, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        Ok(SourceFile {
            path: path.to_owned(),
            text,
        })
    }
}

/// Parses a proposal; a syntax or type error comes back as one diagnostic at its path.
pub fn parse_proposal(file: &SourceFile) -> Result<Proposal, Diagnostic> {
    let de = &mut serde_json::Deserializer::from_str(&file.text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        Diagnostic::error(
            if path == "." { String::new() } else { path },
            e.into_inner().to_string(),
        )
    })
}

/// Renders diagnostics about `file` for a terminal.
pub fn render(file: &SourceFile, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let level = if d.is_error() { "error" } else { "warning" };
        out.push_str(&format!(
            "{level}: {}\n  --> {} at `{}`\n",
            d.message,
            file.path.display(),
            d.path
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
    }
    out
}
