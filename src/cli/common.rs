//! Options and steps shared by the subcommands: loading the vocabulary and the
//! proposals, choosing colour, writing output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Exit;
pub(crate) use super::atomic::{may_write_in_place, write_atomic, write_atomic_with};
use super::limit_flags::{ReadLimitOptions, raise};
use crate::limits::Limits;
use crate::load::{self, FileReport, SourceFile};
use crate::resolved::ResolvedProposal;
use crate::vocab::Vocab;

/// How inputs are read.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct InputOptions {
    /// A vocabulary file to merge over the default pack (repeatable).
    #[arg(long = "vocab", value_name = "FILE")]
    pub(crate) vocab: Vec<PathBuf>,
    /// Treat warnings about the inputs as errors.
    #[arg(long)]
    pub(crate) deny_warnings: bool,
    /// The limits on reading the files.
    #[command(flatten)]
    pub(crate) limits: ReadLimitOptions,
}

impl InputOptions {
    /// The default limits with those of the reading flags.
    pub(crate) fn limits(&self) -> Limits {
        self.limits.apply(Limits::default())
    }

    /// Reads `path` within the size limit.
    pub(crate) fn read(&self, path: &Path) -> Result<SourceFile, String> {
        SourceFile::read_limited_with(path, self.limits.max_file_size, raise)
    }

    /// Every file read: the `files` given and the vocabulary files.
    pub(crate) fn with_files<'a>(&'a self, files: &'a [PathBuf]) -> Vec<&'a Path> {
        files.iter().chain(&self.vocab).map(PathBuf::as_path).collect()
    }
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
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
pub(crate) enum ReportFormat {
    /// A terminal report.
    Text,
    /// A Markdown briefing.
    Markdown,
    /// JSON for scripts (see docs/json-output.md).
    Json,
}

/// Where and how output is written (shown under their own "Output" heading, after
/// the limits).
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Output")]
pub(crate) struct OutputOptions {
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
    /// Print nothing on standard output, for scripts that read only the exit code
    /// (errors still go to standard error; `-o FILE` is still written).
    #[arg(short = 'q', long)]
    pub(crate) quiet: bool,
    /// Replace files that already exist (`-o FILE`, and `whatif --write-dir`); an input
    /// file is never replaced.
    #[arg(long)]
    pub(crate) force: bool,
    /// The inputs [`OutputOptions::guard`] was given, by file identity: checked again
    /// when the output is written, in case `-o FILE` became a link to one meanwhile.
    #[arg(skip)]
    pub(crate) inputs: std::sync::OnceLock<Vec<FileId>>,
}

/// A file's identity: its device and inode (on Unix; elsewhere its canonical path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileId {
    /// Device and inode.
    #[cfg(unix)]
    Inode(u64, u64),
    /// The canonical path.
    #[cfg(not(unix))]
    Path(PathBuf),
}

impl FileId {
    /// The identity of the file `path` names (through links), if it exists.
    fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(FileId::Inode(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(FileId::Path)
        }
    }
}

