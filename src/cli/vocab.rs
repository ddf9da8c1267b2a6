//! `armistice vocab` (under construction).

/// Arguments of `armistice vocab`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `armistice vocab`.
pub fn run(_args: Args) -> super::Exit {
    super::Exit::Error
}
