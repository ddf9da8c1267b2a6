//! Options and steps shared by the subcommands: loading the vocabulary and the
//! proposals, choosing colour, writing output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::Exit;
use super::limits::ReadLimitOptions;
use crate::limits::Limits;
use crate::load::{self, FileReport, ResolvedProposal, SourceFile};
use crate::vocab::Vocab;

/// How inputs are read.
#[derive(Debug, Clone, clap::Args)]
pub struct InputOptions {
    /// A vocabulary file to merge over the default pack (repeatable).
    #[arg(long = "vocab", value_name = "FILE")]
    pub vocab: Vec<PathBuf>,
    /// Treat warnings about the inputs as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// The limits on reading the files.
    #[command(flatten)]
    pub limits: ReadLimitOptions,
}

impl InputOptions {
    /// The default limits with those of the reading flags.
    pub fn limits(&self) -> Limits {
        self.limits.apply(Limits::default())
    }

    /// Reads `path` within the size limit.
    pub fn read(&self, path: &Path) -> Result<SourceFile, String> {
        SourceFile::read_limited(path, self.limits.max_file_size)
    }
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The formats of the report commands that write a terminal report, a Markdown
/// briefing or JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// A terminal report.
    Text,
    /// A Markdown briefing.
    Markdown,
    /// JSON for scripts (see docs/json-output.md).
    Json,
}

/// Where and how output is written.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputOptions {
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print nothing on standard output, for scripts that read only the exit code
    /// (errors still go to standard error; `-o FILE` is still written).
    #[arg(short = 'q', long)]
    pub quiet: bool,
}

impl OutputOptions {
    /// Whether text written now should carry colour.
    pub fn colored(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                self.output.is_none()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }

    /// Writes `text` to the output file (atomically) or to standard output.
    pub fn write(&self, text: &str) -> Result<(), Exit> {
        match &self.output {
            None if self.quiet => Ok(()),
            Some(path) => write_atomic(path, text.as_bytes()).map_err(|e| {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                Exit::Error
            }),
            None => {
                let mut out = std::io::stdout().lock();
                match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                    Ok(()) => Ok(()),
                    // A closed pipe (`armistice compare ... | head`) is not an error.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    Err(e) => {
                        eprintln!("error: cannot write to standard output: {e}");
                        Err(Exit::Error)
                    }
                }
            }
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
/// so that readers see the old content or the new, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Through a symbolic link, the file it points to is replaced, not the link.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    // A device, a pipe or a socket (`-o /dev/null`, `-o >(gzip > x.gz)`) is written in
    // place: renaming over it would put a plain file where it was.
    if let Ok(meta) = std::fs::metadata(&target)
        && !meta.is_file()
    {
        let mut out = std::fs::OpenOptions::new().write(true).open(&target)?;
        return out.write_all(bytes).and_then(|_| out.flush());
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, &target));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Sets the colour choice for diagnostics on standard error (`--color`); `auto`
/// colours on a terminal unless `NO_COLOR` is set.
pub fn set_color(choice: ColorChoice) {
    let c = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    c.write_global();
}

/// Whether diagnostics written to standard error now should carry colour.
pub fn stderr_styled() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// Prints an error that is about no position in a file.
pub fn print_error(message: &str) {
    eprintln!("{}", load::render_message(true, message, stderr_styled()));
}

/// Prints the diagnostics of a report, then, when it has errors, a line saying the file
/// could not be loaded.
pub fn print_report(report: &FileReport) {
    if report.diagnostics.is_empty() {
        return;
    }
    let styled = stderr_styled();
    let mut out = load::render_report(report, styled);
    let errors = report.errors();
    if errors > 0 {
        let mut summary = format!(
            "could not load `{}`: {}",
            report.file.path.display(),
            plural(errors, "error")
        );
        if report.warnings() > 0 {
            summary.push_str(&format!(", {}", plural(report.warnings(), "warning")));
        }
        out.push_str(&load::render_message(true, &summary, styled));
        out.push('\n');
    }
    eprint!("{out}");
}

/// `1 error`, `3 errors`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Loads the vocabulary: the default pack with the `--vocab` files merged over it.
/// Every problem is printed to standard error.
pub fn load_vocab(opts: &InputOptions) -> Result<Vocab, Exit> {
    let mut files = Vec::new();
    for path in &opts.vocab {
        match opts.read(path) {
            Ok(f) => files.push(f),
            Err(e) => {
                print_error(&e);
                return Err(Exit::Error);
            }
        }
    }
    load::load_vocab_with(files, &opts.limits()).map_err(|reports| {
        for r in &reports {
            print_report(r);
        }
        Exit::Error
    })
}

/// Loads and resolves each file, printing every diagnostic to standard error: for each
/// path, the resolved proposal, or `None` when the file has an error (or a warning,
/// under `--deny-warnings`).
pub fn load_each(paths: &[PathBuf], vocab: &Vocab, opts: &InputOptions) -> Vec<Option<ResolvedProposal>> {
    paths
        .iter()
        .map(|path| {
            let file = match opts.read(path) {
                Ok(f) => f,
                Err(e) => {
                    print_error(&e);
                    return None;
                }
            };
            let (resolved, mut report) = load::load_proposal_with(file, vocab, &opts.limits());
            if opts.deny_warnings {
                report.deny_warnings();
            }
            print_report(&report);
            resolved.filter(|_| report.errors() == 0)
        })
        .collect()
}

/// Loads and resolves each proposal, printing every diagnostic to standard error.
/// Fails when any file has an error (or a warning, under `--deny-warnings`).
pub fn load_proposals(
    paths: &[PathBuf],
    vocab: &Vocab,
    opts: &InputOptions,
) -> Result<Vec<ResolvedProposal>, Exit> {
    load_each(paths, vocab, opts)
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .ok_or(Exit::Error)
}

/// Loads the vocabulary and the proposal `files` and analyses them within `limits`:
/// where `compare`, `graph` and `report` start.
pub fn analyze_files(
    files: &[PathBuf],
    input: &InputOptions,
    limits: &Limits,
) -> Result<(Vocab, crate::engine::Analysis), Exit> {
    let vocab = load_vocab(input)?;
    let proposals = load_proposals(files, &vocab, input)?;
    let analysis = crate::engine::analyze_with(proposals, &vocab, limits).map_err(|e| {
        eprintln!("error: {e}");
        Exit::Error
    })?;
    Ok((vocab, analysis))
}
