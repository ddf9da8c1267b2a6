//! The command line: argument parsing (the only module that knows clap) and dispatch
//! to one function per subcommand, each returning an exit code (0, 1 or 2).

mod atomic;
mod check;
pub(crate) mod common;
mod compare;
mod completions;
mod concede;
mod diff;
mod draft;
mod exit;
#[cfg(test)]
mod flag_names;
mod fmt;
mod generate;
mod graph;
mod init;
pub(crate) mod limit_flags;
mod man;
mod report;
mod schema;
mod terms;
mod vocab;
mod whatif;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub(crate) use exit::Exit;

/// armistice compares negotiation proposals term by term.
#[derive(Debug, Parser)]
#[command(name = "armistice", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate proposal files and summarise them.
    Check(check::Args),
    /// Compare proposals: agreements, conflicts, blocked terms, open points, burden.
    Compare(compare::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
    /// Find the cheapest packages of concessions that leave no conflict.
    Concede(concede::Args),
    /// Show what changed between two versions of a proposal.
    Diff(diff::Args),
    /// Draft a proposal to review from a statement's text (JSONC, every term tied to its sentence).
    Draft(draft::Args),
    /// Rewrite proposal files in the canonical layout (or check them with --check).
    Fmt(fmt::Args),
    /// Draw the condition and relation graph (DOT or Mermaid).
    Graph(graph::Args),
    /// Write a new proposal file from a template, one example term per modality.
    Init(init::Args),
    /// Print the manual page (roff).
    Man(man::Args),
    /// Write the HTML briefing: verdict, terms side by side, conflicts, burden chart.
    Report(report::Args),
    /// Write a synthetic workload for benchmarks (a.json, b.json, a-next.json, vocab.json).
    #[command(hide = true)]
    Generate(generate::Args),
    /// Print the JSON Schema of the proposal format.
    Schema(schema::Args),
    /// Print one proposal's terms as a table (text, Markdown, CSV or JSON).
    Terms(terms::Args),
    /// Print the effective vocabulary.
    Vocab(vocab::Args),
    /// Evaluate what-if scenarios: edits to the proposals against the baseline.
    Whatif(whatif::Args),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Error.into()
            } else {
                Exit::Clean.into()
            };
        }
    };
    let exit = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Concede(args) => concede::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Draft(args) => draft::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Init(args) => init::run(args),
        Command::Man(args) => man::run(args),
        Command::Report(args) => report::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Terms(args) => terms::run(args),
        Command::Vocab(args) => vocab::run(args),
        Command::Whatif(args) => whatif::run(args),
    };
    exit.into()
}
