//! `armistice compare A B [C...]`: the comparison report.

use std::path::PathBuf;

use super::Exit;
use super::common::{InputOptions, OutputOptions, analyze_files};
use super::limit_flags::EngineLimitOptions;
use crate::report::compare::{Section, Sections, csv, json, markdown, text, timeline};
use crate::report::style::Painter;

/// Arguments of `armistice compare`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The proposal files to compare (two or more).
    #[arg(value_name = "PROPOSAL", required = true, num_args = 2..)]
    pub(crate) files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Show only these parts of the report (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub(crate) only: Vec<OnlyArg>,
    /// After the text report, draw every term's window on one axis of days: phases as
    /// bands, deadlines as marks, terms in a conflict marked.
    #[arg(long)]
    pub(crate) timeline: bool,
    #[command(flatten)]
    pub(crate) input: InputOptions,
    #[command(flatten)]
    pub(crate) engine: EngineLimitOptions,
    #[command(flatten)]
    pub(crate) output: OutputOptions,
}

/// Output formats of `armistice compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// A terminal report.
    Text,
    /// A Markdown briefing.
    Markdown,
    /// JSON for scripts (see docs/json-output.md).
    Json,
    /// The point-by-point table, for a spreadsheet.
    Csv,
}

/// Parts of the report for `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OnlyArg {
    /// The point-by-point table: each negotiated point a row, each proposal's terms in
    /// its column, each pair's relation marked (shown by default with three or more).
    Points,
    /// Direct and indirect conflicts.
    Conflicts,
    /// Divergences.
    Diverge,
    /// Terms left to be agreed.
    ToBeAgreed,
    /// Must against may.
    Compatible,
    /// Agreements.
    Agree,
    /// Blocked and pending terms.
    Blocked,
    /// Sequencing deadlocks.
    Deadlocks,
    /// Open points.
    Open,
    /// Terms all proposals agree on.
    Common,
    /// The burden matrix.
    Burden,
}

impl From<OnlyArg> for Section {
    fn from(o: OnlyArg) -> Section {
        match o {
            OnlyArg::Points => Section::Points,
            OnlyArg::Conflicts => Section::Conflicts,
            OnlyArg::Diverge => Section::Diverge,
            OnlyArg::ToBeAgreed => Section::ToBeAgreed,
            OnlyArg::Compatible => Section::Compatible,
            OnlyArg::Agree => Section::Agree,
            OnlyArg::Blocked => Section::Blocked,
            OnlyArg::Deadlocks => Section::Deadlocks,
            OnlyArg::Open => Section::Open,
            OnlyArg::Common => Section::Common,
            OnlyArg::Burden => Section::Burden,
        }
    }
}

/// Runs `armistice compare`: exit 0 when every pair is compatible (possibly with open
/// points), 1 when any pair conflicts, 2 on error.
pub(crate) fn run(args: Args) -> Exit {
    match compare(&args) {
        Ok(exit) | Err(exit) => exit,
    }
}

fn compare(args: &Args) -> Result<Exit, Exit> {
    if args.timeline && args.format != Format::Text {
        super::common::print_error(
            "the timeline is drawn in the text report only: leave out `--timeline`, or use `--format text`",
        );
        return Err(Exit::Error);
    }
    args.output.guard(&args.input.with_files(&args.files))?;
    let (vocab, analysis) = analyze_files(&args.files, &args.input, &args.engine.apply(args.input.limits()))?;
    let sections = if args.only.is_empty() {
        Sections::default()
    } else {
        Sections::only(&args.only.iter().map(|&o| o.into()).collect::<Vec<_>>())
    };
    // Nothing is rendered for `--quiet` without `-o`; a JSON report, which can be many
    // times the size of the inputs, is written as it is made.
    let painter = Painter::new(args.output.colored());
    args.output.write_with(|out| match args.format {
        Format::Text => {
            text::write(&analysis, &vocab, &sections, painter, out)?;
            if args.timeline {
                out.write_all(timeline::render(&analysis, painter).as_bytes())?;
            }
            Ok(())
        }
        Format::Markdown => out.write_all(markdown::render(&analysis, &vocab, &sections).as_bytes()),
        Format::Json => json::write(&analysis, &vocab, &sections, out),
        Format::Csv => out.write_all(csv::render(&analysis, &vocab).as_bytes()),
    })?;
    let exit = if analysis.has_conflict() {
        Exit::Findings
    } else {
        Exit::Clean
    };
    // The process ends with this command: its memory goes back to the system as a
    // whole, which is quicker than freeing a large analysis term by term.
    std::mem::forget(analysis);
    Ok(exit)
}
