//! `armistice compare` (under construction).

/// Arguments of `armistice compare`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `armistice compare`.
pub fn run(_args: Args) -> super::Exit {
    super::Exit::Error
}
