//! `armistice graph A B [C...]`: the condition and relation graph in DOT or Mermaid.

use std::path::PathBuf;

use super::Exit;
use super::common::{InputOptions, OutputOptions, analyze_files};
use super::limit_flags::EngineLimitOptions;
use crate::report::graph::{self, dot, mermaid};

/// Arguments of `armistice graph`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The proposal files to compare (two or more).
    #[arg(value_name = "PROPOSAL", required = true, num_args = 2..)]
    pub(crate) files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    pub(crate) format: Format,
    /// Exit 1 when a pair of proposals conflicts or deadlocks (without it, exit 0 once
    /// the graph is written, whatever it finds).
    #[arg(long)]
    pub(crate) exit_code: bool,
    #[command(flatten)]
    pub(crate) input: InputOptions,
    #[command(flatten)]
    pub(crate) engine: EngineLimitOptions,
    #[command(flatten)]
    pub(crate) output: OutputOptions,
}

/// Output formats of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Graphviz DOT (render with `dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart (renders in GitHub Markdown).
    Mermaid,
}

/// Runs `armistice graph`: exit 0 once the graph is written (with `--exit-code`, 1 when a
/// pair conflicts), 2 on error.
pub(crate) fn run(args: Args) -> Exit {
    match render(&args) {
        Ok(exit) | Err(exit) => exit,
    }
}

fn render(args: &Args) -> Result<Exit, Exit> {
    args.output.guard(&args.input.with_files(&args.files))?;
    let (vocab, analysis) = analyze_files(&args.files, &args.input, &args.engine.apply(args.input.limits()))?;
    let g = graph::build(&analysis, &vocab);
    if args.output.renders() {
        let rendered = match args.format {
            Format::Dot => dot::render(&g),
            Format::Mermaid => mermaid::render(&g),
        };
        args.output.write(&rendered)?;
    }
    Ok(if args.exit_code && analysis.has_conflict() {
        Exit::Findings
    } else {
        Exit::Clean
    })
}
