//! Reading proposal and vocabulary files: JSON with comments, syntax and type errors
//! with file, line, column and JSON path, and semantic validation against the
//! vocabulary, every problem reported with the line it is on.

mod cycles;
mod diagnostic;
mod every_error;
mod jsonc;
mod lookalike;
mod outcomes;
mod read;
mod render;
mod run_parties;
mod span;
mod subjects;
mod syntax;
mod time;
mod validate;
mod vocab_file;
mod vocab_refs;
mod window;

pub use diagnostic::{Diagnostic, FileReport, Located, Severity};
pub(crate) use lookalike::{look, spelled};
pub use read::{
    SourceFile, load_proposal, load_proposal_with, parse_json, parse_json_every, parse_json_limited,
    parse_proposal,
};
pub use render::{render, render_message, render_report};
pub use run_parties::restrict_any;
pub use time::phase_windows;
pub use validate::{ceasefire_window, resolve, resolve_owned};
pub use vocab_file::{load_vocab, load_vocab_reports, load_vocab_with};
pub use vocab_refs::{may_name_vocab, vocab_refs};
