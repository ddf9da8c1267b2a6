//! Options and steps shared by the subcommands: loading the vocabulary and the
//! proposals, choosing colour, writing output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::Exit;
use crate::load::{self, ResolvedProposal, SourceFile};
use crate::vocab::{Vocab, VocabFile};

/// How inputs are read.
#[derive(Debug, Clone, clap::Args)]
pub struct InputOptions {
    /// A vocabulary file to merge over the default pack (repeatable).
    #[arg(long = "vocab", value_name = "FILE")]
    pub vocab: Vec<PathBuf>,
    /// Treat warnings about the inputs as errors.
    #[arg(long)]
    pub deny_warnings: bool,
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

/// Where and how output is written.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputOptions {
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
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
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Loads the vocabulary: the default pack with the `--vocab` files merged over it.
pub fn load_vocab(opts: &InputOptions) -> Result<Vocab, Exit> {
    let mut files = Vec::new();
    for path in &opts.vocab {
        let file = SourceFile::read(path).map_err(|e| {
            eprintln!("error: {e}");
            Exit::Error
        })?;
        let vocab: VocabFile = serde_json::from_str(&file.text).map_err(|e| {
            eprintln!("error: {}: {e}", path.display());
            Exit::Error
        })?;
        files.push(vocab);
    }
    Vocab::with_extensions(&files).map_err(|issues| {
        for i in issues {
            eprintln!("error: vocabulary: {} at `{}`", i.message, i.path);
        }
        Exit::Error
    })
}

/// Loads and resolves each proposal, printing every diagnostic to standard error.
/// Fails when any file has an error (or a warning, under `--deny-warnings`).
pub fn load_proposals(
    paths: &[PathBuf],
    vocab: &Vocab,
    opts: &InputOptions,
) -> Result<Vec<ResolvedProposal>, Exit> {
    let mut out = Vec::new();
    let mut failed = false;
    for path in paths {
        let file = match SourceFile::read(path) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        let (resolved, diags) = match load::parse_proposal(&file) {
            Ok(p) => load::resolve(&p, vocab),
            Err(d) => (None, vec![d]),
        };
        if !diags.is_empty() {
            eprint!("{}", load::render(&file, &diags));
        }
        let denied = opts.deny_warnings && !diags.is_empty();
        match resolved {
            Some(r) if !denied => out.push(r),
            _ => failed = true,
        }
    }
    if failed { Err(Exit::Error) } else { Ok(out) }
}