impl OutputOptions {
    /// Whether text written now should carry colour.
    pub(crate) fn colored(&self) -> bool {
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

    /// Checks, before any work is done, that `-o FILE` can be written and would
    /// destroy nothing: its folder exists, it is none of the `inputs`, and it does not
    /// exist unless `--force` is given. Prints the error and fails otherwise.
    pub(crate) fn guard(&self, inputs: &[&Path]) -> Result<(), Exit> {
        let Some(path) = &self.output else {
            return Ok(());
        };
        // The vocabulary files the inputs name in `$vocab` are inputs too.
        let named = named_vocab_files(inputs);
        let all: Vec<&Path>;
        let inputs = if named.is_empty() {
            inputs
        } else {
            all = inputs
                .iter()
                .copied()
                .chain(named.iter().map(PathBuf::as_path))
                .collect();
            &all
        };
        if !inputs.is_empty() {
            let _ = self
                .inputs
                .set(inputs.iter().filter_map(|p| FileId::of(p)).collect());
        }
        let problem = no_folder(path).or_else(|| clobbers(path, inputs, self.force));
        match problem {
            Some(message) => {
                print_error(&message);
                Err(Exit::Error)
            }
            None => Ok(()),
        }
    }

    /// Whether anything is written: not with `--quiet` and no `-o` (a report need not
    /// be made then).
    pub(crate) fn renders(&self) -> bool {
        !(self.quiet && self.output.is_none())
    }

    /// Writes `text` to the output file (atomically) or to standard output.
    pub(crate) fn write(&self, text: &str) -> Result<(), Exit> {
        self.write_with(|out| out.write_all(text.as_bytes()))
    }

    /// Writes what `render` writes, as it writes it, to the output file (atomically:
    /// the file appears whole once `render` is done) or to standard output, buffered.
    /// A large report is so never held whole in memory.
    pub(crate) fn write_with(
        &self,
        render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Exit> {
        if !self.renders() {
            return Ok(());
        }
        match &self.output {
            Some(path) => {
                self.guard(&[])?;
                // The inputs again, by identity, right before writing: `-o FILE` may
                // have become a link to one of them while the work was done.
                let inputs = self.inputs.get();
                if FileId::of(path).is_some_and(|now| inputs.is_some_and(|ids| ids.contains(&now))) {
                    print_error(&format!(
                        "refusing to write `{}`: it is an input file",
                        path.display()
                    ));
                    return Err(Exit::Error);
                }
                write_atomic_with(path, render).map_err(|e| {
                    print_error(&format!("cannot write `{}`: {e}", path.display()));
                    Exit::Error
                })
            }
            None => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                match render(&mut out).and_then(|_| out.flush()) {
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

/// Why writing `path` would destroy something: it is one of the `inputs` (always
/// refused), or an existing file and `force` is not given. Devices and pipes
/// (`-o /dev/stdout`) are written in place and lose nothing, so they are allowed.
pub(crate) fn clobbers(path: &Path, inputs: &[&Path], force: bool) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return meta
            .is_dir()
            .then(|| format!("cannot write `{}`: it is a directory", path.display()));
    }
    if inputs.iter().any(|input| same_file(path, input)) {
        return Some(format!(
            "refusing to write `{}`: it is an input file",
            path.display()
        ));
    }
    (!force).then(|| format!("`{}` exists; give `--force` to overwrite it", path.display()))
}

/// Why `path` cannot be written because its folder is missing (or is not a folder),
/// if it is: said before the work, not after it.
fn no_folder(path: &Path) -> Option<String> {
    let folder = path
        .parent()
        .filter(|f| !f.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if folder.is_dir() {
        return None;
    }
    let why = if folder.exists() {
        "is not a folder"
    } else {
        "does not exist"
    };
    Some(format!(
        "cannot write `{}`: the folder `{}` {why}",
        path.display(),
        folder.display()
    ))
}

/// Whether two paths name the same file (by [`FileId`]: through symbolic links,
/// relative paths and hard links).
fn same_file(a: &Path, b: &Path) -> bool {
    FileId::of(a).is_some_and(|a| FileId::of(b) == Some(a))
}

/// Sets the colour choice for diagnostics on standard error (`--color`); `auto`
/// colours on a terminal unless `NO_COLOR` is set.
pub(crate) fn set_color(choice: ColorChoice) {
    let c = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    c.write_global();
}

/// Whether diagnostics written to standard error now should carry colour.
pub(crate) fn stderr_styled() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// Prints `error: MESSAGE` plainly (a message that carries its own layout) and gives
/// the exit code of an error.
pub(crate) fn fail(message: &str) -> Exit {
    eprintln!("error: {message}");
    Exit::Error
}

/// Prints an error that is about no position in a file.
pub(crate) fn print_error(message: &str) {
    eprintln!("{}", load::render_message(true, message, stderr_styled()));
}

/// Prints the diagnostics of a report, then, when it has errors, a line saying the file
/// could not be loaded.
pub(crate) fn print_report(report: &FileReport) {
    eprint!("{}", report_text(report));
}

/// What [`print_report`] prints (nothing when the report has no diagnostic).
pub(crate) fn report_text(report: &FileReport) -> String {
    if report.diagnostics.is_empty() {
        return String::new();
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
    out
}

/// `1 error`, `3 errors`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The vocabulary files that the regular files among `inputs` name in `$vocab`.
fn named_vocab_files(inputs: &[&Path]) -> Vec<PathBuf> {
    let limits = crate::limits::Limits::default();
    inputs.iter().flat_map(|p| vocab_named_in(p, &limits)).collect()
}

/// The vocabulary files the proposal at `path` names in `$vocab`. Only a regular file
/// is read for it (standard input or a pipe is read once, by the proposal's loading),
/// and read whole only when it holds the key; a file that cannot be read names none
/// (its loading says why).
fn vocab_named_in(path: &Path, limits: &crate::limits::Limits) -> Vec<PathBuf> {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) || !load::may_name_vocab(path) {
        return Vec::new();
    }
    match load::SourceFile::read_limited_with(path, limits.max_file_bytes, raise) {
        Ok(file) => load::vocab_refs(&file, limits.max_depth),
        Err(_) => Vec::new(),
    }
}

/// Loads the vocabulary: the default pack with the files named in the `$vocab` of
/// each proposal of `proposals` (relative to that proposal), then the `--vocab` files,
/// merged over it, each file once. Every problem is printed to standard error; a
/// warning fails under `--deny-warnings`.
pub(crate) fn load_vocab(opts: &InputOptions, proposals: &[PathBuf]) -> Result<Vocab, Exit> {
    let mut paths: Vec<(PathBuf, Option<&Path>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let limits = opts.limits();
    // Each proposal is searched on a thread of its own (a search reads the whole file).
    let named: Vec<Vec<PathBuf>> = proposals.par_iter().map(|p| vocab_named_in(p, &limits)).collect();
    for (p, named) in proposals.iter().zip(named) {
        for v in named {
            if seen.insert(std::fs::canonicalize(&v).unwrap_or_else(|_| v.clone())) {
                paths.push((v, Some(p.as_path())));
            }
        }
    }
    for v in &opts.vocab {
        if seen.insert(std::fs::canonicalize(v).unwrap_or_else(|_| v.clone())) {
            paths.push((v.clone(), None));
        }
    }
    let mut files = Vec::new();
    for (path, named_by) in &paths {
        match opts.read(path) {
            Ok(f) => files.push(f),
            Err(e) => {
                match named_by {
                    Some(p) => print_error(&format!("{e} (named in the `$vocab` of `{}`)", p.display())),
                    None => print_error(&e),
                }
                return Err(Exit::Error);
            }
        }
    }
    let (vocab, reports) = load::load_vocab_reports(files, &limits);
    let warned = !reports.is_empty();
    for mut r in reports {
        if opts.deny_warnings {
            r.deny_warnings("a warning, made an error by `--deny-warnings`");
        }
        r.raise_with(raise);
        print_report(&r);
    }
    match vocab {
        Some(v) if !(warned && opts.deny_warnings) => Ok(v),
        _ => Err(Exit::Error),
    }
}

/// Loads and resolves each file, printing every diagnostic to standard
/// error: for each path, the resolved proposal, or `None` when the file has an error
/// (or a warning, under `--deny-warnings`). The files are read and resolved in
/// parallel, each report rendered as soon as its file is done (so that the file's
/// text is let go then), and printed in the order of the paths.
pub(crate) fn load_each(
    paths: &[PathBuf],
    vocab: &Vocab,
    opts: &InputOptions,
) -> Vec<Option<ResolvedProposal>> {
    let loaded: Vec<_> = paths
        .par_iter()
        .map(|path| {
            let file = opts.read(path)?;
            let (resolved, mut report) = load::load_proposal_with(file, vocab, &opts.limits());
            if opts.deny_warnings {
                report.deny_warnings("a warning, made an error by `--deny-warnings`");
            }
            report.raise_with(raise);
            let ok = report.errors() == 0;
            Ok((resolved.filter(|_| ok), report_text(&report)))
        })
        .collect();
    loaded
        .into_iter()
        .map(|outcome: Result<_, String>| match outcome {
            Ok((resolved, text)) => {
                eprint!("{text}");
                resolved
            }
            Err(e) => {
                print_error(&e);
                None
            }
        })
        .collect()
}

/// [`load_proposals`] of proposals to be compared with each other, which findings tell
/// apart by their ids (see [`distinct_ids`]).
pub(crate) fn load_compared(
    paths: &[PathBuf],
    vocab: &mut Vocab,
    opts: &InputOptions,
) -> Result<Vec<ResolvedProposal>, Exit> {
    let proposals = load_proposals(paths, vocab, opts)?;
    distinct_ids(paths, &proposals, opts, 1)?;
    Ok(proposals)
}

/// Refuses a proposal, from the `from`-th on, with the id of an earlier one: findings
/// name terms by their proposal's id. The error names both files and points at the
/// later one's `id`.
pub(crate) fn distinct_ids(
    paths: &[PathBuf],
    proposals: &[ResolvedProposal],
    opts: &InputOptions,
    from: usize,
) -> Result<(), Exit> {
    lookalike_ids(paths, proposals, opts);
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, p) in proposals.iter().enumerate() {
        let earlier = seen.get(p.id()).and_then(|&j| paths.get(j));
        let (true, Some(earlier), Some(path)) = (i >= from, earlier, paths.get(i)) else {
            seen.entry(p.id()).or_insert(i);
            continue;
        };
        let diagnostic = load::Diagnostic::error(
            "id",
            format!(
                "proposal id `{}` is also the id of `{}`",
                p.id(),
                earlier.display()
            ),
        )
        .with_help(
            "findings name terms by their proposal's id: give each proposal compared an id of its own",
        );
        match opts.read(path) {
            Ok(file) => {
                let diagnostics = vec![file.locate(diagnostic)];
                eprint!("{}", report_text(&FileReport { file, diagnostics }));
            }
            Err(e) => print_error(&e),
        }
        return Err(Exit::Error);
    }
    Ok(())
}

/// Warns about a proposal whose id looks like an earlier one's but is another (`café`
/// in NFC and in NFD, a zero-width space, a Cyrillic letter): findings would name two
/// proposals that read the same. Names both files, at the later one's `id`.
fn lookalike_ids(paths: &[PathBuf], proposals: &[ResolvedProposal], opts: &InputOptions) {
    let mut looks: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, p) in proposals.iter().enumerate() {
        let look = load::look(p.id());
        let twin = looks.get(&look).copied().filter(|&j| proposals[j].id() != p.id());
        looks.entry(look).or_insert(i);
        let (Some(j), Some(path)) = (twin, paths.get(i)) else {
            continue;
        };
        let earlier = paths.get(j).map_or_else(String::new, |p| p.display().to_string());
        let diagnostic = load::Diagnostic::warning(
            "id",
            format!(
                "proposal id `{}` looks like `{}`, the id of `{earlier}`, but is another",
                load::spelled(p.id()),
                load::spelled(proposals[j].id())
            ),
        )
        .with_help(
            "findings would name two proposals that read the same: give one an id that reads differently",
        );
        if let Ok(file) = opts.read(path) {
            let diagnostics = vec![file.locate(diagnostic)];
            eprint!("{}", report_text(&FileReport { file, diagnostics }));
        }
    }
}

/// Loads and resolves each proposal, printing every diagnostic to standard error.
/// Fails when any file has an error (or a warning, under `--deny-warnings`). The
/// subject `any` stands for the parties the proposals name (see
/// [`load::restrict_any`]), from here on in this run.
pub(crate) fn load_proposals(
    paths: &[PathBuf],
    vocab: &mut Vocab,
    opts: &InputOptions,
) -> Result<Vec<ResolvedProposal>, Exit> {
    let mut proposals = load_each(paths, vocab, opts)
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .ok_or(Exit::Error)?;
    load::restrict_any(vocab, &mut proposals);
    Ok(proposals)
}

/// Loads the vocabulary and the proposal `files` and analyses them within
/// `limits`: where `compare`, `graph` and `report` start.
pub(crate) fn analyze_files(
    files: &[PathBuf],
    input: &InputOptions,
    limits: &Limits,
) -> Result<(Vocab, crate::engine::Analysis), Exit> {
    let mut vocab = load_vocab(input, files)?;
    let proposals = load_compared(files, &mut vocab, input)?;
    let analysis = crate::engine::analyze_with(proposals, &vocab, limits).map_err(|e| {
        eprintln!("error: {}", e.message(raise));
        Exit::Error
    })?;
    Ok((vocab, analysis))
}

#[cfg(test)]
mod tests {
    use super::{ColorChoice, OutputOptions};

    /// Robustness case 6: `-o FILE` that becomes a link to an input while the work is
    /// done is refused when the output is written, and the input is left as it was.
    #[cfg(unix)]
    #[test]
    fn an_output_that_became_a_link_to_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.json");
        std::fs::write(&input, "input").unwrap();
        let out = dir.path().join("out.txt");
        let options = OutputOptions {
            output: Some(out.clone()),
            color: ColorChoice::Never,
            quiet: false,
            force: true,
            inputs: std::sync::OnceLock::new(),
        };
        assert!(options.guard(&[&input]).is_ok());
        std::os::unix::fs::symlink(&input, &out).unwrap();
        assert!(options.write("the report").is_err());
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "input");
        // Without the swap, the same options write.
        std::fs::remove_file(&out).unwrap();
        assert!(options.write("the report").is_ok());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "the report");
    }
}
