//! `armistice terms FILE`: one proposal's terms as a table — text, Markdown, CSV or
//! JSON — with the meaning each term resolves to beside what was written. Exits 0
//! when it wrote the table, 2 when the file cannot be loaded.

use std::path::PathBuf;

use super::Exit;
use super::common::{self, InputOptions, OutputOptions};
use crate::report::terms;
use crate::terms::TermsTable;

/// Output formats of `armistice terms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// A table for a terminal, each term's wording below its row.
    Text,
    /// A Markdown table.
    Markdown,
    /// CSV, a column per field and per parameter, values as values.
    Csv,
    /// JSON, parameters and windows as values.
    Json,
}

/// Arguments of `armistice terms`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The proposal file.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    input: InputOptions,
    #[command(flatten)]
    output: OutputOptions,
}

/// Runs `armistice terms`.
pub(crate) fn run(args: Args) -> Exit {
    common::set_color(args.output.color);
    let files = std::slice::from_ref(&args.file);
    if let Err(e) = args.output.guard(&args.input.with_files(files)) {
        return e;
    }
    let mut vocab = match common::load_vocab(&args.input, files) {
        Ok(v) => v,
        Err(e) => return e,
    };
    let proposal = match common::load_proposals(files, &mut vocab, &args.input) {
        Ok(mut p) if p.len() == 1 => p.remove(0),
        Ok(_) => return Exit::Error,
        Err(e) => return e,
    };
    let table = TermsTable::new(&proposal, &vocab);
    let text = match args.format {
        Format::Text => crate::report::terminal::guard(&terms::text::render(&table), false).into_owned(),
        Format::Markdown => terms::markdown::render(&table),
        Format::Csv => terms::csv::render(&table),
        Format::Json => match terms::json::render(&table) {
            Ok(t) => t,
            Err(e) => {
                common::print_error(&format!("cannot write the terms: {e}"));
                return Exit::Error;
            }
        },
    };
    match args.output.write(&text) {
        Ok(()) => Exit::Clean,
        Err(e) => e,
    }
}
