//! `armistice schema`: prints the JSON Schema of the proposal file format (or, with
//! `--vocab-schema`, of the vocabulary file format), generated from the serde types.
//! The generated schemas are committed as `schema/*.schema.json`.

use super::Exit;
use super::common::OutputOptions;
use crate::model::Proposal;
use crate::vocab::VocabFile;

/// Arguments of `armistice schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Print the schema of vocabulary files (`--vocab FILE`) instead of proposals.
    #[arg(long)]
    vocab_schema: bool,
    #[command(flatten)]
    output: OutputOptions,
}

/// Runs `armistice schema`.
pub(crate) fn run(args: Args) -> Exit {
    let schema = if args.vocab_schema {
        schemars::schema_for!(VocabFile)
    } else {
        schemars::schema_for!(Proposal)
    };
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => match args.output.write(&format!("{text}\n")) {
            Ok(()) => Exit::Clean,
            Err(e) => e,
        },
        Err(e) => {
            super::common::print_error(&format!("cannot write the schema: {e}"));
            Exit::Error
        }
    }
}
