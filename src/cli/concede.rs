//! `armistice concede A B [C...]`: the cheapest packages of moves after which no
//! conflict and no deadlock remains (with `--strict` no pending condition, with
//! `--contingent` no contingent conflict), each with its cost to each side, the moves
//! in words, the verdict after it as the engine found it, and the `whatif` command
//! that applies it; and the Pareto front of the proposals' costs.
//!
//! Exit codes agree with `compare` on the same inputs: 0 when no pair conflicts
//! (nothing to concede, or only pending conditions or contingent conflicts to
//! resolve), 1 when one does (packages listed, or none possible because red lines
//! clash), 2 on error (bad input or `--cost`, or the search budget exceeded).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::Exit;
use super::common::{InputOptions, OutputOptions, ReportFormat as Format, fail, load_compared, load_vocab};
use super::limit_flags::{EngineLimitOptions, SearchLimitOptions, search_stopped};
use crate::concede::{CostTable, Options, Progress, Scope, SolveError, concessions_with};
use crate::engine;
use crate::limits::Limits;
use crate::report::concede::{json, markdown, text};
use crate::report::style::Painter;
use crate::whatif::{Edit, shell_quote};

/// Arguments of `armistice concede`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The proposal files (two or more).
    #[arg(value_name = "PROPOSAL", required = true, num_args = 2..)]
    pub(crate) files: Vec<PathBuf>,
    /// How many packages to list: the optimal one and the next best.
    #[arg(long, value_name = "K", default_value_t = 5)]
    pub(crate) top: usize,
    /// Costs of the moves, over the defaults
    /// `red_line=never,core=4,normal=2,minor=1` (withdrawing a term, by its priority;
    /// `red_line=N` lets red lines move), `narrow=0.5,meet=0.5,drop=0.5,concurrent=0.25`
    /// (shares of that; `never` leaves a move out; `narrow` prices every narrowing,
    /// `narrow_time`, `narrow_scope`, `narrow_topics`, `narrow_partition` one each)
    /// and `commit_red_line=8` (committing to the other side's red line; other terms
    /// at their withdrawal cost).
    #[arg(long, value_name = "NAME=COST,...")]
    pub(crate) cost: Option<String>,
    /// Resolve pending and blocked conditions too (not terms pending by coverage);
    /// what the moves uncover or undo together is found by the engine and resolved
    /// too.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Resolve contingent conflicts too (those that conflict only after another
    /// term's outcome).
    #[arg(long)]
    pub(crate) contingent: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    #[command(flatten)]
    pub(crate) input: InputOptions,
    #[command(flatten)]
    pub(crate) engine: EngineLimitOptions,
    #[command(flatten)]
    pub(crate) search: SearchLimitOptions,
    #[command(flatten)]
    pub(crate) output: OutputOptions,
}

/// Runs `armistice concede` (exit codes in the module documentation).
pub(crate) fn run(args: Args) -> Exit {
    match concede(&args) {
        Ok(exit) | Err(exit) => exit,
    }
}

fn concede(args: &Args) -> Result<Exit, Exit> {
    args.output.guard(&args.input.with_files(&args.files))?;
    let costs = match &args.cost {
        Some(text) => CostTable::parse(text).map_err(|e| fail(&format!("--cost: {e}")))?,
        None => CostTable::default(),
    };
    let limits = args.search.apply(
        args.engine.apply(args.input.limits()),
        Limits::default().time_limit.unwrap_or(Duration::from_secs(60)),
    );
    let mut vocab = load_vocab(&args.input, &args.files)?;
    let proposals = load_compared(&args.files, &mut vocab, &args.input)?;
    let baseline = engine::analyze_with(proposals, &vocab, &limits)
        .map_err(|e| fail(&e.message(super::limit_flags::raise)))?;
    // The clock starts after loading and analysis: the time limit is the search's.
    let options = Options {
        top: args.top.max(1),
        ..Options::within(&limits)
    };
    let mut meter = ProgressLine::new(!args.output.quiet && std::io::stderr().is_terminal());
    let scope = Scope {
        strict: args.strict,
        contingent: args.contingent,
    };
    // The exit code is `compare`'s on the same inputs.
    let conflicting = baseline.has_conflict();
    let result = concessions_with(baseline, &costs, scope, &options, &vocab, &mut |p| meter.show(&p));
    meter.clear();
    let result = result.map_err(|e| match e {
        // Costs near 2^64 make the sums overflow: the advice is about `--cost`.
        SolveError::InvalidInstance { .. } if args.cost.is_some() => {
            fail(&format!("{e}; give smaller costs in `--cost`"))
        }
        _ => fail(&format!("{}, or lower `--top`", search_stopped(&e, &limits))),
    })?;
    // A front cut short leaves the packages standing; the flag that lets it run longer
    // is named here (the report says only that it was not found).
    if let Some(e) = &result.front_stopped {
        eprintln!(
            "note: the Pareto front was not found ({e}); the packages stand; give it more time with `--front-time-limit` (now {} s) or `--time-limit`",
            args.search.front_time_limit
        );
    }
    // The `try` command reads the same files as this run, vocabularies included, each
    // quoted for the shell, and each edit names its ids as the edit language reads them.
    let path = |f: &std::path::Path| {
        let shown = f.display().to_string();
        // A path that starts with `-` would read as a flag.
        let shown = if shown.starts_with('-') {
            format!("./{shown}")
        } else {
            shown
        };
        shell_quote(&shown)
    };
    let mut words: Vec<String> = args.files.iter().map(|f| path(f)).collect();
    words.extend(args.input.vocab.iter().map(|f| format!("--vocab {}", path(f))));
    let command = format!("armistice whatif {}", words.join(" "));
    // The whatif command that applies a package: its edits as `--edit` flags.
    let try_edits = |edits: &[Edit]| {
        let flags: Vec<String> = edits
            .iter()
            .map(|e| format!("--edit {}", shell_quote(&e.to_string())))
            .collect();
        format!("{command} {}", flags.join(" "))
    };
    if args.output.renders() {
        let rendered = match args.format {
            Format::Text => text::render(&result, try_edits, Painter::new(args.output.colored())),
            Format::Markdown => markdown::render(&result, try_edits),
            Format::Json => json::render(&result).map_err(|e| fail(&format!("cannot render JSON: {e}")))?,
        };
        args.output.write(&rendered)?;
    }
    Ok(if conflicting { Exit::Findings } else { Exit::Clean })
}

/// A one-line progress report on standard error for long searches, redrawn at most
/// ten times a second, and only on a terminal.
struct ProgressLine {
    enabled: bool,
    drawn: bool,
    last: Instant,
}

impl ProgressLine {
    fn new(enabled: bool) -> ProgressLine {
        ProgressLine {
            enabled,
            drawn: false,
            last: Instant::now(),
        }
    }

    fn show(&mut self, p: &Progress) {
        if !self.enabled || self.last.elapsed() < Duration::from_millis(100) {
            return;
        }
        self.last = Instant::now();
        self.drawn = true;
        let best = p.best_cost.map_or("none yet".to_owned(), |c| c.to_string());
        eprint!(
            "\rsearching: {} of at most {} nodes, {} package(s) found, best cost {best}\x1b[K",
            p.explored, p.max_nodes, p.found
        );
    }

    fn clear(&self) {
        if self.drawn {
            eprint!("\r\x1b[K");
        }
    }
}
