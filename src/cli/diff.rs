//! `armistice diff OLD NEW`: what changed between two versions of a proposal.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::Exit;
use super::common::{InputOptions, OutputOptions, distinct_ids, load_proposals, load_vocab};
use super::limit_flags::{EngineLimitOptions, raise};
use crate::diff::{DiffOptions, json_patch};
use crate::load::SourceFile;
use crate::report::diff::{json, markdown, patch, text};
use crate::resolved::ResolvedProposal;

/// Arguments of `armistice diff`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The old version of the proposal.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The new version of the proposal.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Output format (`patch`: an RFC 6902 JSON Patch from OLD's JSON to NEW's).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Fields to leave out of the comparison, comma-separated (repeatable), for
    /// example `text,source,note`.
    #[arg(long, value_name = "FIELDS")]
    ignore: Vec<String>,
    /// Also show the change impact against OTHER: the relations with it that the
    /// change created or removed, and the verdict before and after.
    #[arg(long, value_name = "OTHER")]
    against: Option<PathBuf>,
    #[command(flatten)]
    input: InputOptions,
    #[command(flatten)]
    engine: EngineLimitOptions,
    #[command(flatten)]
    output: OutputOptions,
}

/// Output formats of `armistice diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For a terminal: one line per change, the wording as an inline word diff.
    Text,
    /// For briefings and pull requests.
    Markdown,
    /// For scripts (see docs/json-output.md).
    Json,
    /// An RFC 6902 JSON Patch that turns OLD's JSON into NEW's.
    Patch,
}

/// Runs `armistice diff`: exit 0 when the versions are the same in meaning, 1 when
/// they differ, 2 on error.
pub(crate) fn run(args: Args) -> Exit {
    match diff(&args) {
        Ok(exit) | Err(exit) => exit,
    }
}

fn diff(args: &Args) -> Result<Exit, Exit> {
    let opts = DiffOptions::ignoring(&args.ignore.join(",")).map_err(|e| {
        eprintln!("error: --ignore: {e}");
        Exit::Error
    })?;
    let mut paths = vec![args.old.clone(), args.new.clone()];
    paths.extend(args.against.clone());
    args.output.guard(&args.input.with_files(&paths))?;
    let mut vocab = load_vocab(&args.input, &paths)?;
    let loaded = load_proposals(&paths, &mut vocab, &args.input)?;
    // The two versions may share their id; the proposal they are measured against may not.
    distinct_ids(&paths, &loaded, &args.input, 2)?;
    let (old, new, other) = match loaded.as_slice() {
        [old, new] => (old, new, None),
        [old, new, other] => (old, new, Some(other)),
        _ => return Err(Exit::Error),
    };
    let mut d = crate::diff::diff(old, new, &vocab, &opts);
    if let Some(other) = other {
        let limits = args.engine.apply(args.input.limits());
        let impact = crate::diff::impact_with(old, new, other, &d, &vocab, &limits).map_err(|e| {
            eprintln!("error: --against: {}", e.message(raise));
            Exit::Error
        })?;
        d.impact = Some(impact);
    }
    // Nothing is rendered for `--quiet` without `-o`; JSON, which lists every term of
    // both versions, is written as it is made.
    let colored = args.output.colored();
    args.output.write_with(|out| match args.format {
        Format::Text => out.write_all(text::render(&d, colored).as_bytes()),
        Format::Markdown => out.write_all(markdown::render(&d).as_bytes()),
        Format::Json => json::write(&d, out),
        Format::Patch => {
            let (a, b) = (file_json(&args.old, old), file_json(&args.new, new));
            out.write_all(patch::render(&json_patch(&a, &b, &d.pairs())).as_bytes())
        }
    })?;
    let exit = if d.is_same_in_meaning() {
        Exit::Clean
    } else {
        Exit::Findings
    };
    // The process ends with this command: its memory goes back to the system as a
    // whole, which is quicker than freeing two large proposals term by term.
    std::mem::forget((d, loaded));
    Ok(exit)
}

/// The JSON of a proposal file as written; when the file is not plain JSON (say, it
/// has comments), the JSON of the proposal as read.
fn file_json(path: &Path, p: &ResolvedProposal) -> Value {
    SourceFile::read(path)
        .ok()
        .and_then(|f| serde_json::from_str(&f.text).ok())
        .or_else(|| serde_json::to_value(&p.proposal).ok())
        .unwrap_or(Value::Null)
}
