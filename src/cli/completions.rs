//! `armistice completions SHELL`: the shell completion script (clap_complete).

use clap::CommandFactory;

use super::common::OutputOptions;
use super::{Cli, Exit};

/// Arguments of `armistice completions`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
    #[command(flatten)]
    pub(crate) output: OutputOptions,
}

/// Runs `armistice completions`: writes the script; exit 0, or 2 if it cannot be written.
pub(crate) fn run(args: Args) -> Exit {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "armistice", &mut buf);
    match args.output.write(&String::from_utf8_lossy(&buf)) {
        Ok(()) => Exit::Clean,
        Err(e) => e,
    }
}
