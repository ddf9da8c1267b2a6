//! Why an analysis could not be made.

use std::fmt;

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
    /// A proposal is invalid.
    Invalid {
        /// The proposal's id.
        proposal: String,
        /// Its errors.
        errors: Vec<Diagnostic>,
    },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::DuplicateProposalId(id) => write!(f, "two proposals have the id `{id}`"),
            EngineError::TooManyFirings { proposal, limit } => write!(
                f,
                "rules fired more than {} on proposal `{proposal}`; raise the limit with `--max-firings N` or check the vocabulary's rules",
                counted(*limit, "time")
            ),
            EngineError::TooManyDerived { proposal, limit } => write!(
                f,
                "rules derived more than {} from proposal `{proposal}`; raise the limit with `--max-derived N` or check the vocabulary's rules",
                counted(*limit, "atom")
            ),
            EngineError::TooManyPaths { left, right, limit } => write!(
                f,
                "the conditions of `{left}` and `{right}` chain so long that tracing the paths of their blocked terms would take more than {}; raise the limit with `--max-paths N`, or shorten the chains of `requires`",
                counted(*limit, "step")
            ),
            EngineError::TooManyRelations { left, right, limit } => write!(
                f,
                "`{left}` and `{right}` would need more than {} of terms; raise the limit with `--max-comparisons N`, or give the terms scopes (areas, sectors) so that they meet fewer others",
                counted(*limit, "comparison")
            ),
            EngineError::Invalid { proposal, errors } => {
                write!(f, "proposal `{proposal}` is invalid")?;
                for e in errors {
                    write!(f, "\n  {}: {}", e.path, e.message)?;
                }
                Ok(())
            }
        }
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
