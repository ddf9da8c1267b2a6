//! Reading proposal and vocabulary files: JSON with comments, syntax and type errors
//! with file, line, column and JSON path, and semantic validation against the
//! vocabulary, every problem reported with the line it is on.

mod cycles;
mod diagnostic;
mod resolved;
mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use resolved::{Interval, ResolvedProposal, ResolvedTerm};
pub use validate::{ceasefire_window, resolve};
mod read;
pub use read::{SourceFile, parse_proposal, render};
