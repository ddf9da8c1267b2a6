//! Running the built `armistice` binary: one way to start it ([`armistice`], or
//! [`plain`] for output that must not depend on the terminal's colour settings) and one
//! way to read what it gave ([`Run`]).

use std::ffi::OsStr;

use assert_cmd::Command;

use super::ROOT;

/// The built binary, run from the package root (the paths the tests give, like
/// [`super::US`] or `tests/fixtures/...`, are relative to it), in the test's
/// environment.
pub(crate) fn armistice() -> Command {
    let mut cmd = Command::cargo_bin("armistice").unwrap();
    cmd.current_dir(ROOT);
    cmd
}

/// [`armistice`] with colour decided by the flags alone: `NO_COLOR` set and
/// `CLICOLOR_FORCE` removed, so that messages compared with a snapshot do not depend on
/// the terminal the tests run from.
pub(crate) fn plain() -> Command {
    let mut cmd = armistice();
    cmd.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

/// What one run of the binary gave.
#[derive(Debug)]
pub(crate) struct Run {
    /// The exit code; -1 when a signal ended the process.
    pub code: i32,
    /// Standard output (the binary writes UTF-8 only).
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Runs `cmd` to its end.
    pub(crate) fn of(cmd: &mut Command) -> Run {
        let out = cmd.output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// Standard output and the exit code, once checked that nothing went to standard
    /// error.
    pub(crate) fn quiet(self) -> (String, i32) {
        assert!(self.stderr.is_empty(), "{}", self.stderr);
        (self.stdout, self.code)
    }

    /// Standard output, once checked that the run succeeded.
    pub(crate) fn success(self) -> String {
        assert_eq!(self.code, 0, "{}", self.stderr);
        self.stdout
    }
}

/// Runs [`armistice`] with `args`.
pub(crate) fn run<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Run {
    Run::of(armistice().args(args))
}
