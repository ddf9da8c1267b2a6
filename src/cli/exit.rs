//! Exit codes, like diff(1): 0 clean, 1 findings, 2 error.

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Valid, compatible, identical: nothing to report.
    Clean = 0,
    /// Findings: conflicts, differences, files that would change.
    Findings = 1,
    /// An error: bad input, unreadable file, failed write.
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}
