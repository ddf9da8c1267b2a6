//! `armistice schema` (under construction).

/// Arguments of `armistice schema`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `armistice schema`.
pub fn run(_args: Args) -> super::Exit {
    super::Exit::Error
}
