//! `armistice fmt FILE... [--check]`: rewrites proposal files in the canonical layout
//! (see [`crate::fmt`]), or with `--check` lists those that would change.

use std::path::PathBuf;

use super::Exit;
use super::common::{may_write_in_place, write_atomic};
use super::limit_flags::raise;
use crate::load::SourceFile;

/// Arguments of `armistice fmt`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The proposal files to format.
    #[arg(value_name = "FILE", required = true)]
    pub(crate) files: Vec<PathBuf>,
    /// Change nothing: list the files that would change and exit 1 if there are any.
    #[arg(long)]
    pub(crate) check: bool,
    /// The largest file read: bytes, or a number with a unit (`500MB`, `2GiB`).
    #[arg(long, value_name = "SIZE", default_value = "1GiB", value_parser = crate::limits::parse_size, help_heading = "Limits")]
    pub(crate) max_file_size: u64,
}

/// Runs `armistice fmt`: exit 0 when done (or, with `--check`, when every file is
/// formatted), 1 when `--check` finds files that would change, 2 when a file cannot
/// be read, parsed or written (that file is left as it was).
pub(crate) fn run(args: Args) -> Exit {
    let mut exit = Exit::Clean;
    for path in &args.files {
        // A pipe, a FIFO or a device (`/dev/stdin`, `<(...)`) cannot be rewritten in
        // place: writing it would block on a full pipe or throw the text away. It is
        // refused before it is read; `--check` only reads, and takes it.
        let stream = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if stream && !args.check {
            eprintln!(
                "error: cannot rewrite `{}` in place: it is not a regular file\n  = help: save the text to a file and format that, or give `--check` to check it without writing",
                path.display()
            );
            exit = Exit::Error;
            continue;
        }
        let file = match SourceFile::read_limited_with(path, args.max_file_size, raise) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {e}");
                exit = Exit::Error;
                continue;
            }
        };
        // What the loader refuses is reported as `check` reports it: line, column,
        // JSON path and suggestion.
        if let Err(located) = crate::load::parse_proposal(&file) {
            let mut report = crate::load::FileReport {
                file,
                diagnostics: vec![*located],
            };
            report.raise_with(raise);
            super::common::print_report(&report);
            exit = Exit::Error;
            continue;
        }
        let formatted = match crate::fmt::format(&file.text) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: `{}`: {e}", path.display());
                exit = Exit::Error;
                continue;
            }
        };
        if formatted == file.text {
            continue;
        }
        if args.check {
            println!("{}", path.display());
            if exit == Exit::Clean {
                exit = Exit::Findings;
            }
        } else if let Err(e) =
            may_write_in_place(path).and_then(|()| write_atomic(path, formatted.as_bytes()))
        {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            exit = Exit::Error;
        }
    }
    exit
}
