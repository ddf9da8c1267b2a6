//! Diagnostics: an error or warning about an input, located by JSON path.

use crate::limit_kind::{LimitKind, Raise};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input can be used but is probably not what its author meant, or is incomplete.
    Warning,
}

/// One problem found in an input, before it is given a file position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The JSON path of the offending value (`terms[3].window.days`); empty for the
    /// whole document.
    pub path: String,
    /// What is wrong: lowercase, no final period, user input in backticks.
    pub message: String,
    /// A suggestion, such as "did you mean `military_aid`?".
    pub help: Option<String>,
    /// The limit the input went past, when that is what is wrong: the help says how to
    /// raise it in the library's words ([`LimitKind::raise`]), which
    /// [`Diagnostic::raise_with`] turns into a reader's own.
    pub limit: Option<LimitKind>,
}

impl Diagnostic {
    /// An error at `path`.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
            help: None,
            limit: None,
        }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
            help: None,
            limit: None,
        }
    }

    /// The same diagnostic with a suggestion.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The same diagnostic with "did you mean" the nearest of `candidates`, if any is near.
    pub fn suggest<'a>(self, name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Diagnostic {
        match crate::vocab::did_you_mean(name, candidates) {
            Some(s) => self.with_help(format!("did you mean `{s}`?")),
            None => self,
        }
    }

    /// The same diagnostic about going past `limit`, with a suggestion that begins
    /// with how to raise it (``raise the limit `max_sweep` ``) and goes on with `rest`
    /// (`, or split the sweep`).
    pub fn with_limit(self, limit: LimitKind, rest: &str) -> Diagnostic {
        Diagnostic {
            limit: Some(limit),
            ..self.with_help(format!("{}{rest}", limit.raise()))
        }
    }

    /// Has `raise` say how to raise the diagnostic's limit, if it is about one, where
    /// the library's words ([`LimitKind::raise`]) said it.
    pub fn raise_with(&mut self, raise: Raise) {
        if let (Some(limit), Some(help)) = (self.limit, self.help.as_mut()) {
            *help = help.replace(&limit.raise(), &raise(limit));
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A diagnostic with the byte range of the input it is about, when it could be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The diagnostic.
    pub diagnostic: Diagnostic,
    /// The bytes of the input to underline.
    pub span: Option<std::ops::Range<usize>>,
    /// A remark shown after the help, such as why a warning counts as an error.
    pub note: Option<String>,
}

/// The diagnostics about one input file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file, for its name and the lines quoted.
    pub file: super::SourceFile,
    /// Its diagnostics, in file order.
    pub diagnostics: Vec<Located>,
}

impl FileReport {
    /// The number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.diagnostic.is_error())
            .count()
    }

    /// The number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Has `raise` say how to raise the limit of each diagnostic about one
    /// ([`Diagnostic::raise_with`]).
    pub fn raise_with(&mut self, raise: Raise) {
        for d in &mut self.diagnostics {
            d.diagnostic.raise_with(raise);
        }
    }

    /// Turns every warning into an error, with `note` saying why (the caller knows
    /// what made it deny warnings: the command line names its flag).
    pub fn deny_warnings(&mut self, note: &str) {
        for d in &mut self.diagnostics {
            if !d.diagnostic.is_error() {
                d.diagnostic.severity = Severity::Error;
                d.note = Some(note.to_owned());
            }
        }
    }
}
