//! `armistice diff` (under construction).

/// Arguments of `armistice diff`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `armistice diff`.
pub fn run(_args: Args) -> super::Exit {
    super::Exit::Error
}
