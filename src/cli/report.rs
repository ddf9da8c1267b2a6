//! `armistice report A B [C...] -o brief.html`: the standalone HTML briefing.

use std::path::PathBuf;

use super::Exit;
use super::common::{InputOptions, OutputOptions, load_proposals, load_vocab};
use crate::engine;
use crate::report::html;

/// Arguments of `armistice report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The proposal files to compare (two or more).
    #[arg(value_name = "PROPOSAL", required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputOptions,
    #[command(flatten)]
    pub output: OutputOptions,
}

/// Runs `armistice report`: exit 0 when no pair conflicts, 1 when one does, 2 on error.
pub fn run(args: Args) -> Exit {
    match report(&args) {
        Ok(exit) | Err(exit) => exit,
    }
}

fn report(args: &Args) -> Result<Exit, Exit> {
    let vocab = load_vocab(&args.input)?;
    let proposals = load_proposals(&args.files, &vocab, &args.input)?;
    let analysis = engine::analyze(proposals, &vocab).map_err(|e| {
        eprintln!("error: {e}");
        Exit::Error
    })?;
    // Concession packages will join here as an appendix once `concede` exists.
    let page = html::render(&analysis, &vocab, Vec::new());
    args.output.write(&page)?;
    Ok(if analysis.has_conflict() {
        Exit::Findings
    } else {
        Exit::Clean
    })
}
