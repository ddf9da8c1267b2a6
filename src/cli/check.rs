//! `armistice check` (under construction).

/// Arguments of `armistice check`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `armistice check`.
pub fn run(_args: Args) -> super::Exit {
    super::Exit::Error
}
