//! Why an analysis could not be made.

use std::fmt;

use crate::limit_kind::{LimitKind, Raise};
use crate::load::Diagnostic;

/// Why an analysis could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineError {
    /// Two of the proposals compared have the same id, so findings could not name them.
    DuplicateProposalId(String),
    /// A proposal's rule derivation fired rules more than [`crate::limits::Limits::max_firings`] times.
    TooManyFirings {
        /// The proposal's id.
        proposal: String,
        /// The limit.
        limit: usize,
    },
    /// A proposal's rule derivation derived more than [`crate::limits::Limits::max_derived`] atoms.
    TooManyDerived {
        /// The proposal's id.
        proposal: String,
        /// The limit.
        limit: usize,
    },
    /// The chains of conditions of two proposals are so long that tracing the paths
    /// of their blocked terms would take more than [`crate::limits::Limits::max_paths`] steps.
    TooManyPaths {
        /// The left proposal's id.
        left: String,
        /// The right proposal's id.
        right: String,
        /// The limit.
        limit: usize,
    },
    /// Two proposals' terms meet each other so widely that relating them would take
    /// more than [`crate::limits::Limits::max_comparisons`] comparisons.
    TooManyRelations {
        /// The left proposal's id.
        left: String,
        /// The right proposal's id.
        right: String,
        /// The limit.
        limit: usize,
    },
    /// Two proposals' terms relate to each other so widely that their relations would
    /// be more than [`crate::limits::Limits::max_relations`].
    TooManyRelationsKept {
        /// The left proposal's id.
        left: String,
        /// The right proposal's id.
        right: String,
        /// The limit.
        limit: usize,
    },
    /// A proposal is invalid.
    Invalid {
        /// The proposal's id.
        proposal: String,
        /// Its errors.
        errors: Vec<Diagnostic>,
    },
}

impl EngineError {
    /// The limit the analysis stopped at, if it stopped at one.
    pub fn limit(&self) -> Option<LimitKind> {
        match self {
            EngineError::TooManyFirings { .. } => Some(LimitKind::Firings),
            EngineError::TooManyDerived { .. } => Some(LimitKind::Derived),
            EngineError::TooManyPaths { .. } => Some(LimitKind::Paths),
            EngineError::TooManyRelations { .. } => Some(LimitKind::Comparisons),
            EngineError::TooManyRelationsKept { .. } => Some(LimitKind::Relations),
            EngineError::DuplicateProposalId(_) | EngineError::Invalid { .. } => None,
        }
    }

    /// The message, with `raise` saying how to raise the limit the analysis stopped at
    /// (the library's [`LimitKind::raise`] names the field of
    /// [`crate::limits::Limits`]; the command line names its flag).
    pub fn message(&self, raise: Raise) -> String {
        match self {
            EngineError::DuplicateProposalId(id) => format!("two proposals have the id `{id}`"),
            EngineError::TooManyFirings { proposal, limit } => format!(
                "rules fired more than {} on proposal `{proposal}`; {} or check the vocabulary's rules",
                counted(*limit, "time"),
                raise(LimitKind::Firings)
            ),
            EngineError::TooManyDerived { proposal, limit } => format!(
                "rules derived more than {} from proposal `{proposal}`; {} or check the vocabulary's rules",
                counted(*limit, "atom"),
                raise(LimitKind::Derived)
            ),
            EngineError::TooManyPaths { left, right, limit } => format!(
                "the conditions of `{left}` and `{right}` chain so long that tracing the paths of their blocked terms would take more than {}; {}, or shorten the chains of `requires`",
                counted(*limit, "step"),
                raise(LimitKind::Paths)
            ),
            EngineError::TooManyRelations { left, right, limit } => format!(
                "`{left}` and `{right}` would need more than {} of terms; {}, or give the terms scopes (areas, sectors) so that they meet fewer others",
                counted(*limit, "comparison"),
                raise(LimitKind::Comparisons)
            ),
            EngineError::TooManyRelationsKept { left, right, limit } => format!(
                "`{left}` and `{right}` have more than {} between their terms; {}, or give the terms scopes (areas, sectors) so that they meet fewer others",
                counted(*limit, "relation"),
                raise(LimitKind::Relations)
            ),
            EngineError::Invalid { proposal, errors } => {
                let mut out = format!("proposal `{proposal}` is invalid");
                for e in errors {
                    out.push_str(&format!("\n  {}: {}", e.path, e.message));
                }
                out
            }
        }
    }
}

/// The message in the library's words ([`EngineError::message`] with
/// [`LimitKind::raise`]).
impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(LimitKind::raise))
    }
}

impl std::error::Error for EngineError {}

/// `1 time`, `3 times`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
