//! `armistice report A B [C...] -o brief.html`: the standalone HTML briefing.

use std::path::PathBuf;
use std::time::Duration;

use super::Exit;
use super::common::{InputOptions, OutputOptions, analyze_files};
use super::limit_flags::{EngineLimitOptions, SearchLimitOptions, search_stopped};
use crate::concede::{self, Options};
use crate::engine::Analysis;
use crate::limits::Limits;
use crate::report::html;
use crate::vocab::Vocab;

/// Arguments of `armistice report`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The proposal files to compare (two or more).
    #[arg(value_name = "PROPOSAL", required = true, num_args = 2..)]
    pub(crate) files: Vec<PathBuf>,
    /// Exit 1 when a pair of proposals conflicts or deadlocks (without it, exit 0 once
    /// the page is written, whatever it finds).
    #[arg(long)]
    pub(crate) exit_code: bool,
    #[command(flatten)]
    pub(crate) input: InputOptions,
    #[command(flatten)]
    pub(crate) engine: EngineLimitOptions,
    #[command(flatten)]
    pub(crate) search: SearchLimitOptions,
    #[command(flatten)]
    pub(crate) output: OutputOptions,
}

/// Runs `armistice report`: exit 0 once the page is written (with `--exit-code`, 1 when
/// a pair conflicts), 2 on error.
pub(crate) fn run(args: Args) -> Exit {
    match report(&args) {
        Ok(exit) | Err(exit) => exit,
    }
}

fn report(args: &Args) -> Result<Exit, Exit> {
    args.output.guard(&args.input.with_files(&args.files))?;
    let limits = args
        .search
        .apply(args.engine.apply(args.input.limits()), APPENDIX_TIME);
    // The concessions appendix evaluates packages as what-ifs from this analysis.
    let (vocab, analysis) = analyze_files(&args.files, &args.input, &limits)?;
    // The page, and the concession search of its appendix, only if it is written.
    if args.output.renders() {
        let appendix = concessions(&analysis, &vocab, &limits);
        args.output
            .write_with(|out| html::render_to(&analysis, &vocab, vec![appendix], out))?;
    }
    Ok(if args.exit_code && analysis.has_conflict() {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// How long the concessions appendix may search without `--time-limit`: the briefing
/// should not wait long for its appendix.
const APPENDIX_TIME: Duration = Duration::from_secs(10);

/// The cheapest concession packages, as a section of the page; a search that runs out
/// of its budget says so there instead of failing the report.
fn concessions(analysis: &Analysis, vocab: &Vocab, limits: &Limits) -> html::Appendix {
    let options = Options {
        top: 3,
        ..Options::within(limits)
    };
    match concede::concessions(
        analysis.clone(),
        &concede::CostTable::default(),
        &options,
        vocab,
        &mut |_| {},
    ) {
        Ok(c) => html::concede::appendix(&c),
        Err(e) => {
            let mut body = html::escape::Html::new();
            body.el(
                "p",
                "",
                &format!(
                    "The search for concessions stopped: {}.",
                    search_stopped(&e, limits)
                ),
            );
            html::Appendix {
                id: "concessions".into(),
                title: "Cheapest concessions".into(),
                body,
            }
        }
    }
}
